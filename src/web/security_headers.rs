//! The browser-facing security headers every response carries (decision 0025): the
//! Content-Security-Policy, Permissions-Policy, framing, sniffing, referrer, no-store by default,
//! and Strict-Transport-Security when the public URL is https (with `includeSubDomains` unless
//! turned off, decision 0066). A handler that sets one of them
//! itself keeps its own (the static assets and the calendar feed set their Cache-Control).

use axum::{
    Router,
    http::{HeaderName, HeaderValue, header},
};
use tower_http::set_header::SetResponseHeaderLayer;

/// Scripts only from our own static files: no inline scripts, no `on…=` attributes, no eval
/// (htmx's `hx-on` and event filters need eval, so the pages use none; `static/kk.js` does that
/// work). Styles allow inline: the activity types' colour dots are `style=` attributes with a
/// colour from the database, htmx adds its indicator style element, and the Swagger UI at
/// `/api/docs` styles elements inline.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// Powerful browser features no page of Kundekort uses (only ones Chromium knows: an unknown
/// one, like `bluetooth`, is logged as an error in the console of every page).
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), \
     usb=(), serial=(), hid=(), midi=(), accelerometer=(), gyroscope=(), \
     magnetometer=(), display-capture=(), publickey-credentials-get=(), browsing-topics=()";

/// Two years, and the host's subdomains (ASVS V3.4.1 at level 2; decision 0066): the default.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";
/// Two years for this host alone, when `KUNDEKORT_HSTS_INCLUDE_SUBDOMAINS=false`: for a host
/// whose subdomains include sites still served over plain http.
pub const STRICT_TRANSPORT_SECURITY_HOST_ONLY: &str = "max-age=63072000";

/// Adds the headers to every response of `router`; HSTS only when `https` (the configured
/// public URL is https — behind plain http a browser would ignore it, and on a developer's
/// http://127.0.0.1 it must not stick), with `includeSubDomains` unless `subdomains` is false.
pub fn apply(router: Router, https: bool, subdomains: bool) -> Router {
    let mut headers: Vec<(HeaderName, &'static str)> = vec![
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (
            HeaderName::from_static("permissions-policy"),
            PERMISSIONS_POLICY,
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        // Pages, the portal, the API, exports and downloads hold personal data: no browser or
        // proxy may keep a copy. A handler that may be cached says so itself (the static
        // assets, the calendar feed), and this leaves its header alone.
        (header::CACHE_CONTROL, "no-store"),
    ];
    if https {
        let hsts = if subdomains {
            STRICT_TRANSPORT_SECURITY
        } else {
            STRICT_TRANSPORT_SECURITY_HOST_ONLY
        };
        headers.push((header::STRICT_TRANSPORT_SECURITY, hsts));
    }
    headers.into_iter().fold(router, |r, (name, value)| {
        r.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ))
    })
}
