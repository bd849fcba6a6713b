-- Invoices and credit notes (part 8, issue 14; decision 0024). Keep in step with
-- ../postgres/0017_invoices.sql.
-- Gap-free numbers per kind: a number is taken by `UPDATE … SET next_number = next_number + 1
-- … RETURNING` inside the issuing transaction, so a rolled-back issue gives its number back.
CREATE TABLE number_series (
    kind TEXT NOT NULL PRIMARY KEY CHECK (kind IN ('invoice', 'credit_note')),
    next_number BIGINT NOT NULL CHECK (next_number >= 1)
);
INSERT INTO number_series (kind, next_number) VALUES ('invoice', 1);
INSERT INTO number_series (kind, next_number) VALUES ('credit_note', 1);

-- An invoice or a credit note. A draft has no number, dates, KID, buyer snapshot or totals; they
-- are set once, when it is issued, and an issued row is never changed again (every write's
-- UPDATE has `status = 'draft'` in its WHERE). A credit note is issued when it is made.
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
    number BIGINT,
    issue_date TEXT,
    due_date TEXT,
    kid TEXT,
    currency TEXT NOT NULL DEFAULT 'NOK',
    buyer_name TEXT,
    buyer_org_number TEXT,
    buyer_street TEXT,
    buyer_additional_street TEXT,
    buyer_postal_code TEXT,
    buyer_city TEXT,
    buyer_country TEXT,
    buyer_email TEXT,
    buyer_peppol_id TEXT,
    buyer_reference TEXT,
    order_reference TEXT,
    line_net_ore BIGINT,
    vat_ore BIGINT,
    total_ore BIGINT,
    payable_ore BIGINT,
    credited_invoice_id BIGINT REFERENCES invoices (id),
    reason TEXT,
    created_by BIGINT REFERENCES users (id),
    issued_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    issued_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX invoices_number ON invoices (kind, number);
CREATE INDEX invoices_customer ON invoices (customer_id, status);
CREATE INDEX invoices_credited ON invoices (credited_invoice_id);

-- A line: quantity in thousandths, unit price in øre (never negative; a credit note's lines have
-- the credited line's quantity negated), VAT category and rate as `money::vat` takes them, the
-- net amount rounded once per line. `credited_line_id` is unique: a line is credited once.
CREATE TABLE invoice_lines (
    id INTEGER PRIMARY KEY,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    description TEXT NOT NULL,
    quantity_milli BIGINT NOT NULL,
    unit_code TEXT NOT NULL,
    unit_price_ore BIGINT NOT NULL CHECK (unit_price_ore >= 0),
    vat_category TEXT NOT NULL CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'O')),
    vat_rate_bp BIGINT NOT NULL,
    exemption_reason TEXT,
    line_net_ore BIGINT NOT NULL,
    timesheet_id BIGINT REFERENCES timesheets (id),
    credited_line_id BIGINT REFERENCES invoice_lines (id)
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);
CREATE UNIQUE INDEX invoice_lines_credited ON invoice_lines (credited_line_id);
