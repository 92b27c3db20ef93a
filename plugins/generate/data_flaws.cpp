#include "plugins/generate/data_flaws.hpp"

#include <algorithm>
#include <functional>

#include "clxs/sql.hpp"

namespace clxs::generate {
namespace {

std::string table(const GenContext& ctx, const IndustryDef& ind, const TableDef& t) {
  return qualified(ctx.catalog, ind.name, t.name);
}

std::string firstOf(const TableDef& t, ColumnKind kind) {
  for (const auto& c : t.columns) {
    if (c.kind == kind) return c.name;
  }
  return {};
}

std::int64_t rowsOf(const GenContext& ctx, const TableDef& t) {
  const auto it = ctx.rows.find(t.name);
  return it == ctx.rows.end() ? 0 : it->second;
}

// INSERT INTO t (every column) SELECT (each column as `change` rewrites it, else itself)
// FROM t WHERE `where`: new rows made from existing ones, keyed key + rows.
std::string copyRowsSql(
    const std::string& name, const TableDef& t, std::int64_t rows,
    const std::function<std::string(const ColumnDef&, const std::string&)>& change,
    const std::string& where) {
  const std::string key = keyColumn(t);
  std::string cols;
  std::string exprs;
  for (const auto& c : t.columns) {
    const std::string q = quoteIdentifier(c.name);
    std::string e = c.name == key ? q + " + " + std::to_string(rows) : change(c, q);
    if (e.empty()) e = q;
    cols += (cols.empty() ? "" : ", ") + q;
    exprs += (exprs.empty() ? "" : ", ") + e;
  }
  return "INSERT INTO " + name + " (" + cols + ") SELECT " + exprs + " FROM " + name + " WHERE " +
         where;
}

}  // namespace

std::vector<std::string> qualityFlawsSql(const GenContext& ctx, const IndustryDef& ind,
                                         const TableDef& t) {
  const std::string key = keyColumn(t);
  if (key.empty()) return {};
  const std::string name = table(ctx, ind, t);
  const std::string k = quoteIdentifier(key);
  // Generated keys only (not a seasonal spike's), so the counts are the documented ones.
  const std::string generated = " AND " + k + " <= " + std::to_string(rowsOf(ctx, t));
  std::vector<std::string> out;
  out.push_back("INSERT INTO " + name + " SELECT * FROM " + name + " WHERE " + k + " % 100 = 50" +
                generated + " ORDER BY " + k + " LIMIT " + std::to_string(kDuplicatedRows));
  if (const auto status = statusColumn(t); !status.empty()) {
    out.push_back("UPDATE " + name + " SET " + quoteIdentifier(status) + " = NULL WHERE " + k +
                  " % 100 = 0" + generated);
  }
  if (const auto money = moneyColumn(t); !money.empty()) {
    const std::string m = quoteIdentifier(money);
    out.push_back("UPDATE " + name + " SET " + m + " = " + m + " * 1000 WHERE " + k +
                  " % 1000 = 0" + generated);
  }
  return out;
}

bool isPeopleTable(const TableDef& t) {
  return !keyColumn(t).empty() && !firstOf(t, ColumnKind::FirstName).empty() &&
         !firstOf(t, ColumnKind::LastName).empty();
}

std::vector<std::string> nearDuplicatesSql(const GenContext& ctx, const IndustryDef& ind,
                                           const TableDef& t) {
  if (!isPeopleTable(t)) return {};
  const std::string name = table(ctx, ind, t);
  const std::string key = keyColumn(t);
  const std::string first = firstOf(t, ColumnKind::FirstName);
  const std::string last = firstOf(t, ColumnKind::LastName);
  const std::int64_t rows = rowsOf(ctx, t);
  // One INSERT per kind: keys 1..10 (typo) and 11..20 (swapped), again as key + rows.
  std::vector<std::string> out;
  for (const bool swapped : {false, true}) {
    const std::int64_t from = swapped ? kNearDuplicatesPerKind + 1 : 1;
    const std::int64_t to = from + kNearDuplicatesPerKind - 1;
    const auto change = [&](const ColumnDef& c, const std::string& q) -> std::string {
      if (c.name == last) {
        // A typo: the second and third letters swapped ("Smith" → "Simth").
        return swapped ? quoteIdentifier(first)
                       : "concat(substr(" + q + ", 1, 1), substr(" + q + ", 3, 1), substr(" + q +
                             ", 2, 1), substr(" + q + ", 4))";
      }
      return c.name == first && swapped ? quoteIdentifier(last) : std::string();
    };
    // Only generated keys: with fewer than 20 rows the first INSERT's new keys are in range.
    out.push_back(copyRowsSql(name, t, rows, change,
                              quoteIdentifier(key) + " BETWEEN " + std::to_string(from) + " AND " +
                                  std::to_string(std::min(to, rows))));
  }
  return out;
}

bool isScd2Candidate(const TableDef& t) {
  return t.baseRows >= 100'000 && t.baseRows <= 1'000'000 && !keyColumn(t).empty() &&
         !isPeopleTable(t);
}

std::vector<std::string> scd2Sql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t) {
  const std::string name = table(ctx, ind, t);
  const std::string from = "TIMESTAMP " + quoteLiteral(ctx.startDate + " 00:00:00");
  std::string cols;
  for (const auto& c : t.columns) cols += (cols.empty() ? "" : ", ") + quoteIdentifier(c.name);
  return {
      "ALTER TABLE " + name +
          " ADD COLUMNS (valid_from TIMESTAMP COMMENT 'SCD2: when this version became current', "
          "valid_to TIMESTAMP COMMENT 'SCD2: when it was replaced (NULL: current)', is_current "
          "BOOLEAN COMMENT 'SCD2: the current version of its key')",
      "UPDATE " + name + " SET valid_from = " + from + ", valid_to = NULL, is_current = TRUE",
      "INSERT INTO " + name + " (" + cols + ", valid_from, valid_to, is_current) SELECT " + cols +
          ", " + from + " - INTERVAL 365 DAYS, " + from + ", FALSE FROM " + name + " WHERE " +
          quoteIdentifier(keyColumn(t)) + " % 10 = 0 AND " + quoteIdentifier(keyColumn(t)) +
          " <= " + std::to_string(rowsOf(ctx, t)),
  };
}

std::vector<int> peakMonths(const std::string& industry) {
  if (industry == "healthcare") return {10, 11, 12, 1, 2, 3};
  if (industry == "retail") return {10, 11, 12};
  if (industry == "energy") return {6, 7, 8, 9};
  if (industry == "education") return {8, 9, 10, 11, 12};
  if (industry == "insurance") return {3, 4, 5, 6};
  return {};
}

std::int64_t spikeRows(std::int64_t rows) {
  return std::min(rows, std::max<std::int64_t>(1000, rows / 20));
}

std::vector<std::string> seasonalSpikeSql(const GenContext& ctx, const IndustryDef& ind,
                                          const TableDef& t) {
  const auto peaks = peakMonths(ind.name);
  const std::string key = keyColumn(t);
  const std::string date = dateColumn(t);
  if (peaks.empty() || key.empty() || date.empty() || isPeopleTable(t)) return {};
  const std::int64_t rows = rowsOf(ctx, t);
  const std::string k = quoteIdentifier(key);
  // The peak month of a row: peaks[key % peaks.size()], as a CASE over the remainder.
  std::string month = "CASE " + k + " % " + std::to_string(peaks.size());
  for (std::size_t i = 0; i < peaks.size(); ++i) {
    month += " WHEN " + std::to_string(i) + " THEN " + std::to_string(peaks[i]);
  }
  month += " END";
  const auto change = [&](const ColumnDef& c, const std::string& q) -> std::string {
    if (c.name != date) return {};
    // Moved within its own year, so it stays in the generated range of years.
    const std::string shift = "(" + month + ") - month(" + q + ")";
    return c.kind == ColumnKind::Date ? "add_months(" + q + ", " + shift + ")"
                                      : q + " + make_interval(0, " + shift + ")";
  };
  return {copyRowsSql(table(ctx, ind, t), t, rows, change,
                      k + " <= " + std::to_string(spikeRows(rows)))};
}

std::vector<std::pair<std::string, std::string>> crossIndustrySql(
    const std::string& catalog, const std::vector<const IndustryDef*>& industries) {
  // Each industry's first people table with a state column, if any.
  std::vector<std::pair<const IndustryDef*, const TableDef*>> people;
  for (const auto* ind : industries) {
    for (const auto& t : ind->tables) {
      if (isPeopleTable(t) && !firstOf(t, ColumnKind::State).empty()) {
        people.emplace_back(ind, &t);
        break;
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < people.size() && out.size() < kCrossIndustryViews; ++i) {
    for (std::size_t j = i + 1; j < people.size() && out.size() < kCrossIndustryViews; ++j) {
      const auto& [a, ta] = people[i];
      const auto& [b, tb] = people[j];
      const auto count = [&](const IndustryDef* ind, const TableDef* t) {
        const std::string state = quoteIdentifier(firstOf(*t, ColumnKind::State));
        return "(SELECT " + state + " AS state, count(*) AS n FROM " +
               qualified(catalog, ind->name, t->name) + " GROUP BY " + state + ")";
      };
      const std::string name = a->name + "_" + b->name + "_people_by_state";
      out.emplace_back("cross_industry." + name,
                       "CREATE OR REPLACE VIEW " + qualified(catalog, "cross_industry", name) +
                           " COMMENT " +
                           quoteLiteral("People per state in " + a->name + " (" + ta->name +
                                        ") and " + b->name + " (" + tb->name + ")") +
                           " AS SELECT coalesce(x.state, y.state) AS state, coalesce(x.n, 0) AS " +
                           quoteIdentifier(a->name + "_" + ta->name) + ", coalesce(y.n, 0) AS " +
                           quoteIdentifier(b->name + "_" + tb->name) + " FROM " + count(a, ta) +
                           " AS x FULL OUTER JOIN " + count(b, tb) +
                           " AS y ON x.state = y.state ORDER BY state LIMIT 100000");
    }
  }
  if (out.empty()) return out;
  out.insert(out.begin(), {"cross_industry", "CREATE SCHEMA IF NOT EXISTS " +
                                                 quoteQualified({catalog, "cross_industry"}) +
                                                 " COMMENT 'Views that join the industries'"});
  return out;
}

std::vector<std::pair<std::string, std::string>> dataCatalogSql(const std::string& catalog) {
  const auto view = [&](const char* name, const char* comment, const std::string& select) {
    return std::make_pair(std::string("data_catalog.") + name,
                          "CREATE OR REPLACE VIEW " + qualified(catalog, "data_catalog", name) +
                              " COMMENT " + quoteLiteral(comment) + " AS " + select);
  };
  const std::string info = quoteIdentifier(catalog) + ".information_schema.";
  const std::string notInfo = " WHERE table_schema <> 'information_schema'";
  return {
      {"data_catalog", "CREATE SCHEMA IF NOT EXISTS " + quoteQualified({catalog, "data_catalog"}) +
                           " COMMENT 'Inventory of this catalog: tables, columns and personal "
                           "data'"},
      view(
          "table_inventory", "Every table and view of the catalog",
          "SELECT table_schema, table_name, table_type, comment FROM " + info + "tables" + notInfo),
      view("column_inventory", "Every column of the catalog's tables and views",
           "SELECT table_schema, table_name, column_name, data_type, is_nullable, comment FROM " +
               info + "columns" + notInfo),
      view("schema_summary", "Tables and views per schema",
           "SELECT table_schema, count(*) AS objects, count_if(table_type = 'VIEW') AS views "
           "FROM " +
               info + "tables" + notInfo + " GROUP BY table_schema"),
      view("pii_columns", "Columns whose names suggest personal data",
           "SELECT table_schema, table_name, column_name, data_type FROM " + info + "columns" +
               notInfo +
               " AND lower(column_name) RLIKE "
               "'(email|phone|ssn|first_name|last_name|full_name|street|birth|address)'"),
  };
}

}  // namespace clxs::generate
