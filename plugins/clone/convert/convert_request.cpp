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

void checkConvertRequest(const ConvertToDeltaRequest& body) {
  if (body.targets.empty()) {
    throw unprocessable(bodyLoc({"targets"}), "targets must name at least one table", "too_short");
  }
  if (body.targets.size() > kMaxTargets) {
    throw unprocessable(bodyLoc({"targets"}),
                        "At most " + std::to_string(kMaxTargets) +
                            " targets per request; split the batch into several requests",
                        "too_long");
  }
  std::vector<std::vector<std::string>> seen;
  for (std::size_t i = 0; i < body.targets.size(); ++i) {
    const auto& fqn = body.targets[i].fqn;
    if (fqn.empty()) {
      throw unprocessable(bodyLoc({"targets", static_cast<int>(i), "fqn"}),
                          "Each target needs an fqn string", "missing");
    }
    auto parts = splitFqn(fqn, i);
    for (const auto& earlier : seen) {
      if (sameTable(earlier, parts)) {
        throw unprocessable(
            bodyLoc({"targets", static_cast<int>(i), "fqn"}),
            "Table " + displayName(parts) + " is named twice; name each table once");
      }
    }
    seen.push_back(std::move(parts));
  }
  // The gate sits after the field checks so a bad name is reported even on a dry run.
  if (!body.confirmDestructive && !body.dryRun) {
    throw unprocessable(bodyLoc({"confirm_destructive"}),
                        "confirm_destructive must be true: CONVERT TO DELTA rewrites each table "
                        "in place. Use dry_run to preview without converting.");
  }
}

std::optional<std::string> optionalText(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string() || it->get<std::string>().empty()) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

}  // namespace

const Schema<ConvertTargetSpec>& ConvertTargetSpec::schema() {
  static const auto s =
      Schema<ConvertTargetSpec>("ConvertTarget")
          .field("fqn", &ConvertTargetSpec::fqn,
                 Field::string().required().minLength(1).maxLength(1000).describe(
                     "Table to convert, catalog.schema.table (backtick a part holding a dot)"))
          .field("source_format", &ConvertTargetSpec::sourceFormat,
                 Field::string()
                     .oneOf({"PARQUET", "ICEBERG", "DELTA"})
                     .caseInsensitive()
                     .describe("The format the caller expects; the table's Unity Catalog "
                               "format decides what runs"));
  return s;
}

const Schema<ConvertToDeltaRequest>& ConvertToDeltaRequest::schema() {
  using R = ConvertToDeltaRequest;
  static const auto s =
      Schema<R>("ConvertToDeltaRequest")
          .field("targets", &R::targets,
                 Field::array(ConvertTargetSpec::schema().asField())
                     .required()
                     .minLength(1)
                     .maxLength(kMaxTargets)
                     .describe("Tables to convert, 1 to " + std::to_string(kMaxTargets) +
                               " per request (the route answers when all are done)"))
          .field("warehouse_id", &R::warehouseId,
                 Field::string().describe(
                     "SQL warehouse to run on (default: X-Databricks-Warehouse header, then "
                     "config sql_warehouse_id)"))
          .field("confirm_destructive", &R::confirmDestructive,
                 "Must be true unless dry_run: the tables are rewritten in place")
          .field("dry_run", &R::dryRun, "Report the statements that would run and run none")
          .check(checkConvertRequest);
  return s;
}

ConvertRequest convertRequestOf(const ConvertToDeltaRequest& body) {
  ConvertRequest r;
  r.confirmDestructive = body.confirmDestructive;
  r.dryRun = body.dryRun;
  r.warehouseId = body.warehouseId.value_or("");
  for (std::size_t i = 0; i < body.targets.size(); ++i) {
    ConvertTarget target;
    target.parts = splitFqn(body.targets[i].fqn, i);
    target.fqn = displayName(target.parts);
    const auto& format = body.targets[i].sourceFormat;
    if (format && !format->empty()) target.declaredFormat = upperAscii(*format);
    r.targets.push_back(std::move(target));
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
