//! Writing a checked file, all or nothing, in the caller's transaction: the weeks' sheets made
//! where missing, every line checked again (the state now, not the preview's), then each
//! sheet saved through [`crate::timesheets::store::save`] as staff — everything computed, the
//! law's warnings found, the save recorded on the sheet and the card. A day the file names
//! replaces that day's lines on the sheet; the other days and the hand-entered units stay.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::AnyConnection;

use super::{
    check::{Target, check},
    file::FileLine,
};
use crate::{
    AppError, Result,
    assignments::store::sheet_terms,
    auth::Staff,
    timesheets::{
        line::LineDraft,
        store::{self, By, typed_in},
    },
};

/// What an import wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Imported {
    pub lines: usize,
    pub sheets: usize,
}

/// Imports `lines` or, when any line is bad (now), nothing: `Ok(Err(targets))` with every
/// line's errors added, and the caller rolls back.
pub async fn import(
    conn: &mut AnyConnection,
    user: &Staff,
    lines: &mut [FileLine],
) -> Result<std::result::Result<Imported, Vec<Option<Target>>>> {
    let targets = check(conn, user, lines).await?;
    if lines.iter().any(|l| !l.errors.is_empty()) {
        return Ok(Err(targets));
    }
    // The weeks' sheets, made where missing (prefilled like any new sheet).
    let mut days: BTreeMap<i64, BTreeSet<time::Date>> = BTreeMap::new();
    for (l, t) in lines.iter().zip(&targets) {
        if let (Some(t), Some(d)) = (t, l.date()) {
            days.entry(t.assignment.id).or_default().insert(d);
        }
    }
    for (aid, ds) in &days {
        let terms = sheet_terms::terms(conn, *aid)
            .await?
            .ok_or(AppError::NotFound)?;
        for d in ds {
            store::ensure(conn, std::slice::from_ref(&terms), *d, *d).await?;
        }
    }
    let targets = check(conn, user, lines).await?;
    if lines.iter().any(|l| !l.errors.is_empty()) {
        return Ok(Err(targets));
    }
    let mut by_sheet: BTreeMap<i64, Vec<&FileLine>> = BTreeMap::new();
    for (l, t) in lines.iter().zip(&targets) {
        let sheet = t
            .as_ref()
            .and_then(|t| t.sheet_id)
            .ok_or(AppError::NotFound)?;
        by_sheet.entry(sheet).or_default().push(l);
    }
    let by = By::staff(user.id);
    for (sheet_id, imported) in &by_sheet {
        let sheet = store::get_in(conn, *sheet_id).await?;
        let (kept, units) = typed_in(conn, *sheet_id).await?;
        let replaced: BTreeSet<&str> = imported
            .iter()
            .map(|l| l.draft.work_date.as_str())
            .collect();
        let drafts: Vec<LineDraft> = kept
            .into_iter()
            .filter(|d| !replaced.contains(d.work_date.as_str()))
            .chain(imported.iter().map(|l| l.draft.clone()))
            .collect();
        store::save(conn, *sheet_id, sheet.version, &drafts, &units, &by).await?;
    }
    Ok(Ok(Imported {
        lines: lines.len(),
        sheets: by_sheet.len(),
    }))
}
