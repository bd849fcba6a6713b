//! `__Host-` cookies behind https (decision 0060). The session cookies — staff, portal, the
//! two-factor challenge, signing, worker — keep their plain names in the code; at the edge,
//! when the public URL is https, a `Set-Cookie` for one of them is renamed `__Host-<name>` with
//! `Secure`, `Path=/` and no `Domain` (what the prefix requires), and an incoming
//! `__Host-<name>` is handed to the handlers under its plain name. A plain-named one arriving
//! behind https is dropped: it may have been planted by a sibling host, which is what the prefix
//! rules out. Over http (the local demo, the tests) nothing changes: browsers refuse `__Host-`
//! cookies without `Secure`, and `Secure` cookies over http.

use axum::{
    Router,
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::Response,
};
use axum_extra::extract::cookie::Cookie;

const PREFIX: &str = "__Host-";

/// Renames the cookies `names` on every request and response of `router`, when `https`.
pub fn apply(router: Router, https: bool, names: &'static [&'static str]) -> Router {
    if !https {
        return router;
    }
    router.layer(middleware::from_fn_with_state(names, rename))
}

async fn rename(
    State(names): State<&'static [&'static str]>,
    mut req: Request,
    next: Next,
) -> Response {
    let incoming: Vec<String> = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| incoming_pair(pair, names))
        .collect();
    let headers = req.headers_mut();
    headers.remove(header::COOKIE);
    if !incoming.is_empty()
        && let Ok(v) = HeaderValue::from_str(&incoming.join("; "))
    {
        headers.insert(header::COOKIE, v);
    }
    let mut response = next.run(req).await;
    let outgoing: Vec<HeaderValue> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| outgoing_value(v, names))
        .collect();
    let headers = response.headers_mut();
    headers.remove(header::SET_COOKIE);
    for v in outgoing {
        headers.append(header::SET_COOKIE, v);
    }
    response
}

/// `__Host-kk_session=…` → `kk_session=…`; a plain `kk_session=…` is dropped; others as sent.
fn incoming_pair(pair: &str, names: &[&str]) -> Option<String> {
    let name = pair.split_once('=').map_or(pair, |(n, _)| n).trim();
    if let Some(plain) = name.strip_prefix(PREFIX)
        && names.contains(&plain)
    {
        return Some(pair[PREFIX.len()..].to_string());
    }
    (!names.contains(&name)).then(|| pair.to_string())
}

/// A `Set-Cookie` for one of `names` with the prefix and the attributes it requires.
fn outgoing_value(value: &HeaderValue, names: &[&str]) -> HeaderValue {
    let Some(mut cookie) = value
        .to_str()
        .ok()
        .and_then(|v| Cookie::parse(v.to_string()).ok())
    else {
        return value.clone();
    };
    if !names.contains(&cookie.name()) {
        return value.clone();
    }
    let name = format!("{PREFIX}{}", cookie.name());
    cookie.set_name(name);
    cookie.set_secure(true);
    cookie.set_path("/");
    cookie.unset_domain();
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &["kk_session", "kk_worker"];

    #[test]
    fn prefixed_in_plain_out_and_planted_plain_ones_dropped() {
        assert_eq!(
            incoming_pair("__Host-kk_session=abc", NAMES).as_deref(),
            Some("kk_session=abc")
        );
        assert_eq!(incoming_pair("kk_session=planted", NAMES), None);
        assert_eq!(
            incoming_pair("kk_lang=en", NAMES).as_deref(),
            Some("kk_lang=en")
        );
        assert_eq!(
            incoming_pair("__Host-other=1", NAMES).as_deref(),
            Some("__Host-other=1")
        );
        let v = HeaderValue::from_static("kk_worker=t; HttpOnly; SameSite=Lax; Path=/worker");
        let out = outgoing_value(&v, NAMES);
        let out = out.to_str().unwrap();
        assert!(out.starts_with("__Host-kk_worker=t"), "{out}");
        assert!(out.contains("Path=/;") || out.ends_with("Path=/"), "{out}");
        assert!(out.contains("Secure"), "{out}");
        assert!(!out.contains("Domain"), "{out}");
        let lang = HeaderValue::from_static("kk_lang=en; Path=/");
        assert_eq!(outgoing_value(&lang, NAMES), lang);
    }
}
