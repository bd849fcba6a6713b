//! What a worker sees of their own assignments on their own pages (`/worker`): the customer,
//! role, workplace, period, agreed hours and standard week, and their own pay — never the bill
//! rate or the margin. The queries select only those columns and are keyed on the worker, so
//! nothing else can leak into the pages.

use serde::Serialize;

use super::week::StandardWeek;
use crate::{Result, db::Db, i18n::Lang};

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct WorkerAssignment {
    pub id: i64,
    pub customer_name: String,
    pub title: String,
    pub workplace_street: Option<String>,
    pub workplace_postal_code: Option<String>,
    pub workplace_city: Option<String>,
    /// `YYYY-MM-DD`.
    pub from_date: String,
    pub to_date: Option<String>,
    pub hours_per_week_minutes: i64,
    /// JSON: seven entries, Monday first.
    pub standard_week: String,
    pub pay_rate_ore: i64,
    /// `planned`, `active`, `ended` or `cancelled`.
    pub status: String,
}

impl WorkerAssignment {
    /// The workplace on one line.
    pub fn workplace(&self) -> String {
        let place = [
            self.workplace_postal_code.as_deref(),
            self.workplace_city.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        [self.workplace_street.clone(), Some(place)]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The standard week, a line per working day: `Man 07:30–15:30 (30 min pause)`.
    pub fn week_lines(&self, lang: Lang) -> Vec<String> {
        let week: StandardWeek = serde_json::from_str(&self.standard_week).unwrap_or_default();
        let clock = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        week.days
            .iter()
            .enumerate()
            .filter_map(|(i, day)| {
                let s = day.as_ref()?;
                Some(lang.t_with(
                    "worker-page-shift",
                    &[
                        ("day", lang.t(&format!("weekday-short-{}", i + 1))),
                        ("start", clock(s.start)),
                        ("end", clock(s.end)),
                        ("break", s.break_minutes.to_string()),
                    ],
                ))
            })
            .collect()
    }
}

const SELECT: &str = "SELECT a.id, c.name AS customer_name, a.title, a.workplace_street, \
     a.workplace_postal_code, a.workplace_city, a.from_date, a.to_date, a.hours_per_week_minutes, \
     a.standard_week, a.pay_rate_ore, a.status \
     FROM assignments a JOIN customers c ON c.id = a.customer_id WHERE a.worker_id = $1";

/// The worker's assignments: planned and active first (by start), then ended and cancelled
/// (newest first).
pub async fn list(db: &Db, worker_id: i64) -> Result<Vec<WorkerAssignment>> {
    let sql = format!(
        "{SELECT} ORDER BY CASE WHEN a.status IN ('planned', 'active') THEN 0 ELSE 1 END, \
         CASE WHEN a.status IN ('planned', 'active') THEN a.from_date END, a.from_date DESC, a.id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(worker_id)
        .fetch_all(&db.pool)
        .await?)
}

/// One of the worker's assignments; `None` when it is not theirs.
pub async fn get(db: &Db, worker_id: i64, id: i64) -> Result<Option<WorkerAssignment>> {
    let sql = format!("{SELECT} AND a.id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(worker_id)
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}
