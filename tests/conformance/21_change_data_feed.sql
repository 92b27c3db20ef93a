-- Change data feed: with delta.enableChangeDataFeed, UPDATE, DELETE and MERGE write change files
-- and table_changes reads every version's changes (an append's rows as inserts).
CREATE TABLE main.default.feed (id INT, s STRING) TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true');
-- rows: [[3, 3]]
INSERT INTO main.default.feed VALUES (1, 'a'), (2, 'b'), (3, 'c');
-- rows: [[1]]
UPDATE main.default.feed SET s = 'B' WHERE id = 2;
-- rows: [[1]]
DELETE FROM main.default.feed WHERE id = 3;
-- rows: [[2, 1, 0, 1]]
MERGE INTO main.default.feed USING (SELECT * FROM VALUES (1, 'x'), (9, 'n') AS v(id, s)) src ON feed.id = src.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *;
-- rows: [[1, "a", "insert", 1], [2, "b", "insert", 1], [3, "c", "insert", 1], [2, "B", "update_postimage", 2], [2, "b", "update_preimage", 2], [3, "c", "delete", 3], [9, "n", "insert", 4], [1, "x", "update_postimage", 4], [1, "a", "update_preimage", 4]]
SELECT id, s, _change_type, _commit_version FROM table_changes('main.default.feed', 1) ORDER BY _commit_version, _change_type, id;
-- rows: [[3, true]]
SELECT count(*), min(_commit_timestamp) <= max(_commit_timestamp) FROM table_changes('main.default.feed', 2, 3);
-- rows: [[1, "x"], [2, "B"], [9, "n"]]
SELECT * FROM main.default.feed ORDER BY id;
-- contains: minWriterVersion
SHOW TBLPROPERTIES main.default.feed;
-- error: DELTA_INVALID_CDC_RANGE
SELECT * FROM table_changes('main.default.feed', 3, 1);
-- A table without the feed has no change data.
CREATE TABLE main.default.nofeed (id INT);
-- error: DELTA_MISSING_CHANGE_DATA
SELECT * FROM table_changes('main.default.nofeed', 0);
-- An UPDATE that leaves every value as it was changes nothing and commits nothing.
CREATE TABLE main.default.same (id INT, s STRING) TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true');
INSERT INTO main.default.same VALUES (1, 'a'), (2, 'b');
-- rows: [[1]]
UPDATE main.default.same SET s = s WHERE id = 1;
-- rows: [[2, 1]]
SELECT count(*), max(_commit_version) FROM table_changes('main.default.same', 0);
-- A change feed would show what a row filter hides: refused.
CREATE FUNCTION main.default.only_one(x INT) RETURNS BOOLEAN RETURN x = 1;
ALTER TABLE main.default.same SET ROW FILTER main.default.only_one ON (id);
-- error: DELTA_UNSUPPORTED_SOURCE
SELECT * FROM table_changes('main.default.same', 0);
