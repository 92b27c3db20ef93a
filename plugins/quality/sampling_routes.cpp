#include "plugins/quality/sampling_routes.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"

namespace clxs::quality {

namespace {

constexpr std::int64_t kMaxRows = 1000;

struct SampleBody {
  std::string catalog;
  std::string schemaName;
  std::string tableName;
  std::string warehouseId;
  std::int64_t limit = 10;
  static const Schema<SampleBody>& schema() {
    static const auto s =
        Schema<SampleBody>("SampleRequest")
            .field("catalog", &SampleBody::catalog,
                   Field::string().required().identifier().describe("Catalog"))
            .field("schema_name", &SampleBody::schemaName,
                   Field::string().required().identifier().describe("Schema"))
            .field("table_name", &SampleBody::tableName,
                   Field::string().required().identifier().describe("Table"))
            .field("warehouse_id", &SampleBody::warehouseId, "SQL warehouse (Databricks)")
            .field("limit", &SampleBody::limit,
                   Field::integer().min(1).max(kMaxRows).clampToMax().defaultsTo(10).describe(
                       "Rows (up to 1000)"));
    return s;
  }
};

struct CompareBody {
  std::string sourceCatalog;
  std::string destinationCatalog;
  std::string schemaName;
  std::string tableName;
  std::string warehouseId;
  std::int64_t limit = 5;
  std::string orderBy;
  static const Schema<CompareBody>& schema() {
    static const auto s =
        Schema<CompareBody>("SampleCompareRequest")
            .field("source_catalog", &CompareBody::sourceCatalog,
                   Field::string().required().identifier().describe("Source catalog"))
            .field("destination_catalog", &CompareBody::destinationCatalog,
                   Field::string().required().identifier().describe("Destination catalog"))
            .field("schema_name", &CompareBody::schemaName,
                   Field::string().required().identifier().describe("Schema"))
            .field("table_name", &CompareBody::tableName,
                   Field::string().required().identifier().describe("Table"))
            .field("warehouse_id", &CompareBody::warehouseId, "SQL warehouse (Databricks)")
            .field("limit", &CompareBody::limit,
                   Field::integer().min(1).max(kMaxRows).clampToMax().defaultsTo(5).describe(
                       "Rows from each side (up to 1000)"))
            .field("order_by", &CompareBody::orderBy,
                   Field::string().describe("The key column; every column when absent"));
    return s;
  }
};

// The key of a row: the order_by column's value, or the whole row.
std::string keyOf(const Json& row, const std::string& column) {
  if (column.empty()) return row.dump();
  const auto it = row.find(column);
  return it == row.end() ? "null" : it->dump();
}

}  // namespace

void registerSamplingRoutes(Routes& routes) {
  routes.post("/api/sample")
      .summary("Sample a table")
      .description("The table's first `limit` rows (at most 1000), values typed.")
      .body<SampleBody>()
      .returns(Model("SampleResult")
                   .field("catalog", Field::string().describe("Catalog"))
                   .field("schema", Field::string().describe("Schema"))
                   .field("table", Field::string().describe("Table"))
                   .field("rows", Field::array(Field::object()).describe("Rows as objects")))
      .handle([](const Request& req, const SampleBody& b) {
        CallOptions call;
        call.warehouseId = b.warehouseId;
        const std::int64_t limit = std::clamp<std::int64_t>(b.limit, 1, kMaxRows);
        const auto result = req.workspace()->sql().execute(
            "SELECT * FROM " + quoteQualified({b.catalog, b.schemaName, b.tableName}) + " LIMIT " +
                std::to_string(limit),
            {}, call);
        return Json{{"catalog", b.catalog},
                    {"schema", b.schemaName},
                    {"table", b.tableName},
                    {"rows", result.objects()}};
      });

  routes.post("/api/sample/compare")
      .summary("Compare a table's rows in two catalogs")
      .description(
          "Reads `limit` rows of each copy ordered by order_by (every column when absent) and "
          "matches them by that key, not by position: a key on one side only, or with "
          "different values, is a difference.")
      .body<CompareBody>()
      .returns(
          Model("SampleCompareResult")
              .field("schema", Field::string().describe("Schema"))
              .field("table", Field::string().describe("Table"))
              .field("source_rows", Field::integer().describe("Rows read from the source"))
              .field("dest_rows", Field::integer().describe("Rows read from the copy"))
              .field("differences", Field::integer().describe("Keys that differ"))
              .field("match", Field::boolean().describe("No difference"))
              .field("sample_diffs", Field::array(Field::object())
                                         .describe("[{key, source, dest}] (null: no such row)")))
      .handle([](const Request& req, const CompareBody& b) {
        CallOptions call;
        call.warehouseId = b.warehouseId;
        const std::int64_t limit = std::clamp<std::int64_t>(b.limit, 1, kMaxRows);
        auto ws = req.workspace();
        const auto read = [&](const std::string& catalog) {
          const std::string table = quoteQualified({catalog, b.schemaName, b.tableName});
          // ORDER BY ALL sorts by every column: a stable order without knowing the key.
          const std::string order = b.orderBy.empty() ? "ALL" : quoteIdentifier(b.orderBy);
          return ws->sql()
              .execute("SELECT * FROM " + table + " ORDER BY " + order + " LIMIT " +
                           std::to_string(limit),
                       {}, call)
              .objects();
        };
        const Json source = read(b.sourceCatalog);
        const Json dest = read(b.destinationCatalog);
        std::map<std::string, Json> byKey;
        for (const auto& row : dest) byKey.emplace(keyOf(row, b.orderBy), row);
        Json diffs = Json::array();
        std::map<std::string, bool> seen;
        for (const auto& row : source) {
          const std::string key = keyOf(row, b.orderBy);
          seen[key] = true;
          const auto it = byKey.find(key);
          if (it == byKey.end() || it->second != row) {
            diffs.push_back(Json{{"key", Json::parse(key)},
                                 {"source", row},
                                 {"dest", it == byKey.end() ? Json() : it->second}});
          }
        }
        for (const auto& row : dest) {
          const std::string key = keyOf(row, b.orderBy);
          if (!seen.count(key)) {
            diffs.push_back(Json{{"key", Json::parse(key)}, {"source", nullptr}, {"dest", row}});
          }
        }
        return Json{{"schema", b.schemaName},
                    {"table", b.tableName},
                    {"source_rows", static_cast<std::int64_t>(source.size())},
                    {"dest_rows", static_cast<std::int64_t>(dest.size())},
                    {"differences", static_cast<std::int64_t>(diffs.size())},
                    {"match", diffs.empty()},
                    {"sample_diffs", diffs}};
      });
}

}  // namespace clxs::quality
