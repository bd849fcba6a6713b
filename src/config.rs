//! One typed configuration: defaults in code, `KUNDEKORT_*` environment variables override.
//! Every variable is listed with its default in `kundekort.env.example`.

use std::{fmt, net::SocketAddr, path::PathBuf};

use anyhow::Context;
use url::Url;

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
    /// `KUNDEKORT_SESSION_HOURS`: how long a log-in lasts without activity.
    pub session_hours: i64,
}

impl Config {
    /// Defaults for a data folder; used by tests and as the base for [`Config::from_env`].
    pub fn with_data_dir(data_dir: PathBuf) -> Self {
        let database_url = format!("sqlite://{}/kundekort.db?mode=rwc", data_dir.display());
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
            session_hours: 12,
        }
    }

    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
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
        if let Some(hours) = var("KUNDEKORT_SESSION_HOURS") {
            config.session_hours = hours
                .parse()
                .context("KUNDEKORT_SESSION_HOURS must be a number")?;
        }
        Ok(config)
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.scheme() == "https"
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_file_lists_every_setting() {
        let source = include_str!("config.rs");
        let example = include_str!("../kundekort.env.example");
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
}
