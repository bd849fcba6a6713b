//! Access, proven for every route (issue 18). The list of routes comes from the router itself
//! (`app::router`, read through its `Debug` form: every path template and the methods each
//! answers), and every (method, route) is tried by every kind of actor against one seeded world.
//! The expected class of answer for each pair is written down in [`TABLE`]; a route the router
//! has and the table lacks fails the test (a new route needs an access decision), and so does a
//! row for a route that is gone. Afterwards the metrics layer's counts (by matched route
//! template) must show every request matched the route it was meant for, and none fell through to
//! the fallback — so the list is the router's, not a guess.
//!
//! Requests that change things are sent with an empty form (`{}` to the API): access must be
//! refused before anything is validated, so an allowed actor gets 2xx/3xx/4xx-about-input and a
//! refused one 401/403/404 (or the log-in page) without anything being changed. Routes that
//! consume their target (end a session, revoke a token) get a fresh target per actor; the ones
//! that end the actor's own session run last.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::atomic::{AtomicU32, Ordering},
};

use kundekort::{
    auth::{hash_token, tokens},
    config::Secret,
    customers::model::CustomerDraft,
};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION};

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::{at, category, contact, documents, meeting, pdf, upload},
    http::local_client,
    invoices::{issued, line, pay},
    timesheets::portal,
    workers,
};

/// The kinds of actor, in the order of the outcome columns of [`TABLE`].
const ACTORS: [&str; 13] = [
    "anonymous",
    "consultant of the customer's department (Ola, owner)",
    "consultant of another department (Berit, Bergen)",
    "manager (Lise, the customer's department)",
    "admin",
    "API token of Ola (bearer)",
    "portal contact of the customer, all rights",
    "portal contact of another customer, all rights",
    "portal contact of the customer without rights",
    "worker on an assignment at the customer",
    "Berit with her own customer's id in the path and the customer's records after it",
    "another worker (no assignment at the customer)",
    "manager of another department (Bergen)",
];

/// Outcome classes, one letter per actor:
/// - `A` access granted: 2xx, or a 3xx not to a log-in page;
/// - `I` the (empty) input refused: 400, 409, 413, 422 — or 429 (the log-in forms slow down
///   failures from one address) or 503 (an outside service, Brønnøysund, not reachable). For an
///   actor who may not get in, `I` means the input was read before access was decided;
/// - `L` redirected to a log-in page (staff `/login`, `/portal/login` or `/worker/login`);
/// - `U` 401 (the API and the metrics endpoint: no redirect);
/// - `F` 403 (seen but not allowed);
/// - `N` 404 (not there for this actor, or a secret in the path that does not match).
///
/// Columns: anonymous, own consultant, other department's consultant, manager, admin, API token,
/// portal contact, other customer's contact, contact without rights, worker; Berit again through
/// a mixed path: `/customers/{her customer}/…/{a record of the customer}` (a record reached
/// through the wrong parent must not be found); another worker; a manager of another department.
type Row = (&'static str, &'static str, &'static str);

/// Every route's expected answers, by the first segment of its path. Letters per actor in the
/// order of [`ACTORS`]: anonymous, own consultant, other department's consultant, manager, admin,
/// API token, portal contact, other customer's contact, contact without rights, worker, mixed
/// path, another worker, another department's manager. Where a row's outcome comes from the seeded world rather than from access (nothing to
/// find), a comment says so.
#[rustfmt::skip]
const TABLE: &[Row] = &[
    // /
    // redirect to /customers, which asks for the log-in
    ("GET", "/", "A A A A A A A A A A A A A"),
    // /accounting
    ("GET", "/accounting", "L F F A A F L L L L F L A"),
    ("POST", "/accounting/export", "L F F A A F L L L L F L A"),
    ("GET", "/accounting/settings", "L F F F A F L L L L F L F"),
    ("POST", "/accounting/settings", "L F F F I F L L L L F L F"),
    // /admin
    ("POST", "/admin/card-layout", "L F F F A F L L L L F L F"),
    ("GET", "/admin/departments", "L F F F A F L L L L F L F"),
    ("POST", "/admin/departments", "L F F F I F L L L L F L F"),
    ("POST", "/admin/departments/{id}", "L F F F I F L L L L F L F"),
    ("GET", "/admin/document-categories", "L F F F A F L L L L F L F"),
    ("POST", "/admin/document-categories", "L F F F I F L L L L F L F"),
    ("POST", "/admin/document-categories/{cid}", "L F F F I F L L L L F L F"),
    ("GET", "/admin/hiring", "L F F F A F L L L L F L F"),
    ("POST", "/admin/hiring", "L F F F I F L L L L F L F"),
    ("GET", "/admin/invoice-items", "L F F F A F L L L L F L F"),
    ("POST", "/admin/invoice-items", "L F F F I F L L L L F L F"),
    ("POST", "/admin/invoice-items/{id}/delete", "L F F F A F L L L L F L F"),
    ("GET", "/admin/invoicing", "L F F F A F L L L L F L F"),
    ("GET", "/admin/payroll", "L F F F A F L L L L F L F"),
    ("POST", "/admin/payroll", "L F F F I F L L L L F L F"),
    ("POST", "/admin/portal-presets", "L F F F I F L L L L F L F"),
    ("POST", "/admin/portal-presets/{id}/delete", "L F F F A F L L L L F L F"),
    ("GET", "/admin/positions", "L F F F A F L L L L F L F"),
    ("POST", "/admin/positions", "L F F F I F L L L L F L F"),
    ("POST", "/admin/positions/{id}/delete", "L F F F A F L L L L F L F"),
    ("GET", "/admin/recruitments", "L F F F A F L L L L F L F"),
    ("POST", "/admin/recruitments", "L F F F I F L L L L F L F"),
    ("GET", "/admin/security-log", "L F F F A F L L L L F L F"),
    ("GET", "/admin/security-log.csv", "L F F F A F L L L L F L F"),
    ("GET", "/admin/sessions", "L F F F A F L L L L F L F"),
    ("POST", "/admin/sessions", "L F F F I F L L L L F L F"),
    // admins only; a bare post (no `confirm=everyone`) ends nobody's sessions
    ("POST", "/admin/sessions/end-all", "L F F F I F L L L L F L F"),
    ("GET", "/admin/timesheets", "L F F F A F L L L L F L F"),
    ("POST", "/admin/timesheets", "L F F F I F L L L L F L F"),
    ("POST", "/admin/two-factor", "L F F F A F L L L L F L F"),
    ("GET", "/admin/users", "L F F F A F L L L L F L F"),
    ("POST", "/admin/users", "L F F F I F L L L L F L F"),
    ("GET", "/admin/users/new", "L F F F A F L L L L F L F"),
    ("GET", "/admin/users/{id}", "L F F F A F L L L L F L F"),
    ("POST", "/admin/users/{id}", "L F F F I F L L L L F L F"),
    ("POST", "/admin/users/{id}/sessions/end", "L F F F A F L L L L F L F"),
    ("POST", "/admin/users/{id}/two-factor/reset", "L F F F A F L L L L F L F"),
    // /api/
    ("GET", "/api/docs/", "A A A A A A A A A A A A A"),
    // /api/activities
    ("GET", "/api/v1/activities", "U I I I I I U U U U I U I"),
    ("POST", "/api/v1/activities", "U I I I I I U U U U I U I"),
    ("GET", "/api/v1/activities/{id}", "U A N A A A U U U U N U A"),
    ("PATCH", "/api/v1/activities/{id}", "U A N A A A U U U U N U F"),
    ("DELETE", "/api/v1/activities/{id}", "U A N A A A U U U U N U F"),
    // /api/activity-types
    ("GET", "/api/v1/activity-types", "U A A A A A U U U U A U A"),
    ("POST", "/api/v1/activity-types", "U F F F I F U U U U F U F"),
    ("PATCH", "/api/v1/activity-types/{id}", "U F F F A F U U U U F U F"),
    // /api/assignments
    ("GET", "/api/v1/assignments/{aid}/timesheets", "U A N A A A U U U U N U A"),
    // /api/card-layout
    ("GET", "/api/v1/card-layout", "U A A A A A U U U U A U A"),
    ("PUT", "/api/v1/card-layout", "U I I I I I U U U U I U I"),
    // /api/contacts
    ("GET", "/api/v1/contacts/{id}", "U A N A A A U U U U N U A"),
    ("PATCH", "/api/v1/contacts/{id}", "U A N A A A U U U U N U F"),
    // /api/credit-notes
    ("GET", "/api/v1/credit-notes", "U A A A A A U U U U A U A"),
    // /api/customers
    ("GET", "/api/v1/customers", "U A A A A A U U U U A U A"),
    ("POST", "/api/v1/customers", "U I I I I I U U U U I U I"),
    ("GET", "/api/v1/customers/{id}", "U A N A A A U U U U A U A"),
    ("PATCH", "/api/v1/customers/{id}", "U A N A A A U U U U A U F"),
    ("GET", "/api/v1/customers/{id}/assignments", "U A N A A A U U U U A U A"),
    ("POST", "/api/v1/customers/{id}/assignments", "U I N I I I U U U U I U F"),
    ("GET", "/api/v1/customers/{id}/assignments/{aid}", "U A N A A A U U U U N U A"),
    ("PATCH", "/api/v1/customers/{id}/assignments/{aid}", "U A N A A A U U U U N U F"),
    ("POST", "/api/v1/customers/{id}/assignments/{aid}/status", "U I N I I I U U U U I U I"),
    ("GET", "/api/v1/customers/{id}/comments", "U A N A A A U U U U A U A"),
    ("POST", "/api/v1/customers/{id}/comments", "U I N I I I U U U U I U I"),
    ("GET", "/api/v1/customers/{id}/contacts", "U A N A A A U U U U A U A"),
    ("POST", "/api/v1/customers/{id}/contacts", "U I N I I I U U U U I U F"),
    ("GET", "/api/v1/customers/{id}/documents", "U A N A A A U U U U A U A"),
    ("POST", "/api/v1/customers/{id}/documents", "U I N I I I U U U U I U I"),
    ("GET", "/api/v1/customers/{id}/documents/{did}", "U A N A A A U U U U N U A"),
    ("DELETE", "/api/v1/customers/{id}/documents/{did}", "U A N A A A U U U U N U F"),
    ("POST", "/api/v1/customers/{id}/documents/{did}/restore", "U F N F A F U U U U F U F"),
    ("GET", "/api/v1/customers/{id}/documents/{did}/versions", "U A N A A A U U U U N U A"),
    ("GET", "/api/v1/customers/{id}/documents/{did}/versions/{vid}/file", "U A N A A A U U U U N U A"),
    ("GET", "/api/v1/customers/{id}/messages", "U A N A A A U U U U A U A"),
    ("POST", "/api/v1/customers/{id}/messages", "U I N I I I U U U U I U I"),
    ("GET", "/api/v1/customers/{id}/messages/{mid}", "U A N A A A U U U U N U A"),
    // /api/docs
    // the API's documentation is public (no data)
    ("GET", "/api/docs", "A A A A A A A A A A A A A"),
    // /api/invoices
    ("GET", "/api/v1/invoices", "U A A A A A U U U U A U A"),
    ("POST", "/api/v1/invoices", "U I I I I I U U U U I U I"),
    ("GET", "/api/v1/invoices/{id}", "U A N A A A U U U U N U A"),
    ("POST", "/api/v1/invoices/{id}/credit", "U I I I I I U U U U I U I"),
    ("POST", "/api/v1/invoices/{id}/issue", "U I I I I I U U U U I U I"),
    ("POST", "/api/v1/invoices/{id}/lines", "U I I I I I U U U U I U I"),
    // /api/job-ads
    ("GET", "/api/v1/job-ads", "U A A A A A U U U U A U A"),
    ("GET", "/api/v1/job-ads/{id}", "U A N A A A U U U U N U A"),
    // /api/openapi.json
    // the API's documentation is public (no data)
    ("GET", "/api/openapi.json", "A A A A A A A A A A A A A"),
    // /api/payments
    ("GET", "/api/v1/payments", "U F F A A F U U U U F U A"),
    ("GET", "/api/v1/payments/{id}", "U F F A A F U U U U F U A"),
    // /api/recruitments
    ("GET", "/api/v1/recruitments", "U A A A A A U U U U A U A"),
    ("POST", "/api/v1/recruitments", "U I I I I I U U U U I U I"),
    ("GET", "/api/v1/recruitments/{id}", "U A N A A A U U U U N U A"),
    // /api/search
    ("GET", "/api/v1/search", "U I I I I I U U U U I U I"),
    // /api/timesheets
    ("GET", "/api/v1/timesheets/{tid}", "U A N A A A U U U U N U A"),
    // the JSON is read before the caller is judged (no change without a version)
    ("POST", "/api/v1/timesheets/{tid}/approve", "U I I I I I I I I U I U I"),
    ("PUT", "/api/v1/timesheets/{tid}/lines", "U I I I I I U U U U I U I"),
    // as approve
    ("POST", "/api/v1/timesheets/{tid}/reject", "U I I I I I I I I U I U I"),
    ("POST", "/api/v1/timesheets/{tid}/reopen", "U I I I I I U U U U I U I"),
    ("POST", "/api/v1/timesheets/{tid}/submit", "U I I I I I U U U U I U I"),
    // /api/vacancies
    ("GET", "/api/v1/vacancies", "U A A A A A U U U U A U A"),
    ("POST", "/api/v1/vacancies", "U I I I I I U U U U I U I"),
    ("GET", "/api/v1/vacancies/{id}", "U A N A A A U U U U N U A"),
    // /api/workers
    ("GET", "/api/v1/workers", "U A A A A A U U U U A U A"),
    ("POST", "/api/v1/workers", "U I I I I I U U U U I U I"),
    ("GET", "/api/v1/workers/{id}", "U A A A A A U U U U A U A"),
    ("PATCH", "/api/v1/workers/{id}", "U A A A A A U U U U A U A"),
    ("POST", "/api/v1/workers/{id}/credentials", "U I I I I I U U U U I U I"),
    ("DELETE", "/api/v1/workers/{id}/credentials/{cid}", "U A A A A A U U U U A U A"),
    ("GET", "/api/v1/workers/{id}/documents", "U A F A A A U U U U F U A"),
    ("GET", "/api/v1/workers/{id}/documents/{did}/file", "U A F A A A U U U U F U A"),
    // the worker has no national id: 404 for managers and admins
    ("POST", "/api/v1/workers/{id}/national-id/reveal", "U F F N N F U U U U F U N"),
    // the worker has a bank account: shown whole to managers and admins (audited)
    ("POST", "/api/v1/workers/{id}/bank-account/reveal", "U F F A A F U U U U F U A"),
    // /api/{*rest}
    ("GET", "/api/docs/{*rest}", "A A A A A A A A A A A A A"),
    // /approve
    ("GET", "/approve/{token}", "N N N N N N N N N N N N N"),
    ("POST", "/approve/{token}/sheets/{tid}/approve", "N N N N N N N N N N N N N"),
    ("POST", "/approve/{token}/sheets/{tid}/reject", "N N N N N N N N N N N N N"),
    // /card-layout
    ("POST", "/card-layout", "L I I I I F L L L L I L I"),
    ("POST", "/card-layout/hide", "L I I I I F L L L L I L I"),
    ("POST", "/card-layout/move", "L I I I I F L L L L I L I"),
    ("POST", "/card-layout/reset", "L A A A A F L L L L A L A"),
    ("POST", "/card-layout/show", "L I I I I F L L L L I L I"),
    // /contacts
    ("GET", "/contacts", "L A A A A A L L L L A L A"),
    // /customers
    ("GET", "/customers", "L A A A A A L L L L A L A"),
    ("POST", "/customers", "L I I I I F L L L L I L I"),
    ("GET", "/customers/brreg", "L A A A A A L L L L A L A"),
    ("GET", "/customers/bulk-message", "L A A A A A L L L L A L A"),
    ("POST", "/customers/bulk-message", "L I I I I F L L L L I L I"),
    ("GET", "/customers/export.csv", "L A A A A A L L L L A L A"),
    ("GET", "/customers/export.xlsx", "L A A A A A L L L L A L A"),
    ("GET", "/customers/new", "L A A A A A L L L L A L A"),
    ("POST", "/customers/prefill", "L A A A A F L L L L A L A"),
    ("GET", "/customers/{id}", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}", "L I N I I F L L L L I L F"),
    ("GET", "/customers/{id}/ads/{aid}", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/ads/{aid}", "L I N I I F L L L L N L F"),
    ("GET", "/customers/{id}/ads/{aid}/edit", "L A N A A A L L L L N L F"),
    ("POST", "/customers/{id}/ads/{aid}/status", "L I N I I F L L L L I L I"),
    ("GET", "/customers/{id}/assignments", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}/assignments", "L I N I I F L L L L I L F"),
    ("POST", "/customers/{id}/assignments/check", "L A N A A F L L L L A L F"),
    ("GET", "/customers/{id}/assignments/new", "L A N A A A L L L L A L F"),
    ("GET", "/customers/{id}/assignments/{aid}", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/assignments/{aid}", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/assignments/{aid}/confirm", "L A N A A F L L L L N L F"),
    ("GET", "/customers/{id}/assignments/{aid}/edit", "L A N A A A L L L L N L F"),
    ("POST", "/customers/{id}/assignments/{aid}/status", "L I N I I F L L L L N L F"),
    ("GET", "/customers/{id}/assignments/{aid}/timesheets", "L A N A A A L L L L N L A"),
    ("GET", "/customers/{id}/assignments/{aid}/timesheets/{tid}", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/assignments/{aid}/timesheets/{tid}", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/assignments/{aid}/timesheets/{tid}/reopen", "L I N I I F L L L L N L F"),
    ("GET", "/customers/{id}/brreg", "L A N A A A L L L L A L F"),
    ("POST", "/customers/{id}/brreg", "L I N I I F L L L L I L F"),
    ("POST", "/customers/{id}/comments", "L I N I I F L L L L I L F"),
    ("POST", "/customers/{id}/comments/{cid}", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/comments/{cid}/delete", "L A N A A F L L L L N L F"),
    ("POST", "/customers/{id}/comments/{cid}/move", "L A N A A F L L L L N L F"),
    ("GET", "/customers/{id}/contacts", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}/contacts", "L I N I I F L L L L I L F"),
    ("GET", "/customers/{id}/contacts/new", "L A N A A A L L L L A L F"),
    ("GET", "/customers/{id}/contacts/{cid}", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/contacts/{cid}", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/contacts/{cid}/active", "L I N I I F L L L L I L I"),
    ("GET", "/customers/{id}/contacts/{cid}/edit", "L A N A A A L L L L N L F"),
    ("POST", "/customers/{id}/contacts/{cid}/erase", "L A N A A F L L L L N L F"),
    ("GET", "/customers/{id}/contacts/{cid}/export.json", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/contacts/{cid}/portal", "L I N I I F L L L L N L F"),
    // a contact with portal access but no email: nothing to send (404)
    ("POST", "/customers/{id}/contacts/{cid}/portal/invite", "L N N N N F L L L L N L F"),
    ("POST", "/customers/{id}/contacts/{cid}/portal/revoke", "L A N A A F L L L L N L F"),
    // admins only (another department does not see the customer: 404); the contact is the
    // spare one (the reset ends the contact's sessions)
    ("POST", "/customers/{id}/contacts/{cid}/portal/two-factor/reset", "L F N F A F L L L L F L F"),
    ("GET", "/customers/{id}/dialog", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}/dialog/attachments", "L I N I I F L L L L I L I"),
    ("GET", "/customers/{id}/dialog/{channel}", "L A N A A A L L L L A L F"),
    ("POST", "/customers/{id}/dialog/{channel}", "L I N I I F L L L L I L F"),
    ("GET", "/customers/{id}/diary", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}/diary", "L I N I I F L L L L I L F"),
    ("GET", "/customers/{id}/diary/new", "L A N A A A L L L L A L F"),
    ("GET", "/customers/{id}/documents", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}/documents", "L I N I I F L L L L I L I"),
    ("GET", "/customers/{id}/documents/upload", "L A N A A A L L L L A L F"),
    ("GET", "/customers/{id}/documents/{did}", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/documents/{did}", "L I N I I F L L L L I L I"),
    ("POST", "/customers/{id}/documents/{did}/delete", "L A N A A F L L L L N L F"),
    ("POST", "/customers/{id}/documents/{did}/restore", "L F N F A F L L L L F L F"),
    ("POST", "/customers/{id}/documents/{did}/versions", "L I N I I F L L L L I L I"),
    ("GET", "/customers/{id}/documents/{did}/versions/{vid}/{how}", "L A N A A A L L L L N L A"),
    ("GET", "/customers/{id}/edit", "L A N A A A L L L L A L F"),
    ("GET", "/customers/{id}/invoice-settings", "L A N A A A L L L L A L F"),
    ("POST", "/customers/{id}/invoice-settings", "L I N I I F L L L L I L F"),
    ("GET", "/customers/{id}/invoices", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}/recruitments", "L I N I I F L L L L I L F"),
    ("GET", "/customers/{id}/recruitments/new", "L A N A A A L L L L A L F"),
    ("GET", "/customers/{id}/recruitments/{rid}", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/recruitments/{rid}", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/recruitments/{rid}/ads", "L I N I I F L L L L N L F"),
    ("GET", "/customers/{id}/recruitments/{rid}/ads/new", "L A N A A A L L L L N L F"),
    ("POST", "/customers/{id}/recruitments/{rid}/candidates", "L I N I I F L L L L I L I"),
    ("POST", "/customers/{id}/recruitments/{rid}/candidates/{cid}/interview", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/recruitments/{rid}/candidates/{cid}/keep", "L A N A A F L L L L N L F"),
    ("POST", "/customers/{id}/recruitments/{rid}/candidates/{cid}/move", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/recruitments/{rid}/candidates/{cid}/sharing", "L A N A A F L L L L N L F"),
    ("GET", "/customers/{id}/recruitments/{rid}/edit", "L A N A A A L L L L N L F"),
    ("POST", "/customers/{id}/recruitments/{rid}/hire", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/recruitments/{rid}/left", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/recruitments/{rid}/status", "L I N I I F L L L L I L I"),
    ("GET", "/customers/{id}/signing", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}/signing", "L I N I I F L L L L I L F"),
    ("GET", "/customers/{id}/signing/new", "L A N A A A L L L L A L F"),
    ("GET", "/customers/{id}/signing/{oid}", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/signing/{oid}/cancel", "L A N A A F L L L L N L F"),
    ("POST", "/customers/{id}/signing/{oid}/signers/{sid}/remind", "L I N I I F L L L L N L F"),
    ("GET", "/customers/{id}/timeline", "L A N A A A L L L L A L A"),
    ("POST", "/customers/{id}/vacancies", "L I N I I F L L L L I L F"),
    ("POST", "/customers/{id}/vacancies/check", "L A N A A F L L L L A L F"),
    ("GET", "/customers/{id}/vacancies/new", "L A N A A A L L L L A L F"),
    ("GET", "/customers/{id}/vacancies/{vid}", "L A N A A A L L L L N L A"),
    ("POST", "/customers/{id}/vacancies/{vid}", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/vacancies/{vid}/ads", "L I N I I F L L L L N L F"),
    ("GET", "/customers/{id}/vacancies/{vid}/ads/new", "L A N A A A L L L L N L F"),
    ("POST", "/customers/{id}/vacancies/{vid}/candidates", "L I N I I F L L L L I L I"),
    ("POST", "/customers/{id}/vacancies/{vid}/candidates/{cid}/assignment", "L I N I I F L L L L N L F"),
    ("GET", "/customers/{id}/vacancies/{vid}/candidates/{cid}/present", "L A N A A A L L L L N L F"),
    ("POST", "/customers/{id}/vacancies/{vid}/candidates/{cid}/present", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/vacancies/{vid}/candidates/{cid}/stage", "L I N I I F L L L L I L I"),
    ("GET", "/customers/{id}/vacancies/{vid}/edit", "L A N A A A L L L L N L F"),
    ("POST", "/customers/{id}/vacancies/{vid}/offers", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/vacancies/{vid}/offers/{oid}/answer", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/vacancies/{vid}/offers/{oid}/email", "L I N I I F L L L L N L F"),
    ("POST", "/customers/{id}/vacancies/{vid}/status", "L I N I I F L L L L I L I"),
    // /dialog
    ("GET", "/dialog", "L A A A A A L L L L A L A"),
    ("GET", "/dialog/messages/{mid}", "L A N A A A L L L L N L A"),
    ("POST", "/dialog/sms-length", "L A A A A F L L L L A L A"),
    ("GET", "/dialog/templates", "L A A A A A L L L L A L A"),
    ("POST", "/dialog/templates", "L I I I I F L L L L I L I"),
    ("GET", "/dialog/templates/new", "L A A A A A L L L L A L A"),
    // a personal template is its owner's alone
    ("GET", "/dialog/templates/{tid}", "L A N N N A L L L L N L N"),
    ("POST", "/dialog/templates/{tid}", "L I N N N F L L L L N L N"),
    ("POST", "/dialog/templates/{tid}/delete", "L A N N N F L L L L N L N"),
    // /diary
    ("GET", "/diary", "L A A A A A L L L L A L A"),
    ("GET", "/diary/activities/{id}", "L A N A A A L L L L N L F"),
    ("POST", "/diary/activities/{id}", "L I N I I F L L L L N L F"),
    ("POST", "/diary/activities/{id}/delete", "L A N A A F L L L L N L F"),
    ("POST", "/diary/activities/{id}/move", "L I I I I F L L L L I L I"),
    ("GET", "/diary/customer-contacts", "L A A A A A L L L L A L A"),
    ("GET", "/diary/customer-options", "L A A A A A L L L L A L A"),
    ("POST", "/diary/feed", "L A A A A F L L L L A L A"),
    ("GET", "/diary/feed/{file}", "N N N N N N N N N N N N N"),
    ("GET", "/diary/new", "L A A A A A L L L L A L A"),
    ("POST", "/diary/new", "L I I I I F L L L L I L I"),
    ("POST", "/diary/settings", "L F F F A F L L L L F L F"),
    ("GET", "/diary/types", "L F F F A F L L L L F L F"),
    ("POST", "/diary/types", "L F F F I F L L L L F L F"),
    ("GET", "/diary/types/{id}", "L F F F A F L L L L F L F"),
    ("POST", "/diary/types/{id}", "L F F F I F L L L L F L F"),
    // a colleague's diary: own department (and managers, admins)
    ("GET", "/diary/{user_id}", "L A F A A A L L L L F L F"),
    ("GET", "/diary/{user_id}/events", "L I I I I I L L L L I L I"),
    // /documents
    ("GET", "/documents/versions/{vid}", "L A N A A A L L L L N L A"),
    // /favicon.ico
    ("GET", "/favicon.ico", "A A A A A A A A A A A A A"),
    // /geo
    ("GET", "/geo/postal", "L A A A A A L L L L A L A"),
    // /healthz
    ("GET", "/healthz", "A A A A A A A A A A A A A"),
    // /invoices
    ("GET", "/invoices", "L A A A A A L L L L A L A"),
    ("GET", "/invoices/earlier/import", "L F F A A F L L L L F L A"),
    ("POST", "/invoices/earlier/import", "L F F I I F L L L L F L I"),
    ("POST", "/invoices/earlier/import/preview", "L I I I I F L L L L I L I"),
    ("GET", "/invoices/export.csv", "L A A A A A L L L L A L A"),
    ("GET", "/invoices/export.xlsx", "L A A A A A L L L L A L A"),
    ("GET", "/invoices/sums", "L A A A A A L L L L A L A"),
    // the customer is in the form: an empty form names none (404)
    ("POST", "/invoices/new", "L N N N N F L L L L N L N"),
    ("GET", "/invoices/print", "L F F A A F L L L L F L A"),
    ("POST", "/invoices/print", "L F F A A F L L L L F L A"),
    ("GET", "/invoices/run", "L F F A A F L L L L F L A"),
    ("POST", "/invoices/run", "L I I I I F L L L L I L I"),
    // no run is seeded: 404 for those who may see runs
    ("GET", "/invoices/run/{run_id}", "L F F N N F L L L L F L N"),
    ("GET", "/invoices/run/{run_id}/issue", "L F F N N F L L L L F L N"),
    ("POST", "/invoices/run/{run_id}/issue", "L F F N N F L L L L F L N"),
    ("GET", "/invoices/run/{run_id}/progress", "L F F N N F L L L L F L N"),
    ("GET", "/invoices/{id}", "L A N A A A L L L L N L A"),
    ("GET", "/invoices/{id}/credit", "L F N A A F L L L L N L F"),
    ("POST", "/invoices/{id}/credit", "L F N I I F L L L L N L F"),
    ("POST", "/invoices/{id}/delete", "L I N I I F L L L L N L F"),
    ("POST", "/invoices/{id}/delivery", "L F F I I F L L L L F L F"),
    ("GET", "/invoices/{id}/hours", "L A N A A A L L L L N L A"),
    ("GET", "/invoices/{id}/issue", "L F N A A F L L L L N L F"),
    ("POST", "/invoices/{id}/issue", "L F N I I F L L L L N L F"),
    ("POST", "/invoices/{id}/lines", "L I N I I F L L L L N L F"),
    ("POST", "/invoices/{id}/lines/{line}", "L I N I I F L L L L N L F"),
    ("POST", "/invoices/{id}/lines/{line}/remove", "L I N I I F L L L L N L F"),
    ("GET", "/invoices/{id}/payments/new", "L F N A A F L L L L N L F"),
    ("POST", "/invoices/{id}/payments/new", "L F N I I F L L L L N L F"),
    ("GET", "/invoices/{id}/ehf.xml", "L A N A A A L L L L N L A"),
    ("GET", "/invoices/{id}/pdf", "L A N A A A L L L L N L A"),
    ("POST", "/invoices/{id}/references", "L I N I I F L L L L N L F"),
    // /jobs
    ("GET", "/jobs", "A A A A A A A A A A A A A"),
    ("GET", "/jobs/feed.atom", "A A A A A A A A A A A A A"),
    ("GET", "/jobs/feed.json", "A A A A A A A A A A A A A"),
    ("GET", "/jobs/{slug}", "A A A A A A A A A A A A A"),
    ("POST", "/jobs/{slug}/apply", "I I I I I I I I I I I I I"),
    // the seeded ad has no logo
    ("GET", "/jobs/{slug}/logo", "N N N N N N N N N N N N N"),
    // /login
    ("GET", "/login", "A A A A A A A A A A A A A"),
    // an empty log-in fails (401); from the fourth failure from one address it is slowed (429)
    ("POST", "/login", "U U U I I I I I I I I I I"),
    ("GET", "/login/two-factor", "L L L L L L L L L L L L L"),
    ("POST", "/login/two-factor", "U U U U U U U U U U U U U"),
    ("GET", "/login/two-factor/enrol", "L L L L L L L L L L L L L"),
    ("POST", "/login/two-factor/enrol", "U U U U U U U U U U U U U"),
    // /logout
    // log-outs end on the log-in page: `L` is their success
    ("POST", "/logout", "L L L L L L L L L L L L L"),
    // /metrics
    // a bearer token of its own (KUNDEKORT_METRICS_TOKEN)
    ("GET", "/metrics", "U U U U U U U U U U U U U"),
    // /payments
    ("GET", "/payments", "L F F A A F L L L L F L A"),
    ("GET", "/payments/import", "L F F A A F L L L L F L A"),
    ("POST", "/payments/import", "L I I I I F L L L L I L I"),
    ("GET", "/payments/overdue", "L F F A A F L L L L F L A"),
    ("POST", "/payments/overdue/{id}/remind", "L F N I I F L L L L N L F"),
    ("GET", "/payments/unmatched", "L F F A A F L L L L F L A"),
    ("POST", "/payments/{id}/ignore", "L F F A A F L L L L F L A"),
    ("POST", "/payments/{id}/match", "L F F I I F L L L L F L I"),
    // /payroll
    ("GET", "/payroll", "L F F A A F L L L L F L A"),
    ("POST", "/payroll/export", "L F F I I F L L L L F L I"),
    // no export is seeded: 404 for those who may see exports
    ("GET", "/payroll/exports/{file}", "L F F N N F L L L L F L N"),
    // /portal
    ("GET", "/portal", "L L L L L L A A A L L L L"),
    ("GET", "/portal/assignments/terms", "L L L L L L A A F L L L L"),
    ("POST", "/portal/assignments/{aid}/terms", "L L L L L L I N F L L L L"),
    ("POST", "/portal/assignments/{aid}/terms/confirm", "L L L L L L A N F L L L L"),
    ("GET", "/portal/documents", "L L L L L L A A F L L L L"),
    ("GET", "/portal/documents/{did}/{how}", "L L L L L L A N F L L L L"),
    ("GET", "/portal/invite/{token}", "N N N N N N N N N N N N N"),
    ("POST", "/portal/invite/{token}", "N N N N N N N N N N N N N"),
    ("GET", "/portal/invoices", "L L L L L L A A F L L L L"),
    ("GET", "/portal/invoices/{id}/pdf", "L L L L L L A N F L L L L"),
    ("GET", "/portal/login", "A A A A A A A A A A A A A"),
    // as /login
    ("POST", "/portal/login", "U U U I I I I I I I I I I"),
    // without a challenge cookie: back to the log-in (GET) or 401 with the log-in page (POST)
    ("GET", "/portal/login/two-factor", "L L L L L L L L L L L L L"),
    ("POST", "/portal/login/two-factor", "U U U U U U U U U U U U U"),
    ("GET", "/portal/login/two-factor/enrol", "L L L L L L L L L L L L L"),
    ("POST", "/portal/login/two-factor/enrol", "U U U U U U U U U U U U U"),
    ("POST", "/portal/logout", "L L L L L L L L L L L L L"),
    ("POST", "/portal/logout-everywhere", "L L L L L L L L L L L L L"),
    ("GET", "/portal/recruitments", "L L L L L L A A F L L L L"),
    ("GET", "/portal/sessions", "L L L L L L A A A L L L L"),
    ("POST", "/portal/sessions/end-others", "L L L L L L A A A L L L L"),
    ("POST", "/portal/sessions/{handle}/end", "L L L L L L N N N L L L L"),
    ("GET", "/portal/sign/{sid}", "L L L L L L A N F L L L L"),
    ("GET", "/portal/timesheets", "L L L L L L A A F L L L L"),
    ("POST", "/portal/timesheets/approve", "L L L L L L A A F L L L L"),
    ("POST", "/portal/timesheets/{tid}/approve", "L L L L L L I N F L L L L"),
    ("POST", "/portal/timesheets/{tid}/reject", "L L L L L L I N F L L L L"),
    ("GET", "/portal/two-factor", "L L L L L L A A A L L L L"),
    // an empty code: refused as input
    ("POST", "/portal/two-factor/confirm", "L L L L L L I I I L L L L"),
    // not on: back to the settings page
    ("POST", "/portal/two-factor/disable", "L L L L L L A A A L L L L"),
    ("POST", "/portal/two-factor/recovery-codes", "L L L L L L A A A L L L L"),
    ("POST", "/portal/two-factor/setup", "L L L L L L A A A L L L L"),
    ("GET", "/portal/vacancies", "L L L L L L A A F L L L L"),
    ("POST", "/portal/vacancies", "L L L L L L I I F L L L L"),
    ("GET", "/portal/vacancies/new", "L L L L L L A A F L L L L"),
    ("GET", "/portal/vacancies/{vid}", "L L L L L L A N F L L L L"),
    // the seeded candidate is not presented in the portal: 404 for the contact too
    ("POST", "/portal/vacancies/{vid}/candidates/{cid}/decision", "L L L L L L N N F L L L L"),
    // the seeded document is not the candidate's CV: 404 for the contact too
    ("GET", "/portal/vacancies/{vid}/candidates/{cid}/documents/{did}", "L L L L L L N N F L L L L"),
    // /readyz
    ("GET", "/readyz", "A A A A A A A A A A A A A"),
    // /reauth
    ("GET", "/reauth", "L A A A A A L L L L A L A"),
    ("POST", "/reauth", "L U U U U F L L L L U L U"),
    // /recruitments
    ("GET", "/recruitments", "L A A A A A L L L L A L A"),
    // /search
    ("GET", "/search", "L A A A A A L L L L A L A"),
    ("GET", "/search/suggest", "L A A A A A L L L L A L A"),
    // /settings
    ("GET", "/settings", "L A A A A F L L L L A L A"),
    ("POST", "/settings/language", "L I I I I F L L L L I L I"),
    ("GET", "/settings/password", "L A A A A F L L L L A L A"),
    ("POST", "/settings/password", "L I I I I F L L L L I L I"),
    ("GET", "/settings/sessions", "L A A A A F L L L L A L A"),
    // a token has no session to keep
    ("POST", "/settings/sessions/end-others", "L A A A A F L L L L A L A"),
    // only one's own sessions
    ("POST", "/settings/sessions/{handle}/end", "L A N N N F L L L L N L N"),
    ("POST", "/settings/signature", "L A A A A F L L L L A L A"),
    ("POST", "/settings/tokens", "L I I I I F L L L L I L I"),
    // only one's own tokens
    ("POST", "/settings/tokens/{id}/delete", "L A N N N F L L L L N L N"),
    ("GET", "/settings/two-factor", "L A A A A F L L L L A L A"),
    ("POST", "/settings/two-factor/confirm", "L I I I I F L L L L I L I"),
    ("POST", "/settings/two-factor/disable", "L A A A A F L L L L A L A"),
    ("POST", "/settings/two-factor/recovery-codes", "L A A A A F L L L L A L A"),
    ("POST", "/settings/two-factor/setup", "L A A A A F L L L L A L A"),
    // /sign
    ("GET", "/sign/{token}", "N N N N N N N N N N N N N"),
    ("POST", "/sign/{token}/code", "N N N N N N N N N N N N N"),
    ("GET", "/sign/{token}/document", "N N N N N N N N N N N N N"),
    ("POST", "/sign/{token}/reject", "N N N N N N N N N N N N N"),
    ("POST", "/sign/{token}/sign", "N N N N N N N N N N N N N"),
    ("POST", "/sign/{token}/verify", "N N N N N N N N N N N N N"),
    // /static
    ("GET", "/static/{*path}", "A A A A A A A A A A A A A"),
    // /timesheets
    ("GET", "/timesheets/import", "L A A A A A L L L L A L A"),
    ("POST", "/timesheets/import", "L I I I I F L L L L I L I"),
    ("POST", "/timesheets/import/preview", "L I I I I F L L L L I L I"),
    ("GET", "/timesheets/warnings", "L A A A A A L L L L A L A"),
    // /vacancies
    ("GET", "/vacancies", "L A A A A A L L L L A L A"),
    // /webhooks
    // no valid signature
    ("POST", "/webhooks/idura", "N N N N N N N N N N N N N"),
    // a wrong secret in the path
    ("GET", "/webhooks/sms/sveve/{secret}/inbound", "F F F F F F F F F F F F F"),
    ("GET", "/webhooks/sms/sveve/{secret}/status", "F F F F F F F F F F F F F"),
    // no valid signature
    ("POST", "/webhooks/sms/twilio/inbound", "F F F F F F F F F F F F F"),
    ("POST", "/webhooks/sms/twilio/status", "F F F F F F F F F F F F F"),
    // /worker
    ("GET", "/worker", "L L L L L L L L L A L A L"),
    ("GET", "/worker/assignments/{id}", "L L L L L L L L L A L N L"),
    ("GET", "/worker/documents/{id}", "L L L L L L L L L A L N L"),
    ("GET", "/worker/invite/{token}", "N N N N N N N N N N N N N"),
    ("POST", "/worker/invite/{token}", "N N N N N N N N N N N N N"),
    // the language cookie, for anyone
    ("POST", "/worker/lang", "A A A A A A A A A A A A A"),
    ("GET", "/worker/login", "A A A A A A A A A A A A A"),
    // as /login
    ("POST", "/worker/login", "U U U I I I I I I I I I I"),
    // without a challenge cookie: back to the log-in (GET) or 401 with the log-in page (POST)
    ("GET", "/worker/login/two-factor", "L L L L L L L L L L L L L"),
    ("POST", "/worker/login/two-factor", "U U U U U U U U U U U U U"),
    ("GET", "/worker/login/two-factor/enrol", "L L L L L L L L L L L L L"),
    ("POST", "/worker/login/two-factor/enrol", "U U U U U U U U U U U U U"),
    ("POST", "/worker/logout", "L L L L L L L L L L L L L"),
    ("POST", "/worker/logout-everywhere", "L L L L L L L L L L L L L"),
    ("GET", "/worker/sessions", "L L L L L L L L L A L A L"),
    ("POST", "/worker/sessions/end-others", "L L L L L L L L L A L A L"),
    ("POST", "/worker/sessions/{handle}/end", "L L L L L L L L L N L N L"),
    ("GET", "/worker/timesheets/{id}", "L L L L L L L L L A L N L"),
    ("POST", "/worker/timesheets/{id}", "L L L L L L L L L I L N L"),
    ("GET", "/worker/two-factor", "L L L L L L L L L A L A L"),
    ("POST", "/worker/two-factor/confirm", "L L L L L L L L L I L I L"),
    ("POST", "/worker/two-factor/disable", "L L L L L L L L L A L A L"),
    ("POST", "/worker/two-factor/recovery-codes", "L L L L L L L L L A L A L"),
    ("POST", "/worker/two-factor/setup", "L L L L L L L L L A L A L"),
    // /workers
    ("GET", "/workers", "L A A A A A L L L L A L A"),
    ("POST", "/workers", "L I I I I F L L L L I L I"),
    ("GET", "/workers/new", "L A A A A A L L L L A L A"),
    ("GET", "/workers/{id}", "L A A A A A L L L L A L A"),
    ("POST", "/workers/{id}", "L I I I I F L L L L I L I"),
    ("POST", "/workers/{id}/credentials", "L I I I I F L L L L I L I"),
    ("POST", "/workers/{id}/credentials/{cid}/delete", "L A A A A F L L L L A L A"),
    ("POST", "/workers/{id}/documents", "L I I I I F L L L L I L I"),
    ("POST", "/workers/{id}/documents/{did}/delete", "L A F A A F L L L L F L F"),
    ("GET", "/workers/{id}/documents/{did}/{how}", "L A F A A A L L L L F L A"),
    ("GET", "/workers/{id}/edit", "L A A A A A L L L L A L A"),
    ("POST", "/workers/{id}/email", "L I I I I F L L L L I L I"),
    ("POST", "/workers/{id}/erase", "L F F A A F L L L L F L A"),
    ("GET", "/workers/{id}/export.json", "L A A A A A L L L L A L A"),
    ("POST", "/workers/{id}/invite", "L A A A A F L L L L A L A"),
    ("POST", "/workers/{id}/login/end", "L A A A A F L L L L A L A"),
    // admins only; ends the worker's sessions, so tried with the log-in's end (phase 2)
    ("POST", "/workers/{id}/login/two-factor/reset", "L F F F A F L L L L F L F"),
    ("POST", "/workers/{id}/national-id/reveal", "L F F A A F L L L L F L A"),
    ("POST", "/workers/{id}/bank-account/reveal", "L F F A A F L L L L F L A"),
];

db_test!(
    every_route_has_an_access_decision_and_keeps_it,
    config = |c| {
        c.metrics_token = Some(Secret::new("matrix-metrics-token"));
        c.api_rate_per_token = 0;
        c.api_rate_per_address = 0;
    },
    |app| {
        let world = World::seed(app).await;
        let routes = router_routes(app);
        assert!(
            routes.len() > 200,
            "read only {} routes from the router's Debug form: has axum changed it?",
            routes.len()
        );
        let table: BTreeMap<(&str, &str), String> = TABLE
            .iter()
            .map(|(m, p, o)| ((*m, *p), o.replace(' ', "")))
            .collect();
        assert_eq!(table.len(), TABLE.len(), "a route is in the table twice");
        let mut errors = Vec::new();
        for ((m, p), o) in &table {
            if o.len() != ACTORS.len() {
                errors.push(format!(
                    "{m} {p}: {} letters for {} actors",
                    o.len(),
                    ACTORS.len()
                ));
            }
        }
        for (m, p) in table.keys() {
            if !routes.contains(&(m.to_string(), p.to_string())) {
                errors.push(format!(
                    "{m} {p}: in the table but not in the router (remove the row)"
                ));
            }
        }

        let unmatched = |c: &BTreeMap<(String, String), i64>| -> i64 {
            c.iter()
                .filter(|((_, r), _)| r == kundekort::ops::metrics::UNMATCHED)
                .map(|(_, n)| n)
                .sum()
        };
        let mut ordered: Vec<&(String, String)> = routes.iter().collect();
        ordered.sort_by_key(|(m, p)| (phase(m, p), m.clone(), p.clone()));
        let mut pairs = 0;
        let mut observed_rows = Vec::new();
        for (method, template) in ordered {
            // The paths first (a fresh record may take requests of its own), then the requests,
            // counted by the metrics layer: each must have matched this route.
            let mut paths = Vec::new();
            for i in 0..world.actors.len() {
                paths.push(world.path_for(app, method, template, i).await);
            }
            let before = matched_counts(app).await;
            let mut observed = String::new();
            let mut details = Vec::new();
            for (i, (actor, path)) in world.actors.iter().zip(&paths).enumerate() {
                let res = request(actor, app, method, path).await;
                pairs += 1;
                let status = res.status().as_u16();
                let location = res
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                let class = classify(status, &location);
                if class == '?' {
                    let body = res.text().await.unwrap_or_default();
                    errors.push(format!(
                        "{method} {path} as {}: {status} {}",
                        ACTORS[i],
                        body.chars().take(300).collect::<String>()
                    ));
                }
                observed.push(class);
                details.push(format!(
                    "{status}{}",
                    if location.is_empty() {
                        String::new()
                    } else {
                        format!("→{location}")
                    }
                ));
            }
            let after = matched_counts(app).await;
            let key = (method.clone(), template.clone());
            let matched =
                after.get(&key).copied().unwrap_or(0) - before.get(&key).copied().unwrap_or(0);
            if matched != paths.len() as i64 || unmatched(&after) != unmatched(&before) {
                errors.push(format!(
                    "{method} {template}: sent {} requests, the router matched {matched} to it \
                     ({} to no route)",
                    paths.len(),
                    unmatched(&after) - unmatched(&before)
                ));
            }
            observed_rows.push(format!(
                "    ({method:?}, {template:?}, {observed:?}), // {}",
                details.join(" ")
            ));
            match table.get(&(method.as_str(), template.as_str())) {
                None => errors.push(format!(
                    "{method} {template}: no access decision in TABLE (observed {observed})"
                )),
                Some(expected) if *expected != observed => {
                    let who: Vec<String> = expected
                        .chars()
                        .zip(observed.chars())
                        .enumerate()
                        .filter(|(_, (e, o))| e != o)
                        .map(|(i, (e, o))| {
                            format!("{}: expected {e}, got {o} ({})", ACTORS[i], details[i])
                        })
                        .collect();
                    errors.push(format!("{method} {template}: {}", who.join("; ")));
                }
                Some(_) => {}
            }
        }

        eprintln!(
            "access matrix: {} routes × {} actors = {pairs} pairs tried",
            routes.len(),
            ACTORS.len()
        );
        if !errors.is_empty() {
            eprintln!("observed:\n{}", observed_rows.join("\n"));
        }
        assert!(
            errors.is_empty(),
            "{} problems:\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
);

/// `A`, `I`, `L`, `U`, `F`, `N` (see [`TABLE`]); `?` for anything else (a server error, 405).
fn classify(status: u16, location: &str) -> char {
    match status {
        300..=399 => {
            let to = location.split('?').next().unwrap_or("");
            if matches!(to, "/login" | "/portal/login" | "/worker/login") {
                'L'
            } else {
                'A'
            }
        }
        200..=299 => 'A',
        400 | 409 | 413 | 422 | 429 | 503 => 'I',
        401 => 'U',
        403 => 'F',
        404 => 'N',
        _ => '?',
    }
}

/// The order routes are tried in: reads, then changes, then what ends someone else's sessions
/// (the worker's), then "end my other sessions", and last the log-outs.
fn phase(method: &str, path: &str) -> u8 {
    if path.ends_with("/logout") || path.ends_with("/logout-everywhere") {
        4
    } else if path == "/settings/sessions/end-others" {
        3
    } else if path == "/workers/{id}/login/end" || path == "/workers/{id}/login/two-factor/reset" {
        2
    } else if method == "GET" {
        0
    } else {
        1
    }
}

async fn request(
    actor: &reqwest::Client,
    app: &TestApp,
    method: &str,
    path: &str,
) -> reqwest::Response {
    let url = app.url(path);
    let req = match method {
        "GET" => actor.get(url),
        "POST" => actor.post(url),
        "PUT" => actor.put(url),
        "PATCH" => actor.patch(url),
        "DELETE" => actor.delete(url),
        other => panic!("no request for method {other}"),
    };
    let req = if method == "GET" {
        req
    } else if path.starts_with("/api/") {
        req.header(CONTENT_TYPE, "application/json").body("{}")
    } else {
        req.header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("")
    };
    req.send().await.unwrap()
}

/// Every (method, path template) in the app's router, read from its `Debug` form: the path
/// router's route table (route id → method router) and its node (route id → path).
fn router_routes(app: &TestApp) -> BTreeSet<(String, String)> {
    let debug = format!("{:?}", kundekort::app::router(app.state.clone()));
    let start = debug
        .find("path_router: PathRouter { routes: {")
        .expect("the router's Debug form names its path router");
    let end = start
        + debug[start..]
            .find("fallback_router:")
            .expect("the router's Debug form names its fallback router");
    let section = &debug[start..end];
    let node = section
        .find("node: Node { paths: {")
        .expect("the path router's Debug form names its node's paths");
    let (endpoints, paths) = section.split_at(node);
    let mut methods: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for chunk in endpoints.split("RouteId(").skip(1) {
        let (id, rest) = chunk.split_once("): ").expect("RouteId(n): endpoint");
        let fields = rest
            .strip_prefix("MethodRouter(MethodRouter { ")
            .unwrap_or_else(|| {
                panic!("route {id} is not a method router (a service?): {rest:.200}")
            });
        let fields = format!(", {fields}");
        let set = |m: &str| -> bool {
            let key = format!(", {m}: ");
            let at = fields
                .find(&key)
                .unwrap_or_else(|| panic!("no `{m}` in route {id}'s method router"));
            !fields[at + key.len()..].starts_with("None")
        };
        for m in ["options", "trace", "connect"] {
            assert!(
                !set(m),
                "route {id} answers {m}: teach this test that method"
            );
        }
        let ms: Vec<&str> = [
            ("get", "GET"),
            ("post", "POST"),
            ("put", "PUT"),
            ("patch", "PATCH"),
            ("delete", "DELETE"),
        ]
        .into_iter()
        .filter(|(f, _)| set(f))
        .map(|(_, m)| m)
        .collect();
        assert!(!ms.is_empty(), "route {id} answers no method");
        methods.insert(id.to_string(), ms);
    }
    let mut routes = BTreeSet::new();
    let mut seen = 0;
    for chunk in paths.split("RouteId(").skip(1) {
        let (id, rest) = chunk.split_once("): \"").expect("RouteId(n): \"path\"");
        let path = &rest[..rest.find('"').expect("a quoted path")];
        let ms = methods
            .get(id)
            .unwrap_or_else(|| panic!("path {path} has no endpoint"));
        seen += 1;
        for m in ms {
            routes.insert((m.to_string(), path.to_string()));
        }
    }
    assert_eq!(seen, methods.len(), "as many paths as endpoints");
    routes
}

/// Requests counted by the metrics layer, by (method, matched route template).
async fn matched_counts(app: &TestApp) -> BTreeMap<(String, String), i64> {
    let text = app.state.metrics.scrape(&app.db).await.unwrap();
    let mut counts = BTreeMap::new();
    for l in text.lines() {
        let Some(labels) = l.strip_prefix("kundekort_http_requests_total{") else {
            continue;
        };
        let (labels, value) = labels.rsplit_once("} ").unwrap();
        let label = |name: &str| -> String {
            let key = format!("{name}=\"");
            let at = labels.find(&key).unwrap() + key.len();
            labels[at..at + labels[at..].find('"').unwrap()].to_string()
        };
        *counts.entry((label("method"), label("route"))).or_insert(0) +=
            value.parse::<i64>().unwrap();
    }
    counts
}

/// The seeded world: "the customer" (Oslo department, owned by Ola) with what belongs to it,
/// another customer (Bergen), and a client per actor.
struct World {
    actors: Vec<reqwest::Client>,
    ids: BTreeMap<&'static str, String>,
    ola: i64,
    /// Ola's own client for making fresh records (not one of the actors).
    setup: reqwest::Client,
    serial: AtomicU32,
}

/// The column of the mixed path (see [`TABLE`]).
const MIXED: usize = 10;

/// An id nothing has.
const NONE: &str = "999999";

impl World {
    async fn seed(app: &TestApp) -> Self {
        let fx = &app.fx;
        let customer = app
            .customer(CustomerDraft {
                name: "Nordlys Elektro AS".into(),
                org_number: "974760673".into(),
                status: "active".into(),
                postal_street: "Postboks 900".into(),
                postal_postal_code: "0150".into(),
                visit_postal_code: "0150".into(),
                owner_id: fx.consultant_oslo.to_string(),
                department_id: fx.oslo.to_string(),
                ..Default::default()
            })
            .await;
        let other = app
            .customer(CustomerDraft {
                name: "Fjordbygg AS".into(),
                status: "active".into(),
                visit_postal_code: "5003".into(),
                owner_id: fx.consultant_bergen.to_string(),
                department_id: fx.bergen.to_string(),
                ..Default::default()
            })
            .await;
        let ase = contact(app, customer, "Åse", "Berg").await;
        let per = contact(app, customer, "Per", "Utenrett").await;
        let bjorn = contact(app, other, "Bjørn", "Fjord").await;
        let spare = contact(app, customer, "Sara", "Reserve").await;
        let ola = app.login("ola@test.no").await;

        let (worker, worker_client) =
            workers::logged_in(app, "Kari Nordmann", "kari@test.no").await;
        let (_, assignment) =
            workers::assignment(app, customer, ase, worker, "Lagerarbeider").await;

        let all = "view_assignments,approve_timesheets,view_invoices,view_documents,sign_documents,request_staff";
        let portal_own = portal(app, ase, all).await;
        let portal_other = portal(app, bjorn, all).await;
        let portal_none = portal(app, per, "").await;
        // The contact the staff side's contact routes act on has portal access too (no session).
        sqlx::query(
            "INSERT INTO portal_accounts (contact_id, login_email, password_hash, rights, active, \
             created_at, updated_at) VALUES ($1, 'sara@test.no', 'set', 'view_invoices', 1, 0, 0)",
        )
        .bind(spare)
        .execute(&app.db.pool)
        .await
        .unwrap();

        let token = {
            let mut conn = app.db.pool.acquire().await.unwrap();
            tokens::create(&mut conn, fx.consultant_oslo, "matrix")
                .await
                .unwrap()
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
        );
        let bearer = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();

        // The customer's records.
        let res = upload(
            &ola,
            app,
            customer,
            category(app, "contract").await,
            true,
            &[("Rammeavtale.pdf", pdf("Rammeavtale"))],
        )
        .await;
        assert_eq!(res.status(), 303);
        let (document, version, _) = documents(app, customer).await.pop().unwrap();
        let activity = meeting(app, &ola, customer, "Oppstartsmøte", &at(1), &[]).await;
        let one = |sql: &'static str| async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(customer)
                .fetch_one(&app.db.pool)
                .await
                .unwrap()
        };
        let comment = one(
            "INSERT INTO customer_comments (customer_id, body, position, created_at, updated_at) \
             VALUES ($1, 'Ring før levering', 1, 0, 0) RETURNING id",
        )
        .await;
        let message = one(
            "INSERT INTO messages (uid, customer_id, channel, direction, from_address, to_display, \
             body, search_text, status, created_at, updated_at) \
             VALUES ('matrix-1', $1, 'email', 'out', 'post@byraa.test', 'Åse', 'Hei', 'hei', 'sent', 0, 0) \
             RETURNING id",
        )
        .await;
        let vacancy = one(
            "INSERT INTO vacancies (customer_id, positions, title, from_date, hours_per_week_minutes, \
             standard_week, bill_rate_ore, pay_rate_ore, status, created_at, updated_at) \
             VALUES ($1, 1, 'Lagermedarbeider', '2027-01-04', 2250, '[]', 45000, 23000, 'open', 0, 0) \
             RETURNING id",
        )
        .await;
        let (invoice, lines) = issued(
            app,
            customer,
            &[line("Innleie uke 1", 37_500, 45_000, "S", 2500)],
            3,
        )
        .await;
        // EHF wants a buyer reference (BT-10); without one the document is refused (a 500, noted
        // in the report of issue 18), which is not what this test is about.
        sqlx::query("UPDATE invoices SET buyer_reference = 'Åse Berg' WHERE id = $1")
            .bind(invoice)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let payment = pay(app, Some(invoice), 10_000, "2026-12-01").await;
        let template: i64 = sqlx::query_scalar(
            "INSERT INTO message_templates (owner_id, channel, name, body, created_at, updated_at) \
             VALUES ($1, 'email', 'Oppfølging', 'Hei {first_name}', 0, 0) RETURNING id",
        )
        .bind(fx.consultant_oslo)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();

        let sheet: i64 = {
            use kundekort::timesheets::store;
            let terms = crate::support::timesheets::assignment_terms(app, assignment).await;
            let mut tx = app.db.begin().await.unwrap();
            store::ensure(
                &mut tx,
                std::slice::from_ref(&terms),
                time::macros::date!(2027 - 01 - 04),
                time::macros::date!(2027 - 01 - 10),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            store::for_assignment(&app.db, assignment).await.unwrap()[0].id
        };

        let form = reqwest::multipart::Form::new()
            .text("category", "hms_card")
            .text("title", "HMS-kort")
            .text("valid_until", "2030-01-31")
            .text("visible_to_worker", "1")
            .part(
                "file",
                reqwest::multipart::Part::bytes(pdf("HMS-kort"))
                    .file_name("hms.pdf")
                    .mime_str("application/octet-stream")
                    .unwrap(),
            );
        let res = ola
            .post(app.url(&format!("/workers/{worker}/documents")))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{:?}", res.text().await);

        // The rest straight into the tables: set-up, not the thing under test.
        let exec = async |sql: &'static str, binds: &[i64]| {
            let mut q = sqlx::query(sql);
            for b in binds {
                q = q.bind(*b);
            }
            q.execute(&app.db.pool).await.unwrap();
        };
        exec(
            "INSERT INTO positions (name, created_at) VALUES ('Daglig leder', 0)",
            &[],
        )
        .await;
        exec(
            "INSERT INTO portal_presets (name, rights, created_at) VALUES ('Timer', 'approve_timesheets', 0)",
            &[],
        )
        .await;
        exec(
            "INSERT INTO invoice_items (name, unit_code, unit_price_ore, vat_category, vat_rate_bp, \
             created_at, updated_at) VALUES ('Timer', 'HUR', 45000, 'S', 2500, 0, 0)",
            &[],
        )
        .await;
        exec(
            "INSERT INTO recruitments (customer_id, title, fee_kind, guarantee_consequence, status, \
             created_at, updated_at) VALUES ($1, 'Økonomisjef', 'percent', 'replacement', 'open', 0, 0)",
            &[customer],
        )
        .await;
        exec(
            "INSERT INTO recruitment_candidates (recruitment_id, worker_id, stage, created_at, updated_at) \
             SELECT MIN(id), $1, 'new', 0, 0 FROM recruitments",
            &[worker],
        )
        .await;
        exec(
            "INSERT INTO vacancy_candidates (vacancy_id, worker_id, stage, created_at, updated_at) VALUES ($1, $2, 'presented', 0, 0)",
            &[vacancy, worker],
        )
        .await;
        exec(
            "INSERT INTO job_ads (customer_id, vacancy_id, slug, title, employment_type, sector, \
             employer_shown, status, created_at, updated_at) VALUES ($1, $2, 'lagermedarbeider-oslo', \
             'Lagermedarbeider', 'TEMPORARY', 'private', 'agency', 'published', 0, 0)",
            &[customer, vacancy],
        )
        .await;
        exec(
            "INSERT INTO worker_credentials (worker_id, kind, created_at) VALUES ($1, 'hms_card', 0)",
            &[worker],
        )
        .await;
        exec(
            "INSERT INTO signature_orders (customer_id, document_id, document_version_id, method, \
             status, title, expires_at, created_at, updated_at) \
             VALUES ($1, $2, $3, 'simple', 'open', 'Rammeavtale', 4102444800, 0, 0)",
            &[customer, document, version],
        )
        .await;
        exec(
            "INSERT INTO signature_signers (order_id, contact_id, name, position, status) \
             SELECT MIN(id), $1, 'Åse Berg', 1, 'open' FROM signature_orders",
            &[ase],
        )
        .await;
        exec(
            "INSERT INTO vacancy_offers (vacancy_id, customer_id, document_id, document_version_id, \
             language, valid_until, created_at, updated_at) VALUES ($1, $2, $3, $4, 'nb', '2027-12-31', 0, 0)",
            &[vacancy, customer, document, version],
        )
        .await;

        let first = |table: &str| format!("SELECT COALESCE(MIN(id), {NONE}) FROM {table}");
        let min = async |table: &str| -> String {
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(first(table)))
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            n.to_string()
        };

        // A staff member who is no actor: an admin's two-factor reset ends the user's sessions,
        // which must not be the setup's or an actor's.
        let spare_user = kundekort::staff::users::insert(
            &mut app.db.pool.acquire().await.unwrap(),
            kundekort::staff::users::NewUser {
                email: "reserve@test.no",
                name: "Reserve Bruker",
                password_hash: String::new(),
                role: kundekort::auth::Role::Consultant,
                department_id: Some(fx.oslo),
            },
        )
        .await
        .unwrap();
        let mut ids: BTreeMap<&'static str, String> = BTreeMap::new();
        for (k, v) in [
            ("customer", customer),
            ("contact", spare),
            ("worker", worker),
            ("assignment", assignment),
            ("sheet", sheet),
            ("document", document),
            ("version", version),
            ("activity", activity),
            ("comment", comment),
            ("message", message),
            ("vacancy", vacancy),
            ("invoice", invoice),
            ("line", lines[0]),
            ("payment", payment),
            ("template", template),
            ("department", fx.oslo),
            ("user", fx.consultant_oslo),
            ("spare_user", spare_user),
        ] {
            ids.insert(k, v.to_string());
        }
        for (k, table) in [
            ("activity_type", "activity_types"),
            ("position", "positions"),
            ("preset", "portal_presets"),
            ("category", "document_categories"),
            ("invoice_item", "invoice_items"),
            ("recruitment", "recruitments"),
            ("recruitment_candidate", "recruitment_candidates"),
            ("vacancy_candidate", "vacancy_candidates"),
            ("offer", "vacancy_offers"),
            ("order", "signature_orders"),
            ("signer", "signature_signers"),
            ("ad", "job_ads"),
            ("worker_document", "worker_documents"),
            ("credential", "worker_credentials"),
            ("run", "invoice_runs"),
            ("payroll_export", "payroll_exports"),
        ] {
            ids.insert(k, min(table).await);
        }
        let slug: Option<String> = sqlx::query_scalar("SELECT MIN(slug) FROM job_ads")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        ids.insert("other_customer", other.to_string());
        let export = ids["payroll_export"].clone();
        ids.insert("payroll_export_file", format!("{export}.csv"));
        ids.insert("slug", slug.unwrap_or_else(|| "ingen-annonse".into()));

        let login = async |email: &str| app.login(email).await;
        let actors = vec![
            app.client(),
            ola,
            login("berit@test.no").await,
            login("leder@test.no").await,
            login("admin@test.no").await,
            bearer,
            portal_own,
            portal_other,
            portal_none,
            worker_client,
        ];
        // The mixed-path column is Berit's own session again.
        let berit = actors[2].clone();
        let mut actors = actors;
        actors.push(berit);
        let (_, other_worker) = workers::logged_in(app, "Vera Vikar", "vera@test.no").await;
        actors.push(other_worker);
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(fx.consultant_oslo)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        kundekort::staff::users::insert(
            &mut app.db.pool.acquire().await.unwrap(),
            kundekort::staff::users::NewUser {
                email: "bjarne@test.no",
                name: "Bjarne Bergen",
                password_hash: hash,
                role: kundekort::auth::Role::Manager,
                department_id: Some(fx.bergen),
            },
        )
        .await
        .unwrap();
        actors.push(login("bjarne@test.no").await);
        World {
            actors,
            ids,
            ola: fx.consultant_oslo,
            setup: login("ola@test.no").await,
            serial: AtomicU32::new(1),
        }
    }

    fn id(&self, key: &str) -> &str {
        self.ids
            .get(key)
            .unwrap_or_else(|| panic!("no seeded record for {{{key}}}: add it to World::seed"))
    }

    /// `template` with its parameters filled with the seeded world's ids; a fresh record for
    /// the parameter a route consumes (see [`consumes`]).
    async fn path_for(&self, app: &TestApp, method: &str, template: &str, actor: usize) -> String {
        let fresh = match consumes(method, template) {
            Some(kind) => Some((kind, self.fresh(app, kind).await)),
            None => None,
        };
        let segments: Vec<&str> = template.split('/').collect();
        let mut out = Vec::new();
        for (i, seg) in segments.iter().enumerate() {
            let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                out.push(seg.to_string());
                continue;
            };
            let prev = segments[i - 1];
            let key = key(template, prev, name);
            out.push(match (&fresh, key) {
                (_, Key::Literal(v)) => v.to_string(),
                (_, Key::Id("customer")) if actor == MIXED => self.id("other_customer").to_string(),
                (Some((kind, id)), Key::Id(k)) if *kind == k => id.clone(),
                (_, Key::Id(k)) => self.id(k).to_string(),
            });
        }
        out.join("/")
    }

    /// A new record of `kind`, belonging to the customer (or to Ola).
    async fn fresh(&self, app: &TestApp, kind: &str) -> String {
        let n = self.serial.fetch_add(1, Ordering::Relaxed);
        let customer: i64 = self.id("customer").parse().unwrap();
        let insert = async |sql: String, bind: Option<i64>| -> i64 {
            let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
            if let Some(b) = bind {
                q = q.bind(b);
            }
            q.fetch_one(&app.db.pool).await.unwrap()
        };
        let id = match kind {
            "session" => return self.fresh_session(app).await,
            "token" => return self.fresh_token(app).await,
            "contact" => contact(app, customer, "Ny", &format!("Kontakt {n}")).await,
            "worker" => {
                insert(
                    format!(
                        "INSERT INTO workers (name, status, search_text, sort_name, created_at, \
                         updated_at) VALUES ('Vera {n}', 'candidate', 'vera {n}', 'vera {n}', 0, 0) \
                         RETURNING id"
                    ),
                    None,
                )
                .await
            }
            "activity" => {
                meeting(app, &self.setup, customer, &format!("Møte {n}"), &at(2), &[]).await
            }
            "document" | "deleted_document" => {
                let res = upload(
                    &self.setup,
                    app,
                    customer,
                    category(app, "contract").await,
                    true,
                    &[(&format!("Avtale {n}.pdf"), pdf("Avtale"))],
                )
                .await;
                assert_eq!(res.status(), 303);
                let id = documents(app, customer).await.pop().unwrap().0;
                if kind == "deleted_document" {
                    sqlx::query("UPDATE documents SET deleted_at = 1 WHERE id = $1")
                        .bind(id)
                        .execute(&app.db.pool)
                        .await
                        .unwrap();
                }
                id
            }
            "credential" => {
                insert(
                    "INSERT INTO worker_credentials (worker_id, kind, created_at) \
                     VALUES ($1, 'other', 0) RETURNING id"
                        .into(),
                    Some(self.id("worker").parse().unwrap()),
                )
                .await
            }
            "worker_document" => {
                self.worker_document(app).await;
                insert("SELECT MAX(id) FROM worker_documents".into(), None).await
            }
            "comment" => {
                insert(
                    "INSERT INTO customer_comments (customer_id, body, position, created_at, \
                     updated_at) VALUES ($1, 'Notat', 2, 0, 0) RETURNING id"
                        .into(),
                    Some(customer),
                )
                .await
            }
            "template" => {
                insert(
                    "INSERT INTO message_templates (owner_id, channel, name, body, created_at, \
                     updated_at) VALUES ($1, 'sms', 'Kort', 'Hei', 0, 0) RETURNING id"
                        .into(),
                    Some(self.ola),
                )
                .await
            }
            "position" => {
                insert(
                    format!(
                        "INSERT INTO positions (name, created_at) VALUES ('Stilling {n}', 0) \
                         RETURNING id"
                    ),
                    None,
                )
                .await
            }
            "preset" => {
                insert(
                    format!(
                        "INSERT INTO portal_presets (name, rights, created_at) \
                         VALUES ('Mal {n}', 'view_invoices', 0) RETURNING id"
                    ),
                    None,
                )
                .await
            }
            "invoice_item" => {
                insert(
                    format!(
                        "INSERT INTO invoice_items (name, unit_code, unit_price_ore, vat_category, \
                         vat_rate_bp, created_at, updated_at) VALUES ('Km {n}', 'KMT', 500, 'S', \
                         2500, 0, 0) RETURNING id"
                    ),
                    None,
                )
                .await
            }
            "order" => {
                let order = insert(
                    format!(
                        "INSERT INTO signature_orders (customer_id, document_id, document_version_id, \
                         method, status, title, expires_at, created_at, updated_at) \
                         VALUES ($1, {}, {}, 'simple', 'open', 'Avtale', 4102444800, 0, 0) RETURNING id",
                        self.id("document"),
                        self.id("version")
                    ),
                    Some(customer),
                )
                .await;
                insert(
                    "INSERT INTO signature_signers (order_id, name, position, status) \
                     VALUES ($1, 'Åse Berg', 1, 'open') RETURNING id"
                        .into(),
                    Some(order),
                )
                .await;
                order
            }
            "payment" => pay(app, None, 12_300 + n as i64, "2026-12-02").await,
            other => panic!("no fresh {other}"),
        };
        id.to_string()
    }

    /// Uploads a document on the worker, visible to them.
    async fn worker_document(&self, app: &TestApp) {
        let form = reqwest::multipart::Form::new()
            .text("category", "hms_card")
            .text("title", "HMS-kort")
            .text("valid_until", "2030-01-31")
            .text("visible_to_worker", "1")
            .part(
                "file",
                reqwest::multipart::Part::bytes(pdf("HMS-kort"))
                    .file_name("hms.pdf")
                    .mime_str("application/octet-stream")
                    .unwrap(),
            );
        let res = self
            .setup
            .post(app.url(&format!("/workers/{}/documents", self.id("worker"))))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{:?}", res.text().await);
    }

    /// A new session of Ola's (not the one his actor uses); its handle.
    async fn fresh_session(&self, app: &TestApp) -> String {
        let cookie = kundekort::auth::session::create(&app.state, self.ola, &local_client())
            .await
            .unwrap();
        sqlx::query_scalar("SELECT handle FROM sessions WHERE token_hash = $1")
            .bind(hash_token(cookie.value()))
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
    }

    /// A new API token of Ola's (not the one his token actor uses); its id.
    async fn fresh_token(&self, app: &TestApp) -> String {
        let mut conn = app.db.pool.acquire().await.unwrap();
        tokens::create(&mut conn, self.ola, "spare").await.unwrap();
        let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM api_tokens WHERE user_id = $1")
            .bind(self.ola)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        id.to_string()
    }
}

/// What fills a path parameter: a seeded record (by its key in `World::ids`) or a fixed text.
#[derive(Clone, Copy)]
enum Key {
    Id(&'static str),
    Literal(&'static str),
}

/// The value of `{name}` after `/prev/` in `template`.
fn key(template: &str, prev: &str, name: &str) -> Key {
    let under = |p: &str| template.contains(p);
    Key::Id(match (prev, name) {
        (_, "*path") => return Key::Literal("app.css"),
        (_, "*rest") => return Key::Literal("index.html"),
        ("customers", "id") => "customer",
        ("contacts", "cid") | ("contacts", "id") => "contact",
        ("comments", "cid") => "comment",
        ("assignments", "aid") | ("assignments", "id") => "assignment",
        ("timesheets", "tid") | ("timesheets", "id") | ("sheets", "tid") => "sheet",
        ("documents", "did") if under("/workers/") => "worker_document",
        ("documents", "did") => "document",
        ("documents", "id") => "worker_document",
        ("versions", "vid") => "version",
        ("vacancies", "vid") | ("vacancies", "id") => "vacancy",
        ("candidates", "cid") if under("/recruitments/") => "recruitment_candidate",
        ("candidates", "cid") => "vacancy_candidate",
        ("offers", "oid") => "offer",
        ("recruitments", "rid") | ("recruitments", "id") => "recruitment",
        ("signing", "oid") => "order",
        ("signers", "sid") | ("sign", "sid") => "signer",
        ("ads", "aid") | ("job-ads", "id") => "ad",
        ("jobs", "slug") => "slug",
        ("activities", "id") => "activity",
        ("activity-types", "id") | ("types", "id") => "activity_type",
        ("messages", "mid") => "message",
        ("templates", "tid") => "template",
        ("invoices", "id") | ("overdue", "id") => "invoice",
        ("lines", "line") => "line",
        ("payments", "id") => "payment",
        ("run", "run_id") => "run",
        ("workers", "id") => "worker",
        ("credentials", "cid") => "credential",
        ("departments", "id") => "department",
        ("users", "id") if under("/two-factor/reset") || under("/sessions/end") => "spare_user",
        ("users", "id") | ("diary", "user_id") => "user",
        ("positions", "id") => "position",
        ("portal-presets", "id") => "preset",
        ("document-categories", "cid") => "category",
        ("invoice-items", "id") => "invoice_item",
        ("exports", "file") => "payroll_export_file",
        // A portal contact's or a worker's own session: `own_sessions.rs` ends one's own; here a
        // handle that is nobody's (nobody ends another's session through these).
        ("sessions", "handle") if under("/portal/") || under("/worker/") => {
            return Key::Literal("not-a-real-handle");
        }
        ("sessions", "handle") => "session",
        ("tokens", "id") => "token",
        ("feed", "file") => return Key::Literal("no-such-feed.ics"),
        ("dialog", "channel") => return Key::Literal("email"),
        (_, "how") => return Key::Literal("download"),
        // Secrets in the path: one that matches nothing (the secret is the access).
        (_, "token") | (_, "secret") => return Key::Literal("not-a-real-secret"),
        (prev, name) => {
            panic!("no value for {{{name}}} after /{prev}/ in {template}: add it to `key`")
        }
    })
}

/// The parameter a route uses up when it is allowed (ends, revokes, deletes, erases, cancels):
/// each actor gets a fresh record of that kind, so an earlier actor's success does not turn the
/// next one's answer into a 404.
fn consumes(method: &str, template: &str) -> Option<&'static str> {
    Some(match (method, template) {
        (_, "/settings/sessions/{handle}/end") => "session",
        (_, "/settings/tokens/{id}/delete") => "token",
        ("DELETE", "/api/v1/activities/{id}") | (_, "/diary/activities/{id}/delete") => "activity",
        ("DELETE", "/api/v1/customers/{id}/documents/{did}")
        | (_, "/customers/{id}/documents/{did}/delete") => "document",
        (_, "/customers/{id}/documents/{did}/restore")
        | (_, "/api/v1/customers/{id}/documents/{did}/restore") => "deleted_document",
        ("DELETE", "/api/v1/workers/{id}/credentials/{cid}")
        | (_, "/workers/{id}/credentials/{cid}/delete") => "credential",
        (_, "/workers/{id}/documents/{did}/delete") => "worker_document",
        (_, "/customers/{id}/comments/{cid}/delete") => "comment",
        (_, "/dialog/templates/{tid}/delete") => "template",
        (_, "/admin/positions/{id}/delete") => "position",
        (_, "/admin/portal-presets/{id}/delete") => "preset",
        (_, "/admin/invoice-items/{id}/delete") => "invoice_item",
        (_, "/customers/{id}/contacts/{cid}/erase") => "contact",
        (_, "/workers/{id}/erase") => "worker",
        (_, "/customers/{id}/signing/{oid}/cancel") => "order",
        (_, "/payments/{id}/ignore") | (_, "/payments/{id}/match") => "payment",
        _ => return None,
    })
}

db_test!(an_outsiders_form_is_refused_before_it_is_read, |app| {
    let world = World::seed(app).await;
    let customer = world.id("customer");
    let contact = world.id("contact");
    let active = format!("/customers/{customer}/contacts/{contact}/active");
    let [_, _, berit, lise, ..] = &world.actors[..] else {
        unreachable!()
    };
    // The form lacks its one field: those who see the customer are told so, the consultant of
    // another department only that there is no such customer.
    assert_eq!(request(lise, app, "POST", &active).await.status(), 422);
    assert_eq!(request(berit, app, "POST", &active).await.status(), 404);
    // The same through the API, and an admin form.
    let comments = format!("/api/v1/customers/{customer}/comments");
    assert_eq!(request(lise, app, "POST", &comments).await.status(), 422);
    assert_eq!(request(berit, app, "POST", &comments).await.status(), 404);
    let categories = "/admin/document-categories";
    assert_eq!(request(lise, app, "POST", categories).await.status(), 403);
    assert_eq!(
        request(&world.actors[4], app, "POST", categories)
            .await
            .status(),
        422
    );
});
