-- Two-factor log-in for portal contacts and workers (issue 18, decision 0059).
-- Keep in step with ../postgres/0044_two_factor_contacts_workers.sql; tests compare the two schemas.
-- The same three things as staff's (0040) — a key, recovery codes, a half-finished log-in — for
-- the other holders of sessions: each row has exactly one of `contact_id` and `worker_id`, as
-- `sessions` does. Staff's tables stay as they are (no rebuild of tables in use).

-- A contact's or worker's authenticator key, sealed with the firm's data key and bound to its
-- holder; `pending` until a code from it is typed; `last_step` as in `user_two_factor`.
CREATE TABLE holder_two_factor (
    id INTEGER PRIMARY KEY,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE,
    worker_id BIGINT REFERENCES workers (id) ON DELETE CASCADE,
    secret TEXT,
    pending TEXT,
    pending_at BIGINT,
    enabled_at BIGINT,
    last_step BIGINT NOT NULL DEFAULT 0,
    CHECK ((contact_id IS NULL) <> (worker_id IS NULL))
);
CREATE UNIQUE INDEX holder_two_factor_contact ON holder_two_factor (contact_id);
CREATE UNIQUE INDEX holder_two_factor_worker ON holder_two_factor (worker_id);

-- One-time recovery codes (SHA-256), and when each was used.
CREATE TABLE holder_two_factor_recovery (
    id INTEGER PRIMARY KEY,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE,
    worker_id BIGINT REFERENCES workers (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    CHECK ((contact_id IS NULL) <> (worker_id IS NULL))
);
CREATE INDEX holder_two_factor_recovery_contact ON holder_two_factor_recovery (contact_id);
CREATE INDEX holder_two_factor_recovery_worker ON holder_two_factor_recovery (worker_id);

-- The portal's and the worker pages' log-in between the password and the code ('code' or
-- 'enrol'); the cookie holds the token, this its SHA-256. Grants nothing but the second step.
CREATE TABLE holder_login_challenges (
    token_hash TEXT NOT NULL PRIMARY KEY,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE,
    worker_id BIGINT REFERENCES workers (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    next_path TEXT NOT NULL DEFAULT '',
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    CHECK ((contact_id IS NULL) <> (worker_id IS NULL))
);
CREATE INDEX holder_login_challenges_contact ON holder_login_challenges (contact_id);
CREATE INDEX holder_login_challenges_worker ON holder_login_challenges (worker_id);

-- 1 = portal contacts with the right to approve timesheets or sign documents must use
-- two-factor log-in (they enrol at their next log-in).
ALTER TABLE session_settings ADD COLUMN two_factor_approvers INTEGER NOT NULL DEFAULT 0
    CHECK (two_factor_approvers IN (0, 1));
