-- Recruitments (issue 15, "Recruitments" and "Candidates' privacy"; decision 0038): a permanent
-- placement for a customer that the agency is paid a fee for, its candidates on a pipeline
-- board, the firm's retention setting for candidates, and the workers' consent to be kept.
-- Keep in step with ../sqlite/0030_recruitments.sql.

CREATE TABLE recruitments (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- The position to fill.
    title TEXT NOT NULL,
    -- STYRK-08 occupation code, four digits.
    styrk_code TEXT,
    description TEXT,
    -- The fee: a fixed amount (fee_ore) or a share (fee_percent_bp, basis points) of the agreed
    -- annual salary (annual_salary_ore).
    fee_kind TEXT NOT NULL CHECK (fee_kind IN ('fixed', 'percent')),
    fee_ore BIGINT,
    fee_percent_bp BIGINT,
    annual_salary_ore BIGINT,
    -- The guarantee: months from the start date; what the agency owes if the person leaves
    -- within it (a replacement search, or a credit of guarantee_credit_bp of the fee).
    guarantee_months BIGINT NOT NULL DEFAULT 0,
    guarantee_consequence TEXT NOT NULL CHECK (guarantee_consequence IN ('replacement', 'partial_credit')),
    guarantee_credit_bp BIGINT,
    -- The customer's contact and the responsible consultant.
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    consultant_id BIGINT REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'hired', 'reopened', 'cancelled', 'closed')),
    -- The placement: who was hired, when it was recorded, when they start, when they left.
    hired_worker_id BIGINT REFERENCES workers (id) ON DELETE SET NULL,
    hired_at BIGINT,
    start_date TEXT,
    left_at TEXT,
    -- The draft invoice with the fee (one per recruitment).
    fee_invoice_id BIGINT REFERENCES invoices (id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX recruitments_customer ON recruitments (customer_id, status);
CREATE INDEX recruitments_status ON recruitments (status, created_at);

CREATE TABLE recruitment_candidates (
    id BIGSERIAL PRIMARY KEY,
    recruitment_id BIGINT NOT NULL REFERENCES recruitments (id) ON DELETE CASCADE,
    worker_id BIGINT NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('new', 'screening', 'interview', 'shortlist', 'offer', 'hired', 'rejected')),
    -- The order within the stage's column (0 first).
    position BIGINT NOT NULL DEFAULT 0,
    -- Shown to the customer (the shortlist), only with the candidate's consent to be presented
    -- to this customer (consent_at).
    shared_with_customer INTEGER NOT NULL DEFAULT 0 CHECK (shared_with_customer IN (0, 1)),
    consent_at BIGINT,
    -- The last interview booked in the diary.
    interview_activity_id BIGINT REFERENCES activities (id) ON DELETE SET NULL,
    added_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (recruitment_id, worker_id)
);
CREATE INDEX recruitment_candidates_worker ON recruitment_candidates (worker_id);

-- One row: how long candidates who were never hired are kept before they are anonymised.
CREATE TABLE recruitment_settings (
    id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    candidate_retention_months BIGINT NOT NULL DEFAULT 6,
    updated_at BIGINT NOT NULL
);
INSERT INTO recruitment_settings (id, candidate_retention_months, updated_at) VALUES (1, 6, 0);

-- The worker consented to be kept beyond the retention period (when: keep_consent_at).
ALTER TABLE workers ADD COLUMN keep_consent INTEGER NOT NULL DEFAULT 0 CHECK (keep_consent IN (0, 1));
ALTER TABLE workers ADD COLUMN keep_consent_at BIGINT;
