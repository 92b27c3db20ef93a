-- Deletion vectors: with delta.enableDeletionVectors, DELETE marks rows in a vector beside the
-- data file instead of rewriting it; every reader leaves those rows out; REORG … APPLY (PURGE)
-- rewrites the files without them.
CREATE TABLE main.default.dv (id INT, s STRING) TBLPROPERTIES ('delta.enableDeletionVectors' = 'true');
-- rows: [[4, 4]]
INSERT INTO main.default.dv VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');
-- rows: [[1]]
DELETE FROM main.default.dv WHERE id = 2;
-- rows: [[1, "a"], [3, "c"], [4, "d"]]
SELECT * FROM main.default.dv ORDER BY id;
-- A second DELETE on the same file widens its vector.
-- rows: [[2]]
DELETE FROM main.default.dv WHERE id IN (2, 3, 4);
-- rows: [[1, "a"]]
SELECT * FROM main.default.dv ORDER BY id;
-- Time travel reads the version before the vectors.
-- rows: [[4]]
SELECT count(*) FROM main.default.dv VERSION AS OF 1;
-- contains: numDeletionVectorsAdded
DESCRIBE HISTORY main.default.dv;
-- Clones carry the vectors with the files.
CREATE TABLE main.default.dv_shallow SHALLOW CLONE main.default.dv;
CREATE TABLE main.default.dv_deep DEEP CLONE main.default.dv;
-- rows: [[1, 1]]
SELECT (SELECT count(*) FROM main.default.dv_shallow), (SELECT count(*) FROM main.default.dv_deep);
-- Aggregates, filters and joins see the same rows.
-- rows: [[1, 1]]
SELECT count(*), sum(id) FROM main.default.dv WHERE s IS NOT NULL;
-- count: 1
REORG TABLE main.default.dv APPLY (PURGE);
-- rows: [[1, "a"]]
SELECT * FROM main.default.dv;
-- The change data feed with deletion vectors records the deleted rows.
CREATE TABLE main.default.dvf (id INT) TBLPROPERTIES ('delta.enableDeletionVectors' = 'true', 'delta.enableChangeDataFeed' = 'true');
INSERT INTO main.default.dvf VALUES (1), (2), (3);
DELETE FROM main.default.dvf WHERE id = 2;
-- rows: [[2, "delete", 2]]
SELECT id, _change_type, _commit_version FROM table_changes('main.default.dvf', 2);
-- error: UNSUPPORTED_FEATURE
REORG TABLE main.default.dv APPLY (UPGRADE UNIFORM (ICEBERG_COMPAT_VERSION = 2));
-- UPDATE and MERGE with deletion vectors mark the rows they change and write only the new rows.
CREATE TABLE main.default.dvu (id INT, s STRING) TBLPROPERTIES ('delta.enableDeletionVectors' = 'true', 'delta.enableChangeDataFeed' = 'true');
INSERT INTO main.default.dvu VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');
-- rows: [[1]]
UPDATE main.default.dvu SET s = 'B' WHERE id = 2;
-- rows: [[3, 1, 1, 1]]
MERGE INTO main.default.dvu USING (SELECT * FROM VALUES (1, 'x'), (3, NULL), (9, 'n') AS v(id, s)) src ON dvu.id = src.id WHEN MATCHED AND src.s IS NULL THEN DELETE WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *;
-- rows: [[1, "x"], [2, "B"], [4, "d"], [9, "n"]]
SELECT * FROM main.default.dvu ORDER BY id;
-- rows: [[2, "b", "update_preimage"], [2, "B", "update_postimage"], [1, "a", "update_preimage"], [1, "x", "update_postimage"], [9, "n", "insert"], [3, "c", "delete"]]
SELECT id, s, _change_type FROM table_changes('main.default.dvu', 2) ORDER BY _commit_version, _change_type DESC, id;
-- contains: numDeletionVectorsAdded
DESCRIBE HISTORY main.default.dvu;
-- A DELETE that matches nothing, a MERGE that only inserts, and RESTORE across a vector.
CREATE TABLE main.default.dve (id INT) TBLPROPERTIES ('delta.enableDeletionVectors' = 'true');
-- rows: [[0]]
DELETE FROM main.default.dve WHERE id = 1;
-- rows: [[2, 0, 0, 2]]
MERGE INTO main.default.dve USING (SELECT * FROM VALUES (1), (2) AS v(id)) src ON dve.id = src.id WHEN NOT MATCHED THEN INSERT *;
-- rows: [[0]]
DELETE FROM main.default.dve WHERE id = 99;
-- rows: [[1]]
DELETE FROM main.default.dve WHERE id = 2;
-- rows: [[1]]
SELECT count(*) FROM main.default.dve;
RESTORE TABLE main.default.dve TO VERSION AS OF 1;
-- rows: [[1], [2]]
SELECT id FROM main.default.dve ORDER BY id;
