//! SMS gateways, chosen by config: Sveve (Norwegian) or Twilio. Both are plain HTTP APIs; the
//! contracts are summarised in the design notes (DOMAIN.md) and followed by the local fake the
//! tests use.
//!
//! - Sveve: `POST {base}SMS/SendMessage` with JSON `{user, passwd, f:"json", messages:[{to, msg,
//!   from, ref}]}` → `{"response":{msgOkCount, ids[], errors[], fatalError}}`; 429 beyond five
//!   concurrent requests. Delivery reports are GETs to our callback with `number, id, status,
//!   ref, errorCode` — not signed, so the callback address carries a secret.
//! - Twilio: `POST {base}2010-04-01/Accounts/{sid}/Messages.json`, form `To, From, Body,
//!   StatusCallback`, HTTP Basic `sid:token` → 201 `{sid, status}`. Callbacks are form posts
//!   signed with `X-Twilio-Signature` (see [`twilio_signature`]).

use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use url::Url;

use crate::config::{SmsConfig, SmsProvider};

#[derive(Clone)]
pub struct SmsClient {
    http: reqwest::Client,
    config: SmsConfig,
    /// Where the provider should send delivery reports.
    status_callback: Url,
}

#[derive(Debug)]
pub struct SendError {
    pub permanent: bool,
    pub reason: String,
}

impl SendError {
    fn transient(reason: impl Into<String>) -> Self {
        Self {
            permanent: false,
            reason: reason.into(),
        }
    }
    fn permanent(reason: impl Into<String>) -> Self {
        Self {
            permanent: true,
            reason: reason.into(),
        }
    }
}

#[derive(Deserialize)]
struct SveveReply {
    response: SveveResponse,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SveveResponse {
    #[serde(default)]
    msg_ok_count: i64,
    #[serde(default)]
    ids: Vec<serde_json::Value>,
    #[serde(default)]
    errors: Vec<serde_json::Value>,
    #[serde(default)]
    fatal_error: Option<String>,
}

#[derive(Deserialize)]
struct TwilioReply {
    sid: String,
}

#[derive(Deserialize)]
struct TwilioError {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
}

impl SmsClient {
    pub fn new(config: &SmsConfig, public_url: &Url) -> Self {
        let http = crate::integrations::http_client(Duration::from_secs(30))
            .build()
            .expect("an HTTP client");
        let status_callback = public_url
            .join(&status_path(config))
            .expect("a valid callback path");
        Self {
            http,
            config: config.clone(),
            status_callback,
        }
    }

    pub fn provider(&self) -> SmsProvider {
        self.config.provider
    }

    /// Sends one text to one number (E.164); returns the provider's message id.
    pub async fn send(
        &self,
        to_e164: &str,
        text: &str,
        reference: &str,
    ) -> Result<String, SendError> {
        match self.config.provider {
            SmsProvider::Sveve => self.send_sveve(to_e164, text, reference).await,
            SmsProvider::Twilio => self.send_twilio(to_e164, text).await,
        }
    }

    async fn send_sveve(&self, to: &str, text: &str, reference: &str) -> Result<String, SendError> {
        let url = self
            .config
            .base_url
            .join("SMS/SendMessage")
            .map_err(|e| SendError::permanent(e.to_string()))?;
        let body = serde_json::json!({
            "user": self.config.user,
            "passwd": self.config.password.expose(),
            "f": "json",
            "messages": [{
                "to": sveve_number(to),
                "msg": text,
                "from": self.config.sender,
                "ref": reference,
            }],
        });
        let response = self
            .http
            .post(url)
            .json(&body)
            .send()
            .await
            .map_err(|e| SendError::transient(format!("Sveve unreachable: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            return Err(SendError::transient(format!(
                "Sveve answered HTTP {status}"
            )));
        }
        let reply: SveveReply = response.json().await.map_err(|e| {
            SendError::transient(format!("Sveve answered something unexpected: {e}"))
        })?;
        let r = reply.response;
        if let Some(fatal) = r.fatal_error.filter(|f| !f.is_empty()) {
            return Err(SendError::transient(format!("Sveve: {fatal}")));
        }
        if r.msg_ok_count < 1 || !r.errors.is_empty() {
            // Errors name a number the gateway will not send to: retrying does not help.
            let detail = r
                .errors
                .iter()
                .map(|e| {
                    e.get("message")
                        .and_then(|m| m.as_str())
                        .map(str::to_string)
                        .unwrap_or_else(|| e.to_string())
                })
                .collect::<Vec<_>>()
                .join("; ");
            return Err(SendError::permanent(format!(
                "Sveve refused the number: {detail}"
            )));
        }
        let id = r.ids.first().map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        id.ok_or_else(|| SendError::transient("Sveve returned no message id"))
    }

    async fn send_twilio(&self, to: &str, text: &str) -> Result<String, SendError> {
        let url = self
            .config
            .base_url
            .join(&format!(
                "2010-04-01/Accounts/{}/Messages.json",
                self.config.user
            ))
            .map_err(|e| SendError::permanent(e.to_string()))?;
        let form = [
            ("To", to),
            ("From", self.config.sender.as_str()),
            ("Body", text),
            ("StatusCallback", self.status_callback.as_str()),
        ];
        let response = self
            .http
            .post(url)
            .basic_auth(&self.config.user, Some(self.config.password.expose()))
            .form(&form)
            .send()
            .await
            .map_err(|e| SendError::transient(format!("Twilio unreachable: {e}")))?;
        let status = response.status();
        if status.is_success() {
            let reply: TwilioReply = response.json().await.map_err(|e| {
                SendError::transient(format!("Twilio answered something unexpected: {e}"))
            })?;
            return Ok(reply.sid);
        }
        let error: Option<TwilioError> = response.json().await.ok();
        let detail = error
            .map(|e| {
                format!(
                    "{} ({})",
                    e.message.unwrap_or_default(),
                    e.code.map(|c| c.to_string()).unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let reason = format!("Twilio answered HTTP {status} {detail}");
        if status.is_server_error() || status.as_u16() == 429 {
            Err(SendError::transient(reason))
        } else {
            Err(SendError::permanent(reason))
        }
    }
}

/// The path of our delivery-report callback for this provider.
pub fn status_path(config: &SmsConfig) -> String {
    match config.provider {
        SmsProvider::Sveve => format!(
            "webhooks/sms/sveve/{}/status",
            config
                .webhook_secret
                .as_ref()
                .map(|s| s.expose())
                .unwrap_or("")
        ),
        SmsProvider::Twilio => "webhooks/sms/twilio/status".into(),
    }
}

/// Sveve takes Norwegian numbers as 8 digits and others with a `00` prefix.
fn sveve_number(e164: &str) -> String {
    match e164.strip_prefix("+47") {
        Some(local) if local.len() == 8 => local.to_string(),
        _ => format!("00{}", e164.trim_start_matches('+')),
    }
}

/// Twilio's request signature: base64(HMAC-SHA1(auth token, full URL + each POST parameter's
/// name and value, sorted by name)).
pub fn twilio_signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let mut mac =
        Hmac::<sha1::Sha1>::new_from_slice(auth_token.as_bytes()).expect("HMAC takes any key");
    mac.update(data.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sveve_numbers() {
        assert_eq!(sveve_number("+4791234567"), "91234567");
        assert_eq!(sveve_number("+46701234567"), "0046701234567");
    }

    #[test]
    fn twilio_signature_matches_the_documented_example() {
        // Twilio's documentation example ("Validating requests").
        let params = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+14158675310"),
            ("Digits", "1234"),
            ("From", "+14158675310"),
            ("To", "+18005551212"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        assert_eq!(
            twilio_signature(
                "12345",
                "https://mycompany.com/myapp.php?foo=1&bar=2",
                &params
            ),
            "GvWf1cFY/Q7PnoempGyD5oXAezc="
        );
    }
}
