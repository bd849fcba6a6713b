//! arbeidsplassen.no: NAV's job ad import API, pam-import-api (decision 0037).
//!
//! The contract (github navikt/pam-import-api, `docs/index.md`, checked against its source,
//! `dto/TransferDTO.kt`, `transferlog/TransferController.kt`, `TransferLogService.kt`,
//! `properties/PropertyNameValueValidation.kt`, `adadminstatus/*`, and the value lists of
//! navikt/pam-ansettelseskodeverk 1.18 that it validates against):
//! - every call with `Authorization: Bearer <key>` and NAV's numeric `providerId` in the path
//!   (401/403 otherwise);
//! - `POST {base}/api/v1/transfers/batch/{providerId}` with a JSON array of 1–100 ads → 201 and a
//!   receipt `{versionId, status: "RECEIVED", md5, items, created, updated}`; 200 with
//!   `status: "SKIPPED"` when NAV already has exactly this content; 400
//!   `{message, errorType, errorRef}` when an ad is refused (a missing field, a value outside a
//!   fixed list, no place of work, more than three categories, …);
//! - `DELETE {base}/api/v1/transfers/{providerId}/{reference}` stops an ad (200 and a receipt);
//! - `GET {base}/api/v1/adminstatus/{providerId}/{reference}` → `{uuid, status, reference, url,
//!   providerId, created, updated, message, publishStatus}`, `publishStatus` one of INACTIVE,
//!   ACTIVE, REJECTED, STOPPED, DELETED; 404 until NAV has processed the ad. NAV asks for at most
//!   one poll an hour.
//!
//! [`NavAd`] is the plain input, [`NavAd::problems`] refuses locally what NAV would refuse, and
//! [`ArbeidsplassenClient`] sends. Tested against a local fake of this contract
//! (`tests/it/support/fake_arbeidsplassen.rs`).

mod ad;
mod client;

pub use ad::{
    ApplicationDue, EngagementType, Extent, JobArrangement, NavAd, NavContact, NavEmployer,
    NavLocation, NavProblem, NavProperties, Remote, Sector, StartTime, Styrk08, WorkHours,
    WorkLanguage, Workday,
};
pub use client::{
    AdminStatus, ArbeidsplassenClient, MAX_BATCH, MIN_STATUS_POLL_INTERVAL, NavError,
    PublishStatus, TransferReceipt, TransferStatus,
};
