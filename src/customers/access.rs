//! Who may see and change which customers (docs/decisions/0003-access-policy.md):
//! - admins and managers see the whole firm; consultants see their department's customers and
//!   the ones they own — or the whole firm, when the firm sets `KUNDEKORT_CONSULTANT_SCOPE=all`;
//! - admins change any customer; others change their department's customers and their own.
//!
//! Every query that lists or loads customers goes through [`Visibility::push_filter`], so a
//! guessed URL cannot show what the list would not.

use crate::{
    auth::{Role, Staff},
    config::ConsultantScope,
    db::Sql,
};

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
