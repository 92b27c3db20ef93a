-- Tables and data: CREATE, CTAS, LIKE, INSERT INTO/OVERWRITE, UPDATE, DELETE, MERGE, TRUNCATE.
CREATE SCHEMA shop;
USE SCHEMA shop;
CREATE TABLE items (id BIGINT NOT NULL, name STRING COMMENT 'display name', price DECIMAL(10,2)) USING DELTA COMMENT 'catalogue' TBLPROPERTIES ('quality' = 'gold');
-- error: TABLE_OR_VIEW_ALREADY_EXISTS
CREATE TABLE items (id INT);
CREATE TABLE IF NOT EXISTS items (id INT);
-- rows: [[3, 3]]
INSERT INTO items VALUES (1, 'apple', 1.25), (2, 'pear', 2.5), (3, 'fig', 9.99);
-- rows: [[1, 1]]
INSERT INTO items (id, name) VALUES (4, 'kiwi');
-- rows: [[1, "apple", "1.25"], [2, "pear", "2.50"], [3, "fig", "9.99"], [4, "kiwi", null]]
SELECT * FROM items ORDER BY id;
-- error: DELTA_NOT_NULL_CONSTRAINT_VIOLATED
INSERT INTO items VALUES (NULL, 'ghost', 1);
-- error: INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS
INSERT INTO items VALUES (5, 'x');
-- rows: [[1]]
UPDATE items SET price = 3.00 WHERE name = 'kiwi';
-- rows: [[2]]
DELETE FROM items WHERE price > 2.6;
-- rows: [[1, "apple"], [2, "pear"]]
SELECT id, name FROM items ORDER BY id;
-- rows: [[3, 1, 0, 2]]
MERGE INTO items t USING (SELECT 2 AS id, 'pear' AS name, 2.75 AS price UNION ALL SELECT 7, 'lime', 0.5 UNION ALL SELECT 8, 'plum', 1.1) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.price = s.price WHEN NOT MATCHED THEN INSERT (id, name, price) VALUES (s.id, s.name, s.price);
-- rows: [[1, "1.25"], [2, "2.75"], [7, "0.50"], [8, "1.10"]]
SELECT id, price FROM items ORDER BY id;
CREATE TABLE cheap AS SELECT id, name FROM items WHERE price < 2;
-- rows: [["id", "bigint", null], ["name", "string", null]]
DESCRIBE TABLE cheap;
-- count: 3
SELECT * FROM cheap;
CREATE TABLE items_copy LIKE items;
-- count: 0
SELECT * FROM items_copy;
-- rows: [["id", "bigint", null], ["name", "string", "display name"], ["price", "decimal(10,2)", null]]
DESCRIBE items_copy;
-- rows: [[4, 4]]
INSERT OVERWRITE items_copy SELECT * FROM items;
-- rows: [[1, 1]]
INSERT OVERWRITE TABLE items_copy SELECT * FROM items WHERE id = 1;
-- count: 1
SELECT * FROM items_copy;
TRUNCATE TABLE items_copy;
-- count: 0
SELECT * FROM items_copy;
CREATE OR REPLACE TABLE cheap AS SELECT 1 AS one;
-- rows: [[1]]
SELECT * FROM cheap;
-- contains: CREATE OR REPLACE TABLE AS SELECT
DESCRIBE HISTORY cheap LIMIT 1;
ALTER TABLE items ADD CONSTRAINT positive CHECK (price > 0);
-- error: DELTA_VIOLATE_CONSTRAINT_WITH_VALUES
INSERT INTO items VALUES (9, 'bad', -1);
-- error: DELTA_NEW_CHECK_CONSTRAINT_VIOLATION
ALTER TABLE items ADD CONSTRAINT small CHECK (price < 2);
ALTER TABLE items DROP CONSTRAINT positive;
-- rows: [[1, 1]]
INSERT INTO items VALUES (9, 'refund', -1);
ALTER TABLE items ADD COLUMN stock INT COMMENT 'units';
-- rows: [[1, null]]
SELECT id, stock FROM items WHERE id = 1;
ALTER TABLE items RENAME COLUMN stock TO units;
ALTER TABLE items DROP COLUMN units;
-- rows: [["id"], ["name"], ["price"]]
SHOW COLUMNS IN items;
-- rows: [["quality", "gold"]]
SHOW TBLPROPERTIES items ('quality');
ALTER TABLE items SET TBLPROPERTIES ('owner.team' = 'grocery');
-- rows: [["owner.team", "grocery"]]
SHOW TBLPROPERTIES items ('owner.team');
ALTER TABLE items UNSET TBLPROPERTIES ('owner.team');
-- error: UNSET_NONEXISTENT_PROPERTIES
ALTER TABLE items UNSET TBLPROPERTIES ('owner.team');
-- contains: CREATE TABLE `main`.`shop`.`items`
SHOW CREATE TABLE items;
ALTER TABLE cheap RENAME TO cheap2;
-- error: TABLE_OR_VIEW_NOT_FOUND
SELECT * FROM cheap;
-- count: 1
SELECT * FROM shop.cheap2;
DROP TABLE cheap2;
-- error: TABLE_OR_VIEW_NOT_FOUND
DROP TABLE cheap2;
DROP TABLE IF EXISTS cheap2;
