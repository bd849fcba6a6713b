-- Documents (part 4): categories, documents with their versions, and signing orders with their
-- signers and history. Keep in step with ../postgres/0005_documents.sql.

-- Categories: the built-in ones (key set, name translated unless renamed) and the firm's own.
CREATE TABLE document_categories (
    id INTEGER PRIMARY KEY,
    key TEXT UNIQUE,
    name TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO document_categories (key, position, created_at, updated_at) VALUES
    ('offer', 1, 0, 0),
    ('contract', 2, 0, 0),
    ('logo', 3, 0, 0),
    ('price_agreement', 4, 0, 0),
    ('other', 5, 0, 0);

-- A document is what the list shows; its file is its latest version. Deleting sets `deleted_at`
-- (the bin); only an admin restores. `search_name` is the title in lower case.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES document_categories (id),
    title TEXT NOT NULL,
    search_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    valid_until TEXT,
    shared_with_customer INTEGER NOT NULL DEFAULT 0 CHECK (shared_with_customer IN (0, 1)),
    current_version_id BIGINT,
    version_count BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT,
    deleted_by BIGINT REFERENCES users (id)
);
CREATE INDEX documents_customer ON documents (customer_id, updated_at);

-- Every file ever uploaded for a document; never changed once written. `storage_key` is the
-- object store path. A signed copy is a version with `signature_order_id` set.
CREATE TABLE document_versions (
    id INTEGER PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version_no BIGINT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users (id),
    uploaded_at BIGINT NOT NULL,
    signature_order_id BIGINT,
    UNIQUE (document_id, version_no)
);

-- A document version sent for signing. `method` is `idura` (BankID through the broker) or
-- `simple` (the built-in simple electronic signature). `provider_order_id` is the broker's id.
CREATE TABLE signature_orders (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    document_version_id BIGINT NOT NULL REFERENCES document_versions (id),
    method TEXT NOT NULL CHECK (method IN ('idura', 'simple')),
    status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'rejected', 'expired', 'cancelled', 'failed')),
    status_reason TEXT,
    title TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    provider_order_id TEXT UNIQUE,
    expires_at BIGINT NOT NULL,
    signed_version_id BIGINT REFERENCES document_versions (id),
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX signature_orders_customer ON signature_orders (customer_id, created_at);
CREATE INDEX signature_orders_document ON signature_orders (document_id);

-- One person asked to sign: a contact of the customer or someone at the agency. For the simple
-- signature `token_hash` keys the one-time link and `code_hash` the emailed code; the evidence
-- (time, IP, user agent, SHA-256 of the exact bytes shown) is kept on the row once signed.
CREATE TABLE signature_signers (
    id INTEGER PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES signature_orders (id) ON DELETE CASCADE,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    user_id BIGINT REFERENCES users (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    mobile TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'opened', 'signed', 'rejected')),
    status_reason TEXT,
    provider_signatory_id TEXT UNIQUE,
    sign_url TEXT,
    token_hash TEXT UNIQUE,
    code_hash TEXT,
    code_expires_at BIGINT,
    code_attempts BIGINT NOT NULL DEFAULT 0,
    -- after the code is confirmed: the hash of the signer's browser cookie, and until when
    verified_hash TEXT,
    verified_until BIGINT,
    opened_at BIGINT,
    signed_at BIGINT,
    signed_ip TEXT,
    signed_user_agent TEXT,
    signed_sha256 TEXT,
    reminders BIGINT NOT NULL DEFAULT 0,
    last_reminded_at BIGINT
);
CREATE INDEX signature_signers_order ON signature_signers (order_id, position);
CREATE INDEX signature_signers_contact ON signature_signers (contact_id, status);

-- The order's timeline. A broker webhook is recorded under its `event_key` (event, order,
-- signatory), so the same event delivered twice is recognised and changes nothing.
CREATE TABLE signature_events (
    id INTEGER PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES signature_orders (id) ON DELETE CASCADE,
    signer_id BIGINT REFERENCES signature_signers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    detail TEXT,
    event_key TEXT UNIQUE,
    user_id BIGINT REFERENCES users (id),
    at BIGINT NOT NULL
);
CREATE INDEX signature_events_order ON signature_events (order_id, at);
