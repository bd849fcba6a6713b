//! Least privilege towards the database (ASVS V13.2.2; docs/operations.md, "Database roles"):
//! the schema's owner runs `kundekort migrate`, and the serving processes log in as a role that
//! may read and write rows but not change the schema, started with `KUNDEKORT_MIGRATE=off`.
//!
//! PostgreSQL only: SQLite has no roles (the file's owner is the process's user).

use std::time::Duration;

use crate::support::{
    Backend, TestApp,
    app::{TEST_DATA_KEY, postgres_url},
    run_with,
    server_process::{Server, client, free_port, log_in, run_command},
};

/// A role for serving, made in the test's database: rows yes, schema no.
struct ServingRole {
    name: String,
    url: String,
}

async fn serving_role(app: &TestApp) -> ServingRole {
    let owner_url = app.state.config.database_url.clone();
    let database = owner_url.rsplit('/').next().unwrap().to_string();
    let name = format!("kk_serve_{}", database.replace('-', "_"));
    let pool = &app.db.pool;
    let statements = [
        format!("CREATE ROLE {name} LOGIN"),
        format!("GRANT CONNECT ON DATABASE {database} TO {name}"),
        format!("GRANT USAGE ON SCHEMA public TO {name}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}"),
        format!("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {name}"),
    ];
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(pool)
            .await
            .unwrap();
    }
    // postgres://user@host:port/db → postgres://<role>@host:port/db
    let (scheme, rest) = owner_url.split_once("://").unwrap();
    let host_and_db = rest.rsplit_once('@').map_or(rest, |(_, after)| after);
    ServingRole {
        url: format!("{scheme}://{name}@{host_and_db}"),
        name,
    }
}

async fn drop_role(app: &TestApp, role: &ServingRole) {
    for sql in [
        format!("DROP OWNED BY {}", role.name),
        format!("DROP ROLE {}", role.name),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
}

fn env(role: &ServingRole, port: u16, migrate: &str) -> Vec<(&'static str, String)> {
    vec![
        ("DATABASE_URL", role.url.clone()),
        ("KUNDEKORT_PUBLIC_URL", format!("http://127.0.0.1:{port}")),
        ("KUNDEKORT_DATA_KEY", TEST_DATA_KEY.into()),
        ("KUNDEKORT_MIGRATE", migrate.into()),
        ("KUNDEKORT_WORKER", "on".into()),
        (
            "KUNDEKORT_BRREG_URL",
            "http://127.0.0.1:9/enhetsregisteret/api".into(),
        ),
        ("RUST_LOG", "kundekort=info".into()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_runs_as_a_role_that_cannot_change_the_schema() {
    if postgres_url().is_none() {
        return;
    }
    run_with(
        Backend::Postgres,
        |c| c.run_worker = false,
        async |app: &TestApp| {
            // The harness migrated the database as its owner.
            let role = serving_role(app).await;

            // The role really cannot change the schema: migrating as it fails.
            let port = free_port();
            let (code, said) = run_command(&["migrate"], &env(&role, port, "on")).await;
            assert_ne!(code, 0, "migrating as the serving role must fail:\n{said}");
            assert!(said.contains("permission denied"), "{said}");

            // Started with KUNDEKORT_MIGRATE=off it serves: log-in, a list, a new customer.
            let server = Server::start("serving", port, &env(&role, port, "off")).await;
            let cookie = log_in(&server, "ola@test.no").await;
            let res = client()
                .post(server.url("/customers"))
                .header("cookie", &cookie)
                .form(&[
                    ("name", "Rollebygg AS"),
                    ("status", "active"),
                    ("owner_id", &app.fx.consultant_oslo.to_string()),
                    ("department_id", &app.fx.oslo.to_string()),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "{}", server.log_text());
            let list = client()
                .get(server.url("/customers?q=Rollebygg"))
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(list.contains("Rollebygg AS"), "the new customer is listed");
            server.stop().await;

            // A schema behind this release: the server refuses to start and says what to run.
            sqlx::query(
                "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
            )
            .execute(&app.db.pool)
            .await
            .unwrap();
            let (code, said) = tokio::time::timeout(
                Duration::from_secs(60),
                run_command(&["serve"], &env(&role, free_port(), "off")),
            )
            .await
            .expect("the server stops at once instead of serving an old schema");
            assert_ne!(code, 0, "{said}");
            assert!(said.contains("kundekort migrate"), "{said}");

            drop_role(app, &role).await;
        },
    )
    .await;
}
