-- Sketch functions as exact sketches: every estimate is exact.
-- rows: [[6, 3, 3, 3]]
SELECT (SELECT kll_sketch_get_n_bigint(kll_merge_agg_bigint(sketch)) FROM (SELECT kll_sketch_agg_bigint(col) AS sketch FROM VALUES (1), (2), (3) tab(col) UNION ALL SELECT kll_sketch_agg_bigint(col) AS sketch FROM VALUES (4), (5), (6) tab(col))), (SELECT theta_sketch_estimate(theta_sketch_agg(col, 12)) FROM VALUES (1), (1), (2), (2), (3) tab(col)), (SELECT hll_sketch_estimate(hll_sketch_agg(col, 12)) FROM VALUES (1), (1), (2), (2), (3) tab(col)), (SELECT kll_sketch_get_quantile_bigint(kll_sketch_agg_bigint(col), 0.5) FROM VALUES (1), (2), (3), (4), (5) t(col));
-- rows: [[3.0]]
SELECT tuple_sketch_estimate_integer(tuple_sketch_agg_integer(key, summary, 12, 'sum')) FROM VALUES (1, 5), (1, 1), (2, 2), (2, 3), (3, 2) tab(key, summary);
-- A sketch made elsewhere is refused, not misread.
-- error: KLL_INVALID_INPUT_SKETCH_BUFFER
SELECT kll_sketch_get_n_bigint(X'0102030405060708');
-- conv between bases (a negative target base is signed); schema_of_json; sql_keywords().
-- rows: [["-16", "4", "FF", null, "ARRAY<STRUCT<col: BIGINT>>"]]
SELECT conv(-10, 16, -10), conv('100', 2, 10), conv(255, 10, 16), conv('1', 1, 10), schema_of_json('[{"col":0}]');
-- rows: [["ADD", false], ["AFTER", false]]
SELECT * FROM sql_keywords() LIMIT 2;
-- to_json with sorted keys; reverse of arrays and strings.
-- rows: [["{\"a\":2,\"b\":1}", [3, 4, 1, 2], "cba", ["b", "a"]]]
SELECT to_json(named_struct('b', 1, 'a', 2), map('sortKeys', 'true')), reverse(array(2, 1, 4, 3)), reverse('abc'), reverse(split('a,b', ','));
