//! Recovery codes: each works once, a new set replaces the old, and they are stored salted
//! (rows hashed the old way, with SHA-256 alone, still work).

use super::{code, enrol, logged, password_step, recovery_codes_in};
use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{contact, oslo_customer},
        http::{location, page, post},
    },
};
use kundekort::auth::recovery_codes;

db_test!(recovery_codes_work_once_and_are_renewed, |app| {
    let ola = app.login("ola@test.no").await;
    let (secret, codes) = enrol(app, &ola).await;
    // Typed in capitals without the hyphen: still the code.
    let (client, _) = password_step(app, "ola@test.no").await;
    let typed = codes[0].replace('-', " ").to_uppercase();
    let res = client
        .post(app.url("/login/two-factor"))
        .form(&[("code", typed.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/customers");
    let used = logged(app, "recovery-code-used").await;
    assert_eq!(used.len(), 1);
    assert_eq!(used[0].2, "9 left");
    // Once only.
    let (client, _) = password_step(app, "ola@test.no").await;
    let (status, _) = post(&client, app, "/login/two-factor", &[("code", &codes[0])]).await;
    assert_eq!(status, 401);
    let (_, html) = page(&ola, app, "/settings/two-factor").await;
    assert!(html.contains("9 ubrukte"), "{html}");

    // New codes need a current code; the old ones stop working.
    let (status, html) = post(
        &ola,
        app,
        "/settings/two-factor/recovery-codes",
        &[("code", "123")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Koden er ikke riktig"));
    let (status, html) = post(
        &ola,
        app,
        "/settings/two-factor/recovery-codes",
        &[("code", code(&secret, 1))],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    let fresh = recovery_codes_in(&html);
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|c| !codes.contains(c)));
    assert_eq!(logged(app, "recovery-codes-renewed").await.len(), 1);
    let (status, _) = post(&client, app, "/login/two-factor", &[("code", &codes[1])]).await;
    assert_eq!(status, 401, "an old code");
    let res = client
        .post(app.url("/login/two-factor"))
        .form(&[("code", fresh[9].as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(res).await, "/customers");
});

/// (salted, code_hash) of a user's recovery codes.
async fn stored_codes(app: &TestApp, user: i64) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT salted, code_hash FROM two_factor_recovery WHERE user_id = $1 ORDER BY id",
    )
    .bind(user)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// Stores `code` as every row held it before decision 0064: the bare SHA-256 of the code.
async fn legacy_row(app: &TestApp, table_column: (&str, &str), id: i64, code: &str) {
    let plain = recovery_codes::normalise(code);
    let (table, column) = table_column;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO {table} ({column}, code_hash) VALUES ($1, $2)"
    )))
    .bind(id)
    .bind(kundekort::auth::hash_token(&plain))
    .execute(&app.db.pool)
    .await
    .unwrap();
}

db_test!(
    recovery_codes_are_salted_and_old_sha256_rows_still_work,
    |app| {
        let ola = app.login("ola@test.no").await;
        let user = app.fx.consultant_oslo;
        let (_, codes) = enrol(app, &ola).await;
        // New codes: argon2id, each with its own salt, never the code or its bare SHA-256.
        let rows = stored_codes(app, user).await;
        assert_eq!(rows.len(), 10);
        let salts: std::collections::BTreeSet<&str> = rows
            .iter()
            .map(|(_, h)| h.split('$').nth(4).unwrap())
            .collect();
        assert_eq!(salts.len(), 10, "a salt per row");
        for ((salted, hash), code) in rows.iter().zip(&codes) {
            assert_eq!(*salted, 1);
            assert!(hash.starts_with("$argon2id$v=19$m=4096,t=1,p=1$"), "{hash}");
            let bare = kundekort::auth::hash_token(&recovery_codes::normalise(code));
            assert!(
                rows.iter()
                    .all(|(_, h)| !h.contains(&bare) && !h.contains(code.as_str()))
            );
        }

        // Rows as a database from before holds them: bare SHA-256, for Ola and for a contact.
        sqlx::query("DELETE FROM two_factor_recovery")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let old: Vec<String> = (0..3).map(|_| recovery_codes::make()).collect();
        for code in &old {
            legacy_row(app, ("two_factor_recovery", "user_id"), user, code).await;
        }
        let customer = oslo_customer(app, "Gamle Koder AS").await;
        let kari = contact(app, customer, "Kari", "Kode").await;
        legacy_row(
            app,
            ("holder_two_factor_recovery", "contact_id"),
            kari,
            &old[0],
        )
        .await;

        // The start-up conversion salts all four without knowing the codes, and only once.
        assert_eq!(recovery_codes::salt_legacy(&app.db).await.unwrap(), 4);
        assert_eq!(recovery_codes::salt_legacy(&app.db).await.unwrap(), 0);
        let rows = stored_codes(app, user).await;
        assert!(
            rows.iter()
                .all(|(s, h)| *s == 1 && h.starts_with("$argon2id$")),
            "{rows:?}"
        );
        let holder: (i64, String) = sqlx::query_as(
            "SELECT salted, code_hash FROM holder_two_factor_recovery WHERE contact_id = $1",
        )
        .bind(kari)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!(
            holder.0 == 1 && holder.1.starts_with("$argon2id$"),
            "{holder:?}"
        );
        assert_ne!(holder.1, rows[0].1, "the same code, another salt");

        // A converted old code logs in, once.
        let (client, _) = password_step(app, "ola@test.no").await;
        let res = client
            .post(app.url("/login/two-factor"))
            .form(&[("code", old[1].to_uppercase().as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/customers");
        let (client, _) = password_step(app, "ola@test.no").await;
        let (status, _) = post(&client, app, "/login/two-factor", &[("code", &old[1])]).await;
        assert_eq!(status, 401, "used once");
        // A wrong code of the right shape fails; the other codes are untouched by the failure.
        let wrong = loop {
            let c = recovery_codes::make();
            if !old.contains(&c) {
                break c;
            }
        };
        let (status, _) = post(&client, app, "/login/two-factor", &[("code", &wrong)]).await;
        assert_eq!(status, 401);
        let unused: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM two_factor_recovery WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(unused, 2);

        // A row a previous release writes beside this one (after the start) is salted when its
        // holder's codes are checked, and works.
        let late = recovery_codes::make();
        legacy_row(app, ("two_factor_recovery", "user_id"), user, &late).await;
        let res = client
            .post(app.url("/login/two-factor"))
            .form(&[("code", late.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(location(res).await, "/customers");
        let bare: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM two_factor_recovery WHERE salted = 0")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(bare, 0);
    }
);
