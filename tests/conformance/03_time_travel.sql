-- Time travel (VERSION AS OF, @vN), DESCRIBE HISTORY and RESTORE to every version.
CREATE TABLE main.default.events (id INT, kind STRING);
INSERT INTO main.default.events VALUES (1, 'a');
INSERT INTO main.default.events VALUES (2, 'b');
DELETE FROM main.default.events WHERE id = 1;
-- rows: [[0]]
SELECT count(*) FROM main.default.events VERSION AS OF 0;
-- rows: [[1]]
SELECT count(*) FROM main.default.events VERSION AS OF 1;
-- rows: [[2]]
SELECT count(*) FROM events@v2;
-- rows: [[2]]
SELECT id FROM events;
-- count: 4
DESCRIBE HISTORY events;
-- contains: DELETE
DESCRIBE HISTORY events LIMIT 1;
-- error: DELTA_VERSION_NOT_FOUND
SELECT * FROM events VERSION AS OF 9;
-- rows: [[1, 2]]
SELECT a.id, b.id FROM events VERSION AS OF 1 AS a, events VERSION AS OF 2 b WHERE b.id = 2;
RESTORE TABLE events TO VERSION AS OF 1;
-- rows: [[1, "a"]]
SELECT * FROM events;
-- rows: [[0]]
SELECT count(*) FROM events VERSION AS OF 0;
-- rows: [[1]]
SELECT count(*) FROM events VERSION AS OF 1;
-- rows: [[2]]
SELECT count(*) FROM events VERSION AS OF 2;
-- rows: [[1]]
SELECT count(*) FROM events VERSION AS OF 3;
-- rows: [[1]]
SELECT count(*) FROM events VERSION AS OF 4;
RESTORE events TO VERSION AS OF 2;
-- rows: [[1], [2]]
SELECT id FROM events ORDER BY id;
-- contains: RESTORE
DESCRIBE HISTORY events LIMIT 1;
-- count: 6
DESCRIBE HISTORY events;
-- Timestamp time travel resolves against commit times.
-- error: DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION
SELECT * FROM events TIMESTAMP AS OF '2000-01-01';
-- error: DELTA_TIMESTAMP_GREATER_THAN_COMMIT
SELECT * FROM events TIMESTAMP AS OF '2999-01-01 00:00:00';
-- The second INSERT started before its commit (version 1 then) and ended after it (version 2).
-- rows: [[1]]
SELECT count(*) FROM events TIMESTAMP AS OF (SELECT start_time FROM system.query.history WHERE statement_text LIKE 'INSERT INTO main.default.events VALUES (2%');
-- rows: [[1], [2]]
SELECT id FROM events FOR SYSTEM_TIME AS OF (SELECT end_time FROM system.query.history WHERE statement_text LIKE 'INSERT INTO main.default.events VALUES (2%') ORDER BY id;
-- rows: [[2]]
SELECT count(*) FROM events FOR SYSTEM_VERSION AS OF 2;
