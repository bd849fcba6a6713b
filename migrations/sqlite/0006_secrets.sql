-- Secrets meant for one person (signing links and codes, portal invitations) are stored only as
-- hashes and made when the message carrying them is delivered (decision 0009). Keep in step with
-- ../postgres/0006_secrets.sql.

-- Signing links of the simple signature live with the other one-time links: a signer may hold
-- several at once (the first email, a reminder, the portal's button), each valid until the order
-- closes (and 30 days after its deadline, to see the outcome).
ALTER TABLE one_time_links ADD COLUMN signer_id BIGINT REFERENCES signature_signers (id) ON DELETE CASCADE;
CREATE INDEX one_time_links_signer ON one_time_links (signer_id);

-- How many codes a signer has asked for, and how many wrong codes they typed over all of them
-- (never reset): both limited, so that asking again is no way around the limit on wrong tries.
ALTER TABLE signature_signers ADD COLUMN codes_sent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE signature_signers ADD COLUMN wrong_codes BIGINT NOT NULL DEFAULT 0;

-- Links and codes made before this release were readable in the dialog by every user who could
-- see the customer, and signing links were kept in full: they stop working. A reminder (signing)
-- or a new invitation (portal) sends a fresh one.
UPDATE signature_signers SET token_hash = NULL, sign_url = NULL, code_hash = NULL,
    code_expires_at = NULL
WHERE provider_signatory_id IS NULL;
DELETE FROM one_time_links WHERE purpose = 'portal_invite' AND used_at IS NULL;
