-- Contacts in the search read rank by rank (contacts::name_words, decision 0061), as customers
-- are since 0042: the contacts' sort key index (rank 0 and the walk of rank 2), and the
-- word-start index of contact names (every word of the sort key after the first, its prefixes of
-- 3 to 12 characters next to the sort key) for rank 1. Written by the application with the
-- contact; filled for existing contacts at the first start after this migration (the counter).
CREATE INDEX contacts_sort_name ON contacts (sort_name, id);
CREATE TABLE contact_name_words (
    prefix TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (prefix, sort_name, contact_id)
) WITHOUT ROWID;
CREATE INDEX contact_name_words_contact ON contact_name_words (contact_id);
INSERT INTO counters (name, value) VALUES ('contact_name_words_built', 0);
