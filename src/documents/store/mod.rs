//! Documents in the database: categories, documents and their versions, the bin. Every change
//! to a document writes the card's history in the same transaction.
//!
//! - here: the categories;
//! - [`read`]: documents and versions as lists and pages show them;
//! - [`write`]: new documents, new versions, changed details;
//! - [`bin`]: to the bin and back.

mod bin;
mod read;
mod write;

pub use bin::set_deleted;
pub use read::{Document, Filter, Version, get, list, version, version_by_id, versions};
pub use write::{Meta, add_version, create, update_meta};

use crate::{Result, db::Db, i18n::Lang};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Category {
    pub id: i64,
    pub key: Option<String>,
    pub name: Option<String>,
    pub active: i64,
    pub position: i64,
}

impl Category {
    /// The firm's own name, else the built-in one in the user's language.
    pub fn label(&self, lang: Lang) -> String {
        category_label(self.key.as_deref(), self.name.as_deref(), lang)
    }
}

pub fn category_label(key: Option<&str>, name: Option<&str>, lang: Lang) -> String {
    match (name, key) {
        (Some(name), _) if !name.trim().is_empty() => name.to_string(),
        (_, Some(key)) => lang.t(&format!("document-category-{}", key.replace('_', "-"))),
        _ => String::new(),
    }
}

pub async fn categories(db: &Db, include_inactive: bool) -> Result<Vec<Category>> {
    let sql = if include_inactive {
        "SELECT id, key, name, active, position FROM document_categories ORDER BY position, id"
    } else {
        "SELECT id, key, name, active, position FROM document_categories WHERE active = 1 \
         ORDER BY position, id"
    };
    Ok(sqlx::query_as(sql).fetch_all(&db.pool).await?)
}
