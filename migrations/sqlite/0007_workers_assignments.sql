-- Workers and assignments (part 7, first half). Keep in step with ../postgres/0007_workers_assignments.sql.
-- Dates without a time of day are ISO text
-- ('YYYY-MM-DD', so text order is date order); money is in øre; shares in basis points.

-- Workers and candidates: the people the agency hires out.
CREATE TABLE workers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    mobile TEXT,
    street TEXT,
    postal_code TEXT,
    city TEXT,
    employee_number TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('candidate', 'employee', 'former')),
    preferred_places TEXT,
    -- City and preferred places as one lower-case text, for the place filter.
    place_text TEXT NOT NULL DEFAULT '',
    available_from TEXT,
    -- A Norwegian account number (11 digits) or an IBAN, with its BIC for a foreign one.
    bank_account TEXT,
    bic TEXT,
    -- Needs a residence permit to work in Norway (not a Norwegian, EEA or Swiss citizen).
    needs_work_permit INTEGER NOT NULL DEFAULT 0 CHECK (needs_work_permit IN (0, 1)),
    responsible_id BIGINT REFERENCES users (id),
    department_id BIGINT REFERENCES departments (id),
    search_text TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- Set when the worker's personal data was erased (GDPR) and only what the law keeps is left.
    erased_at BIGINT
);
CREATE INDEX workers_sort_name ON workers (sort_name);
CREATE INDEX workers_status ON workers (status, sort_name);
CREATE INDEX workers_responsible ON workers (responsible_id, sort_name);
-- Backend-specific: substring search (PostgreSQL uses a pg_trgm GIN index instead).
CREATE VIRTUAL TABLE workers_fts USING fts5 (
    search_text,
    content = 'workers',
    content_rowid = 'id',
    tokenize = 'trigram'
);
CREATE TRIGGER workers_fts_insert AFTER INSERT ON workers BEGIN
    INSERT INTO workers_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER workers_fts_delete AFTER DELETE ON workers BEGIN
    INSERT INTO workers_fts (workers_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER workers_fts_update AFTER UPDATE OF search_text ON workers BEGIN
    INSERT INTO workers_fts (workers_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO workers_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- Skills as typed, with a key (lower-case, as the customer list sorts) for the filter.
CREATE TABLE worker_skills (
    worker_id BIGINT NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    skill_key TEXT NOT NULL,
    skill TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (worker_id, skill_key)
);
CREATE INDEX worker_skills_key ON worker_skills (skill_key, worker_id);
-- The skill filter counts workers per skill and shows each skill as typed
-- (`workers::store::all_skills`): with the name in the index that is an index-only scan on
-- SQLite (10 ms → 2.5 ms at 20,000 workers; benches/assignments.rs).
CREATE INDEX worker_skills_names ON worker_skills (skill_key, skill);

-- Papers with a date that matters: HMS card, work permit, driving and truck licences.
CREATE TABLE worker_credentials (
    id INTEGER PRIMARY KEY,
    worker_id BIGINT NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('hms_card', 'work_permit', 'driving_licence', 'truck_licence', 'other')),
    reference TEXT,
    -- For a work permit: its basis (e.g. skilled worker, family).
    note TEXT,
    valid_until TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX worker_credentials_worker ON worker_credentials (worker_id, kind);
CREATE INDEX worker_credentials_expiry ON worker_credentials (valid_until);

-- The hirer's pay and working terms for a position (the equal treatment rule, § 14-12 a),
-- entered by staff or by the customer's contact, confirmed again after each wage settlement.
CREATE TABLE equal_terms (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position TEXT NOT NULL,
    pay_ore BIGINT NOT NULL,
    terms TEXT,
    confirmed_on TEXT NOT NULL,
    confirmed_by_user_id BIGINT REFERENCES users (id),
    confirmed_by_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX equal_terms_customer ON equal_terms (customer_id, position);

CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    worker_id BIGINT NOT NULL REFERENCES workers (id),
    title TEXT NOT NULL,
    styrk_code TEXT,
    workplace_street TEXT,
    workplace_postal_code TEXT,
    workplace_city TEXT,
    workplace_county_no TEXT,
    building_site INTEGER NOT NULL DEFAULT 0 CHECK (building_site IN (0, 1)),
    consultant_id BIGINT REFERENCES users (id),
    approver_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    second_approver_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    hours_per_week_minutes BIGINT NOT NULL,
    -- The standard week as JSON: seven entries, Monday first, null or {start, end, break_minutes}.
    standard_week TEXT NOT NULL,
    bill_rate_ore BIGINT NOT NULL,
    pay_rate_ore BIGINT NOT NULL,
    -- Overtime classes as JSON: [{percent, bill_ore, pay_ore}].
    overtime TEXT NOT NULL DEFAULT '[]',
    -- Allowances as JSON (time windows, after N hours, per unit; pay or expense).
    allowances TEXT NOT NULL DEFAULT '[]',
    legal_basis TEXT CHECK (legal_basis IN ('temporary_work', 'substitute', 'agreement')),
    legal_basis_text TEXT,
    equal_terms_id BIGINT REFERENCES equal_terms (id) ON DELETE SET NULL,
    purchase_order TEXT,
    invoice_grouping TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'ended', 'cancelled')),
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX assignments_customer ON assignments (customer_id, status, from_date);
CREATE INDEX assignments_worker ON assignments (worker_id, from_date);
CREATE INDEX assignments_status ON assignments (status, customer_id);

-- Firm-wide settings (one row): the cost of employment on top of pay (for the margin), the
-- margin floor, and the hiring rules an admin may change.
CREATE TABLE assignment_settings (
    id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    holiday_pay_bp BIGINT NOT NULL,
    employer_contribution_bp BIGINT NOT NULL,
    pension_bp BIGINT NOT NULL,
    insurance_bp BIGINT NOT NULL,
    margin_floor_bp BIGINT NOT NULL,
    -- Counties (two-digit numbers, comma-separated) where hiring for construction work on
    -- building sites is banned.
    building_site_ban_counties TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO assignment_settings (id, holiday_pay_bp, employer_contribution_bp, pension_bp,
    insurance_bp, margin_floor_bp, building_site_ban_counties, updated_at)
VALUES (1, 1200, 1410, 200, 100, 1500, '03,31,32,33,39', 0);
