-- The session time zone (SET TIME ZONE, spark.sql.session.timeZone): times are read and shown
-- in it; ANSI arithmetic raises Databricks' errors and the try_ forms return NULL; LIKE escapes
-- with a backslash. Results here come back as the statement API shows them (TIMESTAMP as an
-- ISO instant, TIMESTAMP_NTZ as a wall clock).
-- rows: []
SET TIME ZONE 'America/Los_Angeles';
-- rows: [["America/Los_Angeles", "1969-12-31 16:00:00", 1460098800, "2008-12-25T15:30:00.123Z"]]
SELECT current_timezone(), from_unixtime(0, 'yyyy-MM-dd HH:mm:ss'), unix_timestamp('2016-04-08', 'yyyy-MM-dd'), timestamp_millis(1230219000123);
-- rows: [["2021-12-06 00:00:00", "2016-08-30T22:00:00.000Z", "2016-08-31T16:00:00.000Z", "1"]]
SELECT convert_timezone('Europe/Brussels', timestamp_ntz'2021-12-05 15:00:00'), to_utc_timestamp('2016-08-31', 'Asia/Seoul'), from_utc_timestamp('2016-08-31', 'Asia/Seoul'), CAST(unix_seconds(TIMESTAMP'1970-01-01 00:00:01Z') AS STRING);
-- A wall clock is read in the session's zone: 10:00 in Los Angeles is 18:00 UTC.
-- rows: [["2020-01-01T18:00:00.000Z", 10]]
SELECT TIMESTAMP'2020-01-01 10:00:00', hour(TIMESTAMP'2020-01-01 10:00:00');
-- error: INVALID_CONF_VALUE.TIME_ZONE
SET TIME ZONE 'Mars/Olympus';
-- rows: [["spark.sql.session.timezone", "UTC"]]
SET spark.sql.session.timeZone = 'UTC';
-- rows: [["UTC", "1970-01-01 00:00:00"]]
SELECT current_timezone(), from_unixtime(0, 'yyyy-MM-dd HH:mm:ss');
-- rows: []
SET TIME ZONE LOCAL;
-- ANSI: overflow is an error naming the try_ function; the try_ forms answer NULL.
-- error: ARITHMETIC_OVERFLOW
SELECT CAST(2147483647 AS INT) + 1;
-- error: ARITHMETIC_OVERFLOW
SELECT sum(x) FROM VALUES (9223372036854775807L), (1L) AS t(x);
-- rows: [[null, null, null, null, 3, "1.0", 30]]
SELECT try_add(2147483647, 1), try_subtract(-2147483648, 1), try_multiply(-2147483648, 10), try_mod(1, 0), try_add(1, 2), try_mod(3.0, 2.0), (SELECT try_sum(x) FROM VALUES (5), (10), (15) AS t(x));
-- rows: [[null, 3, 0, 2, 2147483646, 9223372036854775806]]
SELECT (SELECT try_sum(x) FROM VALUES (9223372036854775807L), (1L) AS t(x)), width_bucket(-0.9, 5.2, 0.5, 2), width_bucket(-2.1, 1.3, 3.4, 3), shiftrightunsigned(4, 1), shiftrightunsigned(-4, 1), shiftrightunsigned(-4L, 1);
-- LIKE escapes with a backslash; the function forms too.
-- rows: [["\\abc", true, true, true, false]]
SELECT '\\abc' AS s, s LIKE r'\\abc', s LIKE '\\\\abc', ilike('Spark', '_Park'), like('a_c', 'a\\_d');
-- rows: [[[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [4, null, 1, 2, 3], null]]
SELECT array_insert(array(1, 2, 3, 4), 5, 5), array_insert(array(5, 4, 3, 2), -1, 1), array_insert(array(1, 2, 3), -5, 4), array_append(CAST(NULL AS ARRAY<INT>), 2);
-- error: INVALID_INDEX_OF_ZERO
SELECT array_insert(array(1), 0, 1);
-- extract and date_part take Spark's fields: seconds with their fraction, Sunday as day 1.
-- rows: [["1.000001", "1.000001", 2020, 64, 10, 4, 3, 10]]
SELECT extract(SECONDS FROM TIMESTAMP_NTZ'2019-10-01 00:00:01.000001'), date_part('SECONDS', TIMESTAMP_NTZ'2019-10-01 00:00:01.000001'), extract(YEAR FROM DATE'2020-03-04'), date_part('doy', DATE'2020-03-04'), extract(week FROM DATE'2020-03-04'), extract(DAYOFWEEK FROM DATE'2020-03-04'), extract(DOW_ISO FROM DATE'2020-03-04'), datepart('HOUR', TIMESTAMP_NTZ'2020-01-01 10:00:00');
-- error: INVALID_EXTRACT_FIELD
SELECT extract(FOO FROM DATE'2020-01-01');
-- ANSI division: a zero divisor of /, %, div, mod or pmod is DIVIDE_BY_ZERO, whatever the
-- divisor's shape (a column, a call, a cast, a subscript); try_divide and try_mod answer NULL.
-- error: DIVIDE_BY_ZERO
SELECT 1 / 0;
-- error: DIVIDE_BY_ZERO
SELECT 1.5 / 0.0;
-- error: DIVIDE_BY_ZERO
SELECT x / y FROM VALUES (1, 2), (3, 0) AS t(x, y);
-- error: DIVIDE_BY_ZERO
SELECT 7 div 0;
-- error: DIVIDE_BY_ZERO
SELECT 7 % (1 - 1);
-- error: DIVIDE_BY_ZERO
SELECT mod(7, 0);
-- error: DIVIDE_BY_ZERO
SELECT pmod(7, 0);
-- error: DIVIDE_BY_ZERO
SELECT 10 / array(0, 1)[0];
-- error: DIVIDE_BY_ZERO
SELECT 10 / sum(x) OVER () FROM VALUES (0) AS t(x);
-- rows: [[0.5, null, 5.0, -15.0, 2, 1, 3, 2, null, null]]
SELECT (SELECT x / nullif(y, 0) FROM VALUES (1, 2) AS t(x, y)), (SELECT x / nullif(y, 0) FROM VALUES (3, 0) AS t(x, y)), 10 / (SELECT 2), 10 / -2 * 3, 7 div 3, -7 % 3 + 2, 7 % CAST('4' AS INT), pmod(-7, 3), try_divide(1, 0), try_mod(1, 0);
-- CAST to an integral type as Spark does it: fractions cut toward zero (CAST, ::, int()), a
-- TIMESTAMP gives its seconds since the epoch (floored), a string must be a whole number,
-- out of range is CAST_OVERFLOW, a DATE cannot be cast; TRY_CAST answers NULL.
-- rows: [[2, -2, 2, 2, -2, 9, null, 12, 1, 1577836801, -1, 9223372036854775807, 2147483647]]
SELECT CAST(2.5 AS INT), CAST(-2.5 AS INT), CAST(2.7D AS INT), 2.5::int, -2.7::bigint, int(9.9), TRY_CAST('2.5' AS INT), CAST(' 12 ' AS INT), CAST(true AS TINYINT), CAST(TIMESTAMP'2020-01-01 00:00:01.9Z' AS BIGINT), CAST(TIMESTAMP'1969-12-31 23:59:59.5Z' AS BIGINT), CAST('9223372036854775807' AS BIGINT), CAST(2147483647.9D AS INT);
-- error: CAST_INVALID_INPUT
SELECT CAST('2.5' AS INT);
-- error: CAST_INVALID_INPUT
SELECT CAST(x AS INT) FROM VALUES ('1'), ('x') AS t(x);
-- error: CAST_OVERFLOW
SELECT CAST(1e20 AS BIGINT);
-- error: CAST_OVERFLOW
SELECT CAST(300 AS TINYINT);
-- error: CAST_OVERFLOW
SELECT CAST(12345678901234567890.5 AS BIGINT);
-- error: DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION
SELECT CAST(DATE'2020-01-01' AS INT);
-- rows: [[null, null, 1]]
SELECT try_cast(12345678901234567890.5 AS BIGINT), try_cast(1e20 AS INT), try_cast('1' AS SMALLINT);
-- date_format's zone offsets come from the session's zone at the value's instant, in Java's
-- forms (X writes Z for UTC; x and Z never do).
-- rows: []
SET TIME ZONE 'Asia/Kolkata';
-- rows: [["2015-08-26T05:30:00.000+05:30", "+0530 +0530 +05:30 +0530 +0530 GMT+05:30"]]
SELECT date_format(TIMESTAMP'2015-08-26 00:00:00Z', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), date_format(TIMESTAMP'2015-08-26 00:00:00Z', 'X XX XXX x Z ZZZZ');
-- rows: []
SET TIME ZONE 'UTC';
-- rows: [["2015-08-26T00:00:00.000Z", "+00 +0000"]]
SELECT date_format(TIMESTAMP'2015-08-26 00:00:00Z', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), date_format(DATE'2015-08-26', 'x Z');
-- rows: []
SET TIME ZONE LOCAL;
-- A TIMESTAMP cast to text is the session's wall-clock time, without a zone offset.
SET TIME ZONE 'America/Los_Angeles';
-- rows: [["2020-01-01 01:55:10", "2020-01-01 01:55:10.5", "2020-01-01 01:55:10"]]
SELECT CAST(TIMESTAMP '2020-01-01 09:55:10Z' AS STRING), string(TIMESTAMP '2020-01-01 09:55:10.5Z'), TIMESTAMP '2020-01-01 09:55:10Z'::string;
