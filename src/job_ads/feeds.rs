//! The public ads as feeds for the agency's own website: `/jobs/feed.atom` (Atom, RFC 4287) and
//! `/jobs/feed.json` (JSON Feed 1.1), the newest [`FEED_SIZE`] ads, each with the employer as
//! the ad shows it (`posting`).

use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

use super::{
    posting::Posting,
    public::{CACHE, deadline_text, place_text, today},
    store,
};
use crate::{AppState, Result, i18n::Lang, timefmt::now, timefmt::when::iso_oslo, web::ReqLang};

/// How many ads a feed carries.
pub const FEED_SIZE: usize = 50;

async fn postings(state: &AppState, lang: Lang) -> Result<Vec<Posting>> {
    let mut out = Vec::new();
    let mut page = 1;
    while out.len() < FEED_SIZE {
        let (ads, _) = store::public_list(&state.db, &today(), page).await?;
        if ads.is_empty() {
            break;
        }
        let room = FEED_SIZE - out.len();
        out.extend(Posting::all(state, ads.into_iter().take(room).collect(), lang).await?);
        page += 1;
    }
    Ok(out)
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn answer(content_type: &'static str, body: String) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    res
}

fn link(state: &AppState, path: &str) -> String {
    state
        .config
        .public_url
        .join(path)
        .map(|u| u.to_string())
        .unwrap_or_default()
}

/// GET /jobs/feed.atom
#[tracing::instrument(skip_all)]
pub async fn atom(State(state): State<AppState>, ReqLang(lang): ReqLang) -> Result<Response> {
    let items = postings(&state, lang).await?;
    let agency = state.config.seller.name.clone();
    let updated = items
        .iter()
        .map(|p| p.ad.updated_at.max(p.ad.published_at.unwrap_or(0)))
        .max()
        .unwrap_or_else(now);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <title>{}</title>\n<id>{}</id>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
         <updated>{}</updated>\n<author><name>{}</name></author>\n",
        lang.code(),
        xml(&lang.t_with("job-ad-feed-title", &[("agency", agency.clone())])),
        xml(&link(&state, "jobs")),
        xml(&link(&state, "jobs/feed.atom")),
        xml(&link(&state, "jobs")),
        iso_oslo(updated),
        xml(&agency),
    ));
    for p in &items {
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n\
             <summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            xml(&p.ad.title),
            xml(&p.url),
            xml(&p.url),
            p.published_rfc3339,
            p.updated_rfc3339,
            xml(&p.employer),
            xml(&p.summary),
            xml(&p.description_html),
        ));
    }
    out.push_str("</feed>\n");
    Ok(answer("application/atom+xml; charset=utf-8", out))
}

/// The JSON feed (JSON Feed 1.1) of the public ads.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct JsonFeed {
    /// `https://jsonfeed.org/version/1.1`.
    pub version: String,
    pub title: String,
    pub home_page_url: String,
    pub feed_url: String,
    /// `nb` or `en`, from the request's `Accept-Language`.
    pub language: String,
    pub authors: Vec<FeedAuthor>,
    /// The newest public ads (at most 50), newest first.
    pub items: Vec<FeedItem>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FeedAuthor {
    pub name: String,
}

/// One public ad.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FeedItem {
    /// The ad's public address (also its `url`).
    pub id: String,
    pub url: String,
    pub title: String,
    /// The lead and the sanitised body.
    pub content_html: String,
    /// The same without tags.
    pub summary: String,
    /// RFC 3339.
    pub date_published: String,
    /// RFC 3339.
    pub date_modified: String,
    /// The employer as the ad shows it.
    pub authors: Vec<FeedAuthor>,
    /// The job's facts (a JSON Feed extension, hence the underscore).
    #[serde(rename = "_job")]
    pub job: FeedJob,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FeedJob {
    /// The agency, the customer or "a customer of ours", as the ad shows it.
    pub employer: String,
    /// The address of the customer's logo, only when the ad shows the customer as employer and
    /// the customer has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer_logo: Option<String>,
    pub place: String,
    /// `YYYY-MM-DD`; none for "as soon as possible".
    pub deadline: Option<String>,
    pub deadline_text: String,
    /// schema.org's `employmentType` (`FULL_TIME`, `TEMPORARY`, …).
    pub employment_type: String,
    pub positions: i64,
}

/// The public ads as a JSON feed for the agency's own website: no log-in.
#[utoipa::path(get, path = "/jobs/feed.json", tag = "job ads", security(()),
    responses((status = 200, description = "The newest public ads (JSON Feed 1.1), in the language of `Accept-Language` (bokmål by default).",
        content_type = "application/feed+json", body = JsonFeed)))]
#[tracing::instrument(skip_all)]
pub async fn json_feed(State(state): State<AppState>, ReqLang(lang): ReqLang) -> Result<Response> {
    let items = postings(&state, lang).await?;
    let agency = state.config.seller.name.clone();
    let items: Vec<FeedItem> = items
        .iter()
        .map(|p| FeedItem {
            id: p.url.clone(),
            url: p.url.clone(),
            title: p.ad.title.clone(),
            content_html: p.description_html.clone(),
            summary: p.summary.clone(),
            date_published: p.published_rfc3339.clone(),
            date_modified: p.updated_rfc3339.clone(),
            authors: vec![FeedAuthor {
                name: p.employer.clone(),
            }],
            job: FeedJob {
                employer: p.employer.clone(),
                employer_logo: p.logo_url.clone(),
                place: place_text(&p.ad),
                deadline: p.ad.deadline.clone(),
                deadline_text: deadline_text(lang, &p.ad),
                employment_type: p.ad.employment_type.clone(),
                positions: p.ad.positions,
            },
        })
        .collect();
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1".into(),
        title: lang.t_with("job-ad-feed-title", &[("agency", agency.clone())]),
        home_page_url: link(&state, "jobs"),
        feed_url: link(&state, "jobs/feed.json"),
        language: lang.code().into(),
        authors: vec![FeedAuthor { name: agency }],
        items,
    };
    Ok(answer(
        "application/feed+json; charset=utf-8",
        serde_json::to_string(&feed).map_err(anyhow::Error::from)?,
    ))
}
