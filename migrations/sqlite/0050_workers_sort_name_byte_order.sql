-- The workers' sort key in byte order (decision 0074): on PostgreSQL the column gets
-- COLLATE "C" (../postgres/0050_workers_sort_name_byte_order.sql), as customers' and contacts'
-- sort keys have. SQLite compares text in byte order (BINARY) already: nothing to change here;
-- the file keeps the two databases' migrations numbered alike.
SELECT 1;
