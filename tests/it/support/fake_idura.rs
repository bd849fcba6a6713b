//! A local fake of Idura (formerly Criipto) Signatures, following its documented contract: a
//! GraphQL endpoint behind HTTP Basic auth answering `createSignatureOrder`,
//! `closeSignatureOrder`, `cancelSignatureOrder` and `cleanupSignatureOrder`; and signed
//! webhooks (`X-Criipto-Signature` = base64 HMAC-SHA256 of the body with the base64-decoded
//! secret given in the order's `webhook.secret`).

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use serde_json::{Value, json};

pub const CLIENT_ID: &str = "kundekort-test";
pub const CLIENT_SECRET: &str = "idura-hemmelig";
/// 32 bytes, base64.
pub const WEBHOOK_SECRET: &str = "c2lnbmF0dXJlcy13ZWJob29rLXNlY3JldC0zMmJ5dGU=";
/// What the fake appends to the PDF it "signs", so tests can tell its copy from the original.
pub const PADES_MARKER: &[u8] = b"\n%fake-idura-pades-seal\n";

#[derive(Clone, Debug)]
pub struct FakeOrder {
    pub id: String,
    pub title: String,
    pub pdf: Vec<u8>,
    pub webhook_url: String,
    pub webhook_secret: String,
    pub signatories: Vec<(String, String)>,
    pub status: String,
    pub login_hint: Option<String>,
    pub cleaned_up: bool,
}

#[derive(Default)]
struct Shared {
    orders: HashMap<String, FakeOrder>,
    calls: Vec<String>,
    next: u32,
    fail_next_close: bool,
}

#[derive(Clone)]
pub struct FakeIdura {
    shared: Arc<Mutex<Shared>>,
}

impl FakeIdura {
    pub async fn spawn() -> (Self, SocketAddr) {
        let fake = Self {
            shared: Arc::default(),
        };
        let app = Router::new()
            .route("/v1/graphql", post(graphql))
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (fake, addr)
    }

    pub fn orders(&self) -> Vec<FakeOrder> {
        self.shared
            .lock()
            .unwrap()
            .orders
            .values()
            .cloned()
            .collect()
    }

    /// The mutations called, in order.
    pub fn calls(&self) -> Vec<String> {
        self.shared.lock().unwrap().calls.clone()
    }

    pub fn fail_next_close(&self) {
        self.shared.lock().unwrap().fail_next_close = true;
    }

    /// The webhook body and signature header for an event, as the broker sends them.
    pub fn webhook(
        &self,
        event: &str,
        order: &FakeOrder,
        signatory: Option<&str>,
    ) -> (String, String) {
        let mut body = json!({ "event": event, "signatureOrderId": order.id });
        if let Some(s) = signatory {
            body["signatoryId"] = json!(s);
        }
        let body = body.to_string();
        let signature =
            kundekort::integrations::idura::sign_webhook(&order.webhook_secret, body.as_bytes());
        (body, signature)
    }

    /// Delivers a webhook to the order's URL; returns the HTTP status.
    pub async fn deliver(&self, event: &str, order: &FakeOrder, signatory: Option<&str>) -> u16 {
        let (body, signature) = self.webhook(event, order, signatory);
        reqwest::Client::new()
            .post(&order.webhook_url)
            .header("content-type", "application/json")
            .header("x-criipto-signature", signature)
            .body(body)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

fn error(message: &str) -> (StatusCode, Json<Value>) {
    (
        StatusCode::OK,
        Json(json!({ "errors": [{ "message": message }], "data": null })),
    )
}

async fn graphql(
    State(fake): State<FakeIdura>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "errors": [{ "message": "Unauthorized" }] })),
        );
    }
    let query = request["query"].as_str().unwrap_or("");
    let input = &request["variables"]["input"];
    let mut shared = fake.shared.lock().unwrap();
    let op = [
        "createSignatureOrder",
        "closeSignatureOrder",
        "cancelSignatureOrder",
        "cleanupSignatureOrder",
    ]
    .into_iter()
    .find(|op| query.contains(&format!("{op}(input")))
    .unwrap_or("unknown");
    shared.calls.push(op.to_string());
    match op {
        "createSignatureOrder" => {
            let Some(blob) = input["documents"][0]["pdf"]["blob"].as_str() else {
                return error("documents[0].pdf.blob is required");
            };
            let Ok(pdf) = STANDARD.decode(blob) else {
                return error("blob is not base64");
            };
            if !pdf.starts_with(b"%PDF") {
                return error("document is not a PDF");
            }
            let Some(webhook_url) = input["webhook"]["url"].as_str() else {
                return error("webhook.url is required");
            };
            let webhook_secret = input["webhook"]["secret"]
                .as_str()
                .unwrap_or("")
                .to_string();
            shared.next += 1;
            let id = format!("order-{}", shared.next);
            let signatories: Vec<(String, String)> = input["signatories"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        format!("{id}-sig-{}", i + 1),
                        s["reference"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect();
            let order = FakeOrder {
                id: id.clone(),
                title: input["title"].as_str().unwrap_or("").to_string(),
                pdf,
                webhook_url: webhook_url.to_string(),
                webhook_secret,
                signatories: signatories.clone(),
                status: "OPEN".into(),
                login_hint: input["evidenceProviders"][0]["criiptoVerify"]["loginHint"]
                    .as_str()
                    .map(str::to_string),
                cleaned_up: false,
            };
            shared.orders.insert(id.clone(), order);
            let list: Vec<Value> = signatories
                .iter()
                .map(|(sid, reference)| {
                    json!({
                        "id": sid,
                        "reference": reference,
                        "href": format!("https://signatures.fake/sign/{sid}"),
                        "status": "OPEN"
                    })
                })
                .collect();
            (
                StatusCode::OK,
                Json(json!({ "data": { "createSignatureOrder": {
                    "signatureOrder": { "id": id, "status": "OPEN", "signatories": list }
                }}})),
            )
        }
        "closeSignatureOrder" | "cancelSignatureOrder" | "cleanupSignatureOrder" => {
            let id = input["signatureOrderId"].as_str().unwrap_or("").to_string();
            if op == "closeSignatureOrder" && std::mem::take(&mut shared.fail_next_close) {
                return (
                    StatusCode::BAD_GATEWAY,
                    Json(json!({ "message": "upstream down" })),
                );
            }
            let Some(order) = shared.orders.get_mut(&id) else {
                return error("signature order not found");
            };
            match op {
                "closeSignatureOrder" => {
                    if order.status != "OPEN" {
                        return error("signature order is not open");
                    }
                    order.status = "CLOSED".into();
                    let mut signed = order.pdf.clone();
                    signed.extend_from_slice(PADES_MARKER);
                    (
                        StatusCode::OK,
                        Json(
                            json!({ "data": { "closeSignatureOrder": { "signatureOrder": {
                                "id": id, "status": "CLOSED",
                                "documents": [{ "id": "doc-1", "title": order.title, "blob": STANDARD.encode(&signed) }]
                            }}}}),
                        ),
                    )
                }
                "cancelSignatureOrder" => {
                    order.status = "CANCELLED".into();
                    (
                        StatusCode::OK,
                        Json(
                            json!({ "data": { "cancelSignatureOrder": { "signatureOrder": { "id": id, "status": "CANCELLED" } } } }),
                        ),
                    )
                }
                _ => {
                    order.cleaned_up = true;
                    (
                        StatusCode::OK,
                        Json(
                            json!({ "data": { "cleanupSignatureOrder": { "signatureOrder": { "id": id, "status": order.status } } } }),
                        ),
                    )
                }
            }
        }
        _ => error("unknown operation"),
    }
}
