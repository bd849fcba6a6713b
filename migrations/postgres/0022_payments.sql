-- Payments against issued invoices (issue 14; decision 0029): registered by hand or read from a
-- bank's file (Nets OCR giro, camt.054), matched on KID. Keep in step with
-- ../sqlite/0022_payments.sql. A matched payment's amount is also added to
-- invoice_state.paid_ore in the same transaction (invoices::state::add_paid), so lists read the
-- status without summing payments.

-- An imported file: its SHA-256 refuses the same file twice.
CREATE TABLE payment_imports (
    id BIGSERIAL PRIMARY KEY,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('ocr', 'camt054')),
    sha256 TEXT NOT NULL,
    matched_count BIGINT NOT NULL,
    unmatched_count BIGINT NOT NULL,
    reversal_count BIGINT NOT NULL,
    total_ore BIGINT NOT NULL,
    imported_by BIGINT REFERENCES users (id),
    imported_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX payment_imports_sha256 ON payment_imports (sha256);

-- One payment (øre; negative for a reversal). invoice_id is set once it is matched; an unmatched
-- line waits for a person, who matches it or marks it ignored.
CREATE TABLE payments (
    id BIGSERIAL PRIMARY KEY,
    invoice_id BIGINT REFERENCES invoices (id),
    amount_ore BIGINT NOT NULL,
    paid_on TEXT NOT NULL,
    kid TEXT,
    payer TEXT,
    reference TEXT,
    note TEXT,
    source TEXT NOT NULL CHECK (source IN ('manual', 'ocr', 'camt054')),
    import_id BIGINT REFERENCES payment_imports (id),
    -- The file's record number (OCR) or entry number (camt.054) the payment came from.
    line_number BIGINT,
    status TEXT NOT NULL CHECK (status IN ('matched', 'unmatched', 'ignored')),
    registered_by BIGINT REFERENCES users (id),
    matched_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX payments_invoice ON payments (invoice_id);
CREATE INDEX payments_status ON payments (status, paid_on);
CREATE INDEX payments_paid_on ON payments (paid_on);
-- Matching a bank's payment on its KID.
CREATE INDEX invoices_kid ON invoices (kid);
