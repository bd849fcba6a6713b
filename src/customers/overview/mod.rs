//! The customer card's overview (part 2): info boxes each user arranges (master data, addresses,
//! invoice details, fixed comments, key figures, the timeline, change history), fixed comments, invoice
//! details and updating from Enhetsregisteret.

pub mod brreg_update;
pub mod comments;
pub mod invoice;
pub mod invoice_figures;
pub mod layout;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
};

use super::{card::CardHead, history, pages::status_key, store::Customer};
use crate::norway::orgnr;
use crate::{
    AppState, Result,
    audit::Change,
    auth::Staff,
    contacts::lookup,
    error::FieldErrors,
    i18n::Lang,
    timefmt,
    web::{self, Chrome, form::field_messages},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/customers/{id}/comments", post(comments::create))
        .route("/customers/{id}/comments/{cid}", post(comments::update))
        .route(
            "/customers/{id}/comments/{cid}/delete",
            post(comments::delete),
        )
        .route(
            "/customers/{id}/comments/{cid}/move",
            post(comments::reorder),
        )
        .route(
            "/customers/{id}/invoice-settings",
            get(invoice::edit).post(invoice::save),
        )
        .route(
            "/customers/{id}/brreg",
            get(brreg_update::preview).post(brreg_update::apply),
        )
        .route("/card-layout", post(layout::reorder))
        .route("/card-layout/move", post(layout::move_box))
        .route("/card-layout/hide", post(layout::hide))
        .route("/card-layout/show", post(layout::show))
        .route("/card-layout/reset", post(layout::reset))
        .route("/admin/card-layout", post(layout::make_firm_default))
}

pub struct HistoryEntry {
    pub entity: String,
    pub subject: Option<String>,
    /// Where the subject is shown (an invoice's page).
    pub link: Option<String>,
    pub when: String,
    pub who: String,
    pub action: String,
    pub changes: Vec<Change>,
}

pub struct Figures {
    pub contacts: i64,
    pub active_assignments: i64,
    /// Hours worked on the customer's assignments in the last 30 days (today included), on
    /// timesheets submitted or approved, as shown.
    pub hours_30_days: String,
    pub portal_users: i64,
    pub customer_since: String,
    pub invoices: invoice_figures::InvoiceFigures,
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/overview.html")]
pub struct OverviewView {
    pub lang: Lang,
    pub chrome: Chrome,
    pub card: CardHead,
    pub c: Customer,
    pub layout: layout::Layout,
    pub history: Vec<HistoryEntry>,
    pub invoice: invoice::InvoiceSettings,
    pub figures: Figures,
    /// The first page of the timeline (`customers::timeline`).
    pub timeline: super::timeline::Timeline,
    /// The latest activities from the diary.
    pub activities: Vec<crate::diary::ActivitySummary>,
    pub saved: bool,
    pub comment_errors: FieldErrors,
    pub comment_draft: String,
    pub is_admin: bool,
    /// Names for the ids the history stores (owner, department).
    pub names: Names,
}

/// The minutes reported on the customer's timesheets in the 30 days up to today.
async fn last_30_days(state: &AppState, id: i64) -> Result<i64> {
    let today = timefmt::when::oslo_date(timefmt::now());
    let from = today - time::Duration::days(29);
    crate::timesheets::store::hours_between(
        &state.db,
        id,
        &timefmt::when::date_string(from),
        &timefmt::when::date_string(today),
    )
    .await
}

/// Users' and departments' names by id, so that the history shows people, not numbers.
#[derive(Default)]
pub struct Names {
    users: std::collections::HashMap<i64, String>,
    departments: std::collections::HashMap<i64, String>,
}

impl Names {
    async fn load(db: &crate::db::Db) -> Result<Self> {
        let users: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM users")
            .fetch_all(&db.pool)
            .await?;
        let deps: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM departments")
            .fetch_all(&db.pool)
            .await?;
        Ok(Names {
            users: users.into_iter().collect(),
            departments: deps.into_iter().collect(),
        })
    }
    fn lookup(map: &std::collections::HashMap<i64, String>, raw: &str) -> String {
        raw.parse::<i64>()
            .ok()
            .and_then(|id| map.get(&id).cloned())
            .unwrap_or_else(|| raw.to_string())
    }
}

impl OverviewView {
    fn field_label(&self, entity: &str, field: &str) -> String {
        if entity == invoice_figures::DOCUMENT_ENTITY {
            return self.lang.t(&format!(
                "history-invoice-field-{}",
                field.replace('_', "-")
            ));
        }
        self.lang
            .t(&format!("{entity}-{}", field.replace('_', "-")))
    }
    fn value_text(&self, field: &str, value: &Option<String>) -> String {
        let Some(v) = value else {
            return "—".to_string();
        };
        match field {
            "status" if matches!(v.as_str(), "planned" | "ended" | "cancelled") => {
                self.lang.t(&format!("assignment-status-{v}"))
            }
            "status" if matches!(v.as_str(), "draft" | "issued") => {
                self.lang.t(&format!("invoice-status-{v}"))
            }
            "status" => self.lang.t(status_key(v)),
            "unit_price_ore" => v
                .parse::<i64>()
                .map_or_else(|_| v.clone(), crate::money::format_kr),
            "legal_basis" => self.lang.t(&format!("legal-basis-{v}")),
            "vacancy_status" => self.lang.t(&format!("vacancy-status-{v}")),
            "stage" => self.lang.t(&format!("vacancy-stage-{v}")),
            "org_number" => orgnr::format_grouped(v),
            "is_main" | "active" | "ehf_enabled" | "po_required" | "shared_with_customer" => {
                self.lang.t(if v == "1" { "yes" } else { "no" })
            }
            "mobile" => crate::norway::mobile::format_mobile(v),
            "delivery_method" => self.lang.t(&format!("delivery-{v}")),
            "owner_id" => Names::lookup(&self.names.users, v),
            "department_id" => Names::lookup(&self.names.departments, v),
            _ => v.clone(),
        }
    }
    fn overdue_text(&self) -> String {
        self.figures.invoices.overdue_text(self.lang)
    }
    fn box_title(&self, key: &str) -> String {
        self.lang.t(&format!("box-{key}"))
    }
    fn comment_errs(&self) -> Vec<String> {
        field_messages(&self.comment_errors, self.lang, "comment")
    }
    fn map_link(&self) -> Option<String> {
        let street = self.c.visit_street.as_deref()?;
        let q = format!(
            "{street}, {} {}",
            self.c.visit_postal_code.as_deref().unwrap_or(""),
            self.c.visit_city.as_deref().unwrap_or("")
        );
        Some(format!(
            "https://www.openstreetmap.org/search?query={}",
            web::errors::url_encode(&q)
        ))
    }
    fn ehf_receiver(&self) -> String {
        self.invoice
            .peppol_id
            .clone()
            .or_else(|| self.c.org_number.as_deref().map(|o| format!("0192:{o}")))
            .unwrap_or_default()
    }
    fn delivery_text(&self) -> String {
        self.lang
            .t(&format!("delivery-{}", self.invoice.delivery_method))
    }
    fn terms_text(&self) -> String {
        self.lang
            .t_count("invoice-days", self.invoice.payment_terms_days)
    }
    fn activity_type(&self, a: &crate::diary::ActivitySummary) -> String {
        a.type_label(self.lang)
    }
    fn people(&self, a: &crate::diary::ActivitySummary) -> String {
        a.participants
            .iter()
            .chain(&a.contacts)
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn comment_time(&self, ts: &i64) -> String {
        timefmt::oslo_datetime(*ts)
    }
}

#[derive(serde::Deserialize, Default)]
pub struct ShowParams {
    saved: Option<String>,
}

async fn build(state: &AppState, user: &Staff, id: i64) -> Result<OverviewView> {
    let card = CardHead::load(state, user, id, "overview").await?;
    let rows = history::latest(&state.db, id, 50).await?;
    let invoice_ids: Vec<i64> = rows
        .iter()
        .filter(|r| invoice_figures::is_document_event(&r.entity, &r.action))
        .map(|r| r.entity_id)
        .collect();
    let invoice_subjects = invoice_figures::subjects(&state.db, &invoice_ids, user.lang).await?;
    let history = rows
        .into_iter()
        .map(|row| {
            let invoice = invoice_figures::is_document_event(&row.entity, &row.action);
            HistoryEntry {
                subject: if invoice {
                    invoice_subjects.get(&row.entity_id).cloned()
                } else {
                    row.subject
                },
                link: invoice.then(|| format!("/invoices/{}", row.entity_id)),
                when: timefmt::oslo_datetime(row.at),
                who: row
                    .user_name
                    .unwrap_or_else(|| user.lang.t("history-system")),
                action: if invoice {
                    invoice_figures::action_label(&row.action, user.lang)
                } else {
                    user.lang.t(&format!("history-{}", row.action))
                },
                changes: serde_json::from_str(&row.changes).unwrap_or_default(),
                entity: if invoice {
                    invoice_figures::DOCUMENT_ENTITY.to_string()
                } else {
                    row.entity
                },
            }
        })
        .collect();
    let today = timefmt::when::date_string(timefmt::when::oslo_date(timefmt::now()));
    let (contacts, portal_users) = lookup::counts(&state.db, id).await?;
    Ok(OverviewView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        c: card.customer.clone(),
        figures: Figures {
            contacts,
            active_assignments: crate::assignments::store::count_active(&state.db, id).await?,
            hours_30_days: timefmt::hours_text(last_30_days(state, id).await?),
            portal_users,
            customer_since: timefmt::oslo_date(card.customer.created_at),
            invoices: invoice_figures::figures(&state.db, id, &today).await?,
        },
        card,
        layout: layout::for_user(&state.db, user.id).await?,
        history,
        invoice: invoice::load(&state.db, id).await?,
        activities: crate::diary::latest_for_customer(&state.db, id, 5).await?,
        timeline: super::timeline::Timeline::load(&state.db, user.lang, id, Vec::new(), None)
            .await?,
        saved: false,
        comment_errors: FieldErrors::default(),
        comment_draft: String::new(),
        is_admin: user.role.is_admin(),
        names: Names::load(&state.db).await?,
    })
}

/// GET /customers/{id}: the card's overview.
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(params): Query<ShowParams>,
) -> Result<OverviewView> {
    let mut view = build(&state, &user, id).await?;
    view.saved = params.saved.is_some();
    Ok(view)
}

/// The overview again with a comment's validation message and the typed text.
pub(crate) async fn render_with_comment_error(
    state: &AppState,
    user: &Staff,
    id: i64,
    errors: FieldErrors,
    draft: String,
) -> Result<Response> {
    let mut view = build(state, user, id).await?;
    view.comment_errors = errors;
    view.comment_draft = draft;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
}
