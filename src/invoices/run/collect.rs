//! What a run would bill (no writes): the approved hours and allowances of a period not billed
//! now (`invoice_billing`), grouped into invoices per the assignment's grouping (or the
//! customer's default), one invoice line per timesheet line part and per allowance, and the
//! problems per customer — red ones block the customer, yellow ones are for a look.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use sqlx::AnyConnection;

use crate::{
    Result,
    assignments::{
        allowance::{Rule, Unit as AllowanceUnit, from_stored},
        model::OvertimeRate,
    },
    customers::billing::{Billing, billings},
    db::Sql,
    i18n::Lang,
    money::{div_round, vat},
    timefmt::date_text,
    timesheets::{allowances::Quantity, pay::amount},
};

/// The VAT of an hour billed (S, 25 %).
pub const VAT_RATE_BP: i64 = 2500;

/// Which customers a run takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Firm,
    Department(i64),
    Customer(i64),
}

/// How a customer's approved hours are split into invoices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grouping {
    Customer,
    Assignment,
    Worker,
    PurchaseOrder,
}

impl Grouping {
    pub fn parse(code: Option<&str>) -> Option<Grouping> {
        match code.map(str::trim) {
            Some("customer") => Some(Grouping::Customer),
            Some("assignment") => Some(Grouping::Assignment),
            Some("worker") => Some(Grouping::Worker),
            Some("purchase_order") => Some(Grouping::PurchaseOrder),
            _ => None,
        }
    }
}

/// Which invoice a line goes to, within its customer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKey {
    Customer,
    Assignment(i64),
    Worker(i64),
    PurchaseOrder(String),
}

/// One invoice line the run would make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedLine {
    /// `line:<id>:normal`, `line:<id>:overtime` or `allowance:<id>`: `invoice_billing`'s key.
    pub source_key: String,
    pub timesheet_id: i64,
    pub timesheet_line_id: Option<i64>,
    pub timesheet_allowance_id: Option<i64>,
    /// `normal`, `overtime:<percent>`, `overtime` or `allowance`.
    pub bill_part: String,
    pub worker_id: i64,
    pub work_date: String,
    pub description: String,
    pub quantity_milli: i64,
    pub unit_code: &'static str,
    pub unit_price_ore: i64,
    pub line_net_ore: i64,
}

/// One invoice the run would make.
#[derive(Clone, Debug)]
pub struct PlannedInvoice {
    pub key: GroupKey,
    pub order_reference: Option<String>,
    /// "Your reference" (BT-10): the contact who approves the hours (of its first sheet with
    /// an approver) — the customer's person for them; EHF needs a buyer reference or an order
    /// reference (PEPPOL-EN16931-R003), and a staffing customer expects the name there.
    pub buyer_reference: Option<String>,
    pub lines: Vec<PlannedLine>,
    /// The sheets it bills, with the version seen (the draft's creation checks it).
    pub sheets: BTreeMap<i64, i64>,
}

impl PlannedInvoice {
    pub fn net_ore(&self) -> i64 {
        self.lines.iter().map(|l| l.line_net_ore).sum()
    }
    pub fn minutes(&self) -> i64 {
        self.lines
            .iter()
            .filter(|l| l.unit_code == "HUR" && l.timesheet_line_id.is_some())
            .map(|l| div_round(i128::from(l.quantity_milli) * 60, 1000) as i64)
            .sum()
    }
}

/// A problem found for a customer. Red blocks its drafts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    NoOrgNumber,
    NoInvoiceAddress,
    NoPeppolId,
    /// An assignment without the purchase order the customer requires.
    PurchaseOrderMissing {
        assignment_id: i64,
        title: String,
    },
    /// An approved sheet in the period with no hours.
    ZeroHours {
        assignment_id: i64,
        sheet_id: i64,
    },
    /// An assignment billed at 0 kr an hour.
    RateZero {
        assignment_id: i64,
        title: String,
    },
    /// Sheets still waiting for approval (or a draft) in the period.
    NotApproved {
        count: i64,
    },
    /// Invoices of a customer that receives EHF with neither a buyer reference nor a purchase
    /// order (EHF requires one, PEPPOL-EN16931-R003): the drafts are made, and must get one
    /// before they can be issued.
    EhfNoReference {
        count: i64,
    },
    /// The day lines' amounts differ from what the sheet computed for the week (rounding).
    Rounding {
        assignment_id: i64,
        sheet_id: i64,
        difference_ore: i64,
    },
}

impl Problem {
    pub fn red(&self) -> bool {
        matches!(
            self,
            Problem::NoOrgNumber
                | Problem::NoInvoiceAddress
                | Problem::NoPeppolId
                | Problem::PurchaseOrderMissing { .. }
        )
    }
}

/// What a run would make for one customer.
#[derive(Clone, Debug)]
pub struct CustomerPlan {
    pub customer_id: i64,
    pub name: String,
    pub invoices: Vec<PlannedInvoice>,
    pub problems: Vec<Problem>,
}

impl CustomerPlan {
    pub fn blocked(&self) -> bool {
        self.problems.iter().any(Problem::red)
    }
    pub fn net_ore(&self) -> i64 {
        self.invoices.iter().map(PlannedInvoice::net_ore).sum()
    }
}

/// A run's preview.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub from: String,
    pub to: String,
    pub customers: Vec<CustomerPlan>,
}

impl Plan {
    pub fn invoice_count(&self) -> usize {
        self.customers.iter().map(|c| c.invoices.len()).sum()
    }
    pub fn line_count(&self) -> usize {
        self.customers
            .iter()
            .flat_map(|c| &c.invoices)
            .map(|i| i.lines.len())
            .sum()
    }
}

#[derive(sqlx::FromRow)]
struct SheetRow {
    id: i64,
    version: i64,
    period_start: String,
    period_end: String,
    iso_week: i64,
    bill_ore: i64,
    worked_minutes: i64,
    bill_rate_ore: i64,
    overtime: String,
    allowances: String,
    assignment_id: i64,
    customer_id: i64,
    customer_name: String,
    worker_id: i64,
    worker_name: String,
    title: String,
    purchase_order: Option<String>,
    assignment_grouping: Option<String>,
    default_grouping: Option<String>,
    invoice_language: String,
    approver_name: Option<String>,
    po_required: i64,
    owner_id: Option<i64>,
    department_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct DayRow {
    id: i64,
    timesheet_id: i64,
    work_date: String,
    normal_minutes: i64,
    overtime_minutes: i64,
    overtime_percent: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct AllowanceRow {
    id: i64,
    timesheet_id: i64,
    allowance_code: String,
    minutes: Option<i64>,
    quantity_milli: Option<i64>,
    bill_rate_ore: i64,
    bill_ore: i64,
}

/// Which customers a plan reads: a run's scope, or the customers of one batch of a run's drafts.
#[derive(Clone, Copy)]
enum Filter<'a> {
    Scope(Scope),
    Customers(&'a [i64]),
}

fn scoped(sql: &mut Sql, filter: Filter<'_>) {
    match filter {
        Filter::Scope(Scope::Firm) => {}
        Filter::Scope(Scope::Department(d)) => {
            sql.push(" AND c.department_id = ").bind(d);
        }
        Filter::Scope(Scope::Customer(c)) => {
            // Also on the assignment, so the planner starts from the customer's assignments
            // (`assignments_customer`) rather than every approved sheet of the period.
            sql.push(" AND c.id = ")
                .bind(c)
                .push(" AND a.customer_id = ")
                .bind(c);
        }
        Filter::Customers(ids) => {
            sql.push(" AND c.id IN (")
                .bind_list(ids.iter().copied())
                .push(") AND a.customer_id IN (")
                .bind_list(ids.iter().copied())
                .push(")");
        }
    }
}

/// Hours in thousandths for minutes (exact for whole multiples of 3 minutes).
pub fn hours_milli(minutes: i64) -> i64 {
    div_round(i128::from(minutes) * 1000, 60) as i64
}

fn line_net(quantity_milli: i64, price_ore: i64) -> i64 {
    vat::line_net(quantity_milli, price_ore).unwrap_or(i64::MAX)
}

/// The run's preview for `scope` and the period (`YYYY-MM-DD`, both days included), read on
/// `conn` (inside a transaction when the drafts are made from it). `may` says which customers
/// the user may run for (the others are left out).
pub async fn plan(
    conn: &mut AnyConnection,
    scope: Scope,
    from: &str,
    to: &str,
    may: &(dyn Fn(Option<i64>, Option<i64>) -> bool + Sync),
) -> Result<Plan> {
    plan_of(conn, Filter::Scope(scope), from, to, may).await
}

/// The plan of the customers `ids` only (at most a few hundred: one batch of a run's drafts,
/// `create::for_customers`), as [`plan`] makes it.
pub async fn plan_customers(
    conn: &mut AnyConnection,
    ids: &[i64],
    from: &str,
    to: &str,
    may: &(dyn Fn(Option<i64>, Option<i64>) -> bool + Sync),
) -> Result<Plan> {
    if ids.is_empty() {
        return Ok(Plan {
            from: from.into(),
            to: to.into(),
            customers: Vec::new(),
        });
    }
    plan_of(conn, Filter::Customers(ids), from, to, may).await
}

async fn plan_of(
    conn: &mut AnyConnection,
    scope: Filter<'_>,
    from: &str,
    to: &str,
    may: &(dyn Fn(Option<i64>, Option<i64>) -> bool + Sync),
) -> Result<Plan> {
    // The sheets: approved ones that overlap the period, with the rates they were fixed at.
    let mut sql = Sql::new(
        "SELECT t.id, t.version, t.period_start, t.period_end, t.iso_week, t.bill_ore, \
         t.worked_minutes, COALESCE(t.fixed_bill_rate_ore, a.bill_rate_ore) AS bill_rate_ore, \
         COALESCE(t.fixed_overtime, a.overtime) AS overtime, \
         COALESCE(t.fixed_allowances, a.allowances) AS allowances, a.id AS assignment_id, \
         c.id AS customer_id, c.name AS customer_name, w.id AS worker_id, w.name AS worker_name, \
         a.title, a.purchase_order, a.invoice_grouping AS assignment_grouping, \
         s.invoice_grouping AS default_grouping, \
         COALESCE(s.invoice_language, 'nb') AS invoice_language, \
         ap.first_name || ' ' || ap.last_name AS approver_name, \
         COALESCE(s.po_required, 0) AS po_required, c.owner_id, c.department_id \
         FROM timesheets t JOIN assignments a ON a.id = t.assignment_id \
         LEFT JOIN contacts ap ON ap.id = a.approver_contact_id \
         JOIN customers c ON c.id = a.customer_id JOIN workers w ON w.id = a.worker_id \
         LEFT JOIN invoice_settings s ON s.customer_id = c.id \
         WHERE t.status = 'approved' AND t.period_end >= ",
    );
    sql.bind(from).push(" AND t.period_start <= ").bind(to);
    scoped(&mut sql, scope);
    sql.push(" ORDER BY c.name, c.id, w.name, t.period_start, t.id");
    let sheets: Vec<SheetRow> = sql
        .query_as::<SheetRow>()
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .filter(|s| may(s.owner_id, s.department_id))
        .collect();
    let ids: Vec<i64> = sheets.iter().map(|s| s.id).collect();
    let mut days: Vec<DayRow> = Vec::new();
    let mut allowances: Vec<AllowanceRow> = Vec::new();
    let mut billed: HashSet<String> = HashSet::new();
    for chunk in ids.chunks(500) {
        let mut q = Sql::new(
            "SELECT id, timesheet_id, work_date, normal_minutes, overtime_minutes, \
             overtime_percent FROM timesheet_lines WHERE work_date >= ",
        );
        q.bind(from)
            .push(" AND work_date <= ")
            .bind(to)
            .push(" AND timesheet_id IN (")
            .bind_list(chunk.iter().copied())
            .push(") ORDER BY work_date, start_minute, id");
        days.extend(q.query_as::<DayRow>().fetch_all(&mut *conn).await?);
        let mut q = Sql::new(
            "SELECT ta.id, ta.timesheet_id, ta.allowance_code, ta.minutes, ta.quantity_milli, \
             ta.bill_rate_ore, ta.bill_ore FROM timesheet_allowances ta \
             JOIN timesheets t ON t.id = ta.timesheet_id WHERE t.period_start >= ",
        );
        q.bind(from)
            .push(" AND t.period_start <= ")
            .bind(to)
            .push(" AND ta.timesheet_id IN (")
            .bind_list(chunk.iter().copied())
            .push(") ORDER BY ta.id");
        allowances.extend(q.query_as::<AllowanceRow>().fetch_all(&mut *conn).await?);
        let mut q = Sql::new("SELECT source_key FROM invoice_billing WHERE timesheet_id IN (");
        q.bind_list(chunk.iter().copied()).push(")");
        let keys: Vec<(String,)> = q.query_as().fetch_all(&mut *conn).await?;
        billed.extend(keys.into_iter().map(|(k,)| k));
    }

    // The day lines and allowances by sheet, in their order (one pass, not one per sheet).
    let mut days_of: HashMap<i64, Vec<&DayRow>> = HashMap::new();
    for d in &days {
        days_of.entry(d.timesheet_id).or_default().push(d);
    }
    let mut allowances_of: HashMap<i64, Vec<&AllowanceRow>> = HashMap::new();
    for a in &allowances {
        allowances_of.entry(a.timesheet_id).or_default().push(a);
    }
    let mut per_customer: BTreeMap<i64, CustomerPlan> = BTreeMap::new();
    let mut order: Vec<i64> = Vec::new();
    for s in &sheets {
        let plan = per_customer.entry(s.customer_id).or_insert_with(|| {
            order.push(s.customer_id);
            CustomerPlan {
                customer_id: s.customer_id,
                name: s.customer_name.clone(),
                invoices: Vec::new(),
                problems: Vec::new(),
            }
        });
        let grouping = Grouping::parse(s.assignment_grouping.as_deref())
            .or_else(|| Grouping::parse(s.default_grouping.as_deref()))
            .unwrap_or(Grouping::Customer);
        let po = s
            .purchase_order
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from);
        let key = match grouping {
            Grouping::Customer => GroupKey::Customer,
            Grouping::Assignment => GroupKey::Assignment(s.assignment_id),
            Grouping::Worker => GroupKey::Worker(s.worker_id),
            Grouping::PurchaseOrder => GroupKey::PurchaseOrder(po.clone().unwrap_or_default()),
        };
        // The lines' texts are in the customer's invoice language, as the documents are.
        let lang = Lang::parse(&s.invoice_language).unwrap_or_default();
        let overtime: Vec<OvertimeRate> = serde_json::from_str(&s.overtime).unwrap_or_default();
        let names = from_stored(&s.allowances);
        let mut lines = Vec::new();
        let mut whole_sheet = true;
        let mut sheet_sum = 0;
        for d in days_of.get(&s.id).into_iter().flatten() {
            let base = lang.t_with(
                "invoice-run-line-day",
                &[
                    ("date", shown_date(&d.work_date)),
                    ("worker", s.worker_name.clone()),
                    ("title", s.title.clone()),
                ],
            );
            let mut part = |part: &str, suffix: &str, minutes: i64, rate: i64, label: String| {
                let key = format!("line:{}:{suffix}", d.id);
                sheet_sum += amount(Quantity::Minutes(minutes), rate);
                if billed.contains(&key) {
                    return;
                }
                let q = hours_milli(minutes);
                lines.push(PlannedLine {
                    source_key: key,
                    timesheet_id: s.id,
                    timesheet_line_id: Some(d.id),
                    timesheet_allowance_id: None,
                    bill_part: part.to_string(),
                    worker_id: s.worker_id,
                    work_date: d.work_date.clone(),
                    description: label,
                    quantity_milli: q,
                    unit_code: "HUR",
                    unit_price_ore: rate,
                    line_net_ore: line_net(q, rate),
                });
            };
            if d.normal_minutes > 0 {
                part(
                    "normal",
                    "normal",
                    d.normal_minutes,
                    s.bill_rate_ore,
                    base.clone(),
                );
            }
            if d.overtime_minutes > 0 {
                let class = overtime
                    .iter()
                    .find(|o| Some(o.percent) == d.overtime_percent);
                let rate = class.map_or(s.bill_rate_ore, |c| c.bill_ore);
                let (code, label) = match d.overtime_percent {
                    Some(p) => (
                        format!("overtime:{p}"),
                        lang.t_with(
                            "invoice-run-line-overtime-percent",
                            &[("line", base.clone()), ("percent", p.to_string())],
                        ),
                    ),
                    None => (
                        "overtime".to_string(),
                        lang.t_with("invoice-run-line-overtime", &[("line", base.clone())]),
                    ),
                };
                part(&code, "overtime", d.overtime_minutes, rate, label);
            }
        }
        // Whether the period holds the whole sheet (then the day lines can be set against the
        // sheet's own bill).
        if s.period_start.as_str() < from || s.period_end.as_str() > to {
            whole_sheet = false;
        }
        for a in allowances_of.get(&s.id).into_iter().flatten() {
            sheet_sum += a.bill_ore;
            let key = format!("allowance:{}", a.id);
            if billed.contains(&key) {
                continue;
            }
            let found = names.iter().find(|n| n.code == a.allowance_code);
            let name = found.map_or(a.allowance_code.clone(), |n| n.name.clone());
            let (q, unit) = match (a.minutes, a.quantity_milli) {
                (Some(m), _) => (hours_milli(m), "HUR"),
                (_, q) => (
                    q.unwrap_or(0),
                    match found.map(|f| &f.rule) {
                        Some(Rule::PerUnit {
                            unit: AllowanceUnit::Km,
                        }) => "KMT",
                        _ => "C62",
                    },
                ),
            };
            if q == 0 {
                continue;
            }
            lines.push(PlannedLine {
                source_key: key,
                timesheet_id: s.id,
                timesheet_line_id: None,
                timesheet_allowance_id: Some(a.id),
                bill_part: "allowance".into(),
                worker_id: s.worker_id,
                work_date: s.period_start.clone(),
                description: lang.t_with(
                    "invoice-run-line-allowance",
                    &[
                        ("allowance", name),
                        ("worker", s.worker_name.clone()),
                        ("week", s.iso_week.to_string()),
                        ("from", shown_date(&s.period_start)),
                        ("to", shown_date(&s.period_end)),
                    ],
                ),
                quantity_milli: q,
                unit_code: unit,
                unit_price_ore: a.bill_rate_ore,
                line_net_ore: line_net(q, a.bill_rate_ore),
            });
        }
        if s.worked_minutes == 0 {
            plan.problems.push(Problem::ZeroHours {
                assignment_id: s.assignment_id,
                sheet_id: s.id,
            });
        }
        if s.bill_rate_ore == 0 && s.worked_minutes > 0 {
            let p = Problem::RateZero {
                assignment_id: s.assignment_id,
                title: s.title.clone(),
            };
            if !plan.problems.contains(&p) {
                plan.problems.push(p);
            }
        }
        if whole_sheet && sheet_sum != s.bill_ore {
            plan.problems.push(Problem::Rounding {
                assignment_id: s.assignment_id,
                sheet_id: s.id,
                difference_ore: sheet_sum - s.bill_ore,
            });
        }
        if lines.is_empty() {
            continue;
        }
        if po.is_none() {
            let p = Problem::PurchaseOrderMissing {
                assignment_id: s.assignment_id,
                title: s.title.clone(),
            };
            // Red only when the customer requires one (checked below with its settings).
            if !plan.problems.contains(&p) {
                plan.problems.push(p);
            }
        }
        let at = match plan.invoices.iter().position(|i| i.key == key) {
            Some(at) => at,
            None => {
                plan.invoices.push(PlannedInvoice {
                    key: key.clone(),
                    order_reference: po.clone(),
                    buyer_reference: default_reference(s),
                    lines: Vec::new(),
                    sheets: BTreeMap::new(),
                });
                plan.invoices.len() - 1
            }
        };
        let invoice = &mut plan.invoices[at];
        if invoice.order_reference != po {
            invoice.order_reference = None;
        }
        if invoice.buyer_reference.is_none() {
            invoice.buyer_reference = default_reference(s);
        }
        invoice.sheets.insert(s.id, s.version);
        invoice.lines.extend(lines);
    }

    // The customer's own problems, and those still waiting for approval.
    let mut customers = Vec::new();
    let mut billings = billings(conn, &order).await?;
    for id in order {
        let Some(mut plan) = per_customer.remove(&id) else {
            continue;
        };
        let b = billings.remove(&id);
        let po_required = b.as_ref().is_some_and(|b| b.po_required != 0);
        if !po_required {
            plan.problems
                .retain(|p| !matches!(p, Problem::PurchaseOrderMissing { .. }));
        }
        if plan.invoices.is_empty() {
            plan.problems.retain(|p| !p.red());
        } else if let Some(b) = &b {
            plan.problems.splice(0..0, buyer_problems(b));
            let unreferenced = plan
                .invoices
                .iter()
                .filter(|i| i.buyer_reference.is_none() && i.order_reference.is_none())
                .count();
            if b.delivery_method == "ehf" && unreferenced > 0 {
                plan.problems.push(Problem::EhfNoReference {
                    count: i64::try_from(unreferenced).unwrap_or(i64::MAX),
                });
            }
        }
        customers.push(plan);
    }
    let waiting: HashMap<i64, i64> = waiting(conn, scope, from, to).await?.into_iter().collect();
    for c in &mut customers {
        if let Some(&count) = waiting.get(&c.customer_id) {
            c.problems.push(Problem::NotApproved { count });
        }
    }
    for c in &mut customers {
        c.invoices.sort_by(|a, b| a.key.cmp(&b.key));
    }
    Ok(Plan {
        from: from.into(),
        to: to.into(),
        customers,
    })
}

/// What blocks invoicing a buyer: no organisation number, no invoice address, EHF without a
/// receiver (one is derived from the organisation number, `0192:<orgnr>`).
pub fn buyer_problems(b: &Billing) -> Vec<Problem> {
    let org = b
        .org_number
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    let mut problems = Vec::new();
    if org.is_none() {
        problems.push(Problem::NoOrgNumber);
    }
    let (street, postal, city) = b.invoice_address();
    if street.is_none() || postal.is_none() || city.is_none() {
        problems.push(Problem::NoInvoiceAddress);
    }
    let peppol = b
        .peppol_id
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if b.delivery_method == "ehf" && peppol.is_none() && org.is_none() {
        problems.push(Problem::NoPeppolId);
    }
    problems
}

/// Sheets in the period still submitted or drafts, per customer.
async fn waiting(
    conn: &mut AnyConnection,
    scope: Filter<'_>,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, i64)>> {
    let mut sql = Sql::new(
        "SELECT c.id, COUNT(*) FROM timesheets t JOIN assignments a ON a.id = t.assignment_id \
         JOIN customers c ON c.id = a.customer_id \
         WHERE t.status = 'submitted' AND t.period_end >= ",
    );
    sql.bind(from).push(" AND t.period_start <= ").bind(to);
    scoped(&mut sql, scope);
    sql.push(" GROUP BY c.id");
    Ok(sql.query_as().fetch_all(conn).await?)
}

/// The distinct customers of a plan that are not blocked.
pub fn ready(plan: &Plan) -> BTreeSet<i64> {
    plan.customers
        .iter()
        .filter(|c| !c.blocked() && !c.invoices.is_empty())
        .map(|c| c.customer_id)
        .collect()
}

/// A stored date (`YYYY-MM-DD`) as an invoice line shows it (`dd.mm.yyyy`); as stored if it is
/// not a date.
fn shown_date(stored: &str) -> String {
    crate::timefmt::when::parse_date(stored).map_or_else(|| stored.to_string(), date_text)
}

/// The buyer reference a run's invoice gets: the approver's name — unless the customer requires
/// its own reference or purchase order number on every invoice, which a name must not stand in
/// for (the draft then waits for it, decision 0034).
fn default_reference(s: &SheetRow) -> Option<String> {
    (s.po_required == 0)
        .then(|| s.approver_name.clone())
        .flatten()
}
