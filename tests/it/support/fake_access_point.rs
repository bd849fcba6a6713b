//! A local fake of the PEPPOL access point (Storecove's API v2 as documented at
//! <https://www.storecove.com/docs/>), on loopback:
//! - `POST /api/v2/discovery/receives` `{documentTypes, network, metaScheme, scheme, identifier}`
//!   → `{"code": "OK" | "NOK", "email": false}`;
//! - `POST /api/v2/document_submissions` `{legalEntityId, idempotencyGuid, routing:
//!   {eIdentifiers: [{scheme, id}]}, document: {documentType, rawDocumentData: {document
//!   (base64), parse, parseStrategy, ..}}}` → `{"guid": ..}`;
//!
//! both behind `Authorization: Bearer <TOKEN>` (401 otherwise). It records every call, can say
//! that a participant does not receive a document type, and can answer 503 to the next
//! submissions.

use std::{
    collections::HashSet,
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
};
use base64::Engine;
use kundekort::config::{AccessPointConfig, Secret, parse_base_url};
use serde_json::{Value, json};

pub const TOKEN: &str = "fake-access-point-key";
pub const LEGAL_ENTITY: i64 = 4242;

#[derive(Default)]
struct Inner {
    discoveries: Mutex<Vec<Value>>,
    submissions: Mutex<Vec<Value>>,
    /// `scheme:id|documentType` pairs answered NOK.
    refused: Mutex<HashSet<String>>,
    /// Submissions still to be answered 503.
    fail_next: AtomicUsize,
}

#[derive(Clone, Default)]
pub struct FakeAccessPoint(Arc<Inner>);

/// One submission as the fake got it.
pub struct Submission {
    pub body: Value,
    /// The UBL document, decoded from base64.
    pub ubl: String,
}

impl FakeAccessPoint {
    pub async fn spawn() -> (Self, SocketAddr) {
        let fake = Self::default();
        let app = Router::new()
            .route("/api/v2/discovery/receives", post(receives))
            .route("/api/v2/document_submissions", post(submit))
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (fake, addr)
    }

    /// The configuration pointing at this fake.
    pub fn config(addr: SocketAddr) -> AccessPointConfig {
        AccessPointConfig {
            base_url: parse_base_url(&format!("http://{addr}/api/v2")).unwrap(),
            token: Secret::new(TOKEN),
            legal_entity_id: LEGAL_ENTITY,
        }
    }

    /// `participant` (`scheme:id`) does not receive `document_type` (`invoice`, `creditnote`).
    pub fn refuse(&self, participant: &str, document_type: &str) {
        self.0
            .refused
            .lock()
            .unwrap()
            .insert(format!("{participant}|{document_type}"));
    }

    /// The next `n` submissions are answered 503.
    pub fn fail_next(&self, n: usize) {
        self.0.fail_next.store(n, Ordering::SeqCst);
    }

    pub fn discoveries(&self) -> Vec<Value> {
        self.0.discoveries.lock().unwrap().clone()
    }

    /// The submissions accepted (not those answered 503).
    pub fn submissions(&self) -> Vec<Submission> {
        self.0
            .submissions
            .lock()
            .unwrap()
            .iter()
            .map(|body| {
                let b64 = body["document"]["rawDocumentData"]["document"]
                    .as_str()
                    .unwrap_or_default();
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .unwrap_or_default();
                Submission {
                    body: body.clone(),
                    ubl: String::from_utf8(bytes).unwrap_or_default(),
                }
            })
            .collect()
    }
}

fn authorised(headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {TOKEN}"))
}

async fn receives(
    State(fake): State<FakeAccessPoint>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    fake.0.discoveries.lock().unwrap().push(body.clone());
    let who = format!(
        "{}:{}",
        body["scheme"].as_str().unwrap_or_default(),
        body["identifier"].as_str().unwrap_or_default()
    );
    let refused = fake.0.refused.lock().unwrap().clone();
    let all_ok = body["documentTypes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .all(|t| !refused.contains(&format!("{who}|{t}")));
    let ok = body["network"] == "peppol" && all_ok;
    Json(json!({ "code": if ok { "OK" } else { "NOK" }, "email": false })).into_response()
}

async fn submit(
    State(fake): State<FakeAccessPoint>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let left = fake.0.fail_next.load(Ordering::SeqCst);
    if left > 0 {
        fake.0.fail_next.store(left - 1, Ordering::SeqCst);
        return (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response();
    }
    if body["legalEntityId"] != LEGAL_ENTITY
        || body["routing"]["eIdentifiers"][0]["id"].as_str().is_none()
        || body["document"]["rawDocumentData"]["document"]
            .as_str()
            .is_none()
    {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!([{ "source": "document", "details": "incomplete" }])),
        )
            .into_response();
    }
    let n = {
        let mut all = fake.0.submissions.lock().unwrap();
        all.push(body);
        all.len()
    };
    Json(json!({ "guid": format!("00000000-0000-4000-8000-{n:012}") })).into_response()
}
