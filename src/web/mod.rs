//! Shared web plumbing: the page chrome every template gets, the request's language,
//! htmx detection, static assets and central error rendering.

pub mod access_first;
pub mod assets;
pub mod client_ip;
pub mod errors;
pub mod form;
pub mod host_cookies;
pub mod json;
pub mod quick;
pub mod security_headers;

use axum::{extract::FromRequestParts, http::HeaderMap, http::request::Parts};
use axum_extra::extract::CookieJar;

use crate::i18n::Lang;

/// Cookie that remembers the language before and after log-in.
pub const LANG_COOKIE: &str = "kk_lang";

/// Paths whose next segment is a secret (a signing link, an invitation, a calendar feed, the
/// SMS gateway's callback address, a timesheet's approval link).
const SECRET_PATHS: [&str; 6] = [
    "/sign/",
    "/approve/",
    "/portal/invite/",
    "/worker/invite/",
    "/diary/feed/",
    "/webhooks/sms/sveve/",
];

/// The request path as it may be logged: a secret in it is replaced by `[secret]`.
pub fn loggable_path(path: &str) -> String {
    for prefix in SECRET_PATHS {
        if let Some(rest) = path.strip_prefix(prefix) {
            let tail = rest.find('/').map(|i| &rest[i..]).unwrap_or("");
            return format!("{prefix}[secret]{tail}");
        }
    }
    path.to_string()
}

/// True when the request comes from htmx (and wants a fragment, not a whole page).
/// The token of an `Authorization: Bearer …` header, trimmed (API tokens, the metrics scrape).
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

pub fn is_htmx(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request") && !headers.contains_key("hx-history-restore-request")
}

/// The language for a request without a logged-in user: cookie, then `Accept-Language`, then bokmål.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    let jar = CookieJar::from_headers(headers);
    jar.get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// Extracts the language of an anonymous request (log-in page, errors).
pub struct ReqLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ReqLang(request_lang(&parts.headers)))
    }
}

/// What the page layout needs: who is logged in and which section is active. Made for a staff
/// member by `Chrome::new` in `auth` (`web` sits below `auth` and does not know `Staff`).
#[derive(Clone, Debug)]
pub struct Chrome {
    pub user_name: String,
    pub is_admin: bool,
    /// Admins and managers: the money pages (invoices::access::may_finance).
    pub may_finance: bool,
    pub section: &'static str,
}

/// A file size as people read it: `1,2 MB`, `340 kB`, `12 B`.
pub fn format_size(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!("{:.1} MB", b / KB / KB).replace('.', ",")
    } else if b >= KB {
        format!("{:.0} kB", b / KB)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn secrets_in_paths_are_not_logged() {
        assert_eq!(loggable_path("/sign/abcDEF123/code"), "/sign/[secret]/code");
        assert_eq!(
            loggable_path("/portal/invite/abcDEF123"),
            "/portal/invite/[secret]"
        );
        assert_eq!(loggable_path("/diary/feed/xyz.ics"), "/diary/feed/[secret]");
        assert_eq!(
            loggable_path("/approve/abcDEF123/sheets/7/approve"),
            "/approve/[secret]/sheets/7/approve"
        );
        assert_eq!(
            loggable_path("/webhooks/sms/sveve/s3cret/status"),
            "/webhooks/sms/sveve/[secret]/status"
        );
        assert_eq!(
            loggable_path("/customers/12/signing/3"),
            "/customers/12/signing/3"
        );
    }
}
