//! Timesheets (timelister, customer card part 7): the hours a worker writes down for an
//! assignment, one sheet per ISO week split at a month's end. This step owns the rules, as pure
//! functions over plain values: the periods ([`period`]), a day line and its real minutes in
//! Oslo time ([`line`]), normal hours and overtime ([`split`]), allowances ([`allowances`]), the
//! working-hours law's warnings across all of a worker's assignments ([`law`]) and the expected
//! pay and bill ([`pay`]). The tables, pages, approval and payroll export come in a later step
//! and compute through these (decision 0015).

pub mod allowances;
pub mod law;
pub mod line;
pub mod pay;
pub mod period;
pub mod split;

#[cfg(test)]
mod tests;
