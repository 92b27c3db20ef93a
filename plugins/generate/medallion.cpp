#include "plugins/generate/medallion.hpp"

#include <algorithm>

#include "clxs/sql.hpp"
#include "plugins/generate/derived_objects.hpp"

namespace clxs::generate {
namespace {

std::string columnList(const TableDef& t) {
  std::string out;
  for (const auto& c : t.columns) out += (out.empty() ? "" : ", ") + quoteIdentifier(c.name);
  return out;
}

}  // namespace

std::string bronzeName(const IndustryDef& ind, const TableDef& t) {
  return ind.name + "_raw_" + t.name;
}

std::string silverName(const IndustryDef& ind, const TableDef& t) {
  return ind.name + "_clean_" + t.name;
}

std::int64_t bronzeRows(std::int64_t targetRows, std::int64_t minRows) {
  return std::max(minRows, targetRows / 10);
}

std::string bronzeTableSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t,
                           std::int64_t rows) {
  const std::string key = quoteIdentifier(keyColumn(t));
  const std::string source = ind.name + "/" + t.name + "/";
  // The raw id is derived from the source key rather than uuid(): reproducible, and unique
  // per source row all the same.
  return "CREATE TABLE " + qualified(ctx.catalog, kBronzeSchema, bronzeName(ind, t)) +
         " USING DELTA COMMENT " + quoteLiteral("Raw sample of " + ind.name + "." + t.name) + " " +
         tablePropertiesClause(ind, "bronze") + " AS SELECT " + columnList(t) +
         ", current_timestamp() AS _ingested_at, concat(" +
         quoteLiteral("s3://raw-bucket/" + source + "part-") + ", lpad(CAST(" + key +
         " % 100 AS STRING), 5, '0'), '.json') AS _source_file, sha2(concat(" +
         quoteLiteral(ind.name + "." + t.name + ":") + ", CAST(" + key +
         " AS STRING)), 256) AS _raw_id FROM " + qualified(ctx.catalog, ind.name, t.name) +
         " LIMIT " + std::to_string(rows);
}

std::string silverViewSql(const std::string& catalog, const IndustryDef& ind, const TableDef& t) {
  return "CREATE OR REPLACE VIEW " + qualified(catalog, kSilverSchema, silverName(ind, t)) +
         " COMMENT " + quoteLiteral("Cleaned " + ind.name + "." + t.name) + " AS SELECT " +
         columnList(t) + ", _ingested_at AS processed_at FROM " +
         qualified(catalog, kBronzeSchema, bronzeName(ind, t));
}

std::vector<ViewDef> goldViews(const std::string& catalog, const IndustryDef& ind) {
  std::vector<ViewDef> out;
  std::size_t used = 0;
  for (const auto* t : largestTables(ind, kBronzeTablesPerIndustry)) {
    if (used == 2) break;
    const std::string date = dateColumn(*t);
    if (date.empty()) continue;
    ++used;
    const std::string from = " FROM " + qualified(catalog, kSilverSchema, silverName(ind, *t));
    const std::string d = "CAST(" + quoteIdentifier(date) + " AS DATE)";
    std::string select = "SELECT " + d + " AS activity_date, count(*) AS records";
    const std::string money = moneyColumn(*t);
    if (!money.empty()) {
      select += ", sum(" + quoteIdentifier(money) + ") AS " + quoteIdentifier("total_" + money);
    }
    out.push_back({ind.name + "_" + t->name + "_daily_summary",
                   "Daily " + t->name + " of " + ind.name, select + from + " GROUP BY " + d});
    const std::string status = statusColumn(*t);
    if (status.empty()) continue;
    const std::string st = quoteIdentifier(status);
    out.push_back({ind.name + "_" + t->name + "_status_summary",
                   t->name + " of " + ind.name + " per " + status,
                   "SELECT " + st + ", count(*) AS records" + from + " GROUP BY " + st});
  }
  return out;
}

}  // namespace clxs::generate
