//! The `kundekort` command: serve (default), migrate, seed, api-token, backup, restore, health.

use clap::{Parser, Subcommand};
use kundekort::{app, auth, config::Config, db::Db, ops::backup, seed};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's allocator, for Rust and — through the crate's `override` feature —
/// for the C code linked in (SQLite) as well. Under 16 clients the server's SQLite connections
/// spent their time waiting on glibc's `malloc` locks (a page buffer allocated for every page
/// read into a connection's cache) and woke each other through the kernel: malloc and `futex`
/// were over a third of the server's time in `perf`. Replacing only Rust's allocator changed
/// nothing measurable; replacing both raised the list's throughput by about 29 % (decision 0088).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "kundekort",
    version,
    about = "Customer cards for staffing agencies"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default).
    Serve {
        /// On an empty database, create demo departments, users and customers, and print the log-ins.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Add realistic customers (and the departments and users they need).
    Seed {
        /// How many customers to add.
        #[arg(long, default_value_t = 1000)]
        customers: usize,
        /// How many contacts to add at each customer that has none yet (the first the main one).
        #[arg(long, default_value_t = 0)]
        contacts: usize,
        /// How many workers to add (with skills and papers).
        #[arg(long, default_value_t = 0)]
        workers: usize,
        /// How many active assignments to add on active customers (a tenth, at most 500, on one).
        #[arg(long, default_value_t = 0)]
        assignments: usize,
        /// How many issued invoices to add over the customers (with payments and credit notes).
        #[arg(long, default_value_t = 0)]
        invoices: usize,
    },
    /// Manage API tokens.
    ApiToken {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Copy the database and the file store into a new folder, with a manifest of row counts and
    /// checksums (see docs/operations.md). With --verify, check an existing backup instead.
    Backup {
        /// The backup folder: new or empty (or, with --verify, the backup to check).
        dir: std::path::PathBuf,
        /// Check the backup in DIR: every checksum, and the database restored into a scratch
        /// place (a temporary SQLite file, or a temporary database on the PostgreSQL server of
        /// DATABASE_URL) with its row counts compared.
        #[arg(long)]
        verify: bool,
    },
    /// Restore a backup into the database of DATABASE_URL and the configured file store. Stop
    /// the servers first.
    Restore {
        /// The backup folder.
        dir: std::path::PathBuf,
        /// Replace a database that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Ask the server listening on KUNDEKORT_ADDR whether it is alive (/healthz); exit 0 when it
    /// answers 200, else 1. For a container's HEALTHCHECK (the image has no curl).
    Health {
        /// Ask whether it is ready instead (/readyz: database and file store reachable).
        #[arg(long)]
        ready: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token for a user and print it (shown once).
    Create {
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "cli")]
        name: String,
        /// How long it works: 30, 90 or 365 days.
        #[arg(long, default_value_t = 90)]
        days: i64,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    init_logging()?;
    kundekort::install_crypto_provider();
    let cli = Cli::parse();
    let config = Config::from_env()?;
    if let Some(Command::Health { ready }) = &cli.command {
        let (ok, said) = health(&config, *ready).await;
        println!("{said}");
        std::process::exit(if ok { 0 } else { 1 });
    }
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    // Backups and restores take the database as it is: no migration first.
    match &cli.command {
        Some(Command::Backup { dir, verify: true }) => {
            let server = config
                .database_url
                .starts_with("postgres")
                .then_some(config.database_url.as_str());
            let verified = backup::verify(dir, server).await?;
            if !verified.problems.is_empty() {
                eprintln!("The backup in {} is NOT sound:", dir.display());
                for problem in &verified.problems {
                    eprintln!("  {problem}");
                }
                std::process::exit(1);
            }
            println!(
                "The backup in {} is sound: {} tables ({} rows) restored and counted, {} files checked.",
                dir.display(),
                verified.tables,
                verified.rows,
                verified.files
            );
            return Ok(());
        }
        Some(Command::Backup { dir, verify: false }) => {
            let db = Db::connect(&config.database_url).await?;
            let files = kundekort::files::FileStore::from_config(&config.file_store)?;
            let manifest = backup::backup(&db, &config.database_url, &files, dir).await?;
            println!(
                "Backup written to {}: {} tables ({} rows), {} files.",
                dir.display(),
                manifest.tables.len(),
                manifest.tables.values().sum::<i64>(),
                manifest.files.len()
            );
            println!(
                "The data key (KUNDEKORT_DATA_KEY or <data dir>/data.key) is not in the backup: \
                 keep a copy of it apart from the backups."
            );
            return Ok(());
        }
        Some(Command::Restore { dir, force }) => {
            let files = kundekort::files::FileStore::from_config(&config.file_store)?;
            let manifest = backup::restore(dir, &config.database_url, &files, *force).await?;
            println!(
                "Restored {}: {} tables ({} rows), {} files.",
                dir.display(),
                manifest.tables.len(),
                manifest.tables.values().sum::<i64>(),
                manifest.files.len()
            );
            return Ok(());
        }
        _ => {}
    }
    let db = Db::connect(&config.database_url).await?;
    // `kundekort migrate` always migrates; anything else only checks when told not to.
    if config.migrate_on_start || matches!(cli.command, Some(Command::Migrate)) {
        db.migrate().await?;
    } else {
        db.check_migrated().await?;
    }
    // SQLite's planner statistics are refreshed by nothing else. PostgreSQL's autovacuum keeps
    // its own; an `ANALYZE` here held every start 5 s at a million customers before listening.
    if db.backend == kundekort::db::Backend::Sqlite {
        db.refresh_statistics().await?;
    }

    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => {
            kundekort::db::search::start_sampling(&db);
            // Plain-text connections in a real installation: loud, but not fatal (decision
            // 0066).
            if kundekort::config::transport::is_production(&config, demo) {
                for warning in kundekort::config::transport::warnings(&config) {
                    tracing::warn!("INSECURE TRANSPORT: {warning}");
                }
                // Uploads work without a scanner, unscanned (decision 0071).
                if config.clamd.is_none() {
                    tracing::warn!(
                        "NO VIRUS SCAN: KUNDEKORT_CLAMD is not set, uploaded files are not \
                         scanned for viruses; run clamd and point KUNDEKORT_CLAMD at it"
                    );
                }
            }
            let files = kundekort::files::FileStore::from_config(&config.file_store)?;
            if demo && let Some(logins) = seed::demo_if_empty(&db, &files).await? {
                println!(
                    "\nDemo data created. Log in at http://{} with:",
                    config.addr
                );
                for (email, role) in logins {
                    println!("  {email:<34} {role:<10} password: {}", seed::DEMO_PASSWORD);
                }
                println!();
            }
            seed::ensure_first_admin(&db, &config).await?;
            let listener = TcpListener::bind(config.addr).await?;
            println!(
                "Kundekort is listening on http://{}",
                listener.local_addr()?
            );
            app::serve(listener, kundekort::AppState::new(db, config)).await?;
        }
        Command::Migrate => println!("Database is up to date."),
        Command::Seed {
            customers,
            contacts,
            workers,
            assignments,
            invoices,
        } => {
            let started = std::time::Instant::now();
            seed::customers_and_contacts(&db, customers, contacts).await?;
            if workers > 0 || assignments > 0 {
                seed::staffing(&db, workers, assignments, (assignments / 10).min(500)).await?;
            }
            if invoices > 0 {
                seed::invoices(&db, invoices).await?;
            }
            println!(
                "Added {customers} customers, {contacts} contacts at each new customer, {workers} workers, {assignments} assignments and {invoices} invoices in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
        }
        Command::Backup { .. } | Command::Restore { .. } | Command::Health { .. } => {
            unreachable!("handled above")
        }
        Command::ApiToken {
            command: TokenCommand::Create { user, name, days },
        } => {
            let Some(lifetime) = auth::tokens::Lifetime::days(days) else {
                anyhow::bail!("--days must be 30, 90 or 365");
            };
            let row: Option<(i64, String)> =
                sqlx::query_as("SELECT id, role FROM users WHERE email = $1 AND active = 1")
                    .bind(user.trim().to_lowercase())
                    .fetch_optional(&db.pool)
                    .await?;
            let Some((user_id, role)) = row else {
                anyhow::bail!("no active user with email {user}");
            };
            // Not for a user who must set up two-factor log-in first (decision 0072).
            let role = auth::Role::parse(&role)
                .ok_or_else(|| anyhow::anyhow!("{user} has an unknown role {role}"))?;
            let may = auth::tokens::may_create(&db, user_id, role)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            anyhow::ensure!(
                may,
                "the firm requires two-factor log-in of {user}'s role and they have not set it \
                 up: they set it up at their next log-in, then a token can be made"
            );
            let mut conn = db.pool.acquire().await?;
            let token = auth::tokens::create_for(&mut conn, user_id, &name, lifetime)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{token}");
        }
    }
    Ok(())
}

/// Asks this host's server (on the port of `KUNDEKORT_ADDR`) for `/healthz` or `/readyz`:
/// whether it answered 200, and what to print.
async fn health(config: &Config, ready: bool) -> (bool, String) {
    let mut addr = config.addr;
    if addr.ip().is_unspecified() {
        // Listening on every address: ask on the loopback one of the same family.
        addr.set_ip(match addr.ip() {
            std::net::IpAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            std::net::IpAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let url = format!("http://{addr}/{}", if ready { "readyz" } else { "healthz" });
    let answer = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .map(|c| c.get(&url).send());
    match answer {
        Ok(request) => match request.await {
            Ok(res) => {
                let status = res.status();
                let body = res.text().await.unwrap_or_default();
                (
                    status.is_success(),
                    format!("{url}: {status} {}", body.trim()),
                )
            }
            Err(err) => (false, format!("{url}: no answer ({err})")),
        },
        Err(err) => (false, format!("{url}: {err}")),
    }
}

/// Logs as text, or as one JSON object per line with `KUNDEKORT_LOG_FORMAT=json`.
fn init_logging() -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("kundekort=info,tower_http=warn"));
    let format = std::env::var("KUNDEKORT_LOG_FORMAT").unwrap_or_default();
    match format.trim() {
        "" | "text" => tracing_subscriber::fmt().with_env_filter(filter).init(),
        "json" => tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_env_filter(filter)
            .init(),
        other => anyhow::bail!("KUNDEKORT_LOG_FORMAT must be text or json, not {other}"),
    }
    Ok(())
}
