//! Password guessing is slowed down with growing delays, never stopped with a lock — a lock is
//! a weapon: five wrong passwords would keep the real owner out, and thirty from one address
//! would keep out everyone behind it.
//!
//! Failures are counted per *door* (staff log-in, portal log-in, changing one's password: kept
//! apart, so failures at one never slow down another) in three ways, each with its own allowance
//! and its own longest wait:
//!
//! | counted per | free failures | then waits of | at most |
//! |---|---|---|---|
//! | account *and* address — one guesser at one account | 3 | 1 s, 2 s, 4 s, … | 15 min |
//! | account, from anywhere | 10 | 1 s, 2 s, 4 s, … | 1 min |
//! | address, any account | 30 | 1 s, 2 s, 4 s, … | 1 min |
//!
//! So someone guessing from elsewhere can make the owner wait a minute at most, never lock them
//! out; one address guessing one account soon waits a quarter of an hour per try. Failures older
//! than [`WINDOW_SECS`] are forgotten, and a correct password forgives the failures of that
//! account at that address. Kept in the database, so it holds across server processes; the
//! address is the client's (`web::client_ip`), trusting `X-Forwarded-For` only from listed proxies.

use std::net::IpAddr;

use crate::{Result, db::Db, error::Msg, timefmt::now};

/// How long a failure counts.
pub const WINDOW_SECS: i64 = 60 * 60;

/// Where a password is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    Staff,
    Portal,
    /// Workers' own pages.
    Worker,
    /// The current password asked for before changing it.
    PasswordChange,
    /// A two-factor code (log-in's second step, or before changing two-factor settings).
    TwoFactor,
}

impl Door {
    fn prefix(self) -> &'static str {
        match self {
            Door::Staff => "staff",
            Door::Portal => "portal",
            Door::Worker => "worker",
            Door::PasswordChange => "password",
            Door::TwoFactor => "totp",
        }
    }
}

struct Rule {
    key: String,
    free: i64,
    max_wait: i64,
    /// Forgiven by a correct password.
    cleared_on_success: bool,
}

fn rules(door: Door, account: &str, ip: IpAddr) -> [Rule; 3] {
    let door = door.prefix();
    let account = account.trim().to_lowercase();
    [
        Rule {
            key: format!("{door}:pair:{account}|{ip}"),
            free: 3,
            max_wait: 15 * 60,
            cleared_on_success: true,
        },
        Rule {
            key: format!("{door}:account:{account}"),
            free: 10,
            max_wait: 60,
            cleared_on_success: false,
        },
        Rule {
            key: format!("{door}:ip:{ip}"),
            free: 30,
            max_wait: 60,
            cleared_on_success: false,
        },
    ]
}

/// The wait after `failures` failures under a rule: none within the allowance, then doubling.
fn wait_after(failures: i64, free: i64, max_wait: i64) -> i64 {
    if failures < free {
        return 0;
    }
    let doublings = (failures - free).min(20) as u32;
    (1_i64 << doublings).min(max_wait)
}

/// Seconds left before another attempt is allowed (checked before the password is), or `None`.
pub async fn wait_seconds(db: &Db, door: Door, account: &str, ip: IpAddr) -> Result<Option<i64>> {
    let at = now();
    let mut longest = 0;
    for rule in rules(door, account, ip) {
        let (count, last): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MAX(at) FROM login_attempts WHERE key = $1 AND at > $2",
        )
        .bind(&rule.key)
        .bind(at - WINDOW_SECS)
        .fetch_one(&db.pool)
        .await?;
        let wait = wait_after(count, rule.free, rule.max_wait);
        if let (Some(last), true) = (last, wait > 0) {
            // Times are whole seconds: a failure stamped `last` may have happened at its very
            // end, so the wait runs to `last + wait + 1` — never shorter than it says (a one-second
            // wait was otherwise over whenever the clock ticked between two tries).
            let left = last + wait + 1 - at;
            longest = longest.max(left);
        }
    }
    Ok((longest > 0).then_some(longest))
}

/// "Too many failed attempts: wait N seconds (or minutes)".
pub fn wait_msg(seconds: i64) -> Msg {
    if seconds < 60 {
        Msg::new("login-wait-seconds").arg("count", seconds)
    } else {
        Msg::new("login-wait-minutes").arg("count", (seconds + 59) / 60)
    }
}

/// Counts a wrong password.
pub async fn record_failure(db: &Db, door: Door, account: &str, ip: IpAddr) -> Result<()> {
    let at = now();
    for rule in rules(door, account, ip) {
        sqlx::query("INSERT INTO login_attempts (key, at) VALUES ($1, $2)")
            .bind(rule.key)
            .bind(at)
            .execute(&db.pool)
            .await?;
    }
    sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(at - 24 * 3600)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A correct password forgives that account's failures at that address (not those of others
/// guessing it elsewhere, nor the address's at other accounts).
pub async fn clear(db: &Db, door: Door, account: &str, ip: IpAddr) -> Result<()> {
    for rule in rules(door, account, ip) {
        if rule.cleared_on_success {
            sqlx::query("DELETE FROM login_attempts WHERE key = $1")
                .bind(rule.key)
                .execute(&db.pool)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::wait_after;

    #[test]
    fn waits_grow_after_the_allowance_and_stop_growing() {
        assert_eq!(wait_after(0, 3, 900), 0);
        assert_eq!(wait_after(2, 3, 900), 0);
        assert_eq!(wait_after(3, 3, 900), 1);
        assert_eq!(wait_after(4, 3, 900), 2);
        assert_eq!(wait_after(8, 3, 900), 32);
        assert_eq!(wait_after(13, 3, 900), 900);
        assert_eq!(wait_after(1_000_000, 10, 60), 60);
    }
}
