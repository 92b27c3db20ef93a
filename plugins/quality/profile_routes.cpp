#include "plugins/quality/profile_routes.hpp"

#include <string>
#include <utility>

#include "clxs/id.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/table_profile.hpp"

namespace clxs::quality {

namespace {

struct ProfileBody {
  std::string tableFqn;
  std::string warehouseId;
  std::int64_t sampleLimit = 0;
  std::int64_t topN = 10;
  std::int64_t histogramBins = 20;
  static const Schema<ProfileBody>& schema() {
    static const auto s =
        Schema<ProfileBody>("ProfileTableRequest")
            .required("table_fqn", &ProfileBody::tableFqn, "catalog.schema.table")
            .field("warehouse_id", &ProfileBody::warehouseId, "SQL warehouse (Databricks)")
            .field("sample_limit", &ProfileBody::sampleLimit,
                   Field::integer().min(0).defaultsTo(0).describe("Rows read (0: every row)"))
            .field("top_n", &ProfileBody::topN,
                   Field::integer().min(1).max(1000).clampToMax().defaultsTo(10).describe(
                       "Most frequent values kept"))
            .field("histogram_bins", &ProfileBody::histogramBins,
                   Field::integer().min(1).max(1000).clampToMax().defaultsTo(20).describe(
                       "Histogram buckets"));
    return s;
  }
};

}  // namespace

std::vector<Migration> ProfileRepository::migrations() {
  return {{6,
           "CREATE TABLE quality_profiles (profile_id TEXT PRIMARY KEY, table_fqn TEXT NOT NULL, "
           "profiled_at TEXT NOT NULL, result TEXT NOT NULL);"
           "CREATE INDEX quality_profiles_table ON quality_profiles (table_fqn, profiled_at);"}};
}

void ProfileRepository::insert(const Json& profile) {
  store_.execute(
      "INSERT INTO quality_profiles (profile_id, table_fqn, profiled_at, result) VALUES (?, ?, "
      "?, ?)",
      {newUuid(), profile["table_fqn"], profile["profiled_at"], profile.dump()});
}

std::int64_t ProfileRepository::profiledTables() {
  const auto rows = store_.query("SELECT count(DISTINCT table_fqn) AS n FROM quality_profiles");
  return rows.empty() || !rows[0]["n"].is_number_integer() ? 0 : rows[0]["n"].get<std::int64_t>();
}

void registerProfileRoutes(Routes& routes, std::shared_ptr<ProfileRepository> profiles,
                           const Clock& clock) {
  const Clock* clk = &clock;
  routes.post("/api/profile-table")
      .summary("Profile a table's columns")
      .description(
          "Row count and, per column, nulls, distinct values (approximate), min/max/avg of "
          "numbers and times, string lengths, a histogram of numbers and the most frequent "
          "values of strings (and of columns with at most 30 values). One query reads every "
          "column's statistics; each histogram and top-values list is one more bounded query. "
          "Percentages are 0–100; the profile is kept for drift.")
      .body<ProfileBody>()
      .returns(
          Model("TableProfile")
              .field("table_fqn", Field::string().describe("The table"))
              .field("row_count", Field::integer().describe("Rows read"))
              .field("profiled_at", Field::string().describe("ISO-8601 UTC"))
              .field("columns", Field::array(Field::object())
                                    .describe("[{column_name, data_type, null_count, null_pct, "
                                              "distinct_count, distinct_pct, min, max, avg, "
                                              "min_length, max_length, avg_length, histogram, "
                                              "top_values, error}]")))
      .mutates()
      .handle([profiles, clk](const Request& req, const ProfileBody& b) {
        CallOptions call;
        call.warehouseId = b.warehouseId;
        auto ws = req.workspace();
        Json profile = profileTable(*ws, b.tableFqn, {b.sampleLimit, b.topN, b.histogramBins}, call,
                                    isoUtc(clk->now()));
        profiles->insert(profile);
        return profile;
      });
}

}  // namespace clxs::quality
