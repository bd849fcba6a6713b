//! The contacts page: its search, and before anything is typed the user's own customers'
//! contacts (decision 0074).

use kundekort::{
    collate::sort_key,
    contacts::{name_words, store::search_all_after},
    customers::{access::Visibility, model::CustomerDraft},
    db::bulk::Rows,
};

use super::{get_html, html_ids, next_link, walk_html};
use crate::db_test;

db_test!(contact_search_pages_read_on_from_the_last_contact, |app| {
    const LASTS: [&str; 6] = ["Hansen", "Hansen-Berg", "Berg", "Åsen", "Øvreås", "Ærø"];
    const FIRSTS: [&str; 5] = ["Hans", "Per", "Åse", "Kari Hans", "Hans-Petter"];
    let fx = &app.fx;
    let draft = |name: &str, owner: i64, dep: i64| CustomerDraft {
        name: name.into(),
        status: "active".into(),
        owner_id: owner.to_string(),
        department_id: dep.to_string(),
        ..Default::default()
    };
    // Ola (Oslo) sees a (his own, in Oslo), b (his department) and d (his own, in Bergen);
    // c is Bergen's alone.
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
    let mut rows = Rows::new(
        "INSERT INTO contacts (customer_id, first_name, last_name, email, active, search_text, \
         sort_name, created_at, updated_at) VALUES ",
        200,
    );
    for i in 0..3_000_usize {
        // Six last names × five first names: every full name a hundred times, ties everywhere.
        let (first, last) = (FIRSTS[(i / 6) % 5], LASTS[i % 6]);
        let email = format!(
            "k{i}@{}",
            if i % 2 == 0 {
                "byggmester.no"
            } else {
                "example.no"
            }
        );
        rows.row()
            .push("(")
            .bind(customers[(i / 3) % 4])
            .push(", ")
            .bind(first.to_string())
            .push(", ")
            .bind(last.to_string())
            .push(", ")
            .bind(email.clone())
            .push(", 1, ")
            .bind(format!("{first} {last} {email}").to_lowercase())
            .push(", ")
            .bind(sort_key(&format!("{last} {first}")))
            .push(", 0, 0)");
    }
    let mut conn = app.db.pool.acquire().await.unwrap();
    rows.execute(&mut conn).await.unwrap();
    name_words::rebuild(&mut conn).await.unwrap();
    drop(conn);

    let ola = Visibility::DepartmentOrOwn {
        user_id: fx.consultant_oslo,
        department_id: Some(fx.oslo),
    };
    let ola_sql = format!(
        " AND (c.owner_id = {} OR c.department_id = {})",
        fx.consultant_oslo, fx.oslo
    );
    for q in ["hans", "berg", "Åse", "bygg", "hans per", "øvreås"] {
        let terms = kundekort::db::search::terms(q);
        let long: Vec<&String> = terms.iter().filter(|t| t.chars().count() >= 3).collect();
        let t = sort_key(long[0]);
        let condition: String = long
            .iter()
            .map(|w| format!(" AND k.search_text LIKE '%{w}%'"))
            .collect();
        for (who, visibility, filter) in [
            ("admin", Visibility::All, String::new()),
            ("ola", ola, ola_sql.clone()),
        ] {
            // The plain ORDER BY: rank, then the Norwegian sort key, then the id.
            let expected: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT k.id, k.customer_id FROM contacts k JOIN customers c \
                 ON c.id = k.customer_id WHERE k.anonymised_at IS NULL{filter}{condition} \
                 ORDER BY CASE WHEN k.sort_name LIKE '{t}%' THEN 0 \
                 WHEN k.sort_name LIKE '% {t}%' OR k.sort_name LIKE '%-{t}%' THEN 1 ELSE 2 END, \
                 k.sort_name, k.id"
            )))
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
            assert!(expected.len() > 40, "{q} {who}: {}", expected.len());
            if who == "ola" {
                assert!(expected.iter().all(|(_, cust)| *cust != c), "{q}");
            }
            let expected: Vec<i64> = expected.into_iter().map(|(id, _)| id).collect();
            for limit in [7_i64, 100, 333] {
                let mut read: Vec<i64> = Vec::new();
                loop {
                    let page =
                        search_all_after(&app.db, visibility, q, limit, read.last().copied())
                            .await
                            .unwrap();
                    let n = page.len() as i64;
                    read.extend(page.into_iter().map(|f| f.id));
                    assert!(read.len() <= expected.len(), "{q} as {who} by {limit}");
                    if n < limit {
                        break;
                    }
                }
                assert_eq!(read, expected, "{q} as {who}, pages of {limit}");
            }
        }
    }

    // The contacts page's "next" links read the consultant's matches to the end, in order, and
    // never show a contact of Bergen's customer.
    let ola_client = app.login("ola@test.no").await;
    let expected: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT k.id FROM contacts k JOIN customers c ON c.id = k.customer_id \
         WHERE k.anonymised_at IS NULL{ola_sql} AND k.search_text LIKE '%hans%' \
         ORDER BY CASE WHEN k.sort_name LIKE 'hans%' THEN 0 \
         WHEN k.sort_name LIKE '% hans%' OR k.sort_name LIKE '%-hans%' THEN 1 ELSE 2 END, \
         k.sort_name, k.id"
    )))
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let expected: Vec<i64> = expected.into_iter().map(|(id,)| id).collect();
    let (shown, with_after) = walk_html(&ola_client, app, "/contacts?q=hans", "/contacts/").await;
    assert_eq!(shown, expected);
    assert_eq!(with_after, expected.len().div_ceil(100) - 1);
    assert!(expected.len() > 300);
});

db_test!(own_contacts_pages_read_on_from_the_last_contact, |app| {
    const LASTS: [&str; 4] = ["Hansen", "Åsen", "Berg-Øye", "Ærø"];
    const FIRSTS: [&str; 3] = ["Per", "Åse", "Kari"];
    let fx = &app.fx;
    let draft = |name: &str, owner: i64, dep: i64| CustomerDraft {
        name: name.into(),
        status: "active".into(),
        owner_id: owner.to_string(),
        department_id: dep.to_string(),
        ..Default::default()
    };
    // Ola owns four customers, two with the same name (a tie on the customer's sort key), one
    // in Bergen; Bergen's consultant owns the fifth.
    let mine = [
        app.customer(draft("Åsen Bygg AS", fx.consultant_oslo, fx.oslo))
            .await,
        app.customer(draft("Nordlys AS", fx.consultant_oslo, fx.oslo))
            .await,
        app.customer(draft("Nordlys AS", fx.consultant_oslo, fx.oslo))
            .await,
        app.customer(draft("Ærlig Rør AS", fx.consultant_oslo, fx.bergen))
            .await,
    ];
    let other = app
        .customer(draft("Bergen Bygg AS", fx.consultant_bergen, fx.bergen))
        .await;
    let mut rows = Rows::new(
        "INSERT INTO contacts (customer_id, first_name, last_name, active, anonymised_at, \
         search_text, sort_name, created_at, updated_at) VALUES ",
        200,
    );
    for i in 0..700_usize {
        // Twelve full names: each about a dozen times per customer; every tenth inactive,
        // every thirteenth erased.
        let (first, last) = (FIRSTS[(i / 4) % 3], LASTS[i % 4]);
        let customer = if i % 7 == 6 { other } else { mine[(i / 3) % 4] };
        rows.row()
            .push("(")
            .bind(customer)
            .push(", ")
            .bind(first.to_string())
            .push(", ")
            .bind(last.to_string())
            .push(", ")
            .bind(i64::from(i % 10 != 9))
            .push(", ")
            .bind((i % 13 == 12).then_some(1_i64))
            .push(", ")
            .bind(format!("{first} {last}").to_lowercase())
            .push(", ")
            .bind(sort_key(&format!("{last} {first}")))
            .push(", 0, 0)");
    }
    let mut conn = app.db.pool.acquire().await.unwrap();
    rows.execute(&mut conn).await.unwrap();
    drop(conn);

    // The order the page promises: by customer (sort key, id), then by contact (sort key, id),
    // sorted here.
    let all: Vec<(i64, i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT k.id, k.customer_id, c.sort_name, k.sort_name, k.active, k.anonymised_at \
         FROM contacts k JOIN customers c ON c.id = k.customer_id WHERE c.owner_id = $1",
    )
    .bind(fx.consultant_oslo)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut expected: Vec<_> = all
        .into_iter()
        .filter(|k| k.4 == 1 && k.5.is_none())
        .collect();
    expected.sort_by(|a, b| (&a.2, a.1, &a.3, a.0).cmp(&(&b.2, b.1, &b.3, b.0)));
    let expected: Vec<i64> = expected.into_iter().map(|k| k.0).collect();
    assert!(expected.len() > 400, "{}", expected.len());

    let ola = app.login("ola@test.no").await;
    let first = get_html(&ola, app, "/contacts").await;
    assert!(first.contains("kunde for kunde"), "{first}");
    assert!(!first.contains("rel=\"first\""));
    let (shown, with_after) = walk_html(&ola, app, "/contacts", "/contacts/").await;
    assert_eq!(shown, expected);
    assert_eq!(with_after, expected.len().div_ceil(100) - 1);
    let second = get_html(&ola, app, &next_link(&first).unwrap()).await;
    assert!(second.contains("rel=\"first\"") && second.contains("Side 2"));
    assert_eq!(html_ids(&second, "/contacts/"), expected[100..200].to_vec());
    // An anchor that is not one of Ola's (another's customer's contact) starts over.
    let (foreign,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM contacts WHERE customer_id = $1")
        .bind(other)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let html = get_html(&ola, app, &format!("/contacts?q=&page=2&after={foreign}")).await;
    assert_eq!(html_ids(&html, "/contacts/"), expected[..100].to_vec());

    // A few contacts fit on one page: counted, and no pager.
    let berit = app.login("berit@test.no").await;
    let html = get_html(&berit, app, "/contacts").await;
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM contacts k JOIN customers c ON c.id = k.customer_id \
         WHERE c.owner_id = $1 AND k.active = 1 AND k.anonymised_at IS NULL",
    )
    .bind(fx.consultant_bergen)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!((1..100).contains(&n), "{n}");
    assert!(
        html.contains(&format!("{n} kontakter hos kundene du er ansvarlig for.")),
        "{html}"
    );
    assert!(!html.contains("rel=\"next\""));
});
