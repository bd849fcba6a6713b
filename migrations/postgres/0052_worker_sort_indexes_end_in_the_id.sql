-- The workers list's sort indexes end in the id, as the customers' do since 0051 (decision 0077,
-- ../postgres/0051_customer_sort_indexes_end_in_the_id.sql). The list is ordered by
-- `sort_name, id`, and workers' names repeat more than companies' do: on PostgreSQL at 100,000
-- seeded workers the first page read the whole first group of equal names (208 rows) and sorted
-- it ("Incremental Sort", 1.7 ms), and the largest group held 550 — ten times that at a million.
-- With the id in the index the page is read in order and stops after a page. On SQLite, whose
-- indexes hold the row id anyway, these read as the ones they replace and keep one schema for
-- both databases (tests/it/schema.rs). No code names an index: the previous release runs on.
CREATE INDEX workers_sort_name_id ON workers (sort_name, id);
CREATE INDEX workers_status_sort_id ON workers (status, sort_name, id);
CREATE INDEX workers_responsible_sort_id ON workers (responsible_id, sort_name, id);
DROP INDEX workers_sort_name;
DROP INDEX workers_status;
DROP INDEX workers_responsible;
