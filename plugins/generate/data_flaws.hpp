// What makes demo data worth checking: the flaws the original's generator injected, so that
// data quality, observability, reconciliation and MDM find something. Every flaw is
// set-based SQL over the generated keys (1..rows), so its count is exact (docs in
// docs/architecture.md, "Demo data"):
// - null status: status is NULL where key % 100 = 0, floor(rows / 100) rows;
// - amount outliers: the money column times 1000 where key % 1000 = 0, floor(rows / 1000);
// - duplicates: the 100 rows with the smallest keys where key % 100 = 50, copied once
//   (min(100, rows of such keys) extra rows);
// each in the industry's three largest tables that have the column (kFlawedTables);
// - near-duplicate people: in a table with first and last names, min(20, rows) new rows
//   keyed key + rows: keys 1..10 again with the last name's second and third letters
//   swapped, keys 11..20 again with first and last name swapped;
// - SCD2: valid_from, valid_to and is_current on up to kScd2Tables tables of 100K to 1M base
//   rows (not people): every row current from start_date, plus one closed earlier version of
//   each key % 10 = 0, floor(rows / 10) rows;
// - seasonal spikes: in the largest table with a date of healthcare, retail, energy,
//   education and insurance, spikeRows(rows) extra rows dated in the industry's peak months.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "plugins/generate/demo_sql.hpp"
#include "plugins/generate/industry_model.hpp"

namespace clxs::generate {

/// Tables per industry that get null statuses, outliers and duplicates.
inline constexpr std::size_t kFlawedTables = 3;
/// Tables per catalog that get SCD2 columns.
inline constexpr std::size_t kScd2Tables = 3;
/// Rows duplicated per flawed table.
inline constexpr std::int64_t kDuplicatedRows = 100;
/// Near-duplicates of each kind (typo, swapped names) per people table.
inline constexpr std::int64_t kNearDuplicatesPerKind = 10;

/// The null-status, outlier and duplicate statements of one table (empty when it has none of
/// the columns they need), duplicates first so that the flaws reach the copies too.
std::vector<std::string> qualityFlawsSql(const GenContext& ctx, const IndustryDef& ind,
                                         const TableDef& t);

/// Whether `t` holds people: a first-name and a last-name column.
bool isPeopleTable(const TableDef& t);

/// The near-duplicate INSERTs of a people table (empty for other tables).
std::vector<std::string> nearDuplicatesSql(const GenContext& ctx, const IndustryDef& ind,
                                           const TableDef& t);

/// Whether `t` may get SCD2 columns: 100K to 1M base rows, a key, not people.
bool isScd2Candidate(const TableDef& t);

/// The statements that give `t` SCD2 columns and earlier versions.
std::vector<std::string> scd2Sql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t);

/// The months an industry's activity peaks in (healthcare October to March, retail October
/// to December, energy June to September, education August to December, insurance March to
/// June); empty for the others.
std::vector<int> peakMonths(const std::string& industry);

/// Rows added as a seasonal spike to a table of `rows` rows: min(rows, max(1000, rows / 20)).
std::int64_t spikeRows(std::int64_t rows);

/// The seasonal spike of `t`: spikeRows() copies of its first rows, keyed key + rows, with
/// their first date moved within its year to a peak month (empty when the industry has no
/// peak, or `t` has no date, no key, or holds people).
std::vector<std::string> seasonalSpikeSql(const GenContext& ctx, const IndustryDef& ind,
                                          const TableDef& t);

/// Cross-industry views kept per catalog.
inline constexpr std::size_t kCrossIndustryViews = 5;

/// The `cross_industry` schema's statements as (object, SQL): the schema, then, for up to
/// kCrossIndustryViews pairs of the generated industries (in order) that both have a people
/// table with a state, a view `<a>_<b>_people_by_state` joining their head counts per state
/// (LIMIT 100000). Empty when no pair qualifies.
std::vector<std::pair<std::string, std::string>> crossIndustrySql(
    const std::string& catalog, const std::vector<const IndustryDef*>& industries);

/// The `data_catalog` schema's statements as (object, SQL): the schema ("data_catalog"), then
/// views table_inventory, column_inventory, schema_summary and pii_columns
/// ("data_catalog.<view>") over the catalog's information_schema.
std::vector<std::pair<std::string, std::string>> dataCatalogSql(const std::string& catalog);

}  // namespace clxs::generate
