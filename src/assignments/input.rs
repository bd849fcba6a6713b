//! Between what is stored or typed and [`AssignmentData`]: the stored assignment as a draft
//! (what the form shows, and what a JSON patch applies its fields to) and the checks only the
//! database can make. The form and the JSON API both use these, so both refuse the same input.

use super::{
    allowance_form::AllowanceDraft,
    model::{AssignmentData, AssignmentDraft},
    store::Assignment,
};
use crate::{
    AppState, Result,
    contacts::lookup,
    error::{FieldErrors, Msg},
    money::input_kr,
    workers,
};

/// The stored assignment as the form shows it.
pub fn to_draft(a: &Assignment, terms: Option<(i64, String)>) -> AssignmentDraft {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let week = a.week();
    let first = week.days.iter().flatten().next().copied();
    let clock = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
    let ot = a.overtime_rates();
    let rate = |p: i64, bill: bool| {
        ot.iter()
            .find(|o| o.percent == p)
            .map(|o| input_kr(if bill { o.bill_ore } else { o.pay_ore }))
            .unwrap_or_default()
    };
    AssignmentDraft {
        worker_id: a.worker_id.to_string(),
        title: a.title.clone(),
        styrk_code: s(&a.styrk_code),
        workplace_street: s(&a.workplace_street),
        workplace_postal_code: s(&a.workplace_postal_code),
        workplace_city: s(&a.workplace_city),
        building_site: if a.building_site == 1 {
            "1".into()
        } else {
            String::new()
        },
        consultant_id: id(a.consultant_id),
        approver_contact_id: id(a.approver_contact_id),
        second_approver_contact_id: id(a.second_approver_contact_id),
        from_date: a.from_date.clone(),
        to_date: s(&a.to_date),
        hours_per_week: input_kr(a.hours_per_week_minutes * 100 / 60),
        days: (1..=7usize)
            .filter(|d| week.days[d - 1].is_some())
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(","),
        day_start: first.map(|f| clock(f.start)).unwrap_or_default(),
        day_end: first.map(|f| clock(f.end)).unwrap_or_default(),
        break_minutes: first
            .map(|f| f.break_minutes.to_string())
            .unwrap_or_default(),
        bill_rate: input_kr(a.bill_rate_ore),
        pay_rate: input_kr(a.pay_rate_ore),
        ot50_bill: rate(50, true),
        ot50_pay: rate(50, false),
        ot100_bill: rate(100, true),
        ot100_pay: rate(100, false),
        legal_basis: s(&a.legal_basis),
        legal_basis_text: s(&a.legal_basis_text),
        equal_pay: terms
            .as_ref()
            .map(|(p, _)| input_kr(*p))
            .unwrap_or_default(),
        equal_confirmed_on: terms.map(|(_, d)| d).unwrap_or_default(),
        purchase_order: s(&a.purchase_order),
        invoice_grouping: s(&a.invoice_grouping),
        allowances: a.allowances().iter().map(AllowanceDraft::from).collect(),
    }
}

/// Checks what only the database can: the worker exists, the approvers are this customer's.
pub async fn check_references(
    state: &AppState,
    customer_id: i64,
    d: &AssignmentData,
) -> Result<FieldErrors> {
    let mut errors = check_term_references(state, customer_id, d).await?;
    if workers::store::get(&state.db, d.worker_id).await?.is_none() {
        errors.add("worker_id", Msg::new("assignment-worker-required"));
    }
    Ok(errors)
}

/// The checks of [`check_references`] that concern the terms alone (a vacancy's): the
/// approvers are this customer's contacts, and two different people.
pub async fn check_term_references(
    state: &AppState,
    customer_id: i64,
    d: &AssignmentData,
) -> Result<FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut conn = state.db.pool.acquire().await?;
    for (field, contact) in [
        ("approver_contact_id", d.approver_contact_id),
        ("second_approver_contact_id", d.second_approver_contact_id),
    ] {
        if let Some(c) = contact
            && !lookup::belongs_to(&mut conn, c, customer_id).await?
        {
            errors.add(field, Msg::new("filter-invalid"));
        }
    }
    if d.approver_contact_id.is_some() && d.approver_contact_id == d.second_approver_contact_id {
        errors.add(
            "second_approver_contact_id",
            Msg::new("assignment-same-approver"),
        );
    }
    Ok(errors)
}
