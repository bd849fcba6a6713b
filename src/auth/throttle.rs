//! Log-in throttling, kept in the database so it holds across app instances:
//! too many failures for one email, or from one address, within a window are refused.

use crate::{Result, db::Db, timefmt::now};

const WINDOW_SECS: i64 = 15 * 60;
const MAX_PER_EMAIL: i64 = 5;
const MAX_PER_IP: i64 = 30;

fn keys(email: &str, ip: &str) -> [(String, i64); 2] {
    [
        (
            format!("email:{}", email.trim().to_lowercase()),
            MAX_PER_EMAIL,
        ),
        (format!("ip:{ip}"), MAX_PER_IP),
    ]
}

/// True when another attempt should be refused without checking the password.
pub async fn is_blocked(db: &Db, email: &str, ip: &str) -> Result<bool> {
    let since = now() - WINDOW_SECS;
    for (key, max) in keys(email, ip) {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM login_attempts WHERE key = $1 AND at > $2")
                .bind(&key)
                .bind(since)
                .fetch_one(&db.pool)
                .await?;
        if count >= max {
            return Ok(true);
        }
    }
    Ok(false)
}

pub async fn record_failure(db: &Db, email: &str, ip: &str) -> Result<()> {
    let now = now();
    for (key, _) in keys(email, ip) {
        sqlx::query("INSERT INTO login_attempts (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(now - 24 * 3600)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A successful log-in forgives earlier failures for that email.
pub async fn clear(db: &Db, email: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE key = $1")
        .bind(format!("email:{}", email.trim().to_lowercase()))
        .execute(&db.pool)
        .await?;
    Ok(())
}
