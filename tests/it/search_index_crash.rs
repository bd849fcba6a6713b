//! The search's word indexes stay right when the server dies in the middle of writes (issue 17:
//! "the index caught up after the server is killed in the middle of writes"; decisions 0057,
//! 0061). The indexes (`customer_name_words`, `contact_name_words`) are written in the same
//! transaction as the names, so a kill can lose a write but never split a name from its words;
//! and an index not yet built (just migrated) is built at the next start.
//!
//! The real binary serves the test's database; clients create customers, contacts and renames
//! as fast as it answers; it is killed with SIGKILL while they do, started again, and both
//! indexes are compared row by row with the names (`name_words::check`).

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use crate::{
    db_test,
    support::{
        Backend, TestApp,
        app::TEST_DATA_KEY,
        run_with,
        server_process::{Server, client, free_port, log_in},
    },
};

/// Both indexes agree with the names, row for row.
async fn indexes_agree(app: &TestApp) {
    let mut conn = app.db.pool.acquire().await.unwrap();
    assert_eq!(
        kundekort::customers::name_words::check(&mut conn, 10)
            .await
            .unwrap(),
        Vec::<i64>::new(),
        "customers whose words differ from their names"
    );
    assert_eq!(
        kundekort::contacts::name_words::check(&mut conn, 10)
            .await
            .unwrap(),
        Vec::<i64>::new(),
        "contacts whose words differ from their names"
    );
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// What the writers did: rounds finished, requests cut off by the kill, answers other than
/// success.
#[derive(Default)]
struct Tally {
    done: AtomicUsize,
    failed: AtomicUsize,
    wrong: std::sync::Mutex<Vec<String>>,
}

/// One writer: creates a customer, gives it a contact, renames it; again, until the server is
/// gone. Counts what was answered and what failed on the way.
async fn writer(base: String, cookie: String, n: usize, owner: i64, dep: i64, tally: Arc<Tally>) {
    let Tally {
        done,
        failed,
        wrong,
    } = &*tally;
    let http = client();
    for i in 0.. {
        let name = format!("Krasjtest Bygg og Anlegg {n}-{i} AS");
        let created = http
            .post(format!("{base}/customers"))
            .header("cookie", &cookie)
            .form(&[
                ("name", name.as_str()),
                ("status", "active"),
                ("owner_id", &owner.to_string()),
                ("department_id", &dep.to_string()),
            ])
            .send()
            .await;
        let Ok(res) = created else {
            failed.fetch_add(1, Ordering::SeqCst);
            return;
        };
        if res.status() != 303 {
            wrong
                .lock()
                .unwrap()
                .push(format!("create {name}: {}", res.status()));
            return;
        }
        let id: i64 = res.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/customers/")
            .trim_end_matches("?saved=1")
            .parse()
            .unwrap();
        let steps = [
            (
                format!("{base}/customers/{id}/contacts"),
                vec![
                    ("first_name", format!("Åse {n}")),
                    ("last_name", format!("Ørnebråten-Kvalsvik {i}")),
                ],
            ),
            (
                format!("{base}/customers/{id}"),
                vec![
                    ("name", format!("Omdøpt Fjordelektro {n}-{i} AS")),
                    ("status", "active".into()),
                    ("owner_id", owner.to_string()),
                    ("department_id", dep.to_string()),
                    ("version", "1".into()),
                ],
            ),
        ];
        for (url, form) in steps {
            match http
                .post(&url)
                .header("cookie", &cookie)
                .form(&form)
                .send()
                .await
            {
                Ok(res) if res.status().is_redirection() => {}
                Ok(res) => {
                    wrong
                        .lock()
                        .unwrap()
                        .push(format!("{url}: {}", res.status()));
                    return;
                }
                Err(_) => {
                    failed.fetch_add(1, Ordering::SeqCst);
                    return;
                }
            }
        }
        done.fetch_add(1, Ordering::SeqCst);
    }
}

db_test!(
    the_word_indexes_stay_right_when_the_server_is_killed_while_writing,
    each_backend = killed_while_writing
);
async fn killed_while_writing(backend: Backend) {
    run_with(
        backend,
        |c| c.run_worker = false,
        async |app: &TestApp| {
            let port = free_port();
            let env: Vec<(&str, String)> = vec![
                ("DATABASE_URL", app.state.config.database_url.clone()),
                ("KUNDEKORT_PUBLIC_URL", format!("http://127.0.0.1:{port}")),
                ("KUNDEKORT_DATA_KEY", TEST_DATA_KEY.into()),
                ("KUNDEKORT_WORKER", "off".into()),
                ("KUNDEKORT_BRREG_URL", "http://127.0.0.1:9/enhetsregisteret/api".into()),
                ("RUST_LOG", "kundekort=warn".into()),
            ];
            let server = Server::start("first", port, &env).await;
            let cookie = log_in(&server, "ola@test.no").await;
            let tally = Arc::new(Tally::default());
            let writers: Vec<_> = (0..6)
                .map(|n| {
                    tokio::spawn(writer(
                        server.base.clone(),
                        cookie.clone(),
                        n,
                        app.fx.consultant_oslo,
                        app.fx.oslo,
                        tally.clone(),
                    ))
                })
                .collect();
            // Killed once a good number of rounds are through, while six writers are at it.
            while tally.done.load(Ordering::SeqCst) < 60 && tally.wrong.lock().unwrap().is_empty() {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            let log = server.log_text();
            server.stop().await;
            for w in writers {
                w.await.unwrap();
            }
            let wrong = tally.wrong.lock().unwrap().clone();
            assert!(wrong.is_empty(), "answers other than success: {wrong:?}\n{log}");
            assert!(
                tally.failed.load(Ordering::SeqCst) >= 1,
                "the kill came while requests were under way"
            );
            let created = count(app, "SELECT COUNT(*) FROM customers WHERE name LIKE 'Krasjtest%' OR name LIKE 'Omdøpt%'").await;
            assert!(created >= 60, "{created} customers written before the kill");
            indexes_agree(app).await;

            // An index not yet built — as right after the migration that makes it — is built
            // at the next start, whatever was in it.
            for sql in [
                "DELETE FROM customer_name_words",
                "DELETE FROM contact_name_words",
                "UPDATE counters SET value = 0 WHERE name IN ('customer_name_words_built', 'contact_name_words_built')",
            ] {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&app.db.pool)
                    .await
                    .unwrap();
            }
            let server = Server::start("again", port, &env).await;
            indexes_agree(app).await;
            assert!(
                count(app, "SELECT COUNT(*) FROM customer_name_words").await > 0,
                "rebuilt at start"
            );
            // And the search through it finds a renamed customer by a later word of its name.
            let cookie = log_in(&server, "ola@test.no").await;
            let page = client()
                .get(server.url("/customers?q=fjordelektro"))
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(page.contains("Omdøpt Fjordelektro"), "search after the restart");
            server.stop().await;
        },
    )
    .await;
}
