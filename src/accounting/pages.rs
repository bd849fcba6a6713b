//! The accounting pages: the export (`/accounting`: everything not exported yet, or a period —
//! again if asked — as CSV or JSON; the latest exports below) for those who may finance, and the
//! chart of accounts (`/accounting/settings`) for admins. Bad input is shown beside what was
//! typed.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{
    file,
    journal::{Account, BANK, Chart, RECEIVABLE, purpose_label},
    store::{self, ExportRow, Scope},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    error::{FieldErrors, Msg},
    files::names::content_disposition,
    i18n::Lang,
    invoices::access::require_finance,
    timefmt::{
        self,
        when::{date_string, parse_date},
    },
    web::{Chrome, form::field_messages},
};

/// The export as asked.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExportForm {
    /// `new` (everything not exported) or `period`.
    pub mode: String,
    pub from: String,
    pub to: String,
    pub again: Option<String>,
    /// `csv` or `json`.
    pub format: String,
}

impl ExportForm {
    pub fn parse(&self) -> std::result::Result<(Scope, &'static str), FieldErrors> {
        let mut e = FieldErrors::default();
        let format = match self.format.as_str() {
            "" | "csv" => "csv",
            "json" => "json",
            _ => {
                e.add("format", Msg::new("accounting-format-unknown"));
                "csv"
            }
        };
        let scope = if self.mode == "period" {
            let date = |s: &str| parse_date(s.trim()).filter(|_| s.trim().len() == 10);
            let (from, to) = (date(&self.from), date(&self.to));
            if from.is_none() {
                e.add("from", Msg::new("accounting-date-invalid"));
            }
            if to.is_none() {
                e.add("to", Msg::new("accounting-date-invalid"));
            }
            match (from, to) {
                (Some(f), Some(t)) if t < f => {
                    e.add("to", Msg::new("accounting-period-backwards"));
                    None
                }
                (Some(f), Some(t)) => Some(Scope {
                    period: Some((date_string(f), date_string(t))),
                    again: self.again.is_some(),
                }),
                _ => None,
            }
        } else {
            Some(Scope::default())
        };
        match scope {
            Some(s) if e.is_empty() => Ok((s, format)),
            _ => Err(e),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "accounting/export.html")]
pub struct ExportView {
    lang: Lang,
    chrome: Chrome,
    form: ExportForm,
    errors: FieldErrors,
    /// A refusal for the whole form (no account for a VAT group, nothing to export).
    alert: Option<String>,
    exports: Vec<ExportRow>,
    admin: bool,
}

impl ExportView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn when(&self, e: &ExportRow) -> String {
        timefmt::oslo_datetime(e.created_at)
    }
    fn period(&self, e: &ExportRow) -> String {
        match (&e.period_from, &e.period_to) {
            (Some(f), Some(t)) => format!("{f} – {t}"),
            _ => self.lang.t("accounting-mode-new"),
        }
    }
    fn entries(&self, e: &ExportRow) -> String {
        self.lang.t_count("accounting-entries", e.entries)
    }
}

async fn view(
    state: &AppState,
    user: &Staff,
    form: ExportForm,
    errors: FieldErrors,
    alert: Option<String>,
) -> Result<ExportView> {
    let mut conn = state.db.pool.acquire().await?;
    let exports = store::recent(&mut conn, 20).await?;
    Ok(ExportView {
        lang: user.lang,
        chrome: Chrome::new(user, "accounting"),
        form,
        errors,
        alert,
        exports,
        admin: user.role.is_admin(),
    })
}

/// GET /accounting
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(State(state): State<AppState>, user: Staff) -> Result<ExportView> {
    require_finance(&user)?;
    let form = ExportForm {
        mode: "new".into(),
        format: "csv".into(),
        ..Default::default()
    };
    view(&state, &user, form, FieldErrors::default(), None).await
}

/// POST /accounting/export: the file, the documents in it marked as exported.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn export(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<ExportForm>,
) -> Result<Response> {
    require_finance(&user)?;
    let (scope, format) = match form.parse() {
        Ok(v) => v,
        Err(errors) => {
            let v = view(&state, &user, form, errors, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, v).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let chart = Chart::new(store::accounts(&mut tx).await?);
    let entries = match store::entries(&mut tx, &scope, &chart).await {
        Ok(e) => e,
        Err(AppError::Conflict(msg)) => {
            drop(tx);
            let alert = Some(msg.render(user.lang));
            let v = view(&state, &user, form, FieldErrors::default(), alert).await?;
            return Ok((StatusCode::CONFLICT, v).into_response());
        }
        Err(e) => return Err(e),
    };
    if entries.is_empty() {
        drop(tx);
        let alert = Some(user.lang.t("accounting-nothing"));
        let v = view(&state, &user, form, FieldErrors::default(), alert).await?;
        return Ok(v.into_response());
    }
    let id = store::record(&mut tx, &scope, format, &entries, user.id).await?;
    let (bytes, content_type) = match format {
        "json" => (file::json(&entries)?, "application/json"),
        _ => (file::csv(&entries, user.lang)?, "text/csv; charset=utf-8"),
    };
    tx.commit().await?;
    let today = date_string(timefmt::when::oslo_date(timefmt::now()));
    let name = format!("bilag-{today}-{id}.{format}");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&name, false),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// The chart as typed: `account.<purpose>`, `vat_account.<purpose>`, `vat_code.<purpose>`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct ChartForm(pub Vec<(String, String)>);

impl ChartForm {
    fn text(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    fn of(accounts: &[Account]) -> Self {
        let mut v = Vec::new();
        for a in accounts {
            v.push((format!("account.{}", a.purpose), a.account.clone()));
            v.push((
                format!("vat_account.{}", a.purpose),
                a.vat_account.clone().unwrap_or_default(),
            ));
            v.push((
                format!("vat_code.{}", a.purpose),
                a.vat_code.clone().unwrap_or_default(),
            ));
        }
        Self(v)
    }

    /// The checked rows for `purposes`: an account of 4 to 8 digits everywhere; an output VAT
    /// account for a standard rate; a SAF-T VAT code of 1 to 2 digits on the VAT groups.
    pub fn parse(&self, purposes: &[String]) -> std::result::Result<Vec<Account>, FieldErrors> {
        let mut e = FieldErrors::default();
        let account_ok =
            |s: &str| (4..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        let mut out = Vec::new();
        for p in purposes {
            let group = p != RECEIVABLE && p != BANK;
            let standard = p.starts_with("S:");
            let account = self.text(&format!("account.{p}"));
            let vat_account = self.text(&format!("vat_account.{p}"));
            let vat_code = self.text(&format!("vat_code.{p}"));
            if !account_ok(&account) {
                e.add(
                    &format!("account.{p}"),
                    Msg::new("accounting-account-invalid"),
                );
            }
            if standard && !account_ok(&vat_account) {
                e.add(
                    &format!("vat_account.{p}"),
                    Msg::new("accounting-account-invalid"),
                );
            }
            if group
                && !((1..=2).contains(&vat_code.len())
                    && vat_code.bytes().all(|b| b.is_ascii_digit()))
            {
                e.add(
                    &format!("vat_code.{p}"),
                    Msg::new("accounting-vat-code-invalid"),
                );
            }
            out.push(Account {
                purpose: p.clone(),
                account,
                vat_account: standard.then_some(vat_account),
                vat_code: group.then_some(vat_code),
            });
        }
        if e.is_empty() { Ok(out) } else { Err(e) }
    }
}

/// One input of a row: its name, the value as typed and its messages.
pub struct Input {
    pub name: String,
    pub value: String,
    pub errors: Vec<String>,
}

/// A row of the chart's page.
pub struct ChartRow {
    pub label: String,
    pub account: Input,
    /// Only for standard rates.
    pub vat_account: Option<Input>,
    /// Only for VAT groups.
    pub vat_code: Option<Input>,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounting/settings.html")]
pub struct SettingsView {
    lang: Lang,
    chrome: Chrome,
    rows: Vec<ChartRow>,
    has_errors: bool,
    saved: bool,
}

/// Every purpose the page shows: the chart's rows and the VAT groups on issued lines it lacks.
async fn purposes(state: &AppState) -> Result<(Vec<Account>, Vec<String>)> {
    let mut conn = state.db.pool.acquire().await?;
    let accounts = store::accounts(&mut conn).await?;
    let mut all: Vec<String> = accounts.iter().map(|a| a.purpose.clone()).collect();
    all.extend(store::unmapped(&mut conn).await?);
    all.sort_by_key(|p| store::order(p));
    Ok((accounts, all))
}

fn rows(purposes: &[String], form: &ChartForm, errors: &FieldErrors, lang: Lang) -> Vec<ChartRow> {
    let input = |name: String| Input {
        value: form.text(&name),
        errors: field_messages(errors, lang, &name),
        name,
    };
    purposes
        .iter()
        .map(|p| ChartRow {
            label: match p.as_str() {
                RECEIVABLE | BANK | "Z" | "E" | "AE" | "O" => {
                    lang.t(&format!("accounting-purpose-{}", p.to_lowercase()))
                }
                _ => lang.t_with("accounting-purpose-standard", &[("rate", purpose_label(p))]),
            },
            account: input(format!("account.{p}")),
            vat_account: p
                .starts_with("S:")
                .then(|| input(format!("vat_account.{p}"))),
            vat_code: (p != RECEIVABLE && p != BANK).then(|| input(format!("vat_code.{p}"))),
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct SavedParam {
    saved: Option<String>,
}

/// GET /accounting/settings
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn settings(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<SavedParam>,
) -> Result<SettingsView> {
    user.require_admin()?;
    let (accounts, all) = purposes(&state).await?;
    let form = ChartForm::of(&accounts);
    Ok(SettingsView {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        rows: rows(&all, &form, &FieldErrors::default(), user.lang),
        has_errors: false,
        saved: p.saved.is_some(),
    })
}

/// POST /accounting/settings
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn save_settings(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<ChartForm>,
) -> Result<Response> {
    user.require_admin()?;
    let (_, all) = purposes(&state).await?;
    match form.parse(&all) {
        Ok(accounts) => {
            let mut tx = state.db.begin().await?;
            store::save_accounts(&mut tx, &accounts).await?;
            crate::audit::record_unscoped(
                &mut tx,
                "accounting_accounts",
                0,
                "update",
                &[],
                Some(user.id),
            )
            .await?;
            tx.commit().await?;
            Ok(Redirect::to("/accounting/settings?saved=1").into_response())
        }
        Err(errors) => {
            let view = SettingsView {
                lang: user.lang,
                chrome: Chrome::new(&user, "admin"),
                rows: rows(&all, &form, &errors, user.lang),
                has_errors: true,
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}
