//! Filling the customer form from Brønnøysund Enhetsregisteret: the look-up panel shown as an
//! organisation number is typed, and the form filled in from the register.

use askama::Template;
use axum::{
    Form,
    extract::{Query, State},
    response::Html,
};
use serde::Deserialize;

use super::{
    access::Visibility,
    form::{EditForm, form_view},
    model::CustomerDraft,
    store,
};
use crate::norway::orgnr::OrgNumber;
use crate::{
    AppState, Result,
    auth::Staff,
    geo::postal,
    i18n::Lang,
    integrations::brreg::{BrregError, Enhet},
};

#[derive(Template)]
#[template(path = "customers/_brreg.html")]
struct BrregPanel {
    lang: Lang,
    enhet: Option<Enhet>,
    message: Option<String>,
    /// The customer that already has the number, when the user may see it (id, name).
    existing: Option<(i64, String)>,
    /// The number is already registered on a customer the user may not see: say only that.
    taken_elsewhere: bool,
}

impl BrregPanel {
    fn employees(&self) -> String {
        match self.enhet.as_ref().and_then(|e| e.antall_ansatte) {
            Some(n) => format!(" · {}", self.lang.t_count("brreg-employees", n)),
            None => String::new(),
        }
    }
    fn address(&self) -> String {
        self.enhet
            .as_ref()
            .and_then(|e| e.forretningsadresse.as_ref().or(e.postadresse.as_ref()))
            .map(|a| {
                format!(
                    "{}, {} {}",
                    a.street(),
                    a.postnummer.clone().unwrap_or_default(),
                    a.poststed.clone().unwrap_or_default()
                )
            })
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
pub struct BrregQuery {
    #[serde(default)]
    org_number: String,
}

/// GET /customers/brreg?org_number=…: what Enhetsregisteret knows, offered for filling the form.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn brreg_lookup(
    State(state): State<AppState>,
    user: Staff,
    Query(q): Query<BrregQuery>,
) -> Result<Html<String>> {
    let lang = user.lang;
    let mut panel = BrregPanel {
        lang,
        enhet: None,
        message: None,
        existing: None,
        taken_elsewhere: false,
    };
    if q.org_number.trim().is_empty() {
        return Ok(Html(String::new()));
    }
    match OrgNumber::parse(&q.org_number) {
        Err(_) => panel.message = Some(lang.t("brreg-invalid-number")),
        Ok(number) => {
            let visibility = Visibility::of(&user, state.config.consultant_scope);
            panel.existing = store::visible_with_org_number(&state.db, visibility, number.as_str())
                .await?
                .map(|c| (c.id, c.name));
            panel.taken_elsewhere =
                panel.existing.is_none() && org_number_taken(&state, number.as_str()).await?;
            match state.brreg.enhet(number.as_str()).await {
                Ok(enhet) => panel.enhet = Some(enhet),
                Err(BrregError::NotFound) => panel.message = Some(lang.t("brreg-not-found")),
                Err(BrregError::Removed) => panel.message = Some(lang.t("brreg-removed")),
                Err(BrregError::Unreachable(why)) => {
                    tracing::warn!(%why, "Enhetsregisteret unreachable");
                    panel.message = Some(lang.t("brreg-unreachable"));
                }
            }
        }
    }
    Ok(Html(panel.render().map_err(anyhow::Error::from)?))
}

/// Whether any customer, seen by the user or not, has this organisation number.
async fn org_number_taken(state: &AppState, org_number: &str) -> Result<bool> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM customers WHERE org_number = $1")
        .bind(org_number)
        .fetch_optional(&state.db.pool)
        .await?;
    Ok(found.is_some())
}

/// POST /customers/prefill: the form again, with what Enhetsregisteret knows filled in.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn prefill(
    State(state): State<AppState>,
    user: Staff,
    Form(input): Form<EditForm>,
) -> Result<Html<String>> {
    let mut draft = input.draft;
    let notice_key = match OrgNumber::parse(&draft.org_number) {
        Ok(number) => match state.brreg.enhet(number.as_str()).await {
            Ok(enhet) => {
                merge_enhet(&mut draft, &enhet);
                "brreg-filled"
            }
            Err(BrregError::NotFound) => "brreg-not-found",
            Err(BrregError::Removed) => "brreg-removed",
            Err(BrregError::Unreachable(_)) => "brreg-unreachable",
        },
        Err(_) => "brreg-invalid-number",
    };
    let form_notice = Some(user.lang.t(notice_key));
    let mut form = form_view(&state, user.lang, draft).await?;
    form.customer_id = input.customer_id.trim().parse().ok();
    form.version = input.version.trim().parse().unwrap_or(0);
    form.notice = form_notice;
    Ok(Html(form.render().map_err(anyhow::Error::from)?))
}

/// Fills the draft from the register; fields the register lacks keep what the user typed.
pub fn merge_enhet(draft: &mut CustomerDraft, enhet: &Enhet) {
    draft.name = company_name_case(&enhet.navn);
    draft.org_number = enhet.organisasjonsnummer.clone();
    if let Some(code) = &enhet.naeringskode1 {
        draft.industry_code = code.kode.clone();
        draft.industry_text = code.beskrivelse.clone();
    }
    if let Some(a) = &enhet.forretningsadresse {
        draft.visit_street = a.street();
        draft.visit_postal_code = a.postnummer.clone().unwrap_or_default();
    }
    if let Some(a) = &enhet.postadresse {
        draft.postal_street = a.street();
        draft.postal_postal_code = a.postnummer.clone().unwrap_or_default();
    }
    if let Some(site) = &enhet.hjemmeside {
        draft.website = site.clone();
    }
}

/// `FJORD BYGG OG ANLEGG AS` → `Fjord Bygg og Anlegg AS`: the register writes names in capitals.
pub fn company_name_case(name: &str) -> String {
    const FORMS: [&str; 9] = ["AS", "ASA", "ANS", "DA", "ENK", "SA", "NUF", "BA", "KS"];
    name.split_whitespace()
        .enumerate()
        .map(|(i, word)| {
            if FORMS.contains(&word) {
                word.to_string()
            } else if i > 0 && matches!(word, "OG" | "I" | "PÅ" | "AV") {
                word.to_lowercase()
            } else {
                postal::title_case(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_register_names_in_ordinary_case() {
        assert_eq!(
            super::company_name_case("FJORD BYGG OG ANLEGG AS"),
            "Fjord Bygg og Anlegg AS"
        );
        assert_eq!(super::company_name_case("EQUINOR ASA"), "Equinor ASA");
    }
}
