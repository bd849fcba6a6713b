//! The card's documents tab: the list with its filters, the bin, and uploading new documents.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    rules,
    store::{self, Category, Document, Filter},
    upload::{self, MetaForm, Refused},
};
use crate::{
    AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    i18n::Lang,
    timefmt,
    timefmt::when::{day_start, parse_date},
    web::{Chrome, quick},
};

#[derive(Deserialize, Default, Clone)]
pub struct ListParams {
    pub category: Option<String>,
    pub uploader: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub q: Option<String>,
    pub bin: Option<String>,
    pub uploaded: Option<String>,
}

impl ListParams {
    fn filter(&self) -> Filter {
        let id = |v: &Option<String>| v.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
        let day = |v: &Option<String>| v.as_deref().and_then(parse_date).map(day_start);
        Filter {
            category_id: id(&self.category),
            uploader_id: id(&self.uploader),
            from: day(&self.from),
            to: day(&self.to).map(|t| t + 86_400),
            q: self.q.clone(),
            deleted: self.bin.is_some(),
            ..Filter::default()
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/tab.html", blocks = ["quick"])]
pub struct TabView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    documents: Vec<Document>,
    categories: Vec<Category>,
    uploaders: Vec<(i64, String)>,
    params: ListParams,
    bin: bool,
    is_admin: bool,
    form: MetaForm,
    form_errors: Vec<String>,
    refused: Vec<Refused>,
    uploaded: usize,
    max_bytes: u64,
    max_files: usize,
    /// Rendered for the card head's dialog (the `quick` block).
    quick: bool,
}

impl TabView {
    /// The upload form's ids: prefixed in the dialog, which may sit on this very tab.
    fn idp(&self) -> &'static str {
        if self.quick { "quick-" } else { "" }
    }
    fn size(&self, bytes: &i64) -> String {
        crate::web::format_size(*bytes)
    }
    fn when(&self, ts: &i64) -> String {
        timefmt::oslo_date(*ts)
    }
    fn val<'a>(&self, v: &'a Option<String>) -> &'a str {
        v.as_deref().unwrap_or("")
    }
    fn sel(&self, v: &Option<String>, id: &i64) -> bool {
        v.as_deref() == Some(id.to_string().as_str())
    }
    fn max_text(&self) -> String {
        crate::web::format_size(self.max_bytes as i64)
    }
    fn category_selected(&self, id: &i64) -> bool {
        self.form.category_id == id.to_string()
    }
    /// A date stored as `2026-12-31`, shown as `31.12.2026`.
    fn date(&self, d: &Option<String>) -> String {
        match d.as_deref().and_then(parse_date) {
            Some(date) => format!(
                "{:02}.{:02}.{}",
                date.day(),
                u8::from(date.month()),
                date.year()
            ),
            None => String::new(),
        }
    }
}

async fn uploaders(state: &AppState, customer_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT DISTINCT u.id, u.name FROM document_versions v \
         JOIN documents d ON d.id = v.document_id JOIN users u ON u.id = v.uploaded_by \
         WHERE d.customer_id = $1 ORDER BY u.name",
    )
    .bind(customer_id)
    .fetch_all(&state.db.pool)
    .await?)
}

async fn view(
    state: &AppState,
    user: &Staff,
    card: CardHead,
    params: ListParams,
    form: MetaForm,
) -> Result<TabView> {
    let bin = params.bin.is_some() && rules::sees_bin(user);
    let mut filter = params.filter();
    filter.deleted = bin;
    let customer_id = card.customer.id;
    let categories = store::categories(&state.db, false).await?;
    let mut form = form;
    if form.category_id.is_empty() {
        form.category_id = rules::default_category(&categories)
            .map(|id| id.to_string())
            .unwrap_or_default();
    }
    Ok(TabView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        documents: store::list(&state.db, customer_id, &filter).await?,
        categories,
        uploaders: uploaders(state, customer_id).await?,
        uploaded: params
            .uploaded
            .as_deref()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        params,
        bin,
        is_admin: user.role.is_admin(),
        card,
        form,
        form_errors: Vec::new(),
        refused: Vec::new(),
        max_bytes: state.config.max_upload_bytes,
        max_files: upload::MAX_FILES,
        quick: false,
    })
}

/// GET /customers/{id}/documents
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(params): Query<ListParams>,
) -> Result<TabView> {
    let card = CardHead::load(&state, &user, id, "documents").await?;
    view(&state, &user, card, params, MetaForm::default()).await
}

/// GET /customers/{id}/documents/upload — the upload form for the card head's dialog; without
/// htmx, the tab with its own form.
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn upload_form(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "documents").await?;
    if !quick::is_quick(&headers) {
        return Ok(Redirect::to(&format!("/customers/{id}/documents#upload-form")).into_response());
    }
    let mut page = view(
        &state,
        &user,
        card,
        ListParams::default(),
        MetaForm::default(),
    )
    .await?;
    page.quick = true;
    let form = page.as_quick();
    quick::fragment(StatusCode::OK, &form)
}

/// POST /customers/{id}/documents — one or more new documents. When every file was kept, back
/// to the list; otherwise the list again with the refused files named and the details kept.
/// From the card head's dialog: a confirmation, or the upload form alone with what went wrong.
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn create(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Result<Response> {
    let quick = quick::is_quick(&headers);
    let card = CardHead::load_editable(&state, &user, id, "documents").await?;
    let parsed = upload::receive(
        multipart,
        &state.files,
        id,
        state.config.max_upload_bytes,
        user.lang,
    )
    .await?;
    let categories = rules::upload_categories(&state).await?;
    let mut form_errors = Vec::new();
    let mut refused = parsed.refused;
    let mut kept = 0;
    match parsed.meta.validate(&categories) {
        Err(errors) => {
            upload::discard(&state.files, &parsed.received).await;
            form_errors = errors.iter().map(|m| m.render(user.lang)).collect();
            if !parsed.received.is_empty() {
                form_errors.push(user.lang.t("document-choose-files-again"));
            }
        }
        Ok(meta) => {
            if parsed.received.is_empty() && refused.is_empty() {
                form_errors.push(user.lang.t("document-no-files"));
            }
            kept = rules::file_received(&state, id, &meta, &parsed.received, user.id)
                .await?
                .len();
        }
    }
    if form_errors.is_empty() && refused.is_empty() {
        if quick {
            return Ok(quick::done(
                &user
                    .lang
                    .t_with("document-uploaded", &[("count", kept.to_string())]),
            ));
        }
        return Ok(
            Redirect::to(&format!("/customers/{id}/documents?uploaded={kept}")).into_response(),
        );
    }
    let mut page = view(
        &state,
        &user,
        card,
        ListParams {
            uploaded: Some(kept.to_string()),
            ..ListParams::default()
        },
        parsed.meta,
    )
    .await?;
    page.form_errors = form_errors;
    page.refused = std::mem::take(&mut refused);
    if quick {
        page.quick = true;
        return quick::fragment(StatusCode::UNPROCESSABLE_ENTITY, &page.as_quick());
    }
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
