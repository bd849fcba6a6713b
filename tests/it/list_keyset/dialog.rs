//! The dialog, firm-wide and a customer's tab, in the page and the API.

use kundekort::{
    customers::access::Visibility,
    db::bulk::Rows,
    dialog::query::{self, FilterParams},
};

use super::{get_json, item_ids, more_customers, walk_api, walk_html};
use crate::db_test;

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
