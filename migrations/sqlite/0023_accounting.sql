-- The accounting export (issue 14; decision 0030). Keep in step with
-- ../postgres/0023_accounting.sql.
-- The chart of accounts the journal entries use, one row per purpose: `receivable` (the
-- customers' sub-ledger account, NS 4102 1500 Kundefordringer), `bank` (for payments' entries,
-- not exported yet), and one row per VAT category and rate of the invoice lines (`S:2500`,
-- `S:1500`, `S:1200`, `Z`, `E`, `AE`, `O`) with its revenue account, its output VAT account (only
-- for `S`) and the SAF-T standard VAT code. An admin changes them at /accounting/settings.
CREATE TABLE accounting_accounts (
    purpose TEXT NOT NULL PRIMARY KEY,
    account TEXT NOT NULL,
    vat_account TEXT,
    vat_code TEXT,
    updated_at BIGINT NOT NULL
);
INSERT INTO accounting_accounts (purpose, account, vat_account, vat_code, updated_at) VALUES
    ('receivable', '1500', NULL, NULL, 0),
    ('bank', '1920', NULL, NULL, 0),
    ('S:2500', '3000', '2700', '3', 0),
    ('S:1500', '3000', '2701', '31', 0),
    ('S:1200', '3000', '2702', '33', 0),
    ('Z', '3100', NULL, '5', 0),
    ('E', '3200', NULL, '6', 0),
    ('AE', '3100', NULL, '51', 0),
    ('O', '3200', NULL, '6', 0);

-- One export: who took it, the period asked for (none: everything not exported before), whether
-- entries exported before were taken again, the format and how many entries it held.
CREATE TABLE accounting_exports (
    id INTEGER PRIMARY KEY,
    period_from TEXT,
    period_to TEXT,
    again BIGINT NOT NULL DEFAULT 0,
    format TEXT NOT NULL CHECK (format IN ('csv', 'json')),
    entries BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);

-- Which invoices and credit notes an export held, so the next "not exported" export leaves
-- them out (an invoice appears more than once only when exported again on purpose).
CREATE TABLE accounting_export_items (
    export_id BIGINT NOT NULL REFERENCES accounting_exports (id) ON DELETE CASCADE,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (export_id, invoice_id)
);
CREATE INDEX accounting_export_items_invoice ON accounting_export_items (invoice_id);
-- Exports by period, and the firm-wide invoice list by date.
CREATE INDEX invoices_issue_date ON invoices (status, issue_date);
