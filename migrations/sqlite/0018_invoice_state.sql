-- What happens to an issued invoice or credit note after it is issued (issue 14; decision 0024):
-- its delivery, the payments and credits against it. Keep in step with
-- ../postgres/0018_invoice_state.sql. The invoices row itself never changes once issued; this row
-- is made in the issuing transaction and kept by delivery, payments and credit notes, so the
-- firm-wide list reads a status without summing payments and credit notes for 200,000 invoices.
-- `invoices::state` derives the status shown (issued, sent, partly paid, paid, overdue,
-- credited) from it and the due date.
CREATE TABLE invoice_state (
    invoice_id BIGINT NOT NULL PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
    -- How it goes to the buyer, chosen at issue from the customer's invoice settings.
    delivery_method TEXT NOT NULL CHECK (delivery_method IN ('ehf', 'email', 'paper')),
    delivery_status TEXT NOT NULL DEFAULT 'pending'
        CHECK (delivery_status IN ('pending', 'sent', 'failed')),
    delivered_at BIGINT,
    -- The transport's message id or the failure, for the person who looks.
    delivery_detail TEXT,
    -- Sum of registered payments (øre), and the last payment's date.
    paid_ore BIGINT NOT NULL DEFAULT 0,
    last_paid_on TEXT,
    -- Sum of credit notes against it (øre, positive; an invoice's total minus this minus
    -- paid_ore is what is still owed).
    credited_ore BIGINT NOT NULL DEFAULT 0,
    -- When the payment reminder went out.
    reminded_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX invoice_state_delivery ON invoice_state (delivery_status);
