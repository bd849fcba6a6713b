//! The state every handler and job gets: the database, the settings and the clients of what lies
//! outside the process. It sits below every feature (it knows none of them), so a feature that
//! takes `State<AppState>` depends on infrastructure only; `app` assembles the features.

use std::sync::Arc;

use tokio::sync::Notify;

use crate::{
    config::Config,
    db::Db,
    files::FileStore,
    integrations::{
        access_point::AccessPointClient, brreg::BrregClient, sms::SmsClient, smtp::Mailer,
    },
    ops::Metrics,
    vault::DataKey,
};

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub brreg: BrregClient,
    /// Outgoing email; `None` when SMTP is not configured (mail waits in the outbox).
    pub mailer: Option<Mailer>,
    /// The SMS gateway; `None` when not configured (SMS wait in the outbox).
    pub sms: Option<SmsClient>,
    /// The PEPPOL access point EHF goes through; `None` when not configured (EHF waits).
    pub access_point: Option<AccessPointClient>,
    /// Wakes this process's job workers when a transaction has queued work.
    pub jobs: Waker,
    /// Document files (a local folder or an S3 bucket).
    pub files: FileStore,
    /// The key sealed values (national identity numbers) are encrypted with.
    pub data_key: DataKey,
    /// This process's request metrics (`/metrics`).
    pub metrics: Metrics,
    /// This process's buckets for the JSON API's rate limits (`api::rate_limit`).
    pub api_limits: Arc<crate::api::rate_limit::ApiLimits>,
    /// Which refused tokens, CSRF refusals and rate limits make a security-log row.
    pub refusals: Arc<crate::auth::security_log::refusals::Guard>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        let brreg = BrregClient::new(config.brreg_url.clone());
        let mailer = config
            .smtp
            .as_ref()
            .map(|smtp| Mailer::new(smtp).unwrap_or_else(|err| panic!("SMTP settings: {err}")));
        let sms = config
            .sms
            .as_ref()
            .map(|sms| SmsClient::new(sms, &config.public_url));
        let access_point = config.access_point.as_ref().map(AccessPointClient::new);
        let files = FileStore::from_config(&config.file_store)
            .unwrap_or_else(|err| panic!("file store settings: {err}"))
            .with_scanner(
                config
                    .clamd
                    .clone()
                    .map(crate::integrations::clamav::Scanner::new),
            );
        let data_key =
            DataKey::from_config(&config).unwrap_or_else(|err| panic!("data key: {err:#}"));
        let api_limits = Arc::new(crate::api::rate_limit::ApiLimits::new(
            config.api_rate_per_token,
            config.api_rate_per_address,
        ));
        Self {
            db,
            files,
            data_key,
            api_limits,
            refusals: Arc::default(),
            config: Arc::new(config),
            brreg,
            mailer,
            sms,
            access_point,
            jobs: Waker::default(),
            metrics: Metrics::new(),
        }
    }
}

/// Wakes idle job workers in this process right after a transaction that queued work commits.
#[derive(Clone, Default)]
pub struct Waker(Arc<Notify>);

impl Waker {
    pub fn wake(&self) {
        self.0.notify_waiters();
    }

    /// Resolves at the next [`Waker::wake`].
    pub fn notified(&self) -> tokio::sync::futures::Notified<'_> {
        self.0.notified()
    }
}
