-- Bad input: clear Databricks-style errors, never a crash or a silently wrong result.
-- error: PARSE_SYNTAX_ERROR
FROBNICATE THE TABLES;
-- error: PARSE_SYNTAX_ERROR
SELECT 'unterminated;
-- error: PARSE_SYNTAX_ERROR
CREATE TABLE;
-- error: TABLE_OR_VIEW_NOT_FOUND
SELECT * FROM main.default.nothing_here;
-- error: UNSUPPORTED_DATATYPE
CREATE TABLE bad_type (x INTERVALISH);
-- error: UNRESOLVED_COLUMN.WITH_SUGGESTION
SELECT no_such_column FROM (SELECT 1 AS a);
-- Identifiers with quotes, backticks and semicolons round-trip and never change the statement.
CREATE SCHEMA `we;ird``s "schema"`;
CREATE TABLE `we;ird``s "schema"`.`t'; DROP TABLE x; --` (`col "1"` STRING);
-- rows: [[1, 1]]
INSERT INTO `we;ird``s "schema"`.`t'; DROP TABLE x; --` VALUES ('it\'s; a \'value\'');
-- rows: [["it's; a 'value'"]]
SELECT `col "1"` FROM `we;ird``s "schema"`.`t'; DROP TABLE x; --`;
-- rows: [["t'; DROP TABLE x; --"]]
SELECT table_name FROM main.information_schema.tables WHERE table_schema = 'we;ird`s "schema"';
-- A table name that tries to escape the warehouse directory stays inside it.
CREATE TABLE `../../escape` (x INT);
-- contains: /warehouse/main/default/%2E.%2F..%2Fescape
DESCRIBE DETAIL `../../escape`;
-- Unknown system tables answer not found, as on a workspace without those schemas.
-- error: TABLE_OR_VIEW_NOT_FOUND
SELECT * FROM system.billing.usage;
-- error: DELTA_CANNOT_USE_ALL_COLUMNS_FOR_PARTITION
CREATE TABLE p (x INT) PARTITIONED BY (x);
-- Spark's literal rules: adjacent strings concatenate, backslash escapes, typed suffixes.
-- rows: [["ab'c", 10, 2.5]]
SELECT 'a' "b" '\'c', 10L, 2.5D;
-- rows: [[1]]
SELECT count(*) FROM (SELECT 1);
