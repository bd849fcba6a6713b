//! The municipality filter's choices: only places with customers, counted, and by name alone
//! for a county too large to count.

use kundekort::customers::model::CustomerDraft;

use super::five;
use crate::{db_test, support::fixtures::many_customers};

db_test!(
    the_municipality_filter_offers_only_places_with_customers_and_counts_them,
    |app| {
        five(app).await;
        app.customer(CustomerDraft {
            name: "Askøy Kai AS".into(),
            status: "potential".into(),
            visit_postal_code: "5300".into(),
            owner_id: app.fx.consultant_bergen.to_string(),
            department_id: app.fx.bergen.to_string(),
            ..Default::default()
        })
        .await;
        let lise = app.login("leder@test.no").await;
        let get = |url: String| {
            let lise = lise.clone();
            async move {
                let res = lise.get(app.url(&url)).send().await.unwrap();
                assert_eq!(res.status(), 200, "{url}");
                res.text().await.unwrap()
            }
        };
        // The whole page: Vestland's municipalities with customers, with their counts; none of
        // the county's other municipalities.
        let page = get("/customers?county=46".into()).await;
        assert!(
            page.contains("<option value=\"4601\" >Bergen (2)</option>"),
            "{page}"
        );
        assert!(
            page.contains("<option value=\"4627\" >Askøy (1)</option>"),
            "{page}"
        );
        assert!(!page.contains("Kinn"), "{page}");
        // The results htmx loads as the filters change carry the choices for those filters.
        let fragment = |client: reqwest::Client, query: &'static str| async move {
            let res = client
                .get(app.url(&format!("/customers?{query}")))
                .header("hx-request", "true")
                .header("hx-target", "results")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{query}");
            let body = res.text().await.unwrap();
            let at = body
                .find("<select name=\"municipality\"")
                .expect("the choices");
            body[at..].trim_end().to_string()
        };
        let all = "<option value=\"\">Alle kommuner</option>";
        assert_eq!(
            fragment(lise.clone(), "county=46&status=active").await,
            format!(
                "<select name=\"municipality\" id=\"filter-municipality\" hx-swap-oob=\"true\">{all}<option value=\"4601\">Bergen (1)</option></select>"
            )
        );
        // The chosen municipality stays offered when the other filters leave it empty.
        assert!(
            fragment(lise.clone(), "county=46&status=former&municipality=4627")
                .await
                .contains(&format!(
                    "{all}<option value=\"4627\" selected>Askøy (0)</option></select>"
                ))
        );
        assert!(
            fragment(lise.clone(), "county=")
                .await
                .contains(&format!("hx-swap-oob=\"true\">{all}</select>"))
        );
        // A consultant counts only the customers they may see.
        let ola = app.login("ola@test.no").await;
        assert!(
            fragment(ola, "county=46")
                .await
                .contains(&format!("hx-swap-oob=\"true\">{all}</select>"))
        );
    }
);

db_test!(
    a_county_too_large_to_count_offers_its_municipalities_by_name,
    |app| {
        // One more than the bound in Bergen, of no department, and one former customer in
        // Askøy of the Bergen department.
        let over = kundekort::customers::list::MUNICIPALITY_COUNT_BOUND + 1;
        many_customers(app, over, 600_000, Some(("46", "4601"))).await;
        sqlx::query(
            "INSERT INTO customers (customer_number, name, status, county_no, municipality_no, \
             department_id, search_text, sort_name, created_at, updated_at) \
             VALUES (700000, 'Askøy Kai AS', 'former', '46', '4627', $1, 'askøy kai as', \
             'askoy kai as', 0, 0)",
        )
        .bind(app.fx.bergen)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let choices = |client: reqwest::Client, query: &'static str| async move {
            let res = client
                .get(app.url(&format!("/customers?{query}")))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{query}");
            let body = res.text().await.unwrap();
            let at = body
                .find("<select name=\"municipality\"")
                .expect("the choices");
            let end = body[at..]
                .find("</select>")
                .expect("the end of the choices");
            body[at..at + end].to_string()
        };
        let admin = app.admin().await;
        // More than the bound in the county: every municipality of it, by name, none counted —
        // whatever the other filters (a filter matching few rows would otherwise make the count
        // read the whole county).
        for query in ["county=46", "county=46&status=former", "county=46&q=askøy"] {
            let found = choices(admin.clone(), query).await;
            assert!(found.contains(">Bergen</option>"), "{query}: {found}");
            assert!(found.contains(">Askøy</option>"), "{query}: {found}");
            assert!(found.contains(">Kinn</option>"), "{query}: {found}");
            assert!(!found.contains(" ("), "{query}: {found}");
        }
        let found = choices(admin.clone(), "county=46&municipality=4627").await;
        assert!(found.contains(" selected>Askøy</option>"), "{found}");
        assert!(!found.contains(" ("), "{found}");
        // A consultant who sees only their department's customers sees a small county there:
        // counted.
        let berit = app.login("berit@test.no").await;
        let found = choices(berit, "county=46").await;
        assert!(found.contains(">Askøy (1)</option>"), "{found}");
        assert!(!found.contains("Bergen"), "{found}");
    }
);
