//! The security log stays bounded (issue 18, decision 0056): failed log-ins that name nobody
//! from one address at one door within an hour make at most ten rows, counting repeats; a
//! daily job deletes rows older than the retention an admin sets at `/admin/sessions` (default
//! 400 days), and keeps only the newest failed log-ins by unknown names beyond that.

use kundekort::{
    auth::security_log::{
        self, Event, Kind, Subject,
        retention::{self, KIND},
    },
    timefmt::now,
};

use crate::{
    db_test,
    support::{TestApp, fixtures::run_worker},
};

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// A row written straight into the log, `days_ago` days old.
async fn old_row(app: &TestApp, days_ago: i64, login: &str) {
    sqlx::query(
        "INSERT INTO security_log (at, kind, user_id, login, ip, detail) \
         VALUES ($1, 'login', $2, $3, '10.0.0.1', '')",
    )
    .bind(now() - days_ago * 86_400)
    .bind(app.fx.consultant_oslo)
    .bind(login)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

db_test!(failed_log_ins_by_unknown_names_make_few_rows, |app| {
    let client = app.client();
    let attempt = async |path: &str, email: &str| {
        client
            .post(app.url(path))
            .form(&[("email", email), ("password", "feil-passord-42")])
            .send()
            .await
            .unwrap()
            .status()
    };
    // Twelve names from one address: ten rows, then the latest counts the rest.
    for n in 1..=12 {
        assert_eq!(attempt("/login", &format!("ingen{n}@test.no")).await, 401);
    }
    // A name tried before counts on its own row.
    assert_eq!(attempt("/login", "ingen1@test.no").await, 401);
    assert_eq!(attempt("/portal/login", "ingen@test.no").await, 401);
    // A known user's failures are each their own row.
    assert_eq!(attempt("/login", "ola@test.no").await, 401);
    assert_eq!(attempt("/login", "ola@test.no").await, 401);
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT login, detail, repeats FROM security_log WHERE kind = 'login-failed' \
         AND user_id IS NULL ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut expected: Vec<(String, String, i64)> = (1..=10)
        .map(|n| (format!("ingen{n}@test.no"), "unknown".to_string(), 1))
        .collect();
    expected[0].2 = 2;
    expected[9].2 = 3;
    expected.push(("ingen@test.no".to_string(), "portal".to_string(), 1));
    assert_eq!(rows, expected, "rows per door, the repeats counted");
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT COUNT(*) FROM security_log WHERE kind = 'login-failed' AND user_id = {}",
                app.fx.consultant_oslo
            )
        )
        .await,
        2
    );
    // A failure an hour later starts a row of its own.
    sqlx::query("UPDATE security_log SET at = at - 3601 WHERE detail = 'unknown'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(attempt("/login", "ingen13@test.no").await, 401);
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM security_log WHERE detail = 'unknown'"
        )
        .await,
        11
    );
    let admin = app.admin().await;
    let page = admin
        .get(app.url("/admin/security-log?kind=login-failed"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("ukjent bruker (3 ganger innen en time)"),
        "{page}"
    );
    assert!(!page.contains("feil-passord-42"), "never the password");
    let csv = admin
        .get(app.url("/admin/security-log.csv?kind=login-failed"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("3 ganger innen en time"), "{csv}");
});

db_test!(
    a_daily_job_deletes_what_is_older_than_the_retention,
    |app| {
        old_row(app, 401, "gammel@test.no").await;
        old_row(app, 399, "nyere@test.no").await;
        let waiting = format!(
            "SELECT COUNT(*) FROM jobs WHERE kind = '{KIND}' AND done_at IS NULL AND failed_at IS NULL"
        );
        retention::ensure_scheduled(&app.db).await.unwrap();
        retention::ensure_scheduled(&app.db).await.unwrap();
        assert_eq!(count(app, &waiting).await, 1, "one run waits");
        assert_eq!(run_worker(app).await, 0, "not due before tomorrow night");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE jobs SET run_at = 0 WHERE kind = '{KIND}'"
        )))
        .execute(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(run_worker(app).await, 1);
        let logins: Vec<(String,)> =
            sqlx::query_as("SELECT login FROM security_log WHERE kind = 'login' ORDER BY id")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(
            logins,
            [("nyere@test.no".to_string(),)],
            "400 days by default"
        );
        let pruned: Vec<(String,)> =
            sqlx::query_as("SELECT detail FROM security_log WHERE kind = 'log-pruned'")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(pruned.len(), 1, "the run says what it deleted");
        assert!(
            pruned[0].0.starts_with("1 older than 400 days"),
            "{pruned:?}"
        );
        assert_eq!(count(app, &waiting).await, 1, "the next night's run waits");
        let next: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT run_at FROM jobs WHERE kind = '{KIND}' AND done_at IS NULL"
        )))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert!(next > now() && next <= now() + 2 * 86_400, "{next}");

        // An admin shortens the retention; bad input is explained and kept.
        let admin = app.admin().await;
        let page = admin
            .get(app.url("/admin/sessions"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("value=\"400\""), "the default shown");
        let form = |days: &'static str| {
            [
                ("idle_minutes", "480"),
                ("absolute_hours", "168"),
                ("security_log_days", days),
            ]
        };
        let res = admin
            .post(app.url("/admin/sessions"))
            .form(&form("7"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains("Skriv et helt antall dager fra 30 til 3650"),
            "{page}"
        );
        assert!(page.contains("value=\"7\""), "kept");
        let res = admin
            .post(app.url("/admin/sessions"))
            .form(&form("30"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["location"], "/admin/sessions?saved=1");
        let changed: Vec<(String,)> =
            sqlx::query_as("SELECT detail FROM security_log WHERE kind = 'session-settings'")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert!(
            changed[0].0.contains("security log kept 400 → 30 days"),
            "{changed:?}"
        );
        assert_eq!(retention::days(&app.db).await.unwrap(), 30);
        let p = retention::prune(&app.db, now(), retention::MAX_ANONYMOUS)
            .await
            .unwrap();
        assert_eq!((p.expired, p.anonymous), (1, 0));
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM security_log WHERE login = 'nyere@test.no'"
            )
            .await,
            0
        );
        // Only an admin sets it.
        let lise = app.login("leder@test.no").await;
        let res = lise
            .post(app.url("/admin/sessions"))
            .form(&form("3650"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(retention::days(&app.db).await.unwrap(), 30);
    }
);

db_test!(only_the_newest_failures_by_unknown_names_are_kept, |app| {
    // Eight addresses (so eight rows), and a known user's failure.
    for n in 1..=8u8 {
        let e = Event::new(Kind::LoginFailed, Subject::Nobody)
            .login(&format!("ukjent{n}@test.no"))
            .ip([10, 0, 0, n].into())
            .detail("unknown");
        security_log::log(&app.db, e).await.unwrap();
    }
    let e = Event::new(Kind::LoginFailed, Subject::User(app.fx.consultant_oslo))
        .ip([10, 0, 0, 1].into())
        .detail("password");
    security_log::log(&app.db, e).await.unwrap();
    let p = retention::prune(&app.db, now(), 5).await.unwrap();
    assert_eq!((p.expired, p.anonymous), (0, 3));
    let kept: Vec<(String,)> = sqlx::query_as(
        "SELECT login FROM security_log WHERE kind = 'login-failed' AND user_id IS NULL ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let kept: Vec<String> = kept.into_iter().map(|r| r.0).collect();
    assert_eq!(
        kept,
        (4..=8)
            .map(|n| format!("ukjent{n}@test.no"))
            .collect::<Vec<_>>(),
        "the newest five"
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM security_log WHERE kind = 'login-failed' AND user_id IS NOT NULL"
        )
        .await,
        1,
        "a known user's failures are not capped"
    );
    // Nothing more to do: a second run deletes nothing and writes nothing.
    let before = count(app, "SELECT COUNT(*) FROM security_log").await;
    let p = retention::prune(&app.db, now(), 5).await.unwrap();
    assert_eq!((p.expired, p.anonymous), (0, 0));
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM security_log").await,
        before
    );
});

db_test!(every_kind_naming_nobody_is_inside_the_cap, |app| {
    // One row naming nobody of every kind anyone can cause (all but the run's own), each from
    // its own address, and a refusal that names a user.
    let anonymous: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| *k != Kind::LogPruned)
        .collect();
    for (n, kind) in anonymous.iter().enumerate() {
        let e = Event::new(*kind, Subject::Nobody)
            .ip([10, 0, 1, n as u8].into())
            .detail(format!("row {n}"));
        security_log::log(&app.db, e).await.unwrap();
    }
    let e = Event::new(Kind::AccessRefused, Subject::User(app.fx.consultant_oslo))
        .ip([10, 0, 2, 1].into())
        .detail("GET /admin/users: 403 forbidden");
    security_log::log(&app.db, e).await.unwrap();
    let p = retention::prune(&app.db, now(), 3).await.unwrap();
    assert_eq!(p.anonymous, anonymous.len() as u64 - 3);
    let kept: Vec<(String,)> = sqlx::query_as(
        "SELECT kind FROM security_log WHERE user_id IS NULL AND kind <> 'log-pruned' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let kept: Vec<String> = kept.into_iter().map(|r| r.0).collect();
    let newest: Vec<String> = anonymous[anonymous.len() - 3..]
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(kept, newest, "the newest three, whatever their kind");
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM security_log WHERE kind = 'access-refused' AND user_id IS NOT NULL"
        )
        .await,
        1,
        "a row that names someone is not capped"
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM security_log WHERE kind = 'log-pruned'"
        )
        .await,
        1,
        "the run's own row is kept"
    );
});
