//! Puts the rules to work on stored assignments: gathers each one's [`Facts`] (the worker's
//! papers, the hirer's terms, the worker's other periods at the customer) in a few queries for
//! a whole list, and returns the light, its reasons and the margin.

use std::collections::HashMap;

use time::Date;

use super::{
    compliance::{self, EqualTerms, Facts, Finding, HiringRules, LegalBasis, Light, WorkPermit},
    margin::{self, CostFactors, Margin},
    store::Assignment,
    week,
};
use crate::{Result, db::Db, db::Sql, timefmt::when::parse_date};

/// Breaks of up to this many days do not restart the three-year count.
pub const MAX_BREAK_DAYS: i64 = 14;

#[derive(Clone, Debug)]
pub struct Evaluation {
    pub findings: Vec<Finding>,
    pub light: Light,
    pub margin: Margin,
    /// Planned working minutes and the margin over them, for an assignment with an end.
    pub period: Option<(i64, i64)>,
}

/// What the rules need of one assignment, stored or as typed.
pub struct Subject {
    pub id: Option<i64>,
    pub worker_id: i64,
    pub from: Date,
    pub to: Option<Date>,
    pub building_site: bool,
    pub workplace_county: Option<String>,
    pub legal_basis: Option<LegalBasis>,
    pub bill_ore: i64,
    pub pay_ore: i64,
    pub overtime: Vec<compliance::OvertimeClass>,
    pub week: week::StandardWeek,
    /// The hirer's pay and when it was confirmed; `Err(id)` to look up stored terms.
    pub equal_terms: Result<Option<EqualTerms>, i64>,
}

impl Subject {
    pub fn of(a: &Assignment, today: Date) -> Self {
        Self {
            id: Some(a.id),
            worker_id: a.worker_id,
            from: parse_date(&a.from_date).unwrap_or(today),
            to: a.to_date.as_deref().and_then(parse_date),
            building_site: a.building_site == 1,
            workplace_county: a.workplace_county_no.clone(),
            legal_basis: legal_basis(a),
            bill_ore: a.bill_rate_ore,
            pay_ore: a.pay_rate_ore,
            overtime: a
                .overtime_rates()
                .iter()
                .map(|o| compliance::OvertimeClass {
                    percent: o.percent,
                    pay_ore: o.pay_ore,
                })
                .collect(),
            week: a.week(),
            equal_terms: a.equal_terms_id.map_or(Ok(None), Err),
        }
    }

    pub fn typed(d: &super::model::AssignmentData, id: Option<i64>) -> Self {
        Self {
            id,
            worker_id: d.worker_id,
            from: d.from,
            to: d.to,
            building_site: d.building_site,
            workplace_county: d.workplace_county_no.clone(),
            legal_basis: d.legal_basis.clone(),
            bill_ore: d.bill_rate_ore,
            pay_ore: d.pay_rate_ore,
            overtime: d.overtime_classes(),
            week: d.week.clone(),
            equal_terms: Ok(d.equal_terms.map(|(pay_ore, confirmed_on)| EqualTerms {
                pay_ore,
                confirmed_on,
            })),
        }
    }
}

/// Evaluates assignments of one customer (`customer_nace` from Brønnøysund).
pub async fn evaluate_all(
    db: &Db,
    customer_id: i64,
    customer_nace: Option<&str>,
    subjects: &[Subject],
    costs: &CostFactors,
    rules: &HiringRules,
    today: Date,
) -> Result<Vec<Evaluation>> {
    if subjects.is_empty() {
        return Ok(Vec::new());
    }
    let mut worker_ids: Vec<i64> = subjects.iter().map(|a| a.worker_id).collect();
    worker_ids.sort_unstable();
    worker_ids.dedup();

    // The latest end date of each worker's HMS card and work permit.
    let mut sql = Sql::new(
        "SELECT worker_id, kind, MAX(valid_until) FROM worker_credentials \
         WHERE kind IN ('hms_card', 'work_permit') AND worker_id IN ",
    );
    sql.push("(")
        .bind_list(worker_ids.iter().copied())
        .push(") GROUP BY worker_id, kind");
    let papers: Vec<(i64, String, Option<String>)> = sql.query_as().fetch_all(&db.pool).await?;
    let paper = |worker: i64, kind: &str| {
        papers
            .iter()
            .find(|(w, k, _)| *w == worker && k == kind)
            .and_then(|(_, _, d)| d.as_deref().and_then(parse_date))
    };
    let mut sql = Sql::new("SELECT id, needs_work_permit FROM workers WHERE id IN ");
    sql.push("(")
        .bind_list(worker_ids.iter().copied())
        .push(")");
    let needs_permit: HashMap<i64, bool> = sql
        .query_as::<(i64, i64)>()
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(id, n)| (id, n == 1))
        .collect();

    let periods: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, worker_id, from_date, to_date FROM assignments WHERE customer_id = $1 AND status <> 'cancelled'",
    )
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?;
    let terms: HashMap<i64, (i64, String)> = sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT id, pay_ore, confirmed_on FROM equal_terms WHERE customer_id = $1",
    )
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(id, pay, on)| (id, (pay, on)))
    .collect();

    Ok(subjects
        .iter()
        .map(|a| {
            let others: Vec<(Date, Option<Date>)> = periods
                .iter()
                .filter(|(id, w, ..)| Some(*id) != a.id && *w == a.worker_id)
                .filter_map(|(_, _, f, t)| {
                    Some((parse_date(f)?, t.as_deref().and_then(parse_date)))
                })
                .collect();
            let work_permit = if needs_permit.get(&a.worker_id).copied().unwrap_or(false) {
                paper(a.worker_id, "work_permit").map_or(WorkPermit::Missing, WorkPermit::Until)
            } else {
                WorkPermit::NotNeeded
            };
            let equal_terms = match &a.equal_terms {
                Ok(t) => *t,
                Err(id) => terms.get(id).and_then(|(pay, on)| {
                    Some(EqualTerms {
                        pay_ore: *pay,
                        confirmed_on: parse_date(on)?,
                    })
                }),
            };
            let m = margin::per_hour(a.bill_ore, a.pay_ore, costs);
            let facts = Facts {
                today,
                from: a.from,
                to: a.to,
                customer_nace: customer_nace.map(str::to_string),
                building_site_work: a.building_site,
                workplace_county: a.workplace_county.clone(),
                legal_basis: a.legal_basis.clone(),
                pay_ore: a.pay_ore,
                overtime: a.overtime.clone(),
                hms_card_until: paper(a.worker_id, "hms_card"),
                work_permit,
                equal_terms,
                margin_share_bp: m.share_bp,
                hired_since: compliance::continuous_since(a.from, &others, MAX_BREAK_DAYS),
            };
            let findings = compliance::check(&facts, rules);
            let period = a.to.map(|to| {
                let minutes = week::planned_minutes(&a.week, a.from, to);
                (
                    minutes,
                    margin::for_minutes(a.bill_ore, a.pay_ore, costs, minutes),
                )
            });
            Evaluation {
                light: compliance::light(&findings),
                findings,
                margin: m,
                period,
            }
        })
        .collect())
}

fn legal_basis(a: &Assignment) -> Option<LegalBasis> {
    LegalBasis::from_parts(
        a.legal_basis.as_deref()?,
        a.legal_basis_text.clone().unwrap_or_default(),
    )
}
