//! The admin's page for the hiring settings (`/admin/hiring`, beside the other admin pages):
//! the cost shares on top of pay that the live margin uses, the margin floor, and the counties
//! where hiring for construction work on building sites is banned. They are read afresh on
//! every evaluation, so the lights and margins use a change at once.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::{compliance::HiringRules, margin, margin::CostFactors, store};
use crate::{
    AppState, Result,
    auth::Staff,
    error::{FieldErrors, Msg},
    geo::COUNTIES,
    i18n::Lang,
    money::{format_kr, format_share, input_share, parse_share},
    web::{Chrome, form::field_messages},
};

/// The pay the page's example costs out: 250 kr an hour.
const EXAMPLE_PAY_ORE: i64 = 25_000;

/// The settings as typed (percentages) and the ticked counties.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub holiday_pay: String,
    pub employer_contribution: String,
    pub pension: String,
    pub insurance: String,
    pub margin_floor: String,
    pub county: Vec<String>,
}

impl SettingsForm {
    fn of(costs: &CostFactors, rules: &HiringRules) -> Self {
        Self {
            holiday_pay: input_share(costs.holiday_pay_bp),
            employer_contribution: input_share(costs.employer_contribution_bp),
            pension: input_share(costs.pension_bp),
            insurance: input_share(costs.insurance_bp),
            margin_floor: input_share(rules.margin_floor_bp),
            county: rules.building_site_ban_counties.clone(),
        }
    }

    /// The checked settings over `current` (which keeps the rules this page does not change).
    pub fn parse(&self, current: &HiringRules) -> Result<(CostFactors, HiringRules), FieldErrors> {
        let mut e = FieldErrors::default();
        let mut share = |field: &str, raw: &str| match parse_share(raw) {
            Some(bp) if bp <= 10_000 => bp,
            Some(_) => {
                e.add(field, Msg::new("hire-settings-share-range"));
                0
            }
            None => {
                e.add(field, Msg::new("hire-settings-share-invalid"));
                0
            }
        };
        let costs = CostFactors {
            holiday_pay_bp: share("holiday_pay", &self.holiday_pay),
            employer_contribution_bp: share("employer_contribution", &self.employer_contribution),
            pension_bp: share("pension", &self.pension),
            insurance_bp: share("insurance", &self.insurance),
        };
        let floor = share("margin_floor", &self.margin_floor);
        if let Some(bad) = self
            .county
            .iter()
            .find(|c| !COUNTIES.iter().any(|(n, _)| n == c))
        {
            e.add(
                "county",
                Msg::new("hire-settings-county-unknown").arg("county", bad),
            );
        }
        // Stored in the list's order, each once.
        let counties = COUNTIES
            .iter()
            .filter(|(n, _)| self.county.iter().any(|c| c == n))
            .map(|(n, _)| n.to_string())
            .collect();
        if !e.is_empty() {
            return Err(e);
        }
        let rules = HiringRules {
            margin_floor_bp: floor,
            building_site_ban_counties: counties,
            ..current.clone()
        };
        Ok((costs, rules))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "assignments/settings.html")]
pub struct SettingsView {
    lang: Lang,
    chrome: Chrome,
    form: SettingsForm,
    errors: FieldErrors,
    /// The settings in force (the sum and the example show these).
    costs: CostFactors,
    rules: HiringRules,
    saved: bool,
}

impl SettingsView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn total(&self) -> String {
        format_share(self.costs.total_bp())
    }
    fn example(&self) -> String {
        let cost = margin::per_hour(0, EXAMPLE_PAY_ORE, &self.costs).cost_per_hour;
        self.lang.t_with(
            "hire-settings-example",
            &[
                ("pay", format_kr(EXAMPLE_PAY_ORE)),
                ("cost", format_kr(cost)),
            ],
        )
    }
    fn floor(&self) -> String {
        format_share(self.rules.margin_floor_bp)
    }
    /// Every county: number, name, ticked.
    fn counties(&self) -> Vec<(&'static str, &'static str, bool)> {
        COUNTIES
            .iter()
            .map(|(n, name)| (*n, *name, self.form.county.iter().any(|c| c == n)))
            .collect()
    }
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    saved: Option<String>,
}

/// GET /admin/hiring
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<PageParams>,
) -> Result<SettingsView> {
    user.require_admin()?;
    let (costs, rules) = store::settings(&state.db).await?;
    Ok(SettingsView {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        form: SettingsForm::of(&costs, &rules),
        errors: FieldErrors::default(),
        costs,
        rules,
        saved: p.saved.is_some(),
    })
}

/// POST /admin/hiring
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn save(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<SettingsForm>,
) -> Result<Response> {
    user.require_admin()?;
    let old = store::settings(&state.db).await?;
    match form.parse(&old.1) {
        Ok((costs, rules)) => {
            let mut tx = state.db.begin().await?;
            store::save_settings(&mut tx, user.id, &old, &costs, &rules).await?;
            tx.commit().await?;
            Ok(Redirect::to("/admin/hiring?saved=1").into_response())
        }
        Err(errors) => {
            let view = SettingsView {
                lang: user.lang,
                chrome: Chrome::new(&user, "admin"),
                form,
                errors,
                costs: old.0,
                rules: old.1,
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(floor: &str, counties: &[&str]) -> SettingsForm {
        SettingsForm {
            holiday_pay: "12,0 %".into(),
            employer_contribution: "14,1".into(),
            pension: "2".into(),
            insurance: "1,0".into(),
            margin_floor: floor.into(),
            county: counties.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn percentages_become_basis_points_and_counties_keep_the_list_order() {
        let (costs, rules) = form("20", &["39", "03"])
            .parse(&HiringRules::default())
            .unwrap();
        assert_eq!(costs, CostFactors::default());
        assert_eq!(rules.margin_floor_bp, 2000);
        assert_eq!(rules.building_site_ban_counties, vec!["03", "39"]);
        assert_eq!(rules.equal_terms_max_age_days, 365);
    }

    #[test]
    fn bad_shares_and_unknown_counties_are_refused() {
        let e = form("femten", &["03", "99"])
            .parse(&HiringRules::default())
            .unwrap_err();
        assert!(e.get("margin_floor").is_some());
        assert!(e.get("county").is_some());
        let e = form("100,5", &[])
            .parse(&HiringRules::default())
            .unwrap_err();
        assert!(e.get("margin_floor").is_some());
    }
}
