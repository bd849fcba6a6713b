//! The card's "Fakturaer" tab (`/customers/{id}/invoices`): the customer's invoices and credit
//! notes with status, the sums (invoiced, outstanding, overdue) and, for whoever may change the
//! customer, "New invoice" making a draft.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Response},
};

use super::list::{ListParams, Listing, SumsAt, listing};
use crate::{
    AppState, Result,
    auth::Staff,
    customers::{access::Visibility, card::CardHead},
    i18n::Lang,
    web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "invoices/tab.html")]
pub struct TabView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    listing: Listing,
}

/// GET /customers/{id}/invoices
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn tab(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(mut params): Query<ListParams>,
) -> Result<Response> {
    let card = CardHead::load(&state, &user, id, "invoices").await?;
    let params = ListParams {
        customer: id.to_string(),
        page: params.page,
        after: params.after,
        status: std::mem::take(&mut params.status),
        ..Default::default()
    };
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let base = format!("/customers/{id}/invoices");
    let listing = listing(
        &state.db,
        user.lang,
        visibility,
        &params,
        &base,
        SumsAt::Page,
    )
    .await?;
    Ok(TabView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        listing,
    }
    .into_response())
}
