//! The customer card's quick actions (decision 0048): the forms the full pages show, opened in
//! the card head's dialog by htmx. A request from the dialog (htmx, aimed at `#quick-body`) gets
//! the form without the page frame (the template's `quick` block); bad input comes back the
//! same way (422) so it stays in the dialog; success answers with a confirmation for the page's
//! toast area and the event `kk-quick-done`, on which `static/kk.js` closes the dialog and
//! refreshes the tab the user is on. Without JavaScript the links open the full pages.

use askama::Template;
use axum::{
    http::{HeaderMap, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
};

use crate::Result;

/// The id of the element in the card head's dialog that the forms are loaded into.
pub const TARGET: &str = "quick-body";

/// True when the request comes from the card head's dialog.
pub fn is_quick(headers: &HeaderMap) -> bool {
    super::is_htmx(headers)
        && headers.get("hx-target").and_then(|v| v.to_str().ok()) == Some(TARGET)
}

/// A form rendered without the page frame (a template's block, e.g. `view.as_quick()`).
pub fn fragment(status: StatusCode, template: &impl Template) -> Result<Response> {
    let html = template.render().map_err(anyhow::Error::from)?;
    Ok((status, Html(html)).into_response())
}

/// Done in the dialog: `message` as a toast in the page's toast area, and `kk-quick-done`
/// so the dialog closes and the tab is refreshed.
pub fn done(message: &str) -> Response {
    let text = askama::filters::escape(message, askama::filters::Html)
        .map(|e| e.to_string())
        .unwrap_or_default();
    let body = format!(
        "<div class=\"toast toast-success\" role=\"status\" id=\"quick-done\">{text}</div>"
    );
    let mut r = (StatusCode::OK, Html(body)).into_response();
    let h = r.headers_mut();
    h.insert("hx-retarget", HeaderValue::from_static("#toasts"));
    h.insert("hx-reswap", HeaderValue::from_static("innerHTML"));
    // After the toast is in place, from the form still in the dialog.
    h.insert(
        "hx-trigger-after-settle",
        HeaderValue::from_static("kk-quick-done"),
    );
    r
}
