-- Catalogs and schemas: create, use, show, describe, drop; Databricks error classes.
-- rows: [["main"], ["system"]]
SHOW CATALOGS;
CREATE CATALOG sales_cat COMMENT 'Sales data';
-- error: CATALOG_ALREADY_EXISTS
CREATE CATALOG sales_cat;
CREATE CATALOG IF NOT EXISTS sales_cat;
-- rows: [["sales_cat"]]
SHOW CATALOGS LIKE 'sales*';
-- rows: [["default"], ["information_schema"]]
SHOW SCHEMAS IN sales_cat;
CREATE SCHEMA sales_cat.orders COMMENT 'order tables';
-- error: SCHEMA_ALREADY_EXISTS
CREATE SCHEMA sales_cat.orders;
-- error: CATALOG_NOT_FOUND
CREATE SCHEMA nope.x;
USE CATALOG sales_cat;
-- rows: [["default"], ["information_schema"], ["orders"]]
SHOW SCHEMAS;
USE SCHEMA orders;
-- rows: [["sales_cat", "orders"]]
SELECT current_catalog(), current_schema();
-- rows: [["Catalog Name", "sales_cat"], ["Comment", "Sales data"], ["Owner", "tester@example.com"], ["Catalog Type", "Regular"]]
DESCRIBE CATALOG sales_cat;
-- contains: order tables
DESCRIBE SCHEMA sales_cat.orders;
-- error: SCHEMA_NOT_FOUND
USE SCHEMA missing_schema;
-- error: CATALOG_NOT_FOUND
USE CATALOG missing_catalog;
CREATE TABLE t1 (id INT);
-- error: SCHEMA_NOT_EMPTY
DROP SCHEMA sales_cat.orders;
-- error: SCHEMA_NOT_EMPTY
DROP CATALOG sales_cat;
-- rows: [["sales_cat", "orders", "t1", "MANAGED"]]
SELECT table_catalog, table_schema, table_name, table_type FROM sales_cat.information_schema.tables;
DROP SCHEMA sales_cat.orders CASCADE;
-- count: 0
SELECT * FROM sales_cat.information_schema.tables;
DROP CATALOG sales_cat CASCADE;
DROP CATALOG IF EXISTS sales_cat;
-- error: CATALOG_NOT_FOUND
DROP CATALOG sales_cat;
-- rows: [["main"], ["system"]]
SHOW CATALOGS;
-- MANAGED LOCATION decides where managed tables live: the schema's, else the catalog's.
CREATE CATALOG placed MANAGED LOCATION '${ROOT}/placed';
CREATE SCHEMA placed.s1;
CREATE SCHEMA placed.s2 MANAGED LOCATION '${ROOT}/s2-root';
CREATE TABLE placed.s1.t (x INT);
CREATE TABLE placed.s2.t (x INT);
-- contains: /placed/s1/t
DESCRIBE DETAIL placed.s1.t;
-- contains: /s2-root/t
DESCRIBE DETAIL placed.s2.t;
-- error: INVALID_LOCATION
CREATE CATALOG relative MANAGED LOCATION 'not/absolute';
