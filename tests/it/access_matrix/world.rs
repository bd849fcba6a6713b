//! The one world every actor is tried against, and how a route's path is filled from it.

use std::{
    collections::BTreeMap,
    sync::atomic::{AtomicU32, Ordering},
};

use kundekort::{
    auth::{hash_token, tokens},
    customers::model::CustomerDraft,
};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

use crate::support::{
    TestApp,
    fixtures::{at, category, contact, documents, meeting, pdf, upload},
    http::local_client,
    invoices::{issued, line, pay},
    timesheets::portal,
    workers,
};

/// The seeded world: "the customer" (Oslo department, owned by Ola) with what belongs to it,
/// another customer (Bergen), and a client per actor.
pub(super) struct World {
    pub(super) actors: Vec<reqwest::Client>,
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
    pub(super) async fn seed(app: &TestApp) -> Self {
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

    pub(super) fn id(&self, key: &str) -> &str {
        self.ids
            .get(key)
            .unwrap_or_else(|| panic!("no seeded record for {{{key}}}: add it to World::seed"))
    }

    /// `template` with its parameters filled with the seeded world's ids; a fresh record for
    /// the parameter a route consumes (see [`consumes`]).
    pub(super) async fn path_for(
        &self,
        app: &TestApp,
        method: &str,
        template: &str,
        actor: usize,
    ) -> String {
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
