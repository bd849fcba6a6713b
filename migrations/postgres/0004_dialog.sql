-- The dialog (part 5): messages sent and received, their recipients, attachments and delivery
-- history, message templates; and the job table that is the outbox for every background task.
-- Keep in step with ../sqlite/0004_dialog.sql.

-- Background work. A row is written in the same transaction as the change that causes it and is
-- claimed by a worker with a lease (`locked_until`): a worker that dies leaves the row to be
-- claimed again once the lease runs out. `done_at` / `failed_at` end a job.
CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    last_error TEXT,
    locked_until BIGINT,
    locked_by TEXT,
    done_at BIGINT,
    failed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE done_at IS NULL AND failed_at IS NULL;

-- One row per email or SMS, outgoing or incoming. `uid` is stable across retries: it is the
-- email's Message-ID and the SMS gateway's reference, so a receiver can drop a repeat.
CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    customer_id BIGINT REFERENCES customers (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    from_address TEXT NOT NULL,
    to_display TEXT NOT NULL,
    cc_display TEXT NOT NULL DEFAULT '',
    reply_to TEXT,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    -- subject and body in lower case, for the dialog's text filter
    search_text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed', 'received')),
    status_reason TEXT,
    provider_id TEXT,
    user_id BIGINT REFERENCES users (id),
    template_id BIGINT,
    bulk_id TEXT,
    sms_parts BIGINT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX messages_customer ON messages (customer_id, created_at, id);
-- Who wrote to the customer (the tab's consultant filter and its list of names): one probe per user.
CREATE INDEX messages_customer_user ON messages (customer_id, user_id, created_at, id);
CREATE INDEX messages_created ON messages (created_at, id);
CREATE INDEX messages_user ON messages (user_id, created_at);
CREATE INDEX messages_provider ON messages (channel, provider_id);
-- Backend-specific: the text filter (`search_text LIKE '%…%'`) uses a pg_trgm GIN index, so a
-- rare word does not read every message of the customer. SQLite scans the customer's messages
-- through messages_customer (about 50 ms for 50,000; see benches/README.md).
CREATE INDEX messages_search ON messages USING GIN (search_text gin_trgm_ops);

-- Who a message went to (or came from): the contact when known, and the address used.
CREATE TABLE message_recipients (
    id BIGSERIAL PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('to', 'cc', 'from')),
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    name TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL
);
CREATE INDEX message_recipients_message ON message_recipients (message_id);
CREATE INDEX message_recipients_contact ON message_recipients (contact_id, message_id);

-- Files sent with an email: always a version of one of the customer's documents (a file uploaded
-- while writing becomes a document first). Name, type and size are copied as they were sent.
CREATE TABLE message_attachments (
    id BIGSERIAL PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    document_version_id BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL
);
CREATE INDEX message_attachments_message ON message_attachments (message_id);

-- The delivery history: queued, each attempt's failure, sent, delivery reports.
CREATE TABLE message_events (
    id BIGSERIAL PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX message_events_message ON message_events (message_id, at);

-- Templates with merge fields; `owner_id` NULL means the firm's (kept by admins).
CREATE TABLE message_templates (
    id BIGSERIAL PRIMARY KEY,
    owner_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    name TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX message_templates_owner ON message_templates (owner_id);

-- Incoming SMS are matched to contacts by their mobile number.
CREATE INDEX contacts_mobile ON contacts (mobile);

-- The sender's signature, for the {sender_signature} merge field.
ALTER TABLE users ADD COLUMN signature TEXT NOT NULL DEFAULT '';
