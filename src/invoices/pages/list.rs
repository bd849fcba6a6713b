//! Invoices and credit notes in a list: the firm-wide `/invoices` (filters: status, period of
//! issue date, department, customer, consultant = the customer's owner; search by number, KID
//! or amount; sums of the filtered set; pages of [`PAGE_SIZE`] with a count bounded at
//! [`COUNT_BOUND`], as decision 0017 does for customers; export to CSV and XLSX) and the same
//! query for one customer's tab. Scoped by `Visibility::push_filter`; the status is filtered in
//! SQL from `invoice_state` and the due date by the rule `state::derive` applies in Rust.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use rust_xlsxwriter::{Format, Workbook};
use serde::Deserialize;

use super::{date_text, number_text, today};
use crate::{
    AppState, Result,
    auth::Staff,
    customers::access::Visibility,
    db::{Db, Sql},
    files,
    i18n::Lang,
    invoices::state::{Facts, Status, derive},
    money::{format_kr, parse_kr},
    timefmt::{
        self,
        when::{date_string, parse_date},
    },
    web::Chrome,
};

pub const PAGE_SIZE: i64 = 50;
/// The count stops here ("more than 1 000").
pub const COUNT_BOUND: i64 = crate::db::paging::COUNT_BOUND;
/// The most rows an export writes.
pub const EXPORT_MAX: i64 = 200_000;

/// The filters as typed (query string).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    pub status: String,
    pub from: String,
    pub to: String,
    pub department: String,
    pub customer: String,
    pub consultant: String,
    pub q: String,
    pub page: i64,
    /// The id of the last row of the page before (its "next" link carries it): the page is the
    /// rows after it in the list's order (newest first: smaller ids), however deep, instead of
    /// skipping `(page - 1) × 50` rows. `page` still numbers the page.
    pub after: Option<i64>,
}

impl ListParams {
    /// The query string of these filters (without the page), for links.
    pub fn query_string(&self) -> String {
        let pairs = [
            ("status", &self.status),
            ("from", &self.from),
            ("to", &self.to),
            ("department", &self.department),
            ("customer", &self.customer),
            ("consultant", &self.consultant),
            ("q", &self.q),
        ];
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs.iter().filter(|(_, v)| !v.trim().is_empty()) {
            out.append_pair(k, v.trim());
        }
        out.finish()
    }
}

/// A row of the list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub number: Option<i64>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub kid: Option<String>,
    pub customer_id: i64,
    pub customer_name: String,
    pub total_ore: Option<i64>,
    pub delivery_status: Option<String>,
    pub paid_ore: Option<i64>,
    pub credited_ore: Option<i64>,
}

impl Row {
    pub fn shown_status(&self) -> Status {
        derive(
            &Facts {
                kind: &self.kind,
                status: &self.status,
                total_ore: self.total_ore.unwrap_or(0),
                due_date: self.due_date.as_deref(),
                delivery_status: self.delivery_status.as_deref(),
                paid_ore: self.paid_ore.unwrap_or(0),
                credited_ore: self.credited_ore.unwrap_or(0),
            },
            today(),
        )
    }
}

/// The sums of the filtered set (øre).
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct Sums {
    /// Issued invoices' and credit notes' totals (credit notes count negative).
    pub invoiced: Option<i64>,
    /// What is still owed on issued invoices.
    pub outstanding: Option<i64>,
    /// What is owed past its due date.
    pub overdue: Option<i64>,
}

/// What is owed on an issued invoice, in SQL (alias `i` for invoices, `s` for its state).
const OWED: &str = "(i.total_ore - COALESCE(s.credited_ore, 0) - COALESCE(s.paid_ore, 0))";
const ISSUED_INVOICE: &str = "i.kind = 'invoice' AND i.status = 'issued'";
const CREDITED: &str = "(COALESCE(s.credited_ore, 0) > 0 AND s.credited_ore >= i.total_ore)";

/// Appends the condition that a row has `status` on `today` (`state::derive` in SQL).
pub fn push_status(sql: &mut Sql, status: Status, today: &str) {
    let open = format!("{ISSUED_INVOICE} AND NOT {CREDITED} AND {OWED} > 0");
    let not_overdue = |sql: &mut Sql| {
        sql.push(" AND (i.due_date IS NULL OR i.due_date >= ")
            .bind(today)
            .push(")");
    };
    match status {
        Status::Draft => {
            sql.push(" AND i.status = 'draft'");
        }
        Status::Credited => {
            sql.push(&format!(" AND {ISSUED_INVOICE} AND {CREDITED}"));
        }
        Status::Paid => {
            sql.push(&format!(
                " AND {ISSUED_INVOICE} AND NOT {CREDITED} AND {OWED} <= 0"
            ));
        }
        Status::Overdue => {
            sql.push(&format!(" AND {open} AND i.due_date < "))
                .bind(today);
        }
        Status::PartlyPaid => {
            sql.push(&format!(" AND {open} AND COALESCE(s.paid_ore, 0) > 0"));
            not_overdue(sql);
        }
        Status::Sent | Status::Issued => {
            let sent = if status == Status::Sent { "=" } else { "<>" };
            sql.push(&format!(
                " AND ((i.kind = 'credit_note' AND i.status = 'issued' \
                 AND COALESCE(s.delivery_status, 'pending') {sent} 'sent') OR ({open} \
                 AND COALESCE(s.paid_ore, 0) <= 0 AND COALESCE(s.delivery_status, 'pending') \
                 {sent} 'sent'"
            ));
            not_overdue(sql);
            sql.push("))");
        }
    }
}

/// What was searched for: an invoice number or KID (digits), or an amount (`12 500`,
/// `12500,00`).
fn push_search(sql: &mut Sql, q: &str) {
    let q = q.trim();
    if q.is_empty() {
        return;
    }
    let digits: String = q
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let amount = parse_kr(q);
    // The alternatives joined by OR alone: SQLite reads each through its index (MULTI-INDEX OR)
    // only when no constant term is among them (`1 = 0 OR …` made it scan every invoice:
    // 1.4 s at 200,000 invoices against 21 ms).
    let mut alternatives = 0;
    let mut next = |sql: &mut Sql| {
        sql.push(if alternatives == 0 { " AND (" } else { " OR " });
        alternatives += 1;
    };
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = digits.parse::<i64>()
            && digits.len() <= 12
        {
            next(sql);
            sql.push("i.number = ").bind(n);
        }
        next(sql);
        sql.push("i.kid = ").bind(digits.as_str());
    }
    if let Some(ore) = amount {
        next(sql);
        sql.push("i.total_ore = ").bind(ore);
    }
    sql.push(if alternatives == 0 { " AND 1 = 0" } else { ")" });
}

fn id_of(s: &str) -> Option<i64> {
    s.trim().parse().ok().filter(|n: &i64| *n > 0)
}

/// Appends the filters and the user's scope to a query over
/// `invoices i JOIN customers c … LEFT JOIN invoice_state s …`.
fn push_filters(sql: &mut Sql, visibility: Visibility, p: &ListParams) {
    visibility.push_filter(sql, "c");
    if let Some(status) = Status::from_code(p.status.trim()) {
        push_status(sql, status, &date_string(today()));
    }
    if let Some(d) = parse_date(&p.from) {
        sql.push(" AND i.issue_date >= ").bind(date_string(d));
    }
    if let Some(d) = parse_date(&p.to) {
        sql.push(" AND i.issue_date <= ").bind(date_string(d));
    }
    if let Some(id) = id_of(&p.department) {
        sql.push(" AND c.department_id = ").bind(id);
    }
    if let Some(id) = id_of(&p.customer) {
        sql.push(" AND i.customer_id = ").bind(id);
    }
    if let Some(id) = id_of(&p.consultant) {
        sql.push(" AND c.owner_id = ").bind(id);
    }
    push_search(sql, &p.q);
}

const FROM: &str = " FROM invoices i JOIN customers c ON c.id = i.customer_id \
    LEFT JOIN invoice_state s ON s.invoice_id = i.id WHERE 1 = 1";

/// [`FROM`] without the customers, for a query over every invoice the whole firm sees (no
/// scope, no department or consultant filter): the join only costs there (SQLite starts from the
/// customers and reads each one's invoices by index, 200,000 random reads for the sums).
const FROM_INVOICES: &str =
    " FROM invoices i LEFT JOIN invoice_state s ON s.invoice_id = i.id WHERE 1 = 1";

/// Whether a query with these filters needs the customers joined.
fn needs_customers(visibility: Visibility, p: &ListParams) -> bool {
    !matches!(visibility, Visibility::All)
        || id_of(&p.department).is_some()
        || id_of(&p.consultant).is_some()
}

/// One page of rows (`limit` rows from `offset`), newest first.
pub async fn rows(
    db: &Db,
    visibility: Visibility,
    p: &ListParams,
    offset: i64,
    limit: i64,
) -> Result<Vec<Row>> {
    rows_after(db, visibility, p, None, offset, limit).await
}

/// [`rows`], or — with `after` — the `limit` rows after that invoice in the same order.
pub async fn rows_after(
    db: &Db,
    visibility: Visibility,
    p: &ListParams,
    after: Option<i64>,
    offset: i64,
    limit: i64,
) -> Result<Vec<Row>> {
    let mut sql = Sql::new(
        "SELECT i.id, i.kind, i.status, i.number, i.issue_date, i.due_date, i.kid, \
         i.customer_id, c.name AS customer_name, i.total_ore, s.delivery_status, s.paid_ore, \
         s.credited_ore",
    );
    sql.push(FROM);
    push_filters(&mut sql, visibility, p);
    // The order is the primary key's: the rows after the previous page's last are a range of
    // it, read backwards (keyset paging; an id is a bound, whoever's invoice it is).
    if let Some(after) = after {
        sql.push(" AND i.id < ").bind(after);
    }
    sql.push(" ORDER BY i.id DESC LIMIT ")
        .bind(limit)
        .push(" OFFSET ")
        .bind(if after.is_some() { 0 } else { offset });
    Ok(sql.query_as().fetch_all(&db.pool).await?)
}

/// How many rows match, counted up to [`COUNT_BOUND`] + 1.
pub async fn count(db: &Db, visibility: Visibility, p: &ListParams) -> Result<i64> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM (SELECT 1");
    sql.push(FROM);
    push_filters(&mut sql, visibility, p);
    sql.push(" LIMIT ").bind(COUNT_BOUND + 1).push(") matches");
    let (n,): (i64,) = sql.query_as().fetch_one(&db.pool).await?;
    Ok(n)
}

/// The sums of everything that matches.
pub async fn sums(db: &Db, visibility: Visibility, p: &ListParams) -> Result<Sums> {
    let today = date_string(today());
    // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back.
    let mut sql = Sql::new(&format!(
        "SELECT CAST(COALESCE(SUM(CASE WHEN i.status = 'issued' THEN i.total_ore ELSE 0 END), 0) \
         AS BIGINT) AS invoiced, \
         CAST(COALESCE(SUM(CASE WHEN {ISSUED_INVOICE} AND {OWED} > 0 THEN {OWED} ELSE 0 END), 0) \
         AS BIGINT) AS outstanding, \
         CAST(COALESCE(SUM(CASE WHEN {ISSUED_INVOICE} AND {OWED} > 0 AND i.due_date < "
    ));
    sql.bind(today.as_str()).push(&format!(
        " THEN {OWED} ELSE 0 END), 0) AS BIGINT) AS overdue"
    ));
    sql.push(if needs_customers(visibility, p) {
        FROM
    } else {
        FROM_INVOICES
    });
    push_filters(&mut sql, visibility, p);
    Ok(sql.query_as().fetch_one(&db.pool).await?)
}

/// A row as shown.
pub struct Shown {
    pub id: i64,
    pub number: String,
    pub issue_date: String,
    pub due_date: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub total: String,
    pub status: Status,
}

pub fn shown(lang: Lang, r: &Row) -> Shown {
    Shown {
        id: r.id,
        number: number_text(lang, &r.kind, r.number),
        issue_date: date_text(r.issue_date.as_deref()),
        due_date: if r.kind == "invoice" {
            date_text(r.due_date.as_deref())
        } else {
            String::new()
        },
        customer_id: r.customer_id,
        customer_name: r.customer_name.clone(),
        total: r.total_ore.map(format_kr).unwrap_or_default(),
        status: r.shown_status(),
    }
}

/// The sums as shown.
pub struct SumsShown {
    pub invoiced: String,
    pub outstanding: String,
    pub overdue: String,
}

impl From<Sums> for SumsShown {
    fn from(sums: Sums) -> Self {
        Self {
            invoiced: format_kr(sums.invoiced.unwrap_or(0)),
            outstanding: format_kr(sums.outstanding.unwrap_or(0)),
            overdue: format_kr(sums.overdue.unwrap_or(0)),
        }
    }
}

/// Where a listing's sums come from.
pub enum SumsAt<'a> {
    /// Summed with the page (one customer's tab: its invoices only).
    Page,
    /// Fetched by the page from this URL after it has loaded (the firm-wide list: summing every
    /// matching invoice of a large firm takes longer than the page itself, decision 0063).
    Later(&'a str),
}

/// A page of the list with its sums (or where to fetch them), count and paging links.
pub struct Listing {
    pub rows: Vec<Shown>,
    pub sums: Option<SumsShown>,
    pub sums_url: String,
    pub count_text: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

pub async fn listing(
    db: &Db,
    lang: Lang,
    visibility: Visibility,
    p: &ListParams,
    base: &str,
    sums_at: SumsAt<'_>,
) -> Result<Listing> {
    let page = p.page.max(1);
    let offset = (page - 1) * PAGE_SIZE;
    let mut found = rows_after(db, visibility, p, p.after, offset, PAGE_SIZE + 1).await?;
    let more = found.len() as i64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let next_after = found.last().map(|r| r.id).filter(|_| more);
    let total = count(db, visibility, p).await?;
    let qs = p.query_string();
    let (sums, sums_url) = match sums_at {
        SumsAt::Page => (Some(sums(db, visibility, p).await?.into()), String::new()),
        SumsAt::Later(url) => {
            let sep = if qs.is_empty() { "" } else { "?" };
            (None, format!("{url}{sep}{qs}"))
        }
    };
    let link = |n: i64| {
        let sep = if qs.is_empty() { "" } else { "&" };
        format!("{base}?{qs}{sep}page={n}")
    };
    let count_text = if total > COUNT_BOUND {
        lang.t_count("inv-count-more", COUNT_BOUND)
    } else {
        lang.t_count("inv-count", total)
    };
    Ok(Listing {
        rows: found.iter().map(|r| shown(lang, r)).collect(),
        sums,
        sums_url,
        count_text,
        prev: (page > 1).then(|| link(page - 1)),
        // Read on from this page's last row (keyset paging); the previous link is the number.
        next: next_after.map(|after| format!("{}&after={after}", link(page + 1))),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    params: ListParams,
    listing: Listing,
    departments: Vec<(i64, String)>,
    consultants: Vec<(i64, String)>,
    customer_name: Option<String>,
    export_qs: String,
    /// May import earlier invoices (decision 0033).
    may_finance: bool,
}

impl ListView {
    fn statuses(&self) -> Vec<(&'static str, String)> {
        Status::ALL
            .iter()
            .map(|s| (s.code(), s.label_key()))
            .collect()
    }
    fn selected(&self, value: &str, id: &i64) -> bool {
        value.trim() == id.to_string()
    }
}

/// GET /invoices
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let listing = listing(
        &state.db,
        user.lang,
        visibility,
        &params,
        "/invoices",
        SumsAt::Later("/invoices/sums"),
    )
    .await?;
    let departments = sqlx::query_as("SELECT id, name FROM departments ORDER BY name")
        .fetch_all(&state.db.pool)
        .await?;
    let consultants = sqlx::query_as("SELECT id, name FROM users WHERE active = 1 ORDER BY name")
        .fetch_all(&state.db.pool)
        .await?;
    // The customer filter shows the customer's name (when it is in sight).
    let customer_name = match id_of(&params.customer) {
        Some(id) => crate::customers::store::get(&state.db, visibility, id)
            .await?
            .map(|c| c.name),
        None => None,
    };
    let view = ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "invoices"),
        may_finance: crate::invoices::access::may_finance(&user),
        export_qs: params.query_string(),
        params,
        listing,
        departments,
        consultants,
        customer_name,
    };
    Ok(view.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "invoices/_sums.html")]
pub struct SumsView {
    lang: Lang,
    sums: SumsShown,
}

/// GET /invoices/sums: the sums of what the list with these filters shows (fetched by the
/// list page after it has loaded), as the fragment that replaces the page's placeholder.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn sums_fragment(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let sums = sums(&state.db, visibility, &params).await?;
    Ok(SumsView {
        lang: user.lang,
        sums: sums.into(),
    }
    .into_response())
}

const COLUMNS: [&str; 9] = [
    "inv-number-col",
    "inv-kind",
    "inv-issue-date",
    "inv-due-date",
    "inv-customer",
    "inv-kid",
    "inv-total",
    "inv-outstanding",
    "inv-status",
];

fn cells(lang: Lang, r: &Row) -> [String; 9] {
    let owed = if r.kind == "invoice" && r.status == "issued" {
        format_kr(r.total_ore.unwrap_or(0) - r.credited_ore.unwrap_or(0) - r.paid_ore.unwrap_or(0))
    } else {
        String::new()
    };
    [
        r.number.map(|n| n.to_string()).unwrap_or_default(),
        lang.t(if r.kind == "credit_note" {
            "inv-credit-note"
        } else {
            "inv-invoice"
        }),
        r.issue_date.clone().unwrap_or_default(),
        r.due_date.clone().unwrap_or_default(),
        r.customer_name.clone(),
        r.kid.clone().unwrap_or_default(),
        r.total_ore.map(format_kr).unwrap_or_default(),
        owed,
        lang.t(&r.shown_status().label_key()),
    ]
}

fn file_name(ext: &str) -> String {
    format!(
        "fakturaer-{}.{ext}",
        timefmt::oslo_date(timefmt::now()).replace('.', "-")
    )
}

async fn export_rows(state: &AppState, user: &Staff, p: &ListParams) -> Result<Vec<Row>> {
    let visibility = Visibility::of(user, state.config.consultant_scope);
    rows(&state.db, visibility, p, 0, EXPORT_MAX).await
}

/// GET /invoices/export.csv
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn csv(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let found = export_rows(&state, &user, &params).await?;
    let head: Vec<String> = COLUMNS.iter().map(|k| user.lang.t(k)).collect();
    let bytes = files::csv::write(Some(&head), found.iter().map(|r| cells(user.lang, r)), true)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name("csv")),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// GET /invoices/export.xlsx (amounts as numbers in kroner).
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn xlsx(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<Response> {
    let found = export_rows(&state, &user, &params).await?;
    let lang = user.lang;
    let bytes = crate::ops::cpu::run(move || -> anyhow::Result<Vec<u8>> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(lang.t("nav-invoices"))?;
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format("#,##0.00");
        for (col, key) in COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, lang.t(key), &bold)?;
        }
        for (i, r) in found.iter().enumerate() {
            let row = (i + 1) as u32;
            let text = cells(lang, r);
            if let Some(n) = r.number {
                sheet.write_number(row, 0, n as f64)?;
            }
            for col in [1usize, 2, 3, 4, 5, 8] {
                sheet.write_string(row, col as u16, &text[col])?;
            }
            if let Some(t) = r.total_ore {
                sheet.write_number_with_format(row, 6, t as f64 / 100.0, &money)?;
            }
            if r.kind == "invoice" && r.status == "issued" {
                let owed = r.total_ore.unwrap_or(0)
                    - r.credited_ore.unwrap_or(0)
                    - r.paid_ore.unwrap_or(0);
                sheet.write_number_with_format(row, 7, owed as f64 / 100.0, &money)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, found.len() as u32, (COLUMNS.len() - 1) as u16)?;
        sheet.set_column_width(4, 40)?;
        Ok(book.save_to_buffer()?)
    })
    .await??;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name("xlsx")),
            ),
        ],
        bytes,
    )
        .into_response())
}
