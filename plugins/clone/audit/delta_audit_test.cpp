#include "plugins/clone/audit/delta_audit.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "clxs/testing/memory_workspace.hpp"
#include "plugins/clone/audit/audit_test_runs.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::audit {
namespace {

using testing::at;
using testing::FakeRun;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::writeRun;

const AuditTableSpec& spec(const std::string& name) {
  for (const auto& s : auditTableSpecs()) {
    if (s.name == name) return s;
  }
  throw std::out_of_range(name);
}

TableInfo tableWith(const std::string& catalog, const std::string& schema, const AuditTableSpec& s,
                    std::size_t columns) {
  TableInfo t;
  t.catalog = catalog;
  t.schema = schema;
  t.name = s.name;
  for (std::size_t i = 0; i < columns && i < s.columns.size(); ++i) {
    t.columns.push_back({s.columns[i].name, s.columns[i].type, true, ""});
  }
  return t;
}

ResultSet affected(std::int64_t n) {
  ResultSet rs;
  rs.columns = {{"num_affected_rows", "BIGINT"}};
  rs.rows = {{Json(n)}};
  return rs;
}

std::vector<std::string> matching(const std::vector<std::string>& all, const std::string& head) {
  std::vector<std::string> out;
  for (const auto& s : all) {
    if (s.rfind(head, 0) == 0) out.push_back(s);
  }
  return out;
}

class DeltaAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite_.migrate(CloneStore::migrations());
    ensureAuditState(sqlite_);
    ws_.onSql([](std::string_view sql) {
      return sql.rfind("MERGE", 0) == 0 ? affected(1) : ResultSet{};
    });
  }

  RunDetail detail(const std::string& id) { return *loadRunDetail(sqlite_, id); }

  clxs::testing::SqliteTestStore sqlite_;
  CloneStore store_{sqlite_};
  clxs::testing::MemoryWorkspace ws_;
};

TEST(AuditTableSpecs, TheThreeTablesWithTheOriginalsKeyColumns) {
  ASSERT_EQ(auditTableSpecs().size(), 3u);
  const AuditTarget t{"audit", "logs", "", "local"};
  EXPECT_EQ(dottedName(tableParts(t, spec("run_logs"))), "audit.logs.run_logs");
  EXPECT_EQ(dottedName(tableParts(t, spec("clone_operations"))), "audit.logs.clone_operations");
  EXPECT_EQ(dottedName(tableParts(t, spec("clone_metrics"))), "audit.metrics.clone_metrics");
  EXPECT_EQ(spec("run_logs").key, "job_id");
  EXPECT_EQ(spec("clone_operations").key, "operation_id");
  EXPECT_EQ(spec("clone_metrics").key, "operation_id");
  for (const auto& s : auditTableSpecs()) {
    EXPECT_EQ(s.columns[0].name, s.key);
    EXPECT_TRUE(s.columns[0].notNull);
  }
}

TEST_F(DeltaAuditTest, RowsCarryTheRunTheResultAndTheOptionsWithoutSecrets) {
  store_.openLog({"rb-a", "a", "src", "dst", at(10), "pending", ""});
  store_.registerRun("a", "rb-a", "");
  store_.record("rb-a", {ObjectKind::Catalog, {"dst"}, true, std::nullopt, nullptr});
  FakeRun a{"a", "completed_with_errors"};
  a.tables = 3;
  a.failed = 1;
  a.skipped = 1;
  a.seconds = 30;
  a.summary = {{"tables", {{"success", 3}, {"failed", 1}, {"skipped", 1}}},
               {"errors", {"s.t: denied"}},
               {"objects",
                {{{"type", "table"}, {"status", "success"}, {"duration_seconds", 2.0}},
                 {{"type", "table"}, {"status", "success"}, {"duration_seconds", 4.0}},
                 {{"type", "view"}, {"status", "success"}, {"duration_seconds", 9.0}}}}};
  a.lines = {"l1", "it's"};
  writeRun(store_, a);
  const MirrorContext ctx{at(12), "local",
                          Json{{"exclude_schemas", {"tmp"}},
                               {"token", "dapi123"},
                               {"nested", {{"client_secret", "s"}, {"keep", 1}}}}};
  const auto d = detail("a");

  const auto logs = auditRow(spec("run_logs"), d, ctx);
  EXPECT_EQ(logs["job_id"], "a");
  EXPECT_EQ(logs["job_type"], "clone");
  EXPECT_EQ(Json::parse(logs["log_lines"].get<std::string>()), Json::array({"l1", "it's"}));
  EXPECT_EQ(logs["error_message"], "s.t: denied");
  EXPECT_EQ(logs["recorded_at"], at(12));
  EXPECT_EQ(logs["host"], "local");
  const auto config = Json::parse(logs["config_json"].get<std::string>());
  EXPECT_FALSE(config.contains("token"));
  EXPECT_FALSE(config["nested"].contains("client_secret"));
  EXPECT_EQ(config["nested"]["keep"], 1);

  const auto ops = auditRow(spec("clone_operations"), d, ctx);
  EXPECT_EQ(ops["operation_id"], "a");
  EXPECT_EQ(ops["clone_mode"], "filtered");
  EXPECT_EQ(ops["trigger"], "manual");
  EXPECT_EQ(ops["destination_existed"], true);
  EXPECT_EQ(ops["tables_skipped"], 1);
  EXPECT_EQ(ops["views_cloned"], 1);

  const auto metrics = auditRow(spec("clone_metrics"), d, ctx);
  EXPECT_EQ(metrics["total_tables"], 5);
  EXPECT_DOUBLE_EQ(metrics["failure_rate"].get<double>(), 25.0);
  EXPECT_DOUBLE_EQ(metrics["throughput_tables_per_min"].get<double>(), 6.0);
  EXPECT_DOUBLE_EQ(metrics["avg_table_clone_seconds"].get<double>(), 3.0);
  EXPECT_TRUE(metrics["total_row_count"].is_null());
  EXPECT_EQ(Json::parse(metrics["metrics_json"].get<std::string>())["tables_success"], 3.0);
  // Every column of every table has a value (possibly null).
  for (const auto& s : auditTableSpecs()) {
    const auto row = auditRow(s, d, ctx);
    for (const auto& c : s.columns) EXPECT_TRUE(row.contains(c.name)) << s.name << "." << c.name;
  }
}

TEST_F(DeltaAuditTest, TheMergeQuotesNamesAndValuesAndInsertsOnlyNewKeys) {
  FakeRun a{"it's"};
  a.lines = {"back\\slash", "`tick`; DROP TABLE x"};
  writeRun(store_, a);
  const auto sql =
      mergeStatement({"we'ird`cat", "lo gs", "run_logs"}, spec("run_logs"),
                     {auditRow(spec("run_logs"), detail("it's"), {at(12), "h", nullptr})});
  EXPECT_THAT(sql, HasSubstr("MERGE INTO `we'ird``cat`.`lo gs`.`run_logs` AS t USING (SELECT * "
                             "FROM VALUES (CAST('it\\'s' AS STRING)"));
  EXPECT_THAT(sql, HasSubstr("ON t.`job_id` = s.`job_id` WHEN NOT MATCHED THEN INSERT (`job_id`"));
  EXPECT_THAT(sql, HasSubstr("CAST('" + at(10) + "' AS TIMESTAMP)"));
  EXPECT_THAT(sql, HasSubstr("CAST(NULL AS STRING)"));  // config_json
  EXPECT_THAT(sql, HasSubstr("CAST(60.0 AS DOUBLE)"));
  // The log lines are one JSON text literal; its backslashes are escaped once more.
  EXPECT_THAT(sql, HasSubstr(R"x(CAST('["back\\\\slash","`tick`; DROP TABLE x"]' AS STRING))x"));
}

TEST_F(DeltaAuditTest, InitCreatesWhatIsMissingCopiesEveryRunAndRemembersTheTarget) {
  writeRun(store_, FakeRun{"a"});
  FakeRun b{"b", "failed"};
  b.summary = {{"error", "x"}};
  writeRun(store_, b);
  const AuditTarget target{"audit", "logs", "wh-9", ws_.host()};
  const auto out = initAuditTables(ws_, sqlite_, target, at(12));

  const auto statements = ws_.statements();
  EXPECT_EQ(matching(statements, "CREATE CATALOG IF NOT EXISTS `audit`").size(), 1u);
  EXPECT_EQ(matching(statements, "CREATE SCHEMA IF NOT EXISTS `audit`.`logs`").size(), 1u);
  EXPECT_EQ(matching(statements, "CREATE SCHEMA IF NOT EXISTS `audit`.`metrics`").size(), 1u);
  const auto creates = matching(statements, "CREATE TABLE IF NOT EXISTS");
  ASSERT_EQ(creates.size(), 3u);
  EXPECT_THAT(creates[0], HasSubstr("`audit`.`logs`.`run_logs` (`job_id` STRING NOT NULL"));
  EXPECT_THAT(creates[0], HasSubstr("USING DELTA"));
  const auto merges = matching(statements, "MERGE INTO");
  ASSERT_EQ(merges.size(), 3u);  // one per table for both runs
  EXPECT_THAT(merges[2], HasSubstr("`audit`.`metrics`.`clone_metrics`"));

  EXPECT_EQ(out["status"], "ok");
  EXPECT_EQ(out["tables_created"],
            Json::array({"audit.logs.run_logs", "audit.logs.clone_operations",
                         "audit.metrics.clone_metrics"}));
  EXPECT_EQ(out["rows_copied"]["audit.logs.run_logs"], 1);  // as the workspace reported
  EXPECT_TRUE(out["schemas"].contains("audit.logs.run_logs"));
  const auto saved = targets(sqlite_);
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].warehouseId, "wh-9");
}

TEST_F(DeltaAuditTest, InitOnExistingTablesAddsOnlyTheMissingColumns) {
  ws_.addSchema({"audit", "logs", "", ""});
  ws_.addSchema({"audit", "metrics", "", ""});
  ws_.addTable(tableWith("audit", "logs", spec("run_logs"), 3));
  ws_.addTable(tableWith("audit", "logs", spec("clone_operations"), 100));
  const auto out = initAuditTables(ws_, sqlite_, {"audit", "logs", "", ws_.host()}, at(12));
  const auto statements = ws_.statements();
  EXPECT_TRUE(matching(statements, "CREATE CATALOG").empty());
  EXPECT_TRUE(matching(statements, "CREATE SCHEMA").empty());
  const auto creates = matching(statements, "CREATE TABLE");
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_THAT(creates[0], HasSubstr("`clone_metrics`"));
  const auto alters = matching(statements, "ALTER TABLE");
  ASSERT_EQ(alters.size(), 1u);
  EXPECT_THAT(alters[0], HasSubstr("ALTER TABLE `audit`.`logs`.`run_logs` ADD COLUMNS "
                                   "(`destination_catalog` STRING, `clone_type` STRING COMMENT "
                                   "'DEEP or SHALLOW'"));
  EXPECT_THAT(alters[0], Not(HasSubstr("NOT NULL")));
  EXPECT_EQ(out["already_existed"],
            Json::array({"audit.logs.run_logs", "audit.logs.clone_operations"}));
  EXPECT_EQ(out["columns_added"]["audit.logs.run_logs"].size(),
            spec("run_logs").columns.size() - 3);
  // No runs yet: nothing to copy.
  EXPECT_TRUE(matching(statements, "MERGE").empty());
  EXPECT_EQ(out["schemas"]["audit.logs.run_logs"].size(), 3u);
}

TEST_F(DeltaAuditTest, DescribeListsColumnsAndIsNotFoundBeforeInit) {
  const AuditTarget target{"audit", "logs", "", ws_.host()};
  try {
    describeAuditTables(ws_, target);
    FAIL() << "expected 404";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_THAT(e.what(), HasSubstr("POST /api/audit/init"));
  }
  ws_.addTable(tableWith("audit", "logs", spec("run_logs"), 2));
  const auto d = describeAuditTables(ws_, target);
  EXPECT_EQ(d["schemas"]["audit.logs.run_logs"][1]["name"], "job_type");
  EXPECT_EQ(d["missing"],
            Json::array({"audit.logs.clone_operations", "audit.metrics.clone_metrics"}));
}

TEST_F(DeltaAuditTest, AFinishedRunGoesToEveryTargetOfThisWorkspaceOnly) {
  writeRun(store_, FakeRun{"a"});
  // Nothing initialised: nothing written, no warning.
  EXPECT_TRUE(mirrorRunToTargets(sqlite_, ws_, "a", at(12)).empty());
  EXPECT_TRUE(ws_.statements().empty());

  saveTarget(sqlite_, {"audit", "logs", "", ws_.host()}, at(11));
  saveTarget(sqlite_, {"elsewhere", "logs", "", "https://other"}, at(11));
  EXPECT_TRUE(mirrorRunToTargets(sqlite_, ws_, "a", at(12)).empty());
  const auto merges = matching(ws_.statements(), "MERGE INTO");
  ASSERT_EQ(merges.size(), 3u);
  for (const auto& m : merges) EXPECT_THAT(m, HasSubstr("`audit`."));

  const auto warnings = mirrorRunToTargets(sqlite_, ws_, "unknown", at(12));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], HasSubstr("unknown"));

  ws_.onSql([](std::string_view) -> ResultSet {
    throw WorkspaceError(WorkspaceErrorClass::PermissionDenied, "no MODIFY");
  });
  const auto failed = mirrorRunToTargets(sqlite_, ws_, "a", at(12));
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_THAT(failed[0], HasSubstr("no MODIFY"));
}

TEST(WithoutSecrets, DropsSecretKeysAtAnyDepth) {
  const Json in{{"Token", "x"},
                {"list", {{{"password", "p"}, {"a", 1}}}},
                {"credentials_file", "f"},
                {"keep", "y"}};
  EXPECT_EQ(withoutSecrets(in), (Json{{"list", {{{"a", 1}}}}, {"keep", "y"}}));
}

}  // namespace
}  // namespace clxs::clone::audit
