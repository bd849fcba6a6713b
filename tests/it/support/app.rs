//! Spawning the app for a test: the real app on port 0 with a fresh database (SQLite in a temp
//! folder, or a new PostgreSQL database on the server in `TEST_POSTGRES_URL`) and the fixture
//! users; the fake mail and SMS providers wired into its config; and [`db_test!`], the one way
//! to run a test on both databases.

use std::{net::SocketAddr, panic::AssertUnwindSafe};

use futures::FutureExt;
use kundekort::{
    AppState, app,
    auth::{Role, password},
    config::{Config, Secret, SmsConfig, SmsProvider, SmtpConfig, SmtpTls, parse_base_url},
    customers::{access::Visibility, model::CustomerDraft, store},
    db::Db,
    staff::users::{self, NewUser},
};
use tokio::{net::TcpListener, sync::OnceCell};

use super::{
    fake_sms::{self, FakeSms},
    fake_smtp::FakeSmtp,
};

pub const PASSWORD: &str = "test-password-123";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs `body` against a fresh app on `backend` with the default test config.
pub async fn run(backend: Backend, body: impl AsyncFnOnce(&TestApp)) {
    run_with(backend, |_| {}, body).await
}

/// Runs `body` against a fresh app on `backend`, with `configure` applied to the test config,
/// then removes the database, even on panic. Returns without running `body` when `backend` is
/// PostgreSQL and [`postgres_url`] says to skip.
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
    /// The server's state, for driving the job worker by hand (`jobs::try_run_one` with `app::job_handlers()`).
    pub state: AppState,
    pub fx: Fixture,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
    server: tokio::task::JoinHandle<()>,
}

static HASH: OnceCell<String> = OnceCell::const_new();

/// The data key every test app seals with (base64 of 32 bytes).
pub const TEST_DATA_KEY: &str = "dGVzdC1rZXktZm9yLWt1bmRla29ydC10ZXN0cy0zMiE=";

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
            let (url, created) = create_postgres_database().await?;
            config.database_url = url;
            pg = Some(created);
        }
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        config.public_url = url::Url::parse(&format!("http://{addr}")).unwrap();
        // Tests run the job worker by hand unless they switch it on.
        config.run_worker = false;
        config.job_retry_seconds = 0;
        // A fixed data key, so sealed values are the same kind of thing in every test.
        config.data_key = Some(Secret::new(TEST_DATA_KEY));
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
        if let Some((admin_url, name)) = self.pg {
            drop_postgres_database(&admin_url, &name).await;
        }
    }

    /// Creates a customer through the store (setup, not the thing under test).
    pub async fn customer(&self, draft: CustomerDraft) -> i64 {
        let data = draft.validate().expect("fixture customer is valid");
        let mut tx = self.db.begin().await.expect("begin");
        let id = store::create(&mut tx, Visibility::All, Some(self.fx.admin), &data)
            .await
            .expect("create customer");
        self.db.commit_and_recount(tx).await.expect("commit");
        id
    }
}

/// Creates a new database on the server in `TEST_POSTGRES_URL`; returns its URL and what
/// [`drop_postgres_database`] needs. `None` when PostgreSQL is skipped (see [`postgres_url`]).
async fn create_postgres_database() -> Option<(String, (String, String))> {
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
    Some((url.to_string(), (admin_url, name)))
}

async fn drop_postgres_database(admin_url: &str, name: &str) {
    if let Ok(admin) = Db::connect(admin_url).await {
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&admin.pool)
            .await;
        admin.pool.close().await;
    }
}

/// Runs `body` with a fresh, empty database on `backend` (nothing migrated, no app, no fixture
/// users), for tests that build everything themselves; the database is removed afterwards, even
/// on panic. Skips PostgreSQL as [`run_with`] does.
pub async fn with_empty_database(backend: Backend, body: impl AsyncFnOnce(&Db)) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, pg) = match backend {
        Backend::Sqlite => (
            Config::with_data_dir(dir.path().to_path_buf()).database_url,
            None,
        ),
        Backend::Postgres => {
            let Some((url, created)) = create_postgres_database().await else {
                return;
            };
            (url, Some(created))
        }
    };
    let db = Db::connect(&url).await.expect("connect");
    let outcome = AssertUnwindSafe(body(&db)).catch_unwind().await;
    db.pool.close().await;
    if let Some((admin_url, name)) = pg {
        drop_postgres_database(&admin_url, &name).await;
    }
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
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
            &mut db.pool.acquire().await.unwrap(),
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

/// The sender the fake SMTP configuration sends as.
pub const MAIL_FROM: &str = "Byrået <post@byraa.test>";

/// SMTP to the fake server on `port`, without TLS or log-in.
pub fn smtp_config(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        user: None,
        password: None,
        from: MAIL_FROM.into(),
        ca_roots: Vec::new(),
    }
}

/// Sveve (SMS) at the fake gateway on `addr`, with its test credentials and webhook secret.
pub fn sveve_config(addr: std::net::SocketAddr) -> SmsConfig {
    SmsConfig {
        provider: SmsProvider::Sveve,
        base_url: parse_base_url(&format!("http://{addr}")).unwrap(),
        user: fake_sms::SVEVE_USER.into(),
        password: Secret::new(fake_sms::SVEVE_PASSWORD),
        sender: "Byraa".into(),
        webhook_secret: Some(Secret::new("sveve-hemmelig")),
    }
}

/// Runs a test with a fake SMTP server and a fake Sveve gateway started and configured (before
/// `configure`, which may change them); the SMTP server is stopped afterwards.
pub async fn run_with_providers(
    backend: Backend,
    configure: impl FnOnce(&mut Config),
    body: impl AsyncFnOnce(&TestApp, &FakeSmtp, &FakeSms),
) {
    let smtp = FakeSmtp::start().await;
    let (sms, sms_addr) = FakeSms::spawn().await;
    let port = smtp.port();
    run_with(
        backend,
        |c| {
            c.smtp = Some(smtp_config(port));
            c.sms = Some(sveve_config(sms_addr));
            configure(c);
        },
        async |app| body(app, &smtp, &sms).await,
    )
    .await;
    smtp.stop().await;
}

/// Runs a test on SQLite and on PostgreSQL, as two test functions `<name>::sqlite` and
/// `<name>::postgres` (a module named after the test, so the filter `<name>` runs both).
///
/// ```ignore
/// db_test!(name, |app| { … });                              // default test config
/// db_test!(name, config = f, |app| { … });                  // f: fn(&mut Config) or a closure
/// db_test!(name, providers, |app, smtp, sms| { … });        // fake SMTP and SMS configured
/// db_test!(name, config = f, providers, |app, smtp, sms| { … });
/// db_test!(name, each_backend = f);                         // f: async fn(Backend)
/// ```
///
/// `app` is a `&TestApp`, `smtp` a `&FakeSmtp`, `sms` a `&FakeSms`. The body sees the calling
/// module's items (`use super::*`). `config` runs after the test defaults (and after the
/// providers' settings), so it may override them. `each_backend` is for a test that must own its
/// set-up, e.g. a fake started before the app whose address goes into the config, or a server
/// stopped in the middle: `f` is called once per backend and calls [`run_with`] itself.
///
/// PostgreSQL comes from `TEST_POSTGRES_URL`; without it the PostgreSQL half is skipped locally
/// and fails under `CI=true` (see [`postgres_url`]).
#[macro_export]
macro_rules! db_test {
    ($name:ident, $(config = $config:expr,)? |$app:ident| $body:block) => {
        $crate::db_test!(@both $name, backend => {
            $crate::support::run_with(
                backend,
                $crate::db_test!(@config $($config)?),
                async |$app: &$crate::support::TestApp| $body,
            )
            .await
        });
    };
    ($name:ident, $(config = $config:expr,)? providers, |$app:ident, $smtp:ident, $sms:ident| $body:block) => {
        $crate::db_test!(@both $name, backend => {
            $crate::support::run_with_providers(
                backend,
                $crate::db_test!(@config $($config)?),
                async |$app: &$crate::support::TestApp,
                       $smtp: &$crate::support::fake_smtp::FakeSmtp,
                       $sms: &$crate::support::fake_sms::FakeSms| $body,
            )
            .await
        });
    };
    ($name:ident, each_backend = $f:ident) => {
        $crate::db_test!(@both $name, backend => { super::$f(backend).await });
    };
    (@config) => {
        |_: &mut ::kundekort::config::Config| {}
    };
    (@config $config:expr) => {
        $config
    };
    (@both $name:ident, $backend:ident => $run:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $backend = $crate::support::Backend::Sqlite;
                $run
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $backend = $crate::support::Backend::Postgres;
                $run
            }
        }
    };
}
