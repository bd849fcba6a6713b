//! The settings of outside services (`KUNDEKORT_SMTP_*`, `KUNDEKORT_SMS_*`, `KUNDEKORT_IDURA_*`,
//! `KUNDEKORT_ACCESS_POINT_*`):
//! each is off until its first setting is given, and then complete or refused at start-up.

use anyhow::Context;
use url::Url;

use super::{
    AccessPointConfig, IduraConfig, Secret, SmsConfig, SmsProvider, SmtpConfig, SmtpTls,
    parse_base_url,
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
