//! The public ads as feeds for the agency's own website: `/jobs/feed.atom` (Atom, RFC 4287) and
//! `/jobs/feed.json` (JSON Feed 1.1), the newest [`FEED_SIZE`] ads, each with the employer as
//! the ad shows it (`posting`).

use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

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
        for a in ads {
            if out.len() < FEED_SIZE {
                out.push(Posting::of(state, a, lang).await?);
            }
        }
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

/// GET /jobs/feed.json
#[tracing::instrument(skip_all)]
pub async fn json_feed(State(state): State<AppState>, ReqLang(lang): ReqLang) -> Result<Response> {
    let items = postings(&state, lang).await?;
    let agency = state.config.seller.name.clone();
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|p| {
            json!({
                "id": p.url,
                "url": p.url,
                "title": p.ad.title,
                "content_html": p.description_html,
                "summary": p.summary,
                "date_published": p.published_rfc3339,
                "date_modified": p.updated_rfc3339,
                "authors": [{ "name": p.employer }],
                "_job": {
                    "employer": p.employer,
                    "place": place_text(&p.ad),
                    "deadline": p.ad.deadline,
                    "deadline_text": deadline_text(lang, &p.ad),
                    "employment_type": p.ad.employment_type,
                    "positions": p.ad.positions,
                },
            })
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": lang.t_with("job-ad-feed-title", &[("agency", agency.clone())]),
        "home_page_url": link(&state, "jobs"),
        "feed_url": link(&state, "jobs/feed.json"),
        "language": lang.code(),
        "authors": [{ "name": agency }],
        "items": items,
    });
    Ok(answer(
        "application/feed+json; charset=utf-8",
        feed.to_string(),
    ))
}
