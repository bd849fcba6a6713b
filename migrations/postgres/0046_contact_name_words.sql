-- Contacts in the search read rank by rank (contacts::name_words, decision 0061), as customers
-- are since 0042: the contacts' sort key index (rank 0 and the walk of rank 2), and the
-- word-start index of contact names (every word of the sort key after the first, its prefixes of
-- 3 to 12 characters next to the sort key) for rank 1. Written by the application with the
-- contact; filled for existing contacts at the first start after this migration (the counter).
-- The sort key sorts in byte order, as customers.sort_name does and as SQLite sorts it, whatever
-- the database's default collation (no table rewrite; the index on it is rebuilt).
-- contract: nothing is taken away — only the column's collation changes; the previous release
-- reads and writes it as before (and on a C.UTF-8 database sorts it the same).
ALTER TABLE contacts ALTER COLUMN sort_name TYPE TEXT COLLATE "C";
CREATE INDEX contacts_sort_name ON contacts (sort_name, id);
CREATE TABLE contact_name_words (
    prefix TEXT COLLATE "C" NOT NULL,
    sort_name TEXT COLLATE "C" NOT NULL,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (prefix, sort_name, contact_id)
);
CREATE INDEX contact_name_words_contact ON contact_name_words (contact_id);
INSERT INTO counters (name, value) VALUES ('contact_name_words_built', 0);
