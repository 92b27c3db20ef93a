-- Arrays, maps and structs: constructors, Spark's functions over them (1-based element_at,
-- 0-based get, NULL kept by array_distinct), lambdas, and their values in result rows.
-- rows: [[[1, 2, 3], {"a": 1, "b": "x"}, {"1": "a", "2": "b"}]]
SELECT array(1, 2, 3), named_struct('a', 1, 'b', 'x'), map(1, 'a', 2, 'b');
-- rows: [[{"col1": 1, "col2": "a"}, []]]
SELECT struct(1, 'a'), array();
-- rows: [[true, null, false, null]]
SELECT array_contains(array(1, 2), 2), array_contains(array(1, null), 3), array_contains(array(1, 2), 3), array_contains(array(1), null);
-- rows: [[[1, 2, null, 3], [1, 3], [1, 2], [1, 2, 3, 5]]]
SELECT array_distinct(array(1, 2, 2, null, 3, null)), array_except(array(1, 2, 3), array(2)), array_intersect(array(1, 2, 3), array(1, 2, 4)), array_union(array(1, 2, 3), array(1, 3, 5));
-- rows: [[3, 0, 2, 3, null]]
SELECT array_position(array(3, 2, 1), 1), array_position(array(3, 2, 1), 9), element_at(array(1, 2, 3), 2), element_at(array(1, 2, 3), -1), get(array(1, 2, 3), 3);
-- rows: [["a,b", "a,x,b", [1, 2, null], [null, 1, 3], [3, 1, null]]]
SELECT array_join(array('a', null, 'b'), ','), array_join(array('a', null, 'b'), ',', 'x'), array_remove(array(1, 2, 3, null, 3), 3), sort_array(array(3, null, 1)), sort_array(array(3, null, 1), false);
-- rows: [[[1, 2, 3, 4, 5], [5, 4, 3], [1, 3, 5], [2, 3], [3, 4]]]
SELECT sequence(1, 5), sequence(5, 3), sequence(1, 5, 2), slice(array(1, 2, 3, 4), 2, 2), slice(array(1, 2, 3, 4), -2, 2);
-- rows: [[[{"0": 1, "1": 2}, {"0": 2, "1": null}], true, null, 3]]
SELECT arrays_zip(array(1, 2), array(2)), arrays_overlap(array(1, 2), array(2, 3)), arrays_overlap(array(1, null), array(3)), array_size(array(1, 2, 3));
-- Higher-order functions: Spark's lambda syntax, its 0-based index, its three-valued logic.
-- rows: [[[2, 3, 4], [2, 3], [2, 3], 6, 60]]
SELECT transform(array(1, 2, 3), x -> x + 1), filter(array(1, 2, 3), x -> x > 1), filter(array(0, 2, 3), (x, i) -> x > i), aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x), aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 10);
-- rows: [[true, null, false, null, [4, 6], [1, 5, 6]]]
SELECT exists(array(1, 2), x -> x = 2), exists(array(1, null), x -> x = 2), forall(array(1, 2), x -> x > 1), forall(array(2, null), x -> x > 1), zip_with(array(1, 2), array(3, 4), (x, y) -> x + y), array_sort(array(5, 6, 1), (l, r) -> CASE WHEN l < r THEN -1 WHEN l > r THEN 1 ELSE 0 END);
-- rows: [[{"1": 0, "3": -1}, {"2": 1, "3": 2}, {"a": 2, "b": 4}, {"a": 1, "b": 5, "c": 4}]]
SELECT map_filter(map(1, 0, 2, 2, 3, -1), (k, v) -> k > v), transform_keys(map(1, 1, 2, 2), (k, v) -> k + 1), transform_values(map('a', 1, 'b', 2), (k, v) -> v * 2), map_zip_with(map('a', 1, 'b', 2), map('b', 3, 'c', 4), (k, v1, v2) -> coalesce(v1, 0) + coalesce(v2, 0));
-- rows: [[[1, 2], ["a", "b"], true, "b", {"a": "1", "b": "2"}, {"1": "a", "2": "b"}]]
SELECT map_keys(map(1, 'a', 2, 'b')), map_values(map(1, 'a', 2, 'b')), map_contains_key(map(1, 'a'), 1), element_at(map(1, 'a', 2, 'b'), 2), str_to_map('a:1,b:2'), map_from_entries(array(struct(1, 'a'), struct(2, 'b')));
-- Collections in tables and aggregates.
CREATE TABLE sales (region STRING, amount INT);
INSERT INTO sales VALUES ('eu', 10), ('eu', NULL), ('us', 5), ('eu', 10);
-- rows: [["eu", [10, 10], [10]], ["us", [5], [5]]]
SELECT region, collect_list(amount), collect_set(amount) FROM sales GROUP BY region ORDER BY region;
-- Wrong arity and wrong lambdas are Databricks errors.
-- error: WRONG_NUM_ARGS.WITHOUT_SUGGESTION
SELECT array_contains(array(1));
-- error: WRONG_NUM_ARGS.WITHOUT_SUGGESTION
SELECT map(1, 2, 3);
-- error: INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH
SELECT map_filter(map(1, 2), x -> x > 1);
-- error: DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING
SELECT named_struct(1, 2);
-- Complex types as CAST targets, in Databricks' spelling.
-- rows: [[null, ["1", "2"], {"a": 1}, {"k": 1.0}]]
SELECT CAST(null AS ARRAY<INT>), CAST(array(1, 2) AS ARRAY<STRING>), CAST(named_struct('a', 1) AS STRUCT<a: BIGINT>), CAST(map('k', 1) AS MAP<STRING, DOUBLE>);
-- JSON: malformed input is NULL, from_json takes a Databricks schema.
-- rows: [[{"a": 1, "b": 0.8}, null, "b", 4, ["f1", "f2"], "{\"a\":1,\"b\":2}", null]]
SELECT from_json('{"a":1, "b":0.8}', 'a INT, b DOUBLE'), from_json('[1,2', 'ARRAY<INT>'), get_json_object('{"a":"b"}', '$.a'), json_array_length('[1,2,3,4]'), json_object_keys('{"f1":"abc","f2":{"f3":"a"}}'), to_json(named_struct('a', 1, 'b', 2)), json_array_length('[1,2');
-- Generators in the select list.
-- rows: [[0, 10], [1, 20]]
SELECT posexplode(collection => array(10, 20));
-- rows: [[1, 2], [3, null]]
SELECT stack(2, 1, 2, 3);
-- rows: [[1, "a"], [2, "b"]]
SELECT inline(array(struct(1, 'a'), struct(2, 'b')));
-- size and cardinality of arrays and maps; NULL for NULL (ANSI).
-- rows: [[2, 1, null, 2, 0]]
SELECT size(array(1, 2)), cardinality(array(1)), size(NULL), size(map('a', 1, 'b', 2)), cardinality(map());
-- error: DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE
SELECT size('abc');
