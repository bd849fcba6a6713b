-- Two-factor log-in for staff with TOTP and recovery codes (issue 18, decision 0054).
-- Keep in step with ../sqlite/0040_two_factor.sql; tests compare the two schemas.

-- A staff user's authenticator key: `secret` the one in use (NULL until a code confirmed it),
-- `pending` a new one shown for enrolment and not yet confirmed. Both sealed with the firm's
-- data key (vault), bound to the user. `last_step` is the 30-second step of the last code
-- accepted: a code is taken only for a later step, so a used code cannot be used again.
CREATE TABLE user_two_factor (
    user_id BIGINT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret TEXT,
    pending TEXT,
    pending_at BIGINT,
    enabled_at BIGINT,
    last_step BIGINT NOT NULL DEFAULT 0
);

-- One-time recovery codes: SHA-256 of the code, and when it was used.
CREATE TABLE two_factor_recovery (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at BIGINT
);
CREATE INDEX two_factor_recovery_user ON two_factor_recovery (user_id);

-- Half logged in: the password was right, the second step is still to come. The cookie holds
-- a random token (SHA-256 here); this grants nothing but the second step. `purpose` is
-- 'code' (ask for a code) or 'enrol' (2FA is required and must be set up first).
CREATE TABLE login_challenges (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    next_path TEXT NOT NULL DEFAULT '',
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX login_challenges_user ON login_challenges (user_id);

-- The roles that must use two-factor log-in (comma-separated codes: admin,manager,consultant).
ALTER TABLE session_settings ADD COLUMN two_factor_roles TEXT NOT NULL DEFAULT '';

-- When the session's holder last typed the password again (re-authentication before a sensitive
-- change); 0 = only at the log-in (`created_at`).
ALTER TABLE sessions ADD COLUMN authenticated_at BIGINT NOT NULL DEFAULT 0;
