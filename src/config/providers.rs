//! The settings of outside services (`KUNDEKORT_SMTP_*`, `KUNDEKORT_SMS_*`, `KUNDEKORT_IDURA_*`,
//! `KUNDEKORT_ACCESS_POINT_*`, `KUNDEKORT_ARBEIDSPLASSEN_*`, `KUNDEKORT_FINN_TRANSPORT`):
//! each is off until its first setting is given, and then complete or refused at start-up.

use anyhow::Context;
use rustls::pki_types::CertificateDer;
use url::Url;

use super::{
    AccessPointConfig, ArbeidsplassenConfig, FinnTransport, IduraConfig, Secret, SmsConfig,
    SmsProvider, SmtpConfig, SmtpTls, parse_base_url,
};

pub(super) fn smtp_from_env(
    var: &impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<SmtpConfig>> {
    let Some(host) = var("KUNDEKORT_SMTP_HOST") else {
        return Ok(None);
    };
    let tls = match var("KUNDEKORT_SMTP_TLS").as_deref().unwrap_or("starttls") {
        "none" => SmtpTls::None,
        "starttls" => SmtpTls::StartTls,
        "tls" => SmtpTls::Tls,
        other => anyhow::bail!("KUNDEKORT_SMTP_TLS must be none, starttls or tls, not {other}"),
    };
    let default_port = match tls {
        SmtpTls::None => 25,
        SmtpTls::StartTls => 587,
        SmtpTls::Tls => 465,
    };
    let port = match var("KUNDEKORT_SMTP_PORT") {
        Some(port) => port
            .parse()
            .context("KUNDEKORT_SMTP_PORT must be a port number")?,
        None => default_port,
    };
    let from = var("KUNDEKORT_MAIL_FROM")
        .context("KUNDEKORT_MAIL_FROM is required when KUNDEKORT_SMTP_HOST is set")?;
    anyhow::ensure!(
        from.contains('@'),
        "KUNDEKORT_MAIL_FROM must be an email address"
    );
    let ca_roots = smtp_ca_from_env(var, tls)?;
    Ok(Some(SmtpConfig {
        host,
        port,
        tls,
        user: var("KUNDEKORT_SMTP_USER"),
        password: var("KUNDEKORT_SMTP_PASSWORD").map(Secret::new),
        from,
        ca_roots,
    }))
}

/// `KUNDEKORT_SMTP_CA_FILE` (decision 0072): a PEM file of CA certificates trusted for the mail
/// server besides the public roots — the file form of the setting `KUNDEKORT_SMTP_CA`, which may
/// also hold the PEM text itself. A file that is empty, cannot be read or holds no usable
/// certificate stops the start; so does a CA with `KUNDEKORT_SMTP_TLS=none`, which checks nothing.
fn smtp_ca_from_env(
    var: &impl Fn(&str) -> Option<String>,
    tls: SmtpTls,
) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let file = var("KUNDEKORT_SMTP_CA_FILE");
    let Some(pem) = var("KUNDEKORT_SMTP_CA") else {
        let Some(path) = file else {
            return Ok(Vec::new());
        };
        // Empty, or unreadable (then `Config::from_env` has the reason too): say which.
        return Err(match std::fs::read_to_string(&path) {
            Err(e) => anyhow::anyhow!("KUNDEKORT_SMTP_CA_FILE: cannot read {path}: {e}"),
            Ok(_) => anyhow::anyhow!(
                "KUNDEKORT_SMTP_CA_FILE: {path} is empty; it must hold the CA's certificates (PEM)"
            ),
        });
    };
    let name = match &file {
        Some(path) => format!("KUNDEKORT_SMTP_CA_FILE ({path})"),
        None => "KUNDEKORT_SMTP_CA".to_string(),
    };
    anyhow::ensure!(
        tls != SmtpTls::None,
        "{name} needs KUNDEKORT_SMTP_TLS=starttls or tls: with none no certificate is checked"
    );
    parse_ca_pem(&pem).map_err(|e| anyhow::anyhow!("{name}: {e}"))
}

/// The certificates of a PEM text (other sections, e.g. a key, are skipped), each checked to be
/// usable as a trust anchor; at least one.
pub fn parse_ca_pem(pem: &str) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("not readable as PEM: {e}"))?;
    anyhow::ensure!(
        !certs.is_empty(),
        "holds no certificate (no -----BEGIN CERTIFICATE----- block)"
    );
    let mut store = rustls::RootCertStore::empty();
    for (i, cert) in certs.iter().enumerate() {
        store
            .add(cert.clone())
            .map_err(|e| anyhow::anyhow!("certificate {} is not usable: {e}", i + 1))?;
    }
    Ok(certs)
}

pub(super) fn sms_from_env(
    var: &impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<SmsConfig>> {
    let Some(provider) = var("KUNDEKORT_SMS_PROVIDER") else {
        return Ok(None);
    };
    let (provider, default_url) = match provider.as_str() {
        "sveve" => (SmsProvider::Sveve, "https://sveve.no/"),
        "twilio" => (SmsProvider::Twilio, "https://api.twilio.com/"),
        other => anyhow::bail!("KUNDEKORT_SMS_PROVIDER must be sveve or twilio, not {other}"),
    };
    let base_url = parse_base_url(&var("KUNDEKORT_SMS_URL").unwrap_or(default_url.into()))
        .context("KUNDEKORT_SMS_URL must be a URL")?;
    let user = var("KUNDEKORT_SMS_USER").context("KUNDEKORT_SMS_USER is required")?;
    let password = var("KUNDEKORT_SMS_PASSWORD").context("KUNDEKORT_SMS_PASSWORD is required")?;
    let sender = var("KUNDEKORT_SMS_SENDER").context("KUNDEKORT_SMS_SENDER is required")?;
    let webhook_secret = var("KUNDEKORT_SMS_WEBHOOK_SECRET").map(Secret::new);
    anyhow::ensure!(
        provider != SmsProvider::Sveve || webhook_secret.is_some(),
        "KUNDEKORT_SMS_WEBHOOK_SECRET is required for Sveve (its reports are not signed)"
    );
    Ok(Some(SmsConfig {
        provider,
        base_url,
        user,
        password: Secret::new(password),
        sender,
        webhook_secret,
    }))
}

pub(super) fn idura_from_env(
    var: &impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<IduraConfig>> {
    let Some(client_id) = var("KUNDEKORT_IDURA_CLIENT_ID") else {
        return Ok(None);
    };
    let graphql_url = Url::parse(
        &var("KUNDEKORT_IDURA_URL")
            .unwrap_or_else(|| "https://signatures-api.criipto.com/v1/graphql".into()),
    )
    .context("KUNDEKORT_IDURA_URL must be a URL")?;
    let client_secret = var("KUNDEKORT_IDURA_CLIENT_SECRET")
        .context("KUNDEKORT_IDURA_CLIENT_SECRET is required")?;
    let webhook_secret = var("KUNDEKORT_IDURA_WEBHOOK_SECRET")
        .context("KUNDEKORT_IDURA_WEBHOOK_SECRET is required (base64, signs the webhooks)")?;
    Ok(Some(IduraConfig {
        graphql_url,
        client_id,
        client_secret: Secret::new(client_secret),
        webhook_secret: Secret::new(webhook_secret),
    }))
}

pub(super) fn access_point_from_env(
    var: &impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<AccessPointConfig>> {
    let Some(token) = var("KUNDEKORT_ACCESS_POINT_TOKEN") else {
        return Ok(None);
    };
    let base_url = parse_base_url(
        &var("KUNDEKORT_ACCESS_POINT_URL")
            .unwrap_or_else(|| "https://api.storecove.com/api/v2/".into()),
    )
    .context("KUNDEKORT_ACCESS_POINT_URL must be a URL")?;
    let legal_entity_id = var("KUNDEKORT_ACCESS_POINT_LEGAL_ENTITY")
        .context(
            "KUNDEKORT_ACCESS_POINT_LEGAL_ENTITY is required with KUNDEKORT_ACCESS_POINT_TOKEN",
        )?
        .parse()
        .context("KUNDEKORT_ACCESS_POINT_LEGAL_ENTITY must be a number")?;
    Ok(Some(AccessPointConfig {
        base_url,
        token: Secret::new(token),
        legal_entity_id,
    }))
}

pub(super) fn arbeidsplassen_from_env(
    var: &impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<ArbeidsplassenConfig>> {
    let Some(api_key) = var("KUNDEKORT_ARBEIDSPLASSEN_API_KEY") else {
        return Ok(None);
    };
    let base_url = parse_base_url(
        &var("KUNDEKORT_ARBEIDSPLASSEN_URL")
            .unwrap_or_else(|| "https://arbeidsplassen-api.nav.no/stillingsimport/".into()),
    )
    .context("KUNDEKORT_ARBEIDSPLASSEN_URL must be a URL")?;
    let provider_id = var("KUNDEKORT_ARBEIDSPLASSEN_PROVIDER_ID")
        .context(
            "KUNDEKORT_ARBEIDSPLASSEN_PROVIDER_ID is required with KUNDEKORT_ARBEIDSPLASSEN_API_KEY",
        )?
        .parse()
        .context("KUNDEKORT_ARBEIDSPLASSEN_PROVIDER_ID must be a number")?;
    Ok(Some(ArbeidsplassenConfig {
        base_url,
        provider_id,
        api_key: Secret::new(api_key),
        timeout_seconds: 30,
    }))
}

pub(super) fn finn_from_env(
    var: &impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<FinnTransport>> {
    let Some(raw) = var("KUNDEKORT_FINN_TRANSPORT") else {
        return Ok(None);
    };
    parse_finn_transport(&raw).map(Some)
}

/// `http:URL` or `dir:PATH`.
pub fn parse_finn_transport(raw: &str) -> anyhow::Result<FinnTransport> {
    let raw = raw.trim();
    if let Some(url) = raw.strip_prefix("http:") {
        let url = Url::parse(url).context("KUNDEKORT_FINN_TRANSPORT=http:URL needs a URL")?;
        anyhow::ensure!(
            matches!(url.scheme(), "http" | "https"),
            "KUNDEKORT_FINN_TRANSPORT=http:URL needs an http or https URL"
        );
        return Ok(FinnTransport::Http(url));
    }
    if let Some(path) = raw.strip_prefix("dir:") {
        anyhow::ensure!(
            !path.trim().is_empty(),
            "KUNDEKORT_FINN_TRANSPORT=dir:PATH needs a folder"
        );
        return Ok(FinnTransport::Dir(std::path::PathBuf::from(path.trim())));
    }
    anyhow::bail!("KUNDEKORT_FINN_TRANSPORT must be http:URL or dir:PATH, not {raw}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finn_transport_is_a_url_or_a_folder() {
        assert_eq!(
            parse_finn_transport("http:https://import.example.no/job").unwrap(),
            FinnTransport::Http(Url::parse("https://import.example.no/job").unwrap())
        );
        assert_eq!(
            parse_finn_transport("dir:/var/spool/finn").unwrap(),
            FinnTransport::Dir("/var/spool/finn".into())
        );
        assert!(parse_finn_transport("ftp://x").is_err());
        assert!(parse_finn_transport("http:ftp://x").is_err());
        assert!(parse_finn_transport("dir:").is_err());
    }

    const TEST_CA: &str = include_str!("../../tests/fixtures/smtp-tls/ca.pem");

    fn smtp_env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name: &str| {
            [
                ("KUNDEKORT_SMTP_HOST", "relay.byraa.internal"),
                ("KUNDEKORT_MAIL_FROM", "post@byraa.no"),
            ]
            .iter()
            .chain(pairs)
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn smtp_trusts_an_internal_ca_given_as_pem() {
        let none = smtp_from_env(&smtp_env(&[])).unwrap().unwrap();
        assert!(none.ca_roots.is_empty(), "the public roots only");
        let with = smtp_from_env(&smtp_env(&[("KUNDEKORT_SMTP_CA", TEST_CA)]))
            .unwrap()
            .unwrap();
        assert_eq!(with.ca_roots.len(), 1);
        assert_eq!(with.tls, SmtpTls::StartTls);
        // A bundle: every certificate in it, other sections skipped.
        let bundle = format!(
            "{TEST_CA}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n{TEST_CA}"
        );
        assert_eq!(parse_ca_pem(&bundle).unwrap().len(), 2);
    }

    #[test]
    fn a_ca_that_cannot_be_used_stops_the_start_naming_the_setting() {
        let err = |pairs: &[(&str, &str)]| smtp_from_env(&smtp_env(pairs)).unwrap_err().to_string();
        let e = err(&[("KUNDEKORT_SMTP_CA", "not a certificate")]);
        assert!(
            e.starts_with("KUNDEKORT_SMTP_CA: holds no certificate"),
            "{e}"
        );
        let e = err(&[(
            "KUNDEKORT_SMTP_CA",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        )]);
        assert!(e.contains("certificate 1 is not usable"), "{e}");
        let e = err(&[(
            "KUNDEKORT_SMTP_CA",
            "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
        )]);
        assert!(e.contains("not readable as PEM"), "{e}");
        let e = err(&[
            ("KUNDEKORT_SMTP_CA", TEST_CA),
            ("KUNDEKORT_SMTP_TLS", "none"),
        ]);
        assert!(
            e.contains("needs KUNDEKORT_SMTP_TLS=starttls or tls"),
            "{e}"
        );
        // The file form: the value as `setting` read it, and the file named in the message.
        let e = err(&[
            ("KUNDEKORT_SMTP_CA_FILE", "/etc/kundekort/ca.pem"),
            ("KUNDEKORT_SMTP_CA", "junk"),
        ]);
        assert!(
            e.starts_with("KUNDEKORT_SMTP_CA_FILE (/etc/kundekort/ca.pem): holds no certificate"),
            "{e}"
        );
        let e = err(&[("KUNDEKORT_SMTP_CA_FILE", "/nonexistent/kundekort-ca.pem")]);
        assert!(
            e.starts_with("KUNDEKORT_SMTP_CA_FILE: cannot read /nonexistent/kundekort-ca.pem"),
            "{e}"
        );
        let empty = tempfile::NamedTempFile::new().unwrap();
        let path = empty.path().to_str().unwrap();
        let e = err(&[("KUNDEKORT_SMTP_CA_FILE", path)]);
        assert!(e.contains("is empty"), "{e}");
    }

    #[test]
    fn arbeidsplassen_is_off_without_a_key_and_needs_a_provider_with_one() {
        let none = |_: &str| None;
        assert!(arbeidsplassen_from_env(&none).unwrap().is_none());
        let key_only =
            |name: &str| (name == "KUNDEKORT_ARBEIDSPLASSEN_API_KEY").then(|| "secret".to_string());
        assert!(arbeidsplassen_from_env(&key_only).is_err());
        let both = |name: &str| match name {
            "KUNDEKORT_ARBEIDSPLASSEN_API_KEY" => Some("secret".to_string()),
            "KUNDEKORT_ARBEIDSPLASSEN_PROVIDER_ID" => Some("10041".to_string()),
            _ => None,
        };
        let config = arbeidsplassen_from_env(&both).unwrap().unwrap();
        assert_eq!(config.provider_id, 10041);
        assert_eq!(
            config.base_url.as_str(),
            "https://arbeidsplassen-api.nav.no/stillingsimport/"
        );
    }
}
