-- Sessions one can see and end, time-outs, and the security log (issue 18, decision 0050).
-- Keep in step with ../postgres/0038_sessions_security_log.sql; tests compare the two schemas.

-- When the session was last used (the idle time-out counts from here), and where from: the
-- browser's User-Agent (cut to 300 characters) and the client's address, for the list of one's
-- own sessions. `handle` names a session in that list without showing its token's hash.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN handle TEXT;
UPDATE sessions SET last_seen_at = created_at, handle = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX sessions_handle ON sessions (handle);

-- One row: the firm's session time-outs (staff, portal contacts and workers alike).
CREATE TABLE session_settings (
    id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    idle_minutes BIGINT NOT NULL DEFAULT 480,
    absolute_hours BIGINT NOT NULL DEFAULT 168,
    updated_at BIGINT NOT NULL
);
INSERT INTO session_settings (id, idle_minutes, absolute_hours, updated_at) VALUES (1, 480, 168, 0);

-- Log-ins, failures, log-outs, time-outs, role and password changes, API tokens: who (a staff
-- user, a portal contact or a worker), who did it when someone else did (an admin: actor_id),
-- the log-in name as typed for a failure, the address, and a short detail. Never a password.
CREATE TABLE security_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    worker_id BIGINT REFERENCES workers (id) ON DELETE SET NULL,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    login TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX security_log_at ON security_log (at);
CREATE INDEX security_log_user ON security_log (user_id, at);
CREATE INDEX security_log_kind ON security_log (kind, at);
