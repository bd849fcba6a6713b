-- The customer list's sort indexes end in the id on PostgreSQL (decision 0077,
-- ../postgres/0051_customer_sort_indexes_end_in_the_id.sql). Every SQLite index holds the row
-- id after its columns already: nothing to change here; the file keeps the two databases'
-- migrations numbered alike.
SELECT 1;
