//! What each kind of actor may do on each route: the matrix's expectations, one row a route.

/// The kinds of actor, in the order of the outcome columns of [`TABLE`].
pub(super) const ACTORS: [&str; 13] = [
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
pub(super) type Row = (&'static str, &'static str, &'static str);

/// Every route's expected answers, by the first segment of its path. Letters per actor in the
/// order of [`ACTORS`]: anonymous, own consultant, other department's consultant, manager, admin,
/// API token, portal contact, other customer's contact, contact without rights, worker, mixed
/// path, another worker, another department's manager. Where a row's outcome comes from the seeded world rather than from access (nothing to
/// find), a comment says so.
#[rustfmt::skip]
pub(super) const TABLE: &[Row] = &[
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
