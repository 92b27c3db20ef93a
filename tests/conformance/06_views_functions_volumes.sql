-- Views (resolved in their own schema), SQL functions and volumes.
CREATE SCHEMA app;
USE SCHEMA app;
CREATE TABLE orders (id INT, amount DOUBLE);
INSERT INTO orders VALUES (1, 10), (2, 250), (3, 75);
CREATE VIEW big_orders COMMENT 'over 50' AS SELECT id, amount FROM orders WHERE amount > 50;
-- rows: [[2], [3]]
SELECT id FROM big_orders ORDER BY id;
USE SCHEMA default;
-- Unqualified names inside the view resolve in main.app, where it was created.
-- rows: [[2]]
SELECT count(*) FROM main.app.big_orders;
CREATE OR REPLACE VIEW main.app.big_orders AS SELECT id FROM orders WHERE amount > 100;
-- rows: [[1]]
SELECT count(*) FROM main.app.big_orders;
-- rows: [["app", "big_orders", false, false]]
SHOW VIEWS IN main.app;
-- contains: amount > 100
SELECT view_definition FROM main.information_schema.views;
-- A view over information_schema.columns is itself one of its rows (listing did not end).
CREATE VIEW main.app.column_inventory AS SELECT table_name, column_name FROM main.information_schema.columns WHERE table_schema = 'app';
-- rows: [["column_inventory", "column_name"], ["column_inventory", "table_name"]]
SELECT table_name, column_name FROM main.app.column_inventory WHERE table_name = 'column_inventory' ORDER BY column_name;
DROP VIEW main.app.column_inventory;
-- error: TABLE_OR_VIEW_NOT_FOUND
CREATE VIEW main.app.broken AS SELECT * FROM no_such_table;
-- error: WRONG_COMMAND_FOR_OBJECT_TYPE
DROP TABLE main.app.big_orders;
USE SCHEMA app;
CREATE FUNCTION with_tax(x DOUBLE) RETURNS DOUBLE COMMENT 'adds VAT' RETURN x * 1.2;
-- rows: [[12.0]]
SELECT with_tax(10.0);
-- rows: [[1, 12.0]]
SELECT id, main.app.with_tax(amount) FROM orders WHERE id = 1;
-- rows: [[12.0, 12.0]]
SELECT `main`.`app`.with_tax(10.0), `app`.`with_tax`(10.0);
-- rows: [["x", "DOUBLE"]]
SELECT parameter_name, full_data_type FROM main.information_schema.parameters;
-- rows: [["main.app.with_tax"]]
SHOW FUNCTIONS;
-- contains: x * 1.2
DESCRIBE FUNCTION EXTENDED with_tax;
-- rows: [["with_tax", "FUNCTION", "SQL"]]
SELECT routine_name, routine_type, routine_body FROM main.information_schema.routines;
CREATE OR REPLACE FUNCTION with_tax(x DOUBLE) RETURNS DOUBLE RETURN x * 1.1;
-- rows: [[11.0]]
SELECT round(with_tax(10.0), 6);
-- error: ROUTINE_ALREADY_EXISTS
CREATE FUNCTION with_tax(x DOUBLE) RETURNS DOUBLE RETURN x;
-- error: UNRESOLVED_ROUTINE
SELECT main.app.no_such_fn(1);
DROP FUNCTION with_tax;
-- error: ROUTINE_NOT_FOUND
DROP FUNCTION with_tax;
CREATE VOLUME landing COMMENT 'raw files';
-- rows: [["app", "landing"]]
SHOW VOLUMES;
-- rows: [["landing", "MANAGED", "raw files"]]
SELECT volume_name, volume_type, comment FROM main.information_schema.volumes;
CREATE EXTERNAL VOLUME ext LOCATION '${ROOT}/ext-volume';
-- rows: [["ext", "EXTERNAL"], ["landing", "MANAGED"]]
SELECT volume_name, volume_type FROM main.information_schema.volumes ORDER BY volume_name;
-- error: VOLUME_ALREADY_EXISTS
CREATE VOLUME landing;
DROP VOLUME landing;
-- error: VOLUME_NOT_FOUND
DESCRIBE VOLUME landing;
