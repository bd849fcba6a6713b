//! The admin's page for the firm's timesheet settings (`/admin/timesheets`, beside the hiring
//! settings): the overtime agreement that widens the law's limits, and the days before the
//! worker and the approvers are reminded (decision 0019). Saving on a sheet reads them afresh,
//! so the next save uses a change.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::store::settings::{self, MAX_REMINDER_DAYS, TimesheetSettings};
use crate::{
    AppState, Result,
    auth::Staff,
    error::{FieldErrors, Msg},
    i18n::Lang,
    web::{Chrome, form::field_messages},
};

/// The settings as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    /// `"1"` when the firm records an overtime agreement.
    pub overtime_agreement: String,
    pub worker_reminder_days: String,
    pub approver_reminder_days: String,
}

impl SettingsForm {
    fn of(s: &TimesheetSettings) -> Self {
        Self {
            overtime_agreement: if s.overtime_agreement { "1" } else { "" }.into(),
            worker_reminder_days: s.worker_reminder_days.to_string(),
            approver_reminder_days: s.approver_reminder_days.to_string(),
        }
    }

    /// The checked settings; a message per bad field.
    pub fn parse(&self) -> Result<TimesheetSettings, FieldErrors> {
        let mut e = FieldErrors::default();
        let mut days = |field: &str, raw: &str| match raw.trim().parse::<i64>() {
            Ok(n) if (0..=MAX_REMINDER_DAYS).contains(&n) => n,
            Ok(_) => {
                e.add(
                    field,
                    Msg::new("ts-settings-days-range").arg("max", MAX_REMINDER_DAYS),
                );
                0
            }
            Err(_) => {
                e.add(field, Msg::new("ts-settings-days-invalid"));
                0
            }
        };
        let worker = days("worker_reminder_days", &self.worker_reminder_days);
        let approver = days("approver_reminder_days", &self.approver_reminder_days);
        if !e.is_empty() {
            return Err(e);
        }
        Ok(TimesheetSettings {
            overtime_agreement: self.overtime_agreement == "1",
            worker_reminder_days: worker,
            approver_reminder_days: approver,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "timesheets/settings.html")]
pub struct SettingsView {
    lang: Lang,
    chrome: Chrome,
    form: SettingsForm,
    errors: FieldErrors,
    saved: bool,
}

impl SettingsView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn agreement(&self) -> bool {
        self.form.overtime_agreement == "1"
    }
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    saved: Option<String>,
}

/// GET /admin/timesheets
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<PageParams>,
) -> Result<SettingsView> {
    user.require_admin()?;
    let current = settings::settings(&state.db).await?;
    Ok(SettingsView {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        form: SettingsForm::of(&current),
        errors: FieldErrors::default(),
        saved: p.saved.is_some(),
    })
}

/// POST /admin/timesheets
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn save(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<SettingsForm>,
) -> Result<Response> {
    user.require_admin()?;
    match form.parse() {
        Ok(new) => {
            let old = settings::settings(&state.db).await?;
            let mut tx = state.db.begin().await?;
            settings::save_settings(&mut tx, user.id, &old, &new).await?;
            tx.commit().await?;
            Ok(Redirect::to("/admin/timesheets?saved=1").into_response())
        }
        Err(errors) => {
            let view = SettingsView {
                lang: user.lang,
                chrome: Chrome::new(&user, "admin"),
                form,
                errors,
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(agreement: &str, worker: &str, approver: &str) -> SettingsForm {
        SettingsForm {
            overtime_agreement: agreement.into(),
            worker_reminder_days: worker.into(),
            approver_reminder_days: approver.into(),
        }
    }

    #[test]
    fn days_are_whole_numbers_from_0_to_60() {
        let s = form("1", " 3 ", "0").parse().unwrap();
        assert!(s.overtime_agreement);
        assert_eq!((s.worker_reminder_days, s.approver_reminder_days), (3, 0));
        assert_eq!(s.limits().days_7, 20 * 60);
        let e = form("", "tre", "61").parse().unwrap_err();
        assert_eq!(
            e.get("worker_reminder_days").unwrap()[0].key,
            "ts-settings-days-invalid"
        );
        assert_eq!(
            e.get("approver_reminder_days").unwrap()[0].key,
            "ts-settings-days-range"
        );
        assert!(form("", "-1", "60").parse().is_err());
        assert!(!form("", "60", "60").parse().unwrap().overtime_agreement);
    }
}
