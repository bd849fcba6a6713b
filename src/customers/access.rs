//! Who may see and change which customers (docs/decisions/0003-access-policy.md):
//! - admins and managers see the whole firm; consultants see their department's customers and
//!   the ones they own — or the whole firm, when the firm sets `KUNDEKORT_CONSULTANT_SCOPE=all`;
//! - admins change any customer; others change their department's customers and their own.
//!
//! Every query that lists or loads customers goes through [`Visibility::push_filter`], so a
//! guessed URL cannot show what the list would not; a row already loaded is judged by
//! [`Visibility::allows`], the same rule in Rust. Pages and the API load a customer through
//! [`load`], which answers 404 or 403 by the same rule for both.

use super::store::{self, Customer};
use crate::{
    AppError, AppState, Result,
    auth::{Role, Staff},
    config::ConsultantScope,
    db::Sql,
};

/// Who holds a customer: all the access rules look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holder {
    pub owner_id: Option<i64>,
    pub department_id: Option<i64>,
}

impl Customer {
    pub fn holder(&self) -> Holder {
        Holder {
            owner_id: self.owner_id,
            department_id: self.department_id,
        }
    }
}

/// What the caller is about to do with a customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    See,
    Change,
}

/// Loads a customer for `user`: 404 when it is out of the user's sight (or does not exist),
/// 403 when `need` is [`Need::Change`] and the user may only see it.
pub async fn load(
    state: &AppState,
    user: &Staff,
    customer_id: i64,
    need: Need,
) -> Result<Customer> {
    let visibility = Visibility::of(user, state.config.consultant_scope);
    let Some(customer) = store::get(&state.db, visibility, customer_id).await? else {
        // The same 404 either way; one that exists is a refusal the security log counts.
        let exists = visibility != Visibility::All
            && store::get(&state.db, Visibility::All, customer_id)
                .await?
                .is_some();
        return Err(if exists {
            AppError::OutOfSight
        } else {
            AppError::NotFound
        });
    };
    if need == Need::Change && !can_edit(user, customer.owner_id, customer.department_id) {
        return Err(AppError::Forbidden);
    }
    Ok(customer)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    All,
    DepartmentOrOwn {
        user_id: i64,
        department_id: Option<i64>,
    },
}

impl Visibility {
    pub fn of(user: &Staff, consultant_scope: ConsultantScope) -> Self {
        match (user.role, consultant_scope) {
            (Role::Admin | Role::Manager, _) | (Role::Consultant, ConsultantScope::All) => {
                Visibility::All
            }
            (Role::Consultant, ConsultantScope::Department) => Visibility::DepartmentOrOwn {
                user_id: user.id,
                department_id: user.department_id,
            },
        }
    }

    /// Appends ` AND <what this user may see>` for the customers table aliased `alias`.
    pub fn push_filter(&self, sql: &mut Sql, alias: &str) {
        if let Visibility::DepartmentOrOwn {
            user_id,
            department_id,
        } = *self
        {
            sql.push(&format!(" AND ({alias}.owner_id = "))
                .bind(user_id);
            if let Some(dep) = department_id {
                sql.push(&format!(" OR {alias}.department_id = ")).bind(dep);
            }
            sql.push(")");
        }
    }

    /// Whether a customer held by `holder` is in sight: the rule [`Self::push_filter`] puts in SQL.
    pub fn allows(&self, holder: Holder) -> bool {
        match *self {
            Visibility::All => true,
            Visibility::DepartmentOrOwn {
                user_id,
                department_id,
            } => {
                holder.owner_id == Some(user_id)
                    || (department_id.is_some() && holder.department_id == department_id)
            }
        }
    }

    /// True when the firm-wide scope means anything more than the department scope.
    pub fn sees_whole_firm(&self) -> bool {
        *self == Visibility::All
    }
}

/// May `user` change a customer owned by `owner_id` in `department_id`?
pub fn can_edit(user: &Staff, owner_id: Option<i64>, department_id: Option<i64>) -> bool {
    user.role.is_admin()
        || owner_id == Some(user.id)
        || (department_id.is_some() && department_id == user.department_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db::Db, i18n::Lang};

    fn staff(id: i64, role: Role, department_id: Option<i64>) -> Staff {
        Staff {
            id,
            email: format!("u{id}@test.no"),
            name: format!("User {id}"),
            role,
            department_id,
            lang: Lang::Nb,
        }
    }

    /// `allows` and `push_filter` give the same answer for every customer and every viewer.
    #[tokio::test]
    async fn allows_agrees_with_the_sql_filter() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("access.db").display());
        let db = Db::connect(&url).await.unwrap();
        sqlx::query(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, owner_id INTEGER, department_id INTEGER)",
        )
        .execute(&db.pool)
        .await
        .unwrap();
        // (id, owner, department): user 1 is in department 10, user 2 in 20, user 3 in none.
        let customers: &[(i64, Option<i64>, Option<i64>)] = &[
            (1, Some(1), Some(10)),
            (2, Some(2), Some(10)),
            (3, Some(1), Some(20)),
            (4, Some(2), Some(20)),
            (5, None, Some(10)),
            (6, None, None),
            (7, Some(3), None),
            (8, Some(1), None),
        ];
        for (id, owner, dep) in customers {
            sqlx::query("INSERT INTO customers (id, owner_id, department_id) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(owner)
                .bind(dep)
                .execute(&db.pool)
                .await
                .unwrap();
        }
        // (viewer, scope, the customers they see)
        let cases: Vec<(Staff, ConsultantScope, Vec<i64>)> = vec![
            (
                staff(9, Role::Admin, None),
                ConsultantScope::Department,
                (1..=8).collect(),
            ),
            (
                staff(8, Role::Manager, Some(20)),
                ConsultantScope::Department,
                (1..=8).collect(),
            ),
            (
                staff(1, Role::Consultant, Some(10)),
                ConsultantScope::All,
                (1..=8).collect(),
            ),
            (
                staff(1, Role::Consultant, Some(10)),
                ConsultantScope::Department,
                vec![1, 2, 3, 5, 8],
            ),
            (
                staff(2, Role::Consultant, Some(20)),
                ConsultantScope::Department,
                vec![2, 3, 4],
            ),
            (
                staff(3, Role::Consultant, None),
                ConsultantScope::Department,
                vec![7],
            ),
        ];
        for (user, scope, expected) in cases {
            let visibility = Visibility::of(&user, scope);
            let mut sql = Sql::new("SELECT c.id FROM customers c WHERE 1 = 1");
            visibility.push_filter(&mut sql, "c");
            sql.push(" ORDER BY c.id");
            let by_sql: Vec<i64> = sql
                .query_as::<(i64,)>()
                .fetch_all(&db.pool)
                .await
                .unwrap()
                .into_iter()
                .map(|(id,)| id)
                .collect();
            let by_rust: Vec<i64> = customers
                .iter()
                .filter(|(_, owner_id, department_id)| {
                    visibility.allows(Holder {
                        owner_id: *owner_id,
                        department_id: *department_id,
                    })
                })
                .map(|(id, _, _)| *id)
                .collect();
            assert_eq!(by_sql, expected, "SQL, {:?} {scope:?}", user.role);
            assert_eq!(by_rust, expected, "allows, {:?} {scope:?}", user.role);
        }
    }
}
