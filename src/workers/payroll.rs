//! What payroll reads of workers: the name and employee number (the national identity number
//! is revealed, audited, through `national_id::reveal_many`).

use crate::{
    Result,
    db::{Db, Sql},
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Identity {
    pub id: i64,
    pub name: String,
    pub employee_number: Option<String>,
}

/// Ids per `IN (…)` list.
const CHUNK: usize = 1000;

/// The workers `ids` (in no particular order).
pub async fn identities(db: &Db, ids: &[i64]) -> Result<Vec<Identity>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new("SELECT id, name, employee_number FROM workers WHERE id IN (");
        sql.bind_list(chunk.iter().copied()).push(")");
        out.extend(sql.query_as::<Identity>().fetch_all(&db.pool).await?);
    }
    Ok(out)
}
