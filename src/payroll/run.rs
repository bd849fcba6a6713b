//! The export as one piece the pages and the benchmark call: read what a period holds and set it
//! against what was sent ([`prepare`]), send the new lines (one transaction: the export, its
//! lines marked, national identity numbers and bank accounts revealed and audited — [`export`]), and write an
//! earlier export's file again from its marked lines ([`download`]).

use std::collections::HashMap;

use sqlx::AnyConnection;

use super::{
    file::{self, People},
    lines::{Built, build},
    model::{Column, Format},
    store::{self, Export, NewExport, SentLine},
};
use crate::{
    AppError, Result,
    assignments::store::payroll::{PayTerms, pay_terms},
    audit::{self, Change},
    db::Db,
    error::Msg,
    i18n::Lang,
    timesheets::store::payroll::ending_in,
    vault::DataKey,
    workers::{
        bank,
        national_id::{Purpose, reveal_many},
        payroll::{Identity, identities},
    },
};

/// A period's lines and everything the page and the file show of them.
pub struct Prepared {
    pub built: Built,
    pub format: Format,
    pub terms: HashMap<i64, PayTerms>,
    pub workers: HashMap<i64, Identity>,
}

async fn terms_of(db: &Db, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, PayTerms>> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(pay_terms(db, &ids)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect())
}

async fn workers_of(db: &Db, lines: &[SentLine]) -> Result<HashMap<i64, Identity>> {
    let mut ids: Vec<i64> = lines.iter().map(|l| l.worker_id).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(identities(db, &ids)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect())
}

/// The period `from`–`to` (`YYYY-MM-DD`): its sheets' pay lines, new and sent.
pub async fn prepare(db: &Db, from: &str, to: &str, lang: Lang) -> Result<Prepared> {
    let data = ending_in(db, from, to).await?;
    let terms = terms_of(db, data.sheets.iter().map(|s| s.assignment_id)).await?;
    let types = store::wage_types(db).await?;
    let sent = store::sent_in(db, from, to).await?;
    let built = build(&data, &terms, &types, &sent, lang);
    let mut shown = built.new.clone();
    shown.extend(built.differences.iter().map(|d| d.sent.clone()));
    let workers = workers_of(db, &shown).await?;
    Ok(Prepared {
        built,
        format: store::format(db).await?,
        terms,
        workers,
    })
}

/// The file of `lines` in `format`; national identity numbers and bank accounts revealed (and
/// audited) on `conn` only when the format has their column.
async fn write_file(
    conn: &mut AnyConnection,
    key: &DataKey,
    user_id: i64,
    format: &Format,
    lines: &[SentLine],
    workers: &HashMap<i64, Identity>,
    terms: &HashMap<i64, PayTerms>,
) -> Result<Vec<u8>> {
    let national_ids = if format.has(Column::NationalId) {
        let ids: Vec<i64> = workers.keys().copied().collect();
        reveal_many(conn, key, &ids, user_id, Purpose::Payroll).await?
    } else {
        HashMap::new()
    };
    let bank_accounts = if format.has(Column::BankAccount) {
        let ids: Vec<i64> = workers.keys().copied().collect();
        bank::reveal_many(conn, key, &ids, user_id, Purpose::Payroll).await?
    } else {
        HashMap::new()
    };
    file::write(
        format,
        lines,
        &People {
            workers,
            national_ids: &national_ids,
            bank_accounts: &bank_accounts,
            terms,
        },
    )
}

fn period_changes(from: &str, to: &str, lines: usize) -> Vec<Change> {
    vec![
        Change {
            field: "period".into(),
            old: None,
            new: Some(format!("{from}–{to}")),
        },
        Change {
            field: "lines".into(),
            old: None,
            new: Some(lines.to_string()),
        },
    ]
}

/// Sends the period's new lines: the export recorded, each line marked (a line sent meanwhile
/// by someone else is a `Conflict` and nothing is kept), the file written. `None` when there
/// is nothing new; a `Conflict` while a new line's item has no wage type.
pub async fn export(
    db: &Db,
    key: &DataKey,
    user_id: i64,
    from: &str,
    to: &str,
    lang: Lang,
) -> Result<Option<(i64, Vec<u8>)>> {
    let p = prepare(db, from, to, lang).await?;
    if !p.built.unmapped.is_empty() {
        return Err(AppError::Conflict(
            Msg::new("payroll-unmapped").arg("items", p.built.unmapped.join(", ")),
        ));
    }
    if p.built.new.is_empty() {
        return Ok(None);
    }
    let lines = &p.built.new;
    let mut tx = db.begin().await?;
    let new = NewExport {
        from,
        to,
        format: &p.format,
        user_id,
    };
    let id = store::record(&mut tx, &new, lines).await?;
    let paid: std::collections::HashSet<i64> = lines.iter().map(|l| l.worker_id).collect();
    let workers: HashMap<i64, Identity> = p
        .workers
        .into_iter()
        .filter(|(id, _)| paid.contains(id))
        .collect();
    let bytes = write_file(&mut tx, key, user_id, &p.format, lines, &workers, &p.terms).await?;
    let changes = period_changes(from, to, lines.len());
    audit::record_unscoped(
        &mut tx,
        "payroll-export",
        id,
        "create",
        &changes,
        Some(user_id),
    )
    .await?;
    tx.commit().await?;
    Ok(Some((id, bytes)))
}

/// An earlier export's file again, from its marked lines, in the format it was made in (the
/// workers' and assignments' details as they are now); audited.
pub async fn download(db: &Db, key: &DataKey, user_id: i64, id: i64) -> Result<(Export, Vec<u8>)> {
    let export = store::export(db, id).await?.ok_or(AppError::NotFound)?;
    let lines = store::lines_of(db, id).await?;
    let workers = workers_of(db, &lines).await?;
    let terms = terms_of(db, lines.iter().map(|l| l.assignment_id)).await?;
    let mut tx = db.begin().await?;
    let bytes = write_file(
        &mut tx,
        key,
        user_id,
        &export.format(),
        &lines,
        &workers,
        &terms,
    )
    .await?;
    let changes = period_changes(&export.from_date, &export.to_date, lines.len());
    audit::record_unscoped(
        &mut tx,
        "payroll-export",
        id,
        "download",
        &changes,
        Some(user_id),
    )
    .await?;
    tx.commit().await?;
    Ok((export, bytes))
}
