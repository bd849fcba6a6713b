-- Timesheets (part 7, second half): sheets, day lines, allowances, the law's warnings and the
-- sheets' events. Keep in step with ../sqlite/0011_timesheets.sql. See decision 0015.
-- One sheet per assignment and ISO week, split at a month's end (`timesheets::period`);
-- `iso_year, iso_week` are shared by both parts of a split week. The totals are what
-- `timesheets::{split, pay}` computed when the lines were last saved, so the worker's expected
-- pay, the approver's cost, payroll and the invoice read the same numbers.
CREATE TABLE timesheets (
    id BIGSERIAL PRIMARY KEY,
    assignment_id BIGINT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    iso_year BIGINT NOT NULL,
    iso_week BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    submitted_at BIGINT,
    -- Double approval: the first of two approvals, while the sheet stays submitted.
    first_approved_by_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    first_approved_at BIGINT,
    decided_at BIGINT,
    decided_by_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    -- The approver's comment on a rejection.
    comment TEXT,
    -- Set by invoicing (a later issue): an invoiced sheet can no longer be reopened.
    invoiced_at BIGINT,
    invoice_id BIGINT,
    worked_minutes BIGINT NOT NULL DEFAULT 0,
    normal_minutes BIGINT NOT NULL DEFAULT 0,
    overtime_minutes BIGINT NOT NULL DEFAULT 0,
    law_overtime_minutes BIGINT NOT NULL DEFAULT 0,
    pay_ore BIGINT NOT NULL DEFAULT 0,
    expenses_ore BIGINT NOT NULL DEFAULT 0,
    bill_ore BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (assignment_id, period_start)
);
CREATE INDEX timesheets_status ON timesheets (status, period_start);

-- A day line as typed and what it gives. Start and end are Oslo wall-clock minutes (end <= start:
-- the next day); start_at and end_at the real interval in unix seconds, which the law's checks
-- read across all of a worker's assignments.
CREATE TABLE timesheet_lines (
    id BIGSERIAL PRIMARY KEY,
    timesheet_id BIGINT NOT NULL REFERENCES timesheets (id) ON DELETE CASCADE,
    work_date TEXT NOT NULL,
    start_minute BIGINT NOT NULL,
    end_minute BIGINT NOT NULL,
    break_minutes BIGINT NOT NULL DEFAULT 0,
    comment TEXT,
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    worked_minutes BIGINT NOT NULL,
    normal_minutes BIGINT NOT NULL,
    overtime_minutes BIGINT NOT NULL,
    -- The overtime class (percent); null without overtime rates.
    overtime_percent BIGINT,
    law_overtime_minutes BIGINT NOT NULL
);
CREATE INDEX timesheet_lines_sheet ON timesheet_lines (timesheet_id, work_date);

-- Per-unit allowances as entered by hand (km, meals), in thousandths of a unit.
CREATE TABLE timesheet_units (
    id BIGSERIAL PRIMARY KEY,
    timesheet_id BIGINT NOT NULL REFERENCES timesheets (id) ON DELETE CASCADE,
    allowance_code TEXT NOT NULL,
    quantity_milli BIGINT NOT NULL
);
CREATE INDEX timesheet_units_sheet ON timesheet_units (timesheet_id);

-- What a sheet earns per allowance, with the rates it was priced at.
CREATE TABLE timesheet_allowances (
    id BIGSERIAL PRIMARY KEY,
    timesheet_id BIGINT NOT NULL REFERENCES timesheets (id) ON DELETE CASCADE,
    allowance_code TEXT NOT NULL,
    minutes BIGINT,
    quantity_milli BIGINT,
    kind TEXT NOT NULL CHECK (kind IN ('pay', 'expense')),
    pay_rate_ore BIGINT NOT NULL,
    pay_ore BIGINT NOT NULL,
    bill_rate_ore BIGINT NOT NULL,
    bill_ore BIGINT NOT NULL
);
CREATE INDEX timesheet_allowances_sheet ON timesheet_allowances (timesheet_id);

-- The working-hours law's warnings found when a sheet's lines were saved (never blocking).
CREATE TABLE timesheet_warnings (
    id BIGSERIAL PRIMARY KEY,
    worker_id BIGINT NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    timesheet_id BIGINT REFERENCES timesheets (id) ON DELETE CASCADE,
    rule TEXT NOT NULL CHECK (rule IN ('overtime_7_days', 'overtime_4_weeks', 'overtime_52_weeks',
        'work_24_hours', 'work_7_days', 'daily_rest', 'weekly_rest', 'no_break', 'short_break',
        'young_night', 'young_day', 'young_week')),
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    value_minutes BIGINT NOT NULL,
    limit_minutes BIGINT NOT NULL,
    found_at BIGINT NOT NULL
);
CREATE INDEX timesheet_warnings_sheet ON timesheet_warnings (timesheet_id);
CREATE INDEX timesheet_warnings_worker ON timesheet_warnings (worker_id, from_date);

-- A sheet's life: who did what, when, and how (a page, a one-time link, the API).
CREATE TABLE timesheet_events (
    id BIGSERIAL PRIMARY KEY,
    timesheet_id BIGINT NOT NULL REFERENCES timesheets (id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('saved', 'submitted', 'withdrawn', 'first_approved',
        'approved', 'rejected', 'reopened')),
    actor TEXT NOT NULL CHECK (actor IN ('worker', 'contact', 'staff')),
    worker_id BIGINT REFERENCES workers (id) ON DELETE SET NULL,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    user_id BIGINT REFERENCES users (id),
    via TEXT NOT NULL CHECK (via IN ('page', 'link', 'api')),
    -- The approver's comment or staff's reason.
    comment TEXT,
    client_ip TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX timesheet_events_sheet ON timesheet_events (timesheet_id, at);
