-- Delivering an issued invoice or credit note by the customer's choice (issue 14; decision 0032):
-- EHF through the access point, email with the PDF through the outbox, or print. Keep in step
-- with ../postgres/0024_invoice_delivery.sql. invoice_state (0018) already holds the method, the
-- status (pending, sent, failed), when and the detail; these say which attempt is current.
-- The current attempt's key: a delivery job whose key is not this one was superseded (the
-- method was changed or the delivery started again) and does nothing. It is also the access
-- point's idempotency key, the same on every retry of one attempt.
ALTER TABLE invoice_state ADD COLUMN delivery_key TEXT;
-- The email (messages.id) an emailed invoice went out as; its status becomes the delivery's.
ALTER TABLE invoice_state ADD COLUMN delivery_message_id BIGINT;
-- The print list: issued documents to print, by method and status.
CREATE INDEX invoice_state_method ON invoice_state (delivery_method, delivery_status);
