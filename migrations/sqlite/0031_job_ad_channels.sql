-- Job ads on arbeidsplassen.no and FINN (issue 15; decision 0040): which external channels an
-- ad goes to, the sub-unit's organisation number NAV is given when the ad shows the customer,
-- and per publication when NAV's status was last asked (at most hourly) and the ad's address
-- on the channel. Keep in step with ../postgres/0031_job_ad_channels.sql.

-- 1: publish on arbeidsplassen.no / FINN as well as on the homepage.
ALTER TABLE job_ads ADD COLUMN to_arbeidsplassen INTEGER NOT NULL DEFAULT 0 CHECK (to_arbeidsplassen IN (0, 1));
ALTER TABLE job_ads ADD COLUMN to_finn INTEGER NOT NULL DEFAULT 0 CHECK (to_finn IN (0, 1));
-- The customer's sub-unit (underenhet) organisation number, sent to NAV only when the ad shows
-- the customer as employer.
ALTER TABLE job_ads ADD COLUMN employer_orgnr TEXT;

-- When the channel's status was last asked (unix seconds); NAV asks for at most hourly.
ALTER TABLE job_ad_publications ADD COLUMN checked_at BIGINT;
-- The ad's address on the channel (NAV's url once ACTIVE).
ALTER TABLE job_ad_publications ADD COLUMN channel_url TEXT;
