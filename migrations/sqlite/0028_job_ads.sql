-- Job ads (issue 15, "Job ads"; decision 0036): an ad made from a vacancy (or, later, a
-- recruitment), its publication per channel, the applications that came through the agency's
-- homepage, and the posts counted per client address for the application form's rate limit.
-- Keep in step with ../postgres/0028_job_ads.sql.

CREATE TABLE job_ads (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    vacancy_id BIGINT REFERENCES vacancies (id) ON DELETE SET NULL,
    -- Recruitments come in migration 0030: no foreign key yet.
    recruitment_id BIGINT,
    -- The public address: /jobs/{slug}.
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    lead TEXT NOT NULL DEFAULT '',
    -- Sanitised on save (a small tag set; see job_ads::model::sanitize).
    body_html TEXT NOT NULL DEFAULT '',
    styrk_code TEXT,
    occupation_title TEXT,
    postal_code TEXT,
    city TEXT,
    employment_type TEXT NOT NULL CHECK (employment_type IN ('FULL_TIME', 'PART_TIME', 'TEMPORARY', 'CONTRACTOR', 'INTERN', 'PER_DIEM', 'OTHER')),
    sector TEXT NOT NULL CHECK (sector IN ('private', 'public')),
    -- YYYY-MM-DD, the last day to apply; none with asap = 1 ("snarest").
    deadline TEXT,
    asap INTEGER NOT NULL DEFAULT 0 CHECK (asap IN (0, 1)),
    -- The start: a date (YYYY-MM-DD) or a text ("etter avtale").
    start_date TEXT,
    start_text TEXT,
    positions BIGINT NOT NULL DEFAULT 1 CHECK (positions >= 1),
    -- The pay per hour in øre when the ad tells it (JobPosting's baseSalary); none: not told.
    salary_hour_ore BIGINT,
    -- The contact person: one of the customer's contacts or one of the agency's staff.
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    contact_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- Who the ad names as employer: the agency, the customer, or "a customer of ours".
    employer_shown TEXT NOT NULL CHECK (employer_shown IN ('agency', 'customer', 'anonymous')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
    published_at BIGINT,
    unpublished_at BIGINT,
    -- Why it was unpublished: by hand, the deadline passed, the vacancy filled or cancelled.
    unpublished_reason TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX job_ads_public ON job_ads (status, published_at);
CREATE INDEX job_ads_vacancy ON job_ads (vacancy_id);
CREATE INDEX job_ads_customer ON job_ads (customer_id);

-- Where an ad is published and how it stands there; one row per (ad, channel).
CREATE TABLE job_ad_publications (
    id INTEGER PRIMARY KEY,
    job_ad_id BIGINT NOT NULL REFERENCES job_ads (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('homepage', 'arbeidsplassen', 'finn')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'refused', 'stopped', 'failed')),
    -- The channel's own id of the ad (arbeidsplassen's reference, FINN's receipt).
    external_ref TEXT,
    -- The channel's last word (a refusal's reason, an error).
    detail TEXT,
    updated_at BIGINT NOT NULL,
    UNIQUE (job_ad_id, channel)
);

-- Applications through the homepage's form.
CREATE TABLE job_applications (
    id INTEGER PRIMARY KEY,
    job_ad_id BIGINT NOT NULL REFERENCES job_ads (id) ON DELETE CASCADE,
    worker_id BIGINT NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    -- Where the applicant came from (?src=): linkedin, facebook, email, sms, direct, …
    source TEXT NOT NULL,
    message TEXT,
    -- 1: the applicant consented to be kept for later jobs.
    consent_keep INTEGER NOT NULL DEFAULT 0 CHECK (consent_keep IN (0, 1)),
    -- The CV as the worker's document.
    worker_document_id BIGINT REFERENCES worker_documents (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX job_applications_ad ON job_applications (job_ad_id, created_at);
CREATE INDEX job_applications_worker ON job_applications (worker_id);

-- Posts of the application form per client address, for its rate limit (kept a day).
CREATE TABLE job_application_posts (
    client TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX job_application_posts_client ON job_application_posts (client, at);
