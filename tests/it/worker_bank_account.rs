//! A worker's bank account (decision 0073): stored sealed (the row holds no digit of it but the
//! last four), shown masked on the page, the form and the API, revealed whole only to admins and
//! managers with an audit row for every reveal, kept/replaced/removed through the form and the
//! API, bound to its own row, and sealed at start-up where an earlier release stored it in the
//! clear. Erasure (`workers.rs`), the worker's own masked view (`worker_pages.rs`), the recent
//! log-in before a change (`reauth_keeps_form.rs`) and the payroll file (`payroll.rs`) are
//! tested with their features.

use serde_json::{Value, json};

use crate::{
    db_test,
    support::{TestApp, http::send, workers::worker},
};

const ACCOUNT: &str = "86011117947";
const SHOWN: &str = "8601.11.17947";
const MASKED: &str = "•••• 7947";

type Stored = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// (clear column, sealed, last four, BIC) as the row holds them.
async fn stored(app: &TestApp, id: i64) -> Stored {
    sqlx::query_as(
        "SELECT bank_account, bank_account_sealed, bank_account_last4, bic FROM workers WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// The audit rows of reveals of worker `id`'s account: (user, changes).
async fn reveals(app: &TestApp, id: i64) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT user_id, changes FROM audit_log WHERE entity = 'worker' AND entity_id = $1 \
         AND action = 'bank-account-reveal' AND customer_id IS NULL ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn text(client: &reqwest::Client, url: String) -> String {
    let res = client.get(url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

fn without_account(page: &str) {
    for whole in [ACCOUNT, SHOWN, "8601 11 17947"] {
        assert!(!page.contains(whole), "{whole} shown: {page}");
    }
}

db_test!(
    a_bank_account_is_sealed_masked_and_every_reveal_is_audited,
    |app| {
        let id = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let ola = app.login("ola@test.no").await;
        let admin = app.admin().await;

        // In the database: sealed, the clear column empty, only the last four in the clear.
        let (clear, sealed, last4, bic) = stored(app, id).await;
        let sealed = sealed.expect("a sealed value");
        assert!(sealed.starts_with("v1:"), "{sealed}");
        assert!(!sealed.contains(ACCOUNT) && !sealed.contains("860111"));
        assert_eq!((clear, last4.as_deref(), bic), (None, Some("7947"), None));

        // A consultant: masked on the page, the form, the API and the list; no "Show"; 403.
        let page = text(&ola, app.url(&format!("/workers/{id}"))).await;
        assert!(page.contains(MASKED), "{page}");
        assert!(!page.contains("reveal-bank-account"));
        without_account(&page);
        let form = text(&ola, app.url(&format!("/workers/{id}/edit"))).await;
        assert!(form.contains("bank-account-stored") && form.contains(MASKED));
        without_account(&form);
        let (status, one) = send(ola.get(app.url(&format!("/api/v1/workers/{id}")))).await;
        assert_eq!(status, 200);
        assert_eq!(one["bank_account"], MASKED, "{one}");
        without_account(&one.to_string());
        let (_, list) = send(ola.get(app.url("/api/v1/workers"))).await;
        assert!(
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w["bank_account"] == MASKED)
        );
        without_account(&list.to_string());
        let res = ola
            .post(app.url(&format!("/workers/{id}/bank-account/reveal")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let (status, _) =
            send(ola.post(app.url(&format!("/api/v1/workers/{id}/bank-account/reveal")))).await;
        assert_eq!(status, 403);
        assert!(reveals(app, id).await.is_empty());

        // An admin sees "Show", and the whole account for that response only, audited.
        let page = text(&admin, app.url(&format!("/workers/{id}"))).await;
        assert!(page.contains("reveal-bank-account"));
        without_account(&page);
        let res = admin
            .post(app.url(&format!("/workers/{id}/bank-account/reveal")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let shown = res.text().await.unwrap();
        assert!(shown.contains(SHOWN), "{shown}");
        without_account(&text(&admin, app.url(&format!("/workers/{id}"))).await);
        let rows = reveals(app, id).await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, app.fx.admin);
        assert!(rows[0].1.contains("page"), "{}", rows[0].1);

        // Through the API, audited again.
        let res = admin
            .post(app.url(&format!("/api/v1/workers/{id}/bank-account/reveal")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body, json!({"bank_account": ACCOUNT, "bic": null}));
        let rows = reveals(app, id).await;
        assert_eq!(rows.len(), 2);
        assert!(rows[1].1.contains("api"), "{}", rows[1].1);

        // The GDPR export: whole for an admin (audited), masked for a consultant.
        let export: Value = admin
            .get(app.url(&format!("/workers/{id}/export.json")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(export["worker"]["bank_account"], ACCOUNT);
        assert_eq!(reveals(app, id).await.len(), 3);
        let export: Value = ola
            .get(app.url(&format!("/workers/{id}/export.json")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(export["worker"]["bank_account"], MASKED);
        without_account(&export.to_string());
        assert_eq!(reveals(app, id).await.len(), 3);
    }
);

db_test!(
    the_form_and_the_api_keep_replace_and_remove_the_account,
    |app| {
        let id = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let ola = app.login("ola@test.no").await;
        let admin = app.admin().await;
        let path = app.url(&format!("/workers/{id}"));
        let sealed = stored(app, id).await.1;

        // Nothing typed: kept as it was (not even sealed again).
        let res = ola
            .post(&path)
            .form(&[
                ("name", "Kari Nordmann"),
                ("status", "employee"),
                ("version", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(stored(app, id).await.1, sealed);

        // A wrong account: the message, the account as typed, nothing saved.
        let res = ola
            .post(&path)
            .form(&[
                ("name", "Kari Nordmann"),
                ("status", "employee"),
                ("version", "2"),
                ("bank_account", "8601 11 17949"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("value=\"8601 11 17949\""), "{page}");
        assert!(page.contains("feil kontrollsiffer"), "{page}");
        assert_eq!(stored(app, id).await.1, sealed);

        // A foreign IBAN with its BIC replaces it.
        let res = ola
            .post(&path)
            .form(&[
                ("name", "Kari Nordmann"),
                ("status", "employee"),
                ("version", "2"),
                ("bank_account", "PL61 1090 1014 0000 0712 1981 2874"),
                ("bic", "WBKPPLPP"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (clear, now, last4, bic) = stored(app, id).await;
        assert!(clear.is_none() && now.is_some() && now != sealed);
        assert!(!now.unwrap().contains("1090101400000712"));
        assert_eq!(
            (last4.as_deref(), bic.as_deref()),
            (Some("2874"), Some("WBKPPLPP"))
        );
        let page = text(&ola, path.clone()).await;
        assert!(page.contains("•••• 2874 (WBKPPLPP)"), "{page}");
        let (status, body) =
            send(admin.post(app.url(&format!("/api/v1/workers/{id}/bank-account/reveal")))).await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            json!({"bank_account": "PL61109010140000071219812874", "bic": "WBKPPLPP"})
        );

        // The form's "remove" takes account and BIC away.
        let res = ola
            .post(&path)
            .form(&[
                ("name", "Kari Nordmann"),
                ("status", "employee"),
                ("version", "3"),
                ("bank_account_remove", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(stored(app, id).await, (None, None, None, None));
        let (status, _) =
            send(admin.post(app.url(&format!("/api/v1/workers/{id}/bank-account/reveal")))).await;
        assert_eq!(status, 404);

        // The API sets it (answering masked) and `""` removes it.
        let api = app.url(&format!("/api/v1/workers/{id}"));
        let (status, w) = send(
            ola.patch(&api)
                .json(&json!({"bank_account": "8601 11 17947"})),
        )
        .await;
        assert_eq!(status, 200, "{w}");
        assert_eq!(w["bank_account"], MASKED);
        without_account(&w.to_string());
        assert_eq!(stored(app, id).await.2.as_deref(), Some("7947"));
        let (status, w) = send(ola.patch(&api).json(&json!({"city": "Oslo"}))).await;
        assert_eq!((status, &w["bank_account"]), (200, &json!(MASKED)));
        let (status, w) = send(ola.patch(&api).json(&json!({"bank_account": ""}))).await;
        assert_eq!(status, 200);
        assert_eq!(w["bank_account"], Value::Null);
        assert_eq!(stored(app, id).await, (None, None, None, None));
    }
);

db_test!(
    a_sealed_account_copied_to_another_row_does_not_open,
    |app| {
        let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let per = worker(app, "Per Hansen", "per@vikar.test").await;
        // Per's row gets Kari's sealed account (a bug, a bad restore, someone with SQL).
        sqlx::query(
        "UPDATE workers SET bank_account_sealed = (SELECT bank_account_sealed FROM workers WHERE id = $1) \
         WHERE id = $2",
    )
    .bind(kari)
    .bind(per)
    .execute(&app.db.pool)
    .await
    .unwrap();
        let admin = app.admin().await;
        let (status, problem) =
            send(admin.post(app.url(&format!("/api/v1/workers/{per}/bank-account/reveal")))).await;
        assert_eq!(status, 409);
        assert!(
            problem.to_string().contains("KUNDEKORT_DATA_KEY"),
            "{problem}"
        );
        assert!(reveals(app, per).await.is_empty(), "no reveal recorded");
        // Kari's own still opens.
        let (status, body) =
            send(admin.post(app.url(&format!("/api/v1/workers/{kari}/bank-account/reveal")))).await;
        assert_eq!((status, &body["bank_account"]), (200, &json!(ACCOUNT)));
    }
);

db_test!(
    accounts_stored_in_the_clear_are_sealed_at_start_and_the_clear_column_emptied,
    |app| {
        let kari = worker(app, "Kari Nordmann", "kari@vikar.test").await;
        let per = worker(app, "Per Hansen", "per@vikar.test").await;
        // As an earlier release stored them: in the clear, nothing sealed.
        for (id, account) in [(kari, "86011117947"), (per, "PL61109010140000071219812874")] {
            sqlx::query(
                "UPDATE workers SET bank_account = $1, bank_account_sealed = NULL, \
                 bank_account_last4 = NULL WHERE id = $2",
            )
            .bind(account)
            .bind(id)
            .execute(&app.db.pool)
            .await
            .unwrap();
        }
        // A server starting on the database seals them before it serves.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        kundekort::app::serve_until(listener, app.state.clone(), std::future::ready(()))
            .await
            .unwrap();
        let (clear, sealed, last4, _) = stored(app, kari).await;
        assert_eq!((clear, last4.as_deref()), (None, Some("7947")));
        assert!(!sealed.unwrap().contains(ACCOUNT));
        let (clear, sealed, last4, _) = stored(app, per).await;
        assert_eq!((clear, last4.as_deref()), (None, Some("2874")));
        assert!(sealed.is_some());
        // Again: nothing left to do, nothing changed.
        let before = stored(app, kari).await;
        let again = kundekort::workers::bank::seal_clear(&app.db, &app.state.data_key)
            .await
            .unwrap();
        assert_eq!(again, 0);
        assert_eq!(stored(app, kari).await, before);
        // They open, each in its own row.
        let admin = app.admin().await;
        for (id, account) in [(kari, "86011117947"), (per, "PL61109010140000071219812874")] {
            let (status, body) =
                send(admin.post(app.url(&format!("/api/v1/workers/{id}/bank-account/reveal"))))
                    .await;
            assert_eq!((status, &body["bank_account"]), (200, &json!(account)));
        }
        let page = text(
            &app.login("ola@test.no").await,
            app.url(&format!("/workers/{kari}")),
        )
        .await;
        assert!(page.contains(MASKED));
        without_account(&page);
    }
);
