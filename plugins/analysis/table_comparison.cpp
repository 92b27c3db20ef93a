#include "plugins/analysis/table_comparison.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/analysis/column_drift.hpp"

namespace clxs::analysis {
namespace {

// The value of one column as text: BINARY through hex(), as its string cast is not lossless.
std::string valueText(const ColumnInfo& c) {
  const std::string q = quoteIdentifier(c.name);
  if (normalisedType(c.type) == "BINARY") return "hex(" + q + ")";
  return "CAST(" + q + " AS STRING)";
}

// NULL → 'N', anything else → 'V<length>:<text>', so the encoding of a row is unambiguous.
std::string encodedColumn(const ColumnInfo& c) {
  const std::string v = valueText(c);
  return "CASE WHEN " + quoteIdentifier(c.name) +
         " IS NULL THEN 'N' ELSE concat('V', CAST(length(" + v + ") AS STRING), ':', " + v +
         ") END";
}

// The 32-bit number in hex digits [start, start+8) of the md5 `h`, as a BIGINT sum of digits.
std::string hexSlice(int start) {
  std::string out;
  std::int64_t weight = 1LL << 28;
  for (int k = 0; k < 8; ++k, weight >>= 4) {
    if (!out.empty()) out += " + ";
    out += "(instr('0123456789abcdef', substring(h, " + std::to_string(start + k) +
           ", 1)) - 1) * " + std::to_string(weight) + "L";
  }
  return out;
}

std::int64_t asCount(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number()) return static_cast<std::int64_t>(v.get<double>());
  if (v.is_string()) return std::stoll(v.get<std::string>());
  throw std::runtime_error("the row count came back as " + v.dump());
}

// Sums come back as numbers locally and as strings from a warehouse; compare their text.
std::string asSum(const Json& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::string rowCountSql(const std::string& catalog, const std::string& schema,
                        const std::string& table) {
  return "SELECT COUNT(*) AS row_count FROM " + quoteQualified({catalog, schema, table});
}

std::string checksumSql(const std::string& catalog, const std::string& schema,
                        const std::string& table, const std::vector<ColumnInfo>& columns) {
  std::string row;
  for (const auto& c : columns) row += (row.empty() ? "" : ", ") + encodedColumn(c);
  const std::string rowText = columns.empty() ? "''" : "concat(" + row + ")";
  return "SELECT COUNT(*) AS row_count, SUM(CAST(hi AS DECIMAL(38,0))) AS hash_hi, "
         "SUM(CAST(lo AS DECIMAL(38,0))) AS hash_lo FROM (SELECT " +
         hexSlice(1) + " AS hi, " + hexSlice(9) + " AS lo FROM (SELECT md5(" + rowText +
         ") AS h FROM " + quoteQualified({catalog, schema, table}) + ") AS hashed) AS sliced";
}

std::string describeColumnDifference(const std::vector<ColumnInfo>& source,
                                     const std::vector<ColumnInfo>& destination) {
  const ColumnDrift drift = compareColumns(source, destination);
  auto names = [](const std::vector<ColumnPresence>& columns) {
    std::vector<std::string> out;
    out.reserve(columns.size());
    for (const auto& c : columns) out.push_back(c.name);
    return joined(out);
  };
  std::vector<std::string> parts;
  if (!drift.missing.empty()) parts.push_back("destination lacks columns " + names(drift.missing));
  if (!drift.extra.empty()) parts.push_back("destination has extra columns " + names(drift.extra));
  for (const auto& c : drift.typeChanges) {
    parts.push_back("column " + c.column + " is " + c.sourceType + " in the source but " +
                    c.destType + " in the destination");
  }
  // The order matters to the checksum only once names and types agree.
  if (parts.empty() && !drift.moved.empty()) parts.push_back("columns are in a different order");
  std::string out = joined(parts);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out.empty() ? out : out + ".";
}

TableFingerprint fingerprintTable(Workspace& ws, const TableInfo& table, bool withChecksum,
                                  const CallOptions& options) {
  const std::string statement =
      withChecksum ? checksumSql(table.catalog, table.schema, table.name, table.columns)
                   : rowCountSql(table.catalog, table.schema, table.name);
  const ResultSet r = ws.sql().execute(statement, {}, options);
  if (r.rows.empty() || r.rows[0].empty()) {
    throw std::runtime_error("no result from " + statement.substr(0, 60));
  }
  const auto& row = r.rows[0];
  TableFingerprint fp;
  fp.rowCount = asCount(row[0]);
  if (withChecksum && row.size() >= 3) fp.checksum = asSum(row[1]) + ":" + asSum(row[2]);
  return fp;
}

TableComparison compareTables(Workspace& sourceWs, Workspace& destWs, const TablePair& pair,
                              const ComparisonOptions& options, const CallOptions& call) {
  TableComparison r;
  r.schema = pair.source.schema;
  r.table = pair.source.name;
  // Reads one side; a failure becomes the table's error, prefixed with the side.
  auto read = [&](Workspace& ws, const TableInfo& t, bool checksum,
                  const char* side) -> std::optional<TableFingerprint> {
    try {
      return fingerprintTable(ws, t, checksum, call);
    } catch (const WorkspaceError& e) {
      if (e.interrupts()) throw;
      r.error = std::string(side) + ": " + e.what();
    } catch (const std::exception& e) {
      r.error = std::string(side) + ": " + e.what();
    }
    return std::nullopt;
  };

  if (!pair.destination) {
    if (auto src = read(sourceWs, pair.source, false, "Source")) r.sourceCount = src->rowCount;
    r.error = "Table " + quoteQualified({pair.destinationCatalog, r.schema, r.table}) +
              " does not exist in the destination" +
              (pair.missingReason.empty() ? "" : " (" + pair.missingReason + ")") + ".";
    return r;
  }

  bool checksum = false;
  if (options.useChecksum) {
    r.columnDifference = describeColumnDifference(pair.source.columns, pair.destination->columns);
    r.columnsMatch = r.columnDifference.empty();
    checksum = *r.columnsMatch;
  }
  const auto src = read(sourceWs, pair.source, checksum, "Source");
  if (!src) return r;
  r.sourceCount = src->rowCount;
  const auto dst = read(destWs, *pair.destination, checksum, "Destination");
  if (!dst) return r;
  r.destCount = dst->rowCount;
  r.match = src->rowCount == dst->rowCount;
  if (!options.useChecksum) return r;
  if (!*r.columnsMatch) {
    r.checksumMatch = false;
    r.match = false;
  } else if (r.match) {
    r.checksumMatch = src->checksum == dst->checksum;
    r.match = *r.checksumMatch;
  }
  return r;
}

}  // namespace clxs::analysis
