//! The OpenAPI document says what the server does: every operation declares its error answers as
//! problem JSON, every answer is described, and an independent validator
//! (`openapi-spec-validator`, from PyPI) accepts the document. Without the validator that last
//! check is skipped locally and fails in CI (`CI=true`). `OPENAPI_OUT=<file>` keeps the document.

use serde_json::Value;

use crate::db_test;

const METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

async fn document(app: &crate::support::TestApp) -> Value {
    let res = reqwest::get(app.url("/api/openapi.json")).await.unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// (method, path, operation) of every operation in the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                all.push((method.to_string(), path.clone(), op.clone()));
            }
        }
    }
    all
}

/// The error statuses an operation can answer whatever its rules, from its shape.
fn errors_by_shape(op: &Value) -> Vec<&'static str> {
    let params = op["parameters"].as_array().cloned().unwrap_or_default();
    let in_place = |place: &str| params.iter().any(|p| p["in"] == place);
    let body = op.get("requestBody").is_some();
    // A public operation (an empty security requirement) needs no log-in.
    let public = op["security"] == serde_json::json!([{}]);
    let mut statuses = if public { vec![] } else { vec!["401"] };
    if in_place("path") || in_place("query") || body {
        statuses.push("400");
    }
    if in_place("path") {
        statuses.push("404");
    }
    if in_place("query") || body {
        statuses.push("422");
    }
    statuses
}

db_test!(every_operation_declares_its_problem_answers, |app| {
    let doc = document(app).await;
    let ops = operations(&doc);
    assert!(ops.len() >= 18, "{} operations", ops.len());
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    for (method, path, op) in &ops {
        let responses = op["responses"].as_object().expect("responses");
        for status in errors_by_shape(op) {
            assert!(
                responses.contains_key(status),
                "{method} {path} does not declare {status}"
            );
        }
        for (status, response) in responses {
            let content = response["content"].as_object();
            if status.starts_with('4') || status.starts_with('5') {
                let content = content.unwrap_or_else(|| panic!("{method} {path} {status}"));
                assert_eq!(
                    content.keys().collect::<Vec<_>>(),
                    vec!["application/problem+json"],
                    "{method} {path} {status}"
                );
                assert_eq!(
                    content["application/problem+json"]["schema"]["$ref"],
                    "#/components/schemas/Problem",
                    "{method} {path} {status}"
                );
            }
        }
    }
    // Rules of particular operations.
    let activities = &doc["paths"]["/api/v1/activities"]["get"]["responses"];
    assert!(
        activities["400"]["description"]
            .as_str()
            .unwrap()
            .contains("62 days")
    );
    assert!(activities["403"].is_object() && activities["404"].is_object());
    let patch = &doc["paths"]["/api/v1/customers/{id}"]["patch"]["responses"];
    assert!(patch["403"].is_object() && patch["409"].is_object());
    let list = doc["paths"]["/api/v1/customers"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let limit = list.iter().find(|p| p["name"] == "limit").unwrap();
    assert_eq!(limit["schema"]["maximum"], 500, "{limit}");
    let fields = &doc["components"]["schemas"]["CustomerFields"]["properties"];
    assert_eq!(fields["name"]["maxLength"], 200, "{fields}");

    // And the server answers so: a path or a query that does not parse is problem JSON.
    let ola = app.login("ola@test.no").await;
    for url in [
        "/api/v1/customers/abc",
        "/api/v1/activities?customer_id=abc",
    ] {
        let res = ola.get(app.url(url)).send().await.unwrap();
        assert_eq!(res.status(), 400, "{url}");
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{url}"
        );
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["status"], 400, "{problem}");
    }
});

db_test!(every_answer_is_described, |app| {
    let doc = document(app).await;
    for (method, path, op) in operations(&doc) {
        for (status, response) in op["responses"].as_object().unwrap() {
            let description = response["description"].as_str().unwrap_or("");
            assert!(
                !description.trim().is_empty(),
                "{method} {path} {status} has no description"
            );
        }
    }
});

/// The validator's command, when it is installed (`python3 -m pip install --user
/// openapi-spec-validator`); in CI its absence is a failure.
fn validator() -> Option<String> {
    let binary =
        std::env::var("OPENAPI_SPEC_VALIDATOR").unwrap_or_else(|_| "openapi-spec-validator".into());
    match std::process::Command::new(&binary)
        .arg("--version")
        .output()
    {
        Ok(out) if out.status.success() => Some(binary),
        outcome => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("openapi-spec-validator is required when CI=true: {outcome:?}");
            }
            eprintln!("openapi-spec-validator not found: skipping the validation of the document");
            None
        }
    }
}

db_test!(an_independent_validator_accepts_the_document, |app| {
    let text = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // `OPENAPI_OUT=target/openapi.json cargo test --test it openapi::` leaves the document for
    // other tools (Schemathesis).
    if let Ok(out) = std::env::var("OPENAPI_OUT") {
        std::fs::write(&out, &text).unwrap();
    }
    let Some(validator) = validator() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, &text).unwrap();
    let out = tokio::process::Command::new(&validator)
        .arg(&file)
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "openapi-spec-validator refuses the document:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
});
