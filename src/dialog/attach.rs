//! Attachments uploaded while writing an email: each file becomes a document on the card first
//! (category "other"), so what was sent is always on record; the compose form then attaches it.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    documents::{
        store::{self as documents, Meta},
        upload::{self, Refused},
    },
    web,
};

/// One file now on the card, ready to attach.
pub struct Attached {
    pub version_id: i64,
    pub file_name: String,
    pub size: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dialog/_attached.html")]
pub struct AttachedFragment {
    attached: Vec<Attached>,
    refused: Vec<Refused>,
}

/// POST /customers/{id}/dialog/attachments — htmx adds the new files to the compose form's list;
/// without JavaScript, back to a new email with them attached.
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn upload(
    State(state): State<AppState>,
    user: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response> {
    CardHead::load_editable(&state, &user, id, "dialog").await?;
    let parsed = upload::receive(
        multipart,
        &state.files,
        id,
        state.config.max_upload_bytes,
        user.lang,
    )
    .await?;
    let other = documents::categories(&state.db, true)
        .await?
        .into_iter()
        .find(|c| c.key.as_deref() == Some("other"))
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the category 'other' is missing")))?;
    let meta = Meta {
        category_id: other.id,
        description: user.lang.t("dialog-attachment-description"),
        valid_until: None,
        shared_with_customer: false,
    };
    let mut attached = Vec::new();
    let mut tx = state.db.begin().await?;
    for r in &parsed.received {
        let (_, version_id) =
            documents::create(&mut tx, id, &meta, &r.file_name, &r.stored, Some(user.id)).await?;
        attached.push(Attached {
            version_id,
            file_name: r.file_name.clone(),
            size: crate::web::format_size(r.stored.size_bytes),
        });
    }
    tx.commit().await?;
    if web::is_htmx(&headers) {
        return Ok(AttachedFragment {
            attached,
            refused: parsed.refused,
        }
        .into_response());
    }
    let query: Vec<(&str, String)> = attached
        .iter()
        .map(|a| ("attach", a.version_id.to_string()))
        .collect();
    let query = serde_urlencoded::to_string(&query).unwrap_or_default();
    Ok(Redirect::to(&format!("/customers/{id}/dialog/email?{query}")).into_response())
}
