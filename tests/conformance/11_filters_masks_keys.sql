-- Row filters, column masks and informational primary/foreign keys.
CREATE TABLE customers (id BIGINT, region STRING, email STRING);
INSERT INTO customers VALUES (1, 'eu', 'ann@x.com'), (2, 'us', 'bob@y.com'), (3, 'eu', NULL);
CREATE FUNCTION eu_only(r STRING) RETURNS BOOLEAN RETURN r = 'eu';
CREATE FUNCTION hide_email(e STRING) RETURNS STRING RETURN CASE WHEN is_account_group_member('pii_readers') THEN e ELSE '***' END;
CREATE FUNCTION members_see(e STRING) RETURNS STRING RETURN CASE WHEN is_account_group_member('account users') THEN e ELSE '***' END;
ALTER TABLE customers SET ROW FILTER eu_only ON (region);
-- rows: [[1, "ann@x.com"], [3, null]]
SELECT id, email FROM customers ORDER BY id;
ALTER TABLE customers ALTER COLUMN email SET MASK hide_email;
-- rows: [[1, "***"], [3, "***"]]
SELECT id, email FROM customers ORDER BY id;
ALTER TABLE customers ALTER COLUMN email SET MASK members_see;
-- rows: [["ann@x.com"]]
SELECT email FROM customers WHERE id = 1;
-- rows: [["main", "default", "customers", "main.default.eu_only", "region"]]
SELECT * FROM main.information_schema.row_filters;
-- rows: [["customers", "email", "main.default.members_see"]]
SELECT table_name, column_name, mask_name FROM main.information_schema.column_masks;
-- The filter applies to views over the table too; DML works on all rows.
CREATE VIEW all_customers AS SELECT * FROM customers;
-- rows: [[2]]
SELECT count(*) FROM all_customers;
-- rows: [[1]]
UPDATE customers SET email = 'new@y.com' WHERE id = 2;
ALTER TABLE customers DROP ROW FILTER;
ALTER TABLE customers ALTER COLUMN email DROP MASK;
-- rows: [[1, "ann@x.com"], [2, "new@y.com"], [3, null]]
SELECT id, email FROM customers ORDER BY id;
-- error: ROUTINE_NOT_FOUND
ALTER TABLE customers SET ROW FILTER nope ON (region);
-- error: UNRESOLVED_COLUMN.WITH_SUGGESTION
ALTER TABLE customers SET ROW FILTER eu_only ON (nope);
CREATE TABLE orders (order_id BIGINT, customer_id BIGINT);
ALTER TABLE customers ADD CONSTRAINT customers_pk PRIMARY KEY (id);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers;
-- error: DELTA_CONSTRAINT_ALREADY_EXISTS
ALTER TABLE customers ADD CONSTRAINT other_pk PRIMARY KEY (region);
-- rows: [["customers_pk", "customers", "PRIMARY KEY"], ["orders_customer_fk", "orders", "FOREIGN KEY"]]
SELECT constraint_name, table_name, constraint_type FROM main.information_schema.table_constraints ORDER BY constraint_name;
-- rows: [["customers_pk", "id", 1], ["orders_customer_fk", "customer_id", 1]]
SELECT constraint_name, column_name, ordinal_position FROM main.information_schema.key_column_usage ORDER BY constraint_name;
-- rows: [["customers", "id", "customers_pk"], ["customers", "id", "orders_customer_fk"]]
SELECT table_name, column_name, constraint_name FROM main.information_schema.constraint_column_usage ORDER BY constraint_name;
-- Informational: duplicates are not rejected.
INSERT INTO customers VALUES (1, 'eu', 'dup@x.com');
ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;
ALTER TABLE customers DROP PRIMARY KEY;
-- count: 0
SELECT * FROM main.information_schema.table_constraints;
DROP TABLE customers;
-- count: 0
SELECT * FROM main.information_schema.row_filters;
