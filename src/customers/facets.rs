//! The choices offered by the list's filters and the customer form's selects.

use crate::{Result, db::Db, geo, i18n::group_thousands};

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
    /// (number, label with the count): see [`municipality_choices`].
    pub municipalities: Vec<(String, String)>,
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

/// The municipality filter's choices within `county`: those where the filtered set has
/// customers (`counts`, from [`crate::customers::list::municipality_counts`]), each with its
/// count, and the chosen one even without any, so a choice never vanishes silently. Without
/// counts (`None`: the set was too large to count on every request) every municipality of the
/// county is offered, by name alone.
pub fn municipality_choices(
    county: Option<&str>,
    counts: Option<&[(String, i64)]>,
    chosen: Option<&str>,
) -> Vec<(String, String)> {
    let Some(county) = county else {
        return Vec::new();
    };
    geo::postal::municipalities(Some(county))
        .into_iter()
        .filter_map(|(no, name)| match counts {
            None => Some((no.to_string(), name.to_string())),
            Some(counts) => {
                let n = counts.iter().find(|(m, _)| m == no).map_or(0, |(_, n)| *n);
                (n > 0 || chosen == Some(no))
                    .then(|| (no.to_string(), format!("{name} ({})", group_thousands(n))))
            }
        })
        .collect()
}

/// The filters' choices; the municipalities are filled in by the caller
/// ([`municipality_choices`]).
pub async fn load(db: &Db) -> Result<Facets> {
    let mut counties: Vec<_> = geo::COUNTIES.to_vec();
    counties.sort_by_key(|(_, name)| crate::collate::sort_key(name));
    Ok(Facets {
        departments: departments(db).await?,
        owners: active_users(db).await?,
        industries: sqlx::query_as("SELECT code, name FROM industries ORDER BY code")
            .fetch_all(&db.pool)
            .await?,
        counties,
        municipalities: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_municipalities_with_customers_are_offered_with_their_counts() {
        // Vestland (46): Bergen 4601, Askøy 4627.
        let counts = vec![("4601".to_string(), 1234), ("4627".to_string(), 1)];
        let choices = municipality_choices(Some("46"), Some(&counts), None);
        assert_eq!(
            choices,
            vec![
                ("4627".to_string(), "Askøy (1)".to_string()),
                ("4601".to_string(), "Bergen (1\u{a0}234)".to_string()),
            ]
        );
        // The chosen municipality stays even when the other filters leave it empty.
        let choices = municipality_choices(Some("46"), Some(&counts), Some("4602"));
        assert!(
            choices.contains(&("4602".to_string(), "Kinn (0)".to_string())),
            "{choices:?}"
        );
        assert!(municipality_choices(None, Some(&counts), None).is_empty());
    }

    #[test]
    fn without_counts_every_municipality_of_the_county_is_offered_by_name() {
        let choices = municipality_choices(Some("46"), None, None);
        let expected = geo::postal::municipalities(Some("46"));
        assert_eq!(choices.len(), expected.len());
        assert!(expected.len() > 40, "Vestland has 43 municipalities");
        assert!(
            choices.contains(&("4601".to_string(), "Bergen".to_string())),
            "{choices:?}"
        );
    }
}
