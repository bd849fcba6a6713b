-- The municipality filter's counts (customers::list::municipality_counts: within one county, per
-- municipality, under the other filters and the user's visibility) read from this index alone, in
-- municipality order: measured on SQLite at 100,000 customers, county 46 + status, 19 ms → 0.9 ms.
CREATE INDEX customers_county_facets ON customers (county_no, municipality_no, status, department_id, owner_id);
