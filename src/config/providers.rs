//! The settings of outside services (`KUNDEKORT_SMTP_*`, `KUNDEKORT_SMS_*`, `KUNDEKORT_IDURA_*`,
//! `KUNDEKORT_ACCESS_POINT_*`, `KUNDEKORT_ARBEIDSPLASSEN_*`, `KUNDEKORT_FINN_TRANSPORT`):
//! each is off until its first setting is given, and then complete or refused at start-up.

use anyhow::Context;
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
    Ok(Some(SmtpConfig {
        host,
        port,
        tls,
        user: var("KUNDEKORT_SMTP_USER"),
        password: var("KUNDEKORT_SMTP_PASSWORD").map(Secret::new),
        from,
    }))
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
