-- Vacancies (issue 15, first slice; decision 0035): a customer's need for staff, with the terms
-- an assignment needs in columns of the same names as the assignments' (written from the same
-- checked data), and the workers linked to it as candidates with a stage.

CREATE TABLE vacancies (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- How many workers the customer needs.
    positions BIGINT NOT NULL CHECK (positions >= 1),
    -- The STYRK-08 occupation's title as typed (the code is styrk_code).
    occupation_title TEXT,
    description TEXT,
    requirements TEXT,
    -- The customer's contact for the vacancy.
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    -- The terms (as assignments; consultant_id is the responsible consultant).
    title TEXT NOT NULL,
    styrk_code TEXT,
    workplace_street TEXT,
    workplace_postal_code TEXT,
    workplace_city TEXT,
    workplace_county_no TEXT,
    building_site INTEGER NOT NULL DEFAULT 0 CHECK (building_site IN (0, 1)),
    consultant_id BIGINT REFERENCES users (id),
    approver_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    second_approver_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    hours_per_week_minutes BIGINT NOT NULL,
    standard_week TEXT NOT NULL,
    bill_rate_ore BIGINT NOT NULL,
    pay_rate_ore BIGINT NOT NULL,
    overtime TEXT NOT NULL DEFAULT '[]',
    allowances TEXT NOT NULL DEFAULT '[]',
    legal_basis TEXT CHECK (legal_basis IN ('temporary_work', 'substitute', 'agreement')),
    legal_basis_text TEXT,
    equal_terms_id BIGINT REFERENCES equal_terms (id) ON DELETE SET NULL,
    purchase_order TEXT,
    invoice_grouping TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'filled', 'cancelled')),
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX vacancies_customer ON vacancies (customer_id, status, from_date);
CREATE INDEX vacancies_status ON vacancies (status, from_date);

CREATE TABLE vacancy_candidates (
    id BIGSERIAL PRIMARY KEY,
    vacancy_id BIGINT NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    worker_id BIGINT NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('suggested', 'contacted', 'presented', 'accepted', 'declined')),
    -- The assignment made for this candidate ("make assignment"); one per candidate.
    assignment_id BIGINT REFERENCES assignments (id) ON DELETE SET NULL,
    added_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (vacancy_id, worker_id)
);
CREATE INDEX vacancy_candidates_worker ON vacancy_candidates (worker_id);
