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
//!
//! One file a list: [`dialog`], [`invoices`], [`workers`], [`contacts`]; the walks through the
//! pages they share are here.

mod contacts;
mod dialog;
mod invoices;
mod workers;

use kundekort::customers::model::CustomerDraft;
use serde_json::Value;

use crate::support::{TestApp, fixtures::two_customers};

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
