//! One typed configuration: defaults in code, `KUNDEKORT_*` environment variables override.
//! Every variable is listed with its default in `kundekort.env.example`.

use std::{fmt, net::SocketAddr, path::PathBuf};

use anyhow::Context;
use url::Url;

mod providers;
mod seller;
pub mod transport;

pub use self::providers::{parse_ca_pem, parse_finn_transport};
pub use self::seller::{DEFAULT_KID_RULE, SellerConfig};

use self::providers::{
    access_point_from_env, arbeidsplassen_from_env, finn_from_env, idura_from_env, sms_from_env,
    smtp_from_env,
};

/// A secret value that never shows up in logs or debug output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Which customers a consultant may see: the firm decides (see docs/decisions/0003-access-policy.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsultantScope {
    /// Customers of the consultant's own department, plus customers they own.
    Department,
    /// Every customer of the firm.
    All,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`. Default: `sqlite://<data dir>/kundekort.db`.
    pub database_url: String,
    /// `KUNDEKORT_DATA_DIR`: where the SQLite file and (later) local documents live.
    pub data_dir: PathBuf,
    /// `KUNDEKORT_ADDR`: the address to listen on.
    pub addr: SocketAddr,
    /// `KUNDEKORT_PUBLIC_URL`: the address users reach; `https://…` makes cookies `Secure`.
    pub public_url: Url,
    /// `KUNDEKORT_ADMIN_EMAIL` / `KUNDEKORT_ADMIN_PASSWORD`: the first admin on an empty database.
    pub admin_email: Option<String>,
    pub admin_password: Option<Secret>,
    /// `KUNDEKORT_BRREG_URL`: Brønnøysund Enhetsregisteret's API base.
    pub brreg_url: Url,
    /// `KUNDEKORT_CONSULTANT_SCOPE`: `department` (default) or `all`.
    pub consultant_scope: ConsultantScope,
    /// Outgoing email (`KUNDEKORT_SMTP_*`, `KUNDEKORT_MAIL_FROM`); `None` until a host is set.
    pub smtp: Option<SmtpConfig>,
    /// The SMS gateway (`KUNDEKORT_SMS_*`); `None` until a provider is set.
    pub sms: Option<SmsConfig>,
    /// `KUNDEKORT_WORKER`: run the background worker in this process (default on).
    pub run_worker: bool,
    /// `KUNDEKORT_MIGRATE`: bring the schema up to date at start (default on). Off, the server
    /// only checks that it is, so it can run as a database role without rights to change the
    /// schema while `kundekort migrate` runs as the schema's owner (docs/operations.md,
    /// "Database roles").
    pub migrate_on_start: bool,
    /// `KUNDEKORT_WORKER_CONCURRENCY`: jobs run at the same time by this process.
    pub worker_concurrency: usize,
    /// `KUNDEKORT_JOB_RETRY_SECONDS`: the first retry's delay; each further retry doubles it.
    pub job_retry_seconds: i64,
    /// `KUNDEKORT_INVOICE_RUN_INLINE`: an invoice run with at most this many planned invoices
    /// makes its drafts in the request; a larger one is a background job with a progress bar
    /// (default 20; decision 0034).
    pub invoice_run_inline: usize,
    /// `KUNDEKORT_MAX_UPLOAD_MB`: the largest document accepted (default 50 MB).
    pub max_upload_bytes: u64,
    /// Where document files live: a local folder by default, S3 when `KUNDEKORT_S3_BUCKET` is set.
    pub file_store: FileStoreConfig,
    /// `KUNDEKORT_CLAMD`: the ClamAV daemon every upload is scanned by, `host:port` or the path
    /// of its Unix socket (decision 0071). Unset (default): uploads are not scanned, and the
    /// security settings page says so.
    pub clamd: Option<crate::integrations::clamav::ClamdAddr>,
    /// BankID signing through Idura (`KUNDEKORT_IDURA_*`); `None` means the built-in simple
    /// electronic signature is the only method.
    pub idura: Option<IduraConfig>,
    /// The PEPPOL access point EHF invoices are sent through (`KUNDEKORT_ACCESS_POINT_*`,
    /// Storecove's API); `None` until a token is set, and EHF deliveries wait.
    pub access_point: Option<AccessPointConfig>,
    /// NAV's job ad import (pam-import-api) for arbeidsplassen.no (`KUNDEKORT_ARBEIDSPLASSEN_*`,
    /// decision 0037); `None` until an API key is set.
    pub arbeidsplassen: Option<ArbeidsplassenConfig>,
    /// `KUNDEKORT_FINN_TRANSPORT`: where FINN job ad documents go (`http:URL` or `dir:PATH`,
    /// decision 0037); `None` (default): no FINN export.
    pub finn: Option<FinnTransport>,
    /// `KUNDEKORT_TRUSTED_PROXIES`: reverse proxies (addresses or networks, comma-separated)
    /// whose `X-Forwarded-For` is believed. Empty (default): the header is ignored.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `KUNDEKORT_DATA_KEY`: base64 of 32 bytes, the key sealed values are encrypted with
    /// (`vault`). Unset: a key generated once into `<data dir>/data.key` (decision 0013).
    pub data_key: Option<Secret>,
    /// The firm as seller on its invoices and the KID rule (`KUNDEKORT_SELLER_*`,
    /// `KUNDEKORT_KID_*`); demo values until set.
    pub seller: SellerConfig,
    /// `KUNDEKORT_METRICS_TOKEN`: the bearer token Prometheus scrapes `/metrics` with. Unset
    /// (default): `/metrics` does not exist (404).
    pub metrics_token: Option<Secret>,
    /// `KUNDEKORT_SHUTDOWN_SECONDS`: on SIGTERM or Ctrl-C, how long requests in flight and running
    /// jobs may take to finish before the process exits anyway (default 30).
    pub shutdown_seconds: u64,
    /// `KUNDEKORT_API_RATE_PER_TOKEN` / `KUNDEKORT_API_RATE_PER_ADDRESS`: requests a minute the
    /// JSON API (`/api/v1`) takes from one API token or session, and from one client address
    /// whoever it is, each with a burst of as many; beyond them `429` with `Retry-After`
    /// (`api::rate_limit`). Defaults 600 and 1,200; `0` turns that limit off.
    pub api_rate_per_token: u32,
    pub api_rate_per_address: u32,
    /// `KUNDEKORT_HSTS_INCLUDE_SUBDOMAINS`: behind an https public URL, HSTS covers the
    /// host's subdomains too (default on; `false` for a host that shares its parent domain
    /// with sites still on plain http, decision 0066).
    pub hsts_include_subdomains: bool,
    /// `KUNDEKORT_RETAIN_MESSAGES_MONTHS`: the dialog's messages (emails and SMS, with their
    /// recipients, attachments' rows and delivery history) older than this many months are
    /// deleted by the daily retention job (`retention`, decision 0073). Unset (default): kept.
    pub retain_messages_months: Option<u32>,
    /// `KUNDEKORT_RETAIN_JOBS_DAYS`: finished background jobs (done or failed) are deleted this
    /// many days after they finished (default 30; `0` keeps them).
    pub retain_jobs_days: u32,
}

#[derive(Clone, Debug)]
pub enum FileStoreConfig {
    /// `KUNDEKORT_FILES_DIR` (default `<data dir>/files`).
    Local(PathBuf),
    /// An S3-compatible bucket: `KUNDEKORT_S3_BUCKET`, `_ENDPOINT` (for MinIO, Ceph, …),
    /// `_REGION`, `_ACCESS_KEY_ID`, `_SECRET_ACCESS_KEY`.
    S3 {
        bucket: String,
        endpoint: Option<String>,
        region: String,
        access_key_id: Option<String>,
        secret_access_key: Option<Secret>,
    },
}

#[derive(Clone, Debug)]
pub struct IduraConfig {
    /// The GraphQL endpoint, default `https://signatures-api.criipto.com/v1/graphql`.
    pub graphql_url: Url,
    pub client_id: String,
    pub client_secret: Secret,
    /// Base64 secret the broker signs its webhooks with (`X-Criipto-Signature`).
    pub webhook_secret: Secret,
}

#[derive(Clone, Debug)]
pub struct AccessPointConfig {
    /// `KUNDEKORT_ACCESS_POINT_URL`: the API base, default `https://api.storecove.com/api/v2/`.
    pub base_url: Url,
    /// `KUNDEKORT_ACCESS_POINT_TOKEN`: the API key, sent as a bearer token.
    pub token: Secret,
    /// `KUNDEKORT_ACCESS_POINT_LEGAL_ENTITY`: the firm's sender id at the access point.
    pub legal_entity_id: i64,
}

#[derive(Clone, Debug)]
pub struct ArbeidsplassenConfig {
    /// `KUNDEKORT_ARBEIDSPLASSEN_URL`: the API base, default
    /// `https://arbeidsplassen-api.nav.no/stillingsimport/` (NAV's test environment:
    /// `https://arbeidsplassen-api.ekstern.dev.nav.no/stillingsimport/`).
    pub base_url: Url,
    /// `KUNDEKORT_ARBEIDSPLASSEN_PROVIDER_ID`: the numeric provider id NAV gave the firm.
    pub provider_id: i64,
    /// `KUNDEKORT_ARBEIDSPLASSEN_API_KEY`: the secret key, sent as a bearer token.
    pub api_key: Secret,
    /// The time limit of one request (30 s; tests shorten it).
    pub timeout_seconds: u64,
}

/// Where a FINN job ad document goes (`KUNDEKORT_FINN_TRANSPORT`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinnTransport {
    /// `http:URL`: POSTed as `application/xml` to this address.
    Http(Url),
    /// `dir:PATH`: written as a file into this folder, for someone or something to send on.
    Dir(PathBuf),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a relay on the same host or network).
    None,
    /// STARTTLS on the submission port (587).
    StartTls,
    /// TLS from the first byte (465).
    Tls,
}

#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub user: Option<String>,
    pub password: Option<Secret>,
    /// The envelope sender and `From` address, e.g. `post@byraa.no`.
    pub from: String,
    /// `KUNDEKORT_SMTP_CA_FILE`: certificates (an internal CA) the server's certificate may chain
    /// to, besides Mozilla's public roots built in (decision 0072). Empty: the public roots only.
    pub ca_roots: Vec<rustls::pki_types::CertificateDer<'static>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmsProvider {
    Sveve,
    Twilio,
}

#[derive(Clone, Debug)]
pub struct SmsConfig {
    pub provider: SmsProvider,
    /// The provider's API base (`https://sveve.no/` or `https://api.twilio.com/`).
    pub base_url: Url,
    /// Sveve user name, or Twilio account SID.
    pub user: String,
    /// Sveve password, or Twilio auth token (which also signs Twilio's webhooks).
    pub password: Secret,
    /// The sender shown on the phone: a name of up to 11 letters, or a number.
    pub sender: String,
    /// A secret part of the callback address for providers that do not sign their webhooks
    /// (Sveve). Required for Sveve.
    pub webhook_secret: Option<Secret>,
}

impl Config {
    /// Defaults for a data folder; used by tests and as the base for [`Config::from_env`].
    pub fn with_data_dir(data_dir: PathBuf) -> Self {
        let database_url = format!("sqlite://{}/kundekort.db?mode=rwc", data_dir.display());
        let data_dir_for_files = data_dir.clone();
        Self {
            database_url,
            data_dir,
            addr: "127.0.0.1:8080".parse().expect("valid default address"),
            public_url: Url::parse("http://127.0.0.1:8080").expect("valid default url"),
            admin_email: None,
            admin_password: None,
            brreg_url: Url::parse("https://data.brreg.no/enhetsregisteret/api/")
                .expect("valid default url"),
            consultant_scope: ConsultantScope::Department,
            smtp: None,
            sms: None,
            run_worker: true,
            migrate_on_start: true,
            worker_concurrency: 4,
            job_retry_seconds: 30,
            invoice_run_inline: 20,
            max_upload_bytes: 50 * 1024 * 1024,
            file_store: FileStoreConfig::Local(data_dir_files(&data_dir_for_files)),
            clamd: None,
            idura: None,
            access_point: None,
            arbeidsplassen: None,
            finn: None,
            trusted_proxies: Vec::new(),
            data_key: None,
            seller: SellerConfig::demo(),
            metrics_token: None,
            shutdown_seconds: 30,
            api_rate_per_token: 600,
            api_rate_per_address: 1200,
            hsts_include_subdomains: true,
            retain_messages_months: None,
            retain_jobs_days: 30,
        }
    }

    pub fn from_env() -> anyhow::Result<Self> {
        // A setting `NAME` may instead come from the file `NAME_FILE` names (systemd credentials,
        // container secrets; docs/operations.md "Secrets in files"). A file that cannot be read,
        // or both set, stops the start: the errors are gathered and reported after parsing.
        let file_errors = std::cell::RefCell::new(Vec::<String>::new());
        let var = |name: &str| {
            let from_env = |n: &str| std::env::var(n).ok();
            match setting(name, &from_env, &|path| std::fs::read_to_string(path)) {
                Ok(value) => value,
                Err(e) => {
                    file_errors.borrow_mut().push(e);
                    None
                }
            }
        };
        let config = Self::from_vars(&var)?;
        let errors = file_errors.into_inner();
        if !errors.is_empty() {
            anyhow::bail!("{}", errors.join("; "));
        }
        Ok(config)
    }

    fn from_vars(var: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let data_dir = PathBuf::from(var("KUNDEKORT_DATA_DIR").unwrap_or_else(|| "data".into()));
        let mut config = Self::with_data_dir(data_dir);
        if let Some(url) = var("DATABASE_URL") {
            config.database_url = url;
        }
        if let Some(addr) = var("KUNDEKORT_ADDR") {
            config.addr = addr.parse().context("KUNDEKORT_ADDR must be host:port")?;
            config.public_url = Url::parse(&format!("http://{addr}"))?;
        }
        if let Some(url) = var("KUNDEKORT_PUBLIC_URL") {
            config.public_url = Url::parse(&url).context("KUNDEKORT_PUBLIC_URL must be a URL")?;
        }
        config.admin_email = var("KUNDEKORT_ADMIN_EMAIL");
        config.admin_password = var("KUNDEKORT_ADMIN_PASSWORD").map(Secret::new);
        if let Some(url) = var("KUNDEKORT_BRREG_URL") {
            config.brreg_url = parse_base_url(&url).context("KUNDEKORT_BRREG_URL must be a URL")?;
        }
        if let Some(scope) = var("KUNDEKORT_CONSULTANT_SCOPE") {
            config.consultant_scope = match scope.as_str() {
                "department" => ConsultantScope::Department,
                "all" => ConsultantScope::All,
                other => anyhow::bail!(
                    "KUNDEKORT_CONSULTANT_SCOPE must be department or all, not {other}"
                ),
            };
        }
        if let Some(list) = var("KUNDEKORT_TRUSTED_PROXIES") {
            config.trusted_proxies = parse_trusted(&list)
                .map_err(|e| anyhow::anyhow!("KUNDEKORT_TRUSTED_PROXIES: {e}"))?;
        }
        config.smtp = smtp_from_env(&var)?;
        config.sms = sms_from_env(&var)?;
        if let Some(on) = var("KUNDEKORT_WORKER") {
            config.run_worker = parse_switch(&on).context("KUNDEKORT_WORKER must be on or off")?;
        }
        if let Some(on) = var("KUNDEKORT_MIGRATE") {
            config.migrate_on_start =
                parse_switch(&on).context("KUNDEKORT_MIGRATE must be on or off")?;
        }
        if let Some(n) = var("KUNDEKORT_WORKER_CONCURRENCY") {
            config.worker_concurrency = n
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .context("KUNDEKORT_WORKER_CONCURRENCY must be a number above 0")?;
        }
        if let Some(n) = var("KUNDEKORT_INVOICE_RUN_INLINE") {
            config.invoice_run_inline = n
                .parse()
                .context("KUNDEKORT_INVOICE_RUN_INLINE must be a number")?;
        }
        if let Some(secs) = var("KUNDEKORT_JOB_RETRY_SECONDS") {
            config.job_retry_seconds = secs
                .parse()
                .context("KUNDEKORT_JOB_RETRY_SECONDS must be a number")?;
        }
        if let Some(mb) = var("KUNDEKORT_MAX_UPLOAD_MB") {
            let mb: u64 = mb
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .context("KUNDEKORT_MAX_UPLOAD_MB must be a number above 0")?;
            config.max_upload_bytes = mb * 1024 * 1024;
        }
        if let Some(dir) = var("KUNDEKORT_FILES_DIR") {
            config.file_store = FileStoreConfig::Local(PathBuf::from(dir));
        }
        if let Some(bucket) = var("KUNDEKORT_S3_BUCKET") {
            config.file_store = FileStoreConfig::S3 {
                bucket,
                endpoint: var("KUNDEKORT_S3_ENDPOINT"),
                region: var("KUNDEKORT_S3_REGION").unwrap_or_else(|| "eu-north-1".into()),
                access_key_id: var("KUNDEKORT_S3_ACCESS_KEY_ID"),
                secret_access_key: var("KUNDEKORT_S3_SECRET_ACCESS_KEY").map(Secret::new),
            };
        }
        if let Some(addr) = var("KUNDEKORT_CLAMD") {
            config.clamd = Some(
                crate::integrations::clamav::ClamdAddr::parse(&addr)
                    .map_err(|e| anyhow::anyhow!("KUNDEKORT_CLAMD: {e}"))?,
            );
        }
        config.idura = idura_from_env(&var)?;
        config.access_point = access_point_from_env(&var)?;
        config.arbeidsplassen = arbeidsplassen_from_env(&var)?;
        config.finn = finn_from_env(&var)?;
        config.data_key = var("KUNDEKORT_DATA_KEY").map(Secret::new);
        config.seller = SellerConfig::from_env(&var)?;
        config.metrics_token = var("KUNDEKORT_METRICS_TOKEN").map(Secret::new);
        if let Some(secs) = var("KUNDEKORT_SHUTDOWN_SECONDS") {
            config.shutdown_seconds = secs
                .parse()
                .context("KUNDEKORT_SHUTDOWN_SECONDS must be a number")?;
        }
        if let Some(n) = var("KUNDEKORT_API_RATE_PER_TOKEN") {
            config.api_rate_per_token = n
                .parse()
                .context("KUNDEKORT_API_RATE_PER_TOKEN must be a whole number")?;
        }
        if let Some(n) = var("KUNDEKORT_API_RATE_PER_ADDRESS") {
            config.api_rate_per_address = n
                .parse()
                .context("KUNDEKORT_API_RATE_PER_ADDRESS must be a whole number")?;
        }
        if let Some(on) = var("KUNDEKORT_HSTS_INCLUDE_SUBDOMAINS") {
            config.hsts_include_subdomains = parse_switch(&on)
                .context("KUNDEKORT_HSTS_INCLUDE_SUBDOMAINS must be true or false")?;
        }
        if let Some(n) = var("KUNDEKORT_RETAIN_MESSAGES_MONTHS").filter(|n| !n.trim().is_empty()) {
            let months: u32 = n
                .trim()
                .parse()
                .context("KUNDEKORT_RETAIN_MESSAGES_MONTHS must be a whole number of months")?;
            anyhow::ensure!(
                months >= 1,
                "KUNDEKORT_RETAIN_MESSAGES_MONTHS must be at least 1 (unset keeps messages)"
            );
            config.retain_messages_months = Some(months);
        }
        if let Some(n) = var("KUNDEKORT_RETAIN_JOBS_DAYS") {
            config.retain_jobs_days = n
                .trim()
                .parse()
                .context("KUNDEKORT_RETAIN_JOBS_DAYS must be a whole number of days")?;
        }
        Ok(config)
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

fn parse_switch(value: &str) -> Option<bool> {
    match value {
        "on" | "true" | "1" => Some(true),
        "off" | "false" | "0" => Some(false),
        _ => None,
    }
}

fn data_dir_files(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("files")
}

/// A base URL that ends in `/`, so that `join("enheter/…")` appends instead of replacing.
pub fn parse_base_url(raw: &str) -> Result<Url, url::ParseError> {
    let with_slash = if raw.ends_with('/') {
        raw.to_string()
    } else {
        format!("{raw}/")
    };
    Url::parse(&with_slash)
}

/// Parses `KUNDEKORT_TRUSTED_PROXIES`: addresses or networks, separated by commas.
pub fn parse_trusted(list: &str) -> Result<Vec<ipnet::IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("{s} is not an address or network"))
        })
        .collect()
}

/// The value of setting `name`: the variable itself, or else the contents of the file named by
/// `name_FILE` (without its final line break). Empty counts as unset. Both set is an error, as
/// is a file that cannot be read (the message names the variable and the path, never the value).
fn setting(
    name: &str,
    env: &dyn Fn(&str) -> Option<String>,
    read: &dyn Fn(&str) -> std::io::Result<String>,
) -> Result<Option<String>, String> {
    let direct = env(name).filter(|v| !v.trim().is_empty());
    let file_var = format!("{name}_FILE");
    let Some(path) = env(&file_var).filter(|p| !p.trim().is_empty()) else {
        return Ok(direct);
    };
    if direct.is_some() {
        return Err(format!("set {name} or {file_var}, not both"));
    }
    let text = read(&path).map_err(|e| format!("{file_var}: cannot read {path}: {e}"))?;
    let value = text.trim_end_matches(['\n', '\r']).to_string();
    Ok((!value.trim().is_empty()).then_some(value))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_file_lists_every_setting() {
        let source = [
            include_str!("mod.rs"),
            include_str!("providers.rs"),
            &include_str!("seller.rs").replace("get(\"", "var(\""),
        ]
        .concat();
        let example = include_str!("../../kundekort.env.example");
        let mut names: Vec<&str> = source
            .match_indices("var(\"")
            .map(|(i, _)| {
                let rest = &source[i + 5..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        names.dedup();
        assert!(names.len() >= 8, "{names:?}");
        for name in names {
            assert!(
                example.contains(&format!("{name}=")),
                "{name} is missing from kundekort.env.example"
            );
        }
    }

    #[test]
    fn a_setting_comes_from_its_variable_or_from_the_file_its_file_variable_names() {
        use super::setting;
        use std::collections::HashMap;
        let env: HashMap<&str, &str> = HashMap::from([
            ("A", "direct"),
            ("B_FILE", "/run/secrets/b"),
            ("C", "direct"),
            ("C_FILE", "/run/secrets/c"),
            ("D_FILE", "/missing"),
            ("E_FILE", "/run/secrets/empty"),
        ]);
        let get = |n: &str| env.get(n).map(|v| v.to_string());
        let read = |p: &str| match p {
            "/run/secrets/b" => Ok("s3cret-from-file\n".to_string()),
            "/run/secrets/c" => Ok("other".to_string()),
            "/run/secrets/empty" => Ok("\n".to_string()),
            _ => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        };
        assert_eq!(setting("A", &get, &read), Ok(Some("direct".into())));
        assert_eq!(
            setting("B", &get, &read),
            Ok(Some("s3cret-from-file".into())),
            "the line break a file ends with is not part of the secret"
        );
        assert_eq!(setting("Z", &get, &read), Ok(None));
        assert_eq!(
            setting("E", &get, &read),
            Ok(None),
            "an empty file is unset"
        );
        let both = setting("C", &get, &read).unwrap_err();
        assert!(both.contains("not both"), "{both}");
        let missing = setting("D", &get, &read).unwrap_err();
        assert!(
            missing.contains("D_FILE") && missing.contains("/missing"),
            "{missing}"
        );
    }
}
