//! One invoice or credit note (`GET /invoices/{id}`): the buyer (the snapshot once issued, the
//! customer's billing details while a draft), references, lines with VAT, the VAT breakdown and
//! totals (`money::vat`), status, delivery, paid / credited / outstanding, credit notes against
//! it, and on a draft the forms that change it (`edit`). The forms re-render this page with the
//! typed values and the messages.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    StateRow, VAT_CHOICES, load, number_text, quantity_text, state_of, status_of, unit_text, units,
    vat_choice, vat_choice_key, vat_text,
};
use crate::{
    AppState, Result,
    auth::Staff,
    customers::{
        access::{Need, can_edit},
        billing::billing,
        store::Customer,
    },
    error::FieldErrors,
    i18n::Lang,
    invoices::{
        access::may_finance,
        items::{self, Item},
        state::{Status, outstanding},
        store::{self, Invoice, Line},
    },
    money::{format_kr, input_kr},
    web::{Chrome, form::field_messages},
};

/// A line's form as typed (add or change).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct LineForm {
    pub version: i64,
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub vat: String,
    pub exemption_reason: String,
}

impl LineForm {
    fn blank() -> Self {
        Self {
            quantity: "1".into(),
            unit: "HUR".into(),
            vat: "S2500".into(),
            ..Default::default()
        }
    }

    fn of_line(l: &Line) -> Self {
        Self {
            version: 0,
            description: l.description.clone(),
            quantity: quantity_text(l.quantity_milli),
            unit: l.unit_code.clone(),
            unit_price: input_kr(l.unit_price_ore),
            vat: vat_choice(&l.vat_category, l.vat_rate_bp),
            exemption_reason: l.exemption_reason.clone().unwrap_or_default(),
        }
    }

    fn of_item(i: &Item) -> Self {
        Self {
            version: 0,
            description: i.name.clone(),
            quantity: "1".into(),
            unit: i.unit_code.clone(),
            unit_price: input_kr(i.unit_price_ore),
            vat: vat_choice(&i.vat_category, i.vat_rate_bp),
            exemption_reason: i.exemption_reason.clone().unwrap_or_default(),
        }
    }
}

/// The references' form.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RefForm {
    pub version: i64,
    pub buyer_reference: String,
    pub order_reference: String,
}

/// What a form hands back to the page: which form, what was typed, the messages.
#[derive(Default)]
pub struct Typed {
    /// The line being changed (its form shows in place of the add form).
    pub editing: Option<i64>,
    pub line: Option<LineForm>,
    pub refs: Option<RefForm>,
    pub errors: FieldErrors,
    /// A message over the forms (a stale version, a refusal).
    pub notice: Option<String>,
}

pub struct LineRow {
    pub id: i64,
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub vat: String,
    pub exemption_reason: Option<String>,
    pub net: String,
    pub from_timesheet: bool,
}

pub struct VatRow {
    pub label: String,
    pub taxable: String,
    pub vat: String,
}

pub struct Buyer {
    pub name: String,
    pub org_number: Option<String>,
    pub address: Vec<String>,
    pub email: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/page.html")]
pub struct PageView {
    pub lang: Lang,
    pub chrome: Chrome,
    pub inv: Invoice,
    pub customer_id: i64,
    pub customer_name: String,
    pub number: String,
    pub buyer: Buyer,
    pub lines: Vec<LineRow>,
    pub vat_rows: Vec<VatRow>,
    pub net: String,
    pub vat: String,
    pub total: String,
    pub status: Status,
    pub state: Option<StateRow>,
    pub outstanding: Option<String>,
    pub paid: String,
    pub credited: String,
    pub credit_notes: Vec<(i64, String, String, String)>,
    pub credited_invoice: Option<(i64, String)>,
    pub can_edit: bool,
    pub may_finance: bool,
    pub has_hours: bool,
    pub can_credit: bool,
    pub items: Vec<Item>,
    pub line_form: LineForm,
    pub refs: RefForm,
    pub typed: Typed,
    pub totals_error: Option<String>,
    /// The delivery of an issued document (`invoices::delivery`).
    pub delivery: Option<crate::invoices::delivery::pages::Panel>,
}

impl PageView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.typed.errors, self.lang, field)
    }
    fn vat_errs(&self) -> Vec<String> {
        let mut all = self.errs("vat_category");
        all.extend(self.errs("vat_rate"));
        all
    }
    fn form_values(&self) -> LineForm {
        self.typed
            .line
            .clone()
            .unwrap_or_else(|| self.line_form.clone())
    }
    /// "Register payment": an issued invoice with something outstanding, for finance.
    fn may_pay(&self) -> bool {
        self.may_finance
            && self.inv.kind == "invoice"
            && self.inv.status == "issued"
            && self.outstanding.is_some()
            && !matches!(self.status, Status::Paid | Status::Credited)
    }
    fn draft(&self) -> bool {
        self.inv.status == "draft"
    }
    fn editable(&self) -> bool {
        self.draft() && self.can_edit
    }
    fn units(&self) -> Vec<(&'static str, String)> {
        units()
    }
    fn vat_choices(&self) -> Vec<(&'static str, String)> {
        VAT_CHOICES
            .iter()
            .map(|(c, _, _)| (*c, vat_choice_key(c)))
            .collect()
    }
    fn date(&self, d: &Option<String>) -> String {
        super::date_text(d.as_deref())
    }
    fn delivery(&self, st: &StateRow) -> String {
        format!(
            "{} · {}",
            self.lang.t(&format!("delivery-{}", st.delivery_method)),
            self.lang
                .t(&format!("inv-delivery-status-{}", st.delivery_status))
        )
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    /// A line to change.
    pub edit: Option<i64>,
    /// A price list item to fill the add form with.
    pub item: Option<i64>,
}

/// GET /invoices/{id}
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response> {
    let (inv, customer) = load(&state, &user, id, Need::See).await?;
    let mut typed = Typed::default();
    if let Some(line_id) = q.edit {
        let lines = store::lines(&state.db, id).await?;
        if let Some(l) = lines.iter().find(|l| l.id == line_id) {
            typed.editing = Some(line_id);
            typed.line = Some(LineForm::of_line(l));
        }
    } else if let Some(item_id) = q.item
        && let Some(item) = items::get(&state.db, item_id).await?
    {
        typed.line = Some(LineForm::of_item(&item));
    }
    render(&state, &user, inv, customer, typed, StatusCode::OK).await
}

/// The page with what a form handed back.
pub async fn render(
    state: &AppState,
    user: &Staff,
    inv: Invoice,
    customer: Customer,
    typed: Typed,
    status: StatusCode,
) -> Result<Response> {
    let lang = user.lang;
    let db = &state.db;
    let lines = store::lines(db, inv.id).await?;
    let st = state_of(db, inv.id).await?;
    let shown_status = status_of(&inv, st.as_ref());
    let buyer = if inv.status == "draft" {
        let b = billing(&mut *db.pool.acquire().await?, inv.customer_id)
            .await?
            .ok_or(crate::AppError::NotFound)?;
        let (street, postal, city) = b.invoice_address();
        Buyer {
            name: b.name.clone(),
            org_number: b.org_number.clone(),
            address: address(street, postal, city),
            email: b.invoice_email(),
        }
    } else {
        Buyer {
            name: inv.buyer_name.clone().unwrap_or_default(),
            org_number: inv.buyer_org_number.clone(),
            address: address(
                inv.buyer_street.clone(),
                inv.buyer_postal_code.clone(),
                inv.buyer_city.clone(),
            ),
            email: inv.buyer_email.clone(),
        }
    };
    let (vat_rows, net, vat, total, totals_error) = if lines.is_empty() {
        (Vec::new(), 0, 0, 0, None)
    } else {
        match store::totals_of(&lines) {
            Ok(t) => (
                t.breakdown
                    .iter()
                    .map(|g| VatRow {
                        label: vat_text(
                            lang,
                            g.vat.code(),
                            i64::from(g.vat.rate_bp().unwrap_or(0)),
                        ),
                        taxable: format_kr(g.taxable_ore),
                        vat: format_kr(g.vat_ore),
                    })
                    .collect(),
                t.line_total_ore,
                t.vat_ore,
                t.with_vat_ore,
                None,
            ),
            Err(crate::AppError::Invalid(e)) => (
                Vec::new(),
                0,
                0,
                0,
                Some(field_messages(&e, lang, "lines").join(" ")),
            ),
            Err(e) => return Err(e),
        }
    };
    // Issued: the stored totals are the document's.
    let (net, vat, total) = match (inv.line_net_ore, inv.vat_ore, inv.total_ore) {
        (Some(n), Some(v), Some(t)) => (n, v, t),
        _ => (net, vat, total),
    };
    // Credit notes against it: (id, number, total, reason).
    let credit_notes: Vec<(i64, String, String, String)> = if inv.kind == "invoice" {
        type Row = (i64, Option<i64>, Option<i64>, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, number, total_ore, reason FROM invoices WHERE credited_invoice_id = $1 \
             ORDER BY id",
        )
        .bind(inv.id)
        .fetch_all(&db.pool)
        .await?;
        rows.into_iter()
            .map(|(id, number, total_ore, reason)| {
                (
                    id,
                    number_text(lang, "credit_note", number),
                    format_kr(total_ore.unwrap_or(0)),
                    reason.unwrap_or_default(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let credited_invoice = match inv.credited_invoice_id {
        Some(cid) => store::get(db, cid)
            .await?
            .map(|c| (c.id, number_text(lang, &c.kind, c.number))),
        None => None,
    };
    let credited_lines: i64 = if inv.kind == "invoice" && inv.status == "issued" {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM invoice_lines l JOIN invoices c ON c.id = l.invoice_id \
             WHERE c.credited_invoice_id = $1 AND l.credited_line_id IS NOT NULL",
        )
        .bind(inv.id)
        .fetch_one(&db.pool)
        .await?;
        n
    } else {
        0
    };
    let can_credit = inv.kind == "invoice"
        && inv.status == "issued"
        && may_finance(user)
        && (credited_lines as usize) < lines.len();
    let outstanding_ore = match (&st, inv.kind.as_str(), inv.status.as_str()) {
        (Some(s), "invoice", "issued") => Some(outstanding(total, s.credited_ore, s.paid_ore)),
        _ => None,
    };
    let editable = can_edit(user, customer.owner_id, customer.department_id);
    let items = if inv.status == "draft" && editable {
        items::all(db).await?
    } else {
        Vec::new()
    };
    let line_form = match (&typed.line, typed.editing) {
        (Some(l), None) => l.clone(),
        _ => LineForm::blank(),
    };
    let refs = typed.refs.clone().unwrap_or_else(|| RefForm {
        version: inv.version,
        buyer_reference: inv.buyer_reference.clone().unwrap_or_default(),
        order_reference: inv.order_reference.clone().unwrap_or_default(),
    });
    let delivery = if inv.status == "issued" {
        crate::invoices::delivery::pages::panel(state, user, inv.id).await?
    } else {
        None
    };
    let view = PageView {
        delivery,
        lang,
        chrome: Chrome::new(user, "invoices"),
        number: number_text(lang, &inv.kind, inv.number),
        customer_id: customer.id,
        customer_name: customer.name.clone(),
        buyer,
        lines: lines
            .iter()
            .map(|l| LineRow {
                id: l.id,
                description: l.description.clone(),
                quantity: quantity_text(l.quantity_milli),
                unit: unit_text(lang, &l.unit_code),
                unit_price: format_kr(l.unit_price_ore),
                vat: vat_text(lang, &l.vat_category, l.vat_rate_bp),
                exemption_reason: l.exemption_reason.clone(),
                net: format_kr(l.line_net_ore),
                from_timesheet: l.timesheet_id.is_some(),
            })
            .collect(),
        has_hours: lines.iter().any(|l| l.timesheet_id.is_some()),
        vat_rows,
        net: format_kr(net),
        vat: format_kr(vat),
        total: format_kr(total),
        status: shown_status,
        paid: format_kr(st.as_ref().map_or(0, |s| s.paid_ore)),
        credited: format_kr(st.as_ref().map_or(0, |s| s.credited_ore)),
        outstanding: outstanding_ore.map(format_kr),
        state: st,
        credit_notes,
        credited_invoice,
        can_edit: editable,
        may_finance: may_finance(user),
        can_credit,
        items,
        line_form,
        refs,
        totals_error,
        inv,
        typed,
    };
    Ok((status, view).into_response())
}

fn address(street: Option<String>, postal: Option<String>, city: Option<String>) -> Vec<String> {
    let place = [postal, city]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    street
        .into_iter()
        .chain(Some(place).filter(|p| !p.is_empty()))
        .collect()
}
