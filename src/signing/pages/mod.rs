//! Staff pages: the customer's signing orders, one order with its signers and timeline,
//! reminders and cancelling; sending a contract for signing is in [`send`].

mod send;

pub use self::send::{NewParams, OrderForm, create, new};

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::signing::{
    orders,
    store::{self, Event, Order, OrderSummary, Signer},
};
use crate::{
    AppError, AppState, Result, auth::Staff, customers::card::CardHead, dialog::outbox,
    documents::store as documents, i18n::Lang, timefmt, web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "signing/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    orders: Vec<OrderSummary>,
}

/// GET /customers/{id}/signing
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<ListView> {
    let card = CardHead::load(&state, &user, id, "documents").await?;
    orders::expire_overdue(&state).await?;
    Ok(ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        orders: store::orders_for_customer(&state.db, id).await?,
        card,
    })
}

/// The form as typed.
#[derive(Template, WebTemplate)]
#[template(path = "signing/order.html")]
pub struct OrderView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    order: Order,
    summary: Option<OrderSummary>,
    signers: Vec<Signer>,
    events: Vec<Event>,
    document_title: String,
    sent: bool,
    reminded: Option<String>,
    email_configured: bool,
    error: Option<String>,
    /// How each signer still to sign is reached, by signer id (decisions 0047, 0049).
    reach: Vec<(i64, orders::Reach)>,
}

impl OrderView {
    fn reach_of(&self, s: &Signer) -> Option<orders::Reach> {
        self.reach
            .iter()
            .find(|(id, _)| *id == s.id)
            .map(|(_, r)| *r)
    }
    /// Reminders go by email or SMS: offered only when one of them reaches the signer.
    fn can_remind(&self, s: &Signer) -> bool {
        self.reach_of(s).is_some_and(orders::Reach::sends)
    }
    /// The channel that carries the signer's link, said next to them (decision 0049).
    fn channel(&self, s: &Signer) -> Option<String> {
        match self.reach_of(s)? {
            orders::Reach::Email => Some(self.lang.t("signing-by-email")),
            orders::Reach::Sms => Some(self.lang.t_with(
                "signing-by-sms",
                &[(
                    "mobile",
                    crate::norway::mobile::format_mobile(
                        &orders::sms_number(&s.mobile).unwrap_or_default(),
                    ),
                )],
            )),
            orders::Reach::Portal | orders::Reach::None => None,
        }
    }
    fn in_portal(&self, s: &Signer) -> bool {
        self.reach_of(s) == Some(orders::Reach::Portal)
    }
    /// The signers nothing reaches, named in a warning.
    fn unreachable(&self) -> Vec<String> {
        self.signers
            .iter()
            .filter(|s| self.reach_of(s) == Some(orders::Reach::None))
            .map(|s| {
                self.lang
                    .t_with("signing-unreachable", &[("name", s.name.clone())])
            })
            .collect()
    }
    fn when(&self, ts: &i64) -> String {
        timefmt::oslo_datetime(*ts)
    }
    fn date(&self, ts: &i64) -> String {
        timefmt::oslo_date(*ts)
    }
    fn event_text(&self, e: &Event) -> String {
        self.lang
            .t(&format!("signing-event-{}", e.kind.replace('_', "-")))
    }
    fn state_key(&self) -> &'static str {
        self.summary
            .as_ref()
            .map(OrderSummary::state_key)
            .unwrap_or("signing-state-sent")
    }
    fn is_open(&self) -> bool {
        self.order.status == store::status::OPEN
    }
}

#[derive(Deserialize, Default)]
pub struct OrderParams {
    sent: Option<String>,
    reminded: Option<String>,
}

async fn order_view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    order: Order,
) -> Result<OrderView> {
    let summary = store::orders_for_document(&state.db, order.document_id)
        .await?
        .into_iter()
        .find(|o| o.id == order.id);
    let document_title = documents::get(&state.db, order.customer_id, order.document_id)
        .await?
        .map(|d| d.title)
        .unwrap_or_default();
    let signers = store::signers(&state.db, order.id).await?;
    let mut reach = Vec::new();
    if order.status == store::status::OPEN {
        for s in signers.iter().filter(|s| {
            s.status == store::signer_status::OPEN || s.status == store::signer_status::OPENED
        }) {
            reach.push((s.id, orders::reach(state, &order.method, s).await?));
        }
    }
    Ok(OrderView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        reach,
        signers,
        events: store::events(&state.db, order.id).await?,
        summary,
        document_title,
        card,
        order,
        sent: false,
        reminded: None,
        email_configured: outbox::email_configured(&state.config),
        error: None,
    })
}

async fn load_order(state: &AppState, id: i64, oid: i64) -> Result<Order> {
    store::order(&state.db, id, oid)
        .await?
        .ok_or(AppError::NotFound)
}

/// GET /customers/{id}/signing/{oid}
#[tracing::instrument(skip_all, fields(customer_id = id, order_id = oid, user_id = user.id))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, oid)): Path<(i64, i64)>,
    Query(params): Query<OrderParams>,
) -> Result<OrderView> {
    let card = CardHead::load(&state, &user, id, "documents").await?;
    orders::expire_overdue(&state).await?;
    let order = load_order(&state, id, oid).await?;
    let mut view = order_view(&state, &user, card, order).await?;
    view.sent = params.sent.is_some();
    view.reminded = params.reminded;
    Ok(view)
}

/// POST /customers/{id}/signing/{oid}/signers/{sid}/remind
#[tracing::instrument(skip_all, fields(customer_id = id, order_id = oid, signer_id = sid, user_id = user.id))]
pub async fn remind(
    State(state): State<AppState>,
    user: Staff,
    Path((id, oid, sid)): Path<(i64, i64, i64)>,
) -> Result<Redirect> {
    CardHead::load_editable(&state, &user, id, "documents").await?;
    let order = load_order(&state, id, oid).await?;
    let signer = store::signer(&state.db, sid)
        .await?
        .filter(|s| s.order_id == order.id)
        .ok_or(AppError::NotFound)?;
    orders::remind(&state, &order, &signer, user.id).await?;
    Ok(Redirect::to(&format!(
        "/customers/{id}/signing/{oid}?reminded={}",
        crate::web::errors::url_encode(&signer.name)
    )))
}

/// POST /customers/{id}/signing/{oid}/cancel
#[tracing::instrument(skip_all, fields(customer_id = id, order_id = oid, user_id = user.id))]
pub async fn cancel(
    State(state): State<AppState>,
    user: Staff,
    Path((id, oid)): Path<(i64, i64)>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "documents").await?;
    let order = load_order(&state, id, oid).await?;
    match orders::cancel(&state, &order, user.id).await {
        Ok(()) => Ok(Redirect::to(&format!("/customers/{id}/signing/{oid}")).into_response()),
        Err(AppError::Unavailable(msg) | AppError::Conflict(msg)) => {
            let mut view = order_view(&state, &user, card, order).await?;
            view.error = Some(msg.render(user.lang));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(err) => Err(err),
    }
}
