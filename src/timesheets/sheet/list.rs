//! The sheets of an assignment with their state and hours; this month's are made when missing.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};

use super::{assignment, period_text};
use crate::{
    AppState, Result,
    assignments::store::{self as assignments, Assignment},
    auth::Staff,
    customers::card::CardHead,
    i18n::Lang,
    timefmt::{hours_text, now, when::oslo_date},
    timesheets::store::{self, Sheet},
    web::Chrome,
};

#[derive(Template, WebTemplate)]
#[template(path = "timesheets/list.html")]
pub struct ListView {
    lang: Lang,
    chrome: Chrome,
    card: CardHead,
    a: Assignment,
    sheets: Vec<Sheet>,
}

impl ListView {
    fn status_label(&self, s: &Sheet) -> String {
        self.lang.t(&format!("timesheet-status-{}", s.status))
    }
    fn period(&self, s: &Sheet) -> String {
        period_text(s)
    }
    fn hours(&self, m: &i64) -> String {
        hours_text(*m)
    }
}

/// Makes this month's sheets of a planned or active assignment where they are missing (for
/// staff who may change the card: the list page and the API's list).
pub(crate) async fn ensure_this_month(state: &AppState, aid: i64) -> Result<()> {
    let today = oslo_date(now());
    let month = crate::timesheets::period::month_of(today);
    let mut tx = state.db.begin().await?;
    if let Some(t) = assignments::sheet_terms::terms(&mut tx, aid).await?
        && matches!(t.status.as_str(), "planned" | "active")
    {
        store::ensure(&mut tx, &[t], month.start, month.end).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// GET /customers/{id}/assignments/{aid}/timesheets: the sheets, this month's made if missing.
#[tracing::instrument(skip_all, fields(user = user.id, customer = id, assignment = aid))]
pub async fn list(
    State(state): State<AppState>,
    user: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<ListView> {
    let (card, a) = assignment(&state, &user, id, aid).await?;
    if card.can_edit {
        ensure_this_month(&state, aid).await?;
    }
    let sheets = store::for_assignment(&state.db, aid).await?;
    Ok(ListView {
        lang: user.lang,
        chrome: Chrome::new(&user, "customers"),
        card,
        a,
        sheets,
    })
}
