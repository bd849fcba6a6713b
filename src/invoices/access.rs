//! Who may do what with invoices (decision 0024, on top of decision 0003's customer access):
//! - **see** a customer's invoices and credit notes: whoever sees the customer (a customer out of
//!   sight answers 404, as everywhere);
//! - **prepare** (make and edit drafts, preview an invoice run): whoever may change the customer;
//! - **finance** (issue, credit, register payments, run invoicing into drafts firm-wide, export to
//!   accounting): admins, and managers for the customers they may change. A consultant prepares;
//!   someone with the money's responsibility issues.
//!
//! Every invoice route goes through these, after `customers::access::load`.

use crate::{
    AppError, Result,
    auth::{Role, Staff},
};

/// Whether `user`'s role may issue, credit, register payments and export (the customer's own
/// access is checked by the caller with `customers::access::load(.., Need::Change)`).
pub fn may_finance(user: &Staff) -> bool {
    matches!(user.role, Role::Admin | Role::Manager)
}

/// 403 unless [`may_finance`].
pub fn require_finance(user: &Staff) -> Result<()> {
    if may_finance(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
