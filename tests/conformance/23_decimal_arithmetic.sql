-- DECIMAL arithmetic with Spark's result types: a quotient of decimals is a DECIMAL of scale
-- max(6, s1 + p2 + 1) rounded half up, a product has precision p1 + p2 + 1, sum adds 10
-- digits, avg 4 digits and 4 places; an integer literal next to a decimal has only its own
-- digits; a DOUBLE makes it all DOUBLE; past 38 digits the scale gives way down to 6.
-- rows: [["0.333333", "decimal(7,6)", "-0.166667", "3.75", "decimal(5,2)"]]
SELECT 1.0 / 3, typeof(1.0 / 3), -1.0 / 6, 2.5 * 1.5, typeof(2.5 * 1.5);
-- rows: [["2.50000000", "decimal(17,8)"]]
SELECT CAST(10 AS DECIMAL(10,2)) / CAST(4 AS DECIMAL(5,1)), typeof(CAST(10 AS DECIMAL(10,2)) / CAST(4 AS DECIMAL(5,1)));
-- rows: [["0.3333333333333", "decimal(21,13)", "3.00", "decimal(21,2)", "double"]]
SELECT d / i, typeof(d / i), d * i, typeof(d * i), typeof(d / 2.0D) FROM VALUES (CAST(1 AS DECIMAL(10,2)), 3) AS t(d, i);
-- rows: [["0.11111100", "decimal(9,8)", "0.666666", "decimal(9,6)"]]
SELECT (1.0 / 3) / 3, typeof((1.0 / 3) / 3), 1.0 / 3 * 2, typeof(1.0 / 3 * 2);
-- rows: [["3.35", "decimal(15,2)", "1.675000", "decimal(9,6)", "1.675000"]]
SELECT sum(d), typeof(sum(d)), avg(d), typeof(avg(d)), mean(d) FROM VALUES (CAST(1.10 AS DECIMAL(5,2))), (CAST(2.25 AS DECIMAL(5,2))), (CAST(NULL AS DECIMAL(5,2))) AS t(d);
-- rows: [["a", "1.50000", "1.66667"], ["b", "2.00000", "2.00000"]]
SELECT g, avg(DISTINCT d), avg(d) FILTER (WHERE d < 3) FROM VALUES ('a', 1.0), ('a', 2.0), ('a', 2.0), ('b', 2.0) AS t(g, d) GROUP BY g ORDER BY g;
-- rows: [[1, "1.00000"], [2, "1.50000"], [3, "2.00000"]]
SELECT k, avg(d) OVER (ORDER BY k) FROM VALUES (1, 1.0), (2, 2.0), (3, 3.0) AS t(k, d) ORDER BY k;
-- rows: [["0.500000", 2], ["1.000000", 1]]
SELECT d / 2, count(*) FROM VALUES (1.0), (1.0), (2.0) AS t(d) GROUP BY d / 2 ORDER BY 1;
-- rows: [[null, "1.500000"]]
SELECT try_divide(1.5, 0), try_divide(3.0, 2);
-- error: DIVIDE_BY_ZERO
SELECT 1.5 / 0;
-- error: NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION
SELECT CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)) / 0.1;
-- rows: [["decimal(38,6)"]]
SELECT typeof(CAST(1 AS DECIMAL(38,10)) / CAST(3 AS DECIMAL(38,10)));
CREATE TABLE main.default.dec_t AS SELECT CAST(7 AS DECIMAL(10,2)) / 3 AS q, CAST(2 AS DECIMAL(4,1)) * CAST(3 AS DECIMAL(4,1)) AS p;
-- rows: [["q", "decimal(14,6)", null], ["p", "decimal(9,2)", null]]
DESCRIBE TABLE main.default.dec_t;
-- rows: [["2.333333", "6.00"]]
SELECT q, p FROM main.default.dec_t;
INSERT INTO main.default.dec_t SELECT CAST(1 AS DECIMAL(10,2)) / 6, 1.5 * 2;
-- rows: [["0.166667", "3.00"], ["2.333333", "6.00"]]
SELECT q, p FROM main.default.dec_t ORDER BY q;
CREATE VIEW main.default.dec_v AS SELECT q / 7 AS r FROM main.default.dec_t;
-- rows: [["0.02380957", "decimal(16,8)"], ["0.33333329", "decimal(16,8)"]]
SELECT r, typeof(r) FROM main.default.dec_v ORDER BY r;
