-- The customer list's sort indexes end in the id (decision 0077), as PostgreSQL's do since
-- ../postgres/0051_customer_sort_indexes_end_in_the_id.sql, where the change matters. A SQLite
-- index holds the row id after its columns already, so these read the same as the ones they
-- replace; they are written alike so that both databases keep one schema (tests/it/schema.rs). At a
-- million customers this migration took 16 s here; SQLite migrates before the server listens.
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
