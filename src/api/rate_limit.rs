//! The JSON API's rate limits (issue 18): every request under `/api/v1` counts against its
//! caller — the API token it carries, or the session cookie of a browser calling the API — and
//! against the client address (`web::client_ip`, trusting `X-Forwarded-For` only from the
//! listed proxies), whoever it is. Each is a GCRA bucket (`governor`) of
//! `KUNDEKORT_API_RATE_PER_TOKEN` / `_PER_ADDRESS` requests a minute with a burst as large;
//! the first one that is empty answers `429` with `Retry-After` in whole seconds, as problem
//! JSON in the caller's language, before the token is even looked up. A refusal is written to
//! the security log, one row per address a minute at most (`security_log::refusals`).
//!
//! The buckets live in the process: with several server processes each counts its own share,
//! so the firm's limit is the setting times the processes (docs/operations.md). The keys are
//! hashes of the secrets (a token never sits in memory longer than its request), and buckets
//! that have refilled are dropped now and then so the maps do not grow without bound.

use std::{
    net::IpAddr,
    num::NonZeroU32,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use axum_extra::extract::CookieJar;
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};

use crate::{
    AppError, AppState,
    auth::{
        SESSION_COOKIE, hash_token,
        security_log::{self, Event, Kind, Subject},
    },
    error::Msg,
    web::client_ip::ClientIp,
};

/// The API's buckets for one process.
pub struct ApiLimits {
    per_caller: Option<DefaultKeyedRateLimiter<String>>,
    per_address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    clock: DefaultClock,
    checks: AtomicU64,
}

/// Every this many checks, buckets that are full again are forgotten.
const SWEEP_EVERY: u64 = 4096;

impl ApiLimits {
    /// `per_caller` and `per_address` requests a minute; 0 means no such limit.
    pub fn new(per_caller: u32, per_address: u32) -> Self {
        let quota = |n: u32| NonZeroU32::new(n).map(Quota::per_minute);
        Self {
            per_caller: quota(per_caller).map(RateLimiter::keyed),
            per_address: quota(per_address).map(RateLimiter::keyed),
            clock: DefaultClock::default(),
            checks: AtomicU64::new(0),
        }
    }

    /// `Ok` when both buckets let the request through; else how long until one would.
    pub fn check(&self, caller: Option<&str>, address: IpAddr) -> Result<(), Duration> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
        if let Some(limiter) = &self.per_address
            && let Err(not_until) = limiter.check_key(&address)
        {
            return Err(not_until.wait_time_from(self.clock.now()));
        }
        if let (Some(limiter), Some(caller)) = (&self.per_caller, caller)
            && let Err(not_until) = limiter.check_key(&caller.to_string())
        {
            return Err(not_until.wait_time_from(self.clock.now()));
        }
        Ok(())
    }

    fn sweep(&self) {
        if let Some(l) = &self.per_caller {
            l.retain_recent();
        }
        if let Some(l) = &self.per_address {
            l.retain_recent();
        }
    }
}

/// Who is calling: a hash of the bearer token, or of the session cookie; `None` for a request
/// with neither (it counts only against its address, and is refused as unauthenticated later).
fn caller(req: &Request) -> Option<String> {
    let headers = req.headers();
    let bearer = crate::web::bearer_token(headers).filter(|t| !t.is_empty());
    if let Some(token) = bearer {
        return Some(format!("t:{}", hash_token(token)));
    }
    CookieJar::from_headers(headers)
        .get(SESSION_COOKIE)
        .map(|c| format!("s:{}", hash_token(c.value())))
}

/// The middleware on `/api/v1`.
pub async fn limit(
    State(state): State<AppState>,
    ClientIp(address): ClientIp,
    req: Request,
    next: Next,
) -> Response {
    if !req.uri().path().starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let caller = caller(&req);
    match state.api_limits.check(caller.as_deref(), address) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            // One row per address a minute at most (decision 0060); the token is not looked
            // up for it, so the row names no user.
            let who = if caller.is_some() {
                "caller"
            } else {
                "address"
            };
            let e = Event::new(Kind::RateLimited, Subject::Nobody).detail(format!(
                "{} {} ({who})",
                req.method(),
                crate::web::loggable_path(req.uri().path())
            ));
            security_log::refusals::note(&state, e, address, who).await;
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut response =
                AppError::TooManyRequests(Msg::new("api-rate-limited")).into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caller_gets_its_burst_then_waits_and_others_are_not_held_up() {
        let limits = ApiLimits::new(3, 0);
        let ip: IpAddr = "203.0.113.5".parse().unwrap();
        for _ in 0..3 {
            assert_eq!(limits.check(Some("t:a"), ip), Ok(()));
        }
        let wait = limits.check(Some("t:a"), ip).unwrap_err();
        // Three a minute: the next one is free about 20 s later.
        assert!(
            wait > Duration::from_secs(15) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert_eq!(limits.check(Some("t:b"), ip), Ok(()));
        // No caller: only the address counts, and it has no limit here.
        assert_eq!(limits.check(None, ip), Ok(()));
    }

    #[test]
    fn an_address_is_limited_whoever_calls_from_it() {
        let limits = ApiLimits::new(0, 2);
        let ip: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(limits.check(Some("t:a"), ip), Ok(()));
        assert_eq!(limits.check(Some("t:b"), ip), Ok(()));
        assert!(limits.check(None, ip).is_err());
        assert_eq!(limits.check(None, "198.51.100.8".parse().unwrap()), Ok(()));
    }
}
