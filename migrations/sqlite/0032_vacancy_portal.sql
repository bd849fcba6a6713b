-- Vacancies in the customer portal (issue 15; decision 0041): a portal contact's request for
-- staff becomes a draft vacancy; candidates are presented to the customer with their recorded
-- consent and the documents the agency chose to share; the contact accepts or declines.
-- Keep in step with ../postgres/0032_vacancy_portal.sql.

-- 1 while a vacancy requested in the portal waits for the consultant to complete its terms
-- (saving the vacancy's form clears it); who asked and when.
ALTER TABLE vacancies ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
ALTER TABLE vacancies ADD COLUMN requested_by_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL;
ALTER TABLE vacancies ADD COLUMN requested_at BIGINT;

-- The candidate's consent to be presented to this vacancy's customer: when it was given, how
-- (phone, email, in person, in writing) and which staff member recorded it.
ALTER TABLE vacancy_candidates ADD COLUMN consent_at BIGINT;
ALTER TABLE vacancy_candidates ADD COLUMN consent_how TEXT CHECK (consent_how IN ('phone', 'email', 'in_person', 'written'));
ALTER TABLE vacancy_candidates ADD COLUMN consent_by BIGINT REFERENCES users (id);
-- Presented in the portal: when, and the summary the customer reads.
ALTER TABLE vacancy_candidates ADD COLUMN presented_at BIGINT;
ALTER TABLE vacancy_candidates ADD COLUMN summary TEXT;
-- The customer's answer in the portal: who, when, and an optional reason for declining.
ALTER TABLE vacancy_candidates ADD COLUMN decided_by_contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL;
ALTER TABLE vacancy_candidates ADD COLUMN decided_at BIGINT;
ALTER TABLE vacancy_candidates ADD COLUMN decline_reason TEXT;

-- The worker's documents (CVs) shared with the customer for one candidacy; only these can be
-- downloaded in the portal.
CREATE TABLE vacancy_candidate_documents (
    candidate_id BIGINT NOT NULL REFERENCES vacancy_candidates (id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES worker_documents (id) ON DELETE CASCADE,
    PRIMARY KEY (candidate_id, document_id)
);
CREATE INDEX vacancy_candidate_documents_document ON vacancy_candidate_documents (document_id);
