//! Operations: `/readyz`, `/metrics` behind its token, graceful shutdown, and backup → restore →
//! verify (docs/operations.md, decision 0031).

use std::path::Path;

use kundekort::{
    config::{Config, FileStoreConfig, Secret},
    db::Db,
    files::FileStore,
    jobs,
    ops::backup,
};
use reqwest::StatusCode;
use serde_json::Value;

use crate::{
    db_test,
    support::{Backend, TestApp, app::postgres_url, fixtures::oslo_customer, run_with},
};

const TOKEN: &str = "scrape-token-for-tests";

fn with_token(c: &mut Config) {
    c.metrics_token = Some(Secret::new(TOKEN));
}

async fn readyz(app: &TestApp) -> (StatusCode, Value) {
    readyz_as(app, None).await
}

/// `/readyz` for anyone, or for the operator's scraper with `token`.
async fn readyz_as(app: &TestApp, token: Option<&str>) -> (StatusCode, Value) {
    let mut req = app.client().get(app.url("/readyz"));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

fn files_dir(app: &TestApp) -> std::path::PathBuf {
    match &app.state.config.file_store {
        FileStoreConfig::Local(dir) => dir.clone(),
        FileStoreConfig::S3 { .. } => panic!("the tests use a local file store"),
    }
}

db_test!(
    readyz_says_what_is_not_reachable_and_only_the_operator_why,
    config = with_token,
    |app| {
        let (status, body) = readyz(app).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["ready"], true);
        assert_eq!(body["database"]["ok"], true);
        assert_eq!(body["files"]["ok"], true);

        // The file store's folder gone: not ready, and the answer says which part; why (the
        // error's text, which names paths and hosts) only to the metrics token's holder.
        let dir = files_dir(app);
        let aside = dir.with_extension("aside");
        std::fs::rename(&dir, &aside).unwrap();
        let (status, body) = readyz(app).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(body["ready"], false);
        assert_eq!(body["database"]["ok"], true);
        assert_eq!(body["files"]["ok"], false);
        assert!(body["files"].get("error").is_none(), "{body}");
        assert!(!body.to_string().contains("files folder"), "{body}");
        for wrong in [Some("wrong-token"), None] {
            let (_, body) = readyz_as(app, wrong).await;
            assert!(body["files"].get("error").is_none(), "{body}");
        }
        let (status, body) = readyz_as(app, Some(TOKEN)).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(
            body["files"]["error"]
                .as_str()
                .unwrap()
                .contains("files folder"),
            "{body}"
        );
        std::fs::rename(&aside, &dir).unwrap();
        assert_eq!(readyz(app).await.0, StatusCode::OK);

        // The database gone (the server's pool closed): 503, while the process is still alive.
        app.db.pool.close().await;
        let (status, body) = readyz(app).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(body["ready"], false);
        assert_eq!(body["database"]["ok"], false);
        assert!(body["database"].get("error").is_none(), "{body}");
        assert_eq!(body["files"]["ok"], true);
        let (_, body) = readyz_as(app, Some(TOKEN)).await;
        assert!(body["database"]["error"].as_str().is_some(), "{body}");
        let alive = app.client().get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(alive.status(), StatusCode::OK);
    }
);

db_test!(metrics_are_not_there_without_a_token, |app| {
    let res = app
        .client()
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
});

db_test!(
    metrics_need_the_token_and_count_by_route_template,
    config = with_token,
    |app| {
        let customer = oslo_customer(app, "Fjordlys AS").await;
        // A request for a customer's card, by someone not logged in.
        let card = app
            .client()
            .get(app.url(&format!("/customers/{customer}")))
            .send()
            .await
            .unwrap();
        let card_status = card.status().as_u16();
        let mut conn = app.db.pool.acquire().await.unwrap();
        jobs::enqueue(&mut conn, "ops.test", &serde_json::json!({}))
            .await
            .unwrap();
        // One email waiting in the outbox, and one received (not counted).
        for (uid, direction, status) in [("ops-1", "out", "queued"), ("ops-2", "in", "received")] {
            sqlx::query(
                "INSERT INTO messages (uid, channel, direction, from_address, to_display, body,
                 search_text, status, created_at, updated_at)
                 VALUES ($1, 'email', $2, 'a@b.no', 'c@d.no', 'x', 'x', $3, 0, 0)",
            )
            .bind(uid)
            .bind(direction)
            .bind(status)
            .execute(&mut *conn)
            .await
            .unwrap();
        }
        drop(conn);

        for auth in [None, Some("wrong-token")] {
            let mut req = app.client().get(app.url("/metrics"));
            if let Some(token) = auth {
                req = req.bearer_auth(token);
            }
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{auth:?}");
            assert!(
                res.headers()["www-authenticate"]
                    .to_str()
                    .unwrap()
                    .starts_with("Bearer")
            );
            assert!(!res.text().await.unwrap().contains("kundekort_"));
        }

        let res = app
            .client()
            .get(app.url("/metrics"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/plain; version=0.0.4")
        );
        let body = res.text().await.unwrap();
        // Counted under the route's template, never its raw path (no ids in labels).
        let counted = format!(
            "kundekort_http_requests_total{{method=\"GET\",route=\"/customers/{{id}}\",status=\"{card_status}\"}} 1\n"
        );
        assert!(body.contains(&counted), "{counted} missing from\n{body}");
        assert!(
            !body.contains(&format!("/customers/{customer}\"")),
            "{body}"
        );
        assert!(
        body.contains(
            "kundekort_http_request_duration_seconds_count{method=\"GET\",route=\"/customers/{id}\"} 1\n"
        ),
        "{body}"
    );
        // The refused scrapes were counted too, under /metrics.
        assert!(
        body.contains(
            "kundekort_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"401\"} 2\n"
        ),
        "{body}"
    );
        // The job queue, read from the database at scrape time.
        assert!(
            body.contains("kundekort_jobs_waiting{kind=\"ops.test\"} 1\n"),
            "{body}"
        );
        assert!(
            body.contains("kundekort_jobs_due{kind=\"ops.test\"} 1\n"),
            "{body}"
        );
        assert!(
            body.contains("kundekort_jobs_failed{kind=\"ops.test\"} 0\n"),
            "{body}"
        );
        assert!(
            body.contains("# TYPE kundekort_jobs_oldest_due_age_seconds gauge\n"),
            "{body}"
        );
        assert!(
            body.contains("kundekort_outbox_messages{channel=\"email\",status=\"queued\"} 1\n"),
            "{body}"
        );

        // A failed job moves from waiting to failed.
        sqlx::query("UPDATE jobs SET failed_at = 1 WHERE kind = 'ops.test'")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let body = app
            .client()
            .get(app.url("/metrics"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            body.contains("kundekort_jobs_waiting{kind=\"ops.test\"} 0\n"),
            "{body}"
        );
        assert!(
            body.contains("kundekort_jobs_failed{kind=\"ops.test\"} 1\n"),
            "{body}"
        );
    }
);

db_test!(graceful_shutdown_stops_the_server_and_its_workers, |app| {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = (*app.state.config).clone();
    config.run_worker = true;
    config.worker_concurrency = 2;
    let state = kundekort::AppState::new(app.db.clone(), config);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(kundekort::app::serve_until(listener, state, async move {
        let _ = stopped.await;
    }));
    let url = format!("http://{addr}/healthz");
    assert_eq!(reqwest::get(&url).await.unwrap().status(), StatusCode::OK);
    stop.send(()).unwrap();
    // serve_until returns once the server has stopped and the workers have ended.
    server.await.unwrap().unwrap();
    assert!(reqwest::get(&url).await.is_err(), "no longer listening");
});

/// A new, empty database on `backend` (its URL), and what `drop_database` needs.
async fn empty_database(
    backend: Backend,
    dir: &Path,
) -> Option<(String, Option<(String, String)>)> {
    match backend {
        Backend::Sqlite => Some((
            format!("sqlite://{}/restored.db?mode=rwc", dir.display()),
            None,
        )),
        Backend::Postgres => {
            let admin_url = postgres_url()?;
            let name = format!("kk_test_restore_{:016x}", rand::random::<u64>());
            let admin = Db::connect(&admin_url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin.pool)
                .await
                .unwrap();
            admin.pool.close().await;
            let mut url = url::Url::parse(&admin_url).unwrap();
            url.set_path(&format!("/{name}"));
            Some((url.to_string(), Some((admin_url, name))))
        }
    }
}

async fn drop_database(created: Option<(String, String)>) {
    if let Some((admin_url, name)) = created {
        let admin = Db::connect(&admin_url).await.unwrap();
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&admin.pool)
        .await;
        admin.pool.close().await;
    }
}

async fn count(db: &Db, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {table}"
    )))
    .fetch_one(&db.pool)
    .await
    .unwrap();
    n
}

db_test!(
    backup_restore_round_trip,
    each_backend = backup_restore_round_trip
);

async fn backup_restore_round_trip(backend: Backend) {
    run_with(
        backend,
        |_| {},
        async |app| {
            oslo_customer(app, "Fjordlys AS").await;
            oslo_customer(app, "Havbris AS").await;
            let files = &app.state.files;
            files
                .put("customers/1/aaaa", b"%PDF-1.7 rammeavtale".to_vec())
                .await
                .unwrap();
            files
                .put("workers/7/bbbb", vec![7u8; 200_000])
                .await
                .unwrap();
            let url = app.state.config.database_url.clone();
            let scratch_server = (backend == Backend::Postgres).then_some(url.as_str());

            let work = tempfile::tempdir().unwrap();
            let dir = work.path().join("backup");
            let manifest = backup::backup(&app.db, &url, files, &dir).await.unwrap();
            assert_eq!(manifest.tables["customers"], 2);
            assert_eq!(manifest.tables["users"], 4);
            assert!(manifest.tables["_sqlx_migrations"] > 0);
            let keys: Vec<_> = manifest.files.iter().map(|f| f.key.as_str()).collect();
            assert_eq!(keys, ["customers/1/aaaa", "workers/7/bbbb"]);
            assert_eq!(manifest.files[1].size, 200_000);
            // A backup never goes over another.
            let again = backup::backup(&app.db, &url, files, &dir)
                .await
                .unwrap_err();
            assert!(again.to_string().contains("not empty"), "{again:#}");

            let verified = backup::verify(&dir, scratch_server).await.unwrap();
            assert_eq!(verified.problems, Vec::<String>::new());
            assert_eq!(verified.files, 2);
            assert_eq!(verified.tables, manifest.tables.len());

            // Restore into an empty database and an empty file store.
            let Some((target_url, created)) = empty_database(backend, work.path()).await else {
                return;
            };
            let target_files =
                FileStore::from_config(&FileStoreConfig::Local(work.path().join("files"))).unwrap();
            let restored = backup::restore(&dir, &target_url, &target_files, false).await;
            let outcome = async {
                assert_eq!(restored.unwrap(), manifest);
                let target = Db::connect(&target_url).await.unwrap();
                for table in [
                    "customers",
                    "users",
                    "departments",
                    "jobs",
                    "_sqlx_migrations",
                ] {
                    assert_eq!(
                        count(&target, table).await,
                        count(&app.db, table).await,
                        "{table}"
                    );
                }
                // The restored database is at the current schema: migrating changes nothing.
                target.migrate().await.unwrap();
                target.pool.close().await;
                assert_eq!(
                    target_files.bytes("customers/1/aaaa").await.unwrap(),
                    b"%PDF-1.7 rammeavtale"
                );
                assert_eq!(target_files.list_all().await.unwrap().len(), 2);

                // Not over a database that holds something, unless forced.
                let refused = backup::restore(&dir, &target_url, &target_files, false)
                    .await
                    .unwrap_err();
                assert!(refused.to_string().contains("not empty"), "{refused:#}");
                backup::restore(&dir, &target_url, &target_files, true)
                    .await
                    .unwrap();

                // A file changed in the backup is found by verify, and refused by restore.
                std::fs::write(dir.join("files/workers/7/bbbb"), b"changed").unwrap();
                let verified = backup::verify(&dir, scratch_server).await.unwrap();
                assert_eq!(
                    verified.problems,
                    ["file workers/7/bbbb has changed (checksum differs)"]
                );
                let refused = backup::restore(&dir, &target_url, &target_files, true)
                    .await
                    .unwrap_err();
                assert!(refused.to_string().contains("damaged"), "{refused:#}");
            };
            let outcome =
                futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(outcome)).await;
            drop_database(created).await;
            if let Err(panic) = outcome {
                std::panic::resume_unwind(panic);
            }
        },
    )
    .await;
}
