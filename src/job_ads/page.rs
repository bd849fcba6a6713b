//! The staff's page of a job ad: its channels, the sharing links per channel and where
//! applicants came from, and publish / unpublish everywhere. Access is the customer card's
//! (`CardHead`), as for the vacancy's and the recruitment's own routes; the form is
//! [`super::form`].

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    channels,
    form::{ad, origin_of},
    model::{AdStatus, Channel, UnpublishReason},
    store::{self, JobAd, Publication},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::card::CardHead,
    error::Msg,
    i18n::Lang,
    timefmt::{
        now, oslo_datetime,
        when::{date_string, oslo_date},
    },
    web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "job_ads/show.html")]
pub struct ShowView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    a: JobAd,
    sources: Vec<(String, i64)>,
    public_url: String,
    refused: Option<String>,
    rows: Vec<ChannelRow>,
    /// What arbeidsplassen.no would refuse in the ad (when it is meant to go there).
    nav_problems: Vec<String>,
    /// What FINN requires and the ad lacks (when it is meant to go there).
    finn_problems: Vec<String>,
}

/// How the ad stands on one channel, as the page shows it.
pub struct ChannelRow {
    pub channel: &'static str,
    pub name: String,
    /// The publication's status word (for the badge's class), when there is a row.
    pub status: Option<String>,
    /// What to say: the status, or why nothing was sent.
    pub text: String,
    /// When the row last changed.
    pub when: Option<String>,
    /// The channel's last word (a refusal's reason, a passing problem).
    pub detail: Option<String>,
    /// The ad's address on the channel (NAV's, once published there).
    pub url: Option<String>,
    /// A standing note (FINN: the format is not verified with FINN).
    pub note: Option<String>,
}

/// Each ad's external channels in one line ("arbeidsplassen.no: Publisert · FINN: …"), for the
/// vacancy's list of ads; ads with nothing sent are left out.
pub async fn compact_channels(
    state: &AppState,
    lang: Lang,
    ads: &[JobAd],
) -> Result<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for a in ads {
        let publications = store::publications(&state.db, a.id).await?;
        let parts: Vec<String> = channel_rows(lang, &state.config, a, &publications)
            .into_iter()
            .filter(|r| r.channel != Channel::Homepage.as_str() && r.status.is_some())
            .map(|r| {
                lang.t_with(
                    "job-ad-channels-compact",
                    &[("channel", r.name), ("status", r.text)],
                )
            })
            .collect();
        if !parts.is_empty() {
            out.push((a.id, parts.join(" · ")));
        }
    }
    Ok(out)
}

/// The rows of the ad's channels: homepage, arbeidsplassen.no, FINN.
pub fn channel_rows(
    lang: Lang,
    config: &crate::config::Config,
    a: &JobAd,
    publications: &[Publication],
) -> Vec<ChannelRow> {
    Channel::ALL
        .iter()
        .map(|&c| {
            let p = publications.iter().find(|p| p.channel == c.as_str());
            let mut row = ChannelRow {
                channel: c.as_str(),
                name: lang.t(&format!("job-ad-channel-{}", c.as_str())),
                status: p.map(|p| p.status.clone()),
                text: String::new(),
                when: p.map(|p| oslo_datetime(p.updated_at)),
                detail: None,
                url: None,
                note: (c == Channel::Finn).then(|| lang.t("job-ad-finn-not-verified")),
            };
            row.text = match p {
                Some(p) if c == Channel::Finn && p.status == "pending" => {
                    let d = p.detail.as_deref().unwrap_or_default();
                    if let Some(file) = d.strip_prefix(channels::FINN_EXPORTED) {
                        lang.t_with("job-ad-finn-exported", &[("file", file.to_string())])
                    } else if d == channels::FINN_SENT {
                        lang.t("job-ad-finn-sent")
                    } else {
                        row.detail = p.detail.clone();
                        lang.t("job-ad-publication-pending")
                    }
                }
                Some(p) => {
                    row.detail = p.detail.clone();
                    if c == Channel::Arbeidsplassen && p.status == "published" {
                        row.url = p.channel_url.clone();
                    }
                    lang.t(&format!("job-ad-publication-{}", p.status))
                }
                None if c == Channel::Homepage => lang.t("job-ad-channel-not-yet"),
                None if !channels::configured(config, c) => {
                    lang.t(&format!("job-ad-channel-not-set-up-{}", c.as_str()))
                }
                None if !channels::chosen(a, c) => lang.t("job-ad-channel-not-chosen"),
                None => lang.t("job-ad-channel-on-publish"),
            };
            row
        })
        .collect()
}

/// The sources a sharing link is made for.
pub const SHARE_SOURCES: [&str; 4] = ["linkedin", "facebook", "email", "sms"];

/// Where applicants came from, as people read it (`finn`, `arbeidsplassen`, `other` as stored).
pub fn source_label(lang: Lang, source: &str) -> String {
    if SHARE_SOURCES.contains(&source) || source == "direct" {
        lang.t(&format!("job-ad-source-{source}"))
    } else {
        source.to_string()
    }
}

impl ShowView {
    fn status_label(&self) -> String {
        self.lang.t(&format!("job-ad-status-{}", self.a.status))
    }
    fn is_published(&self) -> bool {
        self.a.status() == AdStatus::Published
    }
    fn edit_url(&self) -> String {
        format!(
            "/customers/{}/ads/{}/edit",
            self.card.customer.id, self.a.id
        )
    }
    /// The link to share on `source`, with the ad's address tagged by the source.
    fn share_link(&self, source: &str) -> String {
        share_link(&self.public_url, &self.a.title, source)
    }
    fn tracked(&self, source: &str) -> String {
        format!("{}?src={source}", self.public_url)
    }
    fn shares(&self) -> Vec<(&'static str, String)> {
        SHARE_SOURCES
            .iter()
            .map(|s| (*s, self.lang.t(&format!("job-ad-source-{s}"))))
            .collect()
    }
    fn source_label(&self, source: &str) -> String {
        source_label(self.lang, source)
    }
    /// Why the ad was taken down, when it was.
    fn reason(&self) -> Option<String> {
        let key = match UnpublishReason::parse(self.a.unpublished_reason.as_deref()?)? {
            UnpublishReason::Manual => "job-ad-unpublished-by-hand",
            UnpublishReason::Deadline => "job-ad-expired",
            UnpublishReason::VacancyClosed => "job-ad-vacancy-closed",
            UnpublishReason::RecruitmentClosed => "job-ad-recruitment-closed",
        };
        Some(self.lang.t(key))
    }
    fn employer_label(&self) -> String {
        self.lang
            .t(&format!("job-ad-employer-{}", self.a.employer_shown))
    }
    fn type_label(&self) -> String {
        self.lang
            .t(&format!("job-ad-type-{}", self.a.employment_type))
    }
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A channel's sharing address for the ad at `url` (tagged `?src={source}`).
pub fn share_link(url: &str, title: &str, source: &str) -> String {
    let tracked = format!("{url}?src={source}");
    match source {
        "linkedin" => format!(
            "https://www.linkedin.com/sharing/share-offsite/?url={}",
            enc(&tracked)
        ),
        "facebook" => format!(
            "https://www.facebook.com/sharer/sharer.php?u={}",
            enc(&tracked)
        ),
        "email" => format!(
            "mailto:?subject={}&body={}",
            enc(title).replace('+', "%20"),
            enc(&tracked)
        ),
        "sms" => format!(
            "sms:?&body={}",
            enc(&format!("{title} {tracked}")).replace('+', "%20")
        ),
        _ => tracked,
    }
}

async fn show_view(state: &AppState, user: &Staff, id: i64, aid: i64) -> Result<ShowView> {
    let card = CardHead::load(state, user, id, "assignments").await?;
    let a = ad(state, id, aid).await?;
    let publications = store::publications(&state.db, aid).await?;
    let sources = store::sources(&state.db, aid).await?;
    let rows = channel_rows(user.lang, &state.config, &a, &publications);
    let nav_problems = if channels::chosen(&a, Channel::Arbeidsplassen) {
        channels::nav_ad(state, &a)
            .await?
            .problems()
            .iter()
            .map(|p| p.message(user.lang))
            .collect()
    } else {
        Vec::new()
    };
    let finn_problems = if channels::chosen(&a, Channel::Finn) {
        channels::finn_ad(state, &a)
            .await?
            .problems()
            .iter()
            .map(|p| p.message(user.lang))
            .collect()
    } else {
        Vec::new()
    };
    let public_url = state
        .config
        .public_url
        .join(&format!("jobs/{}", a.slug))
        .map(|u| u.to_string())
        .unwrap_or_default();
    Ok(ShowView {
        lang: user.lang,
        chrome: Chrome::new(user, "customers"),
        card,
        a,
        sources,
        public_url,
        refused: None,
        rows,
        nav_problems,
        finn_problems,
    })
}

/// GET /customers/{id}/ads/{aid}
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, ad = aid))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<ShowView> {
    show_view(&state, &user, id, aid).await
}

#[derive(Deserialize)]
pub struct MoveForm {
    /// `publish` or `unpublish`.
    action: String,
}

/// POST /customers/{id}/ads/{aid}/status: publish, or unpublish everywhere.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, ad = aid))]
pub async fn change_status(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<Response> {
    CardHead::load_editable(&state, &user, id, "assignments").await?;
    let a = ad(&state, id, aid).await?;
    let today = date_string(oslo_date(now()));
    let open = match (a.vacancy_id, a.recruitment_id) {
        (None, None) => true,
        _ => origin_of(&state, id, &a).await?.is_open(),
    };
    let mut tx = state.db.begin().await?;
    let done = match form.action.as_str() {
        "publish" => {
            if open {
                match store::publish(&mut tx, user.id, &a, &today).await {
                    Ok(()) => channels::queue_sends(&mut tx, &state.config, &a).await,
                    Err(e) => Err(e),
                }
            } else {
                Err(AppError::Conflict(Msg::new(if a.vacancy_id.is_some() {
                    "job-ad-vacancy-not-open"
                } else {
                    "job-ad-recruitment-not-open"
                })))
            }
        }
        "unpublish" => store::unpublish(&mut tx, Some(user.id), aid, UnpublishReason::Manual)
            .await
            .map(|_| ()),
        _ => return Err(AppError::BadRequest(Msg::new("form-malformed"))),
    };
    match done {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("/customers/{id}/ads/{aid}")).into_response())
        }
        Err(AppError::Conflict(why)) => {
            tx.rollback().await?;
            let mut view = show_view(&state, &user, id, aid).await?;
            view.refused = Some(why.render(user.lang));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_carry_the_source() {
        let url = "https://firma.no/jobs/lager-ab12";
        assert_eq!(
            share_link(url, "Lager", "linkedin"),
            "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Ffirma.no%2Fjobs%2Flager-ab12%3Fsrc%3Dlinkedin"
        );
        assert!(
            share_link(url, "Lager i Oslo", "email")
                .starts_with("mailto:?subject=Lager%20i%20Oslo&body=")
        );
        assert!(share_link(url, "Lager", "sms").contains("src%3Dsms"));
    }
}
