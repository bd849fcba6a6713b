-- Foundation: staff, sessions, customers (part 1) and the audit trail.
-- Keep in step with ../postgres/0001_foundation.sql; tests compare the two schemas.

CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'consultant')),
    department_id BIGINT REFERENCES departments (id),
    locale TEXT NOT NULL DEFAULT 'nb' CHECK (locale IN ('nb', 'en')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts (key, at);

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE industries (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    customer_number BIGINT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    org_number TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('potential', 'active', 'former')),
    owner_id BIGINT REFERENCES users (id),
    department_id BIGINT REFERENCES departments (id),
    industry_code TEXT,
    industry_text TEXT,
    visit_street TEXT,
    visit_postal_code TEXT,
    visit_city TEXT,
    postal_street TEXT,
    postal_postal_code TEXT,
    postal_city TEXT,
    municipality_no TEXT,
    county_no TEXT,
    email TEXT,
    phone TEXT,
    website TEXT,
    search_text TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX customers_sort_name ON customers (sort_name);
CREATE INDEX customers_status ON customers (status, sort_name);
CREATE INDEX customers_owner ON customers (owner_id, sort_name);
CREATE INDEX customers_department ON customers (department_id, sort_name);
CREATE INDEX customers_county ON customers (county_no, sort_name);
CREATE INDEX customers_municipality ON customers (municipality_no, sort_name);
CREATE INDEX customers_industry ON customers (industry_code);
CREATE INDEX customers_updated ON customers (updated_at);

-- Backend-specific: substring search (PostgreSQL uses a pg_trgm GIN index instead).
CREATE VIRTUAL TABLE customers_fts USING fts5 (
    search_text,
    content = 'customers',
    content_rowid = 'id',
    tokenize = 'trigram'
);
CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF search_text ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO customers_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT REFERENCES customers (id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    changes TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    at BIGINT NOT NULL
);
CREATE INDEX audit_log_customer ON audit_log (customer_id, id);
