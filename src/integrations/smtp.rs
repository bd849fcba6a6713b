//! Outgoing email over SMTP (lettre with rustls). One pooled transport per process.

use std::time::Duration;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    transport::smtp::authentication::Credentials,
};

use crate::config::{SmtpConfig, SmtpTls};

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// The configured From address.
    pub from: String,
}

/// Why a send did not go through, and whether trying again may help.
#[derive(Debug)]
pub struct SendError {
    pub permanent: bool,
    pub reason: String,
}

impl Mailer {
    pub fn new(config: &SmtpConfig) -> anyhow::Result<Self> {
        let builder = match config.tls {
            SmtpTls::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.as_str())
            }
            SmtpTls::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(config.host.as_str())?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(config.host.as_str())?,
        };
        let mut builder = builder
            .port(config.port)
            .timeout(Some(Duration::from_secs(60)));
        if let (Some(user), Some(password)) = (&config.user, &config.password) {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.expose().to_string(),
            ));
        }
        Ok(Self {
            transport: builder.build(),
            from: config.from.clone(),
        })
    }

    /// The domain of the From address, used on the right of Message-IDs.
    pub fn domain(&self) -> &str {
        self.from
            .rsplit_once('@')
            .map(|(_, d)| d.trim_end_matches('>'))
            .unwrap_or("localhost")
    }

    /// Sends one message; returns the server's reply (often its queue id).
    pub async fn send(&self, message: Message) -> Result<String, SendError> {
        match self.transport.send(message).await {
            Ok(response) => Ok(response.message().collect::<Vec<_>>().join(" ")),
            Err(err) => Err(SendError {
                permanent: err.is_permanent(),
                reason: describe(&err),
            }),
        }
    }
}

fn describe(err: &lettre::transport::smtp::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}
