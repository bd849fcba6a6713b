//! A worker's national identity number (fødselsnummer or D-number), needed for payroll only:
//! stored sealed under the firm's data key and bound to the worker's id (`vault`), shown masked
//! (`•••••••••45`, with its kind), and revealed in full only to admins and managers — the roles
//! that run payroll — one response at a time, each reveal written to the audit log
//! (`audit::record_unscoped`, entity `worker`). See docs/decisions/0013. The birth date the
//! number holds is kept beside it in the clear (`workers.birth_date`) for the young workers'
//! rules of the working-hours law ([`birth_date`], decision 0019).

use std::collections::HashMap;

use serde::Serialize;
use sqlx::AnyConnection;
use time::Date;

use super::model::NationalIdChange;
use crate::{
    AppError, Result,
    audit::{self, Change},
    auth::Role,
    db::Sql,
    error::Msg,
    norway::national_id::{IdKind, NationalId},
    timefmt::when::{date_string, parse_date},
    vault::DataKey,
};

/// What the associated data names: this worker's national identity number.
fn context(worker_id: i64) -> String {
    format!("worker:{worker_id}:national_id")
}

pub fn kind_str(kind: IdKind) -> &'static str {
    match kind {
        IdKind::BirthNumber => "fnr",
        IdKind::DNumber => "d_number",
    }
}

/// Who may see the whole number: admins and managers, who run payroll. Consultants see it masked.
pub fn may_reveal(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Manager)
}

/// The number as everyone may see it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Masked {
    /// `fnr` (fødselsnummer) or `d_number`.
    pub kind: String,
    /// Nine dots and the last two digits, e.g. `•••••••••45`.
    pub masked: String,
}

impl Masked {
    pub fn new(kind: Option<&str>, last2: Option<&str>) -> Option<Self> {
        Some(Self {
            kind: kind?.to_string(),
            masked: format!("•••••••••{}", last2?),
        })
    }

    /// The Fluent key of the kind's name.
    pub fn kind_key(&self) -> String {
        format!("national-id-kind-{}", self.kind)
    }
}

/// The whole number, revealed (and audited) for one response.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Revealed {
    /// `fnr` (fødselsnummer) or `d_number`.
    pub kind: String,
    /// The 11 digits.
    pub national_id: String,
}

/// Seals `id` for worker `worker_id` and stores it, replacing any earlier number.
pub async fn set(
    conn: &mut AnyConnection,
    key: &DataKey,
    worker_id: i64,
    id: &NationalId,
) -> Result<()> {
    let digits = id.as_str();
    sqlx::query(
        "UPDATE workers SET national_id_sealed = $1, national_id_kind = $2, national_id_last2 = $3, \
         birth_date = $4 WHERE id = $5",
    )
    .bind(key.seal(digits.as_bytes(), &context(worker_id)))
    .bind(kind_str(id.kind()))
    .bind(&digits[digits.len() - 2..])
    .bind(date_string(id.birth_date()))
    .bind(worker_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes the worker's number.
pub async fn clear(conn: &mut AnyConnection, worker_id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE workers SET national_id_sealed = NULL, national_id_kind = NULL, \
         national_id_last2 = NULL, birth_date = NULL WHERE id = $1",
    )
    .bind(worker_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// What the form or the API asked for, in the caller's transaction.
pub async fn apply(
    conn: &mut AnyConnection,
    key: &DataKey,
    worker_id: i64,
    change: &NationalIdChange,
) -> Result<()> {
    match change {
        NationalIdChange::Keep => Ok(()),
        NationalIdChange::Set(id) => set(conn, key, worker_id, id).await,
        NationalIdChange::Remove => clear(conn, worker_id).await,
    }
}

/// Why a number was revealed, as the audit log records it.
#[derive(Clone, Copy, Debug)]
pub enum Purpose {
    /// "Show" on the worker's page.
    Page,
    /// `POST /api/v1/workers/{id}/national-id/reveal`.
    Api,
    /// The GDPR export.
    Export,
    /// A payroll file (`payroll`), made or downloaded again.
    Payroll,
}

impl Purpose {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Purpose::Page => "page",
            Purpose::Api => "api",
            Purpose::Export => "export",
            Purpose::Payroll => "payroll",
        }
    }
}

/// The worker's whole number, with an audit row (who, when, which worker, why) in the caller's
/// transaction; `None` when none is stored. The caller checks [`may_reveal`] first. A value that
/// does not open (another key, or copied from another worker's row) is a conflict, said plainly.
pub async fn reveal(
    conn: &mut AnyConnection,
    key: &DataKey,
    worker_id: i64,
    user_id: i64,
    purpose: Purpose,
) -> Result<Option<Revealed>> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT national_id_sealed, national_id_kind, birth_date FROM workers WHERE id = $1",
    )
    .bind(worker_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((Some(sealed), kind, born)) = row else {
        return Ok(None);
    };
    let number = open(key, worker_id, &sealed)
        .ok_or_else(|| AppError::Conflict(Msg::new("national-id-unreadable")))?;
    if born.is_none() {
        // A number stored before birth dates were kept: its date, now that it is open.
        let birth = NationalId::parse(
            &number,
            crate::timefmt::when::oslo_date(crate::timefmt::now()),
        )
        .map(|id| id.birth_date());
        if let Ok(birth) = birth {
            sqlx::query("UPDATE workers SET birth_date = $1 WHERE id = $2")
                .bind(date_string(birth))
                .bind(worker_id)
                .execute(&mut *conn)
                .await?;
        }
    }
    audit::record_unscoped(
        conn,
        "worker",
        worker_id,
        "national-id-reveal",
        &[Change {
            field: "purpose".into(),
            old: None,
            new: Some(purpose.as_str().into()),
        }],
        Some(user_id),
    )
    .await?;
    Ok(Some(Revealed {
        kind: kind.unwrap_or_default(),
        national_id: number,
    }))
}

/// The worker's birth date, when their national identity number has given one; `None` turns
/// the young workers' rules off for them.
pub async fn birth_date(conn: &mut AnyConnection, worker_id: i64) -> Result<Option<Date>> {
    let born: Option<(Option<String>,)> =
        sqlx::query_as("SELECT birth_date FROM workers WHERE id = $1")
            .bind(worker_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(born.and_then(|(d,)| d).as_deref().and_then(parse_date))
}

/// Ids per `IN (…)` list.
const CHUNK: usize = 1000;

/// The whole numbers of those of `worker_ids` who have one, each reveal audited like
/// [`reveal`] in the caller's transaction. A value that does not open is a conflict.
pub async fn reveal_many(
    conn: &mut AnyConnection,
    key: &DataKey,
    worker_ids: &[i64],
    user_id: i64,
    purpose: Purpose,
) -> Result<HashMap<i64, String>> {
    let column = SealedColumn {
        column: "national_id_sealed",
        open,
        unreadable: "national-id-unreadable",
        action: "national-id-reveal",
    };
    column
        .reveal_many(conn, key, worker_ids, user_id, purpose)
        .await
}

/// A sealed column of `workers` (decision 0013; the bank account, decision 0073): what
/// [`SealedColumn::reveal_many`] needs to open it for many workers at once.
pub(super) struct SealedColumn {
    /// The column holding the sealed value.
    pub column: &'static str,
    /// Opens one worker's value (the associated data names the worker and the field).
    pub open: fn(&DataKey, i64, &str) -> Option<String>,
    /// The message of the conflict when a value does not open.
    pub unreadable: &'static str,
    /// The audit action written for each reveal.
    pub action: &'static str,
}

impl SealedColumn {
    /// The whole values of those of `worker_ids` who have one, each reveal an audit row (with
    /// the purpose) in the caller's transaction. A value that does not open is a conflict.
    pub(super) async fn reveal_many(
        &self,
        conn: &mut AnyConnection,
        key: &DataKey,
        worker_ids: &[i64],
        user_id: i64,
        purpose: Purpose,
    ) -> Result<HashMap<i64, String>> {
        let mut out = HashMap::new();
        for chunk in worker_ids.chunks(CHUNK) {
            let col = self.column;
            let mut sql = Sql::new(&format!(
                "SELECT id, {col} FROM workers WHERE {col} IS NOT NULL AND id IN ("
            ));
            sql.bind_list(chunk.iter().copied()).push(")");
            let rows: Vec<(i64, String)> = sql.query_as().fetch_all(&mut *conn).await?;
            for (id, sealed) in rows {
                let value = (self.open)(key, id, &sealed)
                    .ok_or_else(|| AppError::Conflict(Msg::new(self.unreadable)))?;
                out.insert(id, value);
            }
        }
        let why = [Change {
            field: "purpose".into(),
            old: None,
            new: Some(purpose.as_str().into()),
        }];
        let mut ids: Vec<i64> = out.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            audit::record_unscoped(conn, "worker", id, self.action, &why, Some(user_id)).await?;
        }
        Ok(out)
    }
}

fn open(key: &DataKey, worker_id: i64, sealed: &str) -> Option<String> {
    String::from_utf8(key.open(sealed, &context(worker_id))?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_number_moved_to_another_worker_does_not_open() {
        let key = DataKey::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap();
        let id = NationalId::parse("151086 95088", date!(2026 - 12 - 02)).unwrap();
        let sealed = key.seal(id.as_str().as_bytes(), &context(7));
        assert_eq!(open(&key, 7, &sealed).as_deref(), Some("15108695088"));
        assert_eq!(open(&key, 8, &sealed), None);
    }

    #[test]
    fn masked_shows_only_the_last_two_digits() {
        let m = Masked::new(Some("fnr"), Some("88")).unwrap();
        assert_eq!(m.masked, "•••••••••88");
        assert_eq!(m.kind_key(), "national-id-kind-fnr");
        assert_eq!(Masked::new(None, None), None);
        assert!(may_reveal(Role::Manager) && !may_reveal(Role::Consultant));
    }
}
