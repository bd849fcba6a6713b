-- The customer list sorted by last change or by last activity, read from an index that also holds
-- the columns the list filters and limits sight by (decision 0082).
-- - By last change: a page far down a filtered list (`county=46&sort=-updated&page=100`, 5,000
--   rows into a county of 140,000) read each row off `customers_updated` to check its county:
--   80–125 ms at a million customers. Its ids now come from this index alone (2 ms). It starts
--   with `customers_updated`'s column and serves every query that did, so that one goes.
-- - By last activity: the list sorts by `COALESCE(last_activity_at, 0)` (never before anything),
--   which no index served: every click on the column sorted the whole table (2.6 s at a million).
--   `customers_last_activity` stays for the "no activity for N days" filter.
-- The id follows the sort key so that `ORDER BY key, id` is read in order. Same indexes on both
-- databases (tests/it/schema.rs). No code names an index: the previous release runs on.
CREATE INDEX customers_updated_filters
    ON customers (updated_at, id, status, county_no, municipality_no, owner_id, department_id);
CREATE INDEX customers_last_activity_filters
    ON customers ((COALESCE(last_activity_at, 0)), id, status, county_no, municipality_no, owner_id,
    department_id);
DROP INDEX customers_updated;
