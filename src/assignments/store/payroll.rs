//! What payroll needs of assignments: the rates, overtime classes and allowances that price a
//! sheet's hours, the STYRK-08 code and the dates (the A-melding's employment details).

use crate::{
    Result,
    assignments::{
        allowance::{self, Allowance},
        model::OvertimeRate,
    },
    db::{Db, Sql},
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PayTerms {
    pub id: i64,
    pub worker_id: i64,
    pub title: String,
    pub styrk_code: Option<String>,
    pub from_date: String,
    pub to_date: Option<String>,
    pub pay_rate_ore: i64,
    pub overtime: String,
    pub allowances: String,
}

impl PayTerms {
    pub fn overtime_rates(&self) -> Vec<OvertimeRate> {
        serde_json::from_str(&self.overtime).unwrap_or_default()
    }
    pub fn allowances(&self) -> Vec<Allowance> {
        allowance::from_stored(&self.allowances)
    }
}

const SELECT: &str = "SELECT id, worker_id, title, styrk_code, from_date, to_date, pay_rate_ore, \
    overtime, allowances FROM assignments";

/// Ids per `IN (…)` list.
const CHUNK: usize = 1000;

/// The pay terms of the assignments `ids` (in no particular order).
pub async fn pay_terms(db: &Db, ids: &[i64]) -> Result<Vec<PayTerms>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new(SELECT);
        sql.push(" WHERE id IN (")
            .bind_list(chunk.iter().copied())
            .push(")");
        out.extend(sql.query_as::<PayTerms>().fetch_all(&db.pool).await?);
    }
    Ok(out)
}

/// Every assignment's overtime classes and allowances: what the wage type mapping must cover.
pub async fn pay_items(db: &Db) -> Result<(Vec<i64>, Vec<Allowance>)> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT DISTINCT overtime, allowances FROM assignments")
            .fetch_all(&db.pool)
            .await?;
    let mut classes = Vec::new();
    let mut allowances: Vec<Allowance> = Vec::new();
    for (overtime, stored) in rows {
        let rates: Vec<OvertimeRate> = serde_json::from_str(&overtime).unwrap_or_default();
        classes.extend(rates.iter().map(|r| r.percent));
        for a in allowance::from_stored(&stored) {
            if !allowances.iter().any(|b| b.code == a.code) {
                allowances.push(a);
            }
        }
    }
    classes.sort_unstable();
    classes.dedup();
    allowances.sort_by(|a, b| a.code.cmp(&b.code));
    Ok((classes, allowances))
}
