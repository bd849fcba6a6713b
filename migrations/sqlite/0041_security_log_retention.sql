-- The security log's retention and its bound on failed log-ins by unknown names (issue 18,
-- decision 0056). Keep in step with ../postgres/0041_security_log_retention.sql; tests compare
-- the two schemas.

-- How many days security log rows are kept; a daily job deletes older ones.
ALTER TABLE session_settings ADD COLUMN security_log_days BIGINT NOT NULL DEFAULT 400;

-- How many times the event happened: failed log-ins that name nobody, from one address at one
-- door within an hour, are one row counting them instead of a row each.
ALTER TABLE security_log ADD COLUMN repeats BIGINT NOT NULL DEFAULT 1;
