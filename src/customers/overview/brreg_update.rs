//! "Update from Enhetsregisteret": fetch the company, show what differs from what we have,
//! and change nothing until the user confirms (with the version they saw).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::{
        access::Visibility,
        brreg_form::merge_enhet,
        card::CardHead,
        model::CustomerDraft,
        store::{self, Updated},
    },
    error::Msg,
    i18n::Lang,
    integrations::brreg::BrregError,
    web::Chrome,
};

pub struct Difference {
    pub label: String,
    pub ours: String,
    pub register: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/brreg_update.html")]
pub struct BrregUpdatePage {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    differences: Vec<Difference>,
    message: Option<String>,
    /// The register gave nothing to compare: offer the card's edit form.
    offer_edit: bool,
    version: i64,
}

fn differences(lang: Lang, ours: &CustomerDraft, theirs: &CustomerDraft) -> Vec<Difference> {
    let pairs = [
        ("name", &ours.name, &theirs.name),
        ("industry_code", &ours.industry_code, &theirs.industry_code),
        ("industry_text", &ours.industry_text, &theirs.industry_text),
        ("visit_street", &ours.visit_street, &theirs.visit_street),
        (
            "visit_postal_code",
            &ours.visit_postal_code,
            &theirs.visit_postal_code,
        ),
        ("postal_street", &ours.postal_street, &theirs.postal_street),
        (
            "postal_postal_code",
            &ours.postal_postal_code,
            &theirs.postal_postal_code,
        ),
        ("website", &ours.website, &theirs.website),
    ];
    pairs
        .iter()
        .filter(|(field, a, b)| {
            // Websites are stored with a scheme; the register writes them without.
            let norm = |s: &str| {
                s.trim()
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .to_lowercase()
            };
            if *field == "website" {
                norm(a) != norm(b)
            } else {
                a.trim() != b.trim()
            }
        })
        .map(|(field, a, b)| Difference {
            label: lang.t(&format!("customer-{}", field.replace('_', "-"))),
            ours: if a.is_empty() {
                "—".into()
            } else {
                a.to_string()
            },
            register: if b.is_empty() {
                "—".into()
            } else {
                b.to_string()
            },
        })
        .collect()
}

/// What the register says, merged over what we have; or the message to show instead.
async fn fetch(
    state: &AppState,
    card: &CardHead,
) -> std::result::Result<CustomerDraft, &'static str> {
    let Some(org) = card.customer.org_number.clone() else {
        return Err("brreg-no-org-number");
    };
    let mut merged = card.customer.to_draft();
    match state.brreg.enhet(&org).await {
        Ok(enhet) => {
            merge_enhet(&mut merged, &enhet);
            Ok(merged)
        }
        // This page has no form: the user corrects the card in its edit form instead.
        Err(BrregError::NotFound) => Err("brreg-update-not-found"),
        Err(BrregError::Removed) => Err("brreg-removed"),
        Err(BrregError::Unreachable(_)) => Err("brreg-update-unreachable"),
    }
}

/// GET /customers/{id}/brreg
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn preview(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<BrregUpdatePage> {
    let card = CardHead::load_editable(&state, &user, id, "overview").await?;
    let (differences, message, offer_edit) = match fetch(&state, &card).await {
        Ok(merged) => {
            let d = differences(user.lang, &card.customer.to_draft(), &merged);
            let msg = d.is_empty().then(|| user.lang.t("brreg-no-differences"));
            (d, msg, false)
        }
        Err(key) => (Vec::new(), Some(user.lang.t(key)), true),
    };
    Ok(BrregUpdatePage {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        version: card.customer.version,
        card,
        differences,
        message,
        offer_edit,
    })
}

#[derive(Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    version: String,
}

/// POST /customers/{id}/brreg: apply what the register says.
#[tracing::instrument(skip_all, fields(customer_id = id, user_id = user.id))]
pub async fn apply(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<ApplyForm>,
) -> Result<Response> {
    let card = CardHead::load_editable(&state, &user, id, "overview").await?;
    let merged = fetch(&state, &card)
        .await
        .map_err(|key| AppError::Unavailable(Msg::new(key)))?;
    let data = merged.validate().map_err(AppError::Invalid)?;
    let expected: i64 = form.version.trim().parse().unwrap_or(0);
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let mut tx = state.db.begin().await?;
    match store::update(
        &mut tx,
        visibility,
        user.id,
        &card.customer,
        expected,
        &data,
    )
    .await?
    {
        Updated::Saved(_) => {
            state.db.commit_and_recount(tx).await?;
            Ok(Redirect::to(&format!("/customers/{id}?saved=1")).into_response())
        }
        Updated::Stale(_) => Ok((
            StatusCode::CONFLICT,
            preview(State(state), user, Path(id)).await?,
        )
            .into_response()),
    }
}
