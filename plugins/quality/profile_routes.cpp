#include "plugins/quality/profile_routes.hpp"

#include <string>
#include <utility>

#include "clxs/id.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/check_generation.hpp"
#include "plugins/quality/profile_drift.hpp"
#include "plugins/quality/query_params.hpp"
#include "plugins/quality/store_values.hpp"
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

struct QueryProfileBody {
  std::string sql;
  std::string warehouseId;
  std::int64_t topN = 10;
  std::int64_t histogramBins = 20;
  static const Schema<QueryProfileBody>& schema() {
    static const auto s =
        Schema<QueryProfileBody>("ProfileResultsRequest")
            .field("sql", &QueryProfileBody::sql,
                   Field::string()
                       .required()
                       .minLength(1)
                       .maxLength(1024 * 1024)
                       .describe("One SELECT (or WITH … SELECT) whose rows are profiled"))
            .field("warehouse_id", &QueryProfileBody::warehouseId, "SQL warehouse (Databricks)")
            .field("top_n", &QueryProfileBody::topN,
                   Field::integer().min(1).max(1000).clampToMax().defaultsTo(10).describe(
                       "Most frequent values kept"))
            .field("histogram_bins", &QueryProfileBody::histogramBins,
                   Field::integer().min(1).max(1000).clampToMax().defaultsTo(20).describe(
                       "Histogram buckets"));
    return s;
  }
};

struct DriftBody {
  std::string tableFqn;
  std::string warehouseId;
  std::int64_t sampleLimit = 0;
  static const Schema<DriftBody>& schema() {
    static const auto s =
        Schema<DriftBody>("DqxProfileDriftRequest")
            .required("table_fqn", &DriftBody::tableFqn, "catalog.schema.table")
            .field("warehouse_id", &DriftBody::warehouseId, "SQL warehouse (Databricks)")
            .field("sample_limit", &DriftBody::sampleLimit,
                   Field::integer().min(0).defaultsTo(0).describe("Rows read (0: every row)"));
    return s;
  }
};

struct DqxProfileBody {
  std::string tableFqn;
  bool autoGenerateChecks = true;
  std::int64_t sampleLimit = 0;
  std::string warehouseId;
  static const Schema<DqxProfileBody>& schema() {
    static const auto s =
        Schema<DqxProfileBody>("DqxProfileRequest")
            .required("table_fqn", &DqxProfileBody::tableFqn, "catalog.schema.table")
            .field("auto_generate_checks", &DqxProfileBody::autoGenerateChecks,
                   Field::boolean().defaultsTo(true).describe(
                       "Store the suggested checks (identical ones are not added twice)"))
            .field("sample_limit", &DqxProfileBody::sampleLimit,
                   Field::integer().min(0).defaultsTo(0).describe("Rows read (0: every row)"))
            .field("warehouse_id", &DqxProfileBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

}  // namespace

std::vector<Migration> ProfileRepository::migrations() {
  return {{6,
           "CREATE TABLE quality_profiles (profile_id TEXT PRIMARY KEY, table_fqn TEXT NOT NULL, "
           "profiled_at TEXT NOT NULL, result TEXT NOT NULL);"
           "CREATE INDEX quality_profiles_table ON quality_profiles (table_fqn, profiled_at);"},
          {7,
           "CREATE TABLE quality_profile_rules (profile_id TEXT PRIMARY KEY, table_fqn TEXT NOT "
           "NULL, column_name TEXT NOT NULL, rule_type TEXT NOT NULL, parameters TEXT NOT NULL, "
           "description TEXT NOT NULL, profiled_at TEXT NOT NULL, profiled_by TEXT NOT NULL);"}};
}

void ProfileRepository::insertRule(const Json& row) {
  store_.execute(
      "INSERT INTO quality_profile_rules (profile_id, table_fqn, column_name, rule_type, "
      "parameters, description, profiled_at, profiled_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {row["profile_id"], row["table_fqn"], row["column_name"], row["rule_type"], row["parameters"],
       row["description"], row["profiled_at"], row["profiled_by"]});
}

std::vector<Json> ProfileRepository::rules(const std::string& tableFqn) {
  return store_.query(
      "SELECT profile_id, table_fqn, column_name, rule_type, parameters, description, "
      "profiled_at, profiled_by FROM quality_profile_rules WHERE (? = '' OR table_fqn = ?) ORDER "
      "BY profiled_at DESC, rowid",
      {tableFqn, tableFqn});
}

void ProfileRepository::insert(const Json& profile) {
  store_.execute(
      "INSERT INTO quality_profiles (profile_id, table_fqn, profiled_at, result) VALUES (?, ?, "
      "?, ?)",
      {newUuid(), profile["table_fqn"], profile["profiled_at"], profile.dump()});
}

std::optional<Json> ProfileRepository::latest(const std::string& tableFqn) {
  const auto rows = store_.query(
      "SELECT result FROM quality_profiles WHERE table_fqn = ? ORDER BY profiled_at DESC, rowid "
      "DESC LIMIT 1",
      {tableFqn});
  if (rows.empty() || !rows[0]["result"].is_string()) return std::nullopt;
  return Json::parse(rows[0]["result"].get<std::string>());
}

Json ProfileRepository::clear() {
  Json out = Json::object();
  for (const char* table : {"quality_profiles", "quality_profile_rules"}) {
    out[table] = store_.execute(std::string("DELETE FROM ") + table);
  }
  return out;
}

std::int64_t ProfileRepository::profiledTables() {
  const auto rows = store_.query("SELECT count(DISTINCT table_fqn) AS n FROM quality_profiles");
  return rows.empty() || !rows[0]["n"].is_number_integer() ? 0 : rows[0]["n"].get<std::int64_t>();
}

Json profileAndSuggest(Workspace& ws, ProfileRepository& profiles, CheckRepository& checks,
                       const Json& config, const std::string& tableFqn, bool autoGenerate,
                       std::int64_t sampleLimit, const std::string& user, const std::string& at,
                       const CallOptions& call) {
  const auto inCount = static_cast<std::int64_t>(config.value("max_in_count", 10));
  const Json profile =
      profileTable(ws, tableFqn, {sampleLimit, std::max<std::int64_t>(inCount, 10), 20}, call, at);
  profiles.insert(profile);
  Json added = Json::array();
  Json suggested = Json::array();
  for (auto& s : suggestChecks(profile, config)) {
    const Json row{{"profile_id", newUuid()},
                   {"table_fqn", tableFqn},
                   {"column_name", s.column},
                   {"rule_type", s.ruleType},
                   {"parameters", s.parameters.dump()},
                   {"description", s.description},
                   {"profiled_at", at},
                   {"profiled_by", user}};
    profiles.insertRule(row);
    suggested.push_back(Json{{"profile_id", row["profile_id"]},
                             {"column", s.column},
                             {"rule_type", s.ruleType},
                             {"parameters", row["parameters"]},
                             {"description", s.description}});
    if (!autoGenerate || checks.hasFingerprint(tableFqn, fingerprint(s.check))) continue;
    StoredCheck stored{s.check, user, at, at};
    stored.check.id = newUuid();
    checks.insert(stored);
    added.push_back(Json{{"check_id", stored.check.id},
                         {"name", stored.check.name},
                         {"table_fqn", tableFqn},
                         {"criticality", "error"},
                         {"check_function", stored.check.function},
                         {"arguments", stored.check.arguments},
                         {"column", s.column}});
  }
  if (autoGenerate)
    return Json{{"table_fqn", tableFqn}, {"checks", added}, {"count", added.size()}};
  return Json{{"table_fqn", tableFqn}, {"profiles", suggested}, {"count", suggested.size()}};
}

void registerProfileRoutes(Routes& routes, std::shared_ptr<ProfileRepository> profiles,
                           std::shared_ptr<CheckRepository> checks,
                           std::shared_ptr<QualitySettings> settings, const Clock& clock) {
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

  routes.post("/api/profile-results")
      .summary("Profile the rows of a query")
      .description(
          "The profile of POST /api/profile-table for the rows one query gives (table_fqn "
          "\"(query)\"). The query is checked to be one SELECT before anything runs (400 "
          "otherwise: no DDL, DML or second statement) and is read inside the statistics "
          "queries on the warehouse, so its rows never travel to the server.")
      .body<QueryProfileBody>()
      .returns(Model("QueryProfile")
                   .field("table_fqn", Field::string().describe("(query)"))
                   .field("row_count", Field::integer().describe("Rows the query gives"))
                   .field("profiled_at", Field::string().describe("ISO-8601 UTC"))
                   .field("columns", Field::array(Field::object())
                                         .describe("As POST /api/profile-table's columns")))
      .handle([clk](const Request& req, const QueryProfileBody& b) {
        CallOptions call;
        call.warehouseId = b.warehouseId;
        return profileQuery(*req.workspace(), b.sql, {0, b.topN, b.histogramBins}, call,
                            isoUtc(clk->now()));
      });

  routes.post("/api/governance/dqx/profile")
      .summary("Profile a table and suggest checks")
      .description(
          "Profiles the table (as POST /api/profile-table) and suggests checks as DQX's "
          "profiler does: is_not_null for a column with at most max_null_ratio NULLs, "
          "is_in_list for at most max_in_count values, is_in_range between a number's or "
          "date's observed minimum and maximum (the settings' thresholds). With "
          "auto_generate_checks the suggestions are stored as checks; one identical to a "
          "check of the table is not added again.")
      .body<DqxProfileBody>()
      .returns(
          Model("DqxProfileResult")
              .field("table_fqn", Field::string().describe("The table"))
              .field("checks", Field::array(Field::object())
                                   .describe("With auto_generate_checks: the checks added"))
              .field("profiles", Field::array(Field::object()).describe("Without: the suggestions"))
              .field("count", Field::integer().describe("How many")))
      .mutates()
      .handle([profiles, checks, settings, clk](const Request& req, const DqxProfileBody& b) {
        CallOptions call;
        call.warehouseId = b.warehouseId;
        auto ws = req.workspace();
        return profileAndSuggest(*ws, *profiles, *checks, settings->get(), b.tableFqn,
                                 b.autoGenerateChecks, b.sampleLimit,
                                 ws->identity().currentUser(call), isoUtc(clk->now()), call);
      });

  routes.post("/api/governance/dqx/profile-drift")
      .summary("Drift since the last profile, and the checks it calls for")
      .description(
          "Profiles the table now (kept as its newest profile) and compares it with the one "
          "before, per column: added, removed or retyped columns, NULL share (1 point or any "
          "NULL where there was none), distinct share (10 points), a minimum or maximum beyond "
          "the earlier range, and the row count (10 %). Recommends adding a check the new data "
          "supports, updating a check it breaks (with the widened form) or removing one on a "
          "column that is gone. The first profile of a table has no baseline and no drift.")
      .body<DriftBody>()
      .mutates()
      .returns(Model("DqxProfileDrift")
                   .field("table_fqn", Field::string().describe("The table"))
                   .field("baseline_profile_at",
                          Field::string().describe("When the earlier profile was taken; null "
                                                   "for a table's first"))
                   .field("current_profile_at", Field::string().describe("ISO-8601 UTC"))
                   .field("drift", Field::array(Field::object())
                                       .describe("[{column, metric, previous, current}]"))
                   .field("recommendations",
                          Field::array(Field::object())
                              .describe("[{action: add|update|remove, check, check_id, reason}]")))
      .handle([profiles, checks, clk](const Request& req, const DriftBody& b) {
        CallOptions call;
        call.warehouseId = b.warehouseId;
        auto ws = req.workspace();
        const auto baseline = profiles->latest(b.tableFqn);
        const Json current =
            profileTable(*ws, b.tableFqn, {b.sampleLimit, 10, 20}, call, isoUtc(clk->now()));
        profiles->insert(current);
        Json out = baseline ? profileDrift(*baseline, current, checks->list(b.tableFqn))
                            : Json{{"drift", Json::array()}, {"recommendations", Json::array()}};
        out["table_fqn"] = b.tableFqn;
        out["baseline_profile_at"] = baseline ? (*baseline)["profiled_at"] : Json();
        out["current_profile_at"] = current["profiled_at"];
        return out;
      });

  routes.get("/api/governance/dqx/profiles")
      .summary("Suggested rules of past profiles")
      .description("The rules DQX profiling suggested, newest first, of a table when given.")
      .query("table_fqn", Field::string().describe("Only this table's"))
      .returnsListOf(Model("DqxProfileRule")
                         .field("profile_id", Field::string().describe("Id"))
                         .field("table_fqn", Field::string().describe("The table"))
                         .field("column_name", Field::string().describe("The column"))
                         .field("rule_type", Field::string().describe("is_not_null, is_in_list, "
                                                                      "min_max"))
                         .field("parameters", Field::string().describe("JSON text"))
                         .field("description", Field::string().describe("One sentence"))
                         .field("profiled_at", Field::string().describe("ISO-8601 UTC"))
                         .field("profiled_by", Field::string().describe("Who")))
      .handle([profiles](const Request& req) {
        Json out = Json::array();
        for (auto& r : profiles->rules(queryText(req, "table_fqn"))) out.push_back(std::move(r));
        return out;
      });
}

}  // namespace clxs::quality
