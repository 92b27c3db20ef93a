#include "plugins/quality/response_models.hpp"

namespace clxs::quality {

namespace {

Field text(const char* doc) {
  return Field::string().describe(doc);
}
Field integer(const char* doc) {
  return Field::integer().describe(doc);
}
Field number(const char* doc) {
  return Field::number().describe(doc);
}
Field flag(const char* doc) {
  return Field::boolean().describe(doc);
}

}  // namespace

Model functionModel() {
  return Model("DqxFunction")
      .field("name", text("Function name"))
      .field("category", text("completeness, validity, range, format, timeliness, …"))
      .field("level", text("row or dataset"))
      .field("description", text("What it checks"))
      .field("args", Field::object().describe("Argument name → type (? marks optional)"));
}

Model checkModel() {
  return Model("DqxCheckStored")
      .field("check_id", text("Id"))
      .field("name", text("Name"))
      .field("table_fqn", text("catalog.schema.table"))
      .field("criticality", text("error or warn"))
      .field("check_function", text("Registry function"))
      .field("check_type", text("Same as check_function"))
      .field("arguments", Field::object().describe("Arguments by name"))
      .field("column", text("The column argument, when there is one"))
      .field("filter_expr", text("Row filter"))
      .field("filter", text("Same as filter_expr"))
      .field("user_metadata", Field::object().describe("Key/value pairs"))
      .field("enabled", flag("Run by …/dqx/run"))
      .field("created_by", text("Who created it"))
      .field("created_at", text("ISO-8601 UTC"))
      .field("updated_at", text("ISO-8601 UTC"));
}

Model statusModel(const std::string& name, const std::string& idField) {
  Model m(name);
  m.field("status", text("What happened"));
  if (!idField.empty()) m.field(idField, text("The object"));
  return m;
}

Model runModel() {
  return Model("DqxRunResult")
      .field("run_id", text("Id"))
      .field("table_fqn", text("catalog.schema.table"))
      .field("total_rows", integer("Rows read"))
      .field("input_rows", integer("Rows read"))
      .field("error_rows", integer("Rows failing an error check"))
      .field("warning_rows", integer("Rows failing a warn check"))
      .field("valid_rows", integer("input_rows − error_rows"))
      .field("invalid_rows", integer("Rows failing any check"))
      .field("clean_rows", integer("Rows failing no check"))
      .field("pass_rate", number("valid_rows in % of input_rows"))
      .field("checks_applied", integer("Checks run"))
      .field("details", Field::array(Field::object())
                            .describe("[{check_id, name, function, criticality, error_count, "
                                      "warning_count}]"))
      .field("execution_time_ms", integer("Query time"))
      .field("executed_by", text("Who ran it"))
      .field("executed_at", text("ISO-8601 UTC"))
      .field("status", text("completed"))
      .field("quarantine_table", text("Where failing rows were written (when asked)"))
      .field("quarantined_rows", integer("Rows written there"));
}

Model auditModel() {
  return Model("DqxAuditEntry")
      .field("at", text("ISO-8601 UTC"))
      .field("user", text("Who"))
      .field("action", text("create, update or delete"))
      .field("check_id", text("The check"))
      .field("table_fqn", text("Its table"))
      .field("before", Field::object().describe("The check before (null on create)"))
      .field("after", Field::object().describe("The check after (null on delete)"));
}

Model ruleModel() {
  return Model("DqRuleStored")
      .field("rule_id", text("Id"))
      .field("name", text("Name"))
      .field("table_fqn", text("catalog.schema.table"))
      .field("column_name", text("Column"))
      .field("column", text("Same as column_name"))
      .field("rule_type", text("not_null, unique, range, …"))
      .field("expression", text("custom_sql's condition or regex's pattern"))
      .field("params", Field::object().describe("Type parameters"))
      .field("threshold", number("Tolerated failure rate (0–1)"))
      .field("severity", text("critical, warning or info"))
      .field("schedule", text("As given"))
      .field("enabled", flag("Run by dq/run"))
      .field("created_by", text("Who created it"))
      .field("created_at", text("ISO-8601 UTC"))
      .field("updated_at", text("ISO-8601 UTC"));
}

Model ruleResultModel() {
  return Model("DqRuleResult")
      .field("run_id", text("The run"))
      .field("rule_id", text("The rule"))
      .field("rule_name", text("Its name"))
      .field("table_fqn", text("Its table"))
      .field("column", text("Its column"))
      .field("rule_type", text("Its type"))
      .field("severity", text("Its severity"))
      .field("total_rows", integer("Rows read"))
      .field("failed_rows", integer("Rows failing it"))
      .field("failure_rate", number("failed_rows / total_rows (0–1, 6 places)"))
      .field("threshold", number("Tolerated failure rate"))
      .field("passed", flag("failure_rate ≤ threshold and no error"))
      .field("execution_time_ms", integer("Query time"))
      .field("error", text("Why the table could not be read, or null"))
      .field("executed_at", text("ISO-8601 UTC"))
      .field("executed_by", text("Who ran it"));
}

Model historyModel() {
  return Model("DqRuleHistoryDay")
      .field("rule_id", text("The rule"))
      .field("rule_name", text("Its name"))
      .field("table_fqn", text("Its table"))
      .field("severity", text("Its severity"))
      .field("date", text("YYYY-MM-DD (UTC)"))
      .field("passes", integer("Runs it passed that day"))
      .field("failures", integer("Runs it failed that day"));
}

Model suiteModel() {
  return Model("QualitySuiteStored")
      .field("suite_id", text("Id"))
      .field("name", text("Name"))
      .field("description", text("Free text"))
      .field("checks", Field::array(Field::object()).describe("[{type, id, description}]"))
      .field("check_count", integer("Items"))
      .field("created_by", text("Who created it"))
      .field("created_at", text("ISO-8601 UTC"))
      .field("updated_at", text("ISO-8601 UTC"));
}

Model suiteListModel() {
  return Model("QualitySuiteList")
      .field("suites", Field::array(Field::object())
                           .describe("[{suite_id, name, description, check_count, created_by, "
                                     "created_at, updated_at}]"));
}

Model suiteRunModel() {
  return Model("QualitySuiteRun")
      .field("suite_id", text("The suite"))
      .field("suite_name", text("Its name"))
      .field("executed_at", text("ISO-8601 UTC"))
      .field("executed_by", text("Who ran it"))
      .field("overall_status", text("pass or fail"))
      .field("total_checks", integer("Items"))
      .field("passed", integer("Items passing"))
      .field("failed", integer("Items failing"))
      .field("errors", integer("Items that could not run"))
      .field("skipped", integer("Items skipped"))
      .field("results", Field::array(Field::object())
                            .describe("[{check_type, check_id, status, details, error}]"));
}

Model gateModel() {
  return Model("QualityGateResult")
      .field("passed", flag("pass_rate reached and nothing blocks"))
      .field("pass_rate", number("Valid rows in % (0–100)"))
      .field("blocking_failures",
             Field::array(Field::object())
                 .describe("[{check_id, name, criticality, error_rows, pass_rate}]"));
}

Model bulkDeleteModel() {
  return Model("DqxBulkDeleted")
      .field("deleted", integer("Checks deleted"))
      .field("table_fqn", text("The table, with delete_all"));
}

}  // namespace clxs::quality
