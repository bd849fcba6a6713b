-- How a simple-signature signer proved who they are (decision 0047): 'email_code' (a one-time
-- code mailed to them) or 'portal_login' (logged in to the customer portal as that contact).
ALTER TABLE signature_signers ADD COLUMN verified_via TEXT;
