//! Plain-text connections a real installation should not have (ASVS V12.2.1, V12.3.1;
//! decision 0066). `kundekort serve` checks its configuration at start and writes one warning
//! per finding to the log; it does not refuse to start (the decision says why). The check is
//! for real installations only ([`is_production`]): the demo and a developer's
//! `http://127.0.0.1` are left alone.

use url::Url;

use super::{Config, FileStoreConfig, SmtpTls};

/// Whether `host` is this machine (a connection to it never leaves the host): `localhost`,
/// a loopback address, or a Unix socket path.
pub fn is_local_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.is_empty()
        || host.starts_with('/')
        || host.eq_ignore_ascii_case("localhost")
        || host.to_ascii_lowercase().ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A real installation: not `serve --demo`, and a public URL that others reach (not this
/// machine's own name or address).
pub fn is_production(config: &Config, demo: bool) -> bool {
    !demo && !config.public_url.host_str().is_none_or(is_local_host)
}

/// What is sent in plain text, one sentence each, for the log (in English, like the rest of
/// the server log). Empty when nothing is.
pub fn warnings(config: &Config) -> Vec<String> {
    let mut found = Vec::new();
    if config.public_url.scheme() != "https" {
        found.push(format!(
            "KUNDEKORT_PUBLIC_URL is {}: pages, passwords and session cookies travel in plain \
             text, cookies are not Secure and there is no HSTS; serve Kundekort behind an https \
             proxy and set an https:// public URL",
            config.public_url
        ));
    }
    if let Some(smtp) = &config.smtp
        && smtp.tls == SmtpTls::None
        && !is_local_host(&smtp.host)
    {
        found.push(format!(
            "KUNDEKORT_SMTP_TLS=none to {}: email (with its attachments and the SMTP password) \
             travels in plain text; use starttls or tls",
            smtp.host
        ));
    }
    if let FileStoreConfig::S3 {
        endpoint: Some(endpoint),
        ..
    } = &config.file_store
        && let Ok(url) = Url::parse(endpoint)
        && url.scheme() == "http"
        && !url.host_str().is_none_or(is_local_host)
    {
        found.push(format!(
            "KUNDEKORT_S3_ENDPOINT is {endpoint}: documents travel to the bucket in plain text; \
             use an https:// endpoint"
        ));
    }
    for (name, url) in providers(config) {
        if url.scheme() == "http" && !url.host_str().is_none_or(is_local_host) {
            found.push(format!(
                "{name} is {url}: requests to the provider (and its credentials) travel in \
                 plain text; use its https:// address"
            ));
        }
    }
    if let Some(host) = postgres_without_tls(&config.database_url) {
        found.push(format!(
            "DATABASE_URL connects to PostgreSQL at {host} without sslmode=require (or \
             verify-ca, verify-full): the data may travel in plain text; add ?sslmode=require"
        ));
    }
    // clamd's protocol has no TLS (decision 0071).
    if let Some(crate::integrations::clamav::ClamdAddr::Tcp(addr)) = &config.clamd
        && let Some((host, _)) = addr.rsplit_once(':')
        && !is_local_host(host)
    {
        found.push(format!(
            "KUNDEKORT_CLAMD is {addr}: uploaded files travel to clamd in plain text (its \
             protocol has no TLS); run clamd on this machine or reach it through a tunnel"
        ));
    }
    found
}

/// The outside services' addresses, by the setting that names them.
fn providers(config: &Config) -> Vec<(&'static str, &Url)> {
    let mut urls = vec![("KUNDEKORT_BRREG_URL", &config.brreg_url)];
    if let Some(sms) = &config.sms {
        urls.push(("KUNDEKORT_SMS_URL", &sms.base_url));
    }
    if let Some(idura) = &config.idura {
        urls.push(("KUNDEKORT_IDURA_URL", &idura.graphql_url));
    }
    if let Some(ap) = &config.access_point {
        urls.push(("KUNDEKORT_ACCESS_POINT_URL", &ap.base_url));
    }
    if let Some(nav) = &config.arbeidsplassen {
        urls.push(("KUNDEKORT_ARBEIDSPLASSEN_URL", &nav.base_url));
    }
    if let Some(super::FinnTransport::Http(url)) = &config.finn {
        urls.push(("KUNDEKORT_FINN_TRANSPORT", url));
    }
    urls
}

/// The host of a PostgreSQL URL that is not on this machine and does not require TLS.
fn postgres_without_tls(database_url: &str) -> Option<String> {
    let url = Url::parse(database_url).ok()?;
    if !matches!(url.scheme(), "postgres" | "postgresql") {
        return None;
    }
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    // A `host` parameter (a socket folder, or a name) wins over the URL's host.
    let host = param("host").unwrap_or_else(|| url.host_str().unwrap_or_default().to_string());
    if is_local_host(&host) {
        return None;
    }
    let mode = param("sslmode").unwrap_or_default();
    (!matches!(mode.as_str(), "require" | "verify-ca" | "verify-full")).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SmtpConfig;

    fn real() -> Config {
        let mut c = Config::with_data_dir("data".into());
        c.public_url = Url::parse("https://kundekort.byraa.no").unwrap();
        c.database_url = "postgres://kk@db.byraa.no/kundekort?sslmode=require".into();
        c
    }

    fn smtp(host: &str, tls: SmtpTls) -> Option<SmtpConfig> {
        Some(SmtpConfig {
            host: host.into(),
            port: 25,
            tls,
            user: None,
            password: None,
            from: "post@byraa.no".into(),
            ca_roots: Vec::new(),
        })
    }

    fn s3(endpoint: &str) -> FileStoreConfig {
        FileStoreConfig::S3 {
            bucket: "kk".into(),
            endpoint: Some(endpoint.into()),
            region: "eu-north-1".into(),
            access_key_id: None,
            secret_access_key: None,
        }
    }

    #[test]
    fn a_real_installation_over_tls_gets_no_warning() {
        let mut c = real();
        c.smtp = smtp("smtp.byraa.no", SmtpTls::StartTls);
        c.file_store = s3("https://s3.byraa.no");
        assert_eq!(warnings(&c), Vec::<String>::new());
        // Plain connections that never leave the machine are fine.
        c.smtp = smtp("localhost", SmtpTls::None);
        c.file_store = s3("http://127.0.0.1:9000");
        c.database_url = "postgres://kk@localhost/kundekort".into();
        assert_eq!(warnings(&c), Vec::<String>::new());
        c.database_url = "postgres://kk@/kundekort?host=/run/postgresql".into();
        assert_eq!(warnings(&c), Vec::<String>::new());
        c.database_url = "sqlite://data/kundekort.db?mode=rwc".into();
        assert_eq!(warnings(&c), Vec::<String>::new());
        c.database_url = "postgres://kk@db.byraa.no/kundekort?sslmode=verify-full".into();
        assert_eq!(warnings(&c), Vec::<String>::new());
    }

    #[test]
    fn each_plain_connection_is_warned_about() {
        let mut c = real();
        c.public_url = Url::parse("http://kundekort.byraa.no").unwrap();
        c.smtp = smtp("smtp.byraa.no", SmtpTls::None);
        c.file_store = s3("http://minio.byraa.no:9000");
        c.database_url = "postgres://kk:hemmelig@db.byraa.no/kundekort?sslmode=prefer".into();
        let w = warnings(&c);
        assert_eq!(w.len(), 4, "{w:#?}");
        assert!(w[0].starts_with("KUNDEKORT_PUBLIC_URL is http://kundekort.byraa.no/"));
        assert!(w[1].starts_with("KUNDEKORT_SMTP_TLS=none to smtp.byraa.no"));
        assert!(w[2].starts_with("KUNDEKORT_S3_ENDPOINT is http://minio.byraa.no:9000"));
        assert!(w[3].starts_with("DATABASE_URL connects to PostgreSQL at db.byraa.no without"));
        assert!(
            w.iter().all(|w| !w.contains("hemmelig")),
            "never the password"
        );
        // An outside service's address.
        c.brreg_url = Url::parse("http://data.brreg.no/enhetsregisteret/api/").unwrap();
        let w = warnings(&c);
        assert_eq!(w.len(), 5, "{w:#?}");
        assert!(w[3].starts_with("KUNDEKORT_BRREG_URL is http://data.brreg.no/"));
        // No sslmode at all is the same as prefer.
        c.database_url = "postgres://kk@10.0.0.5/kundekort".into();
        assert!(warnings(&c)[4].contains("at 10.0.0.5 without"));
    }

    #[test]
    fn clamd_on_another_host_is_warned_about() {
        use crate::integrations::clamav::ClamdAddr;
        let mut c = real();
        for local in ["127.0.0.1:3310", "localhost:3310", "[::1]:3310"] {
            c.clamd = Some(ClamdAddr::Tcp(local.into()));
            assert_eq!(warnings(&c), Vec::<String>::new(), "{local}");
        }
        c.clamd = Some(ClamdAddr::Unix("/run/clamav/clamd.ctl".into()));
        assert_eq!(warnings(&c), Vec::<String>::new());
        c.clamd = Some(ClamdAddr::Tcp("clamav.byraa.no:3310".into()));
        let w = warnings(&c);
        assert_eq!(w.len(), 1, "{w:#?}");
        assert!(w[0].starts_with("KUNDEKORT_CLAMD is clamav.byraa.no:3310: uploaded files"));
    }

    #[test]
    fn only_a_real_installation_is_checked() {
        let mut c = Config::with_data_dir("data".into());
        assert!(
            !is_production(&c, false),
            "the default http://127.0.0.1:8080"
        );
        c.public_url = Url::parse("http://localhost:8080").unwrap();
        assert!(!is_production(&c, false));
        c.public_url = Url::parse("http://[::1]:8080").unwrap();
        assert!(!is_production(&c, false));
        c.public_url = Url::parse("http://kundekort.byraa.no").unwrap();
        assert!(is_production(&c, false));
        assert!(!is_production(&c, true), "the demo");
    }
}
