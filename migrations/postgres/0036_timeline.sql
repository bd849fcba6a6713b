-- The card's timeline (issue 16, decision 0045): one page of each kind of event is one indexed
-- query limited to the page size, read newest first by (time, id).

-- Signing events carry their order's customer, so a customer's events are read from one index
-- instead of joining every order of the customer and sorting.
ALTER TABLE signature_events ADD COLUMN customer_id BIGINT REFERENCES customers (id) ON DELETE CASCADE;
UPDATE signature_events SET customer_id =
    (SELECT o.customer_id FROM signature_orders o WHERE o.id = signature_events.order_id);
CREATE INDEX signature_events_timeline ON signature_events (customer_id, at, id);

CREATE INDEX activities_timeline ON activities (customer_id, starts_at, id);
CREATE INDEX messages_timeline ON messages (customer_id, channel, created_at, id);
CREATE INDEX documents_timeline ON documents (customer_id, created_at, id);
-- Master data changes, portal log-ins, invoice events, assignments, vacancies and recruitments
-- are rows of the card's history, read per entity.
CREATE INDEX audit_log_timeline ON audit_log (customer_id, entity, at, id);
