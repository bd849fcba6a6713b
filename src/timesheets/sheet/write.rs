//! Saving a sheet's lines (and submitting on the worker's behalf) and reopening an approved
//! sheet: bad input shown per line with everything typed kept, refusals said plainly.

use std::collections::BTreeMap;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{Row, UnitSlot, load};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::Msg,
    i18n::Lang,
    timesheets::{
        line::LineDraft,
        store::{self, By, compute::UnitDraft},
    },
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SheetForm {
    pub(crate) version: i64,
    /// `save` or `submit` (save, then submit); the worker's page also `withdraw`.
    pub(crate) action: String,
    work_date: Vec<String>,
    start: Vec<String>,
    end: Vec<String>,
    break_minutes: Vec<String>,
    comment: Vec<String>,
    unit_code: Vec<String>,
    unit_quantity: Vec<String>,
}

impl SheetForm {
    pub(crate) fn drafts(&self) -> Vec<LineDraft> {
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        (0..self.work_date.len())
            .map(|i| LineDraft {
                work_date: at(&self.work_date, i),
                start: at(&self.start, i),
                end: at(&self.end, i),
                break_minutes: at(&self.break_minutes, i),
                comment: at(&self.comment, i),
            })
            .collect()
    }
    pub(crate) fn units(&self) -> Vec<UnitDraft> {
        self.unit_code
            .iter()
            .enumerate()
            .map(|(i, c)| UnitDraft {
                code: c.clone(),
                quantity: self.unit_quantity.get(i).cloned().unwrap_or_default(),
            })
            .collect()
    }
}

/// POST …/timesheets/{tid}: save the lines (and submit on the worker's behalf).
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid, sheet = tid))]
pub async fn save(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid, tid)): Path<(i64, i64, i64)>,
    Form(form): Form<SheetForm>,
) -> Result<Response> {
    let mut view = load(&state, &user, id, aid, tid).await?;
    if !view.card.can_edit {
        return Err(AppError::Forbidden);
    }
    let drafts = form.drafts();
    let units = form.units();
    let by = By::staff(user.id);
    let mut tx = state.db.begin().await?;
    let result = async {
        let saved = store::save(&mut tx, tid, form.version, &drafts, &units, &by).await?;
        if form.action == "submit" {
            store::submit(&mut tx, tid, saved.version, &by).await?;
        }
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("{}?saved=1", view.base())).into_response())
        }
        Err(AppError::Invalid(fields)) => {
            drop(tx);
            view.errors = true;
            view.rows = keep_typed(view.lang, &fields, drafts, &units, &mut view.units);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(AppError::Conflict(msg)) => {
            drop(tx);
            view.refused = Some(refusal(view.lang, &msg));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The rows as typed with each line's messages, and the units' typed quantities and messages
/// put back into `slots`: what a page shows after bad input.
pub(crate) fn keep_typed(
    lang: Lang,
    fields: &crate::error::FieldErrors,
    drafts: Vec<LineDraft>,
    units: &[UnitDraft],
    slots: &mut [UnitSlot],
) -> Vec<Row> {
    for (i, u) in units.iter().enumerate() {
        if let Some(slot) = slots.iter_mut().find(|x| x.0 == u.code) {
            slot.2 = u.quantity.clone();
            slot.3 = messages(lang, fields, &format!("unit-{i}"))
                .into_iter()
                .next();
        }
    }
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| Row {
            errors: messages(lang, fields, &format!("line-{i}-")),
            d,
            computed: None,
        })
        .collect()
}

/// A refused move in the user's language, the sheet's state named in it.
pub(crate) fn refusal(lang: Lang, msg: &Msg) -> String {
    let mut m = msg.clone();
    for (k, v) in m.args.iter_mut() {
        if *k == "status" {
            *v = lang.t(&format!("timesheet-status-{v}")).to_lowercase();
        }
    }
    m.render(lang)
}

fn messages(lang: Lang, fields: &crate::error::FieldErrors, prefix: &str) -> Vec<String> {
    let by_field: BTreeMap<&String, &Vec<Msg>> = fields.0.iter().collect();
    by_field
        .into_iter()
        .filter(|(f, _)| f.starts_with(prefix))
        .flat_map(|(_, ms)| ms.iter().map(|m| m.render(lang)))
        .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReopenForm {
    version: i64,
    reason: String,
}

/// POST …/timesheets/{tid}/reopen: an approved sheet back to a draft, with a reason.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid, sheet = tid))]
pub async fn reopen(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid, tid)): Path<(i64, i64, i64)>,
    Form(form): Form<ReopenForm>,
) -> Result<Response> {
    let mut view = load(&state, &user, id, aid, tid).await?;
    if !view.card.can_edit {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    match store::reopen(
        &mut tx,
        tid,
        form.version,
        &form.reason,
        &By::staff(user.id),
    )
    .await
    {
        Ok(_) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("{}?saved=1", view.base())).into_response())
        }
        Err(AppError::Invalid(fields)) => {
            view.reason_error = messages(view.lang, &fields, "reason").into_iter().next();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(AppError::Conflict(msg)) => {
            view.refused = Some(refusal(view.lang, &msg));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(e) => Err(e),
    }
}
