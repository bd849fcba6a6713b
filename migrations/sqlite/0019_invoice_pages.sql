-- The invoice pages (issue 14; decision 0026). Keep in step with ../postgres/0019_invoice_pages.sql.
-- The price list: items a draft's line can be filled from (name, unit, unit price, VAT), kept by
-- admins on /admin/invoice-items. A line copies the item's values; changing an item never
-- changes a line.
CREATE TABLE invoice_items (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    unit_price_ore BIGINT NOT NULL CHECK (unit_price_ore >= 0),
    vat_category TEXT NOT NULL CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'O')),
    vat_rate_bp BIGINT NOT NULL,
    exemption_reason TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX invoice_items_name ON invoice_items (name);

-- The firm-wide list at 200,000 invoices: a period (issue date), the search by number, KID or
-- amount, and the overdue filter (due date) each find their rows through an index. The KID's index
-- is invoices_kid (migration 0022); invoices_issue_date (0023) leads with the status, so a period
-- over all statuses has its own.
CREATE INDEX invoices_issue_date_any ON invoices (issue_date);
CREATE INDEX invoices_number_any ON invoices (number);
CREATE INDEX invoices_total ON invoices (total_ore);
CREATE INDEX invoices_due_date ON invoices (due_date);
