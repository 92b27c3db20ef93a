// The quality plugin end to end, on the local workspace and (…/databricks) through `clxs
// emulate`: every registry function counts exactly the rows it should on a fixture with
// seeded violations, and a run's error/warning/valid rows are the same on both.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

// Six orders; the expectations below name the rows each check fails.
constexpr const char* kFixture = R"sql(
CREATE SCHEMA main.dq;
CREATE TABLE main.dq.parents (pid INT);
INSERT INTO main.dq.parents VALUES (1), (2), (3);
CREATE TABLE main.dq.orders (id INT, email STRING, status STRING, amount DOUBLE, d DATE,
  region STRING, parent INT);
INSERT INTO main.dq.orders VALUES
  (1, 'a@x.com', 'active', 10.0, DATE'2024-01-01', 'eu', 1),
  (2, 'bad-email', 'active', 20.0, DATE'2024-01-02', 'eu', 1),
  (3, NULL, 'closed', -5.0, DATE'2024-01-03', 'us', 2),
  (4, 'c@y.org', 'weird', 1000.0, NULL, 'us', 99),
  (5, '', 'active', NULL, DATE'2024-01-05', NULL, NULL),
  (5, 'e@z.net', 'ACTIVE', 30.0, DATE'2099-01-01', 'eu', 3);
)sql";

class QualityTest : public ::testing::Test {
 protected:
  void SetUp() override { seedSql(server.dataDir(), kFixture); }

  std::string create(const std::string& function, const Json& arguments,
                     const std::string& criticality = "error", const std::string& filter = "") {
    HttpResult r = server.post("/api/governance/dqx/checks", Json{{"table_fqn", "main.dq.orders"},
                                                                  {"check_type", function},
                                                                  {"arguments", arguments},
                                                                  {"criticality", criticality},
                                                                  {"filter", filter}});
    EXPECT_EQ(r.status, 200) << function << ": " << r.body;
    return r.status == 200 ? r.json()["check_id"].get<std::string>() : "";
  }

  Json run(const Json& checkIds = Json::array()) {
    HttpResult r = server.post("/api/governance/dqx/run",
                               Json{{"table_fqn", "main.dq.orders"}, {"check_ids", checkIds}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json() : Json::object();
  }

  std::int64_t failures(const std::string& function, const Json& arguments,
                        const std::string& filter = "") {
    const Json r = run(Json::array({create(function, arguments, "error", filter)}));
    return r.value("error_rows", std::int64_t{-1});
  }

  ServerProcess server;
};

TEST_F(QualityTest, EachFunctionCountsExactlyTheRowsItFails) {
  EXPECT_EQ(failures("is_not_null", Json{{"column", "email"}}), 1);
  EXPECT_EQ(failures("is_not_empty", Json{{"column", "email"}}), 1);
  EXPECT_EQ(failures("is_not_null_and_not_empty", Json{{"column", "email"}}), 2);
  EXPECT_EQ(failures("is_null", Json{{"column", "d"}}), 5);
  EXPECT_EQ(failures("is_in_list",
                     Json{{"column", "status"}, {"allowed", Json::array({"active", "closed"})}}),
            2);
  EXPECT_EQ(failures("is_not_null_and_is_in_list",
                     Json{{"column", "region"}, {"allowed", Json::array({"eu"})}}),
            3);
  EXPECT_EQ(
      failures("is_not_in_list", Json{{"column", "status"}, {"forbidden", Json::array({"weird"})}}),
      1);
  EXPECT_EQ(
      failures("is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}}), 2);
  EXPECT_EQ(
      failures("is_not_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 15}}),
      1);
  EXPECT_EQ(failures("is_not_less_than", Json{{"column", "amount"}, {"limit", 0}}), 1);
  EXPECT_EQ(failures("is_not_greater_than", Json{{"column", "amount"}, {"limit", 100}}), 1);
  EXPECT_EQ(failures("is_equal_to", Json{{"column", "region"}, {"value", "'eu'"}}), 2);
  EXPECT_EQ(failures("is_not_equal_to", Json{{"column", "parent"}, {"value", 1}}), 2);
  EXPECT_EQ(failures("regex_match", Json{{"column", "email"}, {"regex", "^[a-z]+@"}}), 2);
  EXPECT_EQ(failures("is_valid_email", Json{{"column", "email"}}), 2);
  EXPECT_EQ(failures("is_valid_date", Json{{"column", "status"}}), 6);
  EXPECT_EQ(failures("is_not_in_future", Json{{"column", "d"}}), 1);
  EXPECT_EQ(failures("is_older_than_n_days", Json{{"column", "d"}, {"days", 1}}), 1);
  EXPECT_EQ(failures("sql_expression", Json{{"expression", "amount < 500"}}), 1);
  EXPECT_EQ(failures("is_unique", Json{{"columns", Json::array({"id"})}}), 2);
  EXPECT_EQ(failures("foreign_key", Json{{"columns", Json::array({"parent"})},
                                         {"ref_columns", Json::array({"pid"})},
                                         {"ref_table", "main.dq.parents"}}),
            1);
  EXPECT_EQ(failures("is_aggr_not_greater_than",
                     Json{{"column", "*"}, {"limit", 2}, {"group_by", Json::array({"region"})}}),
            3);
  EXPECT_EQ(failures("is_aggr_not_less_than",
                     Json{{"column", "amount"}, {"aggr_type", "sum"}, {"limit", 2000}}),
            6);
  EXPECT_EQ(failures("is_aggr_equal",
                     Json{{"column", "id"}, {"aggr_type", "count_distinct"}, {"limit", 5}}),
            0);
  EXPECT_EQ(failures("is_not_null", Json{{"column", "email"}}, "region = 'us'"), 1);
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
  EXPECT_EQ(failures("is_data_fresh", Json{{"column", "d"}, {"max_age_minutes", 60}}), 4);
  EXPECT_EQ(failures("compare_datasets", Json{{"columns", Json::array({"parent"})},
                                              {"ref_columns", Json::array({"pid"})},
                                              {"ref_table", "main.dq.parents"}}),
            2);  // 99, and the NULL parent (null-safe matching: NULL matches no pid)
  EXPECT_EQ(failures("compare_datasets", Json{{"columns", Json::array({"id"})},
                                              {"ref_columns", Json::array({"id"})},
                                              {"ref_table", "main.dq.orders"}}),
            2);  // the table against itself: only id 5, twice in the reference, differs
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
}

TEST_F(QualityTest, CodeIdentifierWindowOutlierAndSchemaFunctionsCountTheSameOnEveryWorkspace) {
  EXPECT_EQ(failures("is_valid_country_code", Json{{"column", "region"}}), 5);
  EXPECT_EQ(failures("is_valid_currency_code",
                     Json{{"column", "CASE WHEN id = 1 THEN 978 WHEN id = 2 THEN 4 END"},
                          {"code_format", "numeric"}}),
            1);
  EXPECT_EQ(failures("is_valid_language_code", Json{{"column", "region"}}), 2);
  EXPECT_EQ(failures("is_valid_subdivision_code",
                     Json{{"column",
                           "CASE WHEN id = 1 THEN 'US-CA' WHEN id = 2 THEN 'US-ZZ' WHEN id = 3 "
                           "THEN 'GB-ENG' END"},
                          {"country_column", "upper(region)"}}),
            3);
  EXPECT_EQ(failures("is_valid_national_id",
                     Json{{"column",
                           "CASE WHEN id = 1 THEN '123-45-6789' WHEN id = 2 THEN '123 45-6789' "
                           "WHEN id = 3 THEN '666-12-3456' WHEN id = 4 THEN '123456789' WHEN "
                           "email = 'e@z.net' THEN '123-00-6789' END"}}),
            3);
  EXPECT_EQ(failures("has_no_aggr_outliers", Json{{"column", "amount"},
                                                  {"time_column", "d"},
                                                  {"sigma", 1},
                                                  {"lookback_num_intervals", 2},
                                                  {"warmup_num_intervals", 2},
                                                  {"group_by", Json::array({"region"})}}),
            3);
  EXPECT_EQ(failures("aggr_matches_dataset", Json{{"column", "*"},
                                                  {"group_by", Json::array({"parent"})},
                                                  {"ref_group_by", Json::array({"pid"})},
                                                  {"ref_table", "main.dq.parents"}}),
            4);
  EXPECT_EQ(failures("is_data_fresh_per_time_window", Json{{"column", "d"},
                                                           {"window_minutes", 4320},
                                                           {"min_records_per_window", 3},
                                                           {"lookback_windows", 1},
                                                           {"curr_timestamp", "2024-01-06"}}),
            2);
  EXPECT_EQ(failures("has_no_gaps_per_time_window", Json{{"column", "d"},
                                                         {"window_minutes", 1440},
                                                         {"trailing_gap", true},
                                                         {"curr_timestamp", "2099-01-05"}}),
            3);
  EXPECT_EQ(failures("has_valid_schema", Json{{"expected_schema", "id BIGINT, email VARCHAR(10)"}}),
            0);
  EXPECT_EQ(failures("has_valid_schema", Json{{"ref_table", "main.dq.parents"}}), 6);
}

TEST_F(QualityTest, ARunCountsErrorWarningAndValidRowsTheSameOnEveryWorkspace) {
  create("is_not_null", Json{{"column", "email"}});
  create("is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}});
  create("is_unique", Json{{"columns", Json::array({"id"})}});
  create("is_valid_email", Json{{"column", "email"}}, "warn");
  create("is_not_in_future", Json{{"column", "d"}}, "warn");
  const Json r = run();
  EXPECT_EQ(r["input_rows"], 6);
  EXPECT_EQ(r["error_rows"], 4);
  EXPECT_EQ(r["warning_rows"], 3);
  EXPECT_EQ(r["valid_rows"], 2);
  EXPECT_EQ(r["invalid_rows"], 5);
  HttpResult gate = server.post("/api/data-quality/gate/evaluate",
                                Json{{"table_fqn", "main.dq.orders"}, {"min_pass_rate", 30}});
  ASSERT_EQ(gate.status, 200) << gate.body;
  EXPECT_EQ(gate.json()["passed"], true);
  HttpResult seg = server.post(
      "/api/data-quality/segmented-run",
      Json{{"table_fqn", "main.dq.orders"}, {"segment_column", "region"}, {"max_segments", 1}});
  ASSERT_EQ(seg.status, 200) << seg.body;
  ASSERT_EQ(seg.json()["segments"].size(), 2U);
  EXPECT_EQ(seg.json()["segments"][0]["segment"], "eu");
  EXPECT_EQ(seg.json()["segments"][0]["error_rows"], 1) << "eu: row 6 (a repeated id)";
  EXPECT_EQ(seg.json()["segments"][0]["warning_rows"], 2) << "eu: rows 2 and 6";
  EXPECT_EQ(seg.json()["segments"][1]["segment"], "__other__");
  HttpResult bad = server.post("/api/governance/dqx/checks",
                               Json{{"table_fqn", "main.dq.orders"},
                                    {"check_type", "sql_expression"},
                                    {"arguments", Json{{"expression", "1=1; DROP TABLE x"}}}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  HttpResult unknown = server.post("/api/governance/dqx/checks",
                                   Json{{"table_fqn", "main.dq.orders"}, {"check_type", "nope"}});
  EXPECT_EQ(unknown.status, 422) << unknown.body;
}

TEST_F(QualityTest, AProfileReadsTheSameStatisticsOnEveryWorkspace) {
  HttpResult r = server.post("/api/profile-table",
                             Json{{"table_fqn", "main.dq.orders"}, {"histogram_bins", 4}});
  ASSERT_EQ(r.status, 200) << r.body;
  const Json p = r.json();
  EXPECT_EQ(p["row_count"], 6);
  for (const auto& c : p["columns"]) {
    EXPECT_TRUE(c["error"].is_null()) << c.dump();
    if (c["column_name"] == "amount") {
      EXPECT_EQ(c["null_count"], 1);
      EXPECT_EQ(c["min"], -5.0);
      EXPECT_EQ(c["max"], 1000.0);
      EXPECT_EQ(c["histogram"].size(), 2U) << "the values sit in the first and last buckets";
    }
    if (c["column_name"] == "status") {
      EXPECT_EQ(c["top_values"][0]["value"], "active");
    }
  }
}

TEST_F(QualityTest, ChecksTravelAsYamlAndToDeltaAndDriftIsMeasuredOnEveryWorkspace) {
  create("is_not_null", Json{{"column", "email"}});
  create("is_in_range", Json{{"column", "amount"}, {"min_limit", -5}, {"max_limit", 1000}});
  HttpResult exported = server.get("/api/governance/dqx/checks/export?table_fqn=main.dq.orders");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_NE(exported.headers["content-type"].find("yaml"), std::string::npos);
  EXPECT_NE(exported.headers["content-disposition"].find("dqx-checks.yaml"), std::string::npos);
  HttpResult imported =
      server.post("/api/governance/dqx/checks/import",
                  Json{{"table_fqn", "main.dq.parents"}, {"yaml_content", exported.body}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json()["imported"], 2);
  EXPECT_EQ(server
                .post("/api/governance/dqx/checks/import",
                      Json{{"table_fqn", "main.dq.parents"}, {"yaml_content", "- [unclosed"}})
                .status,
            400);
  EXPECT_EQ(server.post("/api/governance/dqx/checks/import", Json{{"table_fqn", "main.dq.parents"}})
                .status,
            422);
  HttpResult saved =
      server.post("/api/governance/dqx/checks/save-to-delta",
                  Json{{"target_table", "main.dq.saved_checks"}, {"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["count"], 2);
  EXPECT_EQ(server
                .post("/api/governance/dqx/checks/save-to-delta",
                      Json{{"target_table", "x; DROP TABLE y"}})
                .status,
            422);
  HttpResult first =
      server.post("/api/governance/dqx/profile-drift", Json{{"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(first.json()["baseline_profile_at"].is_null());
  HttpResult second =
      server.post("/api/governance/dqx/profile-drift", Json{{"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_TRUE(second.json()["drift"].empty()) << second.body;
  EXPECT_EQ(server.post("/api/governance/dqx/profile-drift", Json::object()).status, 422);
}

TEST_F(QualityTest, ProfilesOfQueriesSchemasAndCatalogsRunOnEveryWorkspace) {
  HttpResult q = server.post("/api/profile-results",
                             Json{{"sql", "SELECT id, amount FROM main.dq.orders WHERE id < 3"}});
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(q.json()["row_count"], 2);
  EXPECT_EQ(server.post("/api/profile-results", Json{{"sql", "DROP TABLE main.dq.orders"}}).status,
            400);
  EXPECT_EQ(server.post("/api/profile-results", Json{{"top_n", 3}}).status, 422);
  const Json job = runJob(server, "/api/governance/dqx/profile-schema",
                          Json{{"catalog", "main"}, {"schema_name", "dq"}});
  ASSERT_EQ(job["status"], "completed") << job.dump();
  EXPECT_EQ(job["result"]["tables_processed"], 2) << job.dump();
  const Json stats = runJob(server, "/api/profile", Json{{"source_catalog", "main"}});
  ASSERT_EQ(stats["status"], "completed") << stats.dump();
  EXPECT_EQ(stats["result"]["total_tables"], 2) << stats.dump();
  EXPECT_EQ(
      server.post("/api/profile", Json{{"source_catalog", "main"}, {"output_path", "/etc/x.json"}})
          .status,
      422);
}

TEST_F(QualityTest, FailingRowsAreQuarantinedOnEveryWorkspace) {
  create("is_not_null", Json{{"column", "email"}});
  create("is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}}, "warn");
  HttpResult r = server.post("/api/governance/dqx/run", Json{{"table_fqn", "main.dq.orders"},
                                                             {"quarantine_table", "main.dq.bad"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["quarantined_rows"], 2);
  const Json rows = server
                        .post("/api/sample", Json{{"catalog", "main"},
                                                  {"schema_name", "dq"},
                                                  {"table_name", "bad"},
                                                  {"limit", 10}})
                        .json();
  ASSERT_EQ(rows["rows"].size(), 2U) << rows.dump();
  EXPECT_TRUE(rows["rows"][0].contains("_errors"));
  EXPECT_EQ(server
                .post("/api/governance/dqx/run",
                      Json{{"table_fqn", "main.dq.orders"}, {"quarantine_table", "x"}})
                .status,
            422);
}

TEST_F(QualityTest, EnglishRulesAreReadAgainstTheTablesColumnsOnEveryWorkspace) {
  HttpResult r = server.post(
      "/api/nl-rules/from-natural-language",
      Json{{"text", "warn if amount is not between 0 and 100"}, {"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["rule"]["function"], "is_in_range");
  EXPECT_EQ(r.json()["rule"]["criticality"], "warn");
  EXPECT_EQ(
      server.post("/api/nl-rules/from-natural-language", Json{{"table_fqn", "main.dq.orders"}})
          .status,
      422);
  HttpResult batch = server.post(
      "/api/nl-rules/batch-parse",
      Json{{"rules", Json::array({"id is unique", "zzz"})}, {"table_fqn", "main.dq.orders"}});
  ASSERT_EQ(batch.status, 200) << batch.body;
  EXPECT_EQ(batch.json()[0]["rule"]["function"], "is_unique");
  EXPECT_EQ(batch.json()[1]["status"], "unparsed");
  HttpResult explained = server.post("/api/nl-rules/explain", Json{{"rule", r.json()["rule"]}});
  ASSERT_EQ(explained.status, 200) << explained.body;
  EXPECT_FALSE(explained.json()["explanation"].get<std::string>().empty());
}

TEST_F(QualityTest, ProfilingProgressStreamsAsServerSentEvents) {
  HttpResult r = server.post("/api/governance/dqx/profile-stream",
                             Json{{"catalog", "main"}, {"schema_name", "dq"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/event-stream");
  EXPECT_EQ(r.headers.count("content-length"), 0U) << "a stream has no length";
  EXPECT_EQ(r.body.rfind("data: {\"type\":\"schema_start\"", 0), 0U) << r.body;
  EXPECT_NE(r.body.find("\"type\":\"complete\""), std::string::npos) << r.body;
  EXPECT_EQ(server.post("/api/governance/dqx/profile-stream", Json{{"catalog", "main"}}).status,
            422);
  // The server answers the next request as usual.
  EXPECT_EQ(server.get("/api/health").status, 200);
}

}  // namespace
}  // namespace clxs::testing
