//! Access before anything else, for the routes whose path alone says who may be there
//! (decision 0055): every `/customers/{id}/…` and `/api/v1/customers/{id}/…` route first checks
//! that the caller is staff who sees customer `{id}` (404 otherwise, as for a customer that does
//! not exist), and every `/admin/…` route that the caller is an admin (403). The handlers keep
//! their own checks (changing, the records under the customer); this only makes sure a refusal
//! comes before the form or JSON is read, so an outsider never learns from a validation message
//! what an insider would.

use axum::{
    extract::{FromRequestParts, MatchedPath, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{
    AppState,
    auth::Staff,
    customers::access::{self, Need},
};

/// What a route's template asks for before its handler runs.
#[derive(Debug, PartialEq, Eq)]
enum Gate {
    /// Staff who see the customer in this path segment (its index).
    Customer(usize),
    Admin,
}

fn gate(template: &str) -> Option<Gate> {
    if template.starts_with("/customers/{id}") {
        Some(Gate::Customer(2))
    } else if template.starts_with("/api/v1/customers/{id}") {
        Some(Gate::Customer(4))
    } else if template.starts_with("/admin/") {
        Some(Gate::Admin)
    } else {
        None
    }
}

/// For the pages (a `Router::layer` on the whole app, so the matched route is known); the API's
/// routes are left to [`api`].
pub async fn pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, false).await
}

/// For the API's routes, inside its rate limit (a layer on the API's router).
pub async fn api(State(state): State<AppState>, req: Request, next: Next) -> Response {
    check(state, req, next, true).await
}

async fn check(state: AppState, req: Request, next: Next, api: bool) -> Response {
    let Some(gate) = req
        .extensions()
        .get::<MatchedPath>()
        .filter(|m| m.as_str().starts_with("/api/") == api)
        .and_then(|m| gate(m.as_str()))
    else {
        return next.run(req).await;
    };
    let (mut parts, body) = req.into_parts();
    let refused = async {
        // The handler's own `Staff` extractor finds this one in the request's extensions.
        let user = Staff::from_request_parts(&mut parts, &state).await?;
        match gate {
            Gate::Admin => user.require_admin(),
            Gate::Customer(segment) => {
                let id = parts
                    .uri
                    .path()
                    .split('/')
                    .nth(segment)
                    .and_then(|s| s.parse::<i64>().ok());
                // An id that is not a number is the handler's to refuse (400, as its path
                // extractor says).
                match id {
                    Some(id) => access::load(&state, &user, id, Need::See).await.map(|_| ()),
                    None => Ok(()),
                }
            }
        }
    }
    .await;
    match refused {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_says_what_is_checked_first() {
        assert_eq!(gate("/customers/{id}"), Some(Gate::Customer(2)));
        assert_eq!(
            gate("/customers/{id}/contacts/{cid}/erase"),
            Some(Gate::Customer(2))
        );
        assert_eq!(
            gate("/api/v1/customers/{id}/documents"),
            Some(Gate::Customer(4))
        );
        assert_eq!(gate("/admin/users/{id}"), Some(Gate::Admin));
        assert_eq!(gate("/customers/new"), None);
        assert_eq!(gate("/customers/bulk-message"), None);
        assert_eq!(gate("/api/v1/customers"), None);
        assert_eq!(gate("/portal/documents"), None);
    }
}
