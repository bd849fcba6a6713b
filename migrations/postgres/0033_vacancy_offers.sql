-- Rental offers (utleietilbud) made from a vacancy (issue 15, decision 0042). The PDF is a card
-- document (category `offer`); the offer records how it was sent and how it was answered.
CREATE TABLE vacancy_offers (
    id BIGSERIAL PRIMARY KEY,
    vacancy_id BIGINT NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    -- The offer's own version (the PDF made here); a signed copy becomes a later version.
    document_version_id BIGINT NOT NULL REFERENCES document_versions (id),
    -- `nb` or `en`: the language the PDF was written in.
    language TEXT NOT NULL CHECK (language IN ('nb', 'en')),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'expired')),
    -- `email` or `signing` once sent.
    sent_via TEXT CHECK (sent_via IN ('email', 'signing')),
    sent_at BIGINT,
    -- The email in the outbox (sent_via email).
    message_id BIGINT REFERENCES messages (id) ON DELETE SET NULL,
    -- The signing order (sent_via signing); its completion accepts the offer.
    signing_order_id BIGINT REFERENCES signature_orders (id) ON DELETE SET NULL,
    -- `YYYY-MM-DD`: the last day the customer can accept.
    valid_until TEXT NOT NULL,
    -- The answer: the day (`YYYY-MM-DD`), who answered, how (`signing`, or as typed by hand).
    answered_on TEXT,
    answered_by TEXT,
    answered_how TEXT,
    -- The user who recorded the answer by hand (none when the signing order did).
    recorded_by BIGINT REFERENCES users (id),
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX vacancy_offers_vacancy ON vacancy_offers (vacancy_id, created_at);
CREATE INDEX vacancy_offers_document ON vacancy_offers (document_id);
CREATE INDEX vacancy_offers_signing ON vacancy_offers (signing_order_id);
