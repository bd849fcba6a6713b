//! `kundekort backup <dir>`, `kundekort backup --verify <dir>` and `kundekort restore <dir>`.
//!
//! A backup is a folder:
//!
//! - `database.sqlite`: SQLite's online copy (`VACUUM INTO`, a consistent snapshot taken while
//!   the server runs), or `database.pgdump`: `pg_dump --format=custom` of PostgreSQL, taken in an
//!   exported snapshot so the row counts below describe exactly what was dumped;
//! - `files/<key>`: every object of the file store (local folder or S3 bucket), copied after the
//!   database (files are written before the rows that point at them and never changed, so every
//!   file the snapshot refers to is there);
//! - `manifest.json`, written last: the backend, each table's row count, the database file's and
//!   every file's SHA-256. A folder without it is not a finished backup.
//!
//! [`verify`] checks every checksum, then restores the database into a scratch place (a temporary
//! SQLite file, or a temporary PostgreSQL database on the configured server) and compares the row
//! counts. [`restore`] refuses a target that is not empty unless forced. Decision 0031.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Component, Path, PathBuf},
    process::Stdio,
    str::FromStr,
};

use anyhow::{Context, bail, ensure};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, AnyPool, any::AnyPoolOptions};

use crate::{
    db::{Backend, Db},
    files::FileStore,
    timefmt::now,
};

pub const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "database.sqlite";
const PG_FILE: &str = "database.pgdump";
const FILES_DIR: &str = "files";
/// The manifest's layout version.
const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// Unix seconds.
    pub created_at: i64,
    pub kundekort_version: String,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// The database file in the folder.
    pub database_file: String,
    pub database_sha256: String,
    /// Row count of every table, by name.
    pub tables: BTreeMap<String, i64>,
    pub files: Vec<FileEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub key: String,
    pub size: u64,
    pub sha256: String,
}

/// What [`verify`] found; empty `problems` means the backup is sound.
#[derive(Debug, Default)]
pub struct Verified {
    pub tables: usize,
    pub rows: i64,
    pub files: usize,
    pub problems: Vec<String>,
}

fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

fn backend_of(url: &str) -> anyhow::Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Backend::Postgres)
    } else {
        bail!("DATABASE_URL must start with sqlite: or postgres:")
    }
}

/// Takes a backup of `db` (reached at `database_url`) and `files` into `dir`, which must be
/// missing or empty.
pub async fn backup(
    db: &Db,
    database_url: &str,
    files: &FileStore,
    dir: &Path,
) -> anyhow::Result<Manifest> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)?;
        ensure!(
            entries.next().is_none(),
            "{} is not empty: a backup goes into a new folder",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir.join(FILES_DIR))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let dir = dir.canonicalize()?;
    let (database_file, tables) = match db.backend {
        Backend::Sqlite => {
            let out = dir.join(SQLITE_FILE);
            let path = out
                .to_str()
                .context("the backup folder's path is not UTF-8")?;
            let vacuum = format!("VACUUM INTO '{}'", path.replace('\'', "''"));
            sqlx::query(sqlx::AssertSqlSafe(vacuum))
                .execute(&db.pool)
                .await
                .context("VACUUM INTO failed")?;
            let copy = open_sqlite_read_only(&out).await?;
            let tables = table_counts(&mut *copy.acquire().await?, Backend::Sqlite).await;
            copy.close().await;
            (SQLITE_FILE, tables?)
        }
        Backend::Postgres => {
            // The counts and the dump see the same snapshot: pg_dump imports the one this
            // transaction exports, and the transaction stays open until pg_dump is done.
            let mut tx = db.begin().await?;
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
            let (snapshot,): (String,) = sqlx::query_as("SELECT pg_export_snapshot()")
                .fetch_one(&mut *tx)
                .await?;
            let tables = table_counts(&mut tx, Backend::Postgres).await?;
            let out = dir.join(PG_FILE);
            let (url, password) = split_password(database_url)?;
            let mut cmd = tokio::process::Command::new("pg_dump");
            cmd.arg("--format=custom")
                .arg(format!("--snapshot={snapshot}"))
                .arg("--file")
                .arg(&out)
                .arg("--dbname")
                .arg(url);
            run(cmd, password.as_deref(), "pg_dump").await?;
            tx.commit().await?;
            (PG_FILE, tables)
        }
    };
    let mut entries = Vec::new();
    for (key, _) in files.list_all().await? {
        let dest = file_path(&dir, &key)?;
        if let Some(parent) = dest.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        let (sha256, size) = files
            .copy_out(&key, &dest)
            .await
            .with_context(|| format!("cannot copy the file {key}"))?;
        entries.push(FileEntry { key, size, sha256 });
    }
    let manifest = Manifest {
        format: FORMAT,
        created_at: now(),
        kundekort_version: env!("CARGO_PKG_VERSION").to_string(),
        backend: backend_name(db.backend).to_string(),
        database_file: database_file.to_string(),
        database_sha256: sha256_of(&dir.join(database_file)).await?,
        tables,
        files: entries,
    };
    write_manifest(&dir, &manifest).await?;
    Ok(manifest)
}

/// Checks a backup: every checksum, then the database restored into a scratch place with its
/// row counts compared. `scratch_postgres` is the server a PostgreSQL backup is restored on for
/// the check (a temporary database is created there and dropped).
pub async fn verify(dir: &Path, scratch_postgres: Option<&str>) -> anyhow::Result<Verified> {
    let manifest = read_manifest(dir).await?;
    let mut verified = Verified {
        tables: manifest.tables.len(),
        rows: manifest.tables.values().sum(),
        files: manifest.files.len(),
        problems: checksum_problems(dir, &manifest).await?,
    };
    let database = dir.join(&manifest.database_file);
    if !database.is_file() {
        return Ok(verified);
    }
    let counts = match manifest.backend.as_str() {
        "sqlite" => {
            let scratch = std::env::temp_dir().join(format!(
                "kundekort-verify-{:016x}.sqlite",
                rand::random::<u64>()
            ));
            let counts = async {
                tokio::fs::copy(&database, &scratch).await?;
                let pool = open_sqlite_read_only(&scratch).await?;
                let counts = table_counts(&mut *pool.acquire().await?, Backend::Sqlite).await;
                pool.close().await;
                counts
            }
            .await;
            let _ = tokio::fs::remove_file(&scratch).await;
            counts
        }
        "postgres" => {
            let Some(server) = scratch_postgres else {
                bail!("a PostgreSQL backup is verified on a PostgreSQL server: set DATABASE_URL");
            };
            with_scratch_postgres(server, async |url| {
                pg_restore(&database, url).await?;
                let pool = connect(url).await?;
                let counts = table_counts(&mut *pool.acquire().await?, Backend::Postgres).await;
                pool.close().await;
                counts
            })
            .await
        }
        other => bail!("unknown backend {other} in the manifest"),
    };
    match counts {
        Ok(counts) => verified
            .problems
            .extend(count_problems(&manifest.tables, &counts)),
        Err(err) => verified
            .problems
            .push(format!("the database could not be restored: {err:#}")),
    }
    Ok(verified)
}

/// Restores the backup in `dir` into the database at `database_url` and into `files`. Refuses
/// a damaged backup, a backup of the other database kind, and (unless `force`) a target that
/// already holds tables or files. With `force`, the database is replaced; files already in the
/// store stay, and those of the backup are written over them.
pub async fn restore(
    dir: &Path,
    database_url: &str,
    files: &FileStore,
    force: bool,
) -> anyhow::Result<Manifest> {
    let manifest = read_manifest(dir).await?;
    let problems = checksum_problems(dir, &manifest).await?;
    ensure!(
        problems.is_empty(),
        "the backup is damaged; nothing was restored:\n  {}",
        problems.join("\n  ")
    );
    let backend = backend_of(database_url)?;
    ensure!(
        manifest.backend == backend_name(backend),
        "this is a {} backup and DATABASE_URL is a {} database",
        manifest.backend,
        backend_name(backend)
    );
    let tables = existing_tables(database_url, backend).await?;
    let stored = files.list_all().await?.len();
    if (tables > 0 || stored > 0) && !force {
        bail!(
            "the target is not empty ({tables} tables in the database, {stored} files in the \
             file store); nothing was restored. Restore into an empty database and file store, \
             or add --force to replace the database"
        );
    }
    let database = dir.join(&manifest.database_file);
    match backend {
        Backend::Sqlite => {
            let target = sqlite_path(database_url)?;
            if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                tokio::fs::create_dir_all(parent).await?;
            }
            let partial = target.with_extension("restoring");
            tokio::fs::copy(&database, &partial).await?;
            for suffix in ["-wal", "-shm"] {
                let mut side = target.clone().into_os_string();
                side.push(suffix);
                let _ = tokio::fs::remove_file(PathBuf::from(side)).await;
            }
            tokio::fs::rename(&partial, &target).await?;
        }
        Backend::Postgres => {
            if tables > 0 {
                let pool = connect(database_url).await?;
                for sql in ["DROP SCHEMA public CASCADE", "CREATE SCHEMA public"] {
                    sqlx::query(sql)
                        .execute(&pool)
                        .await
                        .context("cannot empty the target database")?;
                }
                pool.close().await;
            }
            pg_restore(&database, database_url).await?;
        }
    }
    for entry in &manifest.files {
        let sha256 = files
            .copy_in(&file_path(dir, &entry.key)?, &entry.key)
            .await
            .with_context(|| format!("cannot restore the file {}", entry.key))?;
        ensure!(
            sha256 == entry.sha256,
            "the file {} changed while it was restored",
            entry.key
        );
    }
    let pool = match backend {
        Backend::Sqlite => open_sqlite_read_only(&sqlite_path(database_url)?).await?,
        Backend::Postgres => connect(database_url).await?,
    };
    let counts = table_counts(&mut *pool.acquire().await?, backend).await;
    pool.close().await;
    let problems = count_problems(&manifest.tables, &counts?);
    ensure!(
        problems.is_empty(),
        "the restored database differs from the backup:\n  {}",
        problems.join("\n  ")
    );
    Ok(manifest)
}

async fn read_manifest(dir: &Path) -> anyhow::Result<Manifest> {
    let path = dir.join(MANIFEST);
    let text = tokio::fs::read_to_string(&path).await.with_context(|| {
        format!(
            "{} is missing: {} is not a finished backup",
            MANIFEST,
            dir.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .with_context(|| format!("{} cannot be read", path.display()))?;
    ensure!(
        manifest.format == FORMAT,
        "the backup's format {} is not known to this version",
        manifest.format
    );
    Ok(manifest)
}

async fn write_manifest(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    use tokio::io::AsyncWriteExt;
    let mut file = tokio::fs::File::create(dir.join(MANIFEST)).await?;
    file.write_all(serde_json::to_string_pretty(manifest)?.as_bytes())
        .await?;
    file.sync_all().await?;
    Ok(())
}

/// Every checksum of the manifest against the folder, and files the manifest does not list.
async fn checksum_problems(dir: &Path, manifest: &Manifest) -> anyhow::Result<Vec<String>> {
    let mut problems = Vec::new();
    let database = dir.join(&manifest.database_file);
    if !database.is_file() {
        problems.push(format!("{} is missing", manifest.database_file));
    } else if sha256_of(&database).await? != manifest.database_sha256 {
        problems.push(format!(
            "{} has changed (checksum differs)",
            manifest.database_file
        ));
    }
    let mut listed = BTreeSet::new();
    for entry in &manifest.files {
        listed.insert(entry.key.clone());
        let path = file_path(dir, &entry.key)?;
        if !path.is_file() {
            problems.push(format!("file {} is missing", entry.key));
        } else if sha256_of(&path).await? != entry.sha256 {
            problems.push(format!("file {} has changed (checksum differs)", entry.key));
        }
    }
    for key in keys_under(&dir.join(FILES_DIR))? {
        if !listed.contains(&key) {
            problems.push(format!("file {key} is not in the manifest"));
        }
    }
    Ok(problems)
}

fn count_problems(expected: &BTreeMap<String, i64>, found: &BTreeMap<String, i64>) -> Vec<String> {
    let mut problems = Vec::new();
    for (table, n) in expected {
        match found.get(table) {
            None => problems.push(format!("table {table} is missing")),
            Some(m) if m != n => {
                problems.push(format!("table {table}: {m} rows, the backup had {n}"))
            }
            Some(_) => {}
        }
    }
    for table in found.keys().filter(|t| !expected.contains_key(*t)) {
        problems.push(format!("table {table} is not in the backup"));
    }
    problems
}

/// The keys of the files under `root` (paths relative to it, with `/`).
fn keys_under(root: &Path) -> anyhow::Result<Vec<String>> {
    let mut keys = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(root) {
                let parts: Vec<_> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                keys.push(parts.join("/"));
            }
        }
    }
    keys.sort();
    Ok(keys)
}

/// Where the file of `key` lies in the backup; a key that would leave the folder is refused.
fn file_path(dir: &Path, key: &str) -> anyhow::Result<PathBuf> {
    let rel = Path::new(key);
    ensure!(
        !key.is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_))),
        "unexpected file key {key:?}"
    );
    Ok(dir.join(FILES_DIR).join(rel))
}

async fn sha256_of(path: &Path) -> anyhow::Result<String> {
    use tokio::io::AsyncReadExt;
    let mut file = tokio::fs::File::open(path)
        .await
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1024 * 1024];
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Every table with its row count.
async fn table_counts(
    conn: &mut AnyConnection,
    backend: Backend,
) -> anyhow::Result<BTreeMap<String, i64>> {
    let list = match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        }
    };
    let names: Vec<(String,)> = sqlx::query_as(list).fetch_all(&mut *conn).await?;
    let mut counts = BTreeMap::new();
    for (name,) in names {
        let sql = format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM \"{}\"",
            name.replace('"', "\"\"")
        );
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut *conn)
            .await
            .with_context(|| format!("cannot count {name}"))?;
        counts.insert(name, n);
    }
    Ok(counts)
}

/// How many tables the target database has (0 when the SQLite file does not exist yet).
async fn existing_tables(database_url: &str, backend: Backend) -> anyhow::Result<usize> {
    let pool = match backend {
        Backend::Sqlite => {
            let path = sqlite_path(database_url)?;
            if !path.exists() || std::fs::metadata(&path)?.len() == 0 {
                return Ok(0);
            }
            open_sqlite_read_only(&path).await?
        }
        Backend::Postgres => connect(database_url).await?,
    };
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT CAST(COUNT(*) AS BIGINT) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        Backend::Postgres => {
            "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_tables WHERE schemaname = current_schema()"
        }
    };
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&pool).await?;
    pool.close().await;
    Ok(n as usize)
}

/// The database file a `sqlite:` URL names.
fn sqlite_path(database_url: &str) -> anyhow::Result<PathBuf> {
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(database_url)
        .context("invalid DATABASE_URL")?;
    Ok(options.get_filename().to_path_buf())
}

/// A SQLite file opened read-only and unchanged (no journal, no WAL files).
async fn open_sqlite_read_only(path: &Path) -> anyhow::Result<AnyPool> {
    let path = path.to_str().context("the path is not UTF-8")?;
    connect(&format!("sqlite://{path}?mode=ro&immutable=true")).await
}

async fn connect(url: &str) -> anyhow::Result<AnyPool> {
    sqlx::any::install_default_drivers();
    AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .context("cannot connect to the database")
}

/// Restores a custom-format dump into the (empty) database at `url`.
async fn pg_restore(dump: &Path, url: &str) -> anyhow::Result<()> {
    let (url, password) = split_password(url)?;
    let mut cmd = tokio::process::Command::new("pg_restore");
    cmd.arg("--no-owner")
        .arg("--no-privileges")
        .arg("--exit-on-error")
        .arg("--single-transaction")
        .arg("--dbname")
        .arg(url)
        .arg(dump);
    run(cmd, password.as_deref(), "pg_restore").await
}

/// Creates a temporary database on the server of `server_url`, runs `body` with its URL, and
/// drops it again.
async fn with_scratch_postgres<T>(
    server_url: &str,
    body: impl AsyncFnOnce(&str) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let name = format!("kk_verify_{:016x}", rand::random::<u64>());
    let admin = connect(server_url).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .context("cannot create a scratch database to verify in")?;
    let mut url = url::Url::parse(server_url)?;
    url.set_path(&format!("/{name}"));
    let outcome = body(url.as_str()).await;
    let dropped = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&admin)
    .await;
    admin.close().await;
    if let Err(err) = dropped {
        tracing::warn!(%err, database = %name, "could not drop the scratch database");
    }
    outcome
}

/// The URL without its password, and the password (given to the tools through `PGPASSWORD`
/// rather than on their command line, where other users of the machine could read it).
fn split_password(database_url: &str) -> anyhow::Result<(String, Option<String>)> {
    let mut url = url::Url::parse(database_url).context("invalid DATABASE_URL")?;
    let password = url.password().map(percent_decode);
    if password.is_some() {
        url.set_password(None)
            .map_err(|()| anyhow::anyhow!("invalid DATABASE_URL"))?;
    }
    Ok((url.to_string(), password))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs a PostgreSQL tool; its error output becomes the error.
async fn run(
    mut cmd: tokio::process::Command,
    password: Option<&str>,
    what: &str,
) -> anyhow::Result<()> {
    if let Some(password) = password {
        cmd.env("PGPASSWORD", password);
    }
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .await
        .with_context(|| format!("cannot run {what}: is it installed and on the PATH?"))?;
    ensure!(
        out.status.success(),
        "{what} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url() {
        let (url, password) = split_password("postgres://kk:p%40ss@db:5432/kundekort").unwrap();
        assert_eq!(url, "postgres://kk@db:5432/kundekort");
        assert_eq!(password.as_deref(), Some("p@ss"));
        let (url, password) = split_password("postgres://kk@db/kundekort").unwrap();
        assert_eq!(url, "postgres://kk@db/kundekort");
        assert_eq!(password, None);
    }

    #[test]
    fn a_key_may_not_leave_the_backup() {
        let dir = Path::new("/b");
        assert_eq!(
            file_path(dir, "customers/1/ab").unwrap(),
            Path::new("/b/files/customers/1/ab")
        );
        assert!(file_path(dir, "../etc/passwd").is_err());
        assert!(file_path(dir, "/etc/passwd").is_err());
        assert!(file_path(dir, "").is_err());
    }
}
