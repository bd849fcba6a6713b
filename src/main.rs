//! The `kundekort` command: serve (default), migrate, seed, api-token.

use clap::{Parser, Subcommand};
use kundekort::{app, auth, config::Config, db::Db, seed};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

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
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token for a user and print it (shown once).
    Create {
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("kundekort=info,tower_http=warn")),
        )
        .init();
    kundekort::install_crypto_provider();
    let cli = Cli::parse();
    let config = Config::from_env()?;
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    db.refresh_statistics().await?;

    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => {
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
            workers,
            assignments,
            invoices,
        } => {
            let started = std::time::Instant::now();
            seed::large(&db, customers).await?;
            if workers > 0 || assignments > 0 {
                seed::staffing(&db, workers, assignments, (assignments / 10).min(500)).await?;
            }
            if invoices > 0 {
                seed::invoices(&db, invoices).await?;
            }
            println!(
                "Added {customers} customers, {workers} workers, {assignments} assignments and {invoices} invoices in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
        }
        Command::ApiToken {
            command: TokenCommand::Create { user, name },
        } => {
            let row: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM users WHERE email = $1 AND active = 1")
                    .bind(user.trim().to_lowercase())
                    .fetch_optional(&db.pool)
                    .await?;
            let Some((user_id,)) = row else {
                anyhow::bail!("no active user with email {user}");
            };
            let token = auth::tokens::create(&mut *db.pool.acquire().await?, user_id, &name)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{token}");
        }
    }
    Ok(())
}
