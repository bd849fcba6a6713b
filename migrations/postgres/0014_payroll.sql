-- Payroll export (part 7, issue 13): the wage type mapping, the file's columns, and every pay
-- line sent, so nothing is paid twice. Keep in step with ../sqlite/0014_payroll.sql.
-- See decision 0020 and docs/payroll-export.md.

-- The file's format: a preset (`standard`, `payroll_import`, `identity`) or `custom` with the
-- columns (keys, comma-separated, in order), header row, decimal comma and byte-order mark.
CREATE TABLE payroll_settings (
    id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    preset TEXT NOT NULL,
    columns TEXT NOT NULL,
    header BIGINT NOT NULL,
    decimal_comma BIGINT NOT NULL,
    bom BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO payroll_settings (id, preset, columns, header, decimal_comma, bom, updated_at)
VALUES (1, 'standard', '', 1, 1, 1, 0);

-- A pay item's wage type code (lønnsart) and how payroll treats it. `item`: `normal`,
-- `overtime:50` (a class, percent), `overtime:none` (overtime without a class), or
-- `allowance:km` (an allowance's code).
CREATE TABLE payroll_wage_types (
    item TEXT NOT NULL PRIMARY KEY,
    code TEXT NOT NULL,
    holiday_pay_basis BIGINT NOT NULL,
    tax_free BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One export: the period asked for, the format it was written in (so it downloads again the
-- same), who and when.
CREATE TABLE payroll_exports (
    id BIGSERIAL PRIMARY KEY,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    preset TEXT NOT NULL,
    columns TEXT NOT NULL,
    header BIGINT NOT NULL,
    decimal_comma BIGINT NOT NULL,
    bom BIGINT NOT NULL,
    line_count BIGINT NOT NULL,
    worker_count BIGINT NOT NULL,
    pay_ore BIGINT NOT NULL,
    expenses_ore BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX payroll_exports_period ON payroll_exports (from_date, to_date);

-- A pay line as sent: one per sheet and item, never twice (the unique key). Sheet, worker and
-- assignment are plain ids, not references: what was paid stays recorded if they go.
CREATE TABLE payroll_export_lines (
    id BIGSERIAL PRIMARY KEY,
    export_id BIGINT NOT NULL REFERENCES payroll_exports (id) ON DELETE CASCADE,
    timesheet_id BIGINT NOT NULL,
    item TEXT NOT NULL,
    worker_id BIGINT NOT NULL,
    assignment_id BIGINT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    item_name TEXT NOT NULL,
    wage_type TEXT NOT NULL,
    -- Thousandths of an hour or of a unit.
    quantity_milli BIGINT NOT NULL,
    rate_ore BIGINT NOT NULL,
    amount_ore BIGINT NOT NULL,
    holiday_pay_basis BIGINT NOT NULL,
    tax_free BIGINT NOT NULL,
    UNIQUE (timesheet_id, item)
);
CREATE INDEX payroll_export_lines_export ON payroll_export_lines (export_id);
CREATE INDEX payroll_export_lines_period ON payroll_export_lines (period_end);
