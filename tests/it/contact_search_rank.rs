//! The contact search (top bar and contacts page) ranks as the customer search does — the name
//! starts with the word, a later word of it does, anything else; ties by name, then id — and with
//! many matches reads rank by rank from the contacts' indexes (decision 0061) giving exactly the
//! plain query's rows; a consultant never sees another department's contacts; the word index
//! follows contacts as they are written, changed and erased.

use kundekort::{
    collate::sort_key,
    contacts::{name_words, store::search_all},
    customers::{access::Visibility, model::CustomerDraft},
    db::bulk::Rows,
};

use crate::{
    db_test,
    support::fixtures::{add_contact, two_customers},
};

fn draft(name: &str, owner: i64, dep: i64) -> CustomerDraft {
    CustomerDraft {
        name: name.into(),
        status: "active".into(),
        owner_id: owner.to_string(),
        department_id: dep.to_string(),
        ..Default::default()
    }
}

const LASTS: [&str; 9] = [
    "Hansen",
    "Hansen-Berg",
    "Berg",
    "Åsen",
    "Øvreås",
    "Johansen",
    "Solberg",
    "Nilsen",
    "Ærø",
];
const FIRSTS: [&str; 9] = [
    "Hans",
    "Hanseatiskeforbundet",
    "Per",
    "Hanseatiskeforbundet",
    "Åse",
    "Hanseatiskeforbundet",
    "Kari Hans",
    "Hans-Petter",
    "Ørjan",
];

db_test!(
    many_contact_matches_are_read_rank_by_rank_in_the_same_order,
    |app| {
        let fx = &app.fx;
        // Ola (Oslo) sees a, b (his department) and d (his own); c is Bergen's alone.
        let a = app
            .customer(draft("Nordlys AS", fx.consultant_oslo, fx.oslo))
            .await;
        let b = app
            .customer(draft("Oslo Bygg AS", fx.consultant_bergen, fx.oslo))
            .await;
        let c = app
            .customer(draft("Bergen Rør AS", fx.consultant_bergen, fx.bergen))
            .await;
        let d = app
            .customer(draft("Vest Elektro AS", fx.consultant_oslo, fx.bergen))
            .await;
        let customers = [a, b, c, d];
        // Many contacts with ties (the same name many times), hyphens, Norwegian letters, a word
        // longer than the word index's 12 characters, matches by email only, inactive and erased
        // ones.
        let mut rows = Rows::new(
            "INSERT INTO contacts (customer_id, first_name, last_name, email, active, search_text, \
         sort_name, created_at, updated_at, anonymised_at) VALUES ",
            200,
        );
        for i in 0..3_600_usize {
            let erased = i % 97 == 5;
            let (first, last) = if erased {
                ("—", "—")
            } else {
                (FIRSTS[(i / 9) % 9], LASTS[i % 9])
            };
            let email = (!erased).then(|| {
                format!(
                    "k{i}@{}",
                    if i % 2 == 0 {
                        "byggmester.no"
                    } else {
                        "example.no"
                    }
                )
            });
            let (search_text, sort_name) = if erased {
                (String::new(), String::new())
            } else {
                (
                    format!("{first} {last} {}", email.as_deref().unwrap_or_default())
                        .to_lowercase(),
                    sort_key(&format!("{last} {first}")),
                )
            };
            rows.row()
                .push("(")
                .bind(customers[i % 4])
                .push(", ")
                .bind(first.to_string())
                .push(", ")
                .bind(last.to_string())
                .push(", ")
                .bind(email)
                .push(", ")
                .bind(i64::from(i % 13 != 0))
                .push(", ")
                .bind(search_text)
                .push(", ")
                .bind(sort_name)
                .push(", 0, 0, ")
                .bind(erased.then_some(1_i64))
                .push(")");
        }
        let mut conn = app.db.pool.acquire().await.unwrap();
        rows.execute(&mut conn).await.unwrap();
        name_words::rebuild(&mut conn).await.unwrap();
        assert_eq!(
            name_words::check(&mut conn, 10).await.unwrap(),
            Vec::<i64>::new()
        );
        drop(conn);

        let ola = Visibility::DepartmentOrOwn {
            user_id: fx.consultant_oslo,
            department_id: Some(fx.oslo),
        };
        let ola_sql = format!(
            " AND (c.owner_id = {} OR c.department_id = {})",
            fx.consultant_oslo, fx.oslo
        );
        let mut tiered = 0;
        for q in [
            "hans",
            "hansen",
            "Åse",
            "berg",
            "hanseatiskeforb",
            "hans per",
            "bygg",
            "ØRJAN",
        ] {
            let terms = kundekort::db::search::terms(q);
            let long: Vec<&String> = terms.iter().filter(|t| t.chars().count() >= 3).collect();
            let t = sort_key(long[0]);
            let condition: String = long
                .iter()
                .map(|w| format!(" AND k.search_text LIKE '%{w}%'"))
                .collect();
            let order = format!(
                "CASE WHEN k.sort_name LIKE '{t}%' THEN 0 \
             WHEN k.sort_name LIKE '% {t}%' OR k.sort_name LIKE '%-{t}%' THEN 1 ELSE 2 END, \
             k.sort_name, k.id"
            );
            for (who, visibility, filter) in [
                ("admin", Visibility::All, String::new()),
                ("ola", ola, ola_sql.clone()),
            ] {
                let base = format!(
                    "FROM contacts k JOIN customers c ON c.id = k.customer_id \
                 WHERE k.anonymised_at IS NULL{filter}{condition}"
                );
                let (total,): (i64,) =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {base}")))
                        .fetch_one(&app.db.pool)
                        .await
                        .unwrap();
                assert!(total > 0, "{q} {who}");
                if total > kundekort::contacts::ranked::MANY {
                    tiered += 1;
                }
                for limit in [1_i64, 5, 6, 50, 101, 700, 1_500, 4_000] {
                    let expected: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT k.id {base} ORDER BY {order} LIMIT {limit}"
                    )))
                    .fetch_all(&app.db.pool)
                    .await
                    .unwrap();
                    let expected: Vec<i64> = expected.into_iter().map(|(id,)| id).collect();
                    let got: Vec<i64> = search_all(&app.db, visibility, q, limit)
                        .await
                        .unwrap()
                        .into_iter()
                        .map(|f| f.id)
                        .collect();
                    assert_eq!(got, expected, "{q} as {who}, {limit} rows ({total} match)");
                }
            }
        }
        assert!(
            tiered >= 6,
            "most searches above have many matches ({tiered})"
        );

        // Through the top bar (API) and the contacts page: Ola sees no contact of Bergen's customer.
        let ola_client = app.login("ola@test.no").await;
        let res = ola_client
            .get(app.url("/api/v1/search?q=hans&limit=20"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let json: serde_json::Value = res.json().await.unwrap();
        let contacts = json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["kind"] == "contacts")
            .expect("contacts found");
        let hrefs: Vec<&str> = contacts["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["href"].as_str().unwrap())
            .collect();
        assert_eq!(hrefs.len(), 20);
        assert!(
            hrefs
                .iter()
                .all(|h| !h.starts_with(&format!("/customers/{c}/"))),
            "{hrefs:?}"
        );
        // The first ones are the Hansens (rank 0), in name order: "Hansen Hans" first.
        assert_eq!(contacts["items"][0]["title"], "Hans Hansen");
        let page = ola_client
            .get(app.url("/contacts?q=hans"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Hans Hansen"), "{page}");
        assert!(
            !page.contains("Bergen Rør AS"),
            "Bergen's customer's contacts"
        );
        let berit = app.login("berit@test.no").await;
        let page = berit
            .get(app.url("/contacts?q=hans"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Bergen Rør AS"));
        assert!(!page.contains("Nordlys AS"), "Oslo's customer's contacts");
    }
);

db_test!(
    the_contact_word_index_follows_contacts_as_they_are_written,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        let cid = add_contact(
            &ola,
            app,
            oslo,
            &[("first_name", "Kari Åse"), ("last_name", "Nordmann")],
        )
        .await;
        let words = async || -> Vec<String> {
            let rows: Vec<(String,)> = sqlx::query_as(
                "SELECT prefix FROM contact_name_words WHERE contact_id = $1 ORDER BY prefix",
            )
            .bind(cid)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
            rows.into_iter().map(|(p,)| p).collect()
        };
        let in_step = async || {
            let mut conn = app.db.pool.acquire().await.unwrap();
            assert_eq!(
                name_words::check(&mut conn, 10).await.unwrap(),
                Vec::<i64>::new()
            );
        };
        // "nordmann kari åse": the later words' prefixes.
        assert_eq!(words().await, vec!["kar", "kari", sort_key("åse").as_str()]);
        in_step().await;
        // Renamed through the form: the old words go, the new ones come.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{cid}")))
            .form(&[
                ("first_name", "Ørjan"),
                ("last_name", "Nordmann-Vik"),
                ("version", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            words().await,
            vec![
                "vik".to_string(),
                sort_key("ørj"),
                sort_key("ørja"),
                sort_key("ørjan")
            ]
        );
        in_step().await;
        // Found by the new first name, not the old one.
        let found = async |q: &str| -> String {
            ola.get(app.url(&format!("/contacts?q={q}")))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        };
        assert!(found("%C3%B8rjan").await.contains("Ørjan Nordmann-Vik"));
        assert!(!found("kari").await.contains("Nordmann"));
        // Erased (GDPR): no name, no words.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{cid}/erase")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(words().await, Vec::<String>::new());
        in_step().await;
    }
);
