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
    /// The main contact's name and number (mobile, else phone), for the quick action "call".
    pub main_phone: Option<MainPhone>,
}

/// The main contact, when they have a number to call.
#[derive(Clone, Debug)]
pub struct MainPhone {
    pub name: String,
    pub number: String,
}

impl MainPhone {
    /// The number for a `tel:` link: the digits and a leading `+` only.
    pub fn tel(&self) -> String {
        self.number
            .chars()
            .enumerate()
            .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
            .map(|(_, c)| c)
            .collect()
    }
}

impl CardHead {
    /// Loads the card for `user`; 404 when the customer is out of the user's sight.
    pub async fn load(state: &AppState, user: &Staff, id: i64, tab: &'static str) -> Result<Self> {
        let customer = access::load(state, user, id, Need::See).await?;
        let comments = fixed_comments(&state.db, id).await?;
        let main_phone = main_phone(&state.db, id).await?;
        Ok(Self {
            can_edit: can_edit(user, customer.owner_id, customer.department_id),
            customer,
            comments,
            tab,
            main_phone,
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

    /// Whether the head shows quick actions: all but "call" need the right to change the card.
    pub fn has_quick_actions(&self) -> bool {
        self.can_edit || self.main_phone.is_some()
    }
}

/// The active main contact's mobile (else phone), if there is one.
async fn main_phone(db: &crate::db::Db, customer_id: i64) -> Result<Option<MainPhone>> {
    let row: Option<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT first_name, last_name, mobile, phone FROM contacts \
         WHERE customer_id = $1 AND is_main = 1 AND active = 1 AND anonymised_at IS NULL",
    )
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|(first, last, mobile, phone)| {
        let number = [mobile, phone]
            .into_iter()
            .flatten()
            .map(|n| n.trim().to_string())
            .find(|n| !n.is_empty())?;
        let phone = MainPhone {
            name: format!("{first} {last}").trim().to_string(),
            number,
        };
        (phone.tel().len() > 2).then_some(phone)
    }))
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
