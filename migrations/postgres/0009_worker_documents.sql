-- Documents on a worker (part 7): CVs, scans of HMS cards and permits, contracts. Keep in step
-- with ../sqlite/0009_worker_documents.sql. A table of its own rather than the customers'
-- `documents` (whose customer_id is NOT NULL); the files go to the same object store through
-- the same streamed upload (`crate::files`). See docs/decisions/0014-worker-documents.md.
CREATE TABLE worker_documents (
    id BIGSERIAL PRIMARY KEY,
    worker_id BIGINT NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('cv', 'hms_card', 'work_permit', 'licence', 'certificate', 'employment_contract', 'other')),
    title TEXT NOT NULL,
    -- The file as received: a safe name, its key in the object store, its sniffed type.
    file_name TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    valid_until TEXT,
    -- The paper (worker_credentials) this is the scan of, e.g. the HMS card.
    credential_id BIGINT REFERENCES worker_credentials (id) ON DELETE SET NULL,
    -- Listed on the worker's own pages.
    visible_to_worker INTEGER NOT NULL DEFAULT 0 CHECK (visible_to_worker IN (0, 1)),
    -- Set on what erasure keeps because the law requires it (e.g. the employment contract).
    retain_until TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX worker_documents_worker ON worker_documents (worker_id, created_at);
