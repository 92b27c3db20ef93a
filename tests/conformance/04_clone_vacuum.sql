-- Shallow and deep clones, VACUUM and what each survives.
CREATE TABLE src (id INT, v STRING);
INSERT INTO src VALUES (1, 'one'), (2, 'two');
-- rows: [[0, 0, 0, 0, 0, 0]]
CREATE TABLE empty_clone SHALLOW CLONE src VERSION AS OF 0;
CREATE TABLE shallow_c SHALLOW CLONE src;
-- contains: 1
CREATE TABLE deep_c DEEP CLONE src;
CREATE TABLE deep_v0 DEEP CLONE src VERSION AS OF 0;
-- count: 0
SELECT * FROM deep_v0;
-- A shallow clone keeps its data after the source is overwritten.
INSERT OVERWRITE src VALUES (3, 'three');
-- rows: [[1], [2]]
SELECT id FROM shallow_c ORDER BY id;
-- rows: [[3]]
SELECT id FROM src;
-- Vacuum below the default retention needs the safety check off.
-- error: DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT
VACUUM src RETAIN 0 HOURS;
SET spark.databricks.delta.retentionDurationCheck.enabled = false;
-- Exactly the one file the overwrite removed is past a 0-hour retention.
-- count: 1
VACUUM src RETAIN 0 HOURS DRY RUN;
-- count: 0
VACUUM src DRY RUN;
VACUUM src RETAIN 0 HOURS;
-- count: 0
VACUUM src RETAIN 0 HOURS DRY RUN;
-- The deep clone has its own files; the shallow one pointed at the vacuumed file.
-- rows: [[1], [2]]
SELECT id FROM deep_c ORDER BY id;
-- error: DELTA_FILE_NOT_FOUND
SELECT * FROM shallow_c;
-- rows: [[3]]
SELECT id FROM src;
-- Clone metrics and history.
-- contains: CLONE
DESCRIBE HISTORY deep_c;
CREATE OR REPLACE TABLE deep_c DEEP CLONE src TBLPROPERTIES ('cloned' = 'yes');
-- rows: [[3]]
SELECT id FROM deep_c;
-- rows: [["cloned", "yes"]]
SHOW TBLPROPERTIES deep_c ('cloned');
OPTIMIZE deep_c ZORDER BY (id);
-- error: TABLE_OR_VIEW_NOT_FOUND
CREATE TABLE x SHALLOW CLONE does_not_exist;
