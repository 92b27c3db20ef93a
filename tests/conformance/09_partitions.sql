-- Partitioned tables: one directory per value, partition values from the log.
CREATE TABLE sales (id BIGINT, region STRING, day DATE, amount DOUBLE) PARTITIONED BY (region, day);
INSERT INTO sales VALUES (1, 'eu', DATE '2024-01-01', 10), (2, 'us', DATE '2024-01-01', 20), (3, 'eu', DATE '2024-01-02', 30), (4, NULL, NULL, 40), (5, 'a/b=c%d', DATE '2024-01-01', 50);
-- rows: [[1, "eu", "2024-01-01", 10.0], [2, "us", "2024-01-01", 20.0], [3, "eu", "2024-01-02", 30.0], [4, null, null, 40.0], [5, "a/b=c%d", "2024-01-01", 50.0]]
SELECT * FROM sales ORDER BY id;
-- contains: ["region","day"]
DESCRIBE DETAIL sales;
-- rows: [["eu", 40.0], ["us", 20.0]]
SELECT region, sum(amount) FROM sales WHERE region IN ('eu', 'us') GROUP BY region ORDER BY region;
-- rows: [["region", 0], ["day", 1]]
SELECT column_name, partition_index FROM main.information_schema.columns WHERE table_name = 'sales' AND partition_index IS NOT NULL ORDER BY partition_index;
-- contains: # Partition Information
DESCRIBE TABLE sales;
-- contains: PARTITIONED BY (`region`, `day`)
SHOW CREATE TABLE sales;
-- rows: [[1]]
UPDATE sales SET region = 'apac' WHERE id = 2;
-- rows: [[1]]
DELETE FROM sales WHERE region IS NULL;
-- rows: [["a/b=c%d", 5], ["apac", 2], ["eu", 1], ["eu", 3]]
SELECT region, id FROM sales ORDER BY day, region;
-- rows: [[4]]
SELECT count(*) FROM sales VERSION AS OF 3;
-- rows: [[5]]
SELECT count(*) FROM sales VERSION AS OF 1;
CREATE TABLE sales_deep DEEP CLONE sales;
CREATE TABLE sales_shallow SHALLOW CLONE sales;
-- rows: [[4, 4]]
SELECT (SELECT count(*) FROM sales_deep), (SELECT count(*) FROM sales_shallow);
-- rows: [["a/b=c%d"], ["apac"], ["eu"], ["eu"]]
SELECT region FROM sales_deep ORDER BY day, region;
CREATE TABLE by_region PARTITIONED BY (region) AS SELECT id, region FROM sales;
-- rows: [["a/b=c%d", 1], ["apac", 1], ["eu", 2]]
SELECT region, count(*) FROM by_region GROUP BY region ORDER BY region;
OPTIMIZE sales;
-- rows: [[4]]
SELECT count(*) FROM sales;
-- error: DELTA_PARTITION_COLUMN_NOT_FOUND
CREATE TABLE bad (a INT, b INT) PARTITIONED BY (c);
-- error: UNSUPPORTED_FEATURE
ALTER TABLE sales DROP COLUMN region;
