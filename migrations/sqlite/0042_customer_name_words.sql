-- The word-start index of customer names (customers::name_words, decision 0057): for every
-- word of a name after the first, its prefixes of 3 to 12 characters next to the name's sort
-- key, so the search's second rank is read in name order a page at a time. Written by the
-- application with the customer; filled for existing customers at the first start after this
-- migration (the counter below says whether that happened).
CREATE TABLE customer_name_words (
    prefix TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (prefix, sort_name, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_name_words_customer ON customer_name_words (customer_id);
INSERT INTO counters (name, value) VALUES ('customer_name_words_built', 0);
