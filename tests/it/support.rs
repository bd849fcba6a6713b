//! Test harness: the real app on port 0 with a fresh database (SQLite in a temp folder, or a
//! new PostgreSQL database on the server in `TEST_POSTGRES_URL`), named request helpers, fixture
//! users, and a local fake of Brønnøysund Enhetsregisteret.

use std::{net::SocketAddr, panic::AssertUnwindSafe};

use futures::FutureExt;
use kundekort::{
    AppState, app,
    auth::{Role, password},
    config::{Config, parse_base_url},
    customers::{access::Visibility, model::CustomerDraft, store},
    db::Db,
    staff::users::{self, NewUser},
};
use tokio::{net::TcpListener, sync::OnceCell};

pub const PASSWORD: &str = "test-password-123";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs `body` against a fresh app on `backend`, then removes the database, even on panic.
pub async fn run(backend: Backend, body: impl AsyncFnOnce(&TestApp)) {
    run_with(backend, |_| {}, body).await
}

pub async fn run_with(
    backend: Backend,
    configure: impl FnOnce(&mut Config),
    body: impl AsyncFnOnce(&TestApp),
) {
    let Some(app) = TestApp::spawn(backend, configure).await else {
        return;
    };
    let outcome = AssertUnwindSafe(body(&app)).catch_unwind().await;
    app.cleanup().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Whether PostgreSQL tests can run; in CI (`CI=true`) its absence is a failure, not a skip.
pub fn postgres_url() -> Option<String> {
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "TEST_POSTGRES_URL must be set when CI=true: PostgreSQL tests may not be skipped"
                );
            }
            eprintln!("TEST_POSTGRES_URL is not set: skipping the PostgreSQL run of this test");
            None
        }
    }
}

pub struct Fixture {
    pub oslo: i64,
    pub bergen: i64,
    pub admin: i64,
    pub manager_oslo: i64,
    pub consultant_oslo: i64,
    pub consultant_bergen: i64,
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    /// The server's state, for driving the job worker by hand (`jobs::try_run_one`).
    pub state: AppState,
    pub fx: Fixture,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
    server: tokio::task::JoinHandle<()>,
}

static HASH: OnceCell<String> = OnceCell::const_new();

impl TestApp {
    async fn spawn(backend: Backend, configure: impl FnOnce(&mut Config)) -> Option<Self> {
        kundekort::install_crypto_provider();
        // `RUST_LOG=kundekort=debug cargo test …` shows the server's log for a failing test.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::with_data_dir(dir.path().to_path_buf());
        // Brønnøysund is never reached from tests: by default nothing listens here.
        config.brreg_url = parse_base_url("http://127.0.0.1:9/enhetsregisteret/api").unwrap();
        let mut pg = None;
        if backend == Backend::Postgres {
            let admin_url = postgres_url()?;
            let name = format!("kk_test_{}", hex_id());
            let admin = Db::connect(&admin_url)
                .await
                .expect("connect to TEST_POSTGRES_URL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin.pool)
                .await
                .expect("create test database");
            admin.pool.close().await;
            let mut url = url::Url::parse(&admin_url).expect("TEST_POSTGRES_URL is a URL");
            url.set_path(&format!("/{name}"));
            config.database_url = url.to_string();
            pg = Some((admin_url, name));
        }
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        config.public_url = url::Url::parse(&format!("http://{addr}")).unwrap();
        // Tests run the job worker by hand unless they switch it on.
        config.run_worker = false;
        config.job_retry_seconds = 0;
        configure(&mut config);
        let db = Db::connect(&config.database_url).await.expect("connect");
        db.migrate().await.expect("migrate");
        let fx = fixture(&db).await;
        let state = AppState::new(db.clone(), config.clone());
        let server_state = state.clone();
        let server = tokio::spawn(async move {
            app::serve(listener, server_state).await.expect("server");
        });
        Some(Self {
            addr,
            db,
            state,
            fx,
            _dir: dir,
            pg,
            server,
        })
    }

    async fn cleanup(self) {
        self.server.abort();
        let _ = self.server.await;
        self.db.pool.close().await;
        if let Some((admin_url, name)) = self.pg
            && let Ok(admin) = Db::connect(&admin_url).await
        {
            let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
                .execute(&admin.pool)
                .await;
            admin.pool.close().await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A client with its own cookie jar that does not follow redirects (tests look at them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// Logs `email` in and returns the client holding the session.
    pub async fn login(&self, email: &str) -> reqwest::Client {
        let client = self.client();
        let res = client
            .post(self.url("/login"))
            .form(&[
                ("email", email),
                ("password", PASSWORD),
                ("next", "/customers"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "log-in of {email} failed");
        client
    }

    pub async fn admin(&self) -> reqwest::Client {
        self.login("admin@test.no").await
    }

    /// Creates a customer through the store (setup, not the thing under test).
    pub async fn customer(&self, draft: CustomerDraft) -> i64 {
        let data = draft.validate().expect("fixture customer is valid");
        store::create(&self.db, Visibility::All, Some(self.fx.admin), &data)
            .await
            .expect("create customer")
    }
}

fn hex_id() -> String {
    let n: u64 = rand::random();
    format!("{n:016x}")
}

async fn fixture(db: &Db) -> Fixture {
    let hash = HASH
        .get_or_init(|| async { password::hash(PASSWORD.to_string()).await.unwrap() })
        .await
        .clone();
    let dep = async |name: &str| -> i64 {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO departments (name, created_at) VALUES ($1, 0) RETURNING id",
        )
        .bind(name)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        id
    };
    let oslo = dep("Oslo").await;
    let bergen = dep("Bergen").await;
    let user = async |email: &str, name: &str, role: Role, dep: Option<i64>| -> i64 {
        users::insert(
            db,
            NewUser {
                email,
                name,
                password_hash: hash.clone(),
                role,
                department_id: dep,
            },
        )
        .await
        .unwrap()
    };
    Fixture {
        oslo,
        bergen,
        admin: user("admin@test.no", "Ada Admin", Role::Admin, None).await,
        manager_oslo: user("leder@test.no", "Lise Leder", Role::Manager, Some(oslo)).await,
        consultant_oslo: user("ola@test.no", "Ola Oslo", Role::Consultant, Some(oslo)).await,
        consultant_bergen: user(
            "berit@test.no",
            "Berit Bergen",
            Role::Consultant,
            Some(bergen),
        )
        .await,
    }
}

/// A draft with just a name (and what the caller adds).
pub fn draft(name: &str) -> CustomerDraft {
    CustomerDraft {
        name: name.to_string(),
        status: "active".into(),
        ..Default::default()
    }
}

/// Runs a test body on SQLite and on PostgreSQL, as two test functions.
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::support::run(
                    $crate::support::Backend::Sqlite,
                    async |$app: &$crate::support::TestApp| $body,
                )
                .await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::support::run(
                    $crate::support::Backend::Postgres,
                    async |$app: &$crate::support::TestApp| $body,
                )
                .await
            }
        }
    };
}
