#include "plugins/quality/cross_table_check.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/sql_guard.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/query_params.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

constexpr std::int64_t kSampleKeys = 10;

struct CrossTableBody {
  std::string checkType;
  std::string sourceTable;
  std::string destTable;
  std::string predicate;
  std::vector<std::string> keyColumns;
  std::vector<std::string> destKeyColumns;
  std::string column;
  std::string aggrType = "sum";
  double tolerance = 0;
  std::string warehouseId;
  static const Schema<CrossTableBody>& schema() {
    static const auto s =
        Schema<CrossTableBody>("DqCrossTableCheck")
            .field("check_type", &CrossTableBody::checkType,
                   Field::string()
                       .required()
                       .oneOf({"row_count", "aggregate", "key_containment", "predicate"})
                       .caseInsensitive()
                       .describe("row_count, aggregate, key_containment or predicate"))
            .field("source_table", &CrossTableBody::sourceTable,
                   Field::string().required().maxLength(767).describe("catalog.schema.table"))
            .field("dest_table", &CrossTableBody::destTable,
                   Field::string().required().maxLength(767).describe("catalog.schema.table"))
            .field("predicate", &CrossTableBody::predicate,
                   Field::string().maxLength(64 * 1024).describe(
                       "predicate: the condition joined rows must meet (aliases s and d); "
                       "otherwise a row filter applied to both tables"))
            .field("key_columns", &CrossTableBody::keyColumns,
                   "Key columns of the source (key_containment, predicate)")
            .field("dest_key_columns", &CrossTableBody::destKeyColumns,
                   "Key columns of the destination when they are named otherwise")
            .field("column", &CrossTableBody::column,
                   Field::string().describe("Column aggregated (aggregate)"))
            .field("aggr_type", &CrossTableBody::aggrType,
                   Field::string()
                       .oneOf({"count", "count_distinct", "sum", "avg", "min", "max"})
                       .caseInsensitive()
                       .defaultsTo("sum")
                       .describe("Aggregate compared (aggregate)"))
            .field("tolerance", &CrossTableBody::tolerance,
                   Field::number().min(0).defaultsTo(0).describe(
                       "Largest difference that still passes (row_count, aggregate)"))
            .field("warehouse_id", &CrossTableBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

std::vector<std::string> keys(const std::vector<std::string>& columns, const char* field) {
  if (columns.empty()) {
    throw unprocessable(Json::array({"body", field}), "Give the key columns to match rows on.",
                        "missing");
  }
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(quoteIdentifier(c));
  return out;
}

}  // namespace

void registerCrossTableCheckRoute(Routes& routes) {
  routes.post("/api/governance/dq/cross-table-check")
      .summary("Check two tables against each other")
      .description(
          "One query per table on the warehouse. row_count: the counts differ by at most "
          "tolerance. aggregate: aggr_type(column) differs by at most tolerance. "
          "key_containment: every key_columns value of the source (NULL keys aside) is in the "
          "destination (dest_key_columns, default the same names). predicate: the rows joined "
          "on the key meet `predicate` (aliases s and d). Elsewhere `predicate` filters both "
          "tables' rows. User SQL is checked to be one expression (400). Answers passed, the "
          "two values, their difference and up to 10 failing keys.")
      .body<CrossTableBody>()
      .returns(Model("DqCrossTableResult")
                   .field("check_type", Field::string().describe("The kind"))
                   .field("source_table", Field::string().describe("Source"))
                   .field("dest_table", Field::string().describe("Destination"))
                   .field("passed", Field::boolean().describe("Whether the check holds"))
                   .field("source_value",
                          Field::any().describe("The source's count or aggregate; for "
                                                "key_containment and predicate its rows checked"))
                   .field("dest_value",
                          Field::any().describe("The destination's count or aggregate; for "
                                                "key_containment and predicate the failing rows"))
                   .field("diff", Field::number().describe("source_value − dest_value, or the "
                                                           "failing rows"))
                   .field("sample_keys",
                          Field::array(Field::object()).describe("Up to 10 failing keys")))
      .handle([](const Request& req, const CrossTableBody& b) {
        const std::string kind = lowerAscii(b.checkType);
        const std::string source = quoteQualified(tableNameParts(b.sourceTable, "source_table"));
        const std::string dest = quoteQualified(tableNameParts(b.destTable, "dest_table"));
        const std::string predicate =
            b.predicate.empty() ? std::string() : requireSingleExpression(b.predicate);
        CallOptions call;
        call.warehouseId = b.warehouseId;
        auto ws = req.workspace();
        auto& sql = ws->sql();
        Json out{{"check_type", kind},
                 {"source_table", b.sourceTable},
                 {"dest_table", b.destTable},
                 {"sample_keys", Json::array()}};
        const std::string where = predicate.empty() ? "" : " WHERE (" + predicate + ")";

        if (kind == "row_count" || kind == "aggregate") {
          std::string value = "count(*)";
          if (kind == "aggregate") {
            if (b.column.empty()) {
              throw unprocessable(Json::array({"body", "column"}),
                                  "An aggregate check names the column it aggregates.", "missing");
            }
            const std::string col = quoteIdentifier(b.column);
            const std::string type = lowerAscii(b.aggrType);
            value =
                type == "count_distinct" ? "count(DISTINCT " + col + ")" : type + "(" + col + ")";
          }
          const auto read = [&](const std::string& t) {
            const ResultSet r =
                sql.execute("SELECT " + value + " AS v FROM " + t + " AS s" + where, {}, call);
            return r.rows.empty() ? Json() : r.rows[0][0];
          };
          const Json sv = read(source);
          const Json dv = read(dest);
          const double a = numericValue(sv);
          const double c = numericValue(dv);
          const double diff = a - c;
          out["source_value"] = sv;
          out["dest_value"] = dv;
          out["diff"] = std::isnan(diff) ? Json() : Json(diff);
          // Two NULL aggregates (two empty tables) agree; one NULL does not.
          out["passed"] = (sv.is_null() && dv.is_null()) ||
                          (!std::isnan(diff) && std::fabs(diff) <= b.tolerance);
          return out;
        }

        const auto sk = keys(b.keyColumns, "key_columns");
        const auto dk = b.destKeyColumns.empty() ? sk : keys(b.destKeyColumns, "dest_key_columns");
        if (dk.size() != sk.size()) {
          throw unprocessable(Json::array({"body", "dest_key_columns"}),
                              "dest_key_columns must name as many columns as key_columns.",
                              "value_error");
        }
        std::string on;
        std::string notNull;
        std::string keyList;
        for (std::size_t i = 0; i < sk.size(); ++i) {
          on += std::string(i ? " AND " : "") + "s." + sk[i] + " = d." + dk[i];
          notNull += std::string(i ? " AND " : "") + "s." + sk[i] + " IS NOT NULL";
          keyList += std::string(i ? ", " : "") + "s." + sk[i];
        }
        std::string failing;  // rows of the source that fail, as a FROM … WHERE clause
        if (kind == "key_containment") {
          failing = " FROM " + source + " AS s WHERE " + notNull +
                    " AND NOT EXISTS (SELECT 1 FROM " + dest + " AS d WHERE " + on + ")" +
                    (predicate.empty() ? "" : " AND (" + predicate + ")");
        } else {
          if (predicate.empty()) {
            throw unprocessable(Json::array({"body", "predicate"}),
                                "A predicate check needs the condition joined rows must meet.",
                                "missing");
          }
          failing = " FROM " + source + " AS s JOIN " + dest + " AS d ON " + on +
                    " WHERE NOT coalesce((" + predicate + "), FALSE)";
        }
        const std::string checked =
            kind == "key_containment"
                ? "SELECT count(*) AS v FROM " + source + " AS s WHERE " + notNull +
                      (predicate.empty() ? "" : " AND (" + predicate + ")")
                : "SELECT count(*) AS v FROM " + source + " AS s JOIN " + dest + " AS d ON " + on;
        const ResultSet total = sql.execute(checked, {}, call);
        const ResultSet bad = sql.execute("SELECT count(*) AS v" + failing, {}, call);
        const ResultSet sample =
            sql.execute("SELECT DISTINCT " + keyList + failing + " ORDER BY ALL LIMIT " +
                            std::to_string(kSampleKeys),
                        {}, call);
        const Json failures = bad.rows.empty() ? Json(0) : bad.rows[0][0];
        out["source_value"] = total.rows.empty() ? Json(0) : total.rows[0][0];
        out["dest_value"] = failures;
        out["diff"] = failures;
        out["passed"] = numericValue(failures) == 0;
        out["sample_keys"] = sample.objects();
        return out;
      });
}

}  // namespace clxs::quality
