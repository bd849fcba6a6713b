-- Earlier invoices imported from a former system, and payments in the accounting export
-- (issue 14; decision 0033). Keep in step with ../postgres/0025_earlier_invoices.sql.

-- An import of earlier invoices: its CSV's SHA-256 refuses the same file twice.
CREATE TABLE earlier_imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    invoices BIGINT NOT NULL,
    total_ore BIGINT NOT NULL,
    imported_by BIGINT REFERENCES users (id),
    imported_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX earlier_imports_sha256 ON earlier_imports (sha256);

-- Where an invoice comes from: 'ours' (issued here, its number from number_series) or
-- 'earlier' (imported, issued and numbered by the former system; never in the series). The
-- numbers are unique per kind and origin, so the old system's 1045 and our 1045 can both exist.
ALTER TABLE invoices ADD COLUMN origin TEXT NOT NULL DEFAULT 'ours'
    CHECK (origin IN ('ours', 'earlier'));
-- The imported PDF (file store key, content-addressed by its SHA-256) and the import.
ALTER TABLE invoices ADD COLUMN earlier_pdf_key TEXT;
ALTER TABLE invoices ADD COLUMN earlier_import_id BIGINT REFERENCES earlier_imports (id);
DROP INDEX invoices_number;
CREATE UNIQUE INDEX invoices_number ON invoices (kind, origin, number);

-- Which payments an export held (payments' journal entries: debit bank, credit receivable), so
-- the next "not exported" export leaves them out, like accounting_export_items for invoices.
CREATE TABLE accounting_export_payments (
    export_id BIGINT NOT NULL REFERENCES accounting_exports (id) ON DELETE CASCADE,
    payment_id BIGINT NOT NULL REFERENCES payments (id),
    PRIMARY KEY (export_id, payment_id)
);
CREATE INDEX accounting_export_payments_payment ON accounting_export_payments (payment_id);
