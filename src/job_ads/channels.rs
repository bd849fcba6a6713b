//! The external channels of a job ad (decision 0040): arbeidsplassen.no through NAV's import
//! API (`integrations::arbeidsplassen`) and FINN through its unverified export
//! (`integrations::finn`).
//!
//! - [`nav_ad`] and [`finn_ad`] map an ad (with its customer, the firm's settings and its
//!   contact person) to the clients' input. The employer is the customer (with the sub-unit's
//!   orgnr typed on the ad) only when the ad shows the customer; an ad showing the agency or "a
//!   customer of ours" names the agency, and for the latter nothing of the customer is read.
//! - Publishing an ad, and saving a published one, queues a send per chosen channel that is set
//!   up ([`queue_sends`]); the jobs ([`Channels`]) record the outcome in
//!   `job_ad_publications`: a passing problem is retried by the job system with its back-off
//!   (and `failed` after the last attempt), a refusal is `refused` with the reason, NAV's
//!   receipt is `pending` with our reference. Taking an ad down queues a stop on NAV
//!   ([`queue_stop`]), which makes the row `stopped` on NAV's receipt.
//! - The recurring [`POLL`] asks NAV for each pending or published ad's status, at most once per
//!   [`MIN_STATUS_POLL_INTERVAL`] per ad: ACTIVE is `published` with NAV's URL, REJECTED
//!   `refused` with NAV's message, STOPPED/DELETED `stopped`; no answer yet (404) stays pending.
//! - FINN: a file drop is "exported" and an answer without a body "sent, not confirmed", both
//!   `pending`; only FINN's receipt makes the row `published`.

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use time::{Duration, OffsetDateTime, PrimitiveDateTime, Time};
use time_tz::{OffsetDateTimeExt, timezones::db::europe::OSLO};

use super::{
    model::{AdStatus, Channel, ContactPerson, EmployerShown, EmploymentType},
    posting::Posting,
    store::{self, JobAd},
};
use crate::{
    Result,
    config::Config,
    customers::access::Visibility,
    i18n::Lang,
    integrations::{
        arbeidsplassen::{
            ApplicationDue, ArbeidsplassenClient, EngagementType, Extent, MIN_STATUS_POLL_INTERVAL,
            NavAd, NavContact, NavEmployer, NavError, NavLocation, NavProperties, PublishStatus,
            Sector, StartTime, Styrk08,
        },
        finn::{
            FinnAd, FinnAdType, FinnContact, FinnDeadline, FinnError, FinnExporter, FinnLocation,
            FinnOccupation, FinnOutcome,
        },
    },
    jobs::{self, BoxFuture, Claimed, Handler, Outcome},
    state::AppState,
    timefmt::{now, when::parse_date},
};

/// Sends (or sends again) an ad to arbeidsplassen.no.
pub const SEND_NAV: &str = "job_ads.arbeidsplassen_send";
/// Stops an ad on arbeidsplassen.no.
pub const STOP_NAV: &str = "job_ads.arbeidsplassen_stop";
/// Exports an ad to FINN.
pub const SEND_FINN: &str = "job_ads.finn_send";
/// The recurring status poll of arbeidsplassen.no.
pub const POLL: &str = "job_ads.arbeidsplassen_poll";
/// How often the poll runs; each ad is still asked at most once per
/// [`MIN_STATUS_POLL_INTERVAL`].
pub const POLL_EVERY_SECONDS: i64 = 10 * 60;

/// `detail` of a FINN row whose document was dropped as a file (followed by the file's name).
pub const FINN_EXPORTED: &str = "exported:";
/// `detail` of a FINN row whose document was POSTed and answered without a receipt.
pub const FINN_SENT: &str = "sent";

#[derive(Serialize, Deserialize)]
struct AdJob {
    ad_id: i64,
}

/// Our reference of the ad at the channels (stable across updates).
pub fn reference(ad_id: i64) -> String {
    format!("kundekort-job-ad-{ad_id}")
}

/// Whether the channel's provider is set up (the homepage always is).
pub fn configured(config: &Config, channel: Channel) -> bool {
    match channel {
        Channel::Homepage => true,
        Channel::Arbeidsplassen => config.arbeidsplassen.is_some(),
        Channel::Finn => config.finn.is_some(),
    }
}

/// Whether the ad is meant to go to `channel`.
pub fn chosen(ad: &JobAd, channel: Channel) -> bool {
    match channel {
        Channel::Homepage => true,
        Channel::Arbeidsplassen => ad.to_arbeidsplassen == 1,
        Channel::Finn => ad.to_finn == 1,
    }
}

/// Marks a send as waiting: `pending` unless the channel already shows the ad (an update keeps
/// it `published`).
async fn mark_queued(conn: &mut AnyConnection, ad_id: i64, channel: Channel) -> Result<()> {
    sqlx::query(
        "INSERT INTO job_ad_publications (job_ad_id, channel, status, updated_at) \
         VALUES ($1, $2, 'pending', $3) ON CONFLICT (job_ad_id, channel) DO UPDATE SET \
         status = CASE WHEN job_ad_publications.status = 'published' THEN 'published' \
         ELSE 'pending' END, detail = NULL, updated_at = excluded.updated_at",
    )
    .bind(ad_id)
    .bind(channel.as_str())
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Queues the sends of a published ad to the channels it chose that are set up; a channel not
/// set up gets nothing (the page says so). An ad no longer meant for arbeidsplassen.no is
/// stopped there.
pub async fn queue_sends(conn: &mut AnyConnection, config: &Config, ad: &JobAd) -> Result<()> {
    let job = AdJob { ad_id: ad.id };
    if configured(config, Channel::Arbeidsplassen) {
        if chosen(ad, Channel::Arbeidsplassen) {
            mark_queued(conn, ad.id, Channel::Arbeidsplassen).await?;
            jobs::enqueue(conn, SEND_NAV, &job).await?;
        } else {
            queue_stop(conn, ad.id).await?;
        }
    }
    if configured(config, Channel::Finn) && chosen(ad, Channel::Finn) {
        mark_queued(conn, ad.id, Channel::Finn).await?;
        jobs::enqueue(conn, SEND_FINN, &job).await?;
    }
    Ok(())
}

/// Queues a stop on arbeidsplassen.no when NAV has the ad (a receipt was recorded and it is
/// not stopped yet). In the caller's transaction.
pub async fn queue_stop(conn: &mut AnyConnection, ad_id: i64) -> Result<()> {
    let on_nav: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM job_ad_publications WHERE job_ad_id = $1 AND channel = 'arbeidsplassen' \
         AND external_ref IS NOT NULL AND status IN ('pending', 'published')",
    )
    .bind(ad_id)
    .fetch_optional(&mut *conn)
    .await?;
    if on_nav.is_some() {
        jobs::enqueue(conn, STOP_NAV, &AdJob { ad_id }).await?;
    }
    Ok(())
}

/// Sets a channel's row.
async fn record(
    state: &AppState,
    ad_id: i64,
    channel: Channel,
    status: &str,
    external_ref: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO job_ad_publications (job_ad_id, channel, status, external_ref, detail, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (job_ad_id, channel) DO UPDATE \
         SET status = excluded.status, \
         external_ref = COALESCE(excluded.external_ref, job_ad_publications.external_ref), \
         detail = excluded.detail, updated_at = excluded.updated_at",
    )
    .bind(ad_id)
    .bind(channel.as_str())
    .bind(status)
    .bind(external_ref)
    .bind(detail)
    .bind(now())
    .execute(&state.db.pool)
    .await?;
    Ok(())
}

/// Notes a passing problem on the row without changing its status.
async fn note(state: &AppState, ad_id: i64, channel: Channel, detail: &str) -> Result<()> {
    sqlx::query(
        "UPDATE job_ad_publications SET detail = $1, updated_at = $2 \
         WHERE job_ad_id = $3 AND channel = $4",
    )
    .bind(detail)
    .bind(now())
    .bind(ad_id)
    .bind(channel.as_str())
    .execute(&state.db.pool)
    .await?;
    Ok(())
}

/// An instant as Oslo wall-clock time (NAV's and FINN's local date-times).
fn oslo_local(ts: i64) -> PrimitiveDateTime {
    let t = OffsetDateTime::from_unix_timestamp(ts)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_timezone(OSLO);
    PrimitiveDateTime::new(t.date(), t.time())
}

/// The firm as employer (name, orgnr and address from the seller settings).
fn agency(config: &Config) -> NavEmployer {
    let s = &config.seller;
    let some = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
    NavEmployer {
        business_name: s.name.clone(),
        orgnr: Some(s.org_number.as_str().to_string()),
        reference: None,
        location: NavLocation {
            address: some(&s.street),
            postal_code: some(&s.postal_code),
            city: some(&s.city),
            ..NavLocation::default()
        },
    }
}

fn place(ad: &JobAd) -> NavLocation {
    NavLocation {
        postal_code: ad.postal_code.clone(),
        city: ad.city.clone(),
        ..NavLocation::default()
    }
}

fn shown(ad: &JobAd) -> EmployerShown {
    EmployerShown::parse(&ad.employer_shown).unwrap_or(EmployerShown::Anonymous)
}

/// The employer NAV is given: the customer (its sub-unit's orgnr as typed on the ad) only when
/// the ad shows the customer; otherwise the agency. For "a customer of ours" the customer is
/// not even read.
async fn employer(state: &AppState, ad: &JobAd) -> Result<NavEmployer> {
    if shown(ad) != EmployerShown::Customer {
        return Ok(agency(&state.config));
    }
    let customer = crate::customers::store::get(&state.db, Visibility::All, ad.customer_id).await?;
    Ok(match customer {
        Some(c) => NavEmployer {
            business_name: c.name,
            orgnr: ad.employer_orgnr.clone(),
            reference: Some(format!("customer-{}", c.id)),
            location: place(ad),
        },
        None => agency(&state.config),
    })
}

/// A contact's first and last name, position, email and phone.
type ContactRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The applicants' contact: the agency's staff member, or the customer's contact unless the ad
/// hides the customer (a contact's name can tell who it is).
async fn contacts(state: &AppState, ad: &JobAd) -> Result<Vec<NavContact>> {
    let found = match ad.contact() {
        Some(ContactPerson::Contact(id)) if shown(ad) != EmployerShown::Anonymous => {
            let row: Option<ContactRow> = sqlx::query_as(
                "SELECT first_name, last_name, position, email, COALESCE(mobile, phone) \
                     FROM contacts WHERE id = $1 AND customer_id = $2",
            )
            .bind(id)
            .bind(ad.customer_id)
            .fetch_optional(&state.db.pool)
            .await?;
            row.map(|(first, last, title, email, phone)| NavContact {
                name: format!("{first} {last}").trim().to_string(),
                title,
                email,
                phone,
                role: None,
            })
        }
        Some(ContactPerson::Staff(id)) => {
            let row: Option<(String, String)> =
                sqlx::query_as("SELECT name, email FROM users WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&state.db.pool)
                    .await?;
            row.map(|(name, email)| NavContact {
                name,
                email: Some(email),
                ..NavContact::default()
            })
        }
        _ => None,
    };
    Ok(found.into_iter().collect())
}

/// NAV's engagement type and extent for the ad's schema.org employment type.
fn engagement(t: Option<EmploymentType>) -> (EngagementType, Option<Extent>) {
    match t {
        Some(EmploymentType::FullTime) => (EngagementType::Permanent, Some(Extent::FullTime)),
        Some(EmploymentType::PartTime) => (EngagementType::Permanent, Some(Extent::PartTime)),
        Some(EmploymentType::Temporary) => (EngagementType::Temporary, None),
        Some(EmploymentType::Contractor) => (EngagementType::Freelancer, None),
        Some(EmploymentType::Intern) => (EngagementType::Trainee, None),
        _ => (EngagementType::Other, None),
    }
}

/// When the ad was (or is now) published, as an instant.
fn published_at(ad: &JobAd) -> i64 {
    ad.published_at.unwrap_or_else(now)
}

/// The ad for arbeidsplassen.no.
pub async fn nav_ad(state: &AppState, ad: &JobAd) -> Result<NavAd> {
    let posting = Posting::of(state, ad.clone(), Lang::Nb).await?;
    let published = oslo_local(published_at(ad));
    let deadline = ad.deadline.as_deref().and_then(parse_date);
    // The deadline's day is included; "snarest" runs the ten days NAV gives it.
    let expires = match deadline {
        Some(d) => PrimitiveDateTime::new(d, Time::MIDNIGHT) + Duration::days(1),
        None => published + Duration::days(10),
    };
    let (engagement_type, extent) = engagement(EmploymentType::parse(&ad.employment_type));
    let start = match (
        ad.start_date.as_deref().and_then(parse_date),
        &ad.start_text,
    ) {
        (Some(d), _) => Some(StartTime::Date(d)),
        (None, Some(t)) => Some(StartTime::Text(t.clone())),
        _ => None,
    };
    let occupation = ad.styrk_code.as_ref().map(|code| Styrk08 {
        code: code.clone(),
        name: ad
            .occupation_title
            .clone()
            .unwrap_or_else(|| ad.title.clone()),
    });
    Ok(NavAd {
        reference: reference(ad.id),
        title: ad.title.clone(),
        ad_text: posting.description_html.clone(),
        positions: i32::try_from(ad.positions).unwrap_or(1),
        published,
        expires,
        employer: employer(state, ad).await?,
        locations: vec![place(ad)],
        contacts: contacts(state, ad).await?,
        properties: NavProperties {
            engagement_type: Some(engagement_type),
            extent,
            sector: Some(if ad.sector == "public" {
                Sector::Public
            } else {
                Sector::Private
            }),
            application_due: Some(match deadline {
                Some(d) => ApplicationDue::Date(d),
                None => ApplicationDue::Asap,
            }),
            start,
            application_url: Some(posting.url.clone()),
            job_title: ad.occupation_title.clone(),
            source_url: Some(posting.url.clone()),
            ..NavProperties::default()
        },
        occupation,
    })
}

/// The ad for FINN. The company is the employer as NAV gets it (the agency unless the ad shows
/// the customer); the occupation is the ad's occupation as typed, not a value of FINN's own
/// list (not mapped: decision 0040).
pub async fn finn_ad(state: &AppState, ad: &JobAd) -> Result<FinnAd> {
    let posting = Posting::of(state, ad.clone(), Lang::Nb).await?;
    let company = employer(state, ad).await?.business_name;
    let contacts = contacts(state, ad)
        .await?
        .into_iter()
        .map(|c| FinnContact {
            name: c.name,
            title: c.title,
            phone: c.phone,
            email: c.email,
        })
        .collect();
    Ok(FinnAd {
        reference: reference(ad.id),
        ad_type: if ad.employment_type == EmploymentType::PartTime.as_str() {
            FinnAdType::JobPartTime
        } else {
            FinnAdType::Job
        },
        title: ad.title.clone(),
        text: posting.description_html.clone(),
        company,
        positions: i32::try_from(ad.positions).unwrap_or(1),
        published: oslo_local(published_at(ad)),
        deadline: Some(match ad.deadline.as_deref().and_then(parse_date) {
            Some(d) => FinnDeadline::Date(d),
            None => FinnDeadline::Asap,
        }),
        application_url: posting.url.clone(),
        occupation: ad.occupation_title.clone().map(FinnOccupation::General),
        location: FinnLocation {
            postal_code: ad.postal_code.clone(),
            city: ad.city.clone(),
            ..FinnLocation::default()
        },
        contacts,
        duration: None,
        start: ad.start_text.clone().or_else(|| ad.start_date.clone()),
    })
}

/// Whether the ad should be on the external channels now.
fn live(ad: &JobAd) -> bool {
    ad.status() == AdStatus::Published
}

async fn send_nav(state: &AppState, ad_id: i64) -> Result<Outcome> {
    let Some(ad) = store::by_id(&state.db, ad_id).await? else {
        return Ok(Outcome::Done);
    };
    if !live(&ad) || !chosen(&ad, Channel::Arbeidsplassen) {
        return Ok(Outcome::Done);
    }
    let nav = nav_ad(state, &ad).await?;
    let client = ArbeidsplassenClient::new(state.config.arbeidsplassen.as_ref());
    let ch = Channel::Arbeidsplassen;
    Ok(match client.transfer(&[nav]).await {
        Ok(_) => {
            sqlx::query(
                "UPDATE job_ad_publications SET status = CASE WHEN status = 'published' \
                 THEN 'published' ELSE 'pending' END, external_ref = $1, detail = NULL, \
                 checked_at = NULL, updated_at = $2 WHERE job_ad_id = $3 AND channel = $4",
            )
            .bind(reference(ad_id))
            .bind(now())
            .bind(ad_id)
            .bind(ch.as_str())
            .execute(&state.db.pool)
            .await?;
            Outcome::Done
        }
        Err(NavError::NotConfigured) => Outcome::Done,
        Err(NavError::Invalid { problems, .. }) => {
            let text = problems
                .iter()
                .map(|p| p.message(Lang::Nb))
                .collect::<Vec<_>>();
            record(state, ad_id, ch, "refused", None, Some(&text.join(" "))).await?;
            Outcome::Done
        }
        Err(NavError::Refused { reason }) => {
            record(state, ad_id, ch, "refused", None, Some(&reason)).await?;
            Outcome::Done
        }
        Err(NavError::Retryable { reason }) => {
            note(state, ad_id, ch, &reason).await?;
            Outcome::Retry(reason)
        }
    })
}

async fn stop_nav(state: &AppState, ad_id: i64) -> Result<Outcome> {
    let ch = Channel::Arbeidsplassen;
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT external_ref FROM job_ad_publications WHERE job_ad_id = $1 AND channel = $2 \
         AND status IN ('pending', 'published')",
    )
    .bind(ad_id)
    .bind(ch.as_str())
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((Some(reference),)) = row else {
        return Ok(Outcome::Done);
    };
    // Published again (and meant for NAV) since the stop was queued: leave it.
    if let Some(ad) = store::by_id(&state.db, ad_id).await?
        && live(&ad)
        && chosen(&ad, ch)
    {
        return Ok(Outcome::Done);
    }
    let client = ArbeidsplassenClient::new(state.config.arbeidsplassen.as_ref());
    Ok(match client.stop(&reference).await {
        Ok(_) => {
            record(state, ad_id, ch, "stopped", None, None).await?;
            Outcome::Done
        }
        // NAV does not have it (any more): it is not shown there.
        Err(NavError::Refused { reason }) if reason.starts_with("HTTP 404") => {
            record(state, ad_id, ch, "stopped", None, Some(&reason)).await?;
            Outcome::Done
        }
        Err(NavError::Refused { reason }) => {
            record(state, ad_id, ch, "failed", None, Some(&reason)).await?;
            Outcome::Done
        }
        Err(NavError::Retryable { reason }) => {
            note(state, ad_id, ch, &reason).await?;
            Outcome::Retry(reason)
        }
        Err(e @ (NavError::NotConfigured | NavError::Invalid { .. })) => {
            Outcome::Fail(e.to_string())
        }
    })
}

async fn send_finn(state: &AppState, ad_id: i64) -> Result<Outcome> {
    let Some(ad) = store::by_id(&state.db, ad_id).await? else {
        return Ok(Outcome::Done);
    };
    if !live(&ad) || !chosen(&ad, Channel::Finn) {
        return Ok(Outcome::Done);
    }
    let finn = finn_ad(state, &ad).await?;
    let exporter = FinnExporter::new(state.config.finn.as_ref());
    let ch = Channel::Finn;
    Ok(match exporter.export(&finn).await {
        Ok(export) => {
            match export.outcome {
                FinnOutcome::Exported { path } => {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let detail = format!("{FINN_EXPORTED}{name}");
                    let status = keep_published(state, ad_id, ch).await?;
                    record(state, ad_id, ch, status, None, Some(&detail)).await?;
                }
                FinnOutcome::Sent { receipt: None } => {
                    let status = keep_published(state, ad_id, ch).await?;
                    record(state, ad_id, ch, status, None, Some(FINN_SENT)).await?;
                }
                FinnOutcome::Sent {
                    receipt: Some(receipt),
                } => {
                    let receipt: String = receipt.chars().take(500).collect();
                    record(state, ad_id, ch, "published", Some(&receipt), None).await?;
                }
            }
            Outcome::Done
        }
        Err(FinnError::NotConfigured) => Outcome::Done,
        Err(FinnError::Invalid(problems)) => {
            let text = problems
                .iter()
                .map(|p| p.message(Lang::Nb))
                .collect::<Vec<_>>();
            record(state, ad_id, ch, "refused", None, Some(&text.join(" "))).await?;
            Outcome::Done
        }
        Err(FinnError::Refused { reason }) => {
            record(state, ad_id, ch, "refused", None, Some(&reason)).await?;
            Outcome::Done
        }
        Err(FinnError::Retryable { reason }) => {
            note(state, ad_id, ch, &reason).await?;
            Outcome::Retry(reason)
        }
    })
}

/// `published` when FINN already confirmed the ad (an update keeps its receipt's word),
/// otherwise `pending`.
async fn keep_published(state: &AppState, ad_id: i64, ch: Channel) -> Result<&'static str> {
    let status: Option<String> = sqlx::query_scalar(
        "SELECT status FROM job_ad_publications WHERE job_ad_id = $1 AND channel = $2",
    )
    .bind(ad_id)
    .bind(ch.as_str())
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(if status.as_deref() == Some("published") {
        "published"
    } else {
        "pending"
    })
}

/// What one status poll did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Polled {
    /// Ads NAV was asked about.
    pub asked: usize,
    /// Rows whose status changed.
    pub changed: usize,
    /// Calls that did not get an answer (asked again after the interval).
    pub failed: usize,
}

/// Asks NAV for the status of each pending or published ad not asked within
/// [`MIN_STATUS_POLL_INTERVAL`], and records it.
pub async fn poll_once(state: &AppState) -> Result<Polled> {
    let mut done = Polled::default();
    if state.config.arbeidsplassen.is_none() {
        return Ok(done);
    }
    let at = now();
    let interval = i64::try_from(MIN_STATUS_POLL_INTERVAL.as_secs()).unwrap_or(3600);
    let due: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT job_ad_id, external_ref, status FROM job_ad_publications \
         WHERE channel = 'arbeidsplassen' AND status IN ('pending', 'published') \
         AND external_ref IS NOT NULL AND (checked_at IS NULL OR checked_at <= $1) \
         ORDER BY job_ad_id",
    )
    .bind(at - interval)
    .fetch_all(&state.db.pool)
    .await?;
    let client = ArbeidsplassenClient::new(state.config.arbeidsplassen.as_ref());
    let ch = Channel::Arbeidsplassen;
    for (ad_id, reference, status) in due {
        sqlx::query(
            "UPDATE job_ad_publications SET checked_at = $1 WHERE job_ad_id = $2 AND channel = $3",
        )
        .bind(at)
        .bind(ad_id)
        .bind(ch.as_str())
        .execute(&state.db.pool)
        .await?;
        done.asked += 1;
        let answer = match client.admin_status(&reference).await {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(ad = ad_id, error = %e, "arbeidsplassen status not read");
                done.failed += 1;
                continue;
            }
        };
        // 404: NAV has not processed the ad yet.
        let Some(answer) = answer else { continue };
        let (new, detail) = match answer.publish_status {
            PublishStatus::Active => ("published", None),
            PublishStatus::Rejected => (
                "refused",
                Some(answer.message.clone().unwrap_or_else(|| "REJECTED".into())),
            ),
            PublishStatus::Stopped | PublishStatus::Deleted => (
                "stopped",
                Some(answer.publish_status.nav_value().to_string()),
            ),
            PublishStatus::Inactive | PublishStatus::Unknown => continue,
        };
        if new != status {
            done.changed += 1;
        }
        sqlx::query(
            "UPDATE job_ad_publications SET status = $1, detail = $2, \
             channel_url = COALESCE($3, channel_url), updated_at = $4 \
             WHERE job_ad_id = $5 AND channel = $6",
        )
        .bind(new)
        .bind(detail)
        .bind(answer.url.filter(|_| new == "published"))
        .bind(at)
        .bind(ad_id)
        .bind(ch.as_str())
        .execute(&state.db.pool)
        .await?;
    }
    Ok(done)
}

/// Makes sure the poll is queued (at start-up).
pub async fn ensure_scheduled(db: &crate::db::Db) -> Result<()> {
    let mut conn = db.pool.acquire().await?;
    jobs::schedule_once(&mut conn, POLL, now() + POLL_EVERY_SECONDS, None).await?;
    Ok(())
}

/// The channels' jobs: sends, stops and the recurring status poll.
pub struct Channels;

fn ad_of(job: &Claimed) -> Option<i64> {
    serde_json::from_str::<AdJob>(&job.payload)
        .ok()
        .map(|j| j.ad_id)
}

impl Handler for Channels {
    fn kinds(&self) -> &'static [&'static str] {
        &[SEND_NAV, STOP_NAV, SEND_FINN, POLL]
    }

    fn ready(&self, kind: &str, config: &Config) -> bool {
        match kind {
            SEND_FINN => config.finn.is_some(),
            _ => config.arbeidsplassen.is_some(),
        }
    }

    fn run<'a>(&'a self, state: &'a AppState, job: &'a Claimed) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            if job.kind == POLL {
                let next = async {
                    let mut conn = state.db.pool.acquire().await?;
                    jobs::schedule_once(&mut conn, POLL, now() + POLL_EVERY_SECONDS, Some(job.id))
                        .await
                };
                if let Err(e) = next.await {
                    return Outcome::Retry(format!("database: {e}"));
                }
                return match poll_once(state).await {
                    Ok(_) => Outcome::Done,
                    Err(e) => Outcome::Retry(format!("database: {e}")),
                };
            }
            let Some(ad_id) = ad_of(job) else {
                return Outcome::Fail(format!("bad payload: {}", job.payload));
            };
            let done = match job.kind.as_str() {
                SEND_NAV => send_nav(state, ad_id).await,
                STOP_NAV => stop_nav(state, ad_id).await,
                SEND_FINN => send_finn(state, ad_id).await,
                other => return Outcome::Fail(format!("unknown job kind {other}")),
            };
            done.unwrap_or_else(|e| Outcome::Retry(format!("database: {e}")))
        })
    }

    fn failed<'a>(
        &'a self,
        state: &'a AppState,
        job: &'a Claimed,
        reason: &'a str,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let channel = match job.kind.as_str() {
                SEND_NAV | STOP_NAV => Channel::Arbeidsplassen,
                SEND_FINN => Channel::Finn,
                _ => return Ok(()),
            };
            match ad_of(job) {
                Some(ad_id) => record(state, ad_id, channel, "failed", None, Some(reason)).await,
                None => Ok(()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn employment_types_map_to_navs_values() {
        assert_eq!(
            engagement(Some(EmploymentType::Temporary)),
            (EngagementType::Temporary, None)
        );
        assert_eq!(
            engagement(Some(EmploymentType::PartTime)),
            (EngagementType::Permanent, Some(Extent::PartTime))
        );
        assert_eq!(engagement(None).0, EngagementType::Other);
        assert_eq!(reference(7), "kundekort-job-ad-7");
    }

    #[test]
    fn oslo_local_time_is_wall_clock() {
        // 2026-12-03 08:00 UTC is 09:00 in Oslo (winter).
        let t = oslo_local(1_796_284_800);
        assert_eq!(t.time(), Time::from_hms(9, 0, 0).unwrap());
    }
}
