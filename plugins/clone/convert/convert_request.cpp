#include "plugins/clone/convert/convert_request.hpp"

#include <algorithm>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::clone::convert {
namespace {

Json bodyLoc(std::initializer_list<Json> rest) {
  Json loc = Json::array({"body"});
  for (const auto& r : rest) loc.push_back(r);
  return loc;
}

std::vector<std::string> splitFqn(const std::string& fqn, std::size_t index) {
  const Json loc = bodyLoc({"targets", static_cast<int>(index), "fqn"});
  std::vector<std::string> parts;
  try {
    parts = splitQualified(fqn);
  } catch (const HttpError& e) {
    throw unprocessable(loc, "fqn '" + fqn + "' is not a valid name: " + e.what());
  }
  if (parts.size() != 3) {
    throw unprocessable(loc, "fqn '" + fqn +
                                 "' must name a table as catalog.schema.table (backtick a part "
                                 "that holds a dot)");
  }
  return parts;
}

bool sameTable(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const std::string& x, const std::string& y) { return sameName(x, y); });
}

std::optional<std::string> optionalText(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string() || it->get<std::string>().empty()) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

}  // namespace

Model convertRequestModel() {
  const auto target = Field::object(
      {{"fqn", Field::string().required().minLength(1).maxLength(1000).describe(
                   "Table to convert, catalog.schema.table (backtick a part holding a dot)")},
       {"source_format",
        Field::string()
            .nullable()
            .oneOf({"PARQUET", "ICEBERG", "DELTA"})
            .caseInsensitive()
            .describe("The format the caller expects; the table's Unity Catalog format "
                      "decides what runs")}});
  Model m("ConvertToDeltaRequest");
  m.field("targets", Field::array(target)
                         .required()
                         .minLength(1)
                         .maxLength(kMaxTargets)
                         .describe("Tables to convert, 1 to " + std::to_string(kMaxTargets) +
                                   " per request (the route answers when all are done)"))
      .field("warehouse_id", Field::string().nullable().describe(
                                 "SQL warehouse to run on (default: X-Databricks-Warehouse "
                                 "header, then config sql_warehouse_id)"))
      .field("confirm_destructive",
             Field::boolean().defaultsTo(false).describe(
                 "Must be true unless dry_run: the tables are rewritten in place"))
      .field("dry_run", Field::boolean().defaultsTo(false).describe(
                            "Report the statements that would run and run none"));
  return m;
}

std::vector<std::pair<std::string, Field>> historyQueryFields() {
  return {
      {"limit", Field::integer()
                    .min(1)
                    .max(kMaxHistoryLimit)
                    .clampToMax()
                    .defaultsTo(kDefaultHistoryLimit)
                    .describe("At most this many rows (over 1000 is clamped to 1000)")},
      {"status", Field::string()
                     .oneOf({"converted", "failed", "skipped"})
                     .caseInsensitive()
                     .describe("Only rows with this status")},
      {"fqn_like", Field::string().maxLength(1000).describe(
                       "SQL LIKE pattern on fqn, e.g. prod.bronze.% (ASCII case ignored)")},
      {"dry_run", Field::boolean().describe("Only dry-run rows (true) or live rows (false)")},
      {"operation_id", Field::string().maxLength(100).describe("Only the rows of this batch")},
  };
}

ConvertRequest parseConvertRequest(const Json& body) {
  ConvertRequest r;
  r.confirmDestructive = body.value("confirm_destructive", false);
  r.dryRun = body.value("dry_run", false);
  r.warehouseId = optionalText(body, "warehouse_id").value_or("");
  const auto targets = body.value("targets", Json::array());
  if (!targets.is_array() || targets.empty()) {
    throw unprocessable(bodyLoc({"targets"}), "targets must name at least one table", "too_short");
  }
  if (targets.size() > kMaxTargets) {
    throw unprocessable(bodyLoc({"targets"}),
                        "At most " + std::to_string(kMaxTargets) +
                            " targets per request; split the batch into several requests",
                        "too_long");
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& t = targets[i];
    if (!t.is_object() || !t.contains("fqn") || !t["fqn"].is_string()) {
      throw unprocessable(bodyLoc({"targets", static_cast<int>(i), "fqn"}),
                          "Each target needs an fqn string", "missing");
    }
    ConvertTarget target;
    target.parts = splitFqn(t["fqn"].get<std::string>(), i);
    target.fqn = displayName(target.parts);
    if (auto f = optionalText(t, "source_format")) target.declaredFormat = upperAscii(*f);
    for (const auto& earlier : r.targets) {
      if (sameTable(earlier.parts, target.parts)) {
        throw unprocessable(bodyLoc({"targets", static_cast<int>(i), "fqn"}),
                            "Table " + target.fqn + " is named twice; name each table once");
      }
    }
    r.targets.push_back(std::move(target));
  }
  // The gate sits after the field checks so a bad name is reported even on a dry run.
  if (!r.confirmDestructive && !r.dryRun) {
    throw unprocessable(bodyLoc({"confirm_destructive"}),
                        "confirm_destructive must be true: CONVERT TO DELTA rewrites each table "
                        "in place. Use dry_run to preview without converting.");
  }
  return r;
}

HistoryFilter parseHistoryQuery(const Json& query) {
  HistoryFilter f;
  if (query.contains("limit") && query["limit"].is_number_integer()) {
    f.limit = std::clamp(query["limit"].get<int>(), 1, kMaxHistoryLimit);
  }
  if (auto s = optionalText(query, "status")) f.status = lowerAscii(*s);
  f.fqnLike = optionalText(query, "fqn_like");
  f.operationId = optionalText(query, "operation_id");
  if (query.contains("dry_run") && query["dry_run"].is_boolean()) {
    f.dryRun = query["dry_run"].get<bool>();
  }
  return f;
}

std::string displayName(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.push_back('.');
    out += p.find_first_of(".`") == std::string::npos ? p : quoteIdentifier(p);
  }
  return out;
}

}  // namespace clxs::clone::convert
