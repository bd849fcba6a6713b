//! The hiring rules as data: the admin's settings page (cost shares, margin floor, the counties
//! of the building-site ban) changes the lights at once, and the customer's contact enters or
//! confirms the hirer's own pay for a position in the portal.

mod portal;

use crate::db_test;
use crate::support::http::location;
use crate::support::{TestApp, fixtures::customer_with_contacts};

/// A worker made through the form; their id.
async fn worker(client: &reqwest::Client, app: &TestApp) -> i64 {
    let res = client
        .post(app.url("/workers"))
        .form(&[("name", "Kari Nordmann"), ("status", "employee")])
        .send()
        .await
        .unwrap();
    location(res)
        .await
        .trim_start_matches("/workers/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// A green assignment at the Oslo customer (workplace in Bergen, county 46): bill 450, pay 230
/// (a margin of 34.0 %), with or without the hirer's terms and on a building site or not. The
/// detail page's path.
async fn assignment(app: &TestApp, customer: i64, terms: bool, building_site: bool) -> String {
    let ola = app.login("ola@test.no").await;
    let w = worker(&ola, app).await;
    let mut form: Vec<(&str, String)> = vec![
        ("worker_id", w.to_string()),
        ("title", "Lagermedarbeider".into()),
        ("styrk_code", "9333".into()),
        ("from_date", "2027-01-04".into()),
        ("to_date", "2027-03-31".into()),
        ("hours_per_week", "37,5".into()),
        ("day", "1".into()),
        ("day", "2".into()),
        ("day", "3".into()),
        ("day", "4".into()),
        ("day", "5".into()),
        ("day_start", "07:30".into()),
        ("day_end", "15:30".into()),
        ("break_minutes", "30".into()),
        ("bill_rate", "450".into()),
        ("pay_rate", "230".into()),
        ("legal_basis", "temporary_work".into()),
        ("legal_basis_text", "Vareopptelling".into()),
        ("workplace_postal_code", "5003".into()),
    ];
    if terms {
        form.push(("equal_pay", "225".into()));
        form.push(("equal_confirmed_on", "2026-10-01".into()));
    }
    if building_site {
        form.push(("building_site", "1".into()));
    }
    let res = ola
        .post(app.url(&format!("/customers/{customer}/assignments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    location(res).await.split('?').next().unwrap().to_string()
}

/// The detail page as Ola sees it.
async fn detail(app: &TestApp, path: &str) -> String {
    let ola = app.login("ola@test.no").await;
    let res = ola.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

fn light(page: &str) -> &'static str {
    ["light-red", "light-yellow", "light-green"]
        .into_iter()
        .find(|l| page.contains(&format!("class=\"light {l}\"")))
        .unwrap_or("none")
}

/// The settings form with the defaults, `changes` replacing fields (a `county` replaces all).
fn settings_form(changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut form: Vec<(&str, String)> = vec![
        ("holiday_pay", "12,0 %".into()),
        ("employer_contribution", "14,1 %".into()),
        ("pension", "2,0".into()),
        ("insurance", "1,0".into()),
        ("margin_floor", "15,0".into()),
    ];
    form.retain(|(k, _)| !changes.iter().any(|(c, _)| c == k));
    if !changes.iter().any(|(c, _)| *c == "county") {
        for c in ["03", "31", "32", "33", "39"] {
            form.push(("county", c.into()));
        }
    }
    form.extend(changes.iter().map(|(k, v)| (*k, v.to_string())));
    form
}

db_test!(
    the_admin_raises_the_margin_floor_and_a_lower_margin_turns_yellow,
    |app| {
        let (oslo, ..) = customer_with_contacts(app).await;
        let path = assignment(app, oslo, true, false).await;
        let page = detail(app, &path).await;
        assert_eq!(light(&page), "light-green", "{page}");
        // Staff entered the hirer's terms: the assignment says who and when.
        assert!(page.contains("Bekreftet 01.10.2026 av Ola Oslo"), "{page}");

        let admin = app.admin().await;
        let page = admin.get(app.url("/admin/hiring")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("til sammen 29,1 %"), "{page}");
        assert!(page.contains("250,00 kr/t koster 322,75 kr/t"), "{page}");
        assert!(page.contains("id=\"county-03\" checked"), "{page}");
        assert!(!page.contains("id=\"county-46\" checked"), "{page}");

        let res = admin
            .post(app.url("/admin/hiring"))
            .form(&settings_form(&[("margin_floor", "40 %")]))
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/admin/hiring?saved=1");
        let page = detail(app, &path).await;
        assert_eq!(light(&page), "light-yellow", "{page}");
        assert!(
            page.contains("Dekningsbidraget er under firmaets nedre grense"),
            "{page}"
        );
        // The change is in the audit log, on no customer's card.
        let (changes,): (String,) = sqlx::query_as(
        "SELECT changes FROM audit_log WHERE entity = 'assignment-settings' AND customer_id IS NULL",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
        assert!(
            changes.contains("margin_floor") && changes.contains("40,0 %"),
            "{changes}"
        );
    }
);

db_test!(a_consultant_may_not_change_the_hiring_settings, |app| {
    let ola = app.login("ola@test.no").await;
    let res = ola.get(app.url("/admin/hiring")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res = ola
        .post(app.url("/admin/hiring"))
        .form(&settings_form(&[("margin_floor", "90")]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let (floor,): (i64,) =
        sqlx::query_as("SELECT margin_floor_bp FROM assignment_settings WHERE id = 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(floor, 1500);
});

db_test!(a_bad_percentage_is_refused_with_a_message_and_kept, |app| {
    let admin = app.admin().await;
    let res = admin
        .post(app.url("/admin/hiring"))
        .form(&settings_form(&[
            ("holiday_pay", "12,5,0"),
            ("margin_floor", "20"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Skriv en prosent med høyst to desimaler"),
        "{page}"
    );
    assert!(page.contains("value=\"12,5,0\""), "{page}");
    assert!(page.contains("value=\"20\""), "{page}");
    let (holiday, floor): (i64, i64) = sqlx::query_as(
        "SELECT holiday_pay_bp, margin_floor_bp FROM assignment_settings WHERE id = 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((holiday, floor), (1200, 1500), "nothing was saved");
});

db_test!(a_banned_county_flips_a_building_site_assignment, |app| {
    let (oslo, ..) = customer_with_contacts(app).await;
    let path = assignment(app, oslo, true, true).await;
    assert_eq!(light(&detail(app, &path).await), "light-green");

    // Vestland (46) banned too: the building site in Bergen is red.
    let admin = app.admin().await;
    let res = admin
        .post(app.url("/admin/hiring"))
        .form(&settings_form(&[
            ("county", "03"),
            ("county", "31"),
            ("county", "46"),
        ]))
        .send()
        .await
        .unwrap();
    location(res).await;
    let page = detail(app, &path).await;
    assert_eq!(light(&page), "light-red", "{page}");
    assert!(
        page.contains("bygningsarbeid på byggeplass er forbudt i dette fylket"),
        "{page}"
    );
    let (stored,): (String,) =
        sqlx::query_as("SELECT building_site_ban_counties FROM assignment_settings")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, "03,31,46");

    // And lifted again.
    let res = admin
        .post(app.url("/admin/hiring"))
        .form(&settings_form(&[("county", "03")]))
        .send()
        .await
        .unwrap();
    location(res).await;
    assert_eq!(light(&detail(app, &path).await), "light-green");
});
