//! Refusals anyone can cause — a bearer token that is unknown, revoked or expired, a cross-site
//! request stopped by the CSRF layer, an API caller over its rate limit (decision 0060) — go to
//! the security log, but not one row per request: a flood of them would fill the log and cost a
//! write each. [`Guard`] lets through one row per address, kind and reason a minute, and at most
//! [`ROWS_PER_MINUTE`] in all a minute per process; the rest are only counted in the server log.

use std::{collections::HashMap, net::IpAddr, sync::Mutex};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use tower_http::csrf::ProtectionError;

use super::{Event, Kind, Subject};
use crate::{AppState, timefmt::now, web::client_ip::ClientIp};

/// How long one address's refusals of one kind and reason make one row (seconds).
const PER_KEY_SECS: i64 = 60;
/// Rows a minute in all (per process), whatever the addresses.
pub const ROWS_PER_MINUTE: u32 = 120;
/// Addresses remembered at most; when full of recent ones, nothing more is logged that minute.
const MAX_KEYS: usize = 10_000;

type Key = (IpAddr, Kind, &'static str);

/// Which refusals make a row (see the module comment). One per process, in `AppState`.
#[derive(Default)]
pub struct Guard {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    last: HashMap<Key, i64>,
    minute: i64,
    rows: u32,
}

impl Guard {
    /// Whether a refusal at `at` (unix seconds) gets a row.
    pub fn admit(&self, ip: IpAddr, kind: Kind, reason: &'static str, at: i64) -> bool {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.minute != at / 60 {
            inner.minute = at / 60;
            inner.rows = 0;
        }
        if inner.rows >= ROWS_PER_MINUTE {
            return false;
        }
        let key = (ip, kind, reason);
        if inner.last.get(&key).is_some_and(|&t| at - t < PER_KEY_SECS) {
            return false;
        }
        if inner.last.len() >= MAX_KEYS {
            inner.last.retain(|_, t| at - *t < PER_KEY_SECS);
            if inner.last.len() >= MAX_KEYS {
                return false;
            }
        }
        inner.last.insert(key, at);
        inner.rows += 1;
        true
    }
}

/// Writes `event` (with the address) when the guard lets it through. A failure to write is a
/// warning in the server log: the refusal itself stands either way.
pub async fn note(state: &AppState, event: Event, ip: IpAddr, reason: &'static str) {
    if !state.refusals.admit(ip, event.kind, reason, now()) {
        tracing::debug!(kind = event.kind.as_str(), reason, %ip, "refusal not logged (flood guard)");
        return;
    }
    if let Err(err) = super::log(&state.db, event.ip(ip)).await {
        tracing::warn!(error = %err, "security log: refusal not written");
    }
}

/// The middleware outside the CSRF layer: a request it refused gets a `csrf-refused` row with
/// the method and the path (never the query, which can carry a secret).
pub async fn csrf(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    req: Request,
    next: Next,
) -> Response {
    let what = format!(
        "{} {}",
        req.method(),
        crate::web::loggable_path(req.uri().path())
    );
    let response = next.run(req).await;
    if let Some(err) = response.extensions().get::<ProtectionError>() {
        let e = Event::new(Kind::CsrfRefused, Subject::Nobody).detail(format!("{what}: {err}"));
        note(&state, e, ip, "csrf").await;
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_address_kind_and_reason_a_minute_and_a_ceiling_in_all() {
        let guard = Guard::default();
        let a: IpAddr = "203.0.113.5".parse().unwrap();
        let b: IpAddr = "203.0.113.6".parse().unwrap();
        let t = 1_800_000_000;
        assert!(guard.admit(a, Kind::TokenRefused, "unknown", t));
        assert!(!guard.admit(a, Kind::TokenRefused, "unknown", t + 59));
        assert!(guard.admit(a, Kind::TokenRefused, "expired", t + 1));
        assert!(guard.admit(a, Kind::CsrfRefused, "csrf", t + 1));
        assert!(guard.admit(b, Kind::TokenRefused, "unknown", t + 1));
        assert!(guard.admit(a, Kind::TokenRefused, "unknown", t + 60));
        // Many addresses: no more than the ceiling in one minute, then again the next.
        let guard = Guard::default();
        let start = t - t % 60;
        let admitted = (0..1000u32)
            .filter(|n| {
                let ip = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + n));
                guard.admit(ip, Kind::RateLimited, "token", start + 5)
            })
            .count();
        assert_eq!(admitted, ROWS_PER_MINUTE as usize);
        assert!(guard.admit(a, Kind::RateLimited, "token", start + 60));
    }
}
