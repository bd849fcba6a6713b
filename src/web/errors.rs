//! Turns an [`ErrorInfo`] left on a response into what the client understands:
//! problem JSON under `/api`, a redirect to log-in for pages, an htmx toast, or an error page.
//! Under `/api` the framework's own refusals (a path or query that does not parse, a method the
//! route lacks) become problem JSON too, so every API error has the shape the OpenAPI document
//! declares.

use askama::Template;
use axum::{
    body::Body,
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Redirect, Response},
};
use serde_json::json;

use crate::{error::ErrorInfo, i18n::Lang, web};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    lang: Lang,
    title: String,
    detail: Option<String>,
    status: u16,
}

/// The detail key of a 403 that takes a page to another page instead of an error page, and
/// where: a staff user who must choose a new password first (`auth::new_password`, decision
/// 0064). The API gets the 403 with its reason.
pub const PASSWORD_CHANGE_REQUIRED: (&str, &str) =
    ("password-change-required", "/settings/password");

/// A redirect, as htmx follows one (`HX-Redirect`) or as a browser does.
fn redirect(target: &str, htmx: bool) -> Response {
    if htmx {
        let mut r = StatusCode::NO_CONTENT.into_response();
        if let Ok(v) = HeaderValue::from_str(target) {
            r.headers_mut().insert("hx-redirect", v);
        }
        return r;
    }
    Redirect::to(target).into_response()
}

pub async fn render(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| path.clone());
    let htmx = web::is_htmx(request.headers());
    let lang = web::request_lang(request.headers());
    let mut response = next.run(request).await;
    let Some(info) = response.extensions_mut().remove::<ErrorInfo>() else {
        if path.starts_with("/api/") && is_plain_refusal(&response) {
            return refusal_as_problem(response, lang).await;
        }
        return response;
    };
    if path.starts_with("/api/") {
        let mut problem = problem_json(&info, lang);
        // A rate limit's (or any refusal's) advice on when to come back survives the rewrite.
        if let Some(v) = response.headers().get(header::RETRY_AFTER) {
            problem.headers_mut().insert(header::RETRY_AFTER, v.clone());
        }
        return problem;
    }
    if info.status == StatusCode::UNAUTHORIZED {
        let login = if path.starts_with("/portal") {
            "/portal/login"
        } else if path == "/worker" || path.starts_with("/worker/") {
            "/worker/login"
        } else {
            "/login"
        };
        let target = format!("{login}?next={}", url_encode(&path_and_query));
        return redirect(&target, htmx);
    }
    let (key, to) = PASSWORD_CHANGE_REQUIRED;
    if info.status == StatusCode::FORBIDDEN && info.detail.as_ref().is_some_and(|d| d.key == key) {
        return redirect(to, htmx);
    }
    let title = info.title.render(lang);
    let detail = info.detail.as_ref().map(|d| d.render(lang));
    if htmx {
        // A toast swapped into the page's toast area, whatever the original target was.
        let text = match &detail {
            Some(d) => format!("{title}: {d}"),
            None => title,
        };
        let body = format!(
            "<div class=\"toast toast-error\" role=\"alert\">{}</div>",
            askama::filters::escape(&text, askama::filters::Html)
                .map(|e| e.to_string())
                .unwrap_or_default()
        );
        let mut r = (info.status, Html(body)).into_response();
        r.headers_mut()
            .insert("hx-retarget", HeaderValue::from_static("#toasts"));
        r.headers_mut()
            .insert("hx-reswap", HeaderValue::from_static("innerHTML"));
        return r;
    }
    let page = ErrorPage {
        lang,
        title,
        detail,
        status: info.status.as_u16(),
    };
    match page.render() {
        Ok(html) => (info.status, Html(html)).into_response(),
        Err(_) => info.status.into_response(),
    }
}

/// An error answered by axum itself (an extractor's rejection, 405): plain text, no [`ErrorInfo`].
fn is_plain_refusal(response: &Response) -> bool {
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    (response.status().is_client_error() || response.status().is_server_error()) && !json
}

/// The refusal as problem JSON, its text (axum's, in English) as the detail; headers such as
/// `Allow` are kept.
async fn refusal_as_problem(response: Response, lang: Lang) -> Response {
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let title = match parts.status {
        StatusCode::UNAUTHORIZED => "error-unauthenticated",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::CONFLICT => "error-conflict",
        StatusCode::UNPROCESSABLE_ENTITY => "error-invalid",
        StatusCode::TOO_MANY_REQUESTS => "error-too-many",
        StatusCode::SERVICE_UNAVAILABLE => "error-unavailable",
        s if s.is_server_error() => "error-internal",
        _ => "error-bad-request",
    };
    let info = ErrorInfo {
        status: parts.status,
        title: crate::error::Msg::new(title),
        detail: (!text.is_empty())
            .then(|| crate::error::Msg::new("request-refused").arg("detail", text)),
        fields: Default::default(),
    };
    let problem = problem_json(&info, lang);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    Response::from_parts(parts, problem.into_body())
}

/// RFC 9457 problem details, with per-field messages under `errors`.
pub fn problem_json(info: &ErrorInfo, lang: Lang) -> Response {
    let errors: serde_json::Map<String, serde_json::Value> = info
        .fields
        .0
        .iter()
        .map(|(field, msgs)| {
            let texts: Vec<String> = msgs.iter().map(|m| m.render(lang)).collect();
            (field.clone(), json!(texts))
        })
        .collect();
    let mut body = json!({
        "type": "about:blank",
        "title": info.title.render(lang),
        "status": info.status.as_u16(),
    });
    if let Some(detail) = &info.detail {
        body["detail"] = json!(detail.render(lang));
    }
    if !errors.is_empty() {
        body["errors"] = serde_json::Value::Object(errors);
    }
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = info.status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

pub fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
