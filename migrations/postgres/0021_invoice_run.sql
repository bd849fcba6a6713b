-- The invoice run (issue 14; decision 0028): what an invoice line bills, and which approved hours
-- and allowances are billed now. Keep in step with ../sqlite/0021_invoice_run.sql.

-- What a line made by the invoice run bills: a timesheet line's normal hours or its overtime
-- (bill_part 'normal', 'overtime:<percent>' or 'overtime' without a class), or a priced
-- allowance (bill_part 'allowance'); the worker and the work date for the hours specification.
-- No foreign keys to the timesheet tables: an issued line never changes, and a sheet reopened
-- after a full credit replaces its lines.
ALTER TABLE invoice_lines ADD COLUMN timesheet_line_id BIGINT;
ALTER TABLE invoice_lines ADD COLUMN timesheet_allowance_id BIGINT;
ALTER TABLE invoice_lines ADD COLUMN bill_part TEXT;
ALTER TABLE invoice_lines ADD COLUMN worker_id BIGINT;
ALTER TABLE invoice_lines ADD COLUMN work_date TEXT;
CREATE INDEX invoice_lines_timesheet ON invoice_lines (timesheet_id);

-- The customer's default grouping of the run's invoices, where an assignment has none:
-- 'customer' (NULL too), 'assignment', 'worker' or 'purchase_order'.
ALTER TABLE invoice_settings ADD COLUMN invoice_grouping TEXT
    CHECK (invoice_grouping IN ('customer', 'assignment', 'worker', 'purchase_order'));

-- A source that is billed now: one row per billed part ('line:<id>:normal',
-- 'line:<id>:overtime', 'allowance:<id>') while an invoice line on a draft or issued invoice
-- bills it and no credit note has credited that line. The primary key is what keeps two runs at
-- once from billing a source twice: the second insert fails and its customer's transaction rolls
-- back. Deleting a draft or its line deletes the row (cascade); a credit by line deletes it in
-- the credit's transaction; a credit by amount leaves it.
CREATE TABLE invoice_billing (
    source_key TEXT NOT NULL PRIMARY KEY,
    invoice_line_id BIGINT NOT NULL REFERENCES invoice_lines (id) ON DELETE CASCADE,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    timesheet_id BIGINT NOT NULL
);
CREATE INDEX invoice_billing_line ON invoice_billing (invoice_line_id);
CREATE INDEX invoice_billing_invoice ON invoice_billing (invoice_id);
CREATE INDEX invoice_billing_sheet ON invoice_billing (timesheet_id);
