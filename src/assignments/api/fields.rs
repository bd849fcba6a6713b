//! The fields an assignment takes in the API, and their checking: the page form's rules and
//! reference checks, so both refuse the same input.

use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;

use super::super::{
    allowance::Allowance,
    allowance_form::AllowanceDraft,
    input,
    model::{AssignmentData, AssignmentDraft},
};
use crate::{
    AppError, AppState, Result,
    error::{FieldErrors, Msg},
};

/// `null` as "clear this", an absent field as "leave it".
fn nullable<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

/// An assignment's fields as the API takes them: those of the page's form, with ids as
/// numbers and the working days as a list. On create the form's required fields are required;
/// on patch only the fields sent change (an empty string clears a text, `null` an id).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentFields {
    pub worker_id: Option<i64>,
    #[schema(max_length = 200)]
    pub title: Option<String>,
    /// STYRK-08 occupation code, four digits.
    pub styrk_code: Option<String>,
    #[schema(max_length = 200)]
    pub workplace_street: Option<String>,
    pub workplace_postal_code: Option<String>,
    #[schema(max_length = 100)]
    pub workplace_city: Option<String>,
    /// Construction work on a building site.
    pub building_site: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub consultant_id: Option<Option<i64>>,
    /// A contact of this customer.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub approver_contact_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub second_approver_contact_id: Option<Option<i64>>,
    /// `YYYY-MM-DD`.
    pub from_date: Option<String>,
    /// `YYYY-MM-DD`; empty for an open end.
    pub to_date: Option<String>,
    /// Hours per week, e.g. `37,5`.
    pub hours_per_week: Option<String>,
    /// Weekdays worked: `1` (Monday) … `7` (Sunday).
    pub days: Option<Vec<i64>>,
    /// `07:30`.
    pub day_start: Option<String>,
    pub day_end: Option<String>,
    /// Minutes, 0–180.
    pub break_minutes: Option<String>,
    /// Kroner per hour, e.g. `450` or `450,50`.
    pub bill_rate: Option<String>,
    pub pay_rate: Option<String>,
    pub ot50_bill: Option<String>,
    pub ot50_pay: Option<String>,
    pub ot100_bill: Option<String>,
    pub ot100_pay: Option<String>,
    /// `temporary_work`, `substitute` or `agreement`.
    pub legal_basis: Option<String>,
    #[schema(max_length = 1000)]
    pub legal_basis_text: Option<String>,
    /// The hirer's pay for the position (kroner per hour), with the date it was confirmed.
    pub equal_pay: Option<String>,
    pub equal_confirmed_on: Option<String>,
    #[schema(max_length = 100)]
    pub purchase_order: Option<String>,
    /// `customer`, `assignment`, `worker` or `purchase_order`.
    pub invoice_grouping: Option<String>,
    /// Replaces all the assignment's allowances (the shape the assignment shows them in;
    /// amounts in øre per hour or per unit). Checked as on the form: codes unique, times
    /// valid, amounts not negative; an error names `allowance_<index>_<field>`.
    pub allowances: Option<Vec<Allowance>>,
    /// On patch: the `version` you read (409 if it has changed since).
    pub version: Option<i64>,
}

impl AssignmentFields {
    /// The fields sent, over `d`; a working day outside 1–7 is an error on `days`.
    pub fn apply(self, d: &mut AssignmentDraft) -> FieldErrors {
        let mut errors = FieldErrors::default();
        let set = |t: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *t = v;
            }
        };
        let id = |t: &mut String, v: Option<Option<i64>>| {
            if let Some(v) = v {
                *t = v.map(|v| v.to_string()).unwrap_or_default();
            }
        };
        id(&mut d.worker_id, self.worker_id.map(Some));
        id(&mut d.consultant_id, self.consultant_id);
        id(&mut d.approver_contact_id, self.approver_contact_id);
        id(
            &mut d.second_approver_contact_id,
            self.second_approver_contact_id,
        );
        if let Some(b) = self.building_site {
            d.building_site = if b { "1".into() } else { String::new() };
        }
        if let Some(days) = self.days {
            if days.iter().any(|d| !(1..=7).contains(d)) {
                errors.add("days", Msg::new("assignment-days-invalid"));
            }
            let days: Vec<String> = days.iter().map(i64::to_string).collect();
            d.days = days.join(",");
        }
        set(&mut d.title, self.title);
        set(&mut d.styrk_code, self.styrk_code);
        set(&mut d.workplace_street, self.workplace_street);
        set(&mut d.workplace_postal_code, self.workplace_postal_code);
        set(&mut d.workplace_city, self.workplace_city);
        set(&mut d.from_date, self.from_date);
        set(&mut d.to_date, self.to_date);
        set(&mut d.hours_per_week, self.hours_per_week);
        set(&mut d.day_start, self.day_start);
        set(&mut d.day_end, self.day_end);
        set(&mut d.break_minutes, self.break_minutes);
        set(&mut d.bill_rate, self.bill_rate);
        set(&mut d.pay_rate, self.pay_rate);
        set(&mut d.ot50_bill, self.ot50_bill);
        set(&mut d.ot50_pay, self.ot50_pay);
        set(&mut d.ot100_bill, self.ot100_bill);
        set(&mut d.ot100_pay, self.ot100_pay);
        set(&mut d.legal_basis, self.legal_basis);
        set(&mut d.legal_basis_text, self.legal_basis_text);
        set(&mut d.equal_pay, self.equal_pay);
        set(&mut d.equal_confirmed_on, self.equal_confirmed_on);
        set(&mut d.purchase_order, self.purchase_order);
        set(&mut d.invoice_grouping, self.invoice_grouping);
        if let Some(list) = self.allowances {
            d.allowances = list.iter().map(AllowanceDraft::from).collect();
        }
        errors
    }
}

/// The draft checked as the form checks it: the model's rules, then the references.
pub async fn checked(
    state: &AppState,
    customer_id: i64,
    draft: &AssignmentDraft,
    mut errors: FieldErrors,
) -> Result<AssignmentData> {
    let data = match draft.validate() {
        Ok(d) if errors.is_empty() => d,
        Ok(_) => return Err(AppError::Invalid(errors)),
        Err(more) => {
            for (field, msgs) in more.0 {
                for m in msgs {
                    errors.add(&field, m);
                }
            }
            return Err(AppError::Invalid(errors));
        }
    };
    let errors = input::check_references(state, customer_id, &data).await?;
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(data)
}
