-- Workers' own pages (part 7): accounts, invitations, sessions, and messages logged on the
-- worker (decision 0012). Keep in step with ../sqlite/0008_worker_pages.sql.

-- A worker's log-in. The password is set from a one-time invitation link (decision 0009);
-- until then password_hash is NULL. login_email is the worker's email when invited.
CREATE TABLE worker_accounts (
    worker_id BIGINT NOT NULL PRIMARY KEY REFERENCES workers (id) ON DELETE CASCADE,
    login_email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    invited_by BIGINT REFERENCES users (id),
    invited_at BIGINT NOT NULL,
    accepted_at BIGINT,
    last_login_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Invitation links for workers: purpose 'worker_invite'.
ALTER TABLE one_time_links ADD COLUMN worker_id BIGINT REFERENCES workers (id) ON DELETE CASCADE;
CREATE INDEX one_time_links_worker ON one_time_links (worker_id);

-- Worker sessions are sessions with a worker instead of a user or a contact.
ALTER TABLE sessions ADD COLUMN worker_id BIGINT REFERENCES workers (id) ON DELETE CASCADE;
CREATE INDEX sessions_worker ON sessions (worker_id);

-- Email and SMS to a worker are logged on the worker (the worker page's Messages).
ALTER TABLE messages ADD COLUMN worker_id BIGINT REFERENCES workers (id) ON DELETE SET NULL;
CREATE INDEX messages_worker ON messages (worker_id, created_at, id);
