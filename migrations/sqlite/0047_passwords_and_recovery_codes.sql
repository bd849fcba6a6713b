-- Recovery codes hashed with a salt; passwords changed at first use (issue 18, decision 0064).
-- Keep in step with ../postgres/0047_passwords_and_recovery_codes.sql; tests compare the two schemas.

-- How `code_hash` is made: 1 = argon2id with a salt of its own (a PHC string) over the SHA-256
-- hex of the code; 0 = that SHA-256 hex alone, as every row made before decision 0064 holds it
-- (and as a previous release still running beside this one writes it). The application salts
-- such rows once, without knowing the codes: at start (`auth::recovery_codes::salt_legacy`) and
-- before it checks a holder's codes.
ALTER TABLE two_factor_recovery ADD COLUMN salted INTEGER NOT NULL DEFAULT 0
    CHECK (salted IN (0, 1));
ALTER TABLE holder_two_factor_recovery ADD COLUMN salted INTEGER NOT NULL DEFAULT 0
    CHECK (salted IN (0, 1));

-- 1 = the password was set by someone else (an admin, or generated for the first admin): the user
-- chooses their own before any other staff page (decision 0064). Cleared by their own change.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1));
