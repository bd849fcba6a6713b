//! Job ads, their publications per channel and the homepage's applications in the database.
//! Writes take the caller's connection and record each change of an ad on the customer's card
//! (entity `job_ad`). What the public sees is [`public_list`] and [`public_get`]: published ads
//! whose deadline has not passed; an ad is taken down everywhere by [`unpublish`] (by hand),
//! [`unpublish_expired`] and [`unpublish_for_vacancy`] (the recurring job, and the vacancy's own
//! status change).

use serde::Serialize;
use sqlx::AnyConnection;

use super::model::{AdData, AdStatus, Channel, ContactPerson, PublicationStatus, UnpublishReason};
use crate::{
    AppError, Result,
    audit::{self, Change},
    db::Db,
    error::Msg,
    timefmt::now,
};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct JobAd {
    pub id: i64,
    pub customer_id: i64,
    pub vacancy_id: Option<i64>,
    pub recruitment_id: Option<i64>,
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body_html: String,
    pub styrk_code: Option<String>,
    pub occupation_title: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub employment_type: String,
    pub sector: String,
    /// `YYYY-MM-DD`.
    pub deadline: Option<String>,
    pub asap: i64,
    pub start_date: Option<String>,
    pub start_text: Option<String>,
    pub positions: i64,
    pub salary_hour_ore: Option<i64>,
    pub contact_id: Option<i64>,
    pub contact_user_id: Option<i64>,
    /// `agency`, `customer` or `anonymous`.
    pub employer_shown: String,
    /// 1: also on arbeidsplassen.no.
    pub to_arbeidsplassen: i64,
    /// 1: also exported to FINN.
    pub to_finn: i64,
    /// The customer's sub-unit orgnr for NAV (only sent when the ad shows the customer).
    pub employer_orgnr: Option<String>,
    /// `draft`, `published` or `unpublished`.
    pub status: String,
    pub published_at: Option<i64>,
    pub unpublished_at: Option<i64>,
    pub unpublished_reason: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

impl JobAd {
    pub fn status(&self) -> AdStatus {
        AdStatus::parse(&self.status).unwrap_or(AdStatus::Draft)
    }
    pub fn contact(&self) -> Option<ContactPerson> {
        self.contact_id
            .map(ContactPerson::Contact)
            .or(self.contact_user_id.map(ContactPerson::Staff))
    }
}

const COLUMNS: &str = "id, customer_id, vacancy_id, recruitment_id, slug, title, lead, body_html, \
    styrk_code, occupation_title, postal_code, city, employment_type, sector, deadline, asap, \
    start_date, start_text, positions, salary_hour_ore, contact_id, contact_user_id, \
    employer_shown, to_arbeidsplassen, to_finn, employer_orgnr, status, published_at, \
    unpublished_at, unpublished_reason, created_by, \
    created_at, updated_at, version";

fn contact_ids(d: &AdData) -> (Option<i64>, Option<i64>) {
    match d.contact {
        Some(ContactPerson::Contact(id)) => (Some(id), None),
        Some(ContactPerson::Staff(id)) => (None, Some(id)),
        None => (None, None),
    }
}

fn random_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..6)
        .map(|_| char::from(b"abcdefghijkmnpqrstuvwxyz23456789"[rng.random_range(0..32)]))
        .collect()
}

/// What a new ad is made from: one of the customer's vacancies or recruitments, or neither
/// (the demo's and the benchmarks' ads).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MadeFrom {
    Vacancy(i64),
    Recruitment(i64),
    Nothing,
}

/// Saves a new draft ad of a customer (from one of its vacancies or recruitments); its id and
/// slug.
pub async fn create(
    conn: &mut AnyConnection,
    user_id: i64,
    customer_id: i64,
    from: MadeFrom,
    d: &AdData,
) -> Result<(i64, String)> {
    let (vacancy_id, recruitment_id) = match from {
        MadeFrom::Vacancy(v) => (Some(v), None),
        MadeFrom::Recruitment(r) => (None, Some(r)),
        MadeFrom::Nothing => (None, None),
    };
    let slug = super::model::slug(&d.title, &random_suffix());
    let (contact_id, contact_user_id) = contact_ids(d);
    let now = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO job_ads (customer_id, vacancy_id, slug, title, lead, body_html, styrk_code, \
         occupation_title, postal_code, city, employment_type, sector, deadline, asap, start_date, \
         start_text, positions, salary_hour_ore, contact_id, contact_user_id, employer_shown, \
         status, created_by, created_at, updated_at, to_arbeidsplassen, to_finn, employer_orgnr, \
         recruitment_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19, $20, $21, 'draft', $22, $23, $23, $24, $25, $26, $27) RETURNING id",
    )
    .bind(customer_id)
    .bind(vacancy_id)
    .bind(&slug)
    .bind(&d.title)
    .bind(&d.lead)
    .bind(&d.body_html)
    .bind(&d.styrk_code)
    .bind(&d.occupation_title)
    .bind(&d.postal_code)
    .bind(&d.city)
    .bind(d.employment_type.as_str())
    .bind(d.sector.as_str())
    .bind(&d.deadline)
    .bind(i64::from(d.asap))
    .bind(&d.start_date)
    .bind(&d.start_text)
    .bind(d.positions)
    .bind(d.salary_hour_ore)
    .bind(contact_id)
    .bind(contact_user_id)
    .bind(d.employer_shown.as_str())
    .bind(user_id)
    .bind(now)
    .bind(i64::from(d.to_arbeidsplassen))
    .bind(i64::from(d.to_finn))
    .bind(&d.employer_orgnr)
    .bind(recruitment_id)
    .fetch_one(&mut *conn)
    .await?;
    record(conn, customer_id, id, "job-ad-create", &d.title, user_id).await?;
    Ok((id, slug))
}

async fn record(
    conn: &mut AnyConnection,
    customer_id: i64,
    id: i64,
    action: &str,
    title: &str,
    user_id: impl Into<Option<i64>>,
) -> Result<()> {
    audit::record(
        conn,
        customer_id,
        "job_ad",
        id,
        action,
        &[Change {
            field: "title".into(),
            old: None,
            new: Some(title.to_string()),
        }],
        user_id.into(),
    )
    .await
}

/// Saves the ad's fields unless someone saved since `current` was read (`Conflict`).
pub async fn update(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &JobAd,
    expected_version: i64,
    d: &AdData,
) -> Result<()> {
    let (contact_id, contact_user_id) = contact_ids(d);
    let done = sqlx::query(
        "UPDATE job_ads SET title = $1, lead = $2, body_html = $3, styrk_code = $4, \
         occupation_title = $5, postal_code = $6, city = $7, employment_type = $8, sector = $9, \
         deadline = $10, asap = $11, start_date = $12, start_text = $13, positions = $14, \
         salary_hour_ore = $15, contact_id = $16, contact_user_id = $17, employer_shown = $18, \
         version = version + 1, updated_at = $19, to_arbeidsplassen = $22, to_finn = $23, \
         employer_orgnr = $24 WHERE id = $20 AND version = $21",
    )
    .bind(&d.title)
    .bind(&d.lead)
    .bind(&d.body_html)
    .bind(&d.styrk_code)
    .bind(&d.occupation_title)
    .bind(&d.postal_code)
    .bind(&d.city)
    .bind(d.employment_type.as_str())
    .bind(d.sector.as_str())
    .bind(&d.deadline)
    .bind(i64::from(d.asap))
    .bind(&d.start_date)
    .bind(&d.start_text)
    .bind(d.positions)
    .bind(d.salary_hour_ore)
    .bind(contact_id)
    .bind(contact_user_id)
    .bind(d.employer_shown.as_str())
    .bind(now())
    .bind(current.id)
    .bind(expected_version)
    .bind(i64::from(d.to_arbeidsplassen))
    .bind(i64::from(d.to_finn))
    .bind(&d.employer_orgnr)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("job-ad-stale")));
    }
    record(
        conn,
        current.customer_id,
        current.id,
        "job-ad-update",
        &d.title,
        user_id,
    )
    .await
}

/// One ad of a customer.
pub async fn get(db: &Db, customer_id: i64, id: i64) -> Result<Option<JobAd>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM job_ads WHERE id = $1 AND customer_id = $2"
    )))
    .bind(id)
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// One ad of a customer, read in the caller's transaction.
pub async fn get_in(conn: &mut AnyConnection, customer_id: i64, id: i64) -> Result<Option<JobAd>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM job_ads WHERE id = $1 AND customer_id = $2"
    )))
    .bind(id)
    .bind(customer_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// An ad by its id alone (the channels' jobs).
pub async fn by_id(db: &Db, id: i64) -> Result<Option<JobAd>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM job_ads WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?)
}

/// The most ads the API's list answers with.
pub const LIST_LIMIT: i64 = 500;

/// Ads at the customers `visibility` lets the user see, by status and customer, newest first;
/// at most [`LIST_LIMIT`], and how many match.
pub async fn list(
    db: &Db,
    visibility: crate::customers::access::Visibility,
    status: Option<AdStatus>,
    customer_id: Option<i64>,
    vacancy_id: Option<i64>,
    recruitment_id: Option<i64>,
) -> Result<(Vec<JobAd>, i64)> {
    use crate::db::Sql;
    let filter = |sql: &mut Sql| {
        sql.push(" WHERE customer_id IN (SELECT c.id FROM customers c WHERE 1 = 1");
        visibility.push_filter(sql, "c");
        sql.push(")");
        if let Some(s) = status {
            sql.push(" AND status = ").bind(s.as_str());
        }
        if let Some(c) = customer_id {
            sql.push(" AND customer_id = ").bind(c);
        }
        if let Some(v) = vacancy_id {
            sql.push(" AND vacancy_id = ").bind(v);
        }
        if let Some(r) = recruitment_id {
            sql.push(" AND recruitment_id = ").bind(r);
        }
    };
    let mut count = Sql::new("SELECT COUNT(*) FROM job_ads");
    filter(&mut count);
    let (total,): (i64,) = count.query_as().fetch_one(&db.pool).await?;
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM job_ads"));
    filter(&mut sql);
    sql.push(" ORDER BY created_at DESC, id DESC LIMIT ")
        .bind(LIST_LIMIT);
    Ok((sql.query_as().fetch_all(&db.pool).await?, total))
}

/// The customer an ad belongs to.
pub async fn customer_of(db: &Db, id: i64) -> Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT customer_id FROM job_ads WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|(c,)| c))
}

/// A vacancy's ads, newest first (shown on the vacancy's page).
pub async fn for_vacancy(db: &Db, vacancy_id: i64) -> Result<Vec<JobAd>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM job_ads WHERE vacancy_id = $1 ORDER BY created_at DESC, id DESC"
    )))
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await?)
}

/// A recruitment's ads, newest first (shown on the recruitment's page).
pub async fn for_recruitment(db: &Db, recruitment_id: i64) -> Result<Vec<JobAd>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM job_ads WHERE recruitment_id = $1 ORDER BY created_at DESC, id DESC"
    )))
    .bind(recruitment_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The applications to a recruitment's ads by source: (source, count), most first.
pub async fn recruitment_sources(db: &Db, recruitment_id: i64) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT p.source, COUNT(*) AS n FROM job_applications p \
         JOIN job_ads a ON a.id = p.job_ad_id WHERE a.recruitment_id = $1 \
         GROUP BY p.source ORDER BY n DESC, p.source",
    )
    .bind(recruitment_id)
    .fetch_all(&db.pool)
    .await?)
}

/// How an ad stands on one channel.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Publication {
    /// `homepage`, `arbeidsplassen` or `finn`.
    pub channel: String,
    /// The channel's status as its own receipt says (never published without one).
    pub status: String,
    pub external_ref: Option<String>,
    pub detail: Option<String>,
    pub updated_at: i64,
    /// When the channel's status was last asked.
    pub checked_at: Option<i64>,
    /// The ad's address on the channel.
    pub channel_url: Option<String>,
}

/// The columns of a [`Publication`], in one place for every query that reads one.
const PUBLICATION_COLUMNS: &str =
    "channel, status, external_ref, detail, updated_at, checked_at, channel_url";

pub async fn publications(db: &Db, ad_id: i64) -> Result<Vec<Publication>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PUBLICATION_COLUMNS} FROM job_ad_publications WHERE job_ad_id = $1 ORDER BY id"
    )))
    .bind(ad_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The publications of several ads (the API's list): (ad id, publication), by ad.
pub async fn publications_of(db: &Db, ad_ids: &[i64]) -> Result<Vec<(i64, Publication)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        job_ad_id: i64,
        #[sqlx(flatten)]
        publication: Publication,
    }
    if ad_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = crate::db::Sql::new(&format!(
        "SELECT job_ad_id, {PUBLICATION_COLUMNS} FROM job_ad_publications WHERE job_ad_id IN ("
    ));
    sql.bind_list(ad_ids.iter().copied())
        .push(") ORDER BY job_ad_id, id");
    let rows: Vec<Row> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.job_ad_id, r.publication))
        .collect())
}

/// Sets how an ad stands on `channel` (the channels' clients use it for their receipts).
pub async fn set_publication(
    conn: &mut AnyConnection,
    ad_id: i64,
    channel: Channel,
    status: PublicationStatus,
    external_ref: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO job_ad_publications (job_ad_id, channel, status, external_ref, detail, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (job_ad_id, channel) DO UPDATE SET \
         status = excluded.status, external_ref = COALESCE(excluded.external_ref, job_ad_publications.external_ref), \
         detail = excluded.detail, updated_at = excluded.updated_at",
    )
    .bind(ad_id)
    .bind(channel.as_str())
    .bind(status.as_str())
    .bind(external_ref)
    .bind(detail)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Publishes the ad on the homepage (a draft or an unpublished ad). `Conflict` when it is
/// already published or changed meanwhile, or its deadline has passed (`today`: `YYYY-MM-DD`).
pub async fn publish(
    conn: &mut AnyConnection,
    user_id: i64,
    ad: &JobAd,
    today: &str,
) -> Result<()> {
    if ad.deadline.as_deref().is_some_and(|d| d < today) {
        return Err(AppError::Conflict(Msg::new("job-ad-deadline-passed")));
    }
    let done = sqlx::query(
        "UPDATE job_ads SET status = 'published', published_at = $1, unpublished_at = NULL, \
         unpublished_reason = NULL, version = version + 1, updated_at = $1 \
         WHERE id = $2 AND version = $3 AND status <> 'published'",
    )
    .bind(now())
    .bind(ad.id)
    .bind(ad.version)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Msg::new("job-ad-stale")));
    }
    set_publication(
        conn,
        ad.id,
        Channel::Homepage,
        PublicationStatus::Published,
        None,
        None,
    )
    .await?;
    record(
        conn,
        ad.customer_id,
        ad.id,
        "job-ad-publish",
        &ad.title,
        user_id,
    )
    .await
}

/// Takes a published ad down everywhere: the ad unpublished, every channel where it was
/// published or waiting `stopped` (the channels' clients stop it there). Whether it was
/// published.
pub async fn unpublish(
    conn: &mut AnyConnection,
    user_id: Option<i64>,
    ad_id: i64,
    reason: UnpublishReason,
) -> Result<bool> {
    let at = now();
    let row: Option<(i64, String)> = sqlx::query_as(
        "UPDATE job_ads SET status = 'unpublished', unpublished_at = $1, unpublished_reason = $2, \
         version = version + 1, updated_at = $1 WHERE id = $3 AND status = 'published' \
         RETURNING customer_id, title",
    )
    .bind(at)
    .bind(reason.as_str())
    .bind(ad_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((customer_id, title)) = row else {
        return Ok(false);
    };
    // On arbeidsplassen.no NAV stops the ad: its row stays until NAV's receipt (a job).
    super::channels::queue_stop(conn, ad_id).await?;
    sqlx::query(
        "UPDATE job_ad_publications SET status = 'stopped', detail = $1, updated_at = $2 \
         WHERE job_ad_id = $3 AND status IN ('pending', 'published') \
         AND NOT (channel = 'arbeidsplassen' AND external_ref IS NOT NULL)",
    )
    .bind(reason.as_str())
    .bind(at)
    .bind(ad_id)
    .execute(&mut *conn)
    .await?;
    let action = match reason {
        UnpublishReason::Manual => "job-ad-unpublish",
        UnpublishReason::Deadline => "job-ad-expired",
        UnpublishReason::VacancyClosed => "job-ad-vacancy-closed",
        UnpublishReason::RecruitmentClosed => "job-ad-recruitment-closed",
    };
    record(conn, customer_id, ad_id, action, &title, user_id).await?;
    Ok(true)
}

/// Unpublishes the published ads of a vacancy that was filled or cancelled; how many.
pub async fn unpublish_for_vacancy(conn: &mut AnyConnection, vacancy_id: i64) -> Result<usize> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM job_ads WHERE vacancy_id = $1 AND status = 'published' ORDER BY id",
    )
    .bind(vacancy_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut n = 0;
    for id in ids {
        if unpublish(conn, None, id, UnpublishReason::VacancyClosed).await? {
            n += 1;
        }
    }
    Ok(n)
}

/// Unpublishes the published ads of a recruitment that is no longer searching (hired,
/// cancelled, closed); how many.
pub async fn unpublish_for_recruitment(
    conn: &mut AnyConnection,
    recruitment_id: i64,
) -> Result<usize> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM job_ads WHERE recruitment_id = $1 AND status = 'published' ORDER BY id",
    )
    .bind(recruitment_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut n = 0;
    for id in ids {
        if unpublish(conn, None, id, UnpublishReason::RecruitmentClosed).await? {
            n += 1;
        }
    }
    Ok(n)
}

/// The (customer, recruitment) of published ads (for the job's check of its status).
pub async fn published_recruitments(db: &Db) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT DISTINCT customer_id, recruitment_id FROM job_ads WHERE status = 'published' \
         AND recruitment_id IS NOT NULL ORDER BY recruitment_id",
    )
    .fetch_all(&db.pool)
    .await?)
}

/// Published ads whose deadline is before `today` (`YYYY-MM-DD`).
pub async fn expired(db: &Db, today: &str) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM job_ads WHERE status = 'published' AND deadline IS NOT NULL \
         AND deadline < $1 ORDER BY id",
    )
    .bind(today)
    .fetch_all(&db.pool)
    .await?)
}

/// The (customer, vacancy) of published ads (for the job's check of the vacancy's status).
pub async fn published_vacancies(db: &Db) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT DISTINCT customer_id, vacancy_id FROM job_ads WHERE status = 'published' \
         AND vacancy_id IS NOT NULL ORDER BY vacancy_id",
    )
    .fetch_all(&db.pool)
    .await?)
}

/// The ads a page of the public list shows.
pub const PAGE_SIZE: i64 = 20;

/// The condition of an ad the public may see, with the day as `$1`.
const VISIBLE: &str = "status = 'published' AND (deadline IS NULL OR deadline >= $1)";

/// A page (from 1) of the public ads, newest first, and how many there are.
pub async fn public_list(db: &Db, today: &str, page: i64) -> Result<(Vec<JobAd>, i64)> {
    let (total,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM job_ads WHERE {VISIBLE}"
    )))
    .bind(today)
    .fetch_one(&db.pool)
    .await?;
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM job_ads WHERE {VISIBLE} \
         ORDER BY published_at DESC, id DESC LIMIT $2 OFFSET $3"
    )))
    .bind(today)
    .bind(PAGE_SIZE)
    .bind((page.max(1) - 1) * PAGE_SIZE)
    .fetch_all(&db.pool)
    .await?;
    Ok((rows, total))
}

/// A public ad by its address; `None` when there is none or it is not public (any more).
pub async fn public_get(db: &Db, slug: &str, today: &str) -> Result<Option<JobAd>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM job_ads WHERE slug = $2 AND {VISIBLE}"
    )))
    .bind(today)
    .bind(slug)
    .fetch_optional(&db.pool)
    .await?)
}

/// An application through the homepage.
pub struct NewApplication<'a> {
    pub ad_id: i64,
    pub worker_id: i64,
    pub source: &'a str,
    pub message: Option<&'a str>,
    pub consent_keep: bool,
    pub worker_document_id: Option<i64>,
}

pub async fn add_application(conn: &mut AnyConnection, a: &NewApplication<'_>) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO job_applications (job_ad_id, worker_id, source, message, consent_keep, \
         worker_document_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(a.ad_id)
    .bind(a.worker_id)
    .bind(a.source)
    .bind(a.message)
    .bind(i64::from(a.consent_keep))
    .bind(a.worker_document_id)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// An ad's applications by source: (source, count), most first.
/// An application through one of a vacancy's ads, as the vacancy's candidates show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VacancyApplication {
    pub worker_id: i64,
    pub ad_title: String,
    pub source: String,
    pub message: Option<String>,
    /// The CV sent, as the worker's document.
    pub worker_document_id: Option<i64>,
    pub created_at: i64,
}

/// The applications through a vacancy's ads, newest first.
pub async fn applications_for_vacancy(db: &Db, vacancy_id: i64) -> Result<Vec<VacancyApplication>> {
    Ok(sqlx::query_as(
        "SELECT a.worker_id, j.title AS ad_title, a.source, a.message, a.worker_document_id, \
         a.created_at FROM job_applications a JOIN job_ads j ON j.id = a.job_ad_id \
         WHERE j.vacancy_id = $1 ORDER BY a.created_at DESC, a.id DESC",
    )
    .bind(vacancy_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn sources(db: &Db, ad_id: i64) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT source, COUNT(*) AS n FROM job_applications WHERE job_ad_id = $1 \
         GROUP BY source ORDER BY n DESC, source",
    )
    .bind(ad_id)
    .fetch_all(&db.pool)
    .await?)
}

/// Counts a post of the application form from `client` and says how many there were in the
/// last `window` seconds, this one included. Posts older than a day are forgotten.
pub async fn count_post(db: &Db, client: &str, window: i64) -> Result<i64> {
    let at = now();
    sqlx::query("DELETE FROM job_application_posts WHERE at < $1")
        .bind(at - 86_400)
        .execute(&db.pool)
        .await?;
    sqlx::query("INSERT INTO job_application_posts (client, at) VALUES ($1, $2)")
        .bind(client)
        .bind(at)
        .execute(&db.pool)
        .await?;
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM job_application_posts WHERE client = $1 AND at > $2")
            .bind(client)
            .bind(at - window)
            .fetch_one(&db.pool)
            .await?;
    Ok(n)
}
