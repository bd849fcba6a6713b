//! The agency's public job pages, no log-in: `/jobs` (published ads, newest first, paged) and
//! `/jobs/{slug}` (one ad with its JSON-LD, Open Graph tags and the application form). An ad
//! that is not published, or whose deadline has passed, is 404 here; so is its logo
//! (`/jobs/{slug}/logo`, the customer's logo for an ad that shows the customer as employer —
//! the only one of the customer's documents the public ever gets).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    apply::ApplyForm,
    model::{ContactPerson, EmployerShown},
    posting::Posting,
    store::{self, JobAd, PAGE_SIZE},
};
use crate::{
    AppError, AppState, Result,
    error::FieldErrors,
    i18n::Lang,
    timefmt::{
        date_text, now,
        when::{date_string, oslo_date, parse_date},
    },
    web::{ReqLang, form::field_messages, format_size},
};

/// Public pages may be kept by browsers and proxies for a minute.
pub const CACHE: &str = "public, max-age=60";

/// Today in Oslo, `YYYY-MM-DD`: an ad is public through its deadline's day.
pub fn today() -> String {
    date_string(oslo_date(now()))
}

/// How the public pages write an ad's facts.
pub fn deadline_text(lang: Lang, a: &JobAd) -> String {
    match &a.deadline {
        Some(d) => parse_date(d).map(date_text).unwrap_or_default(),
        None => lang.t("job-ad-asap"),
    }
}

pub fn place_text(a: &JobAd) -> String {
    match (&a.postal_code, &a.city) {
        (Some(p), Some(c)) => format!("{p} {c}"),
        (None, Some(c)) => c.clone(),
        (Some(p), None) => p.clone(),
        (None, None) => String::new(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListParams {
    page: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "job_ads/public_list.html")]
pub struct ListView {
    lang: Lang,
    agency: String,
    postings: Vec<Posting>,
    page: i64,
    pages: i64,
    total: i64,
}

impl ListView {
    fn deadline(&self, p: &Posting) -> String {
        deadline_text(self.lang, &p.ad)
    }
    fn place(&self, p: &Posting) -> String {
        place_text(&p.ad)
    }
    fn count(&self) -> String {
        self.lang.t_count("job-ad-public-count", self.total)
    }
}

fn cached(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    h.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    res
}

/// GET /jobs
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let page = params
        .page
        .trim()
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, 10_000);
    let (ads, total) = store::public_list(&state.db, &today(), page).await?;
    let postings = Posting::all(&state, ads, lang).await?;
    let view = ListView {
        lang,
        agency: state.config.seller.name.clone(),
        postings,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        total,
    };
    Ok(cached(view.into_response()))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AdParams {
    /// Where the visitor came from (a sharing link's `?src=`).
    pub src: String,
    /// `1` after an application was received.
    pub applied: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "job_ads/public_ad.html")]
pub struct AdView {
    pub lang: Lang,
    pub p: Posting,
    /// The contact person's name, when the ad names one the public may see.
    pub contact: Option<String>,
    pub form: ApplyForm,
    pub errors: FieldErrors,
    /// Why the application was not taken (honeypot, too many posts).
    pub refused: Option<String>,
    pub applied: bool,
    pub max_bytes: u64,
}

impl AdView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn deadline(&self) -> String {
        deadline_text(self.lang, &self.p.ad)
    }
    fn place(&self) -> String {
        place_text(&self.p.ad)
    }
    fn type_label(&self) -> String {
        self.lang
            .t(&format!("job-ad-type-{}", self.p.ad.employment_type))
    }
    fn start(&self) -> Option<String> {
        let a = &self.p.ad;
        a.start_date
            .as_deref()
            .and_then(parse_date)
            .map(date_text)
            .or(a.start_text.clone())
    }
    fn json_ld(&self) -> String {
        self.p.json_ld_script()
    }
    fn max_size(&self) -> String {
        format_size(self.max_bytes as i64)
    }
}

/// The ad's page, with the form as typed (or empty).
pub async fn ad_view(state: &AppState, lang: Lang, a: JobAd, form: ApplyForm) -> Result<AdView> {
    // A customer's contact is not shown on an anonymous ad: their name could tell who the
    // customer is.
    let contact = match a.contact() {
        Some(ContactPerson::Staff(id)) => crate::staff::users::active_names(&state.db)
            .await?
            .into_iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n),
        Some(ContactPerson::Contact(id))
            if EmployerShown::parse(&a.employer_shown) == Some(EmployerShown::Customer) =>
        {
            crate::contacts::lookup::names_of(&state.db, &[id])
                .await?
                .into_iter()
                .next()
                .map(|(_, n)| n)
        }
        _ => None,
    };
    Ok(AdView {
        lang,
        p: Posting::of(state, a, lang).await?,
        contact,
        form,
        errors: FieldErrors::default(),
        refused: None,
        applied: false,
        max_bytes: state.config.max_upload_bytes,
    })
}

/// The public ad with `slug`, or 404.
pub async fn public_ad(state: &AppState, slug: &str) -> Result<JobAd> {
    store::public_get(&state.db, slug, &today())
        .await?
        .ok_or(AppError::NotFound)
}

/// GET /jobs/{slug}
#[tracing::instrument(skip_all)]
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(slug): Path<String>,
    Query(params): Query<AdParams>,
) -> Result<Response> {
    let a = public_ad(&state, &slug).await?;
    let form = ApplyForm {
        src: super::apply::source(&params.src),
        ..ApplyForm::default()
    };
    let mut view = ad_view(&state, lang, a, form).await?;
    view.applied = params.applied == "1";
    if view.applied {
        return Ok(view.into_response());
    }
    Ok(cached(view.into_response()))
}

/// A logo may be kept for five minutes: its address changes with a new logo (`?v=`), and an ad
/// taken down stops serving it soon after.
pub const LOGO_CACHE: &str = "public, max-age=300";

/// GET /jobs/{slug}/logo: the customer's logo of a public ad that shows the customer as
/// employer; 404 for any other ad (anonymous, the agency's, not public) and when there is none.
#[tracing::instrument(skip_all)]
pub async fn logo(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response> {
    let a = public_ad(&state, &slug).await?;
    if EmployerShown::parse(&a.employer_shown) != Some(EmployerShown::Customer) {
        return Err(AppError::NotFound);
    }
    let file = super::posting::logo_file(&state.db, a.customer_id)
        .await?
        .filter(|f| super::posting::LOGO_TYPES.contains(&f.content_type.as_str()))
        .ok_or(AppError::NotFound)?;
    let mut res = crate::files::respond(
        &state.files,
        &crate::files::Served {
            key: &file.storage_key,
            content_type: &file.content_type,
            size_bytes: file.size_bytes,
            file_name: &file.file_name,
            sha256: &file.sha256,
        },
        true,
    )
    .await?;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(LOGO_CACHE));
    Ok(res)
}
