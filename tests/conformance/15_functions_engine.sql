-- Functions computed by engine functions (C++ registered with DuckDB). Spark's hash (Murmur3,
-- seed 42), xxhash64 (seed 42) and crc32 values: each argument folds into the seed the one before left, by its type; a NULL leaves
-- it as it is; arrays, maps and structs fold their elements in order.
-- rows: [[-1321691492, 5602566077635097486, 1557323817]]
SELECT hash('Spark', array(123), 2), xxhash64('Spark', array(123), 2), crc32('Spark');
-- A NULL (and no argument at all) leaves the seed; crc32 of NULL is NULL.
-- rows: [[42, 42, 42, 42, null]]
SELECT hash(NULL), hash(), xxhash64(NULL), xxhash64(CAST(NULL AS STRING)), crc32(CAST(NULL AS BINARY));
-- rows: [[true, true, true]]
SELECT hash('a', NULL, 1) = hash('a', 1), xxhash64(NULL, 'a') = xxhash64('a'), crc32(X'537061726B') = crc32('Spark');
-- Integers narrower than BIGINT hash alike, as Spark widens them to a 4-byte int; -0.0 hashes
-- as 0.0; a BIGINT differs from an INT of the same value.
-- rows: [[true, true, true, true]]
SELECT hash(CAST(7 AS TINYINT)) = hash(7), hash(CAST(7 AS SMALLINT)) = hash(7), hash(-0.0D) = hash(0.0D), hash(7L) != hash(7);
-- Collections fold their elements: an array as its elements, a map as key then value, a
-- struct as its fields.
-- rows: [[true, true, true, true]]
SELECT hash(array(1, 2)) = hash(1, 2), hash(map('a', 1, 'b', 2)) = hash('a', 1, 'b', 2), hash(named_struct('x', 1, 'y', 'z')) = hash(1, 'z'), xxhash64(array('p', 'q')) = xxhash64('p', 'q');
-- Over a table: one value per row, the same as for literals.
-- rows: [[2, true]]
SELECT count(DISTINCT h), bool_or(h = hash('Spark', array(123), 2)) FROM (SELECT hash(s, a, n) AS h FROM VALUES ('Spark', array(123), 2), ('Spark', array(123), 3) AS t(s, a, n));
-- error: UNSUPPORTED_FEATURE
SELECT hash(INTERVAL 1 DAY);
-- UTF-8: validity of strings and binary, U+FFFD for each ill-formed sequence, and
-- INVALID_UTF8_STRING naming the bytes (NULL from the try_ form).
-- rows: [[true, false, false, "Spark", "a\ufffdb", "\ufffd", "Spark", null, null]]
SELECT is_valid_utf8('Spark'), is_valid_utf8(x'80'), is_valid_utf8(x'61C262'), make_valid_utf8('Spark'), make_valid_utf8(x'61C262'), make_valid_utf8(x'80'), validate_utf8('Spark'), try_validate_utf8(x'61C262'), is_valid_utf8(CAST(NULL AS STRING));
-- error: INVALID_UTF8_STRING
SELECT validate_utf8(x'61C262');
-- error: DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE
SELECT is_valid_utf8(1);
-- typeof names the type as Spark does, for a NULL too.
-- rows: [["int", "bigint", "string", "decimal(2,1)", "array<int>", "map<string,int>", "struct<a:int,b:array<string>>", "timestamp", "timestamp_ntz", "date", "boolean", "double"]]
SELECT typeof(1), typeof(1L), typeof('a'), typeof(1.5), typeof(array(1)), typeof(map('a', 1)), typeof(named_struct('a', 1, 'b', array('x'))), typeof(TIMESTAMP'2020-01-01 00:00:00'), typeof(TIMESTAMP_NTZ'2020-01-01 00:00:00'), typeof(DATE'2020-01-01'), typeof(true), typeof(CAST(NULL AS DOUBLE));
