-- The invoice run at scale (issue 14; decision 0034): a run of drafts, or of issuing a run's
-- drafts, worked by a background job, with the progress the page polls and the result per
-- customer and per invoice. Keep in step with ../postgres/0026_invoice_runs.sql.

-- One run: who started it, the period and the scope ('firm', 'department' with scope_id the
-- department, 'customer' with scope_id the customer), the phase now ('drafts' while the drafts
-- are made, 'issue' while they are issued), its state ('queued', 'running', 'done', 'failed')
-- and the phase's counts: total (customers for drafts, invoices for issue), done and failed.
-- made/issued count the invoices made and issued so far; net_ore is the drafts' sum; issued_by
-- is who asked for the drafts to be issued (the issuer on each invoice).
CREATE TABLE invoice_runs (
    id INTEGER PRIMARY KEY,
    created_by BIGINT NOT NULL REFERENCES users (id),
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('firm', 'department', 'customer')),
    scope_id BIGINT,
    phase TEXT NOT NULL CHECK (phase IN ('drafts', 'issue')),
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    total BIGINT NOT NULL DEFAULT 0,
    done BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0,
    made BIGINT NOT NULL DEFAULT 0,
    issued BIGINT NOT NULL DEFAULT 0,
    net_ore BIGINT NOT NULL DEFAULT 0,
    issued_by BIGINT REFERENCES users (id),
    error TEXT,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
);
CREATE INDEX invoice_runs_created ON invoice_runs (created_at);

-- A customer of a run's drafts phase: 'waiting', 'done', 'blocked' (red problems) or 'failed'
-- with the message key saying why.
CREATE TABLE invoice_run_customers (
    run_id BIGINT NOT NULL REFERENCES invoice_runs (id) ON DELETE CASCADE,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    state TEXT NOT NULL CHECK (state IN ('waiting', 'done', 'blocked', 'failed')),
    reason TEXT,
    PRIMARY KEY (run_id, customer_id)
);

-- A draft the run made, and what issuing it did: 'draft', 'issued' or 'failed' with the reason
-- (a message key, or the field errors' keys). No foreign key to invoices: a draft deleted by
-- hand leaves the row, and issuing skips it.
CREATE TABLE invoice_run_invoices (
    run_id BIGINT NOT NULL REFERENCES invoice_runs (id) ON DELETE CASCADE,
    invoice_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    lines BIGINT NOT NULL,
    net_ore BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'issued', 'failed')),
    reason TEXT,
    PRIMARY KEY (run_id, invoice_id)
);
CREATE INDEX invoice_run_invoices_invoice ON invoice_run_invoices (invoice_id);
