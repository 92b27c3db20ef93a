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
