#include "plugins/analysis/column_drift.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "clxs/text.hpp"

namespace clxs::analysis {
namespace {

// Position of each column by case-folded name; the first of duplicate names wins.
std::map<std::string, std::size_t> positionsByName(const std::vector<ColumnInfo>& columns) {
  std::map<std::string, std::size_t> out;
  for (std::size_t i = 0; i < columns.size(); ++i) out.emplace(lowerAscii(columns[i].name), i);
  return out;
}

// Indexes into `values` of one longest strictly increasing subsequence (patience sorting with
// back links), so reordering n columns costs O(n log n) even for very wide tables.
std::vector<std::size_t> longestIncreasingRun(const std::vector<std::size_t>& values) {
  std::vector<std::size_t> tails;  // tails[k]: index of the smallest tail of a run of k+1
  std::vector<std::size_t> previous(values.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto it = std::lower_bound(
        tails.begin(), tails.end(), values[i],
        [&](std::size_t index, std::size_t value) { return values[index] < value; });
    if (it != tails.begin()) previous[i] = *(it - 1);
    if (it == tails.end()) {
      tails.push_back(i);
    } else {
      *it = i;
    }
  }
  std::vector<std::size_t> run;
  for (std::size_t i = tails.empty() ? values.size() : tails.back(); i < values.size();
       i = previous[i]) {
    run.push_back(i);
  }
  std::reverse(run.begin(), run.end());
  return run;
}

std::optional<std::int64_t> integerProperty(const TableInfo& table, const char* key) {
  if (!table.properties.is_object()) return std::nullopt;
  const auto it = table.properties.find(key);
  if (it == table.properties.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (!it->is_string()) return std::nullopt;
  const auto& text = it->get_ref<const std::string&>();
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> delta(const std::optional<std::int64_t>& source,
                                  const std::optional<std::int64_t>& dest) {
  if (!source || !dest) return std::nullopt;
  return *dest - *source;
}

}  // namespace

std::string normalisedType(const std::string& type) {
  std::string out;
  for (char c : upperAscii(type)) {
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

bool ColumnDrift::any() const {
  return anyBesidesOrder() || !moved.empty();
}

bool ColumnDrift::anyBesidesOrder() const {
  return !missing.empty() || !extra.empty() || !typeChanges.empty() || !nullabilityChanges.empty();
}

ColumnDrift compareColumns(const std::vector<ColumnInfo>& source,
                           const std::vector<ColumnInfo>& destination) {
  ColumnDrift d;
  d.sourceColumns = source.size();
  d.destColumns = destination.size();
  const auto sourceByName = positionsByName(source);
  const auto destByName = positionsByName(destination);

  // Common columns in source order, with their destination positions.
  std::vector<std::size_t> common;
  std::vector<std::size_t> destPositions;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const auto& s = source[i];
    const auto key = lowerAscii(s.name);
    if (sourceByName.at(key) != i) continue;  // a duplicate name: the first one counts
    const auto it = destByName.find(key);
    if (it == destByName.end()) {
      d.missing.push_back({s.name, s.type, s.nullable, i});
      continue;
    }
    const auto& t = destination[it->second];
    if (normalisedType(s.type) != normalisedType(t.type)) {
      d.typeChanges.push_back({s.name, s.type, t.type});
    }
    if (s.nullable != t.nullable) d.nullabilityChanges.push_back({s.name, s.nullable, t.nullable});
    common.push_back(i);
    destPositions.push_back(it->second);
  }
  for (std::size_t i = 0; i < destination.size(); ++i) {
    const auto& t = destination[i];
    const auto key = lowerAscii(t.name);
    if (destByName.at(key) == i && !sourceByName.count(key)) {
      d.extra.push_back({t.name, t.type, t.nullable, i});
    }
  }

  const auto kept = longestIncreasingRun(destPositions);
  std::size_t next = 0;
  for (std::size_t k = 0; k < common.size(); ++k) {
    if (next < kept.size() && kept[next] == k) {
      ++next;
      continue;
    }
    d.moved.push_back({source[common[k]].name, common[k], destPositions[k]});
  }
  return d;
}

std::optional<std::int64_t> TableDrift::sizeDelta() const {
  return delta(sourceSizeBytes, destSizeBytes);
}

std::optional<std::int64_t> TableDrift::rowDelta() const {
  return delta(sourceRows, destRows);
}

std::optional<std::int64_t> tableSizeBytes(const TableInfo& table) {
  if (table.sizeBytes) return table.sizeBytes;
  return integerProperty(table, "spark.sql.statistics.totalSize");
}

std::optional<std::int64_t> tableRowCount(const TableInfo& table) {
  return integerProperty(table, "spark.sql.statistics.numRows");
}

std::vector<TableDrift> driftOfCommonTables(const CatalogTables& source,
                                            const CatalogTables& destination) {
  std::vector<TableDrift> out;
  for (const auto& [key, s] : source.tables) {
    if (isView(s)) continue;
    const auto it = destination.tables.find(key);
    if (it == destination.tables.end() || isView(it->second)) continue;
    const TableInfo& t = it->second;
    TableDrift d;
    d.schema = key.first;
    d.table = key.second;
    d.sourceSizeBytes = tableSizeBytes(s);
    d.destSizeBytes = tableSizeBytes(t);
    d.sourceRows = tableRowCount(s);
    d.destRows = tableRowCount(t);
    if (s.columns.empty() != t.columns.empty()) {
      d.error = std::string("The ") + (s.columns.empty() ? "source" : "destination") +
                " lists no columns for this table, so its columns were not compared.";
    } else {
      d.columns = compareColumns(s.columns, t.columns);
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace clxs::analysis
