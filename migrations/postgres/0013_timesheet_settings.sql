-- The firm's timesheet settings, the reminders sent, workers' birth dates and the firm-wide
-- warnings report's index. Keep in step with ../sqlite/0013_timesheet_settings.sql.
-- See decision 0019.

-- One row: whether the firm records an overtime agreement (aml. § 10-6 (5): 20 / 50 / 300
-- hours in 7 days / 4 weeks / 52 weeks instead of the law's 10 / 25 / 200), and the days after
-- a period ends (the worker) or after a submission (the approvers) before a reminder goes
-- out; 0 = no reminder. Off until an admin turns them on.
CREATE TABLE timesheet_settings (
    id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    overtime_agreement INTEGER NOT NULL DEFAULT 0 CHECK (overtime_agreement IN (0, 1)),
    worker_reminder_days BIGINT NOT NULL DEFAULT 0,
    approver_reminder_days BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
INSERT INTO timesheet_settings (id, overtime_agreement, worker_reminder_days,
    approver_reminder_days, updated_at)
VALUES (1, 0, 0, 0, 0);

-- Each reminder sent, so that each goes once: to the worker (recipient_id = the worker, round
-- 0) or to an approver (recipient_id = the contact, round = the submission's submitted_at, so
-- a sheet submitted again reminds again).
CREATE TABLE timesheet_reminders (
    id BIGSERIAL PRIMARY KEY,
    timesheet_id BIGINT NOT NULL REFERENCES timesheets (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('worker', 'approver')),
    recipient_id BIGINT NOT NULL,
    round BIGINT NOT NULL,
    -- The message queued (NULL once the message is erased with the worker, GDPR).
    message_id BIGINT REFERENCES messages (id) ON DELETE SET NULL,
    sent_at BIGINT NOT NULL,
    UNIQUE (timesheet_id, kind, recipient_id, round)
);

-- The worker's birth date (YYYY-MM-DD), taken from the national identity number when it is
-- saved or revealed (the number stays sealed), for the young workers' rules (aml. chapter 11).
ALTER TABLE workers ADD COLUMN birth_date TEXT;

-- The firm-wide warnings report: newest first within a period.
CREATE INDEX timesheet_warnings_from ON timesheet_warnings (from_date, id);
