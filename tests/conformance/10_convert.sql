-- CONVERT TO DELTA of plain and partitioned Parquet directories, and path-based reads.
CREATE TABLE staging (id BIGINT, region STRING, amount DOUBLE) PARTITIONED BY (region) LOCATION '${ROOT}/pq';
INSERT INTO staging VALUES (1, 'eu', 1.5), (2, 'us', 2.5), (3, NULL, 3.5), (4, 'eu', 4.5);
CREATE TABLE flat (id BIGINT, name STRING) LOCATION '${ROOT}/flat';
INSERT INTO flat VALUES (1, 'a'), (2, 'b');
INSERT INTO flat VALUES (3, 'c');
DROP TABLE staging;
DROP TABLE flat;
-- remove-dir: ${ROOT}/pq/_delta_log
-- remove-dir: ${ROOT}/flat/_delta_log
-- error: DELTA_TABLE_NOT_FOUND
SELECT * FROM delta.`${ROOT}/pq`;
-- error: DELTA_UNEXPECTED_NUM_PARTITION_COLUMNS_FROM_FILE_NAME
CONVERT TO DELTA parquet.`${ROOT}/pq`;
CONVERT TO DELTA parquet.`${ROOT}/pq` PARTITIONED BY (region STRING);
-- rows: [[1, 1.5, "eu"], [2, 2.5, "us"], [3, 3.5, null], [4, 4.5, "eu"]]
SELECT * FROM delta.`${ROOT}/pq` ORDER BY id;
-- contains: CONVERT
DESCRIBE HISTORY delta.`${ROOT}/pq`;
CONVERT TO DELTA parquet.`${ROOT}/flat` NO STATISTICS;
-- rows: [[3]]
SELECT count(*) FROM delta.`${ROOT}/flat`;
-- The converted directory registers like any Delta location.
CREATE TABLE sales_converted LOCATION '${ROOT}/pq';
-- rows: [["eu", 2], ["us", 1]]
SELECT region, count(*) FROM sales_converted WHERE region IS NOT NULL GROUP BY region ORDER BY region;
-- rows: [[2, 2]]
INSERT INTO sales_converted VALUES (5, 9.0, 'us'), (6, 1.0, 'apac');
-- rows: [[6]]
SELECT count(*) FROM sales_converted;
-- Converting a Delta table again changes nothing.
CONVERT TO DELTA parquet.`${ROOT}/pq` PARTITIONED BY (region STRING);
-- error: DELTA_PATH_DOES_NOT_EXIST
CONVERT TO DELTA parquet.`${ROOT}/nowhere`;
-- error: DELTA_EMPTY_DIRECTORY
CONVERT TO DELTA parquet.`${ROOT}/local/volumes`;
