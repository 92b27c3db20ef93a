#include "plugins/quality/nl_routes.hpp"

#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/object_name.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/check_registry.hpp"
#include "plugins/quality/nl_rules.hpp"
#include "plugins/quality/query_params.hpp"

namespace clxs::quality {

namespace {

constexpr std::size_t kMaxBatch = 500;

struct ParseBody {
  std::string text;
  std::string tableFqn;
  std::string warehouseId;
  static const Schema<ParseBody>& schema() {
    static const auto s =
        Schema<ParseBody>("NlRuleRequest")
            .field("text", &ParseBody::text,
                   Field::string().required().minLength(1).maxLength(4096).describe(
                       "The rule in English, e.g. \"amount must be between 0 and 100\""))
            .field("table_fqn", &ParseBody::tableFqn,
                   Field::string().maxLength(767).describe(
                       "catalog.schema.table whose columns the rule names; without it names "
                       "are taken as written"))
            .field("warehouse_id", &ParseBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

struct BatchBody {
  std::vector<std::string> rules;
  std::string tableFqn;
  std::string warehouseId;
  static const Schema<BatchBody>& schema() {
    static const auto s =
        Schema<BatchBody>("NlRuleBatchRequest")
            .field("rules", &BatchBody::rules,
                   Field::array(Field::string().maxLength(4096))
                       .required()
                       .describe("Rules in English (at most 500)"))
            .field("table_fqn", &BatchBody::tableFqn,
                   Field::string().maxLength(767).describe("catalog.schema.table"))
            .field("warehouse_id", &BatchBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

// The table's column names (nothing without a table: names are taken as written).
std::vector<std::string> columnsOf(const Request& req, const std::string& tableFqn,
                                   const std::string& warehouseId) {
  if (tableFqn.empty()) return {};
  const auto parts = tableNameParts(tableFqn, "table_fqn");
  CallOptions call;
  call.warehouseId = warehouseId;
  std::vector<std::string> out;
  for (const auto& c :
       req.workspace()->catalog().table(ObjectName{parts[0], parts[1], parts[2]}, call).columns) {
    out.push_back(c.name);
  }
  return out;
}

Json ruleJson(const Check& c, const std::string& tableFqn) {
  Json out{{"function", c.function},
           {"check_type", c.function},
           {"arguments", c.arguments},
           {"criticality", std::string(criticalityName(c.criticality))},
           {"filter", c.filter.empty() ? Json() : Json(c.filter)},
           {"name", c.name}};
  if (!tableFqn.empty()) out["table_fqn"] = tableFqn;
  return out;
}

// The answer for one parsed text: {text, status, rule, confidence, matched_columns, unparsed,
// explanation}; status "parsed" or "unparsed".
Json parsedJson(const std::string& text, const ParsedRule& p, const std::string& tableFqn) {
  Json out{{"text", text},
           {"status", p.rule ? "parsed" : "unparsed"},
           {"rule", nullptr},
           {"confidence", p.confidence},
           {"matched_columns", p.matchedColumns},
           {"unparsed", p.unparsed},
           {"explanation", nullptr}};
  if (p.rule) {
    Check named = *p.rule;
    named.tableFqn = tableFqn;
    validateCheck(named);  // fills in DQX's name
    out["rule"] = ruleJson(named, tableFqn);
    out["explanation"] = explainRule(*p.rule);
  }
  return out;
}

Model parsedModel() {
  return Model("NlParsedRule")
      .field("text", Field::string().describe("The text read"))
      .field("status", Field::string().describe("parsed or unparsed"))
      .field("rule", Field::object().nullable().describe(
                         "{function, check_type, arguments, criticality, filter, name, "
                         "table_fqn}: a body for POST /api/governance/dqx/checks"))
      .field("confidence", Field::number().describe("0..1: 1 exact names, lower for fuzzy "
                                                    "bindings or words left over"))
      .field("matched_columns", Field::array(Field::string()).describe("Columns bound"))
      .field("unparsed",
             Field::array(Field::string()).describe("Words not read, and why a name did not bind"))
      .field("explanation", Field::string().nullable().describe(
                                "The rule in the grammar's English (parses back to it)"));
}

// A rule in the body of …/explain: DQX's form, or the spec's check_type / check_function.
Check ruleFrom(const Json& rule) {
  if (!rule.is_object()) {
    throw unprocessable(Json::array({"body", "rule"}), "rule must be an object", "type_error");
  }
  Check c;
  for (const char* key : {"function", "check_type", "check_function"}) {
    if (rule.contains(key) && rule[key].is_string()) c.function = rule[key].get<std::string>();
  }
  if (rule.contains("check") && rule["check"].is_object()) {  // DQX's YAML form
    const Json& inner = rule["check"];
    if (inner.contains("function") && inner["function"].is_string()) {
      c.function = inner["function"].get<std::string>();
    }
    if (inner.contains("arguments")) c.arguments = inner["arguments"];
  }
  if (c.function.empty()) {
    throw unprocessable(Json::array({"body", "rule", "function"}), "Field required", "missing");
  }
  if (rule.contains("arguments")) c.arguments = rule["arguments"];
  if (!c.arguments.is_object()) {
    throw unprocessable(Json::array({"body", "rule", "arguments"}), "arguments must be an object",
                        "type_error");
  }
  const Json criticality = rule.value("criticality", Json("error"));
  const auto parsed =
      criticality.is_string() ? parseCriticality(criticality.get<std::string>()) : std::nullopt;
  if (!parsed) {
    throw unprocessable(Json::array({"body", "rule", "criticality"}),
                        "criticality must be error or warn", "value_error");
  }
  c.criticality = *parsed;
  for (const char* key : {"filter", "filter_expr"}) {
    if (rule.contains(key) && rule[key].is_string()) c.filter = rule[key].get<std::string>();
  }
  return c;
}

}  // namespace

void registerNlRoutes(Routes& routes) {
  routes.post("/api/nl-rules/from-natural-language")
      .summary("Read an English rule as a check")
      .description(
          "A deterministic grammar (no language model) reads the text as a registry check: "
          "completeness (\"x is required\"), ranges and limits (\"between\", \"at least\", "
          "\"positive\"), lists (\"one of a, b\"), formats (email, date, uuid, IPv4, JSON, "
          "/regex/), times (\"not in the future\", \"older than N days\", \"updated within N "
          "hours\"), uniqueness (\"unique per y\"), row counts, aggregates and foreign keys "
          "(\"x exists in c.s.t.y\"); \"warn if …\" makes it a warning, \"… where <predicate>\" "
          "a filter. Names bind to the table's columns exactly, case-folded, singular or plural, "
          "or within two edits; an ambiguous name binds nothing and says so. Text that does "
          "not read as a rule is a 422 listing what was not understood.")
      .body<ParseBody>()
      .returns(parsedModel())
      .handle([](const Request& req, const ParseBody& b) {
        const auto columns = columnsOf(req, b.tableFqn, b.warehouseId);
        const ParsedRule p = parseNaturalLanguageRule(b.text, columns);
        if (!p.rule) {
          std::string why;
          for (const auto& u : p.unparsed) why += (why.empty() ? "" : "; ") + u;
          throw unprocessable(
              Json::array({"body", "text"}),
              "Could not read the text as a rule" + (why.empty() ? "." : ": " + why + "."),
              "value_error");
        }
        return parsedJson(b.text, p, b.tableFqn);
      });

  routes.post("/api/nl-rules/batch-parse")
      .summary("Read several English rules")
      .description(
          "Each text read as …/from-natural-language does, against one table's columns; each "
          "answer carries its own status (parsed or unparsed) so one bad text does not hide "
          "the others.")
      .body<BatchBody>()
      .returnsListOf(parsedModel())
      .handle([](const Request& req, const BatchBody& b) {
        if (b.rules.size() > kMaxBatch) {
          throw unprocessable(Json::array({"body", "rules"}),
                              "At most " + std::to_string(kMaxBatch) + " rules per batch.",
                              "too_long");
        }
        const auto columns = columnsOf(req, b.tableFqn, b.warehouseId);
        Json out = Json::array();
        for (const auto& text : b.rules) {
          out.push_back(parsedJson(text, parseNaturalLanguageRule(text, columns), b.tableFqn));
        }
        return out;
      });

  routes.post("/api/nl-rules/explain")
      .summary("Explain a rule in English")
      .description(
          "The check in the grammar's English (one template per registry function), which "
          "…/from-natural-language reads back to the same check. Takes DQX's form {function, "
          "arguments, criticality, filter}, the spec's check_type, or DQX's {check: "
          "{function, arguments}}; an unknown function or a bad argument is a 422.")
      .body(Model("NlExplainRequest")
                .field("rule", Field::object().required().describe(
                                   "{function, arguments, criticality, filter}")))
      .returns(Model("NlExplanation")
                   .field("explanation", Field::string().describe("The rule in English"))
                   .field("rule", Field::object().describe("The rule as read")))
      .handle([](const Request& req) {
        Check c = ruleFrom(req.body().value("rule", Json()));
        Check checked = c;
        validateCheck(checked);
        return Json{{"explanation", explainRule(c)}, {"rule", ruleJson(checked, "")}};
      });
}

}  // namespace clxs::quality
