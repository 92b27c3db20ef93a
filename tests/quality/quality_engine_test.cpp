// The DQX routes with the local workspace behind them: every registry function counts exactly
// the rows it should on a fixture with seeded violations, a run is one query however many
// checks, and hostile names round-trip.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kernel/workspace/local/local_workspace.hpp"
#include "plugins/quality/check_exchange_routes.hpp"
#include "plugins/quality/check_repository.hpp"
#include "plugins/quality/cross_table_check.hpp"
#include "plugins/quality/dq_rules_routes.hpp"
#include "plugins/quality/dqx_admin_routes.hpp"
#include "plugins/quality/dqx_routes.hpp"
#include "plugins/quality/nl_routes.hpp"
#include "plugins/quality/profile_routes.hpp"
#include "plugins/quality/quality_schedules.hpp"
#include "plugins/quality/quality_settings.hpp"
#include "plugins/quality/rule_repository.hpp"
#include "plugins/quality/sampling_routes.hpp"
#include "plugins/quality/scope_profile_routes.hpp"
#include "plugins/quality/segment_routes.hpp"
#include "plugins/quality/suite_routes.hpp"
#include "plugins/quality/suite_runner.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/inline_jobs.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/recording_logger.hpp"
#include "tests/support/sqlite_test_store.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_scheduler.hpp"

namespace clxs::quality {
namespace {

using kernel::LocalSession;
using kernel::LocalWorkspace;
using kernel::LocalWorkspaceOptions;

// Six orders; the comments name the rows each check below fails.
constexpr const char* kFixture[] = {
    "CREATE SCHEMA main.dq",
    "CREATE TABLE main.dq.parents (pid INT)",
    "INSERT INTO main.dq.parents VALUES (1), (2), (3)",
    "CREATE TABLE main.dq.orders (id INT, email STRING, status STRING, amount DOUBLE, d DATE, "
    "region STRING, parent INT)",
    "INSERT INTO main.dq.orders VALUES "
    "(1, 'a@x.com', 'active', 10.0, DATE'2024-01-01', 'eu', 1), "
    "(2, 'bad-email', 'active', 20.0, DATE'2024-01-02', 'eu', 1), "
    "(3, NULL, 'closed', -5.0, DATE'2024-01-03', 'us', 2), "
    "(4, 'c@y.org', 'weird', 1000.0, NULL, 'us', 99), "
    "(5, '', 'active', NULL, DATE'2024-01-05', NULL, NULL), "
    "(5, 'e@z.net', 'ACTIVE', 30.0, DATE'2099-01-01', 'eu', 3)",
};

class QualityEngineTest : public ::testing::Test {
 public:
  void SetUp() override {
    LocalWorkspaceOptions options;
    options.root = dir.path() / "local";
    options.currentUser = "tester@example.com";
    ws = std::make_shared<LocalWorkspace>(options);
    for (const char* sql : kFixture) {
      LocalSession session;
      ws->execute(sql, session);
    }
    auto migrations = CheckRepository::migrations();
    for (auto& m : RuleRepository::migrations()) migrations.push_back(std::move(m));
    for (auto& m : SuiteRepository::migrations()) migrations.push_back(std::move(m));
    for (auto& m : QualitySettings::migrations()) migrations.push_back(std::move(m));
    for (auto& m : CheckRepository::segmentMigrations()) migrations.push_back(std::move(m));
    for (auto& m : ProfileRepository::migrations()) migrations.push_back(std::move(m));
    for (auto& m : CheckRepository::sampleMigrations()) migrations.push_back(std::move(m));
    for (auto& m : QualitySchedules::migrations()) migrations.push_back(std::move(m));
    store.migrate(migrations);
    auto checks = std::make_shared<CheckRepository>(store);
    auto rules = std::make_shared<RuleRepository>(store);
    auto suites = std::make_shared<SuiteRepository>(store);
    gate = std::make_shared<SuiteRunner>(checks, rules, suites);
    auto settings = std::make_shared<QualitySettings>(store);
    registerDqxRoutes(routes, checks, settings, clock);
    registerCheckExchangeRoutes(routes, checks, clock);
    registerDqRuleRoutes(routes, rules, clock);
    registerCrossTableCheckRoute(routes);
    registerNlRoutes(routes);
    registerSuiteRoutes(routes, suites, gate, clock);
    auto profiles = std::make_shared<ProfileRepository>(store);
    registerDqxAdminRoutes(routes, checks, settings, profiles, jobs, clock);
    registerSamplingRoutes(routes);
    registerSegmentRoutes(routes, checks, clock);
    registerProfileRoutes(routes, profiles, checks, settings, clock);
    registerScopeProfileRoutes(routes,
                               {profiles, checks, settings, &jobs, &clock, dir.path() / "reports"});
    kernelScheduler =
        std::make_unique<clxs::testing::TestScheduler>(schedulerDir, clock, log, "quality");
    auto w = ws;
    schedules = std::make_shared<QualitySchedules>(ScheduleDeps{
        &store, kernelScheduler->scheduler.get(), &jobs, &clock,
        [w]() -> std::shared_ptr<Workspace> { return w; }, checks, suites, gate, settings});
    schedules->start();
    schedules->registerRoutes(routes);
  }

  RequestParts request(Method m, Json body = nullptr) {
    RequestParts p;
    p.method = m;
    p.body = std::move(body);
    auto w = ws;
    p.workspaceResolver = [w](const Credentials&) -> std::shared_ptr<Workspace> { return w; };
    return p;
  }

  Response post(const std::string& route, Json body) {
    return routes.call("POST " + route, request(Method::Post, std::move(body)));
  }

  std::string create(const std::string& function, Json arguments,
                     const std::string& criticality = "error", const std::string& filter = "",
                     const std::string& table = "main.dq.orders") {
    Response r = post("/api/governance/dqx/checks", Json{{"table_fqn", table},
                                                         {"check_type", function},
                                                         {"arguments", std::move(arguments)},
                                                         {"criticality", criticality},
                                                         {"filter", filter}});
    EXPECT_EQ(r.status(), 200) << function << ": " << r.body().dump();
    return r.body().value("check_id", "");
  }

  Json run(const Json& checkIds = Json::array()) {
    Response r = post("/api/governance/dqx/run",
                      Json{{"table_fqn", "main.dq.orders"}, {"check_ids", checkIds}});
    EXPECT_EQ(r.status(), 200) << r.body().dump();
    return r.body();
  }

  // Failing rows of one check run alone.
  std::int64_t failures(const std::string& function, Json arguments,
                        const std::string& filter = "") {
    const std::string id = create(function, std::move(arguments), "error", filter);
    const Json result = run(Json::array({id}));
    return result["error_rows"].get<std::int64_t>();
  }

  clxs::testing::TempDir dir;
  std::shared_ptr<LocalWorkspace> ws;
  std::shared_ptr<SuiteRunner> gate;
  clxs::testing::InlineJobs jobs;
  clxs::testing::TempDir schedulerDir;
  clxs::testing::RecordingLogger log;
  std::unique_ptr<clxs::testing::TestScheduler> kernelScheduler;
  std::shared_ptr<QualitySchedules> schedules;
  testing::SqliteTestStore store;
  clxs::testing::ManualClock clock;
  clxs::testing::CaptureRoutes routes;
};

TEST_F(QualityEngineTest, EachFunctionCountsExactlyTheRowsItFails) {
  EXPECT_EQ(failures("is_not_null", Json{{"column", "email"}}), 1);   // row 3
  EXPECT_EQ(failures("is_not_empty", Json{{"column", "email"}}), 1);  // row 5 ('')
  EXPECT_EQ(failures("is_not_null_and_not_empty", Json{{"column", "email"}}), 2);
  EXPECT_EQ(failures("is_in_list",
                     Json{{"column", "status"}, {"allowed", Json::array({"active", "closed"})}}),
            2);  // weird, ACTIVE
  EXPECT_EQ(failures("is_in_list", Json{{"column", "status"},
                                        {"allowed", Json::array({"active", "closed"})},
                                        {"case_sensitive", false}}),
            1);  // weird
  EXPECT_EQ(
      failures("is_not_in_list", Json{{"column", "status"}, {"forbidden", Json::array({"weird"})}}),
      1);
  EXPECT_EQ(
      failures("is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}}),
      2);  // -5, 1000; NULL passes
  EXPECT_EQ(failures("is_not_less_than", Json{{"column", "amount"}, {"limit", 0}}), 1);
  EXPECT_EQ(failures("is_not_greater_than", Json{{"column", "amount"}, {"limit", 100}}), 1);
  EXPECT_EQ(failures("regex_match", Json{{"column", "email"}, {"regex", "^[a-z]+@"}}), 2);
  EXPECT_EQ(failures("is_valid_email", Json{{"column", "email"}}), 2);  // bad-email, ''
  EXPECT_EQ(failures("is_not_in_future", Json{{"column", "d"}}), 1);    // 2099
  EXPECT_EQ(failures("sql_expression", Json{{"expression", "amount < 500"}}), 1);
  EXPECT_EQ(failures("is_unique", Json{{"columns", Json::array({"id"})}}), 2);  // both 5s
  EXPECT_EQ(failures("foreign_key", Json{{"columns", Json::array({"parent"})},
                                         {"ref_columns", Json::array({"pid"})},
                                         {"ref_table", "main.dq.parents"}}),
            1);  // 99; NULL passes
  EXPECT_EQ(failures("is_aggr_not_greater_than",
                     Json{{"column", "*"}, {"limit", 2}, {"group_by", Json::array({"region"})}}),
            3);  // eu has three rows
  EXPECT_EQ(failures("is_aggr_not_less_than",
                     Json{{"column", "amount"}, {"aggr_type", "sum"}, {"limit", 2000}}),
            6);  // the sum is 1055: every row fails
  EXPECT_EQ(failures("is_data_fresh", Json{{"column", "d"}, {"max_age_minutes", 60}}), 4);
  // The functions added with the rest of DQX's vocabulary.
  const std::string ips =
      "CASE WHEN id = 1 THEN '10.1.2.3' WHEN id = 2 THEN '192.168.0.1' WHEN id = 3 THEN "
      "'10.300.0.1' END";
  EXPECT_EQ(
      failures("is_ipv4_address_in_cidr", Json{{"column", ips}, {"cidr_block", "10.0.0.0/8"}}),
      2);  // 192.168.0.1 is outside, 10.300.0.1 is no address
  const std::string v6 =
      "CASE WHEN id = 1 THEN '2001:db8::1' WHEN id = 2 THEN '::1' WHEN id = 3 THEN "
      "'2001:db8:::1' WHEN id = 4 THEN 'fe80::1%eth0' ELSE '::ffff:192.168.1.1' END";
  EXPECT_EQ(failures("is_valid_ipv6_address", Json{{"column", v6}}), 2);
  EXPECT_EQ(failures("is_valid_json", Json{{"column", "amount"}}), 0);  // numbers are JSON
  EXPECT_EQ(failures("is_valid_json", Json{{"column", "email"}}), 5);
  EXPECT_EQ(failures("has_valid_string_case", Json{{"column", "status"}, {"case", "upper"}}), 5);
  EXPECT_EQ(failures("has_valid_string_case", Json{{"column", "status"}, {"case", "lower"}}), 1);
  EXPECT_EQ(failures("has_valid_string_case", Json{{"column", "status"}, {"case", "title"}}), 5);
  // Median 20, median absolute deviation 10: only 1000 is further than 35 away.
  EXPECT_EQ(failures("has_no_outliers", Json{{"column", "amount"}}), 1);
  EXPECT_EQ(failures("sql_query",
                     Json{{"query", "SELECT id, amount > 25 AS condition FROM {{ input_view }}"},
                          {"merge_columns", Json::array({"id"})}}),
            3);  // id 4, and both rows of id 5 (one of them is 30)
  EXPECT_EQ(failures("sql_query",
                     Json{{"query", "SELECT count(*) > 5 AS condition FROM {{input_view}}"}}),
            6);
  EXPECT_EQ(failures("sql_query", Json{{"query", "SELECT count(*) > 5 AS ok FROM {{input_view}}"},
                                       {"condition_column", "ok"},
                                       {"negate", true}}),
            0);
  EXPECT_EQ(failures("is_older_than_n_days", Json{{"column", "d"}, {"days", 1}}), 1);  // 2099
  EXPECT_EQ(failures("is_null", Json{{"column", "email"}}), 5);
  EXPECT_EQ(failures("is_not_null_and_is_in_list",
                     Json{{"column", "region"}, {"allowed", Json::array({"eu"})}}),
            3);  // us, us, NULL
  EXPECT_EQ(failures("is_equal_to", Json{{"column", "region"}, {"value", "'eu'"}}), 2);
  EXPECT_EQ(failures("is_not_equal_to", Json{{"column", "parent"}, {"value", 1}}), 2);
  EXPECT_EQ(
      failures("is_not_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}}),
      3);  // 10, 20, 30
  EXPECT_EQ(failures("is_valid_date", Json{{"column", "status"}}), 6);
  EXPECT_EQ(failures("is_aggr_equal",
                     Json{{"column", "id"}, {"aggr_type", "count_distinct"}, {"limit", 5}}),
            0);
  EXPECT_EQ(failures("compare_datasets", Json{{"columns", Json::array({"parent"})},
                                              {"ref_columns", Json::array({"pid"})},
                                              {"ref_table", "main.dq.parents"}}),
            2);  // 99, and the NULL parent (null-safe matching: NULL matches no pid)
  EXPECT_EQ(failures("compare_datasets", Json{{"columns", Json::array({"id"})},
                                              {"ref_columns", Json::array({"id"})},
                                              {"ref_table", "main.dq.orders"}}),
            2);  // the table against itself: only id 5, twice in the reference, differs
  // The rest of the registry, each on the same fixture.
  const std::string ipv4s =
      "CASE WHEN id = 1 THEN '10.1.2.3' WHEN id = 2 THEN '192.168.0.1' WHEN id = 3 THEN "
      "'10.300.0.1' END";
  EXPECT_EQ(failures("is_empty", Json{{"column", "email"}}), 4);
  EXPECT_EQ(failures("is_null_or_empty", Json{{"column", "email"}}), 4);
  EXPECT_EQ(failures("is_not_null_and_not_empty_array",
                     Json{{"column", "filter(split(email, '@'), x -> x <> '')"}}),
            2);  // NULL (row 3) and [] (row 5's '')
  EXPECT_EQ(failures("is_valid_timestamp", Json{{"column", "status"}}), 6);
  EXPECT_EQ(failures("is_valid_ipv4_address", Json{{"column", ipv4s}}), 1);  // 10.300.0.1
  EXPECT_EQ(failures("is_valid_uuid",
                     Json{{"column",
                           "CASE WHEN id = 1 THEN '123e4567-e89b-12d3-a456-426614174000' WHEN id "
                           "= 2 THEN 'not-a-uuid' END"}}),
            1);
  EXPECT_EQ(failures("is_not_in_near_future", Json{{"column", "d"}, {"offset", 2600000000LL}}),
            1);  // 2099 falls inside the next 82 years
  EXPECT_EQ(failures("is_older_than_col2_for_n_days",
                     Json{{"column1", "d"}, {"column2", "DATE '2024-01-03'"}, {"days", 0}}),
            3);  // 01-03, 01-05 and 2099 are not older; NULL passes
  EXPECT_EQ(failures("has_json_keys",
                     Json{{"column",
                           "CASE WHEN id = 1 THEN '{\"a\": 1}' WHEN id = 2 THEN '{\"b\": 1}' WHEN "
                           "id = 3 THEN 'nope' END"},
                          {"keys", Json::array({"a"})}}),
            2);  // a missing key, and no JSON
  EXPECT_EQ(failures("is_aggr_not_equal",
                     Json{{"column", "id"}, {"aggr_type", "count_distinct"}, {"limit", 5}}),
            6);  // five distinct ids: every row fails
}

TEST_F(QualityEngineTest, CodeIdentifierWindowOutlierAndSchemaFunctionsCountExactly) {
  // ISO 3166-1: "eu" and "us" are no alpha-2 codes in lower case; "EU" is none at all.
  EXPECT_EQ(failures("is_valid_country_code", Json{{"column", "region"}}), 5);
  EXPECT_EQ(
      failures("is_valid_country_code", Json{{"column", "region"}, {"case_sensitive", false}}), 3);
  EXPECT_EQ(failures("is_valid_country_code",
                     Json{{"column", "CASE WHEN id = 1 THEN 'FRA' WHEN id = 2 THEN 'FR' END"},
                          {"code_format", "alpha-3"}}),
            1);
  EXPECT_EQ(failures("is_valid_currency_code",
                     Json{{"column",
                           "CASE WHEN id = 1 THEN 'EUR' WHEN id = 2 THEN 'usd' WHEN id = 3 THEN "
                           "'XYZ' END"}}),
            2);
  EXPECT_EQ(failures("is_valid_currency_code",
                     Json{{"column", "CASE WHEN id = 1 THEN 978 WHEN id = 2 THEN 4 END"},
                          {"code_format", "numeric"}}),
            1);  // 978 is EUR; 4 is not "004"
  EXPECT_EQ(failures("is_valid_language_code", Json{{"column", "region"}}), 2);  // eu is Basque
  const std::string subdivisions =
      "CASE WHEN id = 1 THEN 'US-CA' WHEN id = 2 THEN 'US-ZZ' WHEN id = 3 THEN 'GB-ENG' END";
  EXPECT_EQ(failures("is_valid_subdivision_code", Json{{"column", subdivisions}}), 1);
  EXPECT_EQ(failures("is_valid_subdivision_code",
                     Json{{"column", subdivisions}, {"country_column", "upper(region)"}}),
            3);  // US-CA is not in EU, US-ZZ is none, GB-ENG is not in US
  EXPECT_EQ(failures("is_valid_national_id",
                     Json{{"column",
                           "CASE WHEN id = 1 THEN '123-45-6789' WHEN id = 2 THEN '123 45-6789' "
                           "WHEN id = 3 THEN '666-12-3456' WHEN id = 4 THEN '123456789' WHEN "
                           "email = 'e@z.net' THEN '123-00-6789' END"}}),
            3);  // mixed separators, area 666, group 00
  EXPECT_EQ(failures("is_valid_national_id",
                     Json{{"column",
                           "CASE WHEN id = 1 THEN 'AB 12 34 56 C' WHEN id = 2 THEN 'QQ123456C' "
                           "WHEN id = 3 THEN 'GB123456A' END"},
                          {"country", "GB"}}),
            2);
  EXPECT_EQ(
      failures("is_valid_national_id", Json{{"column",
                                             "CASE WHEN id = 1 THEN 'ABCPE1234F' WHEN id = 2 THEN "
                                             "'ABCXE1234F' END"},
                                            {"country", "IN"}}),
      1);
  // Daily averages 10, 20, -5, (none), NULL, 30, the latest (2099) last: 30 against the mean
  // 256.25 and deviation 429.5 of the four before it (n = 5 with the NULL day, fewer than the
  // default warm-up of 7).
  EXPECT_EQ(failures("has_no_aggr_outliers", Json{{"column", "amount"}, {"time_column", "d"}}), 0);
  EXPECT_EQ(failures("has_no_aggr_outliers", Json{{"column", "amount"},
                                                  {"time_column", "d"},
                                                  {"sigma", 0.5},
                                                  {"warmup_num_intervals", 5}}),
            6);
  EXPECT_EQ(failures("has_no_aggr_outliers", Json{{"column", "amount"},
                                                  {"time_column", "d"},
                                                  {"sigma", 0.5},
                                                  {"lookback_num_intervals", 6},
                                                  {"warmup_num_intervals", 6}}),
            0);  // five buckets of history are fewer than the warm-up
  EXPECT_EQ(failures("has_no_aggr_outliers", Json{{"column", "amount"},
                                                  {"time_column", "d"},
                                                  {"sigma", 1},
                                                  {"lookback_num_intervals", 2},
                                                  {"warmup_num_intervals", 2},
                                                  {"group_by", Json::array({"region"})}}),
            3);  // eu: 30 against 15 ± 5
  EXPECT_EQ(
      failures("aggr_matches_dataset", Json{{"column", "*"}, {"ref_table", "main.dq.parents"}}),
      6);  // 6 orders, 3 parents
  EXPECT_EQ(failures("aggr_matches_dataset",
                     Json{{"column", "parent"},
                          {"aggr_type", "max"},
                          {"ref_column", "pid"},
                          {"ref_table", "main.dq.parents"}},
                     "parent < 50"),
            0);  // 3 = 3
  EXPECT_EQ(failures("aggr_matches_dataset", Json{{"column", "*"},
                                                  {"group_by", Json::array({"parent"})},
                                                  {"ref_group_by", Json::array({"pid"})},
                                                  {"ref_table", "main.dq.parents"}}),
            4);  // parent 1 twice, 99 and NULL missing from the reference
  // Three-day windows from the epoch: Dec 31-Jan 2 holds rows 1 and 2, Jan 3-5 rows 3 and 5.
  EXPECT_EQ(failures("is_data_fresh_per_time_window", Json{{"column", "d"},
                                                           {"window_minutes", 4320},
                                                           {"min_records_per_window", 3},
                                                           {"curr_timestamp", "2024-01-10"}}),
            4);
  EXPECT_EQ(failures("is_data_fresh_per_time_window", Json{{"column", "d"},
                                                           {"window_minutes", 4320},
                                                           {"min_records_per_window", 2},
                                                           {"curr_timestamp", "2024-01-10"}}),
            0);
  EXPECT_EQ(failures("is_data_fresh_per_time_window", Json{{"column", "d"},
                                                           {"window_minutes", 4320},
                                                           {"min_records_per_window", 3},
                                                           {"lookback_windows", 1},
                                                           {"curr_timestamp", "2024-01-06"}}),
            2);
  EXPECT_EQ(
      failures("has_no_gaps_per_time_window", Json{{"column", "d"}, {"window_minutes", 1440}}),
      2);  // Jan 3 (then Jan 5) and Jan 5 (then 2099)
  EXPECT_EQ(failures("has_no_gaps_per_time_window", Json{{"column", "d"},
                                                         {"window_minutes", 1440},
                                                         {"group_by", Json::array({"region"})}}),
            1);  // eu: Jan 2, then 2099
  EXPECT_EQ(failures("has_no_gaps_per_time_window", Json{{"column", "d"},
                                                         {"window_minutes", 1440},
                                                         {"trailing_gap", true},
                                                         {"curr_timestamp", "2099-01-05"}}),
            3);
  const std::string full =
      "id INT, email STRING, status STRING, amount DOUBLE, d DATE, region STRING, parent INT";
  EXPECT_EQ(failures("has_valid_schema", Json{{"expected_schema", "id BIGINT, email VARCHAR(10)"}}),
            0);  // permissive: widening is compatible
  EXPECT_EQ(failures("has_valid_schema", Json{{"expected_schema", "id INT, missing STRING"}}), 6);
  EXPECT_EQ(failures("has_valid_schema", Json{{"expected_schema", "id STRING"}}), 6);
  EXPECT_EQ(failures("has_valid_schema", Json{{"expected_schema", full}, {"strict", true}}), 0);
  EXPECT_EQ(failures("has_valid_schema", Json{{"expected_schema", "id BIGINT"}, {"strict", true}}),
            6);
  EXPECT_EQ(failures("has_valid_schema", Json{{"ref_table", "main.dq.parents"}}), 6);
  EXPECT_EQ(failures("has_valid_schema",
                     Json{{"expected_schema", "id INT"}, {"exclude_columns", Json::array({"id"})}}),
            6);
  EXPECT_EQ(failures("has_valid_schema", Json{{"expected_schema", "id INT, email STRING"},
                                              {"columns", Json::array({"id", "email"})},
                                              {"strict", true}}),
            0);
}

TEST_F(QualityEngineTest, NewFunctionsRefuseBadArgumentsWith422) {
  const auto status = [&](const std::string& function, Json arguments) {
    return post("/api/governance/dqx/checks", Json{{"table_fqn", "main.dq.orders"},
                                                   {"check_type", function},
                                                   {"arguments", std::move(arguments)}})
        .status();
  };
  EXPECT_EQ(status("is_valid_country_code", Json{{"column", "region"}, {"code_format", "alpha-4"}}),
            422);
  EXPECT_EQ(status("is_valid_national_id", Json{{"column", "region"}, {"country", "FR"}}), 422);
  EXPECT_EQ(status("has_valid_schema", Json::object()), 422);
  EXPECT_EQ(status("has_valid_schema",
                   Json{{"expected_schema", "id INT"}, {"ref_table", "main.dq.parents"}}),
            422);
  EXPECT_EQ(status("has_valid_schema", Json{{"expected_schema", "id ARRAY<"}}), 422);
  EXPECT_EQ(status("has_no_aggr_outliers",
                   Json{{"column", "amount"}, {"time_column", "d"}, {"sigma", 0}}),
            422);
  EXPECT_EQ(status("has_no_aggr_outliers",
                   Json{{"column", "amount"}, {"time_column", "d"}, {"time_interval", "year"}}),
            422);
  EXPECT_EQ(status("is_data_fresh_per_time_window",
                   Json{{"column", "d"}, {"window_minutes", 0}, {"min_records_per_window", 1}}),
            422);
  EXPECT_EQ(status("has_no_gaps_per_time_window",
                   Json{{"column", "d"}, {"window_minutes", 5}, {"curr_timestamp", "2024-01-01"}}),
            422);  // curr_timestamp only with trailing_gap
  EXPECT_EQ(status("aggr_matches_dataset", Json{{"column", "*"},
                                                {"ref_table", "main.dq.parents"},
                                                {"ref_group_by", Json::array({"pid"})}}),
            422);
}

TEST_F(QualityEngineTest, AFilterLimitsTheRowsACheckJudges) {
  // Only us rows: row 3 has no email; row 5's region is NULL, so its filter does not hold.
  EXPECT_EQ(failures("is_not_null", Json{{"column", "email"}}, "region = 'us'"), 1);
  EXPECT_EQ(failures("is_unique", Json{{"columns", Json::array({"id"})}}, "region = 'eu'"), 0);
}

TEST_F(QualityEngineTest, ARunCountsErrorAndWarningRowsOnceInOneQuery) {
  create("is_not_null", Json{{"column", "email"}});                                         // 3
  create("is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}});  // 3, 4
  create("is_unique", Json{{"columns", Json::array({"id"})}});                              // 5, 6
  create("is_valid_email", Json{{"column", "email"}}, "warn");                              // 2, 5
  create("is_not_in_future", Json{{"column", "d"}}, "warn");                                // 6
  const Json r = run();
  EXPECT_EQ(r["input_rows"], 6);
  EXPECT_EQ(r["error_rows"], 4);
  EXPECT_EQ(r["warning_rows"], 3);
  EXPECT_EQ(r["valid_rows"], 2);
  EXPECT_EQ(r["invalid_rows"], 5) << "rows 2 to 6 fail something";
  EXPECT_EQ(r["clean_rows"], 1);
  EXPECT_NEAR(r["pass_rate"].get<double>(), 100.0 * 2 / 6, 1e-9);
  EXPECT_EQ(r["checks_applied"], 5);
  ASSERT_EQ(r["details"].size(), 5U);
  EXPECT_EQ(r["details"][1]["error_count"], 2);
  EXPECT_EQ(r["details"][3]["warning_count"], 2);
  EXPECT_EQ(r["executed_by"], "tester@example.com");

  // The result is kept, newest first.
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}, {"limit", 50}};
  const Json results = routes.call("GET /api/governance/dqx/results", std::move(q)).body();
  ASSERT_EQ(results.size(), 1U);
  EXPECT_EQ(results[0]["run_id"], r["run_id"]);
}

// Counts (and keeps) the SQL statements the workspace receives.
struct StatementCounter final : CallInterceptor {
  void before(const WorkspaceCall& call) override {
    if (call.service != "sql") return;
    ++statements;
    texts.push_back(call.describe());
  }
  int statements = 0;
  std::vector<std::string> texts;
};

TEST_F(QualityEngineTest, TwentyRowChecksAndTwoDatasetChecksRunAsOneQuery) {
  for (int i = 0; i < 20; ++i) {
    create("is_not_greater_than", Json{{"column", "amount"}, {"limit", 100 + i}},
           i % 2 == 0 ? "error" : "warn");
  }
  create("is_unique", Json{{"columns", Json::array({"id"})}});
  create("foreign_key", Json{{"columns", Json::array({"parent"})},
                             {"ref_columns", Json::array({"pid"})},
                             {"ref_table", "main.dq.parents"}});
  auto counter = std::make_shared<StatementCounter>();
  ws->intercept(counter);
  const Json r = run();
  ws->stopIntercepting(counter.get());
  // One query counts every check; rows failed, so one more bounded query keeps samples.
  ASSERT_EQ(counter->statements, 2);
  EXPECT_NE(counter->texts[0].find("count_if"), std::string::npos);
  EXPECT_NE(counter->texts[1].find(" LIMIT "), std::string::npos);
  EXPECT_EQ(r["checks_applied"], 22);
  EXPECT_EQ(r["error_rows"], 3) << "1000 > every limit; the two 5s; parent 99 (row 4 again)";
  EXPECT_EQ(r["warning_rows"], 1);
}

TEST_F(QualityEngineTest, FailingRowsAreKeptWithTheRunAndReadBackWithoutAQuery) {
  create("is_not_null", Json{{"column", "email"}});                                         // row 3
  create("is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}});  // 3, 4
  const Json r = run();
  auto counter = std::make_shared<StatementCounter>();
  ws->intercept(counter);
  RequestParts q = request(Method::Get);
  q.query = Json{{"run_id", r["run_id"]}, {"limit", 100}};
  const Json samples = routes.call("GET /api/data-quality/failure-samples", std::move(q)).body();
  ws->stopIntercepting(counter.get());
  EXPECT_EQ(counter->statements, 0) << "samples are read back, not queried";
  ASSERT_EQ(samples.size(), 3U) << samples.dump();
  std::map<std::string, int> perCheck;
  for (const auto& s : samples) {
    ++perCheck[s["check_name"].get<std::string>()];
    EXPECT_TRUE(s["values"].contains("id"));
    EXPECT_FALSE(s["values"].contains("__row"));
  }
  EXPECT_EQ(perCheck["email_is_null"], 1);
  EXPECT_EQ(perCheck["amount_not_in_range"], 2);
  // failure_sample_limit 0 turns sampling off: the run is one query.
  RequestParts put = request(Method::Put, Json{{"failure_sample_limit", 0}});
  routes.call("PUT /api/data-quality/dqx-settings", std::move(put));
  auto again = std::make_shared<StatementCounter>();
  ws->intercept(again);
  run();
  ws->stopIntercepting(again.get());
  EXPECT_EQ(again->statements, 1);
}

TEST_F(QualityEngineTest, AWarnOnlyFailureLeavesEveryRowValid) {
  create("is_valid_email", Json{{"column", "email"}}, "warn");
  const Json r = run();
  EXPECT_EQ(r["valid_rows"], 6);
  EXPECT_EQ(r["warning_rows"], 2);
  EXPECT_EQ(r["pass_rate"], 100.0);
}

TEST_F(QualityEngineTest, BadInputIsRefusedAndNothingIsStored) {
  auto status = [&](Json body) {
    return post("/api/governance/dqx/checks", std::move(body)).status();
  };
  const auto sqlQueryStatus = [&](Json arguments) {
    return status(Json{{"table_fqn", "main.dq.orders"},
                       {"check_type", "sql_query"},
                       {"arguments", std::move(arguments)}});
  };
  EXPECT_EQ(sqlQueryStatus(Json{{"query", "DELETE FROM {{ input_view }}"}}), 400);
  EXPECT_EQ(sqlQueryStatus(Json{{"query", "SELECT 1; DROP TABLE main.dq.orders"}}), 422);
  EXPECT_EQ(sqlQueryStatus(Json{{"query", "SELECT TRUE AS condition"}}), 422);  // no input
  EXPECT_EQ(status(Json{{"table_fqn", "main.dq.orders"},
                        {"check_type", "is_ipv4_address_in_cidr"},
                        {"arguments", Json{{"column", "email"}, {"cidr_block", "10.0.0.0/33"}}}}),
            422);
  EXPECT_EQ(status(Json{{"table_fqn", "main.dq.orders"},
                        {"check_type", "has_valid_string_case"},
                        {"arguments", Json{{"column", "email"}, {"case", "camel"}}}}),
            422);
  EXPECT_EQ(
      status(Json{
          {"table_fqn", "main.dq.orders"}, {"check_type", "nope"}, {"arguments", Json::object()}}),
      422);
  EXPECT_EQ(status(Json{{"table_fqn", "main.dq.orders"},
                        {"check_type", "is_not_null"},
                        {"arguments", Json::object()}}),
            422);
  EXPECT_EQ(status(Json{{"table_fqn", "orders"},
                        {"check_type", "is_not_null"},
                        {"arguments", Json{{"column", "id"}}}}),
            400);
  EXPECT_EQ(status(Json{{"table_fqn", "main.dq.orders"},
                        {"check_type", "sql_expression"},
                        {"arguments", Json{{"expression", "1=1; DROP TABLE main.dq.orders"}}}}),
            400);
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}};
  EXPECT_EQ(routes.call("GET /api/governance/dqx/checks", std::move(q)).body().size(), 0U);
  // A duplicate is a conflict; the original's field names are accepted too.
  const Json check{{"table_fqn", "main.dq.orders"},
                   {"check_function", "is_not_null"},
                   {"arguments", Json{{"column", "id"}}},
                   {"filter_expr", "id > 0"}};
  EXPECT_EQ(status(check), 200);
  EXPECT_EQ(status(check), 409);
  // Running a table without checks, or an unknown check, says so.
  EXPECT_EQ(post("/api/governance/dqx/run", Json{{"table_fqn", "main.dq.parents"}}).status(), 400);
  EXPECT_EQ(post("/api/governance/dqx/run",
                 Json{{"table_fqn", "main.dq.orders"}, {"check_ids", Json::array({"x"})}})
                .status(),
            404);
}

TEST_F(QualityEngineTest, HostileNamesRoundTrip) {
  LocalSession session;
  ws->execute("CREATE TABLE main.dq.`we'ird;%` (`a``b` INT, `c d` STRING)", session);
  ws->execute("INSERT INTO main.dq.`we'ird;%` VALUES (1, NULL), (NULL, 'x')", session);
  const std::string table = "main.dq.`we'ird;%`";
  create("is_not_null", Json{{"column", "`a``b`"}}, "error", "", table);
  create("is_not_null", Json{{"column", "`c d`"}}, "error", "`a``b` IS NOT NULL", table);
  Response r = post("/api/governance/dqx/run", Json{{"table_fqn", table}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["error_rows"], 2);
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", table}};
  const Json listed = routes.call("GET /api/governance/dqx/checks", std::move(q)).body();
  ASSERT_EQ(listed.size(), 2U);
  EXPECT_EQ(listed[0]["arguments"]["column"], "`a``b`");
}

TEST_F(QualityEngineTest, ChecksAreUpdatedToggledDeletedAndAudited) {
  const std::string id = create("is_not_null", Json{{"column", "email"}});
  RequestParts meta = request(Method::Put, Json{{"user_metadata", Json{{"owner", "ops"}}}});
  meta.pathParams["check_id"] = id;
  ASSERT_EQ(routes.call("PUT /api/governance/dqx/checks/{check_id}", std::move(meta)).status(),
            200);
  RequestParts put = request(Method::Put, Json{{"criticality", "warn"}, {"name", "email set"}});
  put.pathParams["check_id"] = id;
  EXPECT_EQ(routes.call("PUT /api/governance/dqx/checks/{check_id}", std::move(put)).status(), 200);
  RequestParts toggle = request(Method::Post, Json{{"enabled", false}});
  toggle.pathParams["check_id"] = id;
  EXPECT_EQ(
      routes.call("POST /api/governance/dqx/checks/{check_id}/toggle", std::move(toggle)).status(),
      200);
  EXPECT_EQ(post("/api/governance/dqx/run", Json{{"table_fqn", "main.dq.orders"}}).status(), 400)
      << "the only check is disabled";
  RequestParts q = request(Method::Get);
  q.query = Json{{"check_id", id}, {"limit", 100}};
  const Json audit = routes.call("GET /api/governance/dqx/checks/audit-log", std::move(q)).body();
  ASSERT_EQ(audit.size(), 4U);
  EXPECT_EQ(audit[0]["action"], "update");
  EXPECT_EQ(audit[0]["after"]["enabled"], false);
  EXPECT_EQ(audit[1]["after"]["criticality"], "warn");
  EXPECT_EQ(audit[1]["after"]["user_metadata"]["owner"], "ops") << "kept: not sent";
  EXPECT_EQ(audit[2]["after"]["criticality"], "error") << "kept: not sent";
  EXPECT_EQ(audit[3]["action"], "create");
  EXPECT_EQ(audit[3]["user"], "tester@example.com");
  EXPECT_EQ(post("/api/governance/dqx/checks/delete-bulk", Json{{"delete_all", true}}).status(),
            422);
  EXPECT_EQ(post("/api/governance/dqx/checks/delete-bulk",
                 Json{{"delete_all", true}, {"confirm_destructive", true}})
                .body()["deleted"],
            1);
  RequestParts del = request(Method::Delete);
  del.pathParams["check_id"] = id;
  EXPECT_EQ(routes.call("DELETE /api/governance/dqx/checks/{check_id}", std::move(del)).status(),
            404);
}

// ---- the original's rules ----

std::string rule(QualityEngineTest& t, Json body) {
  body["table_fqn"] = "main.dq.orders";
  Response r = t.post("/api/governance/dq/rules", std::move(body));
  EXPECT_EQ(r.status(), 200) << r.body().dump();
  return r.body().value("rule_id", "");
}

TEST_F(QualityEngineTest, RulesOfEveryTypeRunAsChecksWithTheOriginalsResults) {
  const std::string notNull =
      rule(*this, Json{{"rule_type", "not_null"}, {"column", "email"}, {"severity", "critical"}});
  const std::string unique = rule(*this, Json{{"rule_type", "unique"}, {"column", "id"}});
  const std::string range = rule(*this, Json{{"rule_type", "range"},
                                             {"column", "amount"},
                                             {"params", Json{{"min", 0}, {"max", 100}}},
                                             {"threshold", 0.5}});
  const std::string regex = rule(
      *this, Json{{"rule_type", "regex"}, {"column", "email"}, {"params", Json{{"pattern", "@"}}}});
  const std::string custom =
      rule(*this, Json{{"rule_type", "custom_sql"}, {"expression", "amount < 500"}});
  const std::string rows =
      rule(*this, Json{{"rule_type", "row_count"}, {"params", Json{{"min", 1}, {"max", 5}}}});
  const std::string ref = rule(
      *this, Json{{"rule_type", "referential"},
                  {"column", "parent"},
                  {"params", Json{{"parent_table", "main.dq.parents"}, {"parent_column", "pid"}}}});
  const std::string fresh =
      rule(*this,
           Json{{"rule_type", "freshness"}, {"column", "d"}, {"params", Json{{"max_hours", 24}}}});
  auto counter = std::make_shared<StatementCounter>();
  ws->intercept(counter);
  Response r = post("/api/governance/dq/run", Json{{"table_fqn", "main.dq.orders"}});
  ws->stopIntercepting(counter.get());
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(counter->statements, 1) << "one query for the table's eight rules";
  std::map<std::string, Json> by;
  for (const auto& x : r.body()) by[x["rule_id"].get<std::string>()] = x;
  ASSERT_EQ(by.size(), 8U);
  EXPECT_EQ(by[notNull]["failed_rows"], 1);
  EXPECT_EQ(by[notNull]["total_rows"], 6);
  EXPECT_EQ(by[notNull]["passed"], false);
  EXPECT_EQ(by[unique]["failed_rows"], 2);
  EXPECT_EQ(by[range]["failed_rows"], 2);
  EXPECT_NEAR(by[range]["failure_rate"].get<double>(), 0.333333, 1e-9);
  EXPECT_EQ(by[range]["passed"], true) << "a third of the rows is within the 0.5 threshold";
  EXPECT_EQ(by[regex]["failed_rows"], 2) << "bad-email and the empty string";
  EXPECT_EQ(by[custom]["failed_rows"], 1);
  EXPECT_EQ(by[rows]["failed_rows"], 6) << "six rows, more than the max of five";
  EXPECT_EQ(by[ref]["failed_rows"], 1);
  EXPECT_EQ(by[fresh]["failed_rows"], 0) << "the newest date is in 2099";
  EXPECT_TRUE(by[fresh]["error"].is_null());

  // Results and history keep them.
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}, {"limit", 100}};
  EXPECT_EQ(routes.call("GET /api/governance/dq/results", std::move(q)).body().size(), 8U);
  RequestParts h = request(Method::Get);
  h.query = Json{{"rule_id", notNull}, {"days", 30}};
  const Json history = routes.call("GET /api/governance/dq/history", std::move(h)).body();
  ASSERT_EQ(history.size(), 1U);
  EXPECT_EQ(history[0]["failures"], 1);
  EXPECT_EQ(history[0]["passes"], 0);
}

TEST_F(QualityEngineTest, ABadRuleIsRefusedAndAMissingTableIsAResultNotAFailure) {
  auto status = [&](Json body) {
    body["table_fqn"] = "main.dq.orders";
    return post("/api/governance/dq/rules", std::move(body)).status();
  };
  EXPECT_EQ(status(Json{{"rule_type", "nonsense"}, {"column", "id"}}), 422);
  EXPECT_EQ(status(Json{{"rule_type", "range"}, {"column", "amount"}}), 422);
  EXPECT_EQ(status(Json{{"rule_type", "not_null"}}), 422);
  EXPECT_EQ(status(Json{{"rule_type", "custom_sql"}, {"expression", "1=1; DROP TABLE t"}}), 400);
  EXPECT_EQ(post("/api/governance/dq/rules", Json{{"rule_type", "not_null"}}).status(), 422);
  Response made = post("/api/governance/dq/rules", Json{{"table_fqn", "main.dq.gone"},
                                                        {"rule_type", "not_null"},
                                                        {"column", "id"},
                                                        {"severity", "critical"},
                                                        {"threshold", 0.5}});
  ASSERT_EQ(made.status(), 200);
  Response r = post("/api/governance/dq/run", Json{{"table_fqn", "main.dq.gone"}});
  ASSERT_EQ(r.status(), 200);
  ASSERT_EQ(r.body().size(), 1U);
  EXPECT_EQ(r.body()[0]["passed"], false);
  EXPECT_NE(r.body()[0]["error"].get<std::string>().find("gone"), std::string::npos);
  // An update changes what it sends and keeps the rest.
  const std::string kept = made.body()["rule_id"];
  RequestParts put = request(Method::Put, Json{{"name", "renamed"}});
  put.pathParams["rule_id"] = kept;
  ASSERT_EQ(routes.call("PUT /api/governance/dq/rules/{rule_id}", std::move(put)).status(), 200);
  RequestParts list = request(Method::Get);
  list.query = Json{{"table_fqn", "main.dq.gone"}};
  const Json rules = routes.call("GET /api/governance/dq/rules", std::move(list)).body();
  ASSERT_EQ(rules.size(), 1U);
  EXPECT_EQ(rules[0]["name"], "renamed");
  EXPECT_EQ(rules[0]["severity"], "critical") << "kept: not sent";
  EXPECT_EQ(rules[0]["threshold"], 0.5) << "kept: not sent";
  RequestParts del = request(Method::Delete);
  del.pathParams["rule_id"] = "no-such-rule";
  EXPECT_EQ(routes.call("DELETE /api/governance/dq/rules/{rule_id}", std::move(del)).status(), 404);
  EXPECT_EQ(post("/api/governance/dq/run", Json{{"rule_ids", Json::array({"nope"})}}).status(),
            404);
}

// ---- suites and the gate ----

TEST_F(QualityEngineTest, ASuiteRunsEveryItemForReal) {
  const std::string email = create("is_not_null", Json{{"column", "email"}});  // fails row 3
  const std::string id = create("is_not_null", Json{{"column", "id"}});        // passes
  const std::string tolerant = rule(*this, Json{{"rule_type", "range"},
                                                {"column", "amount"},
                                                {"params", Json{{"min", 0}, {"max", 100}}},
                                                {"threshold", 0.5}});  // 2 of 6: passes
  Response made = post(
      "/api/data-quality/suites",
      Json{{"name", "orders ok"},
           {"checks",
            Json::array({Json{{"check_id", email}}, Json{{"check_id", id}, {"description", "ids"}},
                         Json{{"type", "dq_rule"}, {"id", tolerant}}})}});
  ASSERT_EQ(made.status(), 200) << made.body().dump();
  const std::string suite = made.body()["suite_id"];
  EXPECT_EQ(made.body()["check_count"], 3);
  RequestParts runReq = request(Method::Post);
  runReq.pathParams["suite_id"] = suite;
  const Json r =
      routes.call("POST /api/data-quality/suites/{suite_id}/run", std::move(runReq)).body();
  EXPECT_EQ(r["overall_status"], "fail");
  EXPECT_EQ(r["passed"], 2);
  EXPECT_EQ(r["failed"], 1);
  EXPECT_EQ(r["results"][0]["status"], "fail");
  EXPECT_EQ(r["results"][0]["details"]["failed_rows"], 1);
  EXPECT_EQ(r["results"][2]["check_type"], "dq_rule");
  EXPECT_EQ(r["results"][2]["status"], "pass");
  const Json listed = routes.call("GET /api/data-quality/suites", request(Method::Get)).body();
  ASSERT_EQ(listed["suites"].size(), 1U);
  EXPECT_EQ(listed["suites"][0]["check_count"], 3);
  EXPECT_EQ(post("/api/data-quality/suites",
                 Json{{"name", "x"}, {"checks", Json::array({Json{{"check_id", "nope"}}})}})
                .status(),
            422);
  RequestParts del = request(Method::Delete);
  del.pathParams["suite_id"] = suite;
  EXPECT_EQ(routes.call("DELETE /api/data-quality/suites/{suite_id}", std::move(del)).status(),
            200);
  RequestParts get = request(Method::Get);
  get.pathParams["suite_id"] = suite;
  EXPECT_EQ(routes.call("GET /api/data-quality/suites/{suite_id}", std::move(get)).status(), 404);
}

TEST_F(QualityEngineTest, TheGateJudgesValidRowsAndBlockingChecks) {
  create("is_not_null", Json{{"column", "email"}});             // 1 of 6
  create("is_valid_email", Json{{"column", "email"}}, "warn");  // warnings only
  auto gateOf = [&](double minPassRate) {
    Response r = post("/api/data-quality/gate/evaluate",
                      Json{{"table_fqn", "main.dq.orders"}, {"min_pass_rate", minPassRate}});
    EXPECT_EQ(r.status(), 200) << r.body().dump();
    return r.body();
  };
  const Json strict = gateOf(100);
  EXPECT_EQ(strict["passed"], false);
  EXPECT_NEAR(strict["pass_rate"].get<double>(), 500.0 / 6, 1e-9);
  ASSERT_EQ(strict["blocking_failures"].size(), 1U);
  EXPECT_EQ(strict["blocking_failures"][0]["name"], "email_is_null");
  EXPECT_EQ(strict["blocking_failures"][0]["error_rows"], 1);
  const Json lenient = gateOf(80);
  EXPECT_EQ(lenient["passed"], true);
  EXPECT_EQ(lenient["blocking_failures"].size(), 0U);
  // The same verdict through the service other plugins call.
  const auto verdict = gate->evaluate(*ws, {"main.dq.orders", "", 80}, {});
  EXPECT_TRUE(verdict.passed);
  EXPECT_EQ(post("/api/data-quality/gate/evaluate",
                 Json{{"table_fqn", "main.dq.orders"}, {"suite_id", "nope"}})
                .status(),
            404);
  EXPECT_EQ(
      post("/api/data-quality/gate/evaluate", Json{{"table_fqn", "main.dq.parents"}}).status(),
      400);
  EXPECT_EQ(post("/api/data-quality/gate/evaluate", Json{{"table_fqn", "orders"}}).status(), 400);
}

// ---- administration ----

TEST_F(QualityEngineTest, RunAllMeasuresEveryMonitoredTableAndTheDashboardShowsIt) {
  create("is_not_null", Json{{"column", "email"}});
  create("is_not_null", Json{{"column", "pid"}}, "error", "", "main.dq.parents");
  const Json empty = routes.call("GET /api/governance/dqx/dashboard", request(Method::Get)).body();
  EXPECT_EQ(empty["total_checks"], 2);
  EXPECT_TRUE(empty["overall_pass_rate"].is_null());
  const Json queued = post("/api/governance/dqx/run-all", Json::object()).body();
  ASSERT_EQ(queued["status"], "queued") << queued.dump();
  const auto& done = jobs.run(queued["job_id"].get<std::string>());
  const Json& result = done.outcome.result;
  EXPECT_EQ(result["tables_checked"], 2);
  EXPECT_EQ(result["failed"], 1) << "orders: 5 of 6 valid is under the 95 % threshold";
  EXPECT_EQ(result["passed"], 1);
  EXPECT_EQ(done.progress.back()["completed"], 2);
  const Json board = routes.call("GET /api/governance/dqx/dashboard", request(Method::Get)).body();
  EXPECT_EQ(board["tables_monitored"], 2);
  EXPECT_EQ(board["latest_runs"].size(), 2U);
  EXPECT_NEAR(board["overall_pass_rate"].get<double>(), 100.0 * 8 / 9, 1e-9);
}

TEST_F(QualityEngineTest, SettingsKeepWhatIsChangedAndTheThresholdDrivesRunAll) {
  RequestParts put = request(Method::Put, Json{{"pass_rate_threshold", 80}, {"bogus", 1}});
  const Json changed = routes.call("PUT /api/data-quality/dqx-settings", std::move(put)).body();
  EXPECT_EQ(changed["pass_rate_threshold"], 80);
  EXPECT_EQ(changed["max_in_count"], 10);
  EXPECT_FALSE(changed.contains("bogus"));
  create("is_not_null", Json{{"column", "email"}});
  const Json queued = post("/api/governance/dqx/run-all", Json::object()).body();
  EXPECT_EQ(jobs.run(queued["job_id"].get<std::string>()).outcome.result["passed"], 1);
  const Json status =
      routes.call("GET /api/governance/dqx/spark-status", request(Method::Get)).body();
  EXPECT_EQ(status["engine"], "sql");
  EXPECT_EQ(status["spark_required"], false);
  const Json configured = post("/api/governance/dqx/spark-configure",
                               Json{{"cluster_id", "0101-abc"}, {"serverless", false}})
                              .body();
  EXPECT_EQ(configured["cluster_id"], "0101-abc");
  EXPECT_EQ(configured["serverless"], false);
}

// ---- segments ----

TEST_F(QualityEngineTest, ASegmentedRunCountsPerValueAndFoldsTheRest) {
  create("is_not_null", Json{{"column", "email"}});             // row 3 (us)
  create("is_valid_email", Json{{"column", "email"}}, "warn");  // 2 (eu), 5 (NULL)
  auto segmented = [&](int maxSegments) {
    Response r = post("/api/data-quality/segmented-run", Json{{"table_fqn", "main.dq.orders"},
                                                              {"segment_column", "region"},
                                                              {"max_segments", maxSegments}});
    EXPECT_EQ(r.status(), 200) << r.body().dump();
    return r.body();
  };
  const Json all = segmented(10);
  ASSERT_EQ(all["segments"].size(), 3U);
  EXPECT_EQ(all["truncated"], false);
  EXPECT_EQ(all["segments"][0]["segment"], "eu");
  EXPECT_EQ(all["segments"][0]["input_rows"], 3);
  EXPECT_EQ(all["segments"][0]["warning_rows"], 1);
  EXPECT_EQ(all["segments"][1]["segment"], "us");
  EXPECT_EQ(all["segments"][1]["error_rows"], 1);
  EXPECT_TRUE(all["segments"][2]["segment"].is_null());
  const Json capped = segmented(1);
  ASSERT_EQ(capped["segments"].size(), 2U);
  EXPECT_EQ(capped["truncated"], true);
  EXPECT_EQ(capped["segments"][1]["segment"], "__other__");
  EXPECT_EQ(capped["segments"][1]["input_rows"], 3);
  EXPECT_EQ(capped["segments"][1]["error_rows"], 1);
  RequestParts q = request(Method::Get);
  q.query = Json{{"run_id", capped["run_id"]}};
  const Json stored = routes.call("GET /api/data-quality/segment-results", std::move(q)).body();
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored[0]["segments"], capped["segments"]);
  EXPECT_EQ(post("/api/data-quality/segmented-run",
                 Json{{"table_fqn", "main.dq.parents"}, {"segment_column", "pid"}})
                .status(),
            400);
}

// ---- profiling ----

TEST_F(QualityEngineTest, AProfileHasEveryColumnsStatisticsInTheSpecsShape) {
  Response r = post("/api/profile-table",
                    Json{{"table_fqn", "main.dq.orders"}, {"top_n", 2}, {"histogram_bins", 4}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const Json& p = r.body();
  EXPECT_EQ(p["row_count"], 6);
  ASSERT_EQ(p["columns"].size(), 7U);
  std::map<std::string, Json> by;
  for (const auto& c : p["columns"]) by[c["column_name"].get<std::string>()] = c;
  const Json& amount = by["amount"];
  EXPECT_EQ(amount["data_type"], "DOUBLE");
  EXPECT_EQ(amount["null_count"], 1);
  EXPECT_NEAR(amount["null_pct"].get<double>(), 16.67, 1e-9);
  EXPECT_EQ(amount["min"], -5.0);
  EXPECT_EQ(amount["max"], 1000.0);
  EXPECT_NEAR(amount["avg"].get<double>(), 211.0, 1e-9);
  ASSERT_TRUE(amount["histogram"].is_array());
  std::int64_t counted = 0;
  for (const auto& b : amount["histogram"]) counted += b["freq"].get<std::int64_t>();
  EXPECT_EQ(counted, 5) << "every non-NULL value in a bucket, the maximum in the last";
  EXPECT_EQ(amount["histogram"].back()["bucket"], 4);
  const Json& status = by["status"];
  EXPECT_EQ(status["min_length"], 5);
  EXPECT_EQ(status["max_length"], 6);
  ASSERT_EQ(status["top_values"].size(), 2U);
  EXPECT_EQ(status["top_values"][0]["value"], "active");
  EXPECT_EQ(status["top_values"][0]["freq"], 3);
  EXPECT_EQ(status["top_values"][0]["pct"], 50.0);
  EXPECT_TRUE(status["histogram"].is_null());
  EXPECT_EQ(by["d"]["min"], "2024-01-01");
  EXPECT_EQ(by["d"]["null_count"], 1);
  EXPECT_EQ(by["id"]["distinct_count"], 5);
  EXPECT_EQ(post("/api/profile-table", Json{{"table_fqn", "main.dq.nope"}}).status(), 404);
  // A sample is drawn from the whole table, with the number of rows asked for.
  r = post("/api/profile-table", Json{{"table_fqn", "main.dq.orders"}, {"sample_limit", 3}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["row_count"], 3);
  const Json board = routes.call("GET /api/governance/dqx/dashboard", request(Method::Get)).body();
  EXPECT_EQ(board["profiled_tables"], 1);
  EXPECT_EQ(post("/api/profile-table", Json{{"table_fqn", "nope"}}).status(), 400);
}

TEST_F(QualityEngineTest, ProfilingSuggestsChecksAndAddsThemOnce) {
  Response r = post("/api/governance/dqx/profile", Json{{"table_fqn", "main.dq.parents"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  // pid: no NULLs → is_not_null; 3 values in 3 rows is not "few" (ratio 1 > 0.05); 1..3 → range.
  std::map<std::string, Json> by;
  for (const auto& c : r.body()["checks"]) by[c["check_function"].get<std::string>()] = c;
  ASSERT_EQ(by.size(), 2U) << r.body().dump();
  EXPECT_EQ(by["is_in_range"]["arguments"]["min_limit"], 1);
  EXPECT_EQ(by["is_in_range"]["arguments"]["max_limit"], 3);
  EXPECT_EQ(by["is_not_null"]["column"], "pid");
  const Json again =
      post("/api/governance/dqx/profile", Json{{"table_fqn", "main.dq.parents"}}).body();
  EXPECT_EQ(again["count"], 0) << "the same checks are not added twice";
  const Json only = post("/api/governance/dqx/profile",
                         Json{{"table_fqn", "main.dq.parents"}, {"auto_generate_checks", false}})
                        .body();
  EXPECT_EQ(only["count"], 2);
  EXPECT_EQ(only["profiles"][0]["rule_type"], "is_not_null");
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.parents"}};
  EXPECT_EQ(routes.call("GET /api/governance/dqx/profiles", std::move(q)).body().size(), 6U);
  // The suggested checks run and pass on the data they came from.
  Response run = post("/api/governance/dqx/run", Json{{"table_fqn", "main.dq.parents"}});
  ASSERT_EQ(run.status(), 200) << run.body().dump();
  EXPECT_EQ(run.body()["valid_rows"], 3);
  EXPECT_EQ(run.body()["error_rows"], 0);
}

// ---- schedules ----

TEST_F(QualityEngineTest, ASchedulesSlotsRunTheChecksOnceAndARestartKeepsItsNextRun) {
  using namespace std::chrono_literals;
  create("is_not_null", Json{{"column", "email"}});
  Response made = post("/api/data-quality/schedules", Json{{"name", "hourly orders"},
                                                           {"cron", "0 * * * *"},
                                                           {"schedule_type", "checks"},
                                                           {"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(made.status(), 200) << made.body().dump();
  const std::string id = made.body()["schedule_id"];
  const Json nextRun = made.body()["next_run"];
  ASSERT_TRUE(nextRun.is_string()) << made.body().dump();
  // Nothing runs before the slot.
  kernelScheduler->runner.tick();
  RequestParts before = request(Method::Get);
  before.query = Json{{"table_fqn", "main.dq.orders"}, {"limit", 10}};
  EXPECT_EQ(routes.call("GET /api/governance/dqx/results", std::move(before)).body().size(), 0U);
  clock.advance(61min);
  kernelScheduler->runner.tick();
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}, {"limit", 10}};
  const Json results = routes.call("GET /api/governance/dqx/results", std::move(q)).body();
  ASSERT_EQ(results.size(), 1U) << "the slot ran the table's checks once";
  EXPECT_EQ(results[0]["executed_by"], "scheduler");
  kernelScheduler->runner.tick();  // the same slot does not fire again
  RequestParts q2 = request(Method::Get);
  q2.query = Json{{"table_fqn", "main.dq.orders"}, {"limit", 10}};
  EXPECT_EQ(routes.call("GET /api/governance/dqx/results", std::move(q2)).body().size(), 1U);
  const Json listed = routes.call("GET /api/data-quality/schedules", request(Method::Get)).body();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0]["last_status"], "completed");
  EXPECT_EQ(listed[0]["last_started_by"], "scheduler");
  const Json next = listed[0]["next_run"];
  // A restart: a new scheduler over the same records keeps the next slot.
  kernelScheduler =
      std::make_unique<clxs::testing::TestScheduler>(schedulerDir, clock, log, "quality");
  auto w = ws;
  auto restarted = std::make_shared<QualitySchedules>(ScheduleDeps{
      &store, kernelScheduler->scheduler.get(), &jobs, &clock,
      [w]() -> std::shared_ptr<Workspace> { return w; }, nullptr, nullptr, nullptr, nullptr});
  restarted->start();
  clxs::testing::CaptureRoutes fresh;
  restarted->registerRoutes(fresh);
  EXPECT_EQ(
      fresh.call("GET /api/data-quality/schedules", request(Method::Get)).body()[0]["next_run"],
      next);
}

TEST_F(QualityEngineTest, SchedulesArePausedResumedRunByHandAndValidated) {
  create("is_not_null", Json{{"column", "email"}});
  const std::string id =
      post("/api/data-quality/schedules",
           Json{{"name", "n"}, {"cron", "*/5 * * * *"}, {"table_fqn", "main.dq.orders"}})
          .body()["schedule_id"];
  auto call = [&](const std::string& route, Method m = Method::Post) {
    RequestParts p = request(m);
    p.pathParams["schedule_id"] = id;
    return routes.call(route, std::move(p));
  };
  Response paused = call("POST /api/data-quality/schedules/{schedule_id}/pause");
  EXPECT_EQ(paused.body()["paused"], true);
  EXPECT_TRUE(paused.body()["next_run"].is_null());
  EXPECT_EQ(call("POST /api/data-quality/schedules/{schedule_id}/pause").status(), 409);
  Response resumed = call("POST /api/data-quality/schedules/{schedule_id}/resume");
  EXPECT_EQ(resumed.body()["paused"], false);
  EXPECT_TRUE(resumed.body()["next_run"].is_string());
  EXPECT_EQ(call("POST /api/data-quality/schedules/{schedule_id}/resume").status(), 409);
  const Json queued = call("POST /api/data-quality/schedules/{schedule_id}/run").body();
  EXPECT_EQ(jobs.run(queued["job_id"].get<std::string>()).outcome.result["error_rows"], 1);
  const Json listed = routes.call("GET /api/data-quality/schedules", request(Method::Get)).body();
  EXPECT_EQ(listed[0]["last_started_by"], "tester@example.com");
  EXPECT_EQ(call("DELETE /api/data-quality/schedules/{schedule_id}", Method::Delete).status(), 200);
  EXPECT_EQ(call("DELETE /api/data-quality/schedules/{schedule_id}", Method::Delete).status(), 404);
  EXPECT_EQ(post("/api/data-quality/schedules",
                 Json{{"name", "bad"}, {"cron", "not a cron"}, {"table_fqn", "main.dq.orders"}})
                .status(),
            422);
  EXPECT_EQ(post("/api/data-quality/schedules", Json{{"name", "bad"},
                                                     {"cron", "0 * * * *"},
                                                     {"schedule_type", "suite"},
                                                     {"suite_id", "nope"}})
                .status(),
            422);
}

// ---- sampling ----

TEST_F(QualityEngineTest, ASampleIsTheFirstRowsTyped) {
  Response r = post(
      "/api/sample",
      Json{{"catalog", "main"}, {"schema_name", "dq"}, {"table_name", "orders"}, {"limit", 2}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["schema"], "dq");
  EXPECT_EQ(r.body()["table"], "orders");
  ASSERT_EQ(r.body()["rows"].size(), 2U);
  EXPECT_TRUE(r.body()["rows"][0]["id"].is_number_integer());
  EXPECT_EQ(
      post("/api/sample", Json{{"catalog", "main"}, {"schema_name", "dq"}, {"table_name", "nope"}})
          .status(),
      404);
}

TEST_F(QualityEngineTest, CopiesAreComparedByKeyNotPosition) {
  LocalSession session;
  ws->execute("CREATE CATALOG copy", session);
  ws->execute("CREATE SCHEMA copy.dq", session);
  ws->execute("CREATE TABLE copy.dq.parents AS SELECT * FROM main.dq.parents", session);
  const Json same = post("/api/sample/compare", Json{{"source_catalog", "main"},
                                                     {"destination_catalog", "copy"},
                                                     {"schema_name", "dq"},
                                                     {"table_name", "parents"},
                                                     {"order_by", "pid"}})
                        .body();
  EXPECT_EQ(same["match"], true) << same.dump();
  EXPECT_EQ(same["source_rows"], 3);
  ws->execute("UPDATE copy.dq.parents SET pid = 7 WHERE pid = 2", session);
  const Json differ = post("/api/sample/compare", Json{{"source_catalog", "main"},
                                                       {"destination_catalog", "copy"},
                                                       {"schema_name", "dq"},
                                                       {"table_name", "parents"}})
                          .body();
  EXPECT_EQ(differ["match"], false);
  EXPECT_EQ(differ["differences"], 2) << "2 is only in the source, 7 only in the copy";
}

}  // namespace
}  // namespace clxs::quality

namespace clxs::quality {
namespace {

TEST_F(QualityEngineTest, ChecksGoOutAsDqxYamlAndComeBackOnce) {
  create("is_in_list", Json{{"column", "status"}, {"allowed", Json::array({"007", "active"})}},
         "warn", "region = 'eu'");
  create("is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}});
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}};
  const Response exported = routes.call("GET /api/governance/dqx/checks/export", std::move(q));
  ASSERT_EQ(exported.status(), 200);
  ASSERT_TRUE(exported.isRaw());
  EXPECT_NE(exported.contentType().find("yaml"), std::string::npos);
  const std::string yaml = exported.rawBytes();
  EXPECT_NE(yaml.find("function: is_in_list"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("'007'"), std::string::npos)
      << "a string that reads as a number is quoted: " << yaml;
  // DQX's own reading of the file: typed scalars, "007" still a string.
  const Json entries = checksFromYaml(yaml);
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[0]["criticality"], "warn");
  EXPECT_EQ(entries[0]["check"]["arguments"]["allowed"][0], "007");
  EXPECT_EQ(entries[0]["filter"], "region = 'eu'");
  EXPECT_EQ(entries[1]["check"]["arguments"]["max_limit"], 100);

  // Into another table: both added; again: nothing added twice.
  Json body{{"table_fqn", "main.dq.parents"}, {"yaml_content", yaml}};
  Response r = post("/api/governance/dqx/checks/import", body);
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["imported"], 2);
  EXPECT_EQ(r.body()["total"], 2);
  r = post("/api/governance/dqx/checks/import", body);
  EXPECT_EQ(r.body()["imported"], 0);
  EXPECT_EQ(r.body()["duplicates"], 2);

  // A hand-written file: plain scalars typed, an entry without a function or with a bad
  // argument skipped with its reason, a missing name given DQX's.
  r = post("/api/governance/dqx/checks/import",
           Json{{"table_fqn", "main.dq.orders"},
                {"yaml_content",
                 "- criticality: error\n  check:\n    function: is_not_null\n    arguments:\n"
                 "      column: email\n"
                 "- check: {arguments: {column: id}}\n"
                 "- check: {function: is_in_range, arguments: {column: amount, min_limit: 0}}\n"
                 "- criticality: sometimes\n  check: {function: is_not_null, arguments: {column: "
                 "id}}\n"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["imported"], 1);
  EXPECT_EQ(r.body()["total"], 4);
  ASSERT_EQ(r.body()["skipped"].size(), 3U);
  EXPECT_EQ(r.body()["skipped"][0]["index"], 1);
  EXPECT_EQ(r.body()["skipped"][0]["reason"], "no check.function");
  q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}};
  const Json listed = routes.call("GET /api/governance/dqx/checks", std::move(q)).body();
  ASSERT_EQ(listed.size(), 3U);
  EXPECT_EQ(listed[2]["name"], "email_is_null");
}

TEST_F(QualityEngineTest, BadYamlIsA400AndAddsNothing) {
  for (const std::string text : {"- check: [unclosed", "just text", "a: 1"}) {
    const Response r = post("/api/governance/dqx/checks/import",
                            Json{{"table_fqn", "main.dq.orders"}, {"yaml_content", text}});
    EXPECT_EQ(r.status(), 400) << text << ": " << r.body().dump();
  }
  EXPECT_EQ(post("/api/governance/dqx/checks/import",
                 Json{{"table_fqn", "orders"}, {"yaml_content", "[]"}})
                .status(),
            422);
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}};
  EXPECT_EQ(routes.call("GET /api/governance/dqx/checks", std::move(q)).body().size(), 0U);
}

TEST_F(QualityEngineTest, ChecksAreSavedToADeltaTableWithWhoSavedThem) {
  create("is_not_null", Json{{"column", "email"}});
  create("is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}}, "warn",
         "region = 'it''s'");
  const Json body{{"target_table", "main.dq.saved_checks"}, {"table_fqn", "main.dq.orders"}};
  Response r = post("/api/governance/dqx/checks/save-to-delta", body);
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["count"], 2);
  // Saving again replaces the table's rows rather than adding to them.
  r = post("/api/governance/dqx/checks/save-to-delta", body);
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  LocalSession session;
  const auto rows = ws->execute(
      "SELECT check_function, criticality, column_name, filter_expr, saved_by, "
      "get_json_object(arguments, '$.max_limit') FROM main.dq.saved_checks ORDER BY 1",
      session);
  ASSERT_EQ(rows.rows.size(), 2U);
  EXPECT_EQ(rows.rows[0][0], "is_in_range");
  EXPECT_EQ(rows.rows[0][1], "warn");
  EXPECT_EQ(rows.rows[0][2], "amount");
  EXPECT_EQ(rows.rows[0][3], "region = 'it''s'");
  EXPECT_EQ(rows.rows[0][4], "tester@example.com");
  EXPECT_EQ(rows.rows[0][5], "100");
  EXPECT_TRUE(rows.rows[1][3].is_null());
  EXPECT_EQ(post("/api/governance/dqx/checks/save-to-delta",
                 Json{{"target_table", "saved_checks; DROP TABLE x"}})
                .status(),
            422);
}

TEST_F(QualityEngineTest, DriftIsMeasuredFromTheLastProfile) {
  Response r = post("/api/governance/dqx/profile-drift", Json{{"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_TRUE(r.body()["baseline_profile_at"].is_null());
  EXPECT_TRUE(r.body()["drift"].empty());
  create("is_in_range", Json{{"column", "amount"}, {"min_limit", -5}, {"max_limit", 1000}});
  LocalSession session;
  ws->execute(
      "INSERT INTO main.dq.orders VALUES (7, 'f@x.com', 'active', -50.0, DATE'2024-02-01', "
      "'eu', 1)",
      session);
  clock.advance(std::chrono::minutes(1));
  r = post("/api/governance/dqx/profile-drift", Json{{"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_FALSE(r.body()["baseline_profile_at"].is_null());
  bool minMoved = false;
  for (const auto& d : r.body()["drift"]) {
    if (d["column"] == "amount" && d["metric"] == "min") {
      minMoved = true;
      EXPECT_EQ(d["previous"], -5.0);
      EXPECT_EQ(d["current"], -50.0);
    }
  }
  EXPECT_TRUE(minMoved) << r.body().dump();
  ASSERT_FALSE(r.body()["recommendations"].empty());
  EXPECT_EQ(r.body()["recommendations"][0]["action"], "update");
  const int missing = post("/api/governance/dqx/profile-drift", Json{{"sample_limit", 5}}).status();
  EXPECT_TRUE(missing >= 400 && missing < 500) << missing;
}

TEST_F(QualityEngineTest, SchemasAndCatalogsAreProfiledAsJobsThatAddChecksOnce) {
  LocalSession session;
  ws->execute("CREATE VIEW main.dq.orders_view AS SELECT * FROM main.dq.orders", session);
  Json queued =
      post("/api/governance/dqx/profile-schema", Json{{"catalog", "main"}, {"schema_name", "dq"}})
          .body();
  ASSERT_EQ(queued["status"], "queued") << queued.dump();
  const auto& done = jobs.run(queued["job_id"].get<std::string>());
  const Json& r = done.outcome.result;
  EXPECT_EQ(r["schema"], "dq");
  EXPECT_EQ(r["tables_processed"], 2) << "orders and parents; the view is not profiled";
  EXPECT_GT(r["total_checks"].get<std::int64_t>(), 0);
  EXPECT_EQ(done.progress.back()["completed"], 2);
  // The catalog: the same tables, and every suggested check is there already.
  queued = post("/api/governance/dqx/profile-catalog", Json{{"catalog", "main"}}).body();
  const Json& c = jobs.run(queued["job_id"].get<std::string>()).outcome.result;
  EXPECT_EQ(c["total_checks"], 0) << c.dump();
  bool sawDq = false;
  for (const auto& schema : c["schemas"]) sawDq = sawDq || schema["schema"] == "dq";
  EXPECT_TRUE(sawDq);
  // An unknown schema is refused before a job is queued.
  const Response missing = post("/api/governance/dqx/profile-schema",
                                Json{{"catalog", "main"}, {"schema_name", "nope"}});
  EXPECT_EQ(missing.status(), 404) << missing.body().dump();
}

TEST_F(QualityEngineTest, ACatalogsColumnStatisticsAreOneJobWithAnOptionalReport) {
  const Json queued =
      post("/api/profile", Json{{"source_catalog", "main"},
                                {"exclude_schemas", Json::array({"information_schema"})},
                                {"max_workers", 2},
                                {"output_path", "main_profile.json"}})
          .body();
  ASSERT_EQ(queued["status"], "queued") << queued.dump();
  const Json& r = jobs.run(queued["job_id"].get<std::string>()).outcome.result;
  EXPECT_EQ(r["total_tables"], 2);
  EXPECT_EQ(r["total_rows"], 9);
  EXPECT_EQ(r["profiles"][0]["table"], "orders");
  for (const auto& col : r["profiles"][0]["columns"]) {
    EXPECT_TRUE(col["histogram"].is_null()) << "statistics only";
  }
  EXPECT_EQ(r["output_path"], "reports/main_profile.json");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "reports" / "main_profile.json"));
  const Response escape =
      post("/api/profile", Json{{"source_catalog", "main"}, {"output_path", "../x.json"}});
  EXPECT_EQ(escape.status(), 422) << escape.body().dump();
}

TEST_F(QualityEngineTest, AQuerysRowsAreProfiledAndOnlyAQueryIsRun) {
  Response r =
      post("/api/profile-results", Json{{"sql",
                                         "SELECT status, amount * 2 AS doubled FROM main.dq.orders "
                                         "WHERE region = 'eu'"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["table_fqn"], "(query)");
  EXPECT_EQ(r.body()["row_count"], 3);
  ASSERT_EQ(r.body()["columns"].size(), 2U);
  EXPECT_EQ(r.body()["columns"][1]["column_name"], "doubled");
  EXPECT_EQ(r.body()["columns"][1]["max"], 60.0);
  EXPECT_EQ(r.body()["columns"][0]["top_values"][0]["value"], "active");
  for (const std::string bad : {"DROP TABLE main.dq.orders", "SELECT 1; DELETE FROM main.dq.orders",
                                "INSERT INTO main.dq.parents VALUES (9)"}) {
    r = post("/api/profile-results", Json{{"sql", bad}});
    EXPECT_EQ(r.status(), 400) << bad << ": " << r.body().dump();
  }
  LocalSession session;
  EXPECT_EQ(ws->execute("SELECT count(*) FROM main.dq.parents", session).rows[0][0], 3);
}

TEST_F(QualityEngineTest, TwoTablesAreCheckedAgainstEachOther) {
  LocalSession session;
  ws->execute("CREATE TABLE main.dq.orders_copy AS SELECT * FROM main.dq.orders WHERE id <> 4",
              session);
  const auto check = [&](Json body) {
    body["source_table"] = "main.dq.orders";
    body["dest_table"] = "main.dq.orders_copy";
    const Response r = post("/api/governance/dq/cross-table-check", std::move(body));
    EXPECT_EQ(r.status(), 200) << r.body().dump();
    return r.body();
  };
  Json r = check(Json{{"check_type", "row_count"}});
  EXPECT_EQ(r["source_value"], 6);
  EXPECT_EQ(r["dest_value"], 5);
  EXPECT_EQ(r["passed"], false);
  EXPECT_EQ(check(Json{{"check_type", "row_count"}, {"tolerance", 1}})["passed"], true);
  EXPECT_EQ(check(Json{{"check_type", "row_count"}, {"predicate", "region = 'eu'"}})["passed"],
            true);
  r = check(Json{{"check_type", "aggregate"}, {"column", "amount"}, {"aggr_type", "sum"}});
  EXPECT_EQ(r["diff"], 1000.0);
  r = check(Json{{"check_type", "key_containment"}, {"key_columns", Json::array({"id"})}});
  EXPECT_EQ(r["passed"], false);
  EXPECT_EQ(r["dest_value"], 1);
  ASSERT_EQ(r["sample_keys"].size(), 1U);
  EXPECT_EQ(r["sample_keys"][0]["id"], 4);
  r = check(Json{{"check_type", "predicate"},
                 {"key_columns", Json::array({"id"})},
                 {"predicate", "s.amount = d.amount"}});
  EXPECT_EQ(r["passed"], false) << "id 5 holds two rows, one with a NULL amount";
  EXPECT_EQ(r["sample_keys"][0]["id"], 5);
  // Bad input: user SQL that is not one expression, a missing key, a bad name.
  const auto status = [&](Json body) {
    return post("/api/governance/dq/cross-table-check", std::move(body)).status();
  };
  EXPECT_EQ(status(Json{{"check_type", "row_count"},
                        {"source_table", "main.dq.orders"},
                        {"dest_table", "main.dq.orders_copy"},
                        {"predicate", "1=1; DROP TABLE main.dq.orders"}}),
            400);
  EXPECT_EQ(status(Json{{"check_type", "key_containment"},
                        {"source_table", "main.dq.orders"},
                        {"dest_table", "main.dq.orders_copy"}}),
            422);
  EXPECT_EQ(status(Json{{"check_type", "row_count"},
                        {"source_table", "orders"},
                        {"dest_table", "main.dq.orders_copy"}}),
            422);
  EXPECT_EQ(ws->execute("SELECT count(*) FROM main.dq.orders", session).rows[0][0], 6);
}

TEST_F(QualityEngineTest, FailingRowsAreQuarantinedWithTheChecksTheyFail) {
  const std::string email = create("is_not_null", Json{{"column", "email"}});
  const std::string range = create(
      "is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}}, "warn");
  Response r = post("/api/governance/dqx/run", Json{{"table_fqn", "main.dq.orders"},
                                                    {"quarantine_table", "main.dq.orders_bad"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["quarantined_rows"], 2);  // ids 3 (both checks) and 4
  LocalSession session;
  const auto rows = ws->execute(
      "SELECT id, _errors, _warnings, _run_id FROM main.dq.orders_bad ORDER BY id", session);
  ASSERT_EQ(rows.rows.size(), 2U);
  EXPECT_EQ(rows.rows[0][0], 3);
  EXPECT_EQ(rows.rows[0][1], Json::array({"email_is_null"}));
  EXPECT_EQ(rows.rows[0][2], Json::array({"amount_not_in_range"}));
  EXPECT_EQ(rows.rows[1][1], Json::array());
  EXPECT_EQ(rows.rows[0][3], r.body()["run_id"]);
  // Again: the rows add up, with the second run's id.
  r = post("/api/governance/dqx/run",
           Json{{"table_fqn", "main.dq.orders"}, {"quarantine_table", "main.dq.orders_bad"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(ws->execute("SELECT count(*) FROM main.dq.orders_bad", session).rows[0][0], 4);
  // A table of another shape is refused; a bad name runs nothing.
  r = post("/api/governance/dqx/run",
           Json{{"table_fqn", "main.dq.orders"}, {"quarantine_table", "main.dq.parents"}});
  EXPECT_EQ(r.status(), 409) << r.body().dump();
  r = post("/api/governance/dqx/run",
           Json{{"table_fqn", "main.dq.orders"}, {"quarantine_table", "bad name"}});
  EXPECT_EQ(r.status(), 422) << r.body().dump();
  (void)email;
  (void)range;
}

TEST_F(QualityEngineTest, ColumnsTaggedAsPersonalDataAreRedactedInSamples) {
  LocalSession session;
  ws->execute("ALTER TABLE main.dq.orders ALTER COLUMN email SET TAGS ('pii' = 'email')", session);
  ws->execute("ALTER TABLE main.dq.orders ALTER COLUMN region SET TAGS ('class.location' = '')",
              session);
  create("is_valid_email", Json{{"column", "email"}});  // 'bad-email' and ''
  const Json r = run();
  RequestParts q = request(Method::Get);
  q.query = Json{{"run_id", r["run_id"]}, {"limit", 100}};
  const Json samples = routes.call("GET /api/data-quality/failure-samples", std::move(q)).body();
  ASSERT_EQ(samples.size(), 2U) << samples.dump();
  for (const auto& s : samples) {
    EXPECT_EQ(s["values"]["email"], "[REDACTED]") << s.dump();
    EXPECT_TRUE(s["values"]["region"] == "[REDACTED]" || s["values"]["region"].is_null());
    EXPECT_TRUE(s["values"]["id"].is_number()) << "untagged columns are kept";
  }
}

TEST_F(QualityEngineTest, EnglishRulesBecomeChecksThatRunAndExplainBack) {
  Response r = post("/api/nl-rules/from-natural-language",
                    Json{{"text", "Emails are required"}, {"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["rule"]["function"], "is_not_null");
  EXPECT_EQ(r.body()["rule"]["arguments"]["column"], "email");
  EXPECT_EQ(r.body()["matched_columns"], Json::array({"email"}));
  EXPECT_LT(r.body()["confidence"].get<double>(), 1.0) << "a plural bound to email";
  // The rule is a body for POST …/checks, and it counts what the hand-made check counts.
  Json rule = r.body()["rule"];
  Response made = post("/api/governance/dqx/checks", rule);
  ASSERT_EQ(made.status(), 200) << made.body().dump();
  EXPECT_EQ(run(Json::array({made.body()["check_id"]}))["error_rows"], 1);
  // Its explanation reads back as the same rule.
  r = post("/api/nl-rules/explain", Json{{"rule", rule}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const std::string english = r.body()["explanation"].get<std::string>();
  r = post("/api/nl-rules/from-natural-language",
           Json{{"text", english}, {"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(r.status(), 200) << english << ": " << r.body().dump();
  EXPECT_EQ(r.body()["rule"]["arguments"], rule["arguments"]);
  EXPECT_EQ(r.body()["rule"]["function"], rule["function"]);

  // A batch answers each text with its own status.
  r = post("/api/nl-rules/batch-parse",
           Json{{"rules", Json::array({"warn if amount is not between 0 and 100",
                                       "status must be one of active, closed", "flibber jab"})},
                {"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  ASSERT_EQ(r.body().size(), 3U);
  EXPECT_EQ(r.body()[0]["rule"]["function"], "is_in_range");
  EXPECT_EQ(r.body()[0]["rule"]["criticality"], "warn");
  EXPECT_EQ(r.body()[1]["rule"]["arguments"]["allowed"], Json::array({"active", "closed"}));
  EXPECT_EQ(r.body()[2]["status"], "unparsed");

  // Bad input: gibberish, an unknown table, an unknown function.
  r = post("/api/nl-rules/from-natural-language",
           Json{{"text", "flibber jab"}, {"table_fqn", "main.dq.orders"}});
  EXPECT_EQ(r.status(), 422) << r.body().dump();
  r = post("/api/nl-rules/from-natural-language",
           Json{{"text", "email is required"}, {"table_fqn", "main.dq.nope"}});
  EXPECT_EQ(r.status(), 404) << r.body().dump();
  r = post("/api/nl-rules/explain",
           Json{{"rule", Json{{"function", "nope"}, {"arguments", Json::object()}}}});
  EXPECT_EQ(r.status(), 422) << r.body().dump();
}

// Collects a streamed response; can hang up after `limit` writes.
class CollectingStream final : public ResponseStream {
 public:
  explicit CollectingStream(std::size_t limit = 1000) : limit_(limit) {}
  bool write(const std::string& bytes) override {
    if (writes_ >= limit_) return false;
    ++writes_;
    text += bytes;
    return true;
  }
  [[nodiscard]] bool closed() const override { return writes_ >= limit_; }
  std::vector<Json> events() const {
    std::vector<Json> out;
    std::size_t at = 0;
    while ((at = text.find("data: ", at)) != std::string::npos) {
      const auto end = text.find("\n\n", at);
      out.push_back(Json::parse(text.substr(at + 6, end - at - 6)));
      at = end;
    }
    return out;
  }
  std::string text;

 private:
  std::size_t limit_;
  std::size_t writes_ = 0;
};

TEST_F(QualityEngineTest, ProfilingStreamsItsProgressAsServerSentEvents) {
  Response r = post("/api/governance/dqx/profile-stream",
                    Json{{"scope", "schema"}, {"catalog", "main"}, {"schema_name", "dq"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  ASSERT_TRUE(r.isStream());
  EXPECT_EQ(r.contentType(), "text/event-stream");
  CollectingStream out;
  r.streamWriter()(out);
  const auto events = out.events();
  std::vector<std::string> types;
  for (const auto& e : events) types.push_back(e["type"].get<std::string>());
  EXPECT_EQ(types, (std::vector<std::string>{"schema_start", "table_start", "table_done",
                                             "table_start", "table_done", "complete"}));
  EXPECT_EQ(events[0]["table_count"], 2);
  EXPECT_EQ(events.back()["result"]["tables_processed"], 2);
  // A client that hangs up stops the profiling.
  r = post("/api/governance/dqx/profile-stream",
           Json{{"scope", "catalog"}, {"catalog", "main"}, {"auto_generate_checks", false}});
  CollectingStream early(2);
  r.streamWriter()(early);
  EXPECT_EQ(early.events().size(), 2U);
  // Names are checked before anything streams.
  r = post("/api/governance/dqx/profile-stream", Json{{"catalog", "main"}});
  EXPECT_EQ(r.status(), 422) << r.body().dump();
  r = post("/api/governance/dqx/profile-stream",
           Json{{"catalog", "main"}, {"schema_name", "nope"}});
  EXPECT_EQ(r.status(), 404) << r.body().dump();
}

TEST_F(QualityEngineTest, ClearAllNeedsConfirmationAndEmptiesEveryDqxTable) {
  create("is_not_null", Json{{"column", "email"}});
  run();
  ASSERT_EQ(post("/api/governance/dqx/profile", Json{{"table_fqn", "main.dq.parents"}}).status(),
            200);
  Response r = post("/api/governance/dqx/clear-all", Json::object());
  EXPECT_EQ(r.status(), 422) << r.body().dump();
  RequestParts q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}};
  EXPECT_EQ(routes.call("GET /api/governance/dqx/checks", std::move(q)).body().size(), 1U)
      << "nothing is deleted without the confirmation";
  r = post("/api/governance/dqx/clear-all", Json{{"confirm_destructive", true}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_GE(r.body()["checks_deleted"].get<std::int64_t>(), 1);
  EXPECT_EQ(r.body()["rows"]["quality_runs"], 1);
  q = request(Method::Get);
  q.query = Json::object();
  EXPECT_EQ(routes.call("GET /api/governance/dqx/checks", std::move(q)).body().size(), 0U);
  q = request(Method::Get);
  q.query = Json{{"table_fqn", "main.dq.orders"}, {"limit", 50}};
  EXPECT_EQ(routes.call("GET /api/governance/dqx/results", std::move(q)).body().size(), 0U);
  q = request(Method::Get);
  q.query = Json::object();
  EXPECT_EQ(routes.call("GET /api/governance/dqx/profiles", std::move(q)).body().size(), 0U);
  q = request(Method::Get);
  q.query = Json{{"limit", 100}};
  const Json audit = routes.call("GET /api/governance/dqx/checks/audit-log", std::move(q)).body();
  EXPECT_EQ(audit[0]["action"], "delete") << "each deletion stays on record";
}

TEST_F(QualityEngineTest, ATableIsComparedWithItsReferenceColumnByColumn) {
  LocalSession session;
  ws->execute(
      "CREATE TABLE main.dq.orders_ref AS SELECT * FROM main.dq.orders WHERE id IN (1, 3, 4)",
      session);
  ws->execute("UPDATE main.dq.orders_ref SET amount = 11.0 WHERE id = 1", session);
  ws->execute("ALTER TABLE main.dq.orders_ref ADD COLUMNS (extra STRING)", session);
  const Json keys = Json::array({"id"});
  // 1 differs in amount; 2 and both 5s are missing from the reference; 3 and 4 match (the
  // reference's extra column is not compared).
  EXPECT_EQ(
      failures("compare_datasets",
               Json{{"columns", keys}, {"ref_columns", keys}, {"ref_table", "main.dq.orders_ref"}}),
      4);
  // Leaving amount out of the comparison leaves only the missing rows.
  EXPECT_EQ(failures("compare_datasets", Json{{"columns", keys},
                                              {"ref_columns", keys},
                                              {"ref_table", "main.dq.orders_ref"},
                                              {"exclude_columns", Json::array({"amount"})}}),
            3);
  const Response r = post("/api/governance/dqx/checks",
                          Json{{"table_fqn", "main.dq.orders"},
                               {"check_type", "compare_datasets"},
                               {"arguments", Json{{"columns", keys},
                                                  {"ref_columns", keys},
                                                  {"ref_table", "main.dq.orders_ref"},
                                                  {"check_missing_records", true}}}});
  EXPECT_EQ(r.status(), 422) << r.body().dump();
}

}  // namespace
}  // namespace clxs::quality
