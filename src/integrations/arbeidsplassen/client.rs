//! The HTTP client of NAV's import API: transfer (batch), stop, review status.

use std::time::Duration;

use serde::Deserialize;
use url::Url;

use super::ad::{NavAd, NavProblem};
use crate::config::ArbeidsplassenConfig;

/// NAV asks not to poll an ad's review status more often than hourly.
pub const MIN_STATUS_POLL_INTERVAL: Duration = Duration::from_secs(3600);
/// At most this many ads per batch transfer.
pub const MAX_BATCH: usize = 100;

/// Why a call did not succeed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NavError {
    /// No API key is set (`KUNDEKORT_ARBEIDSPLASSEN_API_KEY`): nothing was sent.
    #[error("arbeidsplassen.no is not configured")]
    NotConfigured,
    /// The ad `reference` has problems NAV would refuse; nothing was sent.
    #[error("ad {reference}: {}", .problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        reference: String,
        problems: Vec<NavProblem>,
    },
    /// NAV refused (4xx, or a receipt with status ERROR); sending the same again will not help.
    #[error("NAV refused: {reason}")]
    Refused { reason: String },
    /// A passing problem (5xx, 408, 429, time-out, unreachable): try again later. A repeated
    /// identical transfer is answered SKIPPED by NAV, so retrying is safe.
    #[error("NAV not reached: {reason}")]
    Retryable { reason: String },
}

impl NavError {
    fn retryable(reason: impl Into<String>) -> Self {
        NavError::Retryable {
            reason: reason.into(),
        }
    }
}

/// What NAV did with a transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferStatus {
    /// Taken in (201); NAV processes it and then reviews the ad by hand.
    Received,
    /// NAV already had exactly this content (200): nothing changed.
    Skipped,
    /// Processed.
    Done,
}

/// NAV's receipt (`TransferLogDTO`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferReceipt {
    pub status: TransferStatus,
    /// NAV's version of the transfer (absent on SKIPPED).
    pub version_id: Option<i64>,
    pub md5: Option<String>,
    pub items: Option<i64>,
    pub message: Option<String>,
}

/// The review of an ad (`publishStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublishStatus {
    /// Not (or no longer) visible in the search, e.g. not yet published or expired.
    Inactive,
    Active,
    /// Refused by NAV's review; the message says why.
    Rejected,
    Stopped,
    Deleted,
    /// A value NAV's documentation does not list (its code has `UNKNOWN`).
    Unknown,
}

impl PublishStatus {
    pub fn from_nav(value: &str) -> Self {
        match value {
            "INACTIVE" => PublishStatus::Inactive,
            "ACTIVE" => PublishStatus::Active,
            "REJECTED" => PublishStatus::Rejected,
            "STOPPED" => PublishStatus::Stopped,
            "DELETED" => PublishStatus::Deleted,
            _ => PublishStatus::Unknown,
        }
    }

    pub fn nav_value(self) -> &'static str {
        match self {
            PublishStatus::Inactive => "INACTIVE",
            PublishStatus::Active => "ACTIVE",
            PublishStatus::Rejected => "REJECTED",
            PublishStatus::Stopped => "STOPPED",
            PublishStatus::Deleted => "DELETED",
            PublishStatus::Unknown => "UNKNOWN",
        }
    }
}

/// An ad's status at NAV (`AdAdminStatusDTO`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminStatus {
    pub reference: String,
    /// NAV's id of the ad.
    pub uuid: Option<String>,
    /// The ad on arbeidsplassen.no.
    pub url: Option<String>,
    /// How far NAV's processing is: RECEIVED, PENDING, DONE (UNKNOWN).
    pub status: String,
    pub publish_status: PublishStatus,
    /// Why it was rejected (NOT_APPROVED_BY_LABOUR_INSPECTION, NO_EMPLOYMENT, DUPLICATE,
    /// DISCRIMINATING, FOREIGN_JOB, UNKNOWN), or another note from NAV.
    pub message: Option<String>,
    pub updated: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReceiptDto {
    version_id: Option<i64>,
    status: Option<String>,
    md5: Option<String>,
    items: Option<i64>,
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AdminStatusDto {
    uuid: Option<String>,
    status: Option<String>,
    message: Option<String>,
    reference: Option<String>,
    url: Option<String>,
    updated: Option<String>,
    publish_status: Option<String>,
}

#[derive(Clone, Debug)]
struct Connected {
    http: reqwest::Client,
    base: Url,
    provider_id: i64,
    api_key: String,
}

/// The client; without configuration every call answers [`NavError::NotConfigured`].
#[derive(Clone, Debug)]
pub struct ArbeidsplassenClient {
    inner: Option<Connected>,
}

fn http_client(timeout: Duration) -> reqwest::Client {
    crate::integrations::http_client(timeout)
        .build()
        .expect("http client")
}

impl ArbeidsplassenClient {
    /// With the configured time limit per request.
    pub fn new(config: Option<&ArbeidsplassenConfig>) -> Self {
        let seconds = config.map_or(30, |c| c.timeout_seconds.max(1));
        Self::with_timeout(config, Duration::from_secs(seconds))
    }

    /// As [`new`](Self::new), with another time limit per request.
    pub fn with_timeout(config: Option<&ArbeidsplassenConfig>, timeout: Duration) -> Self {
        Self {
            inner: config.map(|c| Connected {
                http: http_client(timeout),
                base: c.base_url.clone(),
                provider_id: c.provider_id,
                api_key: c.api_key.expose().to_string(),
            }),
        }
    }

    pub fn is_configured(&self) -> bool {
        self.inner.is_some()
    }

    fn connected(&self) -> Result<&Connected, NavError> {
        self.inner.as_ref().ok_or(NavError::NotConfigured)
    }

    /// Sends 1–100 ads in one batch (`POST api/v1/transfers/batch/{providerId}`). Every ad is
    /// checked first; the first with problems is returned as [`NavError::Invalid`] and nothing
    /// is sent. 201 is a receipt RECEIVED, 200 SKIPPED when NAV already had this content.
    pub async fn transfer(&self, ads: &[NavAd]) -> Result<TransferReceipt, NavError> {
        let c = self.connected()?;
        if ads.is_empty() || ads.len() > MAX_BATCH {
            return Err(NavError::Refused {
                reason: format!("a batch holds 1 to {MAX_BATCH} ads, not {}", ads.len()),
            });
        }
        for ad in ads {
            let problems = ad.problems();
            if !problems.is_empty() {
                return Err(NavError::Invalid {
                    reference: ad.reference.clone(),
                    problems,
                });
            }
        }
        let body = serde_json::Value::Array(ads.iter().map(NavAd::to_json).collect());
        let url = c.url(&[
            "api",
            "v1",
            "transfers",
            "batch",
            &c.provider_id.to_string(),
        ])?;
        let response = c.send(c.http.post(url).json(&body)).await?;
        receipt(response).await
    }

    /// Stops an ad (`DELETE api/v1/transfers/{providerId}/{reference}`): NAV marks it STOPPED
    /// and takes it out of the search. It can be sent again later (we never use
    /// `?delete=true`, after which NAV refuses the reference for good).
    pub async fn stop(&self, reference: &str) -> Result<TransferReceipt, NavError> {
        let c = self.connected()?;
        let url = c.url(&[
            "api",
            "v1",
            "transfers",
            &c.provider_id.to_string(),
            reference,
        ])?;
        let response = c.send(c.http.delete(url)).await?;
        receipt(response).await
    }

    /// The ad's review status (`GET api/v1/adminstatus/{providerId}/{reference}`); `None` when
    /// NAV has none yet (404: not processed yet, or never sent). Poll at most hourly
    /// ([`MIN_STATUS_POLL_INTERVAL`]).
    pub async fn admin_status(&self, reference: &str) -> Result<Option<AdminStatus>, NavError> {
        let c = self.connected()?;
        let url = c.url(&[
            "api",
            "v1",
            "adminstatus",
            &c.provider_id.to_string(),
            reference,
        ])?;
        let response = match c.send(c.http.get(url)).await {
            Err(NavError::Refused { reason }) if reason.starts_with("HTTP 404") => {
                return Ok(None);
            }
            other => other?,
        };
        let dto: AdminStatusDto = response
            .json()
            .await
            .map_err(|e| NavError::retryable(format!("unreadable status from NAV: {e}")))?;
        Ok(Some(AdminStatus {
            reference: dto.reference.unwrap_or_else(|| reference.to_string()),
            uuid: dto.uuid,
            url: dto.url,
            status: dto.status.unwrap_or_else(|| "UNKNOWN".into()),
            publish_status: PublishStatus::from_nav(
                dto.publish_status.as_deref().unwrap_or("INACTIVE"),
            ),
            message: dto.message.filter(|m| !m.trim().is_empty()),
            updated: dto.updated,
        }))
    }
}

impl Connected {
    fn url(&self, segments: &[&str]) -> Result<Url, NavError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| NavError::Refused {
                reason: "KUNDEKORT_ARBEIDSPLASSEN_URL cannot be a base".into(),
            })?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    /// Sends with the key; a 2xx answer comes back, anything else as a typed error.
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<reqwest::Response, NavError> {
        let response = request
            .bearer_auth(&self.api_key)
            .header("accept", "application/json")
            .header("cache-control", "no-cache")
            .send()
            .await
            .map_err(|e| {
                if e.is_timeout() {
                    NavError::retryable(format!("NAV did not answer in time: {e}"))
                } else {
                    NavError::retryable(format!("NAV unreachable: {e}"))
                }
            })?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(response);
        }
        let text = response.text().await.unwrap_or_default();
        let said = nav_message(&text);
        let reason = format!("HTTP {status} {said}").trim().to_string();
        if status >= 500 || status == 408 || status == 429 {
            Err(NavError::Retryable { reason })
        } else {
            Err(NavError::Refused { reason })
        }
    }
}

/// NAV's own words from an error body: `{"message": .., "errorType": ..}`, or the text.
fn nav_message(body: &str) -> String {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ErrorMessage {
        message: String,
        error_type: Option<String>,
    }
    match serde_json::from_str::<ErrorMessage>(body) {
        Ok(e) => match e.error_type {
            Some(t) => format!("{t}: {}", e.message),
            None => e.message,
        },
        Err(_) => body.trim().chars().take(300).collect(),
    }
}

async fn receipt(response: reqwest::Response) -> Result<TransferReceipt, NavError> {
    let dto: ReceiptDto = response
        .json()
        .await
        .map_err(|e| NavError::retryable(format!("unreadable receipt from NAV: {e}")))?;
    let status = match dto.status.as_deref() {
        Some("SKIPPED") => TransferStatus::Skipped,
        Some("DONE") => TransferStatus::Done,
        Some("ERROR") => {
            return Err(NavError::Refused {
                reason: dto.message.unwrap_or_else(|| "ERROR".into()),
            });
        }
        _ => TransferStatus::Received,
    };
    Ok(TransferReceipt {
        status,
        version_id: dto.version_id,
        md5: dto.md5,
        items: dto.items,
        message: dto.message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navs_error_body_is_read() {
        assert_eq!(
            nav_message(
                r#"{"message":"ads should be between 1 to max 100","errorType":"INVALID_VALUE","errorRef":"x"}"#
            ),
            "INVALID_VALUE: ads should be between 1 to max 100"
        );
        assert_eq!(
            nav_message("Ugyldig providerId 1\n"),
            "Ugyldig providerId 1"
        );
    }

    #[tokio::test]
    async fn unconfigured_sends_nothing() {
        let client = ArbeidsplassenClient::new(None);
        assert!(!client.is_configured());
        assert_eq!(client.stop("x").await, Err(NavError::NotConfigured));
        assert_eq!(client.admin_status("x").await, Err(NavError::NotConfigured));
        assert_eq!(client.transfer(&[]).await, Err(NavError::NotConfigured));
    }
}
