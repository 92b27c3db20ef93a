-- Scalar functions where DuckDB's namesake differs from Databricks: regular expressions on
-- every match with $1 references and group 1 by default, Java date-time patterns, Spark's
-- day-of-week numbering, pmod's sign, ceil and floor as BIGINT, log(base, x).
-- rows: [["num-num", "100", ["100", "300"], "200-100", true]]
SELECT regexp_replace('100-200', r'(\d+)', 'num'), regexp_extract('100-200', '(\\d+)-(\\d+)', 1), regexp_extract_all('100-200, 300-400', r'(\d+)-(\d+)', 1), regexp_replace('100-200', '(\\d+)-(\\d+)', '$2-$1'), rlike('abc', 'b');
-- rows: [[["one", "two", "three", ""], "parkSQ", "???hi", "hi   ", "Spark Sql", "a.b"]]
SELECT split('oneAtwoBthreeC', '[ABC]'), btrim('SSparkSQLS', 'SL'), lpad('hi', 5, '??'), rpad('hi', 5), initcap('sPark sql'), substring_index('a.b.c', '.', 2);
-- rows: [[4, 0, 7, "San Francisco", "QqQQnnn-@$#", true, 9]]
SELECT locate('bar', 'foobarbar'), locate('x', 'foobarbar'), locate('bar', 'foobarbar', 5), decode(2, 1, 'Southlake', 2, 'San Francisco', 'Other'), mask('AbCD123-@$#', 'Q', 'q'), luhn_check('79927398713'), octet_length(x'537061726b2053514c');
-- rows: [["2016-04-08", "2016-04-08 00:00:00", "2016", "2009-07-31", "2016-09-30", 5, 3, -1]]
SELECT to_date('08/04/2016', 'dd/MM/yyyy'), date_format(to_date('2016-04-08'), 'yyyy-MM-dd HH:mm:ss'), date_format(DATE '2016-04-08', 'y'), date_add('2009-07-30', 1), add_months('2016-08-31', 1), dayofweek('2009-07-30'), weekday('2009-07-30'), datediff('2009-07-30', '2009-07-31');
-- rows: [[3.94959677, "2015-01-20", "Wed", "Feb"]]
SELECT months_between('1997-02-28 10:30:00', '1996-10-30'), next_day('2015-01-14', 'TU'), dayname(DATE '2008-02-20'), monthname('2008-02-20');
-- rows: [[1, 2, -1, 1, 3.0, 1]]
SELECT pmod(10, 3), pmod(-10, 3), ceil(-1.5), floor(1.5), log(2, 8), 3 div 2;
-- rows: [[3.142, 1000.0, 120, null, true, 8]]
SELECT ceil(3.1411, 3), ceil(3.1411, -3), factorial(5), factorial(21), isnan(asin(2)), shiftleft(2, 2);
-- rows: [["5d41402abc4b2a76b9719d911017c592", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"]]
SELECT md5('hello'), sha1('hello'), sha2('hello', 256);
-- error: UNSUPPORTED_FEATURE
SELECT sha2('hello', 384);
-- error: INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER
SELECT date_format(DATE '2016-04-08', 'yyyy-qq');
-- URLs and NULL predicates.
-- rows: [["spark.apache.org", "1", "/path", "http", null, "https%3A%2F%2Fspark.apache.org", "https://spark.apache.org"]]
SELECT parse_url('http://spark.apache.org/path?query=1', 'HOST'), parse_url('http://spark.apache.org/path?query=1', 'QUERY', 'query'), parse_url('http://spark.apache.org/path?query=1', 'PATH'), parse_url('http://spark.apache.org/path?query=1', 'PROTOCOL'), parse_url('http://spark.apache.org/path', 'REF'), url_encode('https://spark.apache.org'), url_decode('https%3A%2F%2Fspark.apache.org');
-- rows: [[true, false, false, true, false, null]]
SELECT equal_null(NULL, NULL), equal_null(1, NULL), isnull(1), isnotnull(1), ! true, ! NULL;
-- SELECT * EXCEPT and QUALIFY.
-- rows: [[1, 3]]
SELECT * EXCEPT (b) FROM VALUES (1, 2, 3) AS t(a, b, c);
-- rows: [[0], [1]]
SELECT x FROM range(5) AS t(x) QUALIFY row_number() OVER (ORDER BY x) <= 2;
-- rows: [[1]]
SELECT 1 AS a EXCEPT SELECT 2;
-- TIME values and the Spark 4 time functions.
-- rows: [["14:30:00.5", 52200500000, "52200.500000", "09:00:00", -8, "12:10:05", 86399999]]
SELECT time_from_micros(52200500000), time_to_micros(TIME'14:30:00.5'), time_to_seconds(TIME'14:30:00.5'), time_trunc('HOUR', TIME'09:32:05.359'), time_diff('HOUR', TIME'20:30:29', TIME'12:00:00'), to_time('12.10.05', 'HH.mm.ss'), time_to_millis(TIME'23:59:59.999');
-- rows: [["2014-12-28T06:30:45.887Z", "2014-12-28T06:30:45.887Z", "12,332.1235", "Hello World 100 days"]]
SELECT make_timestamp(2014, 12, 28, 6, 30, 45.887), make_timestamp(DATE'2014-12-28', TIME'6:30:45.887'), format_number(12332.123456, 4), format_string('Hello World %d %s', 100, 'days');
-- rows: [["2014-12-28T05:30:45.887Z", "2014-12-28 06:30:45.887", null]]
SELECT make_timestamp(2014, 12, 28, 6, 30, 45.887, 'CET'), make_timestamp_ntz(2014, 12, 28, 6, 30, 45.887), try_make_timestamp(2024, 13, 22, 15, 30, 0);
-- NaN and infinity come back as Spark prints them; number parsing; DISTINCT in aggregates.
-- rows: [["NaN", "Infinity", "14:30:00", "12454", "454.00", "2016-12-31 00:12:00"]]
SELECT asin(2), CAST('inf' AS DOUBLE), time_from_seconds(52200), to_number('12,454', '99,999'), to_number('454.00', '000.00'), CAST(to_timestamp_ntz('2016-12-31 00:12:00') AS STRING);
-- rows: [[2, 1.0]]
SELECT size(collect_set(DISTINCT col)), std(x) FROM VALUES ('a', 1), ('a', 2), ('b', 3) AS tab(col, x);
-- substr and overlay in their SQL-standard forms, with Spark's positions.
-- rows: [["k SQL", "SQL", "k", "Spark CORE", "Structured SQL", "SQ", "Sp"]]
SELECT substr('Spark SQL' FROM 5), substr('Spark SQL' FROM -3), substr('Spark SQL' FROM 5 FOR 1), overlay('Spark SQL' PLACING 'CORE' FROM 7), overlay('Spark SQL' PLACING 'tructured' FROM 2 FOR 4), substring('Spark SQL', -3, 2), substr('Spark SQL', 0, 2);
-- concat is NULL when an argument is (Databricks' ANSI semantics), and joins arrays.
-- rows: [[null, "SparkSQL", [1, 2, 3], "", "12"]]
SELECT concat('a', NULL), concat('Spark', 'SQL'), concat(array(1, 2), array(3)), concat(), concat(1, 2);
-- abs, sign and width_bucket of intervals; the >>> operator as shiftrightunsigned.
-- rows: [["1-1", -1.0, 1.0, 3, -1.0, 2, 2, 1]]
SELECT abs(INTERVAL -'1-1' YEAR TO MONTH), sign(INTERVAL -'100' YEAR), signum(INTERVAL '1' DAY), abs(-3), sign(-2.5), width_bucket(INTERVAL '1' DAY, INTERVAL '0' DAY, INTERVAL '10' DAY, 10), width_bucket(INTERVAL '1' YEAR, INTERVAL '0' YEAR, INTERVAL '10' YEAR, 10), width_bucket(INTERVAL '0' YEAR, INTERVAL '0' YEAR, INTERVAL '10' YEAR, 10);
-- rows: [[2, 2147483646, 4611686018427387903, 4, 8, true]]
SELECT 4 >>> 1 AS a, -4 >>> 1 b, -4L >>> 1 + 1 c, 16 >>> 1 >>> 1 d, 1 + 15 >>> CASE WHEN true THEN 1 END e, x >>> 2 = 1 f FROM VALUES (4) AS t(x) WHERE x >>> 1 = 2;
-- error: PARSE_SYNTAX_ERROR
SELECT >>> 1;
-- Three `>` closing nested types are not the operator.
-- rows: [[null, {"a": [{"b": 1}]}]]
SELECT CAST(NULL AS ARRAY<MAP<STRING, ARRAY<INT>>>), from_json('{"a": [{"b": 1}]}', 'STRUCT<a: ARRAY<STRUCT<b: INT>>>');
