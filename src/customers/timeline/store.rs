//! The timeline's reads: one query per kind of event (per entity for the kinds kept in the card's
//! history), each indexed on (customer, time, id) and limited to the page size plus one, merged in
//! Rust newest first by (time, kind, id). A page after a cursor asks each query only for rows
//! after the cursor (keyset), so page 1000 costs what page 1 does (decision 0045).

use std::cmp::Ordering;

use crate::{Result, db::Db, db::Sql, timefmt::now};

/// The kinds of events, as the filter names them. Ties in time are ordered by kind, then id.
pub const KINDS: &[&str] = &[
    "activity",
    "email",
    "sms",
    "document",
    "signing",
    "portal",
    "master",
    "invoice",
    "assignment",
    "vacancy",
    "recruitment",
];

/// The history's entity of a portal log-in (written by `portal::session`).
pub const PORTAL_LOGIN_ENTITY: &str = "portal_login";

/// The invoice history's actions the timeline shows: money that happened, not draft editing.
const INVOICE_ACTIONS: &[&str] = &[
    "issue",
    "credit",
    "credit_amount",
    "payment",
    "remind",
    "import_earlier",
    "delivered",
    "delivery_failed",
];

/// Where a page starts: the last event of the page before (exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub at: i64,
    pub kind: &'static str,
    pub id: i64,
}

impl Cursor {
    /// `at.kind.id`, as the "more" link carries it.
    pub fn encode(&self) -> String {
        format!("{}.{}.{}", self.at, self.kind, self.id)
    }

    /// `None` for anything that is not a cursor this version wrote.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('.');
        let at = parts.next()?.parse().ok()?;
        let kind = parts.next()?;
        let kind = *KINDS.iter().find(|k| **k == kind)?;
        let id = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(Cursor { at, kind, id })
    }
}

/// One event as read: what each kind's query selects, under common names.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub at: i64,
    pub id: i64,
    /// The thing the event is about (the audit row's entity id, the signing order, …).
    pub ref_id: Option<i64>,
    pub a: Option<String>,
    pub b: Option<String>,
    pub c: Option<String>,
    /// The staff member who did it.
    pub who: Option<String>,
    #[sqlx(skip)]
    pub kind: &'static str,
}

impl Row {
    fn key(&self) -> (i64, &'static str, i64) {
        (self.at, self.kind, self.id)
    }
}

/// A page: the events, newest first, and where the next page starts when there is one.
#[derive(Debug, Default)]
pub struct Page {
    pub rows: Vec<Row>,
    pub next: Option<Cursor>,
}

/// ` AND` the rows of `kind` that come after `cursor` in the order (time, kind, id) descending.
fn push_keyset(sql: &mut Sql, time: &str, id: &str, kind: &str, cursor: Option<&Cursor>) {
    let Some(c) = cursor else { return };
    match kind.cmp(c.kind) {
        // A smaller kind at the cursor's time comes after it.
        Ordering::Less => {
            sql.push(&format!(" AND {time} <= ")).bind(c.at);
        }
        // `time <= t AND (time < t OR id < i)`: the first part is the index's range (a plain
        // `time < t OR (time = t AND id < i)` is not one to PostgreSQL's planner, which then
        // walked another index and filtered 117 000 rows at a customer with 60 000 messages).
        Ordering::Equal => {
            sql.push(&format!(" AND {time} <= "))
                .bind(c.at)
                .push(&format!(" AND ({time} < "))
                .bind(c.at)
                .push(&format!(" OR {id} < "))
                .bind(c.id)
                .push(")");
        }
        Ordering::Greater => {
            sql.push(&format!(" AND {time} < ")).bind(c.at);
        }
    }
}

fn push_order(sql: &mut Sql, time: &str, id: &str, limit: i64) {
    sql.push(&format!(" ORDER BY {time} DESC, {id} DESC LIMIT "))
        .bind(limit);
}

async fn fetch(db: &Db, sql: &Sql, kind: &'static str) -> Result<Vec<Row>> {
    let mut rows: Vec<Row> = sql.query_as().fetch_all(&db.pool).await?;
    for r in &mut rows {
        r.kind = kind;
    }
    Ok(rows)
}

/// The queries of one kind (several for kinds made of several history entities).
fn queries(kind: &'static str, customer_id: i64, cursor: Option<&Cursor>, limit: i64) -> Vec<Sql> {
    let audit = |entity: &str, actions: &[&str]| {
        let mut sql = Sql::new(
            "SELECT a.at, a.id, a.entity_id AS ref_id, CAST(NULL AS TEXT) AS a, a.action AS b, \
             a.entity AS c, u.name AS who FROM audit_log a LEFT JOIN users u ON u.id = a.user_id \
             WHERE a.customer_id = ",
        );
        sql.bind(customer_id).push(" AND a.entity = ").bind(entity);
        if !actions.is_empty() {
            sql.push(" AND a.action IN (")
                .bind_list(actions.iter().map(|a| a.to_string()))
                .push(")");
        }
        push_keyset(&mut sql, "a.at", "a.id", kind, cursor);
        push_order(&mut sql, "a.at", "a.id", limit);
        sql
    };
    match kind {
        "activity" => {
            let mut sql = Sql::new(
                "SELECT a.starts_at AS at, a.id, CAST(a.done AS BIGINT) AS ref_id, a.title AS a, \
                 t.key AS b, t.name AS c, u.name AS who FROM activities a \
                 JOIN activity_types t ON t.id = a.type_id \
                 LEFT JOIN users u ON u.id = a.created_by WHERE a.customer_id = ",
            );
            sql.bind(customer_id)
                .push(" AND a.deleted_at IS NULL AND a.starts_at <= ")
                .bind(now());
            push_keyset(&mut sql, "a.starts_at", "a.id", kind, cursor);
            push_order(&mut sql, "a.starts_at", "a.id", limit);
            vec![sql]
        }
        "email" | "sms" => {
            let text = if kind == "sms" {
                "SUBSTR(m.body, 1, 120)"
            } else {
                "m.subject"
            };
            let mut sql = Sql::new(&format!(
                "SELECT m.created_at AS at, m.id, CAST(NULL AS BIGINT) AS ref_id, {text} AS a, \
                 m.direction || '-' || m.status AS b, CASE WHEN m.direction = 'in' THEN m.from_address \
                 ELSE m.to_display END AS c, u.name AS who FROM messages m \
                 LEFT JOIN users u ON u.id = m.user_id WHERE m.customer_id = "
            ));
            sql.bind(customer_id).push(" AND m.channel = ").bind(kind);
            push_keyset(&mut sql, "m.created_at", "m.id", kind, cursor);
            push_order(&mut sql, "m.created_at", "m.id", limit);
            vec![sql]
        }
        "document" => {
            let mut sql = Sql::new(
                "SELECT d.created_at AS at, d.id, CAST(NULL AS BIGINT) AS ref_id, d.title AS a, \
                 CAST(NULL AS TEXT) AS b, CAST(NULL AS TEXT) AS c, u.name AS who FROM documents d \
                 LEFT JOIN users u ON u.id = d.created_by WHERE d.customer_id = ",
            );
            sql.bind(customer_id).push(" AND d.deleted_at IS NULL");
            push_keyset(&mut sql, "d.created_at", "d.id", kind, cursor);
            push_order(&mut sql, "d.created_at", "d.id", limit);
            vec![sql]
        }
        "signing" => {
            let mut sql = Sql::new(
                "SELECT e.at, e.id, e.order_id AS ref_id, o.title AS a, e.kind AS b, \
                 s.name AS c, u.name AS who FROM signature_events e \
                 JOIN signature_orders o ON o.id = e.order_id \
                 LEFT JOIN signature_signers s ON s.id = e.signer_id \
                 LEFT JOIN users u ON u.id = e.user_id WHERE e.customer_id = ",
            );
            sql.bind(customer_id);
            push_keyset(&mut sql, "e.at", "e.id", kind, cursor);
            push_order(&mut sql, "e.at", "e.id", limit);
            vec![sql]
        }
        "portal" => vec![audit(PORTAL_LOGIN_ENTITY, &[])],
        "master" => vec![
            audit("customer", &[]),
            audit("contact", &[]),
            audit("comment", &[]),
        ],
        "invoice" => vec![audit("invoice", INVOICE_ACTIONS)],
        "assignment" => vec![audit("assignment", &[])],
        "vacancy" => vec![audit("vacancy", &[])],
        "recruitment" => vec![audit("recruitment", &[])],
        _ => Vec::new(),
    }
}

/// One page of the customer's timeline: `limit` events of `kinds` (all when empty) after
/// `cursor`, newest first. No access check: the caller has loaded the card for the user.
pub async fn page(
    db: &Db,
    customer_id: i64,
    kinds: &[&'static str],
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<Page> {
    let limit = limit.clamp(1, 200);
    let kinds: Vec<&'static str> = if kinds.is_empty() {
        KINDS.to_vec()
    } else {
        KINDS
            .iter()
            .copied()
            .filter(|k| kinds.contains(k))
            .collect()
    };
    let mut rows = Vec::new();
    for kind in kinds {
        for sql in queries(kind, customer_id, cursor, limit + 1) {
            rows.extend(fetch(db, &sql, kind).await?);
        }
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.key()));
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = if more {
        rows.last().map(|r| Cursor {
            at: r.at,
            kind: r.kind,
            id: r.id,
        })
    } else {
        None
    };
    Ok(Page { rows, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_strangers() {
        let c = Cursor {
            at: 1_764_000_000,
            kind: "email",
            id: 42,
        };
        assert_eq!(Cursor::parse(&c.encode()), Some(c));
        for bad in [
            "",
            "1.email",
            "x.email.1",
            "1.telex.1",
            "1.email.1.2",
            "1.email.x",
        ] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn kinds_are_in_their_tie_order_once() {
        let mut sorted = KINDS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), KINDS.len());
    }
}
