-- The customer list's sort indexes end in the id (decision 0077), as SQLite's do by themselves
-- (every SQLite index holds the row id after its columns). The list is ordered by
-- `sort_name, id`; with indexes on `(…, sort_name)` alone PostgreSQL reads every row of the first
-- group of equal names and sorts it before it can return a page ("Incremental Sort"): at a
-- million customers with names that repeat, 5,103 rows for the plain list's first page (13 ms
-- instead of well under one). With the id in the index the page is read in order and stops
-- after 50 rows. Building the six at a million customers took about 1.2 s each here; writes to
-- customers wait meanwhile, reads do not. The previous release names no index, so it runs on
-- as before.
CREATE INDEX customers_sort_name_id ON customers (sort_name, id);
CREATE INDEX customers_status_sort_id ON customers (status, sort_name, id);
CREATE INDEX customers_owner_sort_id ON customers (owner_id, sort_name, id);
CREATE INDEX customers_department_sort_id ON customers (department_id, sort_name, id);
CREATE INDEX customers_county_sort_id ON customers (county_no, sort_name, id);
CREATE INDEX customers_municipality_sort_id ON customers (municipality_no, sort_name, id);
DROP INDEX customers_sort_name;
DROP INDEX customers_status;
DROP INDEX customers_owner;
DROP INDEX customers_department;
DROP INDEX customers_county;
DROP INDEX customers_municipality;
