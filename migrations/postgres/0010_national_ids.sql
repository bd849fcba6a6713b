-- Workers' national identity numbers (fødselsnummer or D-number), needed for payroll (the
-- a-melding). Keep in step with ../sqlite/0010_national_ids.sql. See docs/decisions/0013.
-- The number itself is sealed (AES-256-GCM under the firm's data key, bound to the worker's id):
-- 'v1:' + base64(nonce, ciphertext, tag). Its kind and last two digits are kept in the clear for
-- the masked view.
ALTER TABLE workers ADD COLUMN national_id_sealed TEXT;
ALTER TABLE workers ADD COLUMN national_id_kind TEXT CHECK (national_id_kind IN ('fnr', 'd_number'));
ALTER TABLE workers ADD COLUMN national_id_last2 TEXT;
