-- The language of a customer's invoice PDF (decision 0027): bokmål by default, or English.
ALTER TABLE invoice_settings ADD COLUMN invoice_language TEXT NOT NULL DEFAULT 'nb'
    CHECK (invoice_language IN ('nb', 'en'));
