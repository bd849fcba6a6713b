-- A sheet's rates fixed when it is submitted (decision 0022). Keep in step with
-- ../sqlite/0016_timesheet_rates.sql. While a sheet is a draft (or rejected, or withdrawn) these
-- are null and a save prices it at the assignment's current terms; from its submission on it is
-- priced (and recomputed, e.g. as the other part of a split week) at these, so a change of the
-- assignment's rates does not reprice a submitted or approved week. A reopened sheet keeps them.
ALTER TABLE timesheets ADD COLUMN rates_fixed_at BIGINT;
ALTER TABLE timesheets ADD COLUMN fixed_pay_rate_ore BIGINT;
ALTER TABLE timesheets ADD COLUMN fixed_bill_rate_ore BIGINT;
-- The overtime classes and the allowances as JSON, as in assignments.overtime / .allowances.
ALTER TABLE timesheets ADD COLUMN fixed_overtime TEXT;
ALTER TABLE timesheets ADD COLUMN fixed_allowances TEXT;
