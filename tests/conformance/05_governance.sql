-- Grants, owners, tags, comments and their information_schema views.
CREATE SCHEMA gov;
CREATE TABLE gov.people (id INT, email STRING);
GRANT SELECT, MODIFY ON TABLE gov.people TO `data team`;
GRANT USE SCHEMA ON SCHEMA gov TO `account users`;
GRANT USE CATALOG ON CATALOG main TO `account users`;
-- rows: [["data team", "MODIFY", "TABLE", "main.gov.people"], ["data team", "SELECT", "TABLE", "main.gov.people"]]
SHOW GRANTS ON TABLE gov.people;
-- rows: [["data team", "MODIFY", "TABLE", "main.gov.people"], ["data team", "SELECT", "TABLE", "main.gov.people"]]
SHOW GRANTS `data team` ON gov.people;
REVOKE MODIFY ON TABLE gov.people FROM `data team`;
-- rows: [["data team", "SELECT"]]
SELECT grantee, privilege_type FROM main.information_schema.table_privileges;
-- rows: [["account users", "USE SCHEMA"]]
SELECT grantee, privilege_type FROM main.information_schema.schema_privileges;
-- rows: [["account users", "USE CATALOG"]]
SELECT grantee, privilege_type FROM main.information_schema.catalog_privileges;
-- error: INVALID_PRIVILEGE
GRANT FLY ON TABLE gov.people TO someone;
-- error: TABLE_OR_VIEW_NOT_FOUND
GRANT SELECT ON TABLE gov.nobody TO someone;
ALTER TABLE gov.people OWNER TO `admins`;
-- rows: [["admins"]]
SELECT table_owner FROM main.information_schema.tables WHERE table_name = 'people';
ALTER TABLE gov.people SET TAGS ('domain' = 'hr', 'pii');
ALTER TABLE gov.people ALTER COLUMN email SET TAGS ('pii' = 'email');
ALTER SCHEMA gov SET TAGS ('tier' = '1');
ALTER CATALOG main SET TAGS ('env' = 'dev');
-- rows: [["domain", "hr"], ["pii", ""]]
SELECT tag_name, tag_value FROM main.information_schema.table_tags ORDER BY tag_name;
-- rows: [["email", "pii", "email"]]
SELECT column_name, tag_name, tag_value FROM main.information_schema.column_tags;
-- rows: [["gov", "tier", "1"]]
SELECT schema_name, tag_name, tag_value FROM main.information_schema.schema_tags;
-- rows: [["main", "env", "dev"]]
SELECT catalog_name, tag_name, tag_value FROM main.information_schema.catalog_tags;
ALTER TABLE gov.people UNSET TAGS ('pii');
-- rows: [["domain"]]
SELECT tag_name FROM main.information_schema.table_tags;
COMMENT ON TABLE gov.people IS 'Staff directory';
COMMENT ON SCHEMA gov IS 'Governed data';
COMMENT ON COLUMN gov.people.email IS 'work address';
ALTER TABLE gov.people ALTER COLUMN id COMMENT 'employee number';
-- rows: [["Staff directory"]]
SELECT comment FROM main.information_schema.tables WHERE table_name = 'people';
-- rows: [["id", "employee number"], ["email", "work address"]]
SELECT column_name, comment FROM main.information_schema.columns WHERE table_name = 'people' ORDER BY ordinal_position;
-- rows: [["Governed data"]]
SELECT comment FROM main.information_schema.schemata WHERE schema_name = 'gov';
DROP TABLE gov.people;
-- count: 0
SELECT * FROM main.information_schema.table_privileges;
