//! In the customer portal: contacts with the *sign documents* right see what waits for their
//! signature, and open it from there.

use axum::{
    extract::{Path, State},
    response::Redirect,
};

use super::{
    links,
    store::{self, Waiting},
};
use crate::{AppError, AppState, Result, contacts::model::Right, portal::session::PortalUser};

/// Orders waiting for this contact's signature (empty without the right).
pub async fn waiting(state: &AppState, me: &PortalUser) -> Result<Vec<Waiting>> {
    if !me.rights.has(Right::SignDocuments) {
        return Ok(Vec::new());
    }
    store::waiting_for_contact(&state.db, me.contact_id, me.customer_id).await
}

/// GET /portal/sign/{sid} — to the signing page of one of the contact's own open signatures,
/// through a link made now for this contact (the one they were mailed keeps working).
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, signer_id = sid))]
pub async fn open(
    State(state): State<AppState>,
    me: PortalUser,
    Path(sid): Path<i64>,
) -> Result<Redirect> {
    me.require(Right::SignDocuments)?;
    let item = waiting(&state, &me)
        .await?
        .into_iter()
        .find(|w| w.signer_id == sid)
        .ok_or(AppError::NotFound)?;
    let url = links::mint_link(&state, item.signer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&url))
}
