//! The payments pages, for those who may finance (`invoices::access::require_finance`): a payment
//! registered by hand on an invoice, a bank file imported, the unmatched payments matched by hand
//! or ignored, the payments list, and the overdue invoices with their first reminder.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::Form;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{
    camt054,
    ocr::{self, FileError, FilePayment},
    reminder, store,
};
use crate::{
    AppError, AppState, Result,
    audit::{self, Change},
    auth::Staff,
    customers::{
        access::{self, Need},
        billing::billing,
    },
    dialog::outbox::{self, NewEmail, Recipient},
    error::{FieldErrors, Msg},
    files::form::{bad_form, drain, skip},
    i18n::Lang,
    invoices::access::require_finance,
    money::{format_kr, parse_kr},
    timefmt::{
        self, date_text,
        when::{date_string, oslo_date, parse_date},
    },
    web::{Chrome, form::field_messages},
};

/// The largest payment file taken.
const MAX_BYTES: usize = 10 * 1024 * 1024;

fn today() -> time::Date {
    oslo_date(timefmt::now())
}

fn day_text(s: &str) -> String {
    parse_date(s).map_or_else(|| s.to_string(), date_text)
}

// ---------------------------------------------------------------------------------------------
// By hand: /invoices/{id}/payments/new

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PaymentForm {
    pub paid_on: String,
    pub amount: String,
    pub note: String,
    /// Set when the person confirmed an amount above what is owed.
    pub over: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "payments/new.html")]
pub struct NewView {
    lang: Lang,
    chrome: Chrome,
    invoice: store::Payable,
    form: PaymentForm,
    errors: FieldErrors,
    /// The amount is above what is owed: shown with a box to confirm.
    over_warning: Option<String>,
}

impl NewView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn kr(&self, ore: impl std::borrow::Borrow<i64>) -> String {
        format_kr(*ore.borrow())
    }
    fn day(&self, s: impl AsRef<str>) -> String {
        day_text(s.as_ref())
    }
}

/// The issued invoice, seen and changeable by `user`, who may finance.
async fn payable_for(state: &AppState, user: &Staff, id: i64) -> Result<store::Payable> {
    let mut conn = state.db.pool.acquire().await?;
    let invoice = store::payable(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    access::load(state, user, invoice.customer_id, Need::Change).await?;
    require_finance(user)?;
    Ok(invoice)
}

/// GET /invoices/{id}/payments/new
pub async fn new_page(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<NewView> {
    let invoice = payable_for(&state, &user, id).await?;
    let owed = invoice.outstanding().max(0);
    Ok(NewView {
        lang: user.lang,
        chrome: Chrome::new(&user, "payments"),
        form: PaymentForm {
            paid_on: date_string(today()),
            amount: crate::money::input_kr(owed),
            ..Default::default()
        },
        invoice,
        errors: FieldErrors::default(),
        over_warning: None,
    })
}

/// The form's date, amount and note, or what is wrong with them.
pub fn check(
    form: &PaymentForm,
) -> std::result::Result<(String, i64, Option<String>), FieldErrors> {
    let mut e = FieldErrors::default();
    let date = parse_date(form.paid_on.trim()).filter(|_| form.paid_on.trim().len() == 10);
    match date {
        None => e.add("paid_on", Msg::new("payments-date-invalid")),
        Some(d) if d > today() => e.add("paid_on", Msg::new("payments-date-future")),
        Some(_) => {}
    }
    let amount = parse_kr(&form.amount);
    match amount {
        None => e.add("amount", Msg::new("payments-amount-invalid")),
        Some(0) => e.add("amount", Msg::new("payments-amount-zero")),
        Some(_) => {}
    }
    let note = form.note.trim();
    e.single_line("note", note);
    if note.chars().count() > 200 {
        e.add("note", Msg::new("payments-note-too-long"));
    }
    match (date, amount) {
        (Some(d), Some(a)) if e.is_empty() => Ok((
            date_string(d),
            a,
            (!note.is_empty()).then(|| note.to_string()),
        )),
        _ => Err(e),
    }
}

/// POST /invoices/{id}/payments/new
#[tracing::instrument(skip_all, fields(user = user.id, invoice = id))]
pub async fn register(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<PaymentForm>,
) -> Result<Response> {
    let invoice = payable_for(&state, &user, id).await?;
    let mut view = NewView {
        lang: user.lang,
        chrome: Chrome::new(&user, "payments"),
        invoice,
        form: form.clone(),
        errors: FieldErrors::default(),
        over_warning: None,
    };
    let (paid_on, amount, note) = match check(&form) {
        Ok(v) => v,
        Err(e) => {
            view.errors = e;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let owed = view.invoice.outstanding();
    if amount > owed && form.over.is_none() {
        view.over_warning = Some(user.lang.t_with(
            "payments-over-warning",
            &[
                ("amount", format_kr(amount)),
                ("owed", format_kr(owed.max(0))),
            ],
        ));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    }
    let mut tx = state.db.begin().await?;
    store::insert(
        &mut tx,
        &store::NewPayment {
            invoice_id: Some(id),
            amount_ore: amount,
            paid_on: &paid_on,
            kid: None,
            payer: None,
            reference: None,
            note: note.as_deref(),
            source: "manual",
            import_id: None,
            line_number: None,
            user_id: user.id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/invoices/{id}")).into_response())
}

// ---------------------------------------------------------------------------------------------
// Import: /payments/import

#[derive(Template, WebTemplate)]
#[template(path = "payments/import.html")]
pub struct ImportView {
    lang: Lang,
    chrome: Chrome,
    file_name: String,
    file_error: Option<String>,
    summary: Option<Vec<String>>,
}

/// GET /payments/import
pub async fn import_page(user: Staff) -> Result<ImportView> {
    require_finance(&user)?;
    Ok(ImportView {
        lang: user.lang,
        chrome: Chrome::new(&user, "payments"),
        file_name: String::new(),
        file_error: None,
        summary: None,
    })
}

/// Which format a file is in and its payments (and entries skipped), or why it is refused.
pub fn read_file(text: &str) -> std::result::Result<(&'static str, Vec<FilePayment>, usize), Msg> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let refused =
        |e: FileError, key: &'static str| Msg::new(key).arg("line", e.line).arg("what", e.what);
    if start.starts_with('<') {
        camt054::parse(start)
            .map(|p| ("camt054", p.payments, p.skipped))
            .map_err(|e| refused(e, "payments-file-bad-entry"))
    } else if start.starts_with("NY") {
        ocr::parse(start)
            .map(|p| ("ocr", p, 0))
            .map_err(|e| refused(e, "payments-file-bad-record"))
    } else {
        Err(Msg::new("payments-file-unknown"))
    }
}

/// POST /payments/import (multipart, `file`)
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn import(
    State(state): State<AppState>,
    user: Staff,
    mut multipart: Multipart,
) -> Result<Response> {
    require_finance(&user)?;
    let mut view = ImportView {
        lang: user.lang,
        chrome: Chrome::new(&user, "payments"),
        file_name: String::new(),
        file_error: None,
        summary: None,
    };
    let mut bytes: Option<Vec<u8>> = None;
    let mut too_large = false;
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        if field.name() != Some("file") || bytes.is_some() {
            skip(&mut field).await?;
            continue;
        }
        view.file_name = field.file_name().unwrap_or_default().to_string();
        let mut buf = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
            if buf.len() + chunk.len() > MAX_BYTES {
                too_large = true;
                skip(&mut field).await?;
                break;
            }
            buf.extend_from_slice(&chunk);
        }
        bytes = Some(buf);
    }
    drain(&mut multipart).await;
    let refuse = |mut view: ImportView, msg: Msg| {
        view.file_error = Some(detail(&msg, view.lang));
        Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
    };
    if too_large {
        return refuse(view, Msg::new("payments-file-too-large"));
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return refuse(view, Msg::new("payments-file-none"));
    };
    // OCR files are plain ASCII; camt.054 is UTF-8 XML. Latin-1 bytes in an OCR file are
    // refused with the rest of a wrong file.
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        return refuse(view, Msg::new("payments-file-unknown"));
    };
    let (format, payments, skipped) = match read_file(&text) {
        Ok(v) => v,
        Err(m) => return refuse(view, m),
    };
    let sha = hex::encode(Sha256::digest(&bytes));
    let mut tx = state.db.begin().await?;
    let file_name = if view.file_name.is_empty() {
        "file".to_string()
    } else {
        view.file_name.chars().take(200).collect()
    };
    let s = match store::import(
        &mut tx, &file_name, format, &sha, &payments, skipped, user.id,
    )
    .await
    {
        Ok(s) => s,
        Err(AppError::Conflict(m)) => return refuse(view, m),
        Err(e) => return Err(e),
    };
    tx.commit().await?;
    let lang = user.lang;
    view.summary = Some(vec![
        lang.t_count("payments-imported-matched", s.matched),
        lang.t_count("payments-imported-unmatched", s.unmatched),
        lang.t_count("payments-imported-reversals", s.reversals),
        lang.t_with(
            "payments-imported-total",
            &[("total", format_kr(s.total_ore))],
        ),
        lang.t_count("payments-imported-skipped", s.skipped),
    ]);
    Ok(view.into_response())
}

/// A refusal with its record or entry and the reason.
fn detail(msg: &Msg, lang: Lang) -> String {
    let what = msg.args.iter().find(|(k, _)| *k == "what");
    match what {
        Some((_, w)) => {
            let reason = lang.t(&format!("payments-why-{w}"));
            let args: Vec<(&str, String)> = msg
                .args
                .iter()
                .map(|(k, v)| {
                    (
                        *k,
                        if *k == "what" {
                            reason.clone()
                        } else {
                            v.clone()
                        },
                    )
                })
                .collect();
            lang.t_with(msg.key, &args)
        }
        None => msg.render(lang),
    }
}

// ---------------------------------------------------------------------------------------------
// The list: /payments, and the unmatched: /payments/unmatched

pub struct ListRow {
    pub id: i64,
    pub paid_on: String,
    pub amount: String,
    pub invoice: Option<(i64, i64)>,
    pub customer: String,
    pub kid: String,
    pub payer: String,
    pub reference: String,
    pub source: String,
    pub status: String,
    pub origin: String,
}

fn row(lang: Lang, r: store::Row) -> ListRow {
    ListRow {
        id: r.id,
        paid_on: day_text(&r.paid_on),
        amount: format_kr(r.amount_ore),
        invoice: r.invoice_id.zip(r.invoice_number),
        customer: r.customer_name.unwrap_or_default(),
        kid: r.kid.unwrap_or_default(),
        payer: r.payer.unwrap_or_default(),
        reference: r.reference.or(r.note).unwrap_or_default(),
        source: lang.t(&format!("payments-source-{}", r.source)),
        status: lang.t(&format!("payments-status-{}", r.status)),
        origin: match (r.file_name, r.line_number) {
            (Some(f), Some(n)) => format!("{f} · {n}"),
            _ => String::new(),
        },
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "payments/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    filter: store::Filter,
    /// (code, label, selected) for the status and source filters.
    statuses: Vec<(String, String, bool)>,
    sources: Vec<(String, String, bool)>,
    rows: Vec<ListRow>,
    total: String,
}

/// GET /payments
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Query(filter): Query<store::Filter>,
) -> Result<ListView> {
    require_finance(&user)?;
    let rows = store::list(&state.db, &filter).await?;
    let total = format_kr(
        rows.iter()
            .filter(|r| r.status != "ignored")
            .map(|r| r.amount_ore)
            .sum(),
    );
    let options = |prefix: &str, codes: &[&str], chosen: &str| {
        codes
            .iter()
            .map(|c| {
                (
                    c.to_string(),
                    user.lang.t(&format!("{prefix}{c}")),
                    *c == chosen,
                )
            })
            .collect()
    };
    Ok(ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "payments"),
        statuses: options(
            "payments-status-",
            &["matched", "unmatched", "ignored"],
            &filter.status,
        ),
        sources: options(
            "payments-source-",
            &["manual", "ocr", "camt054"],
            &filter.source,
        ),
        filter,
        rows: rows.into_iter().map(|r| row(user.lang, r)).collect(),
        total,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "payments/unmatched.html")]
pub struct UnmatchedView {
    lang: Lang,
    chrome: Chrome,
    rows: Vec<ListRow>,
    /// The payment whose match failed, what was typed and why.
    failed: Option<(i64, String, String)>,
}

impl UnmatchedView {
    fn typed(&self, id: impl std::borrow::Borrow<i64>) -> String {
        match &self.failed {
            Some((f, q, _)) if f == id.borrow() => q.clone(),
            _ => String::new(),
        }
    }
    fn error(&self, id: impl std::borrow::Borrow<i64>) -> Option<String> {
        match &self.failed {
            Some((f, _, e)) if f == id.borrow() => Some(e.clone()),
            _ => None,
        }
    }
}

async fn unmatched_view(state: &AppState, user: &Staff) -> Result<UnmatchedView> {
    let filter = store::Filter {
        status: "unmatched".into(),
        ..Default::default()
    };
    let rows = store::list(&state.db, &filter).await?;
    Ok(UnmatchedView {
        lang: user.lang,
        chrome: Chrome::new(user, "payments"),
        rows: rows.into_iter().map(|r| row(user.lang, r)).collect(),
        failed: None,
    })
}

/// GET /payments/unmatched
pub async fn unmatched(State(state): State<AppState>, user: Staff) -> Result<UnmatchedView> {
    require_finance(&user)?;
    unmatched_view(&state, &user).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MatchForm {
    pub invoice: String,
}

/// POST /payments/{id}/match: to the one issued invoice with the typed number or KID.
#[tracing::instrument(skip_all, fields(user = user.id, payment = id))]
pub async fn match_payment(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    Form(form): Form<MatchForm>,
) -> Result<Response> {
    require_finance(&user)?;
    let found = store::search_payable(&state.db, &form.invoice).await?;
    let why = match found.as_slice() {
        [_] => None,
        [] => Some("payments-match-none"),
        _ => Some("payments-match-many"),
    };
    if let Some(key) = why {
        let mut view = unmatched_view(&state, &user).await?;
        view.failed = Some((id, form.invoice.clone(), user.lang.t(key)));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    }
    let invoice = found[0].clone();
    access::load(&state, &user, invoice.customer_id, Need::Change).await?;
    let mut tx = state.db.begin().await?;
    store::match_to(&mut tx, id, invoice.id, user.id).await?;
    tx.commit().await?;
    Ok(Redirect::to("/payments/unmatched").into_response())
}

/// POST /payments/{id}/ignore
#[tracing::instrument(skip_all, fields(user = user.id, payment = id))]
pub async fn ignore_payment(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    require_finance(&user)?;
    let mut tx = state.db.begin().await?;
    store::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    store::ignore(&mut tx, id, user.id).await?;
    tx.commit().await?;
    Ok(Redirect::to("/payments/unmatched").into_response())
}

// ---------------------------------------------------------------------------------------------
// Overdue: /payments/overdue and the first reminder

pub struct OverdueRow {
    pub id: i64,
    pub number: i64,
    pub customer_id: i64,
    pub customer: String,
    pub due: String,
    pub days: String,
    pub outstanding: String,
    pub reminded: Option<String>,
    pub fee: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "payments/overdue.html")]
pub struct OverdueView {
    lang: Lang,
    chrome: Chrome,
    rows: Vec<OverdueRow>,
    email_configured: bool,
    sent: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OverdueParams {
    pub sent: Option<String>,
}

/// GET /payments/overdue
pub async fn overdue(
    State(state): State<AppState>,
    user: Staff,
    Query(p): Query<OverdueParams>,
) -> Result<OverdueView> {
    require_finance(&user)?;
    let today = today();
    let list = store::overdue(&state.db, &date_string(today)).await?;
    let lang = user.lang;
    let rows = list
        .into_iter()
        .map(|i| {
            let due = parse_date(&i.due_date);
            let days = due.map_or(0, |d| (today - d).whole_days());
            let fee = due
                .and_then(|d| reminder::terms(d, today).ok())
                .map_or(0, |t| t.fee_ore);
            OverdueRow {
                id: i.id,
                number: i.number,
                customer_id: i.customer_id,
                customer: i.customer_name.clone(),
                due: day_text(&i.due_date),
                days: lang.t_count("payments-days-overdue", days),
                outstanding: format_kr(i.outstanding()),
                reminded: i.reminded_at.map(timefmt::oslo_date),
                fee: format_kr(fee),
            }
        })
        .collect();
    Ok(OverdueView {
        lang,
        chrome: Chrome::new(&user, "payments"),
        rows,
        email_configured: outbox::email_configured(&state.config),
        sent: p.sent.is_some(),
    })
}

/// The reminder's subject and body (bokmål: the customer's language is not known).
pub fn reminder_text(
    invoice: &store::Payable,
    terms: &reminder::Terms,
    seller: &str,
) -> (String, String) {
    let lang = Lang::Nb;
    let owed = invoice.outstanding();
    let args = [
        ("number", invoice.number.to_string()),
        ("customer", invoice.customer_name.clone()),
        ("due", day_text(&invoice.due_date)),
        ("owed", format_kr(owed)),
        ("fee", format_kr(terms.fee_ore)),
        ("total", format_kr(owed + terms.fee_ore)),
        ("pay_by", date_text(terms.pay_by)),
        ("kid", invoice.kid.clone().unwrap_or_default()),
        ("seller", seller.to_string()),
    ];
    let mut body = lang.t_with("payments-reminder-body", &args);
    if terms.fee_ore > 0 {
        body.push_str("\n\n");
        body.push_str(&lang.t_with("payments-reminder-fee", &args));
    }
    body.push_str("\n\n");
    body.push_str(&match terms.interest_bp {
        Some(bp) => lang.t_with(
            "payments-reminder-interest-rate",
            &[("rate", crate::money::format_share(bp))],
        ),
        None => lang.t("payments-reminder-interest"),
    });
    body.push_str("\n\n");
    body.push_str(&lang.t_with("payments-reminder-end", &args));
    (lang.t_with("payments-reminder-subject", &args), body)
}

/// POST /payments/overdue/{id}/remind: the first reminder through the outbox, once.
#[tracing::instrument(skip_all, fields(user = user.id, invoice = id))]
pub async fn remind(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Response> {
    let invoice = payable_for(&state, &user, id).await?;
    if !outbox::email_configured(&state.config) {
        return Err(AppError::Conflict(Msg::new(
            "payments-reminder-no-email-setup",
        )));
    }
    let due = parse_date(&invoice.due_date).ok_or(AppError::NotFound)?;
    let terms = reminder::terms(due, today())
        .map_err(|_| AppError::Conflict(Msg::new("payments-reminder-not-due")))?;
    if invoice.outstanding() <= 0 {
        return Err(AppError::Conflict(Msg::new("payments-reminder-paid")));
    }
    let mut tx = state.db.begin().await?;
    let b = billing(&mut tx, invoice.customer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = invoice
        .buyer_email
        .clone()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| b.invoice_email())
        .ok_or(AppError::Conflict(Msg::new("payments-reminder-no-address")))?;
    if !store::mark_reminded(&mut tx, id).await? {
        return Err(AppError::Conflict(Msg::new("payments-reminder-twice")));
    }
    let seller = user.name.clone();
    let (subject, body) = reminder_text(&invoice, &terms, &seller);
    outbox::queue_email(
        &mut tx,
        NewEmail {
            customer_id: Some(invoice.customer_id),
            worker_id: None,
            sender_user_id: Some(user.id),
            to: vec![Recipient {
                name: invoice.customer_name.clone(),
                email: to,
                contact_id: None,
            }],
            cc: Vec::new(),
            subject,
            body,
            attachments: Vec::new(),
            sealed: None,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        invoice.customer_id,
        "invoice",
        id,
        "remind",
        &[Change {
            field: "reminder_fee".into(),
            old: None,
            new: Some(format_kr(terms.fee_ore)),
        }],
        Some(user.id),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/payments/overdue?sent=1").into_response())
}
