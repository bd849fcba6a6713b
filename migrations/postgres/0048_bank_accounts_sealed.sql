-- Workers' bank accounts sealed at rest like national identity numbers (decisions 0013, 0073):
-- the account sealed under the firm's data key (`v1:` + base64, bound to `worker:<id>:bank_account`)
-- and its last four characters in the clear for the masked view (`•••• 7947`). The clear
-- `bank_account` column stays for this release (decision 0053: expand, then contract): the
-- server seals what it holds at start-up (`workers::bank::seal_clear`) and empties it; it is
-- dropped in a later release.
ALTER TABLE workers ADD COLUMN bank_account_sealed TEXT;
ALTER TABLE workers ADD COLUMN bank_account_last4 TEXT;
