-- The small catalog the JS SDK contract suite runs against (run_suite.sh applies it with
-- `clxs sql -f` before starting the emulator).
CREATE CATALOG shop COMMENT 'seeded for the JS SDK suite';
CREATE SCHEMA shop.sales;
CREATE TABLE shop.sales.orders (id BIGINT, amount DECIMAL(10,2), placed DATE, note STRING);
INSERT INTO shop.sales.orders VALUES
  (1, 9.99, DATE'2024-01-01', 'first'),
  (2, 20.00, DATE'2024-01-02', NULL),
  (3, 5.50, DATE'2024-01-03', 'a,b');
CREATE VIEW shop.sales.big_orders AS SELECT * FROM shop.sales.orders WHERE amount > 10;
CREATE FUNCTION shop.sales.add_tax(x DOUBLE) RETURNS DOUBLE RETURN x * 1.2;
CREATE SCHEMA shop.paged;
CREATE TABLE shop.paged.p1 (id INT);
CREATE TABLE shop.paged.p2 (id INT);
CREATE TABLE shop.paged.p3 (id INT);
CREATE TABLE shop.paged.p4 (id INT);
CREATE TABLE shop.paged.p5 (id INT);
CREATE TABLE shop.paged.p6 (id INT);
CREATE TABLE shop.paged.p7 (id INT);
