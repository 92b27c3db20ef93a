-- system.query.history, system.access.audit and lineage, recorded by the local engine.
CREATE TABLE raw (id BIGINT, amount DOUBLE, note STRING);
INSERT INTO raw VALUES (1, 10.0, 'a'), (2, 20.0, 'b');
CREATE TABLE agg AS SELECT id, amount * 2 AS doubled FROM raw;
CREATE TABLE dest (id BIGINT, total DOUBLE);
INSERT INTO dest SELECT r.id, r.amount + 1 FROM raw AS r;
MERGE INTO dest d USING raw s ON d.id = s.id WHEN MATCHED THEN UPDATE SET d.total = s.amount;
CREATE TABLE raw_copy SHALLOW CLONE raw;
CREATE VIEW v_raw AS SELECT id, note FROM raw;
-- error: TABLE_OR_VIEW_NOT_FOUND
SELECT * FROM does_not_exist;
-- rows: [["main.default.raw", "main.default.agg", "TABLE"], ["main.default.raw", "main.default.dest", "TABLE"], ["main.default.raw", "main.default.raw_copy", "TABLE"], ["main.default.raw", "main.default.v_raw", "VIEW"]]
SELECT DISTINCT source_table_full_name, target_table_full_name, target_type FROM system.access.table_lineage ORDER BY 2;
-- rows: [["amount", "doubled"], ["id", "id"]]
SELECT source_column_name, target_column_name FROM system.access.column_lineage WHERE target_table_name = 'agg' ORDER BY 1;
-- rows: [["amount", "total"], ["id", "id"]]
SELECT DISTINCT source_column_name, target_column_name FROM system.access.column_lineage WHERE target_table_name = 'dest' ORDER BY 1;
-- rows: [["amount"], ["id"], ["note"]]
SELECT target_column_name FROM system.access.column_lineage WHERE target_table_name = 'raw_copy' ORDER BY 1;
-- rows: [["FAILED", "SELECT"]]
SELECT execution_status, statement_type FROM system.query.history WHERE statement_text LIKE '%does_not_exist%' AND statement_type = 'SELECT';
-- contains: TABLE_OR_VIEW_NOT_FOUND
SELECT error_message FROM system.query.history WHERE execution_status = 'FAILED';
-- rows: [["tester@example.com", 2]]
SELECT executed_by, produced_rows FROM system.query.history WHERE statement_text LIKE 'INSERT INTO raw VALUES%';
-- rows: [[true]]
SELECT bool_and(end_time >= start_time AND total_duration_ms >= 0) FROM system.query.history;
-- rows: [["READ"], ["READ_WRITE"]]
SELECT DISTINCT request_params['operation'] FROM system.access.audit WHERE request_params['table_full_name'] = 'main.default.raw' ORDER BY 1;
-- rows: [["tester@example.com", "generateTemporaryTableCredential", "unityCatalog"]]
SELECT DISTINCT user_identity.email, action_name, service_name FROM system.access.audit;
-- error: TABLE_OR_VIEW_NOT_FOUND
SELECT * FROM system.billing.usage;
-- error: TABLE_OR_VIEW_NOT_FOUND
SELECT * FROM system.compute.clusters;
