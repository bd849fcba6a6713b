//! The worker list: search as you type, filters (status, skill, place, available by, papers
//! expiring), paged in name order. Search as you type swaps in only the results (htmx
//! `hx-select` on the page); the server answers every request with the whole page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use time::Date;

use super::{
    model::Status,
    store::{self, Filter, ListRow, PAGE_SIZE},
};
use crate::{
    AppState, Result,
    auth::Staff,
    db::paging,
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::{
        date_text, now,
        when::{oslo_date, parse_date},
    },
    web::{Chrome, form::field_messages},
};

/// The list's query string as typed; every field kept so the form shows it back.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Search in name, email, mobile, employee number, city and skills (word prefixes).
    #[param(max_length = 200)]
    pub q: String,
    /// `candidate`, `employee` or `former`.
    pub status: String,
    /// One skill, e.g. `truck` (case ignored).
    pub skill: String,
    /// A place in the worker's city or preferred places.
    pub place: String,
    /// `YYYY-MM-DD`: available on or before this date (or with no date set).
    pub available_by: String,
    /// `30` (days) for papers expiring within a month; `0` for those already expired (0–365).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 365)]
    pub expiring: String,
    /// Non-empty: only the workers the user is responsible for.
    pub mine: String,
    /// Page number, from 1 (50 workers a page).
    #[param(value_type = Option<i64>, minimum = 1)]
    pub page: String,
    /// The last worker of the page before (`next_after` of that page; the page's "next" link
    /// carries it): the page is read on from that worker in name order instead of skipping
    /// `(page - 1) × 50` rows. `page` still numbers the page; a worker that is gone is ignored.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub after: String,
}

impl ListParams {
    /// The typed filter, or what is wrong with it (each field with its own message).
    pub fn parse(&self, user: &Staff) -> std::result::Result<Filter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let non_empty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let status = non_empty(&self.status).and_then(|s| {
            let parsed = Status::parse(&s);
            if parsed.is_none() {
                errors.add("status", Msg::new("filter-invalid"));
            }
            parsed
        });
        let available_by = non_empty(&self.available_by).and_then(|s| {
            let d = parse_date(&s);
            if d.is_none() {
                errors.add("available_by", Msg::new("worker-date-invalid"));
            }
            d
        });
        let expiring_within_days = non_empty(&self.expiring).and_then(|s| {
            let d = s.parse::<i64>().ok().filter(|d| (0..=365).contains(d));
            if d.is_none() {
                errors.add("expiring", Msg::new("filter-invalid"));
            }
            d
        });
        let page = match non_empty(&self.page) {
            None => 1,
            Some(raw) => paging::parse_page(&raw, PAGE_SIZE).unwrap_or_else(|msg| {
                errors.add("page", msg);
                1
            }),
        };
        let after = non_empty(&self.after).and_then(|raw| match raw.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                errors.add("after", Msg::new("filter-invalid"));
                None
            }
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Filter {
            q: self.q.trim().chars().take(200).collect(),
            status,
            skill: non_empty(&self.skill),
            place: non_empty(&self.place),
            available_by,
            expiring_within_days,
            responsible_id: (!self.mine.is_empty()).then_some(user.id),
            free_between: None,
            page,
            after,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "workers/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    params: ListParams,
    errors: FieldErrors,
    rows: Vec<ListRow>,
    count: store::Count,
    /// Another page follows (read, not computed from the count, which stops at its bound).
    more: bool,
    page: i64,
    skills: Vec<(String, i64)>,
    today: Date,
    /// Papers of the user's own workers that have expired or expire within 30 days.
    expiring: Vec<(super::credentials::Credential, String)>,
}

impl ListView {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn status_label(&self, status: &str) -> String {
        self.lang.t(&format!("worker-status-{status}"))
    }
    fn statuses(&self) -> Vec<&'static str> {
        Status::ALL.iter().map(|s| s.as_str()).collect()
    }
    /// The expiry shown in a row, and whether it is past or near (within 30 days).
    fn expiry(&self, row: &ListRow) -> Option<(String, &'static str)> {
        let d = parse_date(row.next_expiry.as_deref()?)?;
        Some((
            date_text(d),
            super::credentials::expiry_class(d, self.today),
        ))
    }
    fn expiring_title(&self) -> String {
        self.lang
            .t_count("workers-papers-expiring-mine", self.expiring.len() as i64)
    }
    fn paper_text(&self, c: &super::credentials::Credential) -> String {
        let until = c.until().map(date_text).unwrap_or_default();
        format!("{} {until}", self.lang.t(&format!("credential-{}", c.kind)))
    }
    /// "12 vikarer", or "mer enn 1 000 vikarer" when the count stopped at its bound.
    fn count_text(&self) -> String {
        self.count.text(self.lang, "workers-count")
    }
    /// "Side 3 av 12", or "Side 3" when the count stopped at its bound (the last page is not
    /// known).
    fn position_text(&self) -> String {
        self.count.position(self.lang, self.page, PAGE_SIZE)
    }
    fn page_href(&self, page: i64) -> String {
        self.href(page, None)
    }
    /// The next page, read on from this page's last worker (keyset paging: as cheap however
    /// deep); its number still says which page it is.
    fn next_href(&self) -> String {
        self.href(self.page + 1, self.rows.last().map(|r| r.worker.id))
    }
    fn href(&self, page: i64, after: Option<i64>) -> String {
        let mut p = self.params.clone();
        p.page = page.to_string();
        p.after = after.map(|id| id.to_string()).unwrap_or_default();
        format!(
            "/workers?{}",
            serde_urlencoded::to_string(ParamsOut(&p)).unwrap_or_default()
        )
    }
}

/// The parameters back as a query string (only the ones set).
struct ParamsOut<'a>(&'a ListParams);

impl serde::Serialize for ParamsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let p = self.0;
        let pairs = [
            ("q", &p.q),
            ("status", &p.status),
            ("skill", &p.skill),
            ("place", &p.place),
            ("available_by", &p.available_by),
            ("expiring", &p.expiring),
            ("mine", &p.mine),
            ("page", &p.page),
            ("after", &p.after),
        ];
        let set: Vec<_> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        let mut seq = s.serialize_seq(Some(set.len()))?;
        for pair in set {
            seq.serialize_element(&pair)?;
        }
        seq.end()
    }
}

/// GET /workers
#[tracing::instrument(skip_all, fields(user = user.id))]
pub async fn page(
    State(state): State<AppState>,
    user: Staff,
    Query(params): Query<ListParams>,
) -> Result<axum::response::Response> {
    use axum::{http::StatusCode, response::IntoResponse};
    let today = oslo_date(now());
    let skills = store::all_skills(&state.db).await?;
    let mut view = ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "workers"),
        params: params.clone(),
        errors: FieldErrors::default(),
        rows: Vec::new(),
        count: store::Count {
            total: 0,
            exact: true,
        },
        more: false,
        page: 1,
        skills,
        today,
        expiring: super::credentials::expiring(&state.db, Some(user.id), today, 30).await?,
    };
    match params.parse(&user) {
        Ok(filter) => {
            let found = store::list(&state.db, &filter, today).await?;
            view.rows = found.rows;
            view.count = found.count;
            view.more = found.more;
            view.page = filter.page;
            Ok(view.into_response())
        }
        Err(errors) => {
            view.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
    }
}
