//! The frame every tab of the customer card shares: the access check, the header with the
//! customer's name and numbers, the fixed comments (shown on every tab), and the tab bar.
//! A tab handler starts with [`CardHead::load`] and its template includes
//! `customers/_card_head.html`.

use super::{
    access::{self, Need, can_edit},
    store::Customer,
};
use crate::{AppError, AppState, Result, auth::Staff};

/// A tab of the card: (key, translation key, path below `/customers/{id}`).
pub const TABS: &[(&str, &str, &str)] = &[
    ("overview", "tab-overview", ""),
    ("contacts", "tab-contacts", "/contacts"),
    ("documents", "tab-documents", "/documents"),
    ("diary", "tab-diary", "/diary"),
    ("dialog", "tab-dialog", "/dialog"),
    ("assignments", "tab-assignments", "/assignments"),
    ("invoices", "tab-invoices", "/invoices"),
];

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FixedComment {
    pub id: i64,
    pub body: String,
    pub position: i64,
    pub author_name: Option<String>,
    pub updated_at: i64,
}

pub struct CardHead {
    pub customer: Customer,
    pub can_edit: bool,
    pub comments: Vec<FixedComment>,
    pub tab: &'static str,
}

impl CardHead {
    /// Loads the card for `user`; 404 when the customer is out of the user's sight.
    pub async fn load(state: &AppState, user: &Staff, id: i64, tab: &'static str) -> Result<Self> {
        let customer = access::load(state, user, id, Need::See).await?;
        let comments = fixed_comments(&state.db, id).await?;
        Ok(Self {
            can_edit: can_edit(user, customer.owner_id, customer.department_id),
            customer,
            comments,
            tab,
        })
    }

    /// Like [`CardHead::load`], for changes: 403 when the user may see but not change it.
    pub async fn load_editable(
        state: &AppState,
        user: &Staff,
        id: i64,
        tab: &'static str,
    ) -> Result<Self> {
        let card = Self::load(state, user, id, tab).await?;
        if !card.can_edit {
            return Err(AppError::Forbidden);
        }
        Ok(card)
    }

    pub fn tab_href(&self, path: &str) -> String {
        format!("/customers/{}{path}", self.customer.id)
    }
}

pub async fn fixed_comments(db: &crate::db::Db, customer_id: i64) -> Result<Vec<FixedComment>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.body, c.position, u.name AS author_name, c.updated_at FROM customer_comments c \
         LEFT JOIN users u ON u.id = c.author_id WHERE c.customer_id = $1 ORDER BY c.position, c.id",
    )
    .bind(customer_id)
    .fetch_all(&db.pool)
    .await?)
}
