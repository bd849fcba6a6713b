//! Idura (formerly Criipto) Signatures: BankID signing through a broker's GraphQL API.
//!
//! The contract (summarised in the design notes, DOMAIN.md): `POST {url}` with HTTP Basic
//! `clientId:clientSecret` and `{query, variables}`.
//! - `createSignatureOrder(input: {title, documents: [{pdf: {title, blob, storageMode, reference}}],
//!   webhook: {url, secret}, expiresInDays, ui: {language, signatoryRedirectUri},
//!   evidenceProviders, signatories: [{reference}]})` → the order's id and each signatory's
//!   `id` and `href` (the link the signer opens);
//! - `closeSignatureOrder(input: {signatureOrderId})` → the signed PAdES PDF (`blob`, base64) —
//!   the last chance to fetch it; then `cleanupSignatureOrder`;
//! - `cancelSignatureOrder(input: {signatureOrderId})`.
//!
//! Webhooks are POSTs of `{event, signatureOrderId, signatoryId}` with `X-Criipto-Signature` =
//! base64(HMAC-SHA256(base64-decoded secret, raw body)); see [`verify_webhook`].

use std::time::Duration;

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::{Value, json};
use url::Url;

use crate::config::IduraConfig;

#[derive(Clone)]
pub struct IduraClient {
    http: reqwest::Client,
    config: IduraConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum IduraError {
    #[error("the signing service could not be reached: {0}")]
    Unreachable(String),
    #[error("the signing service answered {status}: {message}")]
    Refused { status: u16, message: String },
}

/// What we ask for: a PDF to be signed by these people (our references, e.g. `signer-12`).
pub struct NewOrder<'a> {
    pub title: &'a str,
    pub pdf: &'a [u8],
    pub document_reference: &'a str,
    pub signatory_references: Vec<String>,
    pub webhook_url: Url,
    pub expires_in_days: i64,
    /// `NB_NO` or `EN_US`.
    pub language: &'a str,
    pub redirect_uri: Option<Url>,
}

#[derive(Debug, Clone)]
pub struct CreatedOrder {
    pub id: String,
    /// (our reference, their signatory id, link)
    pub signatories: Vec<(String, String, String)>,
}

const CREATE: &str = "mutation createSignatureOrder($input: CreateSignatureOrderInput!) {
  createSignatureOrder(input: $input) {
    signatureOrder { id status signatories { id reference href status } }
  }
}";

const CLOSE: &str = "mutation closeSignatureOrder($input: CloseSignatureOrderInput!) {
  closeSignatureOrder(input: $input) {
    signatureOrder { id status documents { id title blob } }
  }
}";

const CANCEL: &str = "mutation cancelSignatureOrder($input: CancelSignatureOrderInput!) {
  cancelSignatureOrder(input: $input) { signatureOrder { id status } }
}";

const CLEANUP: &str = "mutation cleanupSignatureOrder($input: CleanupSignatureOrderInput!) {
  cleanupSignatureOrder(input: $input) { signatureOrder { id status } }
}";

#[derive(Deserialize)]
struct GraphQlReply {
    data: Option<Value>,
    #[serde(default)]
    errors: Vec<GraphQlError>,
}

#[derive(Deserialize)]
struct GraphQlError {
    message: String,
}

impl IduraClient {
    pub fn new(config: &IduraConfig) -> Self {
        let http = crate::integrations::http_client(Duration::from_secs(60))
            .build()
            .expect("HTTP client");
        Self {
            http,
            config: config.clone(),
        }
    }

    async fn call(&self, query: &str, input: Value) -> Result<Value, IduraError> {
        let response = self
            .http
            .post(self.config.graphql_url.clone())
            .basic_auth(
                &self.config.client_id,
                Some(self.config.client_secret.expose()),
            )
            .json(&json!({ "query": query, "variables": { "input": input } }))
            .send()
            .await
            .map_err(|err| IduraError::Unreachable(err.to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|err| IduraError::Unreachable(err.to_string()))?;
        let reply: Option<GraphQlReply> = serde_json::from_str(&text).ok();
        match reply {
            Some(reply) if status.is_success() && reply.errors.is_empty() => {
                reply.data.ok_or_else(|| IduraError::Refused {
                    status: status.as_u16(),
                    message: "no data".into(),
                })
            }
            Some(reply) if !reply.errors.is_empty() => Err(IduraError::Refused {
                status: status.as_u16(),
                message: reply
                    .errors
                    .into_iter()
                    .map(|e| e.message)
                    .collect::<Vec<_>>()
                    .join("; "),
            }),
            _ => Err(IduraError::Refused {
                status: status.as_u16(),
                message: text.chars().take(300).collect(),
            }),
        }
    }

    pub async fn create_order(&self, order: NewOrder<'_>) -> Result<CreatedOrder, IduraError> {
        let mut ui = json!({ "language": order.language });
        if let Some(uri) = &order.redirect_uri {
            ui["signatoryRedirectUri"] = json!(uri.as_str());
        }
        let input = json!({
            "title": order.title,
            "expiresInDays": order.expires_in_days,
            "documents": [{
                "pdf": {
                    "title": order.title,
                    "blob": STANDARD.encode(order.pdf),
                    "storageMode": "Temporary",
                    "reference": order.document_reference,
                }
            }],
            "webhook": {
                "url": order.webhook_url.as_str(),
                "secret": self.config.webhook_secret.expose(),
            },
            "ui": ui,
            "evidenceProviders": [{ "criiptoVerify": { "loginHint": "nobankid_csc" } }],
            "signatories": order
                .signatory_references
                .iter()
                .map(|r| json!({ "reference": r }))
                .collect::<Vec<_>>(),
        });
        let data = self.call(CREATE, input).await?;
        let created = &data["createSignatureOrder"]["signatureOrder"];
        let id = created["id"].as_str().map(str::to_string);
        let signatories = created["signatories"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|s| {
                        Some((
                            s["reference"].as_str()?.to_string(),
                            s["id"].as_str()?.to_string(),
                            s["href"].as_str()?.to_string(),
                        ))
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        match id {
            Some(id) if signatories.len() == order.signatory_references.len() => {
                Ok(CreatedOrder { id, signatories })
            }
            _ => Err(IduraError::Refused {
                status: 200,
                message: "the order came back without its signatories".into(),
            }),
        }
    }

    /// Closes the order and returns the signed PDF.
    pub async fn close_order(&self, order_id: &str) -> Result<Vec<u8>, IduraError> {
        let data = self
            .call(CLOSE, json!({ "signatureOrderId": order_id }))
            .await?;
        let blob = data["closeSignatureOrder"]["signatureOrder"]["documents"][0]["blob"]
            .as_str()
            .ok_or_else(|| IduraError::Refused {
                status: 200,
                message: "the closed order has no signed document".into(),
            })?;
        STANDARD.decode(blob).map_err(|err| IduraError::Refused {
            status: 200,
            message: format!("the signed document is not base64: {err}"),
        })
    }

    pub async fn cancel_order(&self, order_id: &str) -> Result<(), IduraError> {
        self.call(CANCEL, json!({ "signatureOrderId": order_id }))
            .await
            .map(|_| ())
    }

    pub async fn cleanup_order(&self, order_id: &str) -> Result<(), IduraError> {
        self.call(CLEANUP, json!({ "signatureOrderId": order_id }))
            .await
            .map(|_| ())
    }
}

/// Checks `X-Criipto-Signature` against the raw body (constant-time).
pub fn verify_webhook(secret_base64: &str, body: &[u8], signature: &str) -> bool {
    let Ok(key) = STANDARD.decode(secret_base64.trim()) else {
        return false;
    };
    let Ok(expected) = STANDARD.decode(signature.trim()) else {
        return false;
    };
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

/// The header value the broker would send; used by the fake in tests.
pub fn sign_webhook(secret_base64: &str, body: &[u8]) -> String {
    let key = STANDARD.decode(secret_base64.trim()).unwrap_or_default();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(body);
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_signatures_verify_and_forgeries_do_not() {
        let secret = STANDARD.encode([7u8; 32]);
        let body = br#"{"event":"SIGNATORY_SIGNED","signatureOrderId":"o1","signatoryId":"s1"}"#;
        let good = sign_webhook(&secret, body);
        assert!(verify_webhook(&secret, body, &good));
        assert!(!verify_webhook(&secret, b"{}", &good));
        let other = STANDARD.encode([8u8; 32]);
        assert!(!verify_webhook(&other, body, &good));
        assert!(!verify_webhook(&secret, body, "not base64!"));
    }
}
