//! In the customer portal: contacts with the *sign documents* right see what waits for their
//! signature, and open it from there.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::CookieJar;

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
/// through a link made now for this contact (the one they were mailed keeps working). With the
/// simple signature the portal log-in is the proof of identity (decision 0047): the browser is
/// marked verified for this signer, the evidence says so, and no code by email is needed — so
/// a contact can sign when email is not set up.
#[tracing::instrument(skip_all, fields(customer_id = me.customer_id, contact_id = me.contact_id, signer_id = sid))]
pub async fn open(
    State(state): State<AppState>,
    jar: CookieJar,
    me: PortalUser,
    Path(sid): Path<i64>,
) -> Result<Response> {
    me.require(Right::SignDocuments)?;
    let item = waiting(&state, &me)
        .await?
        .into_iter()
        .find(|w| w.signer_id == sid)
        .ok_or(AppError::NotFound)?;
    let url = links::mint_link(&state, item.signer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if item.method != store::METHOD_SIMPLE {
        // BankID: the broker's own link, which asks for BankID.
        return Ok(Redirect::to(&url).into_response());
    }
    let cookie = super::simple::mark_verified(
        &state,
        item.order_id,
        item.signer_id,
        super::simple::VIA_PORTAL,
        Some(me.name.clone()),
    )
    .await?;
    Ok((jar.add(cookie), Redirect::to(&url)).into_response())
}
