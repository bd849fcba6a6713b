-- Approvers told that a timesheet waits for them, and one-time approval links for approvers
-- without a portal log-in (decision 0018). Keep in step with ../sqlite/0012_timesheet_approval_links.sql.

-- Each time an approver is told (the sheet was submitted, or a reminder): which sheet, whom, how
-- (by email pointing to the portal, or a one-time link by email or SMS) and the message. A
-- sealed message's owner (dialog::sealed) is this row: delivery makes the link for it.
CREATE TABLE timesheet_approval_requests (
    id BIGSERIAL PRIMARY KEY,
    timesheet_id BIGINT NOT NULL REFERENCES timesheets (id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('submitted', 'reminder')),
    channel TEXT NOT NULL CHECK (channel IN ('portal', 'email', 'sms')),
    message_id BIGINT REFERENCES messages (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX timesheet_approval_requests_sheet ON timesheet_approval_requests (timesheet_id, contact_id);

-- Approval links: purpose 'timesheet_approval', bound to the sheet and the approver (contact_id).
ALTER TABLE one_time_links ADD COLUMN timesheet_id BIGINT REFERENCES timesheets (id) ON DELETE CASCADE;
CREATE INDEX one_time_links_timesheet ON one_time_links (timesheet_id, contact_id);
