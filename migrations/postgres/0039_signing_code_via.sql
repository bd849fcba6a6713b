-- Which channel carried a simple-signature signer's newest one-time code (decision 0049):
-- 'email' or 'sms'. Set when the code is made (at delivery), so a confirmed code records the
-- channel it really came by ('email_code' or 'sms_code' in verified_via).
ALTER TABLE signature_signers ADD COLUMN code_via TEXT;
