//! Writing the firm's one row of hiring settings (the cost shares, the margin floor and the
//! counties of the building-site ban), recorded as a firm-wide change in the audit log.

use sqlx::AnyConnection;

use super::super::{compliance::HiringRules, margin::CostFactors};
use crate::{Result, audit, money::format_share, timefmt::now};

/// What the audit log shows of the settings: readable values under stable field names.
fn audit_fields(c: &CostFactors, r: &HiringRules) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("holiday_pay", Some(format_share(c.holiday_pay_bp))),
        (
            "employer_contribution",
            Some(format_share(c.employer_contribution_bp)),
        ),
        ("pension", Some(format_share(c.pension_bp))),
        ("insurance", Some(format_share(c.insurance_bp))),
        ("margin_floor", Some(format_share(r.margin_floor_bp))),
        (
            "building_site_ban_counties",
            Some(r.building_site_ban_counties.join(",")),
        ),
    ]
}

/// Saves new settings over `old` (as read before) and records what changed; nothing is
/// recorded when nothing changed. They apply from the next evaluation: nothing caches them.
pub async fn save_settings(
    conn: &mut AnyConnection,
    user_id: i64,
    old: &(CostFactors, HiringRules),
    costs: &CostFactors,
    rules: &HiringRules,
) -> Result<()> {
    sqlx::query(
        "UPDATE assignment_settings SET holiday_pay_bp = $1, employer_contribution_bp = $2, \
         pension_bp = $3, insurance_bp = $4, margin_floor_bp = $5, building_site_ban_counties = $6, \
         updated_at = $7 WHERE id = 1",
    )
    .bind(costs.holiday_pay_bp)
    .bind(costs.employer_contribution_bp)
    .bind(costs.pension_bp)
    .bind(costs.insurance_bp)
    .bind(rules.margin_floor_bp)
    .bind(rules.building_site_ban_counties.join(","))
    .bind(now())
    .execute(&mut *conn)
    .await?;
    let changes = audit::diff(audit_fields(&old.0, &old.1), audit_fields(costs, rules));
    if !changes.is_empty() {
        audit::record_unscoped(
            conn,
            "assignment-settings",
            1,
            "update",
            &changes,
            Some(user_id),
        )
        .await?;
    }
    Ok(())
}
