-- API tokens expire (decision 0060): chosen at creation (30, 90 or 365 days); NULL is a token
-- made by a release before this one, which never expires. Tokens that exist when this runs get
-- 90 days from now, so a token leaked long ago stops working without anyone having to act.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
UPDATE api_tokens SET expires_at = CAST(EXTRACT(EPOCH FROM now()) AS BIGINT) + 90 * 86400;
