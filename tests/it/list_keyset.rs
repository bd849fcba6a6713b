//! Keyset paging of the long lists besides customers (issue 17, decision 0067):
//! the dialog (firm-wide and a customer's tab, and its API), invoices (`/invoices`, a
//! customer's tab and the API), workers (`/workers` and the API) and the contacts page's
//! search.
//! Every page is read on from the last row of the page before (`after`), a few thousand rows in
//! all with ties on the sort key (and Norwegian letters where the key is a name); the pages
//! together must be exactly the plain `ORDER BY` over the same rows, each page the `OFFSET` page
//! of its number (where the list has page numbers), and a consultant's pages only rows in their
//! sight. Decision 0074 adds the contacts page before anything is typed (the user's own
//! customers' contacts) and the workers' order on a PostgreSQL database with a language
//! collation (migration 0050).

use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use kundekort::{
    collate::sort_key,
    contacts::{name_words, store::search_all_after},
    customers::{access::Visibility, model::CustomerDraft},
    db::{Db, bulk::Rows},
    dialog::query::{self, FilterParams},
    workers::{model::Status, store as workers},
};
use serde_json::Value;

use crate::{
    db_test,
    support::{
        TestApp,
        app::{Backend, postgres_url, with_empty_database},
        fixtures::two_customers,
    },
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

fn item_ids(json: &Value) -> Vec<i64> {
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

/// The ids in a page's HTML: the numbers right after `attr` (e.g. `data-message=`), an opening
/// quote skipped; an `attr` not followed by a number is passed over.
fn html_ids(html: &str, attr: &str) -> Vec<i64> {
    html.split(attr)
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest
                .trim_start_matches('"')
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

/// The href of the page's `rel="next"` link, unescaped.
fn next_link(html: &str) -> Option<String> {
    let at = html.find("rel=\"next\"")?;
    let start = html[..at].rfind("href=\"")? + 6;
    let end = start + html[start..].find('"')?;
    Some(html[start..end].replace("&#38;", "&").replace("&amp;", "&"))
}

/// Walks an API list by `next_after`, comparing every page with the `OFFSET` page of its number;
/// returns every row's id in the order read.
async fn walk_api(client: &reqwest::Client, app: &TestApp, base: &str, query: &str) -> Vec<i64> {
    let sep = if query.is_empty() { "" } else { "&" };
    let mut json = get_json(client, app, &format!("{base}?{query}")).await;
    let mut all = item_ids(&json);
    while let Some(next) = json["next_page"].as_i64() {
        let after = json["next_after"]
            .as_i64()
            .unwrap_or_else(|| panic!("{base}?{query}: next_after with next_page {next}"));
        assert_eq!(Some(&after), all.last(), "{base}?{query}");
        let keyset = get_json(
            client,
            app,
            &format!("{base}?{query}{sep}page={next}&after={after}"),
        )
        .await;
        let offset = get_json(client, app, &format!("{base}?{query}{sep}page={next}")).await;
        assert_eq!(
            item_ids(&keyset),
            item_ids(&offset),
            "{base}?{query} page {next}"
        );
        assert!(!item_ids(&keyset).is_empty(), "{base}?{query} page {next}");
        all.extend(item_ids(&keyset));
        json = keyset;
    }
    assert_eq!(json["next_after"], Value::Null, "{base}?{query}: last page");
    all
}

/// Walks an HTML list by its "next" links; returns the ids of every row in the order shown and
/// how many of the links carried `after`.
async fn walk_html(
    client: &reqwest::Client,
    app: &TestApp,
    first: &str,
    attr: &str,
) -> (Vec<i64>, usize) {
    let mut html = get_html(client, app, first).await;
    let mut all = html_ids(&html, attr);
    let mut with_after = 0;
    while let Some(next) = next_link(&html) {
        let last = *all.last().unwrap();
        if next.contains(&format!("after={last}")) {
            with_after += 1;
        }
        html = get_html(client, app, &next).await;
        let ids = html_ids(&html, attr);
        assert!(!ids.is_empty(), "{next}");
        all.extend(ids);
    }
    (all, with_after)
}

/// Customers of both departments besides the fixture's two: `(oslo, bergen)` lists of ids.
async fn more_customers(app: &TestApp) -> (Vec<i64>, Vec<i64>) {
    let (oslo, bergen) = two_customers(app).await;
    let fx = &app.fx;
    let mut o = vec![oslo];
    let mut b = vec![bergen];
    for (i, name) in ["Ærlig Bygg AS", "Øvre Transport", "Åsen Rør"]
        .iter()
        .enumerate()
    {
        let (owner, dep, list) = if i % 2 == 0 {
            (fx.consultant_bergen, fx.bergen, &mut b)
        } else {
            (fx.manager_oslo, fx.oslo, &mut o)
        };
        list.push(
            app.customer(CustomerDraft {
                name: name.to_string(),
                status: "active".into(),
                owner_id: owner.to_string(),
                department_id: dep.to_string(),
                ..Default::default()
            })
            .await,
        );
    }
    (o, b)
}

db_test!(dialog_pages_read_on_from_the_last_message, |app| {
    let (oslo, bergen) = more_customers(app).await;
    let mut customers: Vec<Option<i64>> = oslo.iter().chain(&bergen).map(|&c| Some(c)).collect();
    // SMS from a number no contact has: only those who see the whole firm see them.
    customers.push(None);
    let mut rows = Rows::new(
        "INSERT INTO messages (uid, customer_id, channel, direction, from_address, to_display, \
         subject, body, search_text, status, created_at, updated_at) VALUES ",
        100,
    );
    const SUBJECTS: [&str; 4] = ["Møte på Ærø", "Kontrakt", "Åpningstider", "Tilbud"];
    let n = 2_600_i64;
    for i in 0..n {
        let customer = customers[(i % customers.len() as i64) as usize];
        let channel = if i % 3 == 0 { "sms" } else { "email" };
        let subject = SUBJECTS[(i % 4) as usize];
        // 300 distinct times in scattered order: about nine messages share each.
        let at = 1_700_000_000 + (i * 37) % 300;
        rows.row()
            .push("(")
            .bind(format!("uid-{i}"))
            .push(", ")
            .bind(customer)
            .push(", ")
            .bind(channel)
            .push(", 'out', 'oss@test.no', 'kunde@test.no', ")
            .bind(subject)
            .push(", 'Hei', ")
            .bind(format!("{} hei", subject.to_lowercase()))
            .push(", 'sent', ")
            .bind(at)
            .push(", ")
            .bind(at)
            .push(")");
    }
    let mut conn = app.db.pool.acquire().await.unwrap();
    rows.execute(&mut conn).await.unwrap();
    drop(conn);

    // The plain ORDER BY over every message, with its customer and channel.
    let plain: Vec<(i64, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT id, customer_id, channel, search_text FROM messages \
         ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(plain.len() as i64, n);

    let ola = Visibility::DepartmentOrOwn {
        user_id: app.fx.consultant_oslo,
        department_id: Some(app.fx.oslo),
    };
    let filters = [
        FilterParams::default(),
        FilterParams {
            channel: Some("sms".into()),
            ..Default::default()
        },
        FilterParams {
            q: Some("ærø".into()),
            ..Default::default()
        },
    ];
    for (who, visibility) in [("admin", Visibility::All), ("ola", ola)] {
        for params in &filters {
            let filter = params.parse().unwrap();
            let expected: Vec<i64> = plain
                .iter()
                .filter(|(_, c, channel, text)| {
                    let seen = match visibility {
                        Visibility::All => true,
                        _ => c.is_some_and(|c| oslo.contains(&c)),
                    };
                    seen && filter
                        .channel
                        .as_ref()
                        .is_none_or(|ch| ch.as_str() == channel)
                        && filter.q.as_deref().is_none_or(|q| text.contains(q))
                })
                .map(|(id, ..)| *id)
                .collect();
            let mut page = query::firm_wide(&app.db, visibility, &filter)
                .await
                .unwrap();
            let mut read: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
            let mut f = filter.clone();
            while let Some(after) = page.next_after {
                assert_eq!(Some(&after), read.last());
                f.page += 1;
                f.after = Some(after);
                page = query::firm_wide(&app.db, visibility, &f).await.unwrap();
                let by_offset = query::firm_wide(
                    &app.db,
                    visibility,
                    &query::Filter {
                        after: None,
                        ..f.clone()
                    },
                )
                .await
                .unwrap();
                let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
                assert_eq!(
                    ids,
                    by_offset.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
                    "{who} {params:?} page {}",
                    f.page
                );
                read.extend(ids);
            }
            assert!(!page.has_next);
            assert!(expected.len() > 100, "{who} {params:?}: {}", expected.len());
            assert_eq!(read, expected, "{who} {params:?}");
        }
    }

    // One customer's tab, by the API's `next_after`: the customer's messages in order.
    let admin = app.admin().await;
    let tab: Vec<i64> = plain
        .iter()
        .filter(|(_, c, ..)| *c == Some(oslo[0]))
        .map(|(id, ..)| *id)
        .collect();
    let base = format!("/api/v1/customers/{}/messages", oslo[0]);
    assert_eq!(walk_api(&admin, app, &base, "").await, tab);
    let ola_client = app.login("ola@test.no").await;
    assert_eq!(walk_api(&ola_client, app, &base, "").await, tab);
    // A message of another customer is no place to read on from: the page number counts.
    let other = plain
        .iter()
        .find(|(_, c, ..)| *c == Some(bergen[0]))
        .unwrap()
        .0;
    let json = get_json(&admin, app, &format!("{base}?page=2&after={other}")).await;
    assert_eq!(item_ids(&json), tab[50..100].to_vec());
    // Not a message id: refused like any bad filter.
    let res = admin
        .get(app.url(&format!("{base}?after=x")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);

    // The firm-wide page's "older" links carry the last message; following them shows the
    // consultant exactly their messages in order, never another department's.
    let ola_all: Vec<i64> = plain
        .iter()
        .filter(|(_, c, ..)| c.is_some_and(|c| oslo.contains(&c)))
        .map(|(id, ..)| *id)
        .collect();
    let (shown, with_after) = walk_html(&ola_client, app, "/dialog", "data-message=").await;
    assert_eq!(shown, ola_all);
    assert_eq!(with_after, ola_all.len().div_ceil(50) - 1);
    let (shown, _) = walk_html(
        &admin,
        app,
        &format!("/customers/{}/dialog?channel=email", oslo[0]),
        "data-message=",
    )
    .await;
    let emails: Vec<i64> = plain
        .iter()
        .filter(|(_, c, ch, _)| *c == Some(oslo[0]) && ch == "email")
        .map(|(id, ..)| *id)
        .collect();
    assert_eq!(shown, emails);
});

db_test!(invoice_pages_read_on_from_the_last_invoice, |app| {
    let (oslo, _bergen) = more_customers(app).await;
    kundekort::seed::invoices(&app.db, 2_400).await.unwrap();
    let plain: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT id, customer_id, kind FROM invoices ORDER BY id DESC")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert!(plain.len() >= 2_400);
    let all: Vec<i64> = plain.iter().map(|r| r.0).collect();
    let in_oslo: Vec<i64> = plain
        .iter()
        .filter(|r| oslo.contains(&r.1))
        .map(|r| r.0)
        .collect();
    let notes: Vec<i64> = plain
        .iter()
        .filter(|r| r.2 == "credit_note")
        .map(|r| r.0)
        .collect();

    let admin = app.admin().await;
    let ola = app.login("ola@test.no").await;
    assert_eq!(
        walk_api(&admin, app, "/api/v1/invoices", "size=200").await,
        all
    );
    assert_eq!(
        walk_api(&ola, app, "/api/v1/invoices", "size=37").await,
        in_oslo
    );
    assert_eq!(
        walk_api(&admin, app, "/api/v1/invoices", "kind=credit_note&size=5").await,
        notes
    );

    // The page's "next" links carry the last invoice; the pages shown are the whole list.
    let (shown, with_after) = walk_html(&ola, app, "/invoices", "id=\"invoice-").await;
    assert_eq!(shown, in_oslo);
    assert_eq!(with_after, in_oslo.len().div_ceil(50) - 1);
    let (shown, _) = walk_html(
        &admin,
        app,
        &format!("/customers/{}/invoices", oslo[0]),
        "id=\"invoice-",
    )
    .await;
    let of_customer: Vec<i64> = plain
        .iter()
        .filter(|r| r.1 == oslo[0])
        .map(|r| r.0)
        .collect();
    assert_eq!(shown, of_customer);
    // A typed page number without `after` still works (OFFSET).
    let html = get_html(&admin, app, "/invoices?page=3").await;
    assert_eq!(html_ids(&html, "id=\"invoice-"), all[100..150].to_vec());
});

/// Worker names with æ, ø, å and hyphens: the sort key's order is not the alphabet's byte order
/// nor a language collation's.
const WORKER_NAMES: [&str; 9] = [
    "Zakariassen Ola",
    "Ås Kari",
    "Ærø Per",
    "Øren Lise",
    "Aas Nils",
    "Berg Åse",
    "Berg-Ødegård Ali",
    "Hansen Eva",
    "Ørsta Jon",
];

/// `n` workers: the nine names × 23 suffixes (every full name about twelve times, in scattered
/// id order); statuses in turn; every fourth with `responsible` as their responsible.
async fn insert_workers(db: &Db, n: i64, responsible: Option<i64>) {
    let mut rows = Rows::new(
        "INSERT INTO workers (name, status, responsible_id, search_text, sort_name, created_at, \
         updated_at) VALUES ",
        100,
    );
    for i in 0..n {
        let name = format!("{} {}", WORKER_NAMES[(i % 9) as usize], (i * 7) % 23);
        rows.row()
            .push("(")
            .bind(name.clone())
            .push(", ")
            .bind(["candidate", "employee", "former"][(i % 3) as usize])
            .push(", ")
            .bind(responsible.filter(|_| i % 4 == 0))
            .push(", ")
            .bind(name.to_lowercase())
            .push(", ")
            .bind(sort_key(&name))
            .push(", 0, 0)");
    }
    let mut conn = db.pool.acquire().await.unwrap();
    rows.execute(&mut conn).await.unwrap();
}

db_test!(worker_pages_read_on_from_the_last_worker, |app| {
    let ola = app.fx.consultant_oslo;
    insert_workers(&app.db, 2_700, Some(ola)).await;

    let all: Vec<(i64, String, String, Option<i64>)> =
        sqlx::query_as("SELECT id, name, status, responsible_id FROM workers")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    // The order the list promises, computed here: the Norwegian sort key, then the id.
    let mut expected = all.clone();
    expected.sort_by_key(|w| (sort_key(&w.1), w.0));
    let plain: Vec<(i64,)> = sqlx::query_as("SELECT id FROM workers ORDER BY sort_name, id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    let order: Vec<i64> = expected.iter().map(|w| w.0).collect();
    assert_eq!(plain.into_iter().map(|r| r.0).collect::<Vec<_>>(), order);
    // æ, ø, å after z.
    let pos = |prefix: &str| {
        expected
            .iter()
            .position(|w| w.1.starts_with(prefix))
            .unwrap()
    };
    assert!(pos("Zakariassen") < pos("Ærø") && pos("Ærø") < pos("Øren") && pos("Øren") < pos("Ås"));

    let admin = app.admin().await;
    let ola_client = app.login("ola@test.no").await;
    assert_eq!(walk_api(&admin, app, "/api/v1/workers", "").await, order);
    let employees: Vec<i64> = expected
        .iter()
        .filter(|w| w.2 == "employee")
        .map(|w| w.0)
        .collect();
    assert_eq!(
        walk_api(&admin, app, "/api/v1/workers", "status=employee").await,
        employees
    );
    // "Mine": the consultant's pages hold only the workers they are responsible for, all of them.
    let mine: Vec<i64> = expected
        .iter()
        .filter(|w| w.3 == Some(ola))
        .map(|w| w.0)
        .collect();
    assert_eq!(
        walk_api(&ola_client, app, "/api/v1/workers", "mine=1").await,
        mine
    );

    // The page's "next" links carry the last worker and read the list to its end.
    let html = get_html(&admin, app, "/workers").await;
    let first_page: Vec<i64> = order[..50].to_vec();
    let next = next_link(&html).unwrap();
    assert!(
        next.contains(&format!("page=2&after={}", first_page[49])),
        "{next}"
    );
    let json = get_json(&admin, app, &format!("/api/v1/{}", &next[1..])).await;
    assert_eq!(item_ids(&json), order[50..100].to_vec());
    let html = get_html(&admin, app, &next).await;
    assert!(
        html.contains(&format!("page=3&#38;after={}", order[99]))
            || html.contains(&format!("page=3&amp;after={}", order[99]))
    );
    // A worker that is gone: the page number counts; not an id: refused.
    sqlx::query("DELETE FROM workers WHERE id = $1")
        .bind(order[49])
        .execute(&app.db.pool)
        .await
        .unwrap();
    let json = get_json(
        &admin,
        app,
        &format!("/api/v1/workers?page=2&after={}", order[49]),
    )
    .await;
    assert_eq!(item_ids(&json), order[51..101].to_vec());
    let res = admin
        .get(app.url("/api/v1/workers?after=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
});

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

/// Reads the worker list page by page through `after` (each page also by its number, as
/// `OFFSET`), with `status` as the only filter; every worker's id in the order read.
async fn walk_workers(db: &Db, status: Option<Status>) -> Vec<i64> {
    let today = time::Date::from_calendar_date(2026, time::Month::December, 6).unwrap();
    let filter = |page: i64, after: Option<i64>| workers::Filter {
        status,
        page,
        after,
        ..Default::default()
    };
    let mut read: Vec<i64> = Vec::new();
    let mut page = 1;
    loop {
        let keyset = workers::list(db, &filter(page, read.last().copied()), today)
            .await
            .unwrap();
        let offset = workers::list(db, &filter(page, None), today).await.unwrap();
        let ids: Vec<i64> = keyset.rows.iter().map(|r| r.worker.id).collect();
        let by_number: Vec<i64> = offset.rows.iter().map(|r| r.worker.id).collect();
        assert_eq!(ids, by_number, "page {page}");
        read.extend(ids);
        if !keyset.more {
            return read;
        }
        page += 1;
    }
}

/// The worker list on `db` (migrated here): 2,700 workers with æ, ø, å, hyphens and ties, read
/// through `after` and by page number, in exactly the order of `collate::sort_key` then id —
/// also as the plain `ORDER BY` of the database gives it.
async fn workers_in_byte_order(db: &Db) {
    db.migrate().await.unwrap();
    insert_workers(db, 2_700, None).await;
    let all: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, name, status FROM workers")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let mut expected = all.clone();
    expected.sort_by_key(|w| (sort_key(&w.1), w.0));
    let order: Vec<i64> = expected.iter().map(|w| w.0).collect();
    let plain: Vec<(i64,)> = sqlx::query_as("SELECT id FROM workers ORDER BY sort_name, id")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(plain.into_iter().map(|r| r.0).collect::<Vec<_>>(), order);
    assert_eq!(walk_workers(db, None).await, order);
    // Along `workers_status_sort_id (status, sort_name, id)`.
    let employees: Vec<i64> = expected
        .iter()
        .filter(|w| w.2 == "employee")
        .map(|w| w.0)
        .collect();
    assert_eq!(walk_workers(db, Some(Status::Employee)).await, employees);
}

/// Migration 0050: the workers' sort key compares in byte order on PostgreSQL whatever the
/// database's own collation. The PostgreSQL half runs on a database created with ICU's `en-US`
/// collation, where the sort key's `{`, `|`, `}` (æ, ø, å) sort before the letters and hyphens
/// weigh differently; without `COLLATE "C"` on the column its `ORDER BY` and index follow that
/// collation and the pages come out in another order than the one the list promises (and
/// SQLite gives). The SQLite half is the same check on SQLite's byte order.
async fn worker_order_whatever_the_collation(backend: Backend) {
    if backend == Backend::Sqlite {
        with_empty_database(backend, async |db: &Db| workers_in_byte_order(db).await).await;
        return;
    }
    let Some(admin_url) = postgres_url() else {
        return;
    };
    let name = format!("kk_test_icu_{:016x}", rand::random::<u64>());
    let admin = Db::connect(&admin_url).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' \
         LOCALE 'C.UTF-8'"
    )))
    .execute(&admin.pool)
    .await
    .expect("a database with ICU's en-US collation");
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&format!("/{name}"));
    let db = Db::connect(url.as_str()).await.unwrap();
    let outcome = AssertUnwindSafe(async {
        // The database's own collation does put the sort key's æ before the letters (or this
        // test would prove nothing).
        let (language,): (i64,) =
            sqlx::query_as("SELECT CAST(CASE WHEN '{r' < 'ab' THEN 1 ELSE 0 END AS BIGINT)")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(
            language, 1,
            "the database sorts in byte order: no language collation"
        );
        workers_in_byte_order(&db).await;
    })
    .catch_unwind()
    .await;
    db.pool.close().await;
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&admin.pool)
    .await;
    admin.pool.close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

db_test!(
    worker_pages_in_byte_order_whatever_the_database_collation,
    each_backend = worker_order_whatever_the_collation
);

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
