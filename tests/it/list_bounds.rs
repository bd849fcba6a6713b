//! Lists that count no further than a bound (issue 17, decision 0074): the invoices' API, the
//! workers' list, page and API, and the security log count at most 1,001 matching rows (the
//! security log and the customers to the end of a deeper page); beyond 1,000 the total is a
//! lower bound (`total_is_exact: false`, the page says "mer enn 1 000 …"), below it exact, and
//! whether another page follows is read, not computed from the count.

use kundekort::{collate::sort_key, db::bulk::Rows};
use serde_json::Value;

use crate::{
    db_test,
    support::{TestApp, fixtures::two_customers},
};

async fn get_json(client: &reqwest::Client, app: &TestApp, path: &str) -> Value {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.unwrap()
}

async fn get_html(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    n
}

/// The admin, logged in again after choosing English (on every session of theirs from then on).
async fn admin_in_english(app: &TestApp) -> reqwest::Client {
    sqlx::query("UPDATE users SET locale = 'en' WHERE id = $1")
        .bind(app.fx.admin)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.admin().await
}

/// The text of the element with this id (its first line of text, tags stripped).
fn text_of(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    let end = start + html[start..].find('<').unwrap();
    html[start..end].trim().to_string()
}

db_test!(the_invoice_api_counts_no_further_than_the_bound, |app| {
    let (oslo, _bergen) = two_customers(app).await;
    let admin = app.admin().await;
    // Fewer than 1,000: exact.
    kundekort::seed::invoices(&app.db, 500).await.unwrap();
    let all = count(app, "SELECT COUNT(*) FROM invoices").await;
    assert!((500..=1_000).contains(&all), "{all}");
    let json = get_json(&admin, app, "/api/v1/invoices").await;
    assert_eq!(json["total"], all);
    assert_eq!(json["total_is_exact"], true);

    // More than 1,000: the count stopped a row past the bound.
    kundekort::seed::invoices(&app.db, 600).await.unwrap();
    let all = count(app, "SELECT COUNT(*) FROM invoices").await;
    assert!(all > 1_001, "{all}");
    let json = get_json(&admin, app, "/api/v1/invoices?size=200").await;
    assert_eq!(json["total"], 1_001, "{}", json["total"]);
    assert_eq!(json["total_is_exact"], false);
    assert_eq!(json["items"].as_array().unwrap().len(), 200);
    assert_eq!(json["next_page"], 2);
    // The last page is still found (read, not computed from the count), its total the same
    // lower bound.
    let last_page = (all + 199) / 200;
    let json = get_json(
        &admin,
        app,
        &format!("/api/v1/invoices?size=200&page={last_page}"),
    )
    .await;
    assert_eq!(json["next_page"], Value::Null);
    assert_eq!(
        json["items"].as_array().unwrap().len() as i64,
        all - (last_page - 1) * 200
    );
    assert_eq!(json["total"], 1_001);
    assert_eq!(json["total_is_exact"], false);

    // What the filters narrow to fewer is exact again.
    let notes = count(
        app,
        "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'",
    )
    .await;
    assert!((1..=1_000).contains(&notes), "{notes}");
    for path in ["/api/v1/credit-notes", "/api/v1/invoices?kind=credit_note"] {
        let json = get_json(&admin, app, path).await;
        assert_eq!(json["total"], notes, "{path}");
        assert_eq!(json["total_is_exact"], true, "{path}");
    }
    let one = count(
        app,
        &format!("SELECT COUNT(*) FROM invoices WHERE customer_id = {oslo}"),
    )
    .await;
    let json = get_json(&admin, app, &format!("/api/v1/invoices?customer_id={oslo}")).await;
    assert_eq!(json["total"], one.min(1_001));
    assert_eq!(json["total_is_exact"], one <= 1_000);
});

/// `n` workers named from a few names with æ, ø, å, every third an employee.
async fn insert_workers(app: &TestApp, n: i64) {
    const NAMES: [&str; 5] = ["Ås Kari", "Ærø Per", "Øren Lise", "Berg Åse", "Hansen Eva"];
    let mut rows = Rows::new(
        "INSERT INTO workers (name, status, search_text, sort_name, created_at, updated_at) \
         VALUES ",
        200,
    );
    for i in 0..n {
        let name = format!("{} {}", NAMES[(i % 5) as usize], i % 17);
        rows.row()
            .push("(")
            .bind(name.clone())
            .push(", ")
            .bind(if i % 3 == 0 { "employee" } else { "candidate" })
            .push(", ")
            .bind(name.to_lowercase())
            .push(", ")
            .bind(sort_key(&name))
            .push(", 0, 0)");
    }
    let mut conn = app.db.pool.acquire().await.unwrap();
    rows.execute(&mut conn).await.unwrap();
}

db_test!(the_worker_list_counts_no_further_than_the_bound, |app| {
    insert_workers(app, 1_003).await;
    let admin = app.admin().await;

    // The API: a lower bound past 1,000, exact below it.
    let json = get_json(&admin, app, "/api/v1/workers").await;
    assert_eq!(json["total"], 1_001);
    assert_eq!(json["total_is_exact"], false);
    assert_eq!(json["next_page"], 2);
    let employees = get_json(&admin, app, "/api/v1/workers?status=employee").await;
    assert_eq!(employees["total"], 335);
    assert_eq!(employees["total_is_exact"], true);
    // The last page (rows 1,001–1,003) has no next page, though the count stopped.
    let json = get_json(&admin, app, "/api/v1/workers?page=21").await;
    assert_eq!(json["items"].as_array().unwrap().len(), 3);
    assert_eq!(json["next_page"], Value::Null);
    assert_eq!(json["total_is_exact"], false);
    let json = get_json(&admin, app, "/api/v1/workers?page=20").await;
    assert_eq!(json["next_page"], 21);

    // The page says "more than 1 000" in the user's language, and the pager no last page.
    let html = get_html(&admin, app, "/workers").await;
    assert_eq!(text_of(&html, "worker-count"), "mer enn 1\u{a0}000 vikarer");
    assert!(
        html.contains("Side 1<") && !html.contains("Side 1 av"),
        "{html}"
    );
    assert!(html.contains("rel=\"next\""));
    let html = get_html(&admin, app, "/workers?page=21").await;
    assert!(!html.contains("rel=\"next\""));
    let html = get_html(&admin, app, "/workers?status=employee").await;
    assert_eq!(text_of(&html, "worker-count"), "335 vikarer");
    assert!(html.contains("Side 1 av 7"), "{html}");
    let en = admin_in_english(app).await;
    let html = get_html(&en, app, "/workers").await;
    assert_eq!(
        text_of(&html, "worker-count"),
        "more than 1\u{a0}000 workers"
    );
    let html = get_html(&en, app, "/workers?status=employee").await;
    assert_eq!(text_of(&html, "worker-count"), "335 workers");

    // Exactly 1,000: exact, in both.
    sqlx::query(
        "DELETE FROM workers WHERE id IN (SELECT id FROM workers ORDER BY id DESC LIMIT 3)",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let json = get_json(&admin, app, "/api/v1/workers").await;
    assert_eq!(json["total"], 1_000);
    assert_eq!(json["total_is_exact"], true);
    // (The admin's language is English now, on every session.)
    let html = get_html(&en, app, "/workers").await;
    assert_eq!(text_of(&html, "worker-count"), "1\u{a0}000 workers");
    assert!(html.contains("Page 1 of 20"), "{html}");
});

/// `n` password changes of the admin in the security log, one a second from a year ago (so no
/// retention prunes them within the test and the order by time is the order by id).
async fn insert_password_changes(app: &TestApp, n: i64) {
    let start = kundekort::timefmt::now() - 365 * 86_400;
    let mut rows = Rows::new(
        "INSERT INTO security_log (at, kind, user_id, actor_id, login, ip, detail) VALUES ",
        200,
    );
    for i in 0..n {
        rows.row()
            .push("(")
            .bind(start + i)
            .push(", 'password-changed', ")
            .bind(app.fx.admin)
            .push(", ")
            .bind(app.fx.admin)
            .push(", '', '127.0.0.1', ")
            .bind(format!("change {i}"))
            .push(")");
    }
    let mut conn = app.db.pool.acquire().await.unwrap();
    rows.execute(&mut conn).await.unwrap();
}

db_test!(the_security_log_counts_no_further_than_the_bound, |app| {
    insert_password_changes(app, 1_003).await;
    let admin = app.admin().await;
    let list = "/admin/security-log?kind=password-changed";

    // Past 1,000: "more than 1 000", an open pager with a next page, in the user's language.
    let html = get_html(&admin, app, list).await;
    assert_eq!(
        text_of(&html, "seclog-count"),
        "Mer enn 1\u{a0}000 hendelser"
    );
    assert!(
        html.contains("Side 1<") && !html.contains("Side 1 av"),
        "{html}"
    );
    assert!(html.contains("rel=\"next\""), "{html}");
    assert!(html.contains("change 1002<"), "the newest first: {html}");
    // The last page (rows 1,001–1,003): counted to its end, so exact, and nothing follows.
    let html = get_html(&admin, app, &format!("{list}&page=21")).await;
    assert_eq!(text_of(&html, "seclog-count"), "1\u{a0}003 hendelser");
    assert!(html.contains("Side 21 av 21"), "{html}");
    assert!(!html.contains("rel=\"next\""), "{html}");
    assert!(html.contains("change 0<"), "{html}");
    // Page 20 ends at the bound: still open, with page 21 after it.
    let html = get_html(&admin, app, &format!("{list}&page=20")).await;
    assert!(
        html.contains("Side 20<") && !html.contains("Side 20 av"),
        "{html}"
    );
    assert!(html.contains("rel=\"next\""), "{html}");

    let en = admin_in_english(app).await;
    let html = get_html(&en, app, list).await;
    assert_eq!(
        text_of(&html, "seclog-count"),
        "More than 1\u{a0}000 events"
    );
    assert!(html.contains("Page 1<"), "{html}");

    // Exactly 1,000: exact, with its last page.
    sqlx::query(
        "DELETE FROM security_log WHERE id IN (SELECT id FROM security_log \
         WHERE kind = 'password-changed' ORDER BY id LIMIT 3)",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let html = get_html(&en, app, list).await;
    assert_eq!(text_of(&html, "seclog-count"), "1\u{a0}000 events");
    assert!(html.contains("Page 1 of 20"), "{html}");
});
