//! The error answers in the OpenAPI document, declared in one place so that the document says
//! what the server does: every API error is problem JSON (`application/problem+json`, rendered
//! by `web::errors`), and which errors an operation can give follows from its shape:
//!
//! - every operation needs a log-in: 401 (but a public one, declared `security(())`);
//! - a path parameter that does not parse (`/customers/abc`): 400; one that names nothing the
//!   user may see: 404;
//! - a query string or a JSON body that cannot be read: 400; values that break a rule: 422.
//!
//! Answers that depend on the operation's rules (403, 409, or a 400 with its own reason) are
//! declared on the operation itself; this turns their body into problem JSON too.

use utoipa::{
    Modify,
    openapi::{
        Content, OpenApi, Ref, RefOr, ResponseBuilder,
        path::{Operation, ParameterIn},
    },
};

pub const PROBLEM_JSON: &str = "application/problem+json";

pub struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                declare_errors(operation);
            }
        }
    }
}

fn declare_errors(operation: &mut Operation) {
    let has_param = |place: ParameterIn| {
        operation.parameters.iter().flatten().any(|p| match p {
            RefOr::T(p) => p.parameter_in == place,
            RefOr::Ref(_) => false,
        })
    };
    let in_path = has_param(ParameterIn::Path);
    let in_query = has_param(ParameterIn::Query);
    let has_body = operation.request_body.is_some();
    // A public operation (`security(())`, e.g. the jobs feed) needs no log-in: no 401.
    let public = serde_json::to_value(&operation.security).ok() == Some(serde_json::json!([{}]));
    let mut statuses = if public { vec![] } else { vec!["401"] };
    if in_path || in_query || has_body {
        statuses.push("400");
    }
    if in_path {
        statuses.push("404");
    }
    if in_query || has_body {
        statuses.push("422");
    }
    let responses = &mut operation.responses.responses;
    for status in statuses {
        responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(ResponseBuilder::new().build()));
    }
    for (status, response) in responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        if !(status.starts_with('4') || status.starts_with('5')) {
            continue;
        }
        response.content.clear();
        response.content.insert(
            PROBLEM_JSON.to_string(),
            RefOr::T(Content::new(Some(Ref::from_schema_name("Problem")))),
        );
        if response.description.trim().is_empty() {
            response.description = describe(status).to_string();
        }
    }
}

/// What an error status means in this API, when the operation does not say more.
fn describe(status: &str) -> &'static str {
    match status {
        "400" => {
            "The request cannot be read: a path or query parameter of the wrong type, JSON \
             that does not parse, or a body not sent as `application/json`."
        }
        "401" => "Not logged in: no valid session cookie or bearer token.",
        "403" => "Logged in, but not allowed to do this.",
        "404" => "Not found, or not visible to the user (the two look the same).",
        "409" => "Changed by someone else since the `version` sent; read it again.",
        "422" => "Invalid input; `errors` holds the messages per field.",
        _ => "An error, described in the problem details.",
    }
}
