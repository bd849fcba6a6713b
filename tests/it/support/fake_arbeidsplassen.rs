//! A local fake of NAV's job ad import API (pam-import-api, `docs/index.md` and its source), on
//! loopback under `/stillingsimport`:
//! - `POST api/v1/transfers/batch/{providerId}`: a JSON array of 1–100 ads, each checked as NAV
//!   checks it (reference, title, adText, positions ≥ 1, employer with businessName and
//!   location, a place of work with a postal code or county/municipality unless abroad, at most
//!   three categories, the fixed value lists of the properties as NAV validates them, and the
//!   documented required `engagementtype`) → 201 receipt `RECEIVED`; the same payload again →
//!   200 `SKIPPED`; a refusal → 400 `{message, errorType, errorRef}`;
//! - `DELETE api/v1/transfers/{providerId}/{reference}` → 200 receipt (message STOPPED), 404 for
//!   an unknown reference;
//! - `GET api/v1/adminstatus/{providerId}/{reference}` → `{uuid, status, reference, url,
//!   providerId, created, updated, message, publishStatus}`, 404 for an unknown reference.
//!
//! All behind `Authorization: Bearer <KEY>` (401) and for provider [`PROVIDER`] only (403). It
//! remembers the ads as sent, can be told to refuse the next transfer, to answer 503 or to stall
//! the next calls (time-outs), and to move an ad's `publishStatus`.

use std::{
    collections::{HashMap, HashSet},
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    time::Duration,
};

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use kundekort::config::{ArbeidsplassenConfig, Secret, parse_base_url};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub const KEY: &str = "fake-nav-provider-key";
pub const PROVIDER: i64 = 10041;

/// NAV's value lists (pam-import-api `PropertyNameValueValidation.kt` with
/// pam-ansettelseskodeverk 1.18), typed here independently of the client's enums.
const VALUES: &[(&str, &[&str], bool)] = &[
    ("extent", &["Heltid", "Deltid"], false),
    (
        "engagementtype",
        &[
            "Engasjement",
            "Fast",
            "Feriejobb",
            "Prosjekt",
            "Selvstendig næringsdrivende",
            "Sesong",
            "Vikariat",
            "Trainee",
            "Lærling",
            "Åremål",
            "Frilanser",
            "Annet",
        ],
        false,
    ),
    ("jobarrangement", &["Skift", "Turnus", "Vakt"], false),
    ("workday", &["Ukedager", "Lørdag", "Søndag"], true),
    ("workhours", &["Dagtid", "Kveld", "Natt"], true),
    (
        "workLanguage",
        &["Norsk", "Engelsk", "Skandinavisk", "Samisk"],
        true,
    ),
    ("sector", &["Privat", "Offentlig"], false),
    (
        "remote",
        &["Hjemmekontor", "Hybridkontor", "Hjemmekontor ikke mulig"],
        false,
    ),
];

/// One ad as the fake holds it.
#[derive(Clone)]
pub struct HeldAd {
    pub body: Value,
    pub uuid: String,
    pub publish_status: String,
    pub message: Option<String>,
}

#[derive(Default)]
struct Inner {
    ads: Mutex<HashMap<String, HeldAd>>,
    /// Every accepted batch, as sent.
    batches: Mutex<Vec<Value>>,
    hashes: Mutex<HashSet<String>>,
    versions: AtomicU64,
    /// The next transfer is refused with this message (INVALID_VALUE).
    refuse_next: Mutex<Option<String>>,
    /// Calls still to be answered 503.
    unavailable: AtomicUsize,
    /// Calls still to be stalled, and for how long.
    stall: Mutex<(usize, Duration)>,
    calls: AtomicUsize,
}

#[derive(Clone, Default)]
pub struct FakeArbeidsplassen(Arc<Inner>);

fn error(status: StatusCode, error_type: &str, message: &str) -> Response {
    (
        status,
        Json(json!({
            "message": message,
            "errorType": error_type,
            "errorRef": "00000000-0000-4000-8000-000000000000",
        })),
    )
        .into_response()
}

fn now() -> String {
    "2026-12-03T09:00:00.000001".to_string()
}

impl FakeArbeidsplassen {
    pub async fn spawn() -> (Self, SocketAddr) {
        let fake = Self::default();
        let app = Router::new()
            .route(
                "/stillingsimport/api/v1/transfers/batch/{provider}",
                post(transfer),
            )
            .route(
                "/stillingsimport/api/v1/transfers/{provider}/{reference}",
                delete(stop),
            )
            .route(
                "/stillingsimport/api/v1/adminstatus/{provider}/{reference}",
                get(admin_status),
            )
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (fake, addr)
    }

    /// The configuration pointing at this fake.
    pub fn config(addr: SocketAddr) -> ArbeidsplassenConfig {
        ArbeidsplassenConfig {
            base_url: parse_base_url(&format!("http://{addr}/stillingsimport")).unwrap(),
            provider_id: PROVIDER,
            api_key: Secret::new(KEY),
            timeout_seconds: 30,
        }
    }

    /// The next transfer is refused with NAV's `message`.
    pub fn refuse_next(&self, message: &str) {
        *self.0.refuse_next.lock().unwrap() = Some(message.to_string());
    }

    /// The next `n` calls are answered 503.
    pub fn unavailable_next(&self, n: usize) {
        self.0.unavailable.store(n, Ordering::SeqCst);
    }

    /// The next `n` calls wait `delay` before they are handled.
    pub fn stall_next(&self, n: usize, delay: Duration) {
        *self.0.stall.lock().unwrap() = (n, delay);
    }

    /// NAV's review moves the ad to `publish_status`, with `message` (a rejection's reason).
    pub fn set_publish_status(&self, reference: &str, publish_status: &str, message: Option<&str>) {
        let mut ads = self.0.ads.lock().unwrap();
        let ad = ads.get_mut(reference).expect("the fake holds the ad");
        ad.publish_status = publish_status.to_string();
        ad.message = message.map(str::to_string);
    }

    pub fn ad(&self, reference: &str) -> Option<HeldAd> {
        self.0.ads.lock().unwrap().get(reference).cloned()
    }

    /// The accepted batches, as sent.
    pub fn batches(&self) -> Vec<Value> {
        self.0.batches.lock().unwrap().clone()
    }

    /// Every call that reached the fake (also those refused).
    pub fn calls(&self) -> usize {
        self.0.calls.load(Ordering::SeqCst)
    }

    /// Key, provider, and the injected 503 and stalls; `Some` is the answer to give instead.
    async fn gate(&self, headers: &HeaderMap, provider: &str) -> Option<Response> {
        self.0.calls.fetch_add(1, Ordering::SeqCst);
        let delay = {
            let mut stall = self.0.stall.lock().unwrap();
            if stall.0 > 0 {
                stall.0 -= 1;
                Some(stall.1)
            } else {
                None
            }
        };
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        let authorised = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == format!("Bearer {KEY}"));
        if !authorised {
            return Some((StatusCode::UNAUTHORIZED, "Ugyldig token").into_response());
        }
        if provider != PROVIDER.to_string() {
            return Some(
                (
                    StatusCode::FORBIDDEN,
                    format!("Ugyldig providerId {provider}"),
                )
                    .into_response(),
            );
        }
        let left = self.0.unavailable.load(Ordering::SeqCst);
        if left > 0 {
            self.0.unavailable.store(left - 1, Ordering::SeqCst);
            return Some((StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response());
        }
        None
    }
}

fn blank(v: &Value) -> bool {
    v.as_str().is_none_or(|s| s.trim().is_empty())
}

/// NAV's checks of one ad (`AdDTO` init blocks, `TransferLogService.validate`,
/// `PropertyNameValueValidation`), plus the documented required `engagementtype`.
fn check(ad: &Value) -> Result<(), (&'static str, String)> {
    for field in ["reference", "title", "adText"] {
        if ad.get(field).is_none() {
            return Err(("MISSING_PARAMETER", format!("Missing parameter: {field}")));
        }
    }
    let reference = ad["reference"].as_str().unwrap_or_default();
    if reference.trim().is_empty() || reference.chars().count() >= 255 {
        return Err(("INVALID_VALUE", "reference is blank or size > 255".into()));
    }
    let title = ad["title"].as_str().unwrap_or_default();
    if title.trim().is_empty() || title.chars().count() >= 512 {
        return Err(("INVALID_VALUE", "title is blank or size > 512".into()));
    }
    if blank(&ad["adText"]) {
        return Err(("INVALID_VALUE", "adtext is blank".into()));
    }
    if ad["positions"].as_i64().unwrap_or(1) < 1 {
        return Err(("INVALID_VALUE", "positions should be 1 or more".into()));
    }
    let employer = &ad["employer"];
    if !employer.is_object() {
        return Err(("INVALID_VALUE", "Employer should not be empty".into()));
    }
    if !employer["location"].is_object() {
        return Err(("MISSING_PARAMETER", "Missing parameter: location".into()));
    }
    if blank(&employer["businessName"]) {
        return Err((
            "INVALID_VALUE",
            "businessName is blank or size > 255".into(),
        ));
    }
    for field in ["published", "expires"] {
        let ok = ad[field].as_str().is_some_and(|s| {
            time::PrimitiveDateTime::parse(
                s,
                time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
            )
            .is_ok()
        });
        if !ok {
            return Err(("INVALID_VALUE", format!("Invalid value at field {field}")));
        }
    }
    let first = &ad["locationList"][0];
    let placed = ["postalCode", "county", "municipal"]
        .iter()
        .any(|f| !blank(&first[f]));
    let abroad = first["country"]
        .as_str()
        .is_some_and(|c| !["NORGE", "NOREG", "NORWAY", "NO"].contains(&c.to_uppercase().as_str()));
    if !first.is_object() || !(placed || abroad) {
        return Err((
            "INVALID_VALUE",
            "Location does not have postal code, or does not have county/municipality".into(),
        ));
    }
    if ad["categoryList"].as_array().is_some_and(|c| c.len() > 3) {
        return Err((
            "INVALID_VALUE",
            "category list is over 3, we only allow max 3 categories per ad".into(),
        ));
    }
    let properties = &ad["properties"];
    if blank(&properties["engagementtype"]) {
        return Err((
            "MISSING_PARAMETER",
            "Missing parameter: engagementtype".into(),
        ));
    }
    for (name, allowed, several) in VALUES {
        let Some(value) = properties[*name].as_str() else {
            continue;
        };
        let values: Vec<String> = if *several {
            value
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|v| v.trim().trim_matches('"').to_string())
                .collect()
        } else {
            vec![value.to_string()]
        };
        if let Some(bad) = values.iter().find(|v| !allowed.contains(&v.as_str())) {
            return Err((
                "INVALID_VALUE",
                format!("property {name} contains invalid value {bad}"),
            ));
        }
    }
    Ok(())
}

fn receipt(fake: &FakeArbeidsplassen, md5: &str, items: usize, message: Option<&str>) -> Value {
    json!({
        "versionId": fake.0.versions.fetch_add(1, Ordering::SeqCst) + 1,
        "status": "RECEIVED",
        "md5": md5,
        "items": items,
        "message": message,
        "created": now(),
        "updated": now(),
    })
}

async fn transfer(
    State(fake): State<FakeArbeidsplassen>,
    Path(provider): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    if let Some(answer) = fake.gate(&headers, &provider).await {
        return answer;
    }
    let Ok(Value::Array(ads)) = serde_json::from_str::<Value>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "PARSE_ERROR",
            "Parse error: at [Source: body]",
        );
    };
    if ads.is_empty() || ads.len() > 100 {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_VALUE",
            "ads should be between 1 to max 100",
        );
    }
    let md5 = hex::encode(&Sha256::digest(body.as_bytes())[..16]).to_uppercase();
    if fake.0.hashes.lock().unwrap().contains(&md5) {
        return (
            StatusCode::OK,
            Json(json!({
                "message": "Content already exist, skipping",
                "status": "SKIPPED",
                "md5": md5,
                "items": 1,
                "created": now(),
                "updated": now(),
            })),
        )
            .into_response();
    }
    if let Some(message) = fake.0.refuse_next.lock().unwrap().take() {
        return error(StatusCode::BAD_REQUEST, "INVALID_VALUE", &message);
    }
    for ad in &ads {
        if let Err((kind, message)) = check(ad) {
            return error(StatusCode::BAD_REQUEST, kind, &message);
        }
    }
    fake.0.hashes.lock().unwrap().insert(md5.clone());
    fake.0
        .batches
        .lock()
        .unwrap()
        .push(Value::Array(ads.clone()));
    {
        let mut held = fake.0.ads.lock().unwrap();
        for ad in &ads {
            let reference = ad["reference"].as_str().unwrap_or_default().to_string();
            let n = held.len() + 1;
            let entry = held.entry(reference).or_insert_with(|| HeldAd {
                body: Value::Null,
                uuid: format!("2afe26f3-9aef-4a12-97eb-{n:012}"),
                publish_status: "INACTIVE".into(),
                message: None,
            });
            entry.body = ad.clone();
            if entry.publish_status == "STOPPED" {
                entry.publish_status = "INACTIVE".into();
            }
        }
    }
    (
        StatusCode::CREATED,
        Json(receipt(&fake, &md5, ads.len(), None)),
    )
        .into_response()
}

async fn stop(
    State(fake): State<FakeArbeidsplassen>,
    Path((provider, reference)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Some(answer) = fake.gate(&headers, &provider).await {
        return answer;
    }
    let found = {
        let mut ads = fake.0.ads.lock().unwrap();
        match ads.get_mut(&reference) {
            Some(ad) => {
                ad.publish_status = "STOPPED".into();
                true
            }
            None => false,
        }
    };
    if !found {
        return error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            &format!("AdState with {provider} {reference} not found"),
        );
    }
    Json(receipt(&fake, "STOP", 1, Some("STOPPED"))).into_response()
}

async fn admin_status(
    State(fake): State<FakeArbeidsplassen>,
    Path((provider, reference)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Some(answer) = fake.gate(&headers, &provider).await {
        return answer;
    }
    let Some(ad) = fake.ad(&reference) else {
        return error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            &format!("AdAdminStatus for {provider}, {reference} not found"),
        );
    };
    Json(json!({
        "uuid": ad.uuid,
        "status": "DONE",
        "reference": reference,
        "url": format!("https://arbeidsplassen.nav.no/stillinger/stilling/{}", ad.uuid),
        "providerId": PROVIDER,
        "created": now(),
        "updated": now(),
        "message": ad.message,
        "publishStatus": ad.publish_status,
    }))
    .into_response()
}
