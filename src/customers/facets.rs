//! The choices offered by the list's filters and the customer form's selects.

use crate::{Result, db::Db, geo};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Industry {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, Default)]
pub struct Facets {
    pub departments: Vec<Choice>,
    pub owners: Vec<Choice>,
    pub industries: Vec<Industry>,
    pub counties: Vec<(&'static str, &'static str)>,
    pub municipalities: Vec<(&'static str, &'static str)>,
}

pub async fn departments(db: &Db) -> Result<Vec<Choice>> {
    Ok(
        sqlx::query_as("SELECT id, name FROM departments ORDER BY name")
            .fetch_all(&db.pool)
            .await?,
    )
}

pub async fn active_users(db: &Db) -> Result<Vec<Choice>> {
    Ok(
        sqlx::query_as("SELECT id, name FROM users WHERE active = 1 ORDER BY name")
            .fetch_all(&db.pool)
            .await?,
    )
}

pub async fn load(db: &Db, county: Option<&str>) -> Result<Facets> {
    let mut counties: Vec<_> = geo::COUNTIES.to_vec();
    counties.sort_by_key(|(_, name)| crate::collate::sort_key(name));
    Ok(Facets {
        departments: departments(db).await?,
        owners: active_users(db).await?,
        industries: sqlx::query_as("SELECT code, name FROM industries ORDER BY code")
            .fetch_all(&db.pool)
            .await?,
        counties,
        municipalities: county
            .map(|c| geo::postal::municipalities(Some(c)))
            .unwrap_or_default(),
    })
}
