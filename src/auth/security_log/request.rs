//! Refusals noted while a request is handled (decision 0066, ASVS V16.3.2 and V16.3.3).
//!
//! [`track`], one middleware around every route, knows the address, the method and the route
//! template; the extractors that identify a caller ([`crate::auth::Staff`],
//! [`crate::portal::session::PortalUser`], [`crate::worker_pages::session::WorkerUser`]) tell
//! it who ([`saw`]). When the answer is a refusal of authorisation it writes an
//! `access-refused` row: every `403`, a `404` that [`crate::AppError::OutOfSight`] gave for a
//! record that exists but is out of a staff member's sight, and a `404` to a portal contact or
//! a worker at a route that names a record (their queries are keyed on their own company or
//! themselves, so such an id is someone else's — or gone, which the log does not tell apart).
//! A `413` (a body over the limit) is an `upload-refused` row.
//! Code deep in a request (a signing code locked, the honeypot, a refused file) calls [`note`]
//! without carrying the request around. Both go through the flood guard of [`super::refusals`]:
//! one row per address, kind and reason a minute.

use std::{
    net::IpAddr,
    sync::{Arc, Mutex},
};

use axum::{
    extract::{MatchedPath, Request, State},
    http::StatusCode,
    middleware::Next,
    response::Response,
};

use super::{Event, Kind, Subject, refusals};
use crate::{AppState, error::OutOfSight, web::client_ip::ClientIp};

tokio::task_local! {
    static HERE: Arc<Here>;
}

/// What is known of the request being handled.
struct Here {
    state: AppState,
    ip: IpAddr,
    /// `GET /customers/{id}`: the method and the route template (never the query, and no
    /// secret a path may carry, since the template names it `{token}`).
    what: String,
    /// Whether the route template names a record (has a `{…}` parameter).
    names_a_record: bool,
    who: Mutex<Option<Subject>>,
}

impl Here {
    fn who(&self) -> Option<Subject> {
        *self.who.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The caller is `subject` (called by the extractors that identify one). Outside a request,
/// nothing.
pub fn saw(subject: Subject) {
    let _ = HERE.try_with(|here| {
        *here.who.lock().unwrap_or_else(|e| e.into_inner()) = Some(subject);
    });
}

/// Notes a refusal of `kind` for `reason` in the request being handled, about its caller when
/// known, with `detail` after the route (flood-guarded, [`refusals::note`]). Outside a request
/// (a job, the command line), nothing.
pub async fn note(kind: Kind, reason: &'static str, detail: &str) {
    let Ok(here) = HERE.try_with(Arc::clone) else {
        return;
    };
    write(&here, kind, reason, detail).await;
}

async fn write(here: &Here, kind: Kind, reason: &'static str, detail: &str) {
    let subject = here.who().unwrap_or(Subject::Nobody);
    let text = if detail.is_empty() {
        here.what.clone()
    } else {
        format!("{}: {detail}", here.what)
    };
    refusals::note(
        &here.state,
        Event::new(kind, subject).detail(text),
        here.ip,
        reason,
    )
    .await;
}

/// Why a response is a refusal of authorisation, when it is one.
fn refused(
    status: StatusCode,
    out_of_sight: bool,
    who: Option<Subject>,
    names_a_record: bool,
) -> Option<&'static str> {
    match status {
        StatusCode::FORBIDDEN => Some("forbidden"),
        StatusCode::NOT_FOUND if out_of_sight => Some("out-of-sight"),
        StatusCode::NOT_FOUND
            if names_a_record && matches!(who, Some(Subject::Contact(_) | Subject::Worker(_))) =>
        {
            Some("not-theirs")
        }
        _ => None,
    }
}

/// The middleware (a `Router::layer` around every route, so the template is known; outside
/// `web::access_first`, whose refusals it sees).
pub async fn track(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    req: Request,
    next: Next,
) -> Response {
    let template = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let path = template
        .clone()
        .unwrap_or_else(|| crate::web::loggable_path(req.uri().path()));
    let here = Arc::new(Here {
        state,
        ip,
        what: format!("{} {path}", req.method()),
        names_a_record: template.is_some_and(|t| t.contains('{')),
        who: Mutex::new(None),
    });
    let response = HERE.scope(Arc::clone(&here), next.run(req)).await;
    let out_of_sight = response.extensions().get::<OutOfSight>().is_some();
    // A user who must choose a new password is sent to that page from every other one by a
    // 403 (decision 0064): a step of the log-in, not a refusal to record.
    let password_change = response
        .extensions()
        .get::<crate::error::ErrorInfo>()
        .and_then(|i| i.detail.as_ref())
        .is_some_and(|d| d.key == crate::web::errors::PASSWORD_CHANGE_REQUIRED.0);
    if password_change {
        return response;
    }
    if let Some(reason) = refused(
        response.status(),
        out_of_sight,
        here.who(),
        here.names_a_record,
    ) {
        let detail = format!("{} {reason}", response.status().as_u16());
        write(&here, Kind::AccessRefused, reason, &detail).await;
    } else if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        // A body over the limit (a file too large for any form), refused before its form
        // was read.
        write(&here, Kind::UploadRefused, "body-too-large", "413").await;
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_answers_are_refusals_of_authorisation() {
        let staff = Some(Subject::User(1));
        let contact = Some(Subject::Contact(2));
        let worker = Some(Subject::Worker(3));
        assert_eq!(
            refused(StatusCode::FORBIDDEN, false, None, false),
            Some("forbidden")
        );
        assert_eq!(
            refused(StatusCode::FORBIDDEN, false, staff, true),
            Some("forbidden")
        );
        assert_eq!(
            refused(StatusCode::NOT_FOUND, true, staff, true),
            Some("out-of-sight")
        );
        // A staff member's 404 for a record that does not exist is not a refusal.
        assert_eq!(refused(StatusCode::NOT_FOUND, false, staff, true), None);
        assert_eq!(
            refused(StatusCode::NOT_FOUND, false, contact, true),
            Some("not-theirs")
        );
        assert_eq!(
            refused(StatusCode::NOT_FOUND, false, worker, true),
            Some("not-theirs")
        );
        // A page that names no record, or nobody logged in.
        assert_eq!(refused(StatusCode::NOT_FOUND, false, worker, false), None);
        assert_eq!(refused(StatusCode::NOT_FOUND, false, None, true), None);
        assert_eq!(refused(StatusCode::UNAUTHORIZED, false, staff, true), None);
        assert_eq!(refused(StatusCode::OK, false, staff, true), None);
    }
}
