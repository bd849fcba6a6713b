//! A worker's bank account (a Norwegian account number or an IBAN): where their pay goes, so
//! sensitive — with a name it is enough to start a payment fraud, and it is personal data. Stored
//! like the national identity number (decision 0013, here decision 0073): sealed under the firm's
//! data key and bound to the worker's id (`vault`, associated data `worker:<id>:bank_account`),
//! its last four characters in the clear for the masked view (`•••• 7947`), revealed in full only
//! to admins and managers (who run payroll), one response at a time, each reveal written to the
//! audit log (entity `worker`, action `bank-account-reveal`). The BIC names a bank, not a person,
//! and stays in the clear beside it.
//!
//! Accounts stored in the clear by an earlier release (`workers.bank_account`) are sealed when
//! the server starts ([`seal_clear`]) and the clear value emptied; the column itself is dropped
//! by a later release (decision 0053).

use std::collections::HashMap;

use serde::Serialize;
use sqlx::AnyConnection;

use super::{
    model::BankChange,
    national_id::{Purpose, SealedColumn},
};
use crate::{
    AppError, Result,
    audit::{self, Change},
    db::Db,
    error::Msg,
    norway::bank_account::{Iban, Kontonr},
    vault::DataKey,
};

/// What the associated data names: this worker's bank account.
fn context(worker_id: i64) -> String {
    format!("worker:{worker_id}:bank_account")
}

/// The audit log's action for a reveal.
pub const REVEAL_ACTION: &str = "bank-account-reveal";

/// The account as everyone may see it: `•••• 7947` from the stored tail.
pub fn masked(last4: &str) -> String {
    format!("•••• {last4}")
}

/// The last four letters or digits of a stored account, kept in the clear.
fn tail(account: &str) -> String {
    let chars: Vec<char> = account
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

/// A stored account as people read it: `8601.11.17947`, an IBAN in groups of four.
pub fn display(account: &str) -> String {
    if let Ok(k) = Kontonr::parse(account) {
        return k.to_string();
    }
    match Iban::parse(account) {
        Ok(i) => i.to_string(),
        Err(_) => account.to_string(),
    }
}

/// The whole account, revealed (and audited) for one response.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct RevealedAccount {
    /// The account as stored: 11 digits, or an IBAN without spaces.
    pub bank_account: String,
    /// The bank's BIC, with an IBAN of a foreign bank.
    pub bic: Option<String>,
}

/// Seals `account` for worker `worker_id` and stores it with `bic`, replacing any earlier one.
pub async fn set(
    conn: &mut AnyConnection,
    key: &DataKey,
    worker_id: i64,
    account: &str,
    bic: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE workers SET bank_account_sealed = $1, bank_account_last4 = $2, bic = $3, \
         bank_account = NULL WHERE id = $4",
    )
    .bind(key.seal(account.as_bytes(), &context(worker_id)))
    .bind(tail(account))
    .bind(bic)
    .bind(worker_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes the worker's account and BIC.
pub async fn clear(conn: &mut AnyConnection, worker_id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE workers SET bank_account_sealed = NULL, bank_account_last4 = NULL, bic = NULL, \
         bank_account = NULL WHERE id = $1",
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
    change: &BankChange,
) -> Result<()> {
    match change {
        BankChange::Keep => Ok(()),
        BankChange::Set { account, bic } => {
            // The same account and BIC typed again: left as it is (not sealed anew).
            let row: Option<(Option<String>, Option<String>)> =
                sqlx::query_as("SELECT bank_account_sealed, bic FROM workers WHERE id = $1")
                    .bind(worker_id)
                    .fetch_optional(&mut *conn)
                    .await?;
            if let Some((Some(sealed), stored_bic)) = row
                && stored_bic == *bic
                && open(key, worker_id, &sealed).as_deref() == Some(account.as_str())
            {
                return Ok(());
            }
            set(conn, key, worker_id, account, bic.as_deref()).await
        }
        BankChange::Remove => clear(conn, worker_id).await,
    }
}

/// The stored account opened for a comparison in the code (is a typed account a change?),
/// never shown: no audit row. `None` when none is stored or it does not open.
pub async fn stored_for_comparison(
    db: &Db,
    key: &DataKey,
    worker_id: i64,
) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT bank_account_sealed FROM workers WHERE id = $1")
            .bind(worker_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row
        .and_then(|(s,)| s)
        .and_then(|sealed| open(key, worker_id, &sealed)))
}

fn why(purpose: Purpose) -> [Change; 1] {
    [Change {
        field: "purpose".into(),
        old: None,
        new: Some(purpose.as_str().into()),
    }]
}

/// The worker's whole account, with an audit row (who, when, which worker, why) in the caller's
/// transaction; `None` when none is stored. The caller checks
/// [`super::national_id::may_reveal`] first. A value that does not open (another key, or copied
/// from another worker's row) is a conflict, said plainly.
pub async fn reveal(
    conn: &mut AnyConnection,
    key: &DataKey,
    worker_id: i64,
    user_id: i64,
    purpose: Purpose,
) -> Result<Option<RevealedAccount>> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT bank_account_sealed, bic FROM workers WHERE id = $1")
            .bind(worker_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((Some(sealed), bic)) = row else {
        return Ok(None);
    };
    let account = open(key, worker_id, &sealed)
        .ok_or_else(|| AppError::Conflict(Msg::new("bank-account-unreadable")))?;
    audit::record_unscoped(
        conn,
        "worker",
        worker_id,
        REVEAL_ACTION,
        &why(purpose),
        Some(user_id),
    )
    .await?;
    Ok(Some(RevealedAccount {
        bank_account: account,
        bic,
    }))
}

/// Rows per batch when sealing clear values.
const CHUNK: usize = 500;

/// The whole accounts of those of `worker_ids` who have one, each reveal audited like
/// [`reveal`] in the caller's transaction. A value that does not open is a conflict.
pub async fn reveal_many(
    conn: &mut AnyConnection,
    key: &DataKey,
    worker_ids: &[i64],
    user_id: i64,
    purpose: Purpose,
) -> Result<HashMap<i64, String>> {
    let column = SealedColumn {
        column: "bank_account_sealed",
        open,
        unreadable: "bank-account-unreadable",
        action: REVEAL_ACTION,
    };
    column
        .reveal_many(conn, key, worker_ids, user_id, purpose)
        .await
}

/// Seals the accounts an earlier release stored in the clear and empties the clear column, in
/// batches of [`CHUNK`] rows, each batch its own transaction; run at every start (no-op when
/// nothing is left). A row changed meanwhile (by an old process still serving during a rolling
/// upgrade) is left for the next start. Returns how many were sealed.
pub async fn seal_clear(db: &Db, key: &DataKey) -> Result<u64> {
    // Most starts find nothing: a read first, so no write transaction is taken for nothing.
    let (left,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM workers WHERE bank_account IS NOT NULL")
            .fetch_one(&db.pool)
            .await?;
    if left == 0 {
        return Ok(0);
    }
    let mut sealed = 0;
    let mut after = 0i64;
    loop {
        let mut tx = db.begin().await?;
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, bank_account FROM workers WHERE bank_account IS NOT NULL AND id > $1 \
             ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(CHUNK as i64)
        .fetch_all(&mut *tx)
        .await?;
        let Some(last) = rows.last().map(|(id, _)| *id) else {
            break;
        };
        after = last;
        for (id, clear) in rows {
            let account: String = clear.chars().filter(char::is_ascii_alphanumeric).collect();
            let done = if account.is_empty() {
                sqlx::query(
                    "UPDATE workers SET bank_account = NULL WHERE id = $1 AND bank_account = $2",
                )
                .bind(id)
                .bind(clear)
                .execute(&mut *tx)
                .await?
            } else {
                sqlx::query(
                    "UPDATE workers SET bank_account_sealed = $1, bank_account_last4 = $2, \
                     bank_account = NULL WHERE id = $3 AND bank_account = $4",
                )
                .bind(key.seal(account.as_bytes(), &context(id)))
                .bind(tail(&account))
                .bind(id)
                .bind(clear)
                .execute(&mut *tx)
                .await?
            };
            sealed += done.rows_affected();
        }
        tx.commit().await?;
    }
    if sealed > 0 {
        tracing::info!(sealed, "bank accounts stored in the clear are now sealed");
    }
    Ok(sealed)
}

fn open(key: &DataKey, worker_id: i64, sealed: &str) -> Option<String> {
    String::from_utf8(key.open(sealed, &context(worker_id))?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_moved_to_another_worker_does_not_open() {
        let key = DataKey::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap();
        let sealed = key.seal(b"86011117947", &context(7));
        assert!(!sealed.contains("7947"));
        assert_eq!(open(&key, 7, &sealed).as_deref(), Some("86011117947"));
        assert_eq!(open(&key, 8, &sealed), None);
    }

    #[test]
    fn the_masked_view_shows_the_last_four() {
        assert_eq!(tail("86011117947"), "7947");
        assert_eq!(tail("PL61109010140000071219812874"), "2874");
        assert_eq!(masked("7947"), "•••• 7947");
        assert_eq!(display("86011117947"), "8601.11.17947");
    }
}
