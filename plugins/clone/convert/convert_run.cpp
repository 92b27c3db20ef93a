#include "plugins/clone/convert/convert_run.hpp"

#include <chrono>
#include <exception>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::clone::convert {
namespace {

std::string trimmed(const Json& v) {
  std::string s = jsonText(v);
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Partition types come from the workspace, not the caller, but still reach SQL text: allow
// type names only (DECIMAL(10,2), ARRAY<STRING>, STRUCT<a:INT> included).
bool plainType(std::string_view type) {
  if (type.empty()) return false;
  for (char c : type) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == ' ' || c == '(' || c == ')' || c == ',' || c == '<' ||
                    c == '>' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::int64_t millisSince(std::chrono::steady_clock::time_point start,
                         std::chrono::steady_clock::time_point end) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(end - start).count();
}

}  // namespace

std::string_view statusName(ConvertStatus status) {
  switch (status) {
    case ConvertStatus::Converted:
      return "converted";
    case ConvertStatus::Failed:
      return "failed";
    case ConvertStatus::Skipped:
      return "skipped";
  }
  return "failed";
}

ConvertDecision decide(const TableInfo& table) {
  const auto type = upperAscii(table.tableType);
  if (type == "VIEW" || type == "MATERIALIZED_VIEW" || type == "METRIC_VIEW") {
    return {false, "A " + lowerAscii(type) + " has no data files of its own to convert"};
  }
  if (type == "STREAMING_TABLE") {
    return {false, "A streaming table is owned by its pipeline and is Delta already"};
  }
  const auto format = upperAscii(table.format);
  if (format == "DELTA") return {false, "Already a Delta table"};
  if (format == "PARQUET" || format == "ICEBERG") return {true, {}};
  if (format.empty()) return {false, "The workspace reports no data source format"};
  return {false, "Format " + format + " cannot be converted to Delta (Parquet and Iceberg can)"};
}

std::vector<PartitionColumn> partitionColumns(const ResultSet& describe) {
  const auto nameCol = describe.columnIndex("col_name");
  const auto typeCol = describe.columnIndex("data_type");
  std::vector<PartitionColumn> out;
  if (!nameCol || !typeCol) return out;
  bool inSection = false;
  for (const auto& row : describe.rows) {
    if (*nameCol >= row.size() || *typeCol >= row.size()) continue;
    const auto name = trimmed(row[*nameCol]);
    if (!inSection) {
      inSection = name == "# Partition Information";
      continue;
    }
    if (name == "# col_name") continue;
    // A blank row or the next "# ..." heading ends the section.
    if (name.empty() || name.front() == '#') break;
    out.push_back({name, trimmed(row[*typeCol])});
  }
  return out;
}

std::string convertStatement(const std::vector<std::string>& parts, std::string_view format,
                             const std::vector<PartitionColumn>& partitions) {
  std::string sql = "CONVERT TO DELTA " + quoteQualified(parts);
  if (partitions.empty() || upperAscii(format) != "PARQUET") return sql;
  std::string list;
  for (const auto& p : partitions) {
    if (!plainType(p.type)) {
      throw badRequest("Partition column " + p.name + " has a type the convert cannot name: '" +
                       p.type + "'");
    }
    if (!list.empty()) list += ", ";
    list += quoteIdentifier(p.name) + " " + upperAscii(p.type);
  }
  return sql + " PARTITIONED BY (" + list + ")";
}

Json ConvertOutcome::toJson() const {
  return Json{{"fqn", fqn},
              {"source_format", textOrNull(sourceFormat)},
              {"status", std::string(statusName(status))},
              {"duration_ms", durationMs},
              {"error", textOrNull(error)},
              {"reason", textOrNull(reason)},
              {"sql", textOrNull(statement)}};
}

Json summaryJson(const std::string& operationId, bool dryRun,
                 const std::vector<ConvertOutcome>& outcomes) {
  int converted = 0;
  int failed = 0;
  int skipped = 0;
  Json results = Json::array();
  for (const auto& o : outcomes) {
    converted += o.status == ConvertStatus::Converted ? 1 : 0;
    failed += o.status == ConvertStatus::Failed ? 1 : 0;
    skipped += o.status == ConvertStatus::Skipped ? 1 : 0;
    results.push_back(o.toJson());
  }
  return Json{
      {"total", outcomes.size()}, {"converted", converted},        {"failed", failed},
      {"skipped", skipped},       {"results", std::move(results)}, {"operation_id", operationId},
      {"dry_run", dryRun}};
}

ConvertRun::ConvertRun(Workspace& workspace, const Clock& clock, CallOptions options)
    : ws_(workspace), clock_(clock), options_(std::move(options)) {}

std::vector<ConvertOutcome> ConvertRun::run(const ConvertRequest& request) {
  std::vector<ConvertOutcome> out;
  out.reserve(request.targets.size());
  for (const auto& t : request.targets) out.push_back(runOne(t, request.dryRun));
  return out;
}

std::optional<TableInfo> ConvertRun::find(const std::vector<std::string>& parts) {
  const auto key = lowerAscii(parts[0]) + '\n' + lowerAscii(parts[1]);
  auto it = listings_.find(key);
  if (it == listings_.end()) {
    std::vector<TableInfo> tables;
    try {
      tables = ws_.catalog().tables(parts[0], parts[1], options_);
    } catch (const WorkspaceError& e) {
      // A missing catalog or schema means a missing table; anything else is the caller's.
      if (e.errorClass() != WorkspaceErrorClass::NotFound) throw;
    }
    it = listings_.emplace(key, std::move(tables)).first;
  }
  for (const auto& t : it->second) {
    if (sameName(t.name, parts[2])) return t;
  }
  return std::nullopt;
}

ConvertOutcome ConvertRun::runOne(const ConvertTarget& target, bool dryRun) {
  ConvertOutcome o;
  o.fqn = target.fqn;
  o.sourceFormat = target.declaredFormat.value_or("");
  o.catalog = target.parts[0];
  o.startedAt = isoUtc(clock_.now());
  const auto start = clock_.steadyNow();
  auto finish = [&](ConvertStatus status) {
    o.status = status;
    o.durationMs = millisSince(start, clock_.steadyNow());
    o.completedAt = isoUtc(clock_.now());
    return o;
  };
  try {
    const auto table = find(target.parts);
    if (!table) {
      o.error = "Table " + target.fqn + " does not exist (or is not visible to this user)";
      return finish(ConvertStatus::Failed);
    }
    o.catalog = table->catalog.empty() ? o.catalog : table->catalog;
    if (!table->format.empty()) o.sourceFormat = upperAscii(table->format);
    const auto decision = decide(*table);
    if (!decision.convert) {
      o.reason = decision.skipReason;
      return finish(ConvertStatus::Skipped);
    }
    std::vector<PartitionColumn> partitions;
    if (o.sourceFormat == "PARQUET") {
      // Stated explicitly so the statement is right on runtimes that do not infer it.
      partitions = partitionColumns(
          ws_.sql().execute("DESCRIBE TABLE " + quoteQualified(target.parts), {}, options_));
    }
    o.statement = convertStatement(target.parts, o.sourceFormat, partitions);
    if (!dryRun) ws_.sql().execute(o.statement, {}, options_);
    return finish(ConvertStatus::Converted);
  } catch (const std::exception& e) {
    o.error = e.what();
    return finish(ConvertStatus::Failed);
  }
}

}  // namespace clxs::clone::convert
