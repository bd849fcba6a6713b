//! A local fake SMS gateway speaking both documented contracts:
//! - Sveve: `POST /SMS/SendMessage` JSON `{user, passwd, f, messages:[{to, msg, from, ref}]}` →
//!   `{"response":{"msgOkCount":1,"stdSMSCount":1,"ids":[n]}}`;
//! - Twilio: `POST /2010-04-01/Accounts/{sid}/Messages.json` (form, HTTP Basic) → 201
//!   `{"sid":"SM…","status":"queued"}`, or `{"code","message"}` on errors.
//!
//! It records what it was asked to send and can be told to fail.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use axum::{
    Form, Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
};
use base64::Engine;

#[derive(Clone, Debug)]
pub struct Sent {
    pub to: String,
    pub text: String,
    pub from: String,
    pub reference: String,
    pub status_callback: String,
    pub id: String,
}

#[derive(Default)]
struct Inner {
    sent: Vec<Sent>,
    /// Answer this HTTP status to the next N requests (u32::MAX: always).
    fail_status: Option<(u16, u32)>,
    requests: usize,
}

#[derive(Clone, Default)]
pub struct FakeSms {
    inner: Arc<Mutex<Inner>>,
}

pub const SVEVE_USER: &str = "byraa";
pub const SVEVE_PASSWORD: &str = "sveve-passord";
pub const TWILIO_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub const TWILIO_TOKEN: &str = "twilio-auth-token";

impl FakeSms {
    pub async fn spawn() -> (Self, SocketAddr) {
        let fake = FakeSms::default();
        let app = Router::new()
            .route("/SMS/SendMessage", post(sveve))
            .route("/2010-04-01/Accounts/{sid}/Messages.json", post(twilio))
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (fake, addr)
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.inner.lock().unwrap().sent.clone()
    }

    pub fn requests(&self) -> usize {
        self.inner.lock().unwrap().requests
    }

    /// Fail the next `times` requests with HTTP `status` (`u32::MAX` for always).
    pub fn fail(&self, status: u16, times: u32) {
        self.inner.lock().unwrap().fail_status = Some((status, times));
    }

    /// Counts a request and says whether it should fail.
    fn failing(&self) -> Option<StatusCode> {
        let mut inner = self.inner.lock().unwrap();
        inner.requests += 1;
        match inner.fail_status {
            Some((status, times)) if times > 0 => {
                if times != u32::MAX {
                    inner.fail_status = Some((status, times - 1));
                }
                Some(StatusCode::from_u16(status).unwrap())
            }
            _ => None,
        }
    }

    fn record(&self, mut sent: Sent) -> String {
        let mut inner = self.inner.lock().unwrap();
        sent.id = format!("{}", 1000 + inner.sent.len());
        let id = sent.id.clone();
        inner.sent.push(sent);
        id
    }
}

async fn sveve(State(fake): State<FakeSms>, Json(body): Json<serde_json::Value>) -> Response {
    if let Some(status) = fake.failing() {
        return (status, "gateway trouble").into_response();
    }
    if body["user"] != SVEVE_USER || body["passwd"] != SVEVE_PASSWORD {
        return Json(
            serde_json::json!({"response": {"msgOkCount": 0, "stdSMSCount": 0,
            "fatalError": "Feil brukernavn/passord"}}),
        )
        .into_response();
    }
    let mut ids = Vec::new();
    let mut errors = Vec::new();
    for m in body["messages"].as_array().cloned().unwrap_or_default() {
        let to = m["to"].as_str().unwrap_or("").to_string();
        if to.len() != 8 && !to.starts_with("00") {
            errors.push(serde_json::json!({"number": to, "message": "Ugyldig telefonnummer"}));
            continue;
        }
        let id = fake.record(Sent {
            to,
            text: m["msg"].as_str().unwrap_or("").into(),
            from: m["from"].as_str().unwrap_or("").into(),
            reference: m["ref"].as_str().unwrap_or("").into(),
            status_callback: String::new(),
            id: String::new(),
        });
        ids.push(id.parse::<i64>().unwrap());
    }
    Json(
        serde_json::json!({"response": {"msgOkCount": ids.len(), "stdSMSCount": ids.len(),
        "ids": ids, "errors": errors}}),
    )
    .into_response()
}

async fn twilio(
    State(fake): State<FakeSms>,
    Path(sid): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{TWILIO_SID}:{TWILIO_TOKEN}"))
    );
    let authorised = headers
        .get("authorization")
        .is_some_and(|v| v.to_str().unwrap_or("") == expected);
    if sid != TWILIO_SID || !authorised {
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({"code": 20003, "message": "Authenticate"})),
        )
            .into_response();
    }
    if let Some(status) = fake.failing() {
        return (
            status,
            Json(serde_json::json!({"code": 20500, "message": "Internal Server Error"})),
        )
            .into_response();
    }
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let to = get("To");
    if !to.starts_with('+') {
        return (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({"code": 21211, "message": "Invalid 'To' Phone Number"})),
        )
            .into_response();
    }
    let id = fake.record(Sent {
        to,
        text: get("Body"),
        from: get("From"),
        reference: String::new(),
        status_callback: get("StatusCallback"),
        id: String::new(),
    });
    (
        StatusCode::CREATED,
        Json(serde_json::json!({"sid": format!("SM{id}"), "status": "queued"})),
    )
        .into_response()
}
