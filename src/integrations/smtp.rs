//! Outgoing email over SMTP (lettre with rustls). One pooled transport per process.
//!
//! The server's certificate is checked against Mozilla's public roots built in (lettre's
//! `webpki-roots`) plus the CA certificates of `KUNDEKORT_SMTP_CA_FILE` (decision 0072), always
//! with its name: an internal relay with a certificate from the firm's own CA.

use std::time::Duration;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    transport::smtp::{
        authentication::Credentials,
        client::{Certificate, Tls, TlsParameters},
    },
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
        let builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.as_str());
        let builder = match config.tls {
            SmtpTls::None => builder,
            // As lettre's `starttls_relay` and `relay`, with our roots.
            SmtpTls::StartTls => builder.tls(Tls::Required(tls_parameters(config)?)),
            SmtpTls::Tls => builder.tls(Tls::Wrapper(tls_parameters(config)?)),
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

/// The public roots and the configured CA certificates, checked against `host` (hostname
/// verification stays on: no `dangerous_accept_invalid_*`).
fn tls_parameters(config: &SmtpConfig) -> anyhow::Result<TlsParameters> {
    let mut builder = TlsParameters::builder(config.host.clone());
    for root in &config.ca_roots {
        builder = builder.add_root_certificate(Certificate::from_der(root.to_vec())?);
    }
    Ok(builder.build()?)
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
