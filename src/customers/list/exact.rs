//! A search that is exactly an organisation number or a customer number names one customer:
//! the list goes straight to it, when the user may see it ([`Visibility`]); otherwise the
//! search goes on as a plain search and shows only what the user may see.

use crate::{
    Result,
    customers::access::Visibility,
    db::{Db, Sql, search},
};

/// The id of the customer the search `q` names exactly, if the user may see it. An
/// organisation number (nine digits) wins over a customer number with the same digits.
pub async fn find(db: &Db, visibility: Visibility, q: &str) -> Result<Option<i64>> {
    let terms = search::terms(q);
    let Some(number) = search::exact_number(&terms) else {
        return Ok(None);
    };
    if let Some(org) = number.org_number
        && let Some(id) = one(db, visibility, "org_number", org.to_string().into()).await?
    {
        return Ok(Some(id));
    }
    match number.customer_number {
        Some(n) => one(db, visibility, "customer_number", n.into()).await,
        None => Ok(None),
    }
}

/// The id of the visible customer whose `column` (a fixed name) is `value`.
async fn one(
    db: &Db,
    visibility: Visibility,
    column: &str,
    value: crate::db::Arg,
) -> Result<Option<i64>> {
    let mut sql = Sql::new(&format!("SELECT c.id FROM customers c WHERE c.{column} = "));
    sql.bind(value);
    visibility.push_filter(&mut sql, "c");
    sql.push(" LIMIT 1");
    let row: Option<(i64,)> = sql.query_as().fetch_optional(&db.pool).await?;
    Ok(row.map(|(id,)| id))
}
