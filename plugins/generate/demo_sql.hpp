// Databricks SQL for the demo catalog: DDL of tables, views and functions, and the set-based
// INSERT that generates rows inside the engine. Every identifier is quoted with the SDK
// helpers and every value is a quoted literal.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "plugins/generate/industry_model.hpp"

namespace clxs::generate {

/// The property every generated table carries; cleanup refuses catalogs without it.
inline constexpr const char* kGeneratedByKey = "demo.generated_by";
/// Its value.
inline constexpr const char* kGeneratedByValue = "clone-xs";

/// What column expressions need besides the column: the date range and the row count of
/// every table at the chosen scale (foreign keys draw from the referenced table's keys).
struct GenContext {
  std::string catalog;                       ///< catalog being generated
  std::string startDate;                     ///< YYYY-MM-DD
  std::string endDate;                       ///< YYYY-MM-DD, after startDate
  std::int64_t spanDays = 0;                 ///< days from startDate to endDate
  std::map<std::string, std::int64_t> rows;  ///< table name → target rows
  std::map<std::string, std::string> keys;   ///< table name → key column
};

/// One INSERT batch: keys offset+1 .. offset+count.
struct Batch {
  std::int64_t offset = 0;  ///< rows before this batch
  std::int64_t count = 0;   ///< rows in this batch
};

/// Databricks type of a column.
std::string columnType(const ColumnDef& c);
/// The comment of a column (its own, else one derived from its kind and name).
std::string columnComment(const ColumnDef& c);
/// The SQL expression generating a column's value from the row number `id`.
std::string columnExpr(const ColumnDef& c, const TableDef& t, const GenContext& ctx);
/// The key column of a table (its first Key column; empty when it has none).
std::string keyColumn(const TableDef& t);
/// The status column of a table (its first Status column; empty when it has none).
std::string statusColumn(const TableDef& t);
/// The first Date/Timestamp column (empty when none).
std::string dateColumn(const TableDef& t);
/// The first Money column (empty when none).
std::string moneyColumn(const TableDef& t);

/// Backtick-quoted `catalog`.`schema`.`name`.
std::string qualified(const std::string& catalog, const std::string& schema,
                      const std::string& name);

/// CREATE CATALOG with an optional MANAGED LOCATION.
std::string createCatalogSql(const std::string& catalog, const std::string& location);
/// DROP CATALOG IF EXISTS ... CASCADE.
std::string dropCatalogSql(const std::string& catalog);
/// ALTER CATALOG ... OWNER TO.
std::string catalogOwnerSql(const std::string& catalog, const std::string& owner);
/// CREATE SCHEMA with a comment.
std::string createSchemaSql(const std::string& catalog, const std::string& schema,
                            const std::string& comment);

/// CREATE TABLE with column comments, the demo properties and (for large loads) a partition.
std::string createTableSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t);
/// The demo TBLPROPERTIES clause of a table of `ind` (shared by bronze tables).
std::string tablePropertiesClause(const IndustryDef& ind, const std::string& slaTier);
/// INSERT INTO ... SELECT <expressions> FROM range(...) AS r(id) for one batch.
std::string insertBatchSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t,
                           const Batch& batch);
/// ALTER TABLE ... ADD CONSTRAINT <t>_pk PRIMARY KEY (key); empty when the table has no key.
std::string primaryKeySql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t);
/// One ADD CONSTRAINT ... FOREIGN KEY per ForeignKey column.
std::vector<std::string> foreignKeySql(const GenContext& ctx, const IndustryDef& ind,
                                       const TableDef& t);
/// ADD CONSTRAINT ... CHECK (money >= 0) for the first non-negative Money column, or empty.
std::string checkConstraintSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t);
/// SET TAGS on the table (classification and domain).
std::string tableTagsSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t);
/// ALTER COLUMN ... SET TAGS ('pii' = ...) for each PII column.
std::vector<std::string> columnTagsSql(const GenContext& ctx, const IndustryDef& ind,
                                       const TableDef& t);
/// Two UPDATEs of the status column (empty when the table has none): version history.
std::vector<std::string> historyUpdatesSql(const GenContext& ctx, const IndustryDef& ind,
                                           const TableDef& t);

/// CREATE OR REPLACE VIEW; `{s}` in `select` becomes `catalog`.`industry` and `{f}` (a schema
/// before a function name) becomes catalog.`industry`.
std::string createViewSql(const std::string& catalog, const std::string& schema,
                          const std::string& industry, const ViewDef& v);
/// CREATE OR REPLACE FUNCTION ... RETURNS ... COMMENT ... RETURN ...
std::string createFunctionSql(const std::string& catalog, const std::string& schema,
                              const FunctionDef& f);
/// CREATE VOLUME IF NOT EXISTS with a comment.
std::string createVolumeSql(const std::string& catalog, const std::string& schema,
                            const std::string& volume, const std::string& comment);

/// A number as SQL text without exponent (0.002, 25000000, -124).
std::string numberLiteral(double v);
/// Replaces every `placeholder` in `text` with `replacement`.
std::string substitute(const std::string& text, const std::string& placeholder,
                       const std::string& replacement);

}  // namespace clxs::generate
