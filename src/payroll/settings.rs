//! The admin's payroll settings (`/admin/payroll`, beside the hiring settings): the wage type
//! code of every pay item the assignments use — normal hours, each overtime class, each
//! allowance — with its holiday-pay basis and tax-free flags, and the file's format (a preset
//! or chosen columns, docs/payroll-export.md). Bad input is shown beside what was typed.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{
    model::{
        Column, ColumnsError, Format, PRESETS, WageType, check_code, default_flags, item_order,
        parse_columns,
    },
    store,
};
use crate::{
    AppState, Result,
    assignments::store::payroll::pay_items,
    auth::Staff,
    db::Db,
    error::{FieldErrors, Msg},
    i18n::Lang,
    timesheets::store::payroll::fixed_items,
    web::{Chrome, form::field_messages},
};

/// A pay item the page offers: its key, its text and whether it is an expense allowance.
#[derive(Clone, Debug)]
pub struct ItemRow {
    pub item: String,
    pub label: String,
    pub expense: bool,
}

/// Normal hours, every overtime class the assignments use or approved sheets were fixed at (and
/// overtime without a class),
/// every allowance, and any item mapped before that no assignment uses now.
async fn items(db: &Db, lang: Lang, mapped: &HashMap<String, WageType>) -> Result<Vec<ItemRow>> {
    let (mut classes, mut allowances) = pay_items(db).await?;
    // Classes and allowances the sheets were fixed at, which an assignment may have dropped since.
    let (fixed_classes, fixed_allowances) = fixed_items(db).await?;
    classes.extend(fixed_classes);
    classes.sort_unstable();
    classes.dedup();
    for a in fixed_allowances {
        if !allowances.iter().any(|b| b.code == a.code) {
            allowances.push(a);
        }
    }
    allowances.sort_by(|a, b| a.code.cmp(&b.code));
    let mut rows = vec![ItemRow {
        item: "normal".into(),
        label: lang.t("payroll-item-normal"),
        expense: false,
    }];
    for p in classes {
        rows.push(ItemRow {
            item: format!("overtime:{p}"),
            label: lang.t_with("payroll-item-overtime", &[("percent", p.to_string())]),
            expense: false,
        });
    }
    rows.push(ItemRow {
        item: "overtime:none".into(),
        label: lang.t("payroll-item-overtime-none"),
        expense: false,
    });
    for a in allowances {
        rows.push(ItemRow {
            item: format!("allowance:{}", a.code),
            label: format!("{} ({})", a.name, a.code),
            expense: a.kind == crate::assignments::allowance::AllowanceKind::Expense,
        });
    }
    for key in mapped.keys() {
        if !rows.iter().any(|r| &r.item == key) {
            rows.push(ItemRow {
                item: key.clone(),
                label: key.clone(),
                expense: false,
            });
        }
    }
    rows.sort_by(|a, b| item_order(&a.item).cmp(&item_order(&b.item)));
    Ok(rows)
}

/// The form as typed: `preset`, `columns`, `header`, `decimal`, `bom`, and per item
/// `code.<item>`, `holiday.<item>`, `taxfree.<item>`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct SettingsForm(pub Vec<(String, String)>);

impl SettingsForm {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_string()
    }
    fn ticked(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn of(format: &Format, items: &[ItemRow], mapped: &HashMap<String, WageType>) -> Self {
        let mut v = vec![
            ("preset".to_string(), format.preset.clone()),
            ("columns".into(), format.columns_text()),
            (
                "decimal".into(),
                if format.decimal_comma { "comma" } else { "dot" }.into(),
            ),
        ];
        if format.header {
            v.push(("header".into(), "1".into()));
        }
        if format.bom {
            v.push(("bom".into(), "1".into()));
        }
        for r in items {
            let (code, (holiday, tax_free)) = match mapped.get(&r.item) {
                Some(w) => (w.code.clone(), (w.holiday_pay_basis, w.tax_free)),
                None => (String::new(), default_flags(&r.item, r.expense)),
            };
            v.push((format!("code.{}", r.item), code));
            if holiday {
                v.push((format!("holiday.{}", r.item), "1".into()));
            }
            if tax_free {
                v.push((format!("taxfree.{}", r.item), "1".into()));
            }
        }
        Self(v)
    }

    /// The checked format and mapping; an empty code leaves the item unmapped.
    pub fn parse(&self, items: &[ItemRow]) -> Result<(Format, Vec<WageType>), FieldErrors> {
        let mut e = FieldErrors::default();
        let preset = self.text("preset");
        let format = match Format::preset(&preset) {
            Some(f) => Some(f),
            None if preset == "custom" => match parse_columns(&self.text("columns")) {
                Ok(columns) => Some(Format {
                    preset,
                    columns,
                    header: self.ticked("header"),
                    decimal_comma: self.get("decimal") != Some("dot"),
                    bom: self.ticked("bom"),
                }),
                Err(err) => {
                    let msg = match err {
                        ColumnsError::Empty => Msg::new("payroll-columns-empty"),
                        ColumnsError::Unknown(c) => {
                            Msg::new("payroll-column-unknown").arg("column", c)
                        }
                        ColumnsError::Twice(c) => Msg::new("payroll-column-twice").arg("column", c),
                    };
                    e.add("columns", msg);
                    None
                }
            },
            None => {
                e.add("preset", Msg::new("payroll-preset-unknown"));
                None
            }
        };
        let mut types = Vec::new();
        for r in items {
            let code = self.text(&format!("code.{}", r.item)).trim().to_string();
            let holiday = self.ticked(&format!("holiday.{}", r.item));
            let tax_free = self.ticked(&format!("taxfree.{}", r.item));
            let field = format!("code.{}", r.item);
            if !code.is_empty()
                && let Err(key) = check_code(&code)
            {
                e.add(&field, Msg::new(key));
            }
            if holiday && tax_free {
                e.add(&field, Msg::new("payroll-tax-free-not-holiday-pay"));
            }
            types.push(WageType {
                item: r.item.clone(),
                code,
                holiday_pay_basis: holiday,
                tax_free,
            });
        }
        match format {
            Some(f) if e.is_empty() => Ok((f, types)),
            _ => Err(e),
        }
    }
}

/// A pay item's row on the page.
pub struct Row {
    pub item: String,
    pub label: String,
    pub code: String,
    pub holiday: bool,
    pub tax_free: bool,
    pub errors: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "payroll/settings.html")]
pub struct SettingsView {
    lang: Lang,
    chrome: Chrome,
    form: SettingsForm,
    rows: Vec<Row>,
    errors: FieldErrors,
    saved: bool,
}

impl SettingsView {
    fn new(user: &Staff, form: SettingsForm, items: &[ItemRow], errors: FieldErrors) -> Self {
        let rows = items
            .iter()
            .map(|r| Row {
                item: r.item.clone(),
                label: r.label.clone(),
                code: form.text(&format!("code.{}", r.item)),
                holiday: form.ticked(&format!("holiday.{}", r.item)),
                tax_free: form.ticked(&format!("taxfree.{}", r.item)),
                errors: field_messages(&errors, user.lang, &format!("code.{}", r.item)),
            })
            .collect();
        Self {
            lang: user.lang,
            chrome: Chrome::new(user, "admin"),
            form,
            rows,
            errors,
            saved: false,
        }
    }
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn value(&self, field: &str) -> String {
        self.form.text(field)
    }
    fn ticked(&self, field: &str) -> bool {
        self.form.ticked(field)
    }
    fn presets(&self) -> Vec<(&'static str, String, bool)> {
        let chosen = self.form.text("preset");
        PRESETS
            .iter()
            .map(|p| {
                (
                    *p,
                    self.lang.t(&format!("payroll-preset-{p}")),
                    chosen == *p,
                )
            })
            .collect()
    }
    /// Every column's key, for the hint.
    fn all_columns(&self) -> String {
        Column::ALL
            .iter()
            .map(|c| c.key())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    saved: Option<String>,
}

/// GET /admin/payroll
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<PageParams>,
) -> Result<SettingsView> {
    user.require_admin()?;
    let format = store::format(&state.db).await?;
    let mapped = store::wage_types(&state.db).await?;
    let items = items(&state.db, user.lang, &mapped).await?;
    let form = SettingsForm::of(&format, &items, &mapped);
    let mut view = SettingsView::new(&user, form, &items, FieldErrors::default());
    view.saved = p.saved.is_some();
    Ok(view)
}

/// POST /admin/payroll
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn save(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<SettingsForm>,
) -> Result<Response> {
    user.require_admin()?;
    let old_format = store::format(&state.db).await?;
    let mapped = store::wage_types(&state.db).await?;
    let items = items(&state.db, user.lang, &mapped).await?;
    match form.parse(&items) {
        Ok((format, types)) => {
            let mut tx = state.db.begin().await?;
            store::save_settings(&mut tx, user.id, &old_format, &mapped, &format, &types).await?;
            tx.commit().await?;
            Ok(Redirect::to("/admin/payroll?saved=1").into_response())
        }
        Err(errors) => {
            let view = SettingsView::new(&user, form, &items, errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<ItemRow> {
        ["normal", "overtime:50", "allowance:km"]
            .iter()
            .map(|i| ItemRow {
                item: i.to_string(),
                label: i.to_string(),
                expense: *i == "allowance:km",
            })
            .collect()
    }

    fn form(pairs: &[(&str, &str)]) -> SettingsForm {
        SettingsForm(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn a_preset_and_codes_are_kept_with_their_flags() {
        let (f, types) = form(&[
            ("preset", "payroll_import"),
            ("code.normal", " 1000 "),
            ("holiday.normal", "1"),
            ("code.allowance:km", "7100"),
            ("taxfree.allowance:km", "1"),
        ])
        .parse(&items())
        .unwrap();
        assert_eq!(f, Format::preset("payroll_import").unwrap());
        assert_eq!(types[0].code, "1000");
        assert!(types[0].holiday_pay_basis && !types[0].tax_free);
        assert_eq!(types[1].code, "");
        assert!(types[2].tax_free && !types[2].holiday_pay_basis);
    }

    #[test]
    fn bad_codes_columns_and_contradictions_are_refused() {
        let e = form(&[
            ("preset", "custom"),
            ("columns", "amount, lønnsart"),
            ("code.normal", "=1+1"),
            ("code.allowance:km", "7100"),
            ("holiday.allowance:km", "1"),
            ("taxfree.allowance:km", "1"),
        ])
        .parse(&items())
        .unwrap_err();
        assert!(e.get("columns").is_some());
        assert!(e.get("code.normal").is_some());
        assert!(e.get("code.allowance:km").is_some());
        let e = form(&[("preset", "visma")]).parse(&items()).unwrap_err();
        assert!(e.get("preset").is_some());
    }
}
