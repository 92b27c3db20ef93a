-- Interval literals in Spark's forms, and Spark's text for each kind: months alone are a
-- year-month interval (`1-2`), days and time alone a day-time interval, both a calendar
-- interval.
-- rows: [["2021-11", "123 23:55:59.002001000", "5 03:07:00.000000000", "-100-0", "-1-1", "0-1", "0 05:00:30.001001000", "0-0", "1 12:00:00.000000000"]]
SELECT INTERVAL '2021-11' YEAR TO MONTH, INTERVAL '123 23:55:59.002001' DAY TO SECOND, interval 5 days 3 hours 7 minutes, INTERVAL -'100' YEAR, INTERVAL -'1-1' YEAR TO MONTH, INTERVAL '1' MONTH, interval 5 hours 30 seconds 1 milliseconds 1 microseconds, INTERVAL '0' SECOND, INTERVAL 36 HOURS;
-- rows: [["10 10:30:00.000000000", "0 01:02:03.500000000", "-0 00:00:01.000000000", "2 00:00:00.000000000"]]
SELECT INTERVAL '10 10:30' DAY TO MINUTE, INTERVAL '01:02:03.5' HOUR TO SECOND, INTERVAL '-1' SECOND, INTERVAL 2 DAYS;
-- The fields of an interval; SECOND with its fraction.
-- rows: [[55, 11, 5, "30.001001"]]
SELECT extract(MINUTE FROM INTERVAL '123 23:55:59.002001' DAY TO SECOND), date_part('MONTH', INTERVAL '2021-11' YEAR TO MONTH), extract(days FROM interval 5 days 3 hours 7 minutes), extract(seconds FROM interval 5 hours 30 seconds 1 milliseconds 1 microseconds);
-- error: INVALID_INTERVAL_FORMAT.INPUT_FORMAT
SELECT INTERVAL '1-13' YEAR TO MONTH;
-- error: INVALID_INTERVAL_FORMAT.INPUT_FORMAT
SELECT INTERVAL '1 25:00:00' DAY TO SECOND;
-- error: INVALID_INTERVAL_FORMAT.INPUT_FORMAT
SELECT INTERVAL '1' YEAR TO SECOND;
-- The constructors: a part left out is 0, a NULL part makes the result NULL.
-- rows: [["1-2", "-0-11", "1 12:30:01.001001000", null, "1 months 1 days 1 minutes 40.000001 seconds", "100 years 11 months 8 days 12 hours 30 minutes 1.001001 seconds", null]]
SELECT make_ym_interval(1, 2), make_ym_interval(-1, 1), make_dt_interval(1, 12, 30, 01.001001), make_dt_interval(100, null, 3), make_interval(0, 1, 0, 1, 0, 0, 100.000001), try_make_interval(100, 11, 1, 1, 12, 30, 01.001001), try_make_interval(2147483647);
-- error: ARITHMETIC_OVERFLOW
SELECT make_interval(2147483647);
-- Arithmetic keeps the kind; interval columns of a table read back alike.
-- rows: [["3-0", "3-0", "0 02:00:00.000000000"]]
SELECT interval 1 year + interval 2 year, try_add(interval 1 year, interval 2 year), INTERVAL 1 HOUR * 2;
-- rows: [["0-10"]]
SELECT mode(col) FROM VALUES (INTERVAL '0' MONTH), (INTERVAL '10' MONTH), (INTERVAL '10' MONTH) AS tab(col);
