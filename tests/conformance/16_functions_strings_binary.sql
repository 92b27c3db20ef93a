-- String functions whose Spark forms take STRING and BINARY alike (engine functions with one
-- form per type): a STRING counts characters, a BINARY bytes.
-- rows: [[9, 5, 5, "000000AABB", "AABB112211", "???hi", "h", "hi   ", ""]]
SELECT len(x'537061726b2053514c'), length('héllo'), char_length('Spark'), hex(lpad(unhex('aabb'), 5)), hex(rpad(unhex('aabb'), 5, unhex('1122'))), lpad('hi', 5, '??'), lpad('hi', 1, '??'), rpad('hi', 5), lpad('hi', -1);
-- Spark's substring positions: 1-based, 0 as 1, negative from the end, a start before the
-- beginning shortens the slice; FROM and FOR as in the SQL standard.
-- rows: [["k SQL", "SQL", "k", "a", "Spark", "éllo", "0405"]]
SELECT CAST(substring(encode('Spark SQL', 'utf-8'), 5) AS STRING), substring('Spark SQL', -3), substring('Spark SQL' FROM 5 FOR 1), substr('abc', -5, 3), substr('Spark SQL', 0, 5), substring('héllo wörld', 2, 4), hex(substring(x'0102030405', -2));
-- rows: [["Structured SQL", "Spark_SQL", "Spark ANSI SQL"]]
SELECT CAST(overlay(encode('Spark SQL', 'utf-8') PLACING encode('tructured', 'utf-8') FROM 2 FOR 4) AS STRING), overlay('Spark SQL' PLACING '_' FROM 6), overlay('Spark SQL' PLACING 'ANSI ' FROM 7 FOR 0);
-- btrim removes the given characters (bytes of a BINARY) from both ends, spaces unless told.
-- rows: [["parkSQ", "x", "parkSQ", true, false, true, true]]
SELECT CAST(btrim(encode('SSparkSQLS', 'utf-8'), encode('SL', 'utf-8')) AS STRING), btrim('  x '), btrim('SSparkSQLS', 'SL'), startswith(x'537061726b2053514c', x'537061726b'), startswith(x'53', x'5370'), endswith('abc', 'bc'), endswith(x'537061726b2053514c', x'53514c');
-- to_binary reads hex unless told, UTF-8 or base64; try_to_binary is NULL for bad input or an
-- unknown format.
-- rows: [["616263", "616263", "537061726B", null, null, null]]
SELECT hex(to_binary('abc', 'utf-8')), hex(to_binary('616263')), hex(to_binary('U3Bhcms=', 'base64')), try_to_binary('a!', 'base64'), try_to_binary('abc', 'invalidFormat'), len(NULL);
-- error: INVALID_PARAMETER_VALUE.BINARY_FORMAT
SELECT to_binary('abc', 'zzz');
-- A type neither takes is named in Databricks' words, the function by its Databricks name.
-- error: DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE
SELECT lpad(array(1), 2);
-- split with a limit keeps the rest in the last piece; regexp_instr is the 1-based start of
-- the first match; sentences splits sentences into words.
-- rows: [[["one", "twoBthreeC"], ["one", "two", "three", ""], ["a", "b", "c"], 1, 5, 0, [["Hi", "there"], ["Good", "morning"]]]]
SELECT split('oneAtwoBthreeC', '[ABC]', 2), split('oneAtwoBthreeC', '[ABC]', -1), split('abc', ''), regexp_instr(r"\abc", r"^\\abc$"), regexp_instr('xxbab', 'b$'), regexp_instr('abc', 'z'), sentences('Hi there! Good morning.', 'en');
-- A binary literal may leave a space after its X, as Spark's typed literals do.
-- rows: [[16, "FF"]]
SELECT bitmap_count(X 'FFFF'), hex(X 'FF');
-- Functions named after a type cast to it.
-- rows: [[5, "5", "2020-01-01", 1, true, 2.5]]
SELECT int('5'), string(5), date('2020-01-01'), unix_seconds(TIMESTAMP('1970-01-01 00:00:01Z')), boolean('true'), double('2.5');
-- URLs as Java reads them: an invalid one is NULL in the try_ forms and an error otherwise.
-- rows: [[null, "query=1", null, "a b c", "a+b*%7E"]]
SELECT try_parse_url('inva lid://spark.apache.org/path?query=1', 'QUERY'), parse_url('http://spark.apache.org/path?query=1', 'QUERY'), try_url_decode('%'), url_decode('a+b%20c'), url_encode('a b*~');
-- error: INVALID_URL
SELECT parse_url('inva lid://x', 'HOST');
-- error: CANNOT_DECODE_URL
SELECT url_decode('%zz');
-- The RLIKE/REGEXP operator finds the pattern anywhere (across newlines), NULL in NULL out.
-- rows: [[true, false, true, true, null, true]]
SELECT 'abc' RLIKE 'b', 'abc' RLIKE '^b', 'a\nbc' RLIKE 'c$', 'abc' NOT RLIKE 'z', NULL RLIKE 'a', 'x.y' REGEXP '\\.';
