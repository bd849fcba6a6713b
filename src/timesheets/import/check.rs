//! A file's lines checked against the database, on the caller's connection (so the import
//! checks again, in its transaction, what the preview showed): the worker exists; the line's
//! assignment is the worker's and runs that day (named, or the only one that day); the
//! customer is one the staff member may change (the card's rule, `customers::access`); the
//! week's sheet, where it exists, can still be changed; and no two lines of a worker overlap.

use std::collections::{HashMap, HashSet};

use sqlx::AnyConnection;

use super::file::{FileLine, WorkerRef};
use crate::{
    Result,
    assignments::store::sheet_terms::{self, Label, Terms},
    auth::Staff,
    customers::access::can_edit,
    error::Msg,
    timefmt::when::date_string,
    timesheets::{
        period::period_of,
        store::{Sheet, Status, for_assignments_between},
    },
    workers::store as workers,
};

/// Where a good line goes.
#[derive(Clone, Debug)]
pub struct Target {
    pub worker_id: i64,
    pub worker_name: String,
    pub assignment: Label,
    /// The week's sheet, when it exists (a missing one is made by the import).
    pub sheet_id: Option<i64>,
}

/// Checks every line; a line's problems are added to its `errors`. Per line, where it goes
/// (what could be found of it, also for a line with errors).
pub async fn check(
    conn: &mut AnyConnection,
    user: &Staff,
    lines: &mut [FileLine],
) -> Result<Vec<Option<Target>>> {
    let numbers: Vec<String> = refs(lines, |r| match r {
        WorkerRef::Number(n) => Some(n.clone()),
        WorkerRef::Id(_) => None,
    });
    let ids: Vec<i64> = refs(lines, |r| match r {
        WorkerRef::Id(i) => Some(*i),
        WorkerRef::Number(_) => None,
    });
    let found = workers::by_numbers_or_ids(conn, &numbers, &ids).await?;
    let worker_of = |r: &WorkerRef| {
        found.iter().find(|(id, number, _)| match r {
            WorkerRef::Id(i) => id == i,
            WorkerRef::Number(n) => number.as_deref() == Some(n.as_str()),
        })
    };
    let dates: Vec<_> = lines.iter().filter_map(FileLine::date).collect();
    let (Some(from), Some(to)) = (dates.iter().min(), dates.iter().max()) else {
        return Ok(unknown_workers(lines, &worker_of));
    };
    let worker_ids: Vec<i64> = found.iter().map(|w| w.0).collect();
    let terms =
        sheet_terms::of_workers(conn, &worker_ids, &date_string(*from), &date_string(*to)).await?;
    let assignment_ids: Vec<i64> = terms.iter().map(|t| t.id).collect();
    let labels: HashMap<i64, Label> = sheet_terms::labels(conn, &assignment_ids)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let sheets = for_assignments_between(conn, &assignment_ids, *from, *to).await?;

    let mut out = Vec::with_capacity(lines.len());
    // Good lines so far: (worker, start, end, line number).
    let mut taken: Vec<(i64, i64, i64, u64)> = Vec::new();
    for l in lines.iter_mut() {
        let Some(r) = l.worker.clone() else {
            out.push(None);
            continue;
        };
        let Some((worker_id, _, worker_name)) = worker_of(&r).cloned() else {
            l.errors.push(unknown(&r));
            out.push(None);
            continue;
        };
        let Some(line) = l.line.clone() else {
            out.push(None);
            continue;
        };
        let day = line.work_date;
        let runs = |t: &&Terms| {
            t.worker_id == worker_id
                && t.from().is_some_and(|f| f <= day)
                && t.to().is_none_or(|x| x >= day)
        };
        let on_day: Vec<&Terms> = terms.iter().filter(runs).collect();
        let chosen = match l.assignment {
            Some(aid) => match on_day.iter().find(|t| t.id == aid) {
                Some(t) => Some(*t),
                None => {
                    l.errors
                        .push(Msg::new("timesheet-import-assignment-not-that-day").arg("id", aid));
                    None
                }
            },
            None if on_day.len() == 1 => Some(on_day[0]),
            None if on_day.is_empty() => {
                l.errors.push(Msg::new("timesheet-import-no-assignment"));
                None
            }
            None => {
                l.errors.push(
                    Msg::new("timesheet-import-several-assignments").arg("ids", ids_text(&on_day)),
                );
                None
            }
        };
        let Some(t) = chosen else {
            out.push(None);
            continue;
        };
        let Some(label) = labels.get(&t.id).cloned() else {
            out.push(None);
            continue;
        };
        if !can_edit(user, label.owner_id, label.department_id) {
            l.errors.push(Msg::new("timesheet-import-out-of-scope"));
            out.push(None);
            continue;
        }
        let sheet = period_of(t.from().unwrap_or(day), t.to(), day).and_then(|p| {
            sheets
                .iter()
                .find(|s| s.assignment_id == t.id && s.period_start == date_string(p.start))
        });
        if let Some(s) = sheet.filter(|s| !s.status().editable()) {
            l.errors.push(locked(s));
        }
        let i = line.interval();
        if let Some(&(_, _, _, n)) = taken
            .iter()
            .find(|(w, s, e, _)| *w == worker_id && *s < i.end && i.start < *e)
        {
            l.errors
                .push(Msg::new("timesheet-import-overlaps").arg("line", n));
        } else if l.errors.is_empty() {
            taken.push((worker_id, i.start, i.end, l.number));
        }
        out.push(Some(Target {
            worker_id,
            worker_name,
            assignment: label,
            sheet_id: sheet.map(|s| s.id),
        }));
    }
    Ok(out)
}

fn refs<T: Eq + std::hash::Hash + Clone>(
    lines: &[FileLine],
    pick: impl Fn(&WorkerRef) -> Option<T>,
) -> Vec<T> {
    let set: HashSet<T> = lines
        .iter()
        .filter_map(|l| l.worker.as_ref().and_then(&pick))
        .collect();
    set.into_iter().collect()
}

fn unknown(r: &WorkerRef) -> Msg {
    match r {
        WorkerRef::Number(n) => {
            Msg::new("timesheet-import-unknown-number").arg("number", n.as_str())
        }
        WorkerRef::Id(i) => Msg::new("timesheet-import-unknown-id").arg("id", *i),
    }
}

/// No line has a date that could be read: only the workers are checked.
fn unknown_workers<'a>(
    lines: &mut [FileLine],
    worker_of: &impl Fn(&WorkerRef) -> Option<&'a (i64, Option<String>, String)>,
) -> Vec<Option<Target>> {
    for l in lines.iter_mut() {
        if let Some(r) = &l.worker
            && worker_of(r).is_none()
        {
            let m = unknown(r);
            l.errors.push(m);
        }
    }
    vec![None; lines.len()]
}

fn ids_text(ts: &[&Terms]) -> String {
    ts.iter()
        .map(|t| t.id.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn locked(s: &Sheet) -> Msg {
    let status = match s.status() {
        Status::Approved => "approved",
        _ => "submitted",
    };
    Msg::new("timesheet-import-sheet-locked")
        .arg("week", s.iso_week)
        .arg("status", status)
}
