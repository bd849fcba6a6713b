-- The customer card's overview (part 2), contacts (part 3) and the customer portal's front door.
-- Keep in step with ../postgres/0002_card_contacts_portal.sql.

CREATE TABLE invoice_settings (
    customer_id BIGINT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    invoice_email TEXT,
    ehf_enabled INTEGER NOT NULL DEFAULT 0 CHECK (ehf_enabled IN (0, 1)),
    peppol_id TEXT,
    payment_terms_days BIGINT NOT NULL DEFAULT 14,
    invoice_street TEXT,
    invoice_postal_code TEXT,
    invoice_city TEXT,
    po_required INTEGER NOT NULL DEFAULT 0 CHECK (po_required IN (0, 1)),
    our_reference TEXT,
    delivery_method TEXT NOT NULL DEFAULT 'email' CHECK (delivery_method IN ('ehf', 'email', 'paper')),
    version BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL
);

CREATE TABLE customer_comments (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    position BIGINT NOT NULL,
    author_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX customer_comments_customer ON customer_comments (customer_id, position);

-- 'firm' for the firm's default, 'user:<id>' for a user's own arrangement.
CREATE TABLE card_layouts (
    scope TEXT PRIMARY KEY,
    boxes TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE positions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    position TEXT,
    department TEXT,
    email TEXT,
    mobile TEXT,
    phone TEXT,
    is_main INTEGER NOT NULL DEFAULT 0 CHECK (is_main IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    notes TEXT,
    search_text TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    anonymised_at BIGINT
);
CREATE INDEX contacts_customer ON contacts (customer_id, sort_name);
CREATE UNIQUE INDEX contacts_one_main ON contacts (customer_id) WHERE is_main = 1;

-- Backend-specific: substring search over contacts (PostgreSQL uses a pg_trgm GIN index).
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
    search_text,
    content = 'contacts',
    content_rowid = 'id',
    tokenize = 'trigram'
);
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_text ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO contacts_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE portal_presets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    rights TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A contact's access to the customer portal. `rights` is a comma-separated set.
CREATE TABLE portal_accounts (
    contact_id BIGINT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    login_email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    rights TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_login_at BIGINT
);

-- One-time links (portal invitations now; password resets and signing later).
CREATE TABLE one_time_links (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Portal sessions are sessions with a contact instead of a user.
ALTER TABLE sessions ADD COLUMN contact_id BIGINT REFERENCES contacts (id) ON DELETE CASCADE;
CREATE INDEX sessions_contact ON sessions (contact_id);
