//! What one search finds, kind by kind, each under the access rules of the kind's own page:
//! customers and everything on a card (contacts, documents, vacancies, invoices) only at the
//! customers the user may see ([`Visibility`]); workers, whom every staff member may see.

use serde::Serialize;

use crate::{
    Result,
    auth::Staff,
    customers::{
        access::Visibility,
        list::{self as customer_list, ListParams},
    },
    db::{Db, Sql, search},
    i18n::Lang,
    money::format_kr,
    norway::orgnr::format_grouped,
};

/// The kinds of record the search box finds, in the order their groups are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Customers,
    Contacts,
    Workers,
    Vacancies,
    Documents,
    Invoices,
}

impl Kind {
    /// The group's heading (a Fluent id).
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Customers => "search-group-customers",
            Kind::Contacts => "search-group-contacts",
            Kind::Workers => "search-group-workers",
            Kind::Vacancies => "search-group-vacancies",
            Kind::Documents => "search-group-documents",
            Kind::Invoices => "search-group-invoices",
        }
    }

    /// The link to the kind's own list with the same search.
    pub fn all_key(self) -> &'static str {
        match self {
            Kind::Customers => "search-all-customers",
            Kind::Contacts => "search-all-contacts",
            Kind::Workers => "search-all-workers",
            Kind::Vacancies => "search-all-vacancies",
            Kind::Documents => "search-all-documents",
            Kind::Invoices => "search-all-invoices",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Customers => "customers",
            Kind::Contacts => "contacts",
            Kind::Workers => "workers",
            Kind::Vacancies => "vacancies",
            Kind::Documents => "documents",
            Kind::Invoices => "invoices",
        }
    }
}

/// One record found: where it is, what it is called, and a line that tells it from its
/// namesakes (the customer it belongs to, a place, a number).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: i64,
    pub title: String,
    pub detail: String,
    /// The record's page.
    pub href: String,
}

/// The hits of one kind, the first `limit` of them, and where to see them all when the kind has
/// its own searchable list.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Group {
    pub kind: Kind,
    pub items: Vec<Hit>,
    /// More matched than are shown here.
    pub more: bool,
    /// The kind's own list with the same search, when it has one.
    pub all_href: Option<String>,
}

/// Everything one search found, non-empty groups only, in [`Kind`] order.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Found {
    pub groups: Vec<Group>,
    /// The one record a whole number names exactly (an organisation number, a customer number,
    /// an invoice number or KID) when it names exactly one the user may see: Enter goes there.
    pub exact: Option<String>,
}

/// The fewest characters a search needs before it runs (one letter lists every name
/// starting with it: useful in the customer list, noise across six kinds). A number of any
/// length runs: it may be a customer's or an invoice's number.
pub const MIN_CHARS: usize = 2;

/// Whether `q` is long enough to search ([`MIN_CHARS`], or a number).
pub fn searchable(q: &str) -> bool {
    let q = q.trim();
    q.chars().count() >= MIN_CHARS || (!q.is_empty() && q.chars().all(|c| c.is_ascii_digit()))
}

/// Searches every kind for `q`, at most `limit` hits a kind.
pub async fn find(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    lang: Lang,
    q: &str,
    limit: i64,
) -> Result<Found> {
    let q = q.trim();
    if !searchable(q) {
        return Ok(Found::default());
    }
    let terms = search::terms(q);
    // Only punctuation or control characters: nothing to look for (not every record).
    if terms.is_empty() {
        return Ok(Found::default());
    }
    // Documents and vacancies have no search index of their own; their titles are matched
    // word by word, so only words (not a number, which names customers and invoices).
    let number = search::exact_number(&terms).is_some();
    // One kind after the other: searched side by side (`try_join!`) one person alone waited
    // no less (the customers' count is the slowest kind either way), and under load every
    // request held up to six of the pool's connections and waited for all of them — measured
    // at a million customers with 16 clients: p95 676 ms against 424 ms (decision 0077).
    let (customers, contacts, workers) = (
        customers(db, user, visibility, q, limit).await?,
        contacts(db, visibility, q, limit).await?,
        workers(db, q, limit).await?,
    );
    let (vacancies, documents, invoices) = if number {
        (
            None,
            None,
            invoices(db, visibility, lang, &terms, limit).await?,
        )
    } else {
        (
            vacancies(db, visibility, &terms, limit).await?,
            documents(db, visibility, &terms, limit).await?,
            None,
        )
    };
    let exact = exact_target(&customers, &invoices, number);
    let groups = [customers, contacts, workers, vacancies, documents, invoices]
        .into_iter()
        .flatten()
        .filter(|g| !g.items.is_empty())
        .collect();
    Ok(Found { groups, exact })
}

/// The page a whole number goes straight to: its one customer (an exact organisation or
/// customer number) or its one invoice (number or KID), when exactly one of them matched.
fn exact_target(
    customers: &Option<Group>,
    invoices: &Option<Group>,
    number: bool,
) -> Option<String> {
    if !number {
        return None;
    }
    let exact_customer = customers
        .as_ref()
        .filter(|g| g.all_href.is_none() && g.items.len() == 1)
        .map(|g| g.items[0].href.clone());
    let one_invoice = invoices
        .as_ref()
        .filter(|g| g.items.len() == 1 && !g.more)
        .map(|g| g.items[0].href.clone());
    match (exact_customer, one_invoice) {
        (Some(c), None) => Some(c),
        (None, Some(i)) => Some(i),
        _ => None,
    }
}

/// Limit plus one row, to know whether there were more.
fn split_more<T>(mut rows: Vec<T>, limit: i64) -> (Vec<T>, bool) {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    (rows, more)
}

fn encoded(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// Customers, ranked as the customer list ranks them (decision 0017), whichever customers
/// the user may see; an exact organisation or customer number gives that customer alone.
async fn customers(
    db: &Db,
    user: &Staff,
    visibility: Visibility,
    q: &str,
    limit: i64,
) -> Result<Option<Group>> {
    let params = ListParams {
        q: Some(q.to_string()),
        scope: Some("all".into()),
        ..Default::default()
    };
    let Ok(mut query) = params.parse() else {
        return Ok(None);
    };
    query.limit = limit;
    let page = customer_list::fetch_first(db, user, visibility, &query).await?;
    let items = page
        .items
        .into_iter()
        .map(|c| {
            let mut detail = vec![c.customer_number.to_string()];
            if let Some(o) = &c.org_number {
                detail.push(format_grouped(o));
            }
            let city = c.city().to_string();
            if !city.is_empty() {
                detail.push(city);
            }
            Hit {
                href: format!("/customers/{}", c.id),
                id: c.id,
                title: c.name,
                detail: detail.join(" · "),
            }
        })
        .collect::<Vec<_>>();
    Ok(Some(Group {
        kind: Kind::Customers,
        more: page.total > items.len() as i64,
        // An exact hit is the record itself; nothing more to list.
        all_href: page
            .exact
            .is_none()
            .then(|| format!("/customers?q={}", encoded(q))),
        items,
    }))
}

/// Contacts at the customers the user may see.
async fn contacts(db: &Db, visibility: Visibility, q: &str, limit: i64) -> Result<Option<Group>> {
    let found = crate::contacts::store::search_all(db, visibility, q, limit + 1).await?;
    let (rows, more) = split_more(found, limit);
    let items = rows
        .into_iter()
        .map(|k| Hit {
            id: k.id,
            href: format!("/customers/{}/contacts/{}", k.customer_id, k.id),
            title: format!("{} {}", k.first_name, k.last_name),
            detail: match k.position {
                Some(p) if !p.is_empty() => format!("{} · {}", k.customer_name, p),
                _ => k.customer_name,
            },
        })
        .collect();
    Ok(Some(Group {
        kind: Kind::Contacts,
        items,
        more,
        all_href: Some(format!("/contacts?q={}", encoded(q))),
    }))
}

/// Workers (every staff member may see them), ranked like customers; erased ones never.
async fn workers(db: &Db, q: &str, limit: i64) -> Result<Option<Group>> {
    let mut sql =
        Sql::new("SELECT w.id, w.name, w.city, w.status FROM workers w WHERE w.erased_at IS NULL");
    search::push_search(&mut sql, db, search::WORKERS, "w", q);
    sql.push(" ORDER BY ");
    if search::rank_expression(&mut sql, "w", q) {
        sql.push(", ");
    }
    sql.push("w.sort_name, w.id").limit(limit + 1);
    let rows: Vec<(i64, String, Option<String>, String)> =
        sql.query_as().fetch_all(&db.pool).await?;
    let (rows, more) = split_more(rows, limit);
    let items = rows
        .into_iter()
        .map(|(id, name, city, _status)| Hit {
            id,
            href: format!("/workers/{id}"),
            title: name,
            detail: city.unwrap_or_default(),
        })
        .collect();
    Ok(Some(Group {
        kind: Kind::Workers,
        items,
        more,
        all_href: Some(format!("/workers?q={}", encoded(q))),
    }))
}

/// Appends ` AND <column contains every word>` (case-folded as `column` is stored, or by
/// `LOWER`).
fn push_words(sql: &mut Sql, column: &str, terms: &[String]) {
    for term in terms.iter().filter(|t| !t.is_empty()) {
        search::push_contains(sql, column, term);
    }
}

/// Vacancies whose title (or occupation) holds every word, open ones first.
async fn vacancies(
    db: &Db,
    visibility: Visibility,
    terms: &[String],
    limit: i64,
) -> Result<Option<Group>> {
    let mut sql = Sql::new(
        "SELECT v.id, v.customer_id, v.title, c.name, v.status FROM vacancies v \
         JOIN customers c ON c.id = v.customer_id WHERE 1 = 1",
    );
    visibility.push_filter(&mut sql, "c");
    push_words(
        &mut sql,
        "LOWER(v.title || ' ' || COALESCE(v.occupation_title, ''))",
        terms,
    );
    sql.push(
        " ORDER BY CASE v.status WHEN 'open' THEN 0 WHEN 'filled' THEN 1 ELSE 2 END, \
         v.from_date DESC, v.id DESC",
    )
    .limit(limit + 1);
    let rows: Vec<(i64, i64, String, String, String)> = sql.query_as().fetch_all(&db.pool).await?;
    let (rows, more) = split_more(rows, limit);
    let items = rows
        .into_iter()
        .map(|(id, customer_id, title, customer, _status)| Hit {
            id,
            href: format!("/customers/{customer_id}/vacancies/{id}"),
            title,
            detail: customer,
        })
        .collect();
    Ok(Some(Group {
        kind: Kind::Vacancies,
        items,
        more,
        all_href: None,
    }))
}

/// Documents (not in the bin) whose name holds every word, newest first.
async fn documents(
    db: &Db,
    visibility: Visibility,
    terms: &[String],
    limit: i64,
) -> Result<Option<Group>> {
    let mut sql = Sql::new(
        "SELECT d.id, d.customer_id, d.title, c.name FROM documents d \
         JOIN customers c ON c.id = d.customer_id WHERE d.deleted_at IS NULL",
    );
    visibility.push_filter(&mut sql, "c");
    push_words(&mut sql, "d.search_name", terms);
    sql.push(" ORDER BY d.updated_at DESC, d.id DESC")
        .limit(limit + 1);
    let rows: Vec<(i64, i64, String, String)> = sql.query_as().fetch_all(&db.pool).await?;
    let (rows, more) = split_more(rows, limit);
    let items = rows
        .into_iter()
        .map(|(id, customer_id, title, customer)| Hit {
            id,
            href: format!("/customers/{customer_id}/documents/{id}"),
            title,
            detail: customer,
        })
        .collect();
    Ok(Some(Group {
        kind: Kind::Documents,
        items,
        more,
        all_href: None,
    }))
}

/// An invoice found: id, kind, number, customer's name, total in øre.
type InvoiceRow = (i64, String, Option<i64>, String, Option<i64>);

/// Issued invoices and credit notes whose number or KID is the typed number.
async fn invoices(
    db: &Db,
    visibility: Visibility,
    lang: Lang,
    terms: &[String],
    limit: i64,
) -> Result<Option<Group>> {
    let [digits] = terms else { return Ok(None) };
    let mut sql = Sql::new(
        "SELECT i.id, i.kind, i.number, c.name, i.total_ore FROM invoices i \
         JOIN customers c ON c.id = i.customer_id WHERE i.status = 'issued' AND (i.kid = ",
    );
    sql.bind(digits.as_str());
    if digits.len() <= 12
        && let Ok(n) = digits.parse::<i64>()
    {
        sql.push(" OR i.number = ").bind(n);
    }
    sql.push(")");
    visibility.push_filter(&mut sql, "c");
    sql.push(" ORDER BY i.id DESC").limit(limit + 1);
    let rows: Vec<InvoiceRow> = sql.query_as().fetch_all(&db.pool).await?;
    let (rows, more) = split_more(rows, limit);
    let items = rows
        .into_iter()
        .map(|(id, kind, number, customer, total)| Hit {
            id,
            href: format!("/invoices/{id}"),
            title: lang.t_with(
                if kind == "credit_note" {
                    "search-credit-note-title"
                } else {
                    "search-invoice-title"
                },
                &[("number", number.unwrap_or_default().to_string())],
            ),
            detail: match total {
                Some(t) => format!("{customer} · {}", format_kr(t)),
                None => customer,
            },
        })
        .collect();
    Ok(Some(Group {
        kind: Kind::Invoices,
        items,
        more,
        all_href: Some(format!("/invoices?q={}", terms[0])),
    }))
}
