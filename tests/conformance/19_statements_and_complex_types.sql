-- ARRAY, MAP and STRUCT columns: created, written, read back, in DESCRIBE and
-- information_schema with Databricks' names, through CTAS, clones, time travel and DML.
CREATE TABLE main.default.nested (id INT NOT NULL, a ARRAY<INT>, m MAP<STRING, INT>, st STRUCT<x: INT, `y z`: ARRAY<STRING> COMMENT 'c'>);
-- rows: [[2, 2]]
INSERT INTO main.default.nested VALUES (1, array(1, 2), map('x', 1), named_struct('x', 1, 'y z', array('q'))), (2, array(), map(), NULL);
-- rows: [[1, [1, 2], {"x": 1}, {"x": 1, "y z": ["q"]}], [2, [], {}, null]]
SELECT * FROM main.default.nested ORDER BY id;
-- rows: [["id", "int", null], ["a", "array<int>", null], ["m", "map<string,int>", null], ["st", "struct<x:int,y z:array<string>>", null]]
DESCRIBE TABLE main.default.nested;
-- rows: [["a", "ARRAY", "array<int>"], ["id", "INT", "int"], ["m", "MAP", "map<string,int>"], ["st", "STRUCT", "struct<x:int,y z:array<string>>"]]
SELECT column_name, data_type, full_data_type FROM main.information_schema.columns WHERE table_name = 'nested' ORDER BY column_name;
CREATE TABLE main.default.nested_copy AS SELECT * FROM main.default.nested;
CREATE TABLE main.default.nested_clone SHALLOW CLONE main.default.nested;
-- rows: [[1, {"x": 1, "y z": ["q"]}, 2]]
SELECT c.id, c.st, (SELECT count(*) FROM main.default.nested_clone) FROM main.default.nested_copy VERSION AS OF 0 AS c WHERE c.id = 1;
-- rows: [[1]]
UPDATE main.default.nested SET a = array(9), m = map('k', 5) WHERE id = 2;
ALTER TABLE main.default.nested ADD COLUMN z ARRAY<STRUCT<q: DOUBLE>>;
-- rows: [[2, [9], {"k": 5}, null], [1, [1, 2], {"x": 1}, null]]
SELECT id, a, m, z FROM main.default.nested ORDER BY id DESC;
-- rows: [[[1, 2]]]
SELECT a FROM main.default.nested VERSION AS OF 1 WHERE id = 1;
-- LATERAL VIEW: explode, posexplode, OUTER, map entries, inline, default column names.
-- rows: [[1, 1], [1, 2], [2, 9]]
SELECT id, x FROM main.default.nested LATERAL VIEW explode(a) tt AS x ORDER BY id, x;
-- rows: [[1, 0, 1], [1, 1, 2]]
SELECT id, p, v FROM main.default.nested LATERAL VIEW posexplode(a) tt AS p, v WHERE id = 1 ORDER BY p;
-- rows: [[1, "x", 1], [2, "k", 5]]
SELECT id, k, v FROM main.default.nested LATERAL VIEW explode(m) tt AS k, v ORDER BY id;
-- rows: [[2, 9], [3, null]]
SELECT i, col FROM (SELECT 2 AS i, array(9) AS arr UNION ALL SELECT 3, array()) LATERAL VIEW OUTER explode(arr) tt ORDER BY i;
-- rows: [[1, "z"]]
SELECT p, q FROM (SELECT 1 AS one) LATERAL VIEW inline(array(named_struct('p', 1, 'q', 'z'))) tt AS p, q;
-- error: UNSUPPORTED_FEATURE
SELECT * FROM main.default.nested LATERAL VIEW stack(2, 1, 2) tt AS x;
-- IDENTIFIER turns a string into the name it holds, anywhere a name goes.
-- rows: [[2]]
SELECT count(*) FROM IDENTIFIER('main.default.nested');
-- error: INVALID_IDENTIFIER
SELECT count(*) FROM IDENTIFIER('main.default.nested; DROP TABLE x');
-- Constraints declared in CREATE TABLE: keys in the metastore, CHECKs enforced.
CREATE TABLE main.default.parent (id INT NOT NULL PRIMARY KEY, name STRING);
CREATE TABLE main.default.child (id INT NOT NULL, pid INT, name STRING, CONSTRAINT child_pk PRIMARY KEY (id), CONSTRAINT child_fk FOREIGN KEY (pid) REFERENCES main.default.parent, CONSTRAINT positive CHECK (id > 0));
-- error: DELTA_VIOLATE_CONSTRAINT_WITH_VALUES
INSERT INTO main.default.child VALUES (0, 1, 'a');
-- rows: [[1, 1]]
INSERT INTO main.default.child VALUES (1, 1, 'a');
-- rows: [["child_fk", "FOREIGN KEY"], ["child_pk", "PRIMARY KEY"], ["parent_pk", "PRIMARY KEY"]]
SELECT constraint_name, constraint_type FROM main.information_schema.table_constraints ORDER BY 1;
-- contains: delta.constraints.positive
SHOW TBLPROPERTIES main.default.child;
-- DESCRIBE CATALOG EXTENDED names where the catalog's managed tables go.
CREATE CATALOG gone;
-- contains: Storage Location
DESCRIBE CATALOG EXTENDED gone;
-- information_schema.table_properties: a table's properties, a row each.
CREATE TABLE main.default.props (id INT) TBLPROPERTIES ('quality' = 'gold', 'delta.appendOnly' = 'false');
-- rows: [["delta.appendOnly", "false"], ["quality", "gold"]]
SELECT property_key, property_value FROM main.information_schema.table_properties WHERE table_name = 'props' ORDER BY 1;
-- A constraint the new table cannot take undoes its CREATE, so the statement can be fixed and
-- run again.
-- error: UNRESOLVED_COLUMN.WITH_SUGGESTION
CREATE TABLE main.default.checked (id INT, CONSTRAINT positive CHECK (nope > 0));
CREATE TABLE main.default.checked (id INT, CONSTRAINT positive CHECK (id > 0));
-- Subscripts: an array's index counts from 0 (past either end is INVALID_ARRAY_INDEX; get()
-- answers NULL), a map's is its key of any type (a missing key is NULL), on literals, columns,
-- calls, struct fields and nested arrays; a NULL array gives NULL.
-- rows: [[10, 30, "b", 2, "two", 3, null, null, null]]
SELECT array(10, 20, 30)[0], array(10, 20, 30)[2], split('a,b,c', ',')[1], map('a', 1, 'b', 2)['b'], map(1, 'one', 2, 'two')[2], array(array(1, 2), array(3))[1][0], map('a', 1)['z'], CAST(NULL AS ARRAY<INT>)[0], get(array(1), 5);
-- error: INVALID_ARRAY_INDEX
SELECT array(10, 20, 30)[3];
-- error: INVALID_ARRAY_INDEX
SELECT x[i] FROM VALUES (array(1, 2), -1) AS t(x, i);
-- rows: [[6, 9, 7]]
SELECT x[i], m[k], s.a[0] FROM VALUES (array(5, 6), 1, map('k', 9), 'k', named_struct('a', array(7))) AS t(x, i, m, k, s);
-- EXISTS (subquery) is a predicate, not the exists(array, function) lambda.
-- rows: [[1]]
SELECT count(*) FROM VALUES (1), (2) AS t(a) WHERE NOT EXISTS (SELECT 1 FROM VALUES (1) AS u(b) WHERE u.b = t.a);
-- An aggregate's FILTER (WHERE …) clause, not the filter(array, function) lambda.
-- rows: [[2, 1]]
SELECT count(*) FILTER (WHERE a > 0), count(*) FILTER (WHERE a > 1) FROM VALUES (1), (2) AS t(a);
-- Casts to text write values as Spark does: Java's doubles, [a, null], {1, a}, {k -> v}.
-- rows: [["[1, 2]", "{1, a}", "{1 -> a}", "[null, 1]", "1.0E10", "1.0E-5", "1.1", "[[1.5]]", "{k -> {2020-01-02}}"]]
SELECT CAST(array(1, 2) AS STRING), CAST(named_struct('x', 1, 'y', 'a') AS STRING), CAST(map(1, 'a') AS STRING), CAST(array(CAST(NULL AS INT), 1) AS STRING), CAST(1.0E10D AS STRING), string(1.0E-5D), CAST(1.1F AS STRING), CAST(array(array(1.5D)) AS STRING), CAST(map('k', named_struct('a', DATE '2020-01-02')) AS STRING);
