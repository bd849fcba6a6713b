//! The staff pages for invoices and credit notes (issue 14; decision 0026), over the store
//! (`store`, `credit`, `state`, `access`): the card's tab ([`tab`]), the firm-wide list with its
//! export ([`list`]), one invoice or credit note with draft editing ([`view`], [`edit`]), issuing
//! ([`issue`]) and crediting ([`credit`]). Every route loads the customer through
//! `customers::access::load`; issuing and crediting also need `access::require_finance`.

pub mod credit;
pub mod edit;
pub mod issue;
pub mod list;
pub mod tab;
pub mod view;

use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::{
        access::{self, Need},
        store::Customer,
    },
    db::Db,
    ehf::Unit,
    timefmt,
};

use super::{
    state::{Facts, Status, derive},
    store::{self, Invoice},
};

/// An invoice with its customer, loaded for `user`: 404 when the invoice does not exist or its
/// customer is out of sight, 403 when `need` is `Change` and the user may only see it.
pub async fn load(
    state: &AppState,
    user: &Staff,
    id: i64,
    need: Need,
) -> Result<(Invoice, Customer)> {
    let invoice = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let customer = access::load(state, user, invoice.customer_id, need).await?;
    Ok((invoice, customer))
}

/// Today in Oslo, the day statuses are derived for.
pub fn today() -> time::Date {
    timefmt::when::oslo_date(timefmt::now())
}

/// What happened after issue, as `invoice_state` holds it.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct StateRow {
    pub delivery_method: String,
    pub delivery_status: String,
    pub paid_ore: i64,
    pub credited_ore: i64,
}

pub async fn state_of(db: &Db, id: i64) -> Result<Option<StateRow>> {
    Ok(sqlx::query_as(
        "SELECT delivery_method, delivery_status, paid_ore, credited_ore FROM invoice_state \
         WHERE invoice_id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?)
}

/// The status of an invoice with its state row (or none, for a draft).
pub fn status_of(inv: &Invoice, st: Option<&StateRow>) -> Status {
    derive(
        &Facts {
            kind: &inv.kind,
            status: &inv.status,
            total_ore: inv.total_ore.unwrap_or(0),
            due_date: inv.due_date.as_deref(),
            delivery_status: st.map(|s| s.delivery_status.as_str()),
            paid_ore: st.map_or(0, |s| s.paid_ore),
            credited_ore: st.map_or(0, |s| s.credited_ore),
        },
        today(),
    )
}

/// The VAT choices of a line's form: the code sent, the category and the rate.
pub const VAT_CHOICES: [(&str, &str, i64); 7] = [
    ("S2500", "S", 2500),
    ("S1500", "S", 1500),
    ("S1200", "S", 1200),
    ("Z", "Z", 0),
    ("E", "E", 0),
    ("AE", "AE", 0),
    ("O", "O", 0),
];

/// The form's VAT choice for a stored category and rate.
pub fn vat_choice(category: &str, rate_bp: i64) -> String {
    if category == "S" {
        format!("S{rate_bp}")
    } else {
        category.to_string()
    }
}

/// The translation key of a VAT choice's label.
pub fn vat_choice_key(choice: &str) -> String {
    format!("inv-vat-{}", choice.to_ascii_lowercase())
}

/// A line's VAT as shown: `25 %`, or the category's name.
pub fn vat_text(lang: crate::i18n::Lang, category: &str, rate_bp: i64) -> String {
    if category == "S" {
        percent(rate_bp)
    } else {
        lang.t(&vat_choice_key(category))
    }
}

/// Basis points as a whole percentage where it is one: `25 %`, `11,11 %`.
pub fn percent(bp: i64) -> String {
    if bp % 100 == 0 {
        format!("{} %", bp / 100)
    } else {
        format!("{},{:02} %", bp / 100, bp % 100)
    }
}

/// The units a line's form offers, with their translation keys.
pub fn units() -> Vec<(&'static str, String)> {
    Unit::ALL
        .iter()
        .map(|u| {
            (
                u.code(),
                format!("inv-unit-{}", u.code().to_ascii_lowercase()),
            )
        })
        .collect()
}

/// A unit code's label.
pub fn unit_text(lang: crate::i18n::Lang, code: &str) -> String {
    lang.t(&format!("inv-unit-{}", code.to_ascii_lowercase()))
}

/// Thousandths as typed and shown: `7,5`, `-2`, `0,125`.
pub fn quantity_text(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let abs = milli.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let f = format!("{frac:03}");
        format!("{sign}{whole},{}", f.trim_end_matches('0'))
    }
}

/// `7,5`, `7.5`, `-2`, `1 000` → thousandths; at most three decimals.
pub fn parse_quantity(input: &str) -> Option<i64> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let (neg, s) = match s.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (whole, frac) = s.split_once([',', '.']).unwrap_or((s, ""));
    if whole.is_empty()
        || whole.len() > 9
        || frac.len() > 3
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let milli = whole.parse::<i64>().ok()? * 1000 + format!("{frac:0<3}").parse::<i64>().ok()?;
    Some(if neg { -milli } else { milli })
}

/// The invoice's number as shown: `F 12` / `K 3`, or the draft's label.
pub fn number_text(lang: crate::i18n::Lang, kind: &str, number: Option<i64>) -> String {
    match number {
        Some(n) if kind == "credit_note" => {
            lang.t_with("inv-credit-note-number", &[("number", n.to_string())])
        }
        Some(n) => lang.t_with("inv-number", &[("number", n.to_string())]),
        None => lang.t("inv-draft"),
    }
}

/// `2026-12-02` → `02.12.2026`.
pub fn date_text(date: Option<&str>) -> String {
    match date.and_then(timefmt::when::parse_date) {
        Some(d) => format!("{:02}.{:02}.{}", d.day(), u8::from(d.month()), d.year()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_round_trip() {
        assert_eq!(parse_quantity("7,5"), Some(7500));
        assert_eq!(parse_quantity("1 000"), Some(1_000_000));
        assert_eq!(parse_quantity("-2"), Some(-2000));
        assert_eq!(parse_quantity("0.125"), Some(125));
        assert_eq!(parse_quantity("1,2345"), None);
        assert_eq!(parse_quantity("abc"), None);
        assert_eq!(parse_quantity(""), None);
        for q in [7500, -2000, 125, 1_000_000, 1] {
            assert_eq!(parse_quantity(&quantity_text(q)), Some(q));
        }
        assert_eq!(percent(2500), "25 %");
        assert_eq!(vat_choice("S", 1500), "S1500");
    }
}
