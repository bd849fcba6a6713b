//! The address a request comes from, for log-in throttling and signing evidence.
//!
//! Behind a reverse proxy every request arrives from the proxy, and the client's address is in
//! `X-Forwarded-For`. That header is written by whoever sends the request, so it is believed only
//! when the request comes from a proxy the firm lists in `KUNDEKORT_TRUSTED_PROXIES`; then the
//! client is the right-most address in it that is not itself a trusted proxy. Otherwise the
//! header is ignored and the peer's address is the client's.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{HeaderMap, request::Parts},
};
use ipnet::IpNet;

use crate::AppState;

const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// The client's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        Ok(ClientIp(client_ip(
            peer,
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}

/// The client's address from the peer's and, when the peer is trusted, `X-Forwarded-For`.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all(X_FORWARDED_FOR)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map_while(|part| part.trim().parse().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_trusted;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(X_FORWARDED_FOR, xff.parse().unwrap());
        h
    }

    #[test]
    fn forwarded_is_ignored_from_an_untrusted_peer() {
        let peer: IpAddr = "198.51.100.9".parse().unwrap();
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        assert_eq!(client_ip(peer, &headers("203.0.113.5"), &trusted), peer);
        assert_eq!(client_ip(peer, &headers("203.0.113.5"), &[]), peer);
    }

    #[test]
    fn the_right_most_untrusted_address_is_the_client() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let trusted = parse_trusted("10.0.0.0/8, 127.0.0.1").unwrap();
        // A client that sends its own header cannot choose the address we see.
        let h = headers("1.2.3.4, 203.0.113.5, 10.0.0.7");
        assert_eq!(
            client_ip(proxy, &h, &trusted),
            "203.0.113.5".parse::<IpAddr>().unwrap()
        );
        // A garbled header leaves the proxy's own address.
        assert_eq!(client_ip(proxy, &headers("not-an-ip"), &trusted), proxy);
    }

    #[test]
    fn parses_proxy_addresses_and_networks() {
        assert_eq!(parse_trusted("").unwrap(), Vec::<IpNet>::new());
        assert_eq!(
            parse_trusted("127.0.0.1, ::1, 10.1.0.0/16").unwrap().len(),
            3
        );
        assert!(parse_trusted("10.0.0.0/33").is_err());
        assert!(parse_trusted("proxy.local").is_err());
    }
}
