//! Reading the dialog: filters (from the query string, checked), the list newest first, and one
//! message whole with its recipients, attachments and delivery history.

use serde::Deserialize;

use super::model::{Channel, Direction, Status};
use crate::{
    AppError, Result,
    customers::access::Visibility,
    db::{Db, Sql, paging},
    error::{FieldErrors, Msg},
    timefmt::when,
};

pub const PAGE_SIZE: i64 = 50;

/// The filters as typed in the query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct FilterParams {
    pub channel: Option<String>,
    pub direction: Option<String>,
    pub contact: Option<String>,
    pub consultant: Option<String>,
    pub status: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Text in subject or body.
    pub q: Option<String>,
    pub page: Option<String>,
    /// The last message of the page before (its "older" link carries it): the page is read on
    /// from that message instead of skipping `(page - 1) × 50` rows (keyset paging).
    pub after: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub channel: Option<Channel>,
    pub direction: Option<Direction>,
    pub contact: Option<i64>,
    pub consultant: Option<i64>,
    pub status: Option<Status>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub q: Option<String>,
    pub page: i64,
    /// Read on after this message (keyset paging); when it is not in the list, `page` counts.
    pub after: Option<i64>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl FilterParams {
    pub fn parse(&self) -> std::result::Result<Filter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut pick = |field: &str, raw: &Option<String>, ok: &dyn Fn(&str) -> bool| {
            if non_empty(raw).is_some_and(|v| !ok(v)) {
                errors.add(field, Msg::new("filter-invalid"));
            }
        };
        pick("channel", &self.channel, &|v| Channel::parse(v).is_some());
        pick("direction", &self.direction, &|v| {
            Direction::parse(v).is_some()
        });
        pick("status", &self.status, &|v| Status::parse(v).is_some());
        let positive = |v: &str| v.parse::<i64>().is_ok_and(|n| n > 0);
        pick("contact", &self.contact, &positive);
        pick("consultant", &self.consultant, &positive);
        pick("after", &self.after, &positive);
        let date_ok = |v: &str| v.len() == 10 && when::parse_date(v).is_some();
        pick("from", &self.from, &date_ok);
        pick("to", &self.to, &date_ok);
        if let Some(Err(msg)) = non_empty(&self.page).map(|raw| paging::parse_page(raw, PAGE_SIZE))
        {
            errors.add("page", msg);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let id = |v: &Option<String>| non_empty(v).and_then(|v| v.parse().ok());
        let day = |v: &Option<String>, next: bool| {
            non_empty(v).and_then(when::parse_date).map(|d| {
                let d = if next { d.next_day().unwrap_or(d) } else { d };
                when::day_start(d)
            })
        };
        Ok(Filter {
            channel: non_empty(&self.channel).and_then(Channel::parse),
            direction: non_empty(&self.direction).and_then(Direction::parse),
            contact: id(&self.contact),
            consultant: id(&self.consultant),
            status: non_empty(&self.status).and_then(Status::parse),
            from: day(&self.from, false),
            to: day(&self.to, true),
            q: non_empty(&self.q).map(str::to_lowercase),
            page: id(&self.page).unwrap_or(1),
            after: id(&self.after),
        })
    }
}

impl Filter {
    fn push(&self, sql: &mut Sql) {
        if let Some(c) = self.channel {
            sql.push(" AND m.channel = ").bind(c.as_str());
        }
        if let Some(d) = self.direction {
            sql.push(" AND m.direction = ").bind(d.as_str());
        }
        if let Some(s) = self.status {
            sql.push(" AND m.status = ").bind(s.as_str());
        }
        if let Some(u) = self.consultant {
            sql.push(" AND m.user_id = ").bind(u);
        }
        if let Some(c) = self.contact {
            sql.push(
                " AND m.id IN (SELECT r.message_id FROM message_recipients r WHERE r.contact_id = ",
            )
            .bind(c)
            .push(")");
        }
        if let Some(from) = self.from {
            sql.push(" AND m.created_at >= ").bind(from);
        }
        if let Some(to) = self.to {
            sql.push(" AND m.created_at < ").bind(to);
        }
        if let Some(q) = &self.q {
            let escaped = q
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            sql.push(" AND m.search_text LIKE ")
                .bind(format!("%{escaped}%"))
                .push(" ESCAPE '\\'");
        }
    }
}

/// One line of the list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub channel: String,
    pub direction: String,
    pub from_address: String,
    pub to_display: String,
    pub subject: String,
    pub body_start: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub user_name: Option<String>,
    pub created_at: i64,
    pub attachments: i64,
}

impl Row {
    /// The subject, or the first line of the text when there is none (SMS).
    pub fn headline(&self) -> String {
        if !self.subject.is_empty() {
            return self.subject.clone();
        }
        let line = self.body_start.lines().next().unwrap_or("");
        let mut short: String = line.chars().take(90).collect();
        if line.chars().count() > 90 {
            short.push('…');
        }
        short
    }
}

pub(super) const SELECT: &str = "SELECT m.id, m.customer_id, c.name AS customer_name, m.channel, m.direction, \
     m.from_address, m.to_display, m.subject, SUBSTR(m.body, 1, 200) AS body_start, m.status, \
     m.status_reason, u.name AS user_name, m.created_at, \
     (SELECT COUNT(*) FROM message_attachments a WHERE a.message_id = m.id) AS attachments \
     FROM messages m LEFT JOIN customers c ON c.id = m.customer_id \
     LEFT JOIN users u ON u.id = m.user_id WHERE 1 = 1";

/// A page of a list, and whether another follows.
pub struct Page {
    pub rows: Vec<Row>,
    pub has_next: bool,
    /// The id of the page's last message when another page follows: the next page is read on
    /// from it (`after`), as cheap however deep.
    pub next_after: Option<i64>,
}

/// Which messages a list holds before its filters.
#[derive(Clone, Copy)]
enum Scope {
    /// One customer's (the card's tab, the API).
    Customer(i64),
    /// Every message of the customers `visibility` allows (and, for those who see the whole
    /// firm, SMS from numbers no contact has).
    Firm(Visibility),
}

impl Scope {
    /// Appends the scope's conditions to a query over `messages m LEFT JOIN customers c`.
    fn push(self, sql: &mut Sql) {
        match self {
            Scope::Customer(id) => {
                sql.push(" AND m.customer_id = ").bind(id);
            }
            Scope::Firm(visibility) => {
                if !visibility.sees_whole_firm() {
                    sql.push(" AND c.id IS NOT NULL");
                    visibility.push_filter(sql, "c");
                }
            }
        }
    }
}

/// The time of the message a page is read on from, when it lies in the list's scope (a
/// message out of sight, or gone, gives `None`: the page number counts).
async fn anchor(db: &Db, scope: Scope, after: i64) -> Result<Option<i64>> {
    let mut sql = Sql::new(
        "SELECT m.created_at FROM messages m LEFT JOIN customers c ON c.id = m.customer_id \
         WHERE m.id = ",
    );
    sql.bind(after);
    scope.push(&mut sql);
    Ok(sql
        .query_as::<(i64,)>()
        .fetch_optional(&db.pool)
        .await?
        .map(|(at,)| at))
}

/// Runs the list query as an unprepared statement, planned for its actual values every time.
/// Messages are skewed — one customer may have most of them — and a prepared statement on
/// PostgreSQL switches after five runs to a generic plan made for an average customer, which for
/// the big one reads all its messages and sorts them (a text search on a customer with 50,000
/// messages took 200 ms instead of 20; see `benches/dialog.rs`).
///
/// Newest first, ties by id. With `filter.after` (a message of this list) the page is the
/// `LIMIT` rows after it along `(created_at, id)` — a range of `messages_created` /
/// `messages_customer` read backwards — instead of `OFFSET (page - 1) × 50`.
async fn page(db: &Db, scope: Scope, filter: &Filter) -> Result<Page> {
    let offset = paging::offset(filter.page.max(1), PAGE_SIZE).ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add("page", paging::out_of_range(PAGE_SIZE));
        AppError::Invalid(errors)
    })?;
    let after = match filter.after {
        Some(id) => anchor(db, scope, id).await?.map(|at| (at, id)),
        None => None,
    };
    let mut sql = Sql::new(SELECT);
    scope.push(&mut sql);
    filter.push(&mut sql);
    if let Some((at, id)) = after {
        // `created_at <= at` is the index range; the rest drops the ties up to the anchor.
        sql.push(" AND m.created_at <= ")
            .bind(at)
            .push(" AND (m.created_at < ")
            .bind(at)
            .push(" OR m.id < ")
            .bind(id)
            .push(")");
    }
    sql.push(" ORDER BY m.created_at DESC, m.id DESC LIMIT ")
        .bind(PAGE_SIZE + 1)
        .push(" OFFSET ")
        .bind(if after.is_some() { 0 } else { offset });
    let mut rows: Vec<Row> = sql.query_as().persistent(false).fetch_all(&db.pool).await?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next_after = rows.last().map(|r| r.id).filter(|_| has_next);
    Ok(Page {
        rows,
        has_next,
        next_after,
    })
}

/// The card's dialog tab: one customer's messages.
pub async fn for_customer(db: &Db, customer_id: i64, filter: &Filter) -> Result<Page> {
    page(db, Scope::Customer(customer_id), filter).await
}

/// How many of one customer's messages match `filter` (the API's `total`).
pub async fn count_for_customer(db: &Db, customer_id: i64, filter: &Filter) -> Result<i64> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM messages m WHERE m.customer_id = ");
    sql.bind(customer_id);
    filter.push(&mut sql);
    let (n,): (i64,) = sql.query_as().persistent(false).fetch_one(&db.pool).await?;
    Ok(n)
}

/// The firm-wide view: every message of the customers `visibility` allows (and, for those who
/// see the whole firm, SMS from numbers no contact has).
pub async fn firm_wide(db: &Db, visibility: Visibility, filter: &Filter) -> Result<Page> {
    page(db, Scope::Firm(visibility), filter).await
}

/// One message whole.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub uid: String,
    pub customer_id: Option<i64>,
    /// The worker the message went to, when it did.
    pub worker_id: Option<i64>,
    pub channel: String,
    pub direction: String,
    pub from_address: String,
    pub to_display: String,
    pub cc_display: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub provider_id: Option<String>,
    pub user_name: Option<String>,
    pub sms_parts: Option<i64>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Event {
    pub at: i64,
    pub status: String,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AttachmentRow {
    pub document_version_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

pub async fn message(db: &Db, id: i64) -> Result<Option<Message>> {
    Ok(sqlx::query_as(
        "SELECT m.id, m.uid, m.customer_id, m.worker_id, m.channel, m.direction, m.from_address, m.to_display,
                m.cc_display, m.reply_to, m.subject, m.body, m.status, m.status_reason, m.provider_id,
                u.name AS user_name, m.sms_parts, m.created_at, m.sent_at
         FROM messages m LEFT JOIN users u ON u.id = m.user_id WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?)
}

pub async fn events(db: &Db, message_id: i64) -> Result<Vec<Event>> {
    Ok(sqlx::query_as(
        "SELECT at, status, detail FROM message_events WHERE message_id = $1 ORDER BY at, id",
    )
    .bind(message_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn attachments(db: &Db, message_id: i64) -> Result<Vec<AttachmentRow>> {
    Ok(sqlx::query_as(
        "SELECT document_version_id, file_name, content_type, size_bytes
         FROM message_attachments WHERE message_id = $1 ORDER BY id",
    )
    .bind(message_id)
    .fetch_all(&db.pool)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_filter_values_are_named() {
        let params = FilterParams {
            channel: Some("fax".into()),
            from: Some("31.12.2026".into()),
            contact: Some("x".into()),
            ..Default::default()
        };
        let errors = params.parse().unwrap_err();
        assert!(errors.get("channel").is_some());
        assert!(errors.get("from").is_some());
        assert!(errors.get("contact").is_some());
        assert!(errors.get("status").is_none());
    }

    #[test]
    fn good_filters_parse() {
        let params = FilterParams {
            channel: Some("sms".into()),
            status: Some("failed".into()),
            q: Some(" Kontrakt ".into()),
            from: Some("2026-11-01".into()),
            ..Default::default()
        };
        let f = params.parse().unwrap();
        assert_eq!(f.channel, Some(Channel::Sms));
        assert_eq!(f.status, Some(Status::Failed));
        assert_eq!(f.q.as_deref(), Some("kontrakt"));
        assert!(f.from.is_some());
        assert_eq!(f.page, 1);
    }
}
