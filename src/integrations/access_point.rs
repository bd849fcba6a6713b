//! A PEPPOL access point for sending EHF: Storecove's REST API v2 (decision 0032).
//!
//! The contract used (Storecove API documentation, <https://www.storecove.com/docs/>):
//! - `POST {base}/discovery/receives` with `{"documentTypes": [..], "network": "peppol",
//!   "metaScheme": "iso6523-actorid-upis", "scheme": .., "identifier": ..}` → 200
//!   `{"code": "OK" | "NOK", "email": bool}`: whether the participant receives that document type
//!   on the PEPPOL network.
//! - `POST {base}/document_submissions` with `{"legalEntityId": .., "idempotencyGuid": ..,
//!   "routing": {"eIdentifiers": [{"scheme": .., "id": ..}], "emails": []}, "document":
//!   {"documentType": .., "rawDocumentData": {"document": <base64 UBL>, "parse": false,
//!   "parseStrategy": "ubl", "documentTypeId": .., "processId": ..}}}` → 200 `{"guid": ..}`.
//!   `parse: false` sends our own validated UBL as it is, not a document the access point
//!   rewrites.
//!
//! Both with `Authorization: Bearer <key>`. 5xx, 429 and an unreachable server are passing
//! problems (retried); other 4xx (a bad key, a document refused with 422) are not.

use std::time::Duration;

use base64::Engine;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::config::AccessPointConfig;

/// The PEPPOL BIS Billing 3.0 document type identifiers and process (what the EHF writer makes).
pub const INVOICE_DOCUMENT_TYPE_ID: &str = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
pub const CREDIT_NOTE_DOCUMENT_TYPE_ID: &str = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
pub const PROCESS_ID: &str = "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

/// Which document goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Invoice,
    CreditNote,
}

impl DocKind {
    /// The access point's name for the document type (discovery and submission).
    pub fn api_name(self) -> &'static str {
        match self {
            DocKind::Invoice => "invoice",
            DocKind::CreditNote => "creditnote",
        }
    }

    fn document_type_id(self) -> &'static str {
        match self {
            DocKind::Invoice => INVOICE_DOCUMENT_TYPE_ID,
            DocKind::CreditNote => CREDIT_NOTE_DOCUMENT_TYPE_ID,
        }
    }
}

/// A PEPPOL participant: ICD scheme (`0192` for a Norwegian organisation number) and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub scheme: String,
    pub id: String,
}

impl std::fmt::Display for Participant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.scheme, self.id)
    }
}

/// Why a call did not succeed; `permanent` when trying again will not help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApError {
    pub permanent: bool,
    pub reason: String,
}

impl ApError {
    fn passing(reason: impl Into<String>) -> Self {
        Self {
            permanent: false,
            reason: reason.into(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct AccessPointClient {
    http: reqwest::Client,
    base: Url,
    token: String,
    legal_entity_id: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Discovery<'a> {
    document_types: [&'a str; 1],
    network: &'a str,
    meta_scheme: &'a str,
    scheme: &'a str,
    identifier: &'a str,
}

#[derive(Deserialize)]
struct Discovered {
    code: String,
}

#[derive(Deserialize)]
struct Submitted {
    guid: String,
}

impl AccessPointClient {
    pub fn new(config: &AccessPointConfig) -> Self {
        let http = crate::integrations::http_client(Duration::from_secs(30))
            .build()
            .expect("http client");
        Self {
            http,
            base: config.base_url.clone(),
            token: config.token.expose().to_string(),
            legal_entity_id: config.legal_entity_id,
        }
    }

    async fn post(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<reqwest::Response, ApError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| ApError::passing(e.to_string()))?;
        let response = self
            .http
            .post(url)
            .bearer_auth(&self.token)
            .header("accept", "application/json")
            .json(body)
            .send()
            .await
            .map_err(|e| ApError::passing(format!("access point unreachable: {e}")))?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(response);
        }
        let text = response.text().await.unwrap_or_default();
        let text: String = text.chars().take(300).collect();
        Err(ApError {
            permanent: !(status >= 500 || status == 429 || status == 408),
            reason: format!("access point answered HTTP {status} {text}")
                .trim()
                .to_string(),
        })
    }

    /// Whether `who` receives `kind` on the PEPPOL network.
    pub async fn receives(&self, who: &Participant, kind: DocKind) -> Result<bool, ApError> {
        let body = serde_json::to_value(Discovery {
            document_types: [kind.api_name()],
            network: "peppol",
            meta_scheme: "iso6523-actorid-upis",
            scheme: &who.scheme,
            identifier: &who.id,
        })
        .map_err(|e| ApError::passing(e.to_string()))?;
        let response = self.post("discovery/receives", &body).await?;
        let found: Discovered = response
            .json()
            .await
            .map_err(|e| ApError::passing(format!("unreadable discovery answer: {e}")))?;
        Ok(found.code == "OK")
    }

    /// Sends the UBL document to `to`; returns the access point's submission id. The same
    /// `idempotency_key` on a retry lets the access point drop a repeat.
    pub async fn submit(
        &self,
        to: &Participant,
        kind: DocKind,
        ubl: &[u8],
        idempotency_key: &str,
    ) -> Result<String, ApError> {
        let body = serde_json::json!({
            "legalEntityId": self.legal_entity_id,
            "idempotencyGuid": idempotency_key,
            "routing": {
                "eIdentifiers": [{ "scheme": to.scheme, "id": to.id }],
                "emails": [],
            },
            "document": {
                "documentType": kind.api_name(),
                "rawDocumentData": {
                    "document": base64::engine::general_purpose::STANDARD.encode(ubl),
                    "parse": false,
                    "parseStrategy": "ubl",
                    "documentTypeId": kind.document_type_id(),
                    "processId": PROCESS_ID,
                },
            },
        });
        let response = self.post("document_submissions", &body).await?;
        let done: Submitted = response
            .json()
            .await
            .map_err(|e| ApError::passing(format!("unreadable submission answer: {e}")))?;
        Ok(done.guid)
    }
}

/// A fresh idempotency key in GUID form (random, version 4 layout).
pub fn new_guid() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_shape() {
        let g = new_guid();
        assert_eq!(g.len(), 36);
        assert_eq!(g.as_bytes()[14], b'4');
        assert_ne!(g, new_guid());
    }
}
