#include "plugins/quality/nl_rules.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/sql_guard.hpp"
#include "plugins/quality/check_registry.hpp"

namespace clxs::quality {
namespace {

// The columns the fixture's phrases are written against (its first line lists them too).
const std::vector<std::string>& nlOrderColumns() {
  static const std::vector<std::string> kColumns{
      "order_id",   "customer_id", "customer_email", "order_date",   "ship_date",
      "amount",     "discount",    "status",         "country_code", "quantity",
      "updated_at", "product_sku", "notes"};
  return kColumns;
}

// The fixture, named by the build (tests run from the build directory).
std::filesystem::path nlFixturePath() {
  return CLXS_NL_PHRASES;
}

struct NlPhraseCase {
  std::string phrase;
  std::string expected;  ///< one-line JSON, or "null"
  int line = 0;
};

std::vector<NlPhraseCase> nlReadFixture(std::string& columnsHeader) {
  const std::filesystem::path path = nlFixturePath();
  EXPECT_FALSE(path.empty()) << "tests/quality/nl_phrases.tsv not found";
  std::ifstream in(path);
  std::vector<NlPhraseCase> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.starts_with("# columns:")) columnsHeader = line.substr(10);
    if (line.empty() || line.starts_with("#")) continue;
    const auto tab = line.find('\t');
    EXPECT_NE(tab, std::string::npos) << "line " << n << " has no tab";
    if (tab == std::string::npos) continue;
    out.push_back({line.substr(0, tab), line.substr(tab + 1), n});
  }
  return out;
}

// A rule as the fixture writes it; nlohmann::json (not the ordered Json) so that argument
// order does not matter and 1 equals 1u.
nlohmann::json nlRuleJson(const Check& c) {
  nlohmann::json j{{"function", c.function},
                   {"arguments", nlohmann::json::parse(c.arguments.dump())},
                   {"criticality", std::string(criticalityName(c.criticality))}};
  if (!c.filter.empty()) j["filter"] = c.filter;
  return j;
}

// Parses `text`, explains the rule and parses that: the same rule must come back.
void nlExpectRoundTrip(const Check& rule, const std::vector<std::string>& columns,
                       const std::string& context) {
  std::string english;
  try {
    english = explainRule(rule);
  } catch (const HttpError& e) {
    ADD_FAILURE() << context << ": explain threw " << e.what();
    return;
  }
  const ParsedRule back = parseNaturalLanguageRule(english, columns);
  ASSERT_TRUE(back.rule.has_value()) << context << ": '" << english << "' did not parse";
  EXPECT_EQ(nlRuleJson(*back.rule), nlRuleJson(rule)) << context << ": via '" << english << "'";
  EXPECT_EQ(back.confidence, 1.0) << context << ": '" << english << "' is not exact";
}

TEST(NlRules, FixtureParsesAtLeastNinetyPercentExactly) {
  std::string header;
  const auto cases = nlReadFixture(header);
  ASSERT_GE(cases.size(), 70u);
  std::string listed;
  for (const auto& c : nlOrderColumns()) listed += (listed.empty() ? " " : ", ") + c;
  EXPECT_EQ(header, listed) << "the fixture's column header and the test's columns differ";

  int expected = 0;
  int hits = 0;
  std::string misses;
  for (const auto& c : cases) {
    const ParsedRule p = parseNaturalLanguageRule(c.phrase, nlOrderColumns());
    const std::string got = p.rule ? nlRuleJson(*p.rule).dump() : "null";
    if (c.expected == "null") {
      EXPECT_FALSE(p.rule.has_value())
          << "line " << c.line << ": '" << c.phrase << "' must not parse, gave " << got;
      EXPECT_EQ(p.confidence, 0.0) << c.phrase;
      EXPECT_FALSE(p.unparsed.empty()) << c.phrase << ": no reason given";
      continue;
    }
    ++expected;
    const auto want = nlohmann::json::parse(c.expected);
    if (p.rule && nlRuleJson(*p.rule) == want) {
      ++hits;
      continue;
    }
    misses += "\n  line " + std::to_string(c.line) + ": '" + c.phrase + "'\n    expected " +
              want.dump() + "\n    got      " + got;
    for (const auto& u : p.unparsed) misses += "\n    unparsed: " + u;
  }
  std::cout << "[ nl rules ] " << hits << " of " << expected << " phrases parsed exactly"
            << (misses.empty() ? "" : "; misses:") << misses << "\n";
  EXPECT_GE(hits * 10, expected * 9) << misses;
}

TEST(NlRules, ExplainThenParseIsTheIdentityForEveryFixtureRule) {
  std::string header;
  for (const auto& c : nlReadFixture(header)) {
    const ParsedRule p = parseNaturalLanguageRule(c.phrase, nlOrderColumns());
    if (p.rule) nlExpectRoundTrip(*p.rule, nlOrderColumns(), c.phrase);
    const ParsedRule loose = parseNaturalLanguageRule(c.phrase, {});
    if (loose.rule) nlExpectRoundTrip(*loose.rule, {}, c.phrase + " (no columns)");
  }
}

// One check of every registry function, with its required arguments and a few optional ones.
Check nlSampleCheck(const FunctionSpec& f) {
  Check c;
  c.function = std::string(f.name);
  for (const auto& a : f.args) {
    if (!a.required) continue;
    const std::string name(a.name);
    switch (a.type) {
      case ArgType::Column:
        c.arguments[name] = name == "column2" || name == "time_column" ? "ship_date" : "amount";
        break;
      case ArgType::Columns:
        c.arguments[name] = Json::array({name == "ref_columns" ? "id" : "customer_id"});
        break;
      case ArgType::Value:
        c.arguments[name] = name == "max_limit" ? 100 : 5;
        break;
      case ArgType::Values:
        c.arguments[name] = Json::array({"new", "O'Brien", 3});
        break;
      case ArgType::Integer:
        c.arguments[name] = 7;
        break;
      case ArgType::Number:
        c.arguments[name] = 1.5;
        break;
      case ArgType::Boolean:
        c.arguments[name] = true;
        break;
      case ArgType::Text:
        c.arguments[name] = "^[a-z]+'s$";
        break;
      case ArgType::Expression:
        c.arguments[name] = "amount >= discount AND status <> 'void'";
        break;
      case ArgType::Table:
        c.arguments[name] = "main.crm.customers";
        break;
    }
  }
  if (f.name.starts_with("is_aggr_")) {
    c.arguments["aggr_type"] = "sum";
    c.arguments["group_by"] = Json::array({"customer_id"});
  }
  if (f.name == "is_older_than_col2_for_n_days") c.arguments["days"] = 2;
  if (f.name == "has_json_keys") c.arguments["keys"] = Json::array({"id", "O'Brien"});
  if (f.name == "is_ipv4_address_in_cidr") c.arguments["cidr_block"] = "10.0.0.0/8";
  if (f.name == "has_valid_string_case") c.arguments["case"] = "title";
  if (f.name == "sql_query") {
    c.arguments["query"] = "SELECT order_id, amount > 0 AS condition FROM {{ input_view }}";
    c.arguments["merge_columns"] = Json::array({"order_id"});
  }
  if (f.name == "is_valid_date") c.arguments["date_format"] = "yyyy-MM-dd";
  if (f.name == "is_in_list") c.arguments["case_sensitive"] = false;
  if (f.name == "is_not_null_and_not_empty") c.arguments["trim_strings"] = true;
  if (f.name == "foreign_key") c.arguments["null_safe"] = true;
  if (f.name == "has_valid_schema") c.arguments["expected_schema"] = "id INT, name STRING";
  if (f.name == "is_valid_country_code") c.arguments["code_format"] = "alpha-3";
  if (f.name == "has_no_aggr_outliers") c.arguments["aggr_type"] = "sum";
  if (f.name == "aggr_matches_dataset") c.arguments["group_by"] = Json::array({"customer_id"});
  return c;
}

TEST(NlRules, EveryRegistryFunctionHasATemplateThatParsesBack) {
  for (const auto& f : checkFunctions()) {
    Check c = nlSampleCheck(f);
    nlExpectRoundTrip(c, nlOrderColumns(), c.function);
    c.criticality = Criticality::Warn;
    c.filter = "status = 'paid' AND (CASE WHEN quantity > 1 THEN 1 ELSE 0 END) = 1";
    nlExpectRoundTrip(c, nlOrderColumns(), c.function + " (warn, filtered)");
  }
}

TEST(NlRules, ExplainRefusesWhatItCannotWord) {
  const auto status = [](const Check& c) {
    try {
      (void)explainRule(c);
    } catch (const HttpError& e) {
      return e.status();
    }
    return 200;
  };
  Check unknown;
  unknown.function = "no_such_function";
  unknown.arguments = Json{{"column", "amount"}};
  EXPECT_EQ(status(unknown), 422);
  Check missing;
  missing.function = "is_in_range";
  missing.arguments = Json{{"column", "amount"}, {"min_limit", 0}};
  EXPECT_EQ(status(missing), 422);
  Check stranger;
  stranger.function = "is_not_null";
  stranger.arguments = Json{{"column", "amount"}, {"colour", "red"}};
  EXPECT_EQ(status(stranger), 422);
  Check typed;
  typed.function = "is_valid_uuid";
  typed.arguments = Json{{"column", "amount"}, {"strict", "yes"}};
  EXPECT_EQ(status(typed), 422);
  Check table;
  table.function = "foreign_key";
  table.arguments =
      Json{{"columns", {"customer_id"}}, {"ref_table", "crm.customers"}, {"ref_columns", {"id"}}};
  EXPECT_EQ(status(table), 422);
  Check fine;
  fine.function = "is_not_null";
  fine.arguments = Json{{"column", "amount"}};
  EXPECT_EQ(status(fine), 200);
}

TEST(NlRules, ColumnBindingLevelsSetTheConfidence) {
  struct Case {
    const char* text;
    const char* column;
    double confidence;
  };
  const Case cases[] = {
      {"amount is required", "amount", 1.0},         {"AMOUNT is required", "amount", 0.9},
      {"order date is required", "order_date", 0.9}, {"statuses are required", "status", 0.8},
      {"ammount is required", "amount", 0.6},        {"email is required", "customer_email", 0.5},
      {"qty is required", "quantity", 0.5},
  };
  for (const auto& c : cases) {
    const ParsedRule p = parseNaturalLanguageRule(c.text, nlOrderColumns());
    ASSERT_TRUE(p.rule.has_value()) << c.text;
    EXPECT_EQ(p.rule->arguments["column"], c.column) << c.text;
    EXPECT_DOUBLE_EQ(p.confidence, c.confidence) << c.text;
    EXPECT_EQ(p.matchedColumns, std::vector<std::string>{c.column}) << c.text;
    EXPECT_TRUE(p.unparsed.empty()) << c.text;
  }
  const ParsedRule leftover =
      parseNaturalLanguageRule("order_id is unique obviously", nlOrderColumns());
  ASSERT_TRUE(leftover.rule.has_value());
  EXPECT_EQ(leftover.rule->function, "is_unique");
  EXPECT_DOUBLE_EQ(leftover.confidence, 0.8);
  EXPECT_EQ(leftover.unparsed, std::vector<std::string>{"obviously"});

  const ParsedRule both =
      parseNaturalLanguageRule("ship_date is on or after order date", nlOrderColumns());
  ASSERT_TRUE(both.rule.has_value());
  EXPECT_EQ(both.matchedColumns, (std::vector<std::string>{"ship_date", "order_date"}));
  EXPECT_DOUBLE_EQ(both.confidence, 0.9);

  const std::vector<std::string> odd{"Order Date", "Amount"};
  const ParsedRule spaced = parseNaturalLanguageRule("order date is required", odd);
  ASSERT_TRUE(spaced.rule.has_value());
  EXPECT_EQ(spaced.rule->arguments["column"], "`Order Date`");
  EXPECT_EQ(spaced.matchedColumns, std::vector<std::string>{"Order Date"});
  nlExpectRoundTrip(*spaced.rule, odd, "spaced name");
}

TEST(NlRules, TiesBindNothingAndSayWhy) {
  const auto expectTie = [](const char* text, const std::vector<std::string>& columns,
                            const char* a, const char* b) {
    const ParsedRule p = parseNaturalLanguageRule(text, columns);
    EXPECT_FALSE(p.rule.has_value()) << text;
    EXPECT_EQ(p.confidence, 0.0) << text;
    EXPECT_TRUE(p.matchedColumns.empty()) << text;
    ASSERT_EQ(p.unparsed.size(), 1u) << text;
    EXPECT_NE(p.unparsed[0].find(a), std::string::npos) << p.unparsed[0];
    EXPECT_NE(p.unparsed[0].find(b), std::string::npos) << p.unparsed[0];
  };
  expectTie("date is a valid date", nlOrderColumns(), "order_date", "ship_date");
  expectTie("customer is required", nlOrderColumns(), "customer_id", "customer_email");
  expectTie("AMOUNT is required", {"Amount", "amount"}, "Amount", "amount");
  expectTie("amout is required", {"amount1", "amount2"}, "amount1", "amount2");
  expectTie("amt is required", {"amount", "amt_due"}, "amount", "amt_due");
}

TEST(NlRules, EmptyColumnListTakesNamesAsWritten) {
  const ParsedRule p = parseNaturalLanguageRule("Order Date is required", {});
  ASSERT_TRUE(p.rule.has_value());
  EXPECT_EQ(p.rule->arguments["column"], "order_date");
  EXPECT_DOUBLE_EQ(p.confidence, 1.0);
  const ParsedRule q = parseNaturalLanguageRule("`Odd Name` must be unique", {});
  ASSERT_TRUE(q.rule.has_value());
  EXPECT_EQ(q.rule->arguments["columns"], Json::array({"`Odd Name`"}));
  EXPECT_FALSE(parseNaturalLanguageRule("order-date! is required", {}).rule.has_value());
}

TEST(NlRules, CriticalityForms) {
  struct Case {
    const char* text;
    const char* function;
    Criticality criticality;
  };
  const Case cases[] = {
      {"amount is required", "is_not_null", Criticality::Error},
      {"amount must be present", "is_not_null", Criticality::Error},
      {"error: amount is required", "is_not_null", Criticality::Error},
      {"warn if amount is null", "is_not_null", Criticality::Warn},
      {"Warn when amount is missing", "is_not_null", Criticality::Warn},
      {"warning: amount is required", "is_not_null", Criticality::Warn},
      {"WARN: amount is required.", "is_not_null", Criticality::Warn},
      {"amount is required (warn)", "is_not_null", Criticality::Warn},
      {"amount is required as a warning", "is_not_null", Criticality::Warn},
      {"warn unless amount is not null", "is_not_null", Criticality::Warn},
      {"fail if amount is null", "is_not_null", Criticality::Error},
      {"warn if amount is not null", "is_null", Criticality::Warn},
      {"warn if notes is empty", "is_not_null_and_not_empty", Criticality::Warn},
      {"warn if order_id is not unique", "is_unique", Criticality::Warn},
      {"warn if amount > 100", "is_not_greater_than", Criticality::Warn},
      {"warn if amount is outside 1 and 5", "is_in_range", Criticality::Warn},
      {"warn if order_date is in the future", "is_not_in_future", Criticality::Warn},
      {"warn if the table is empty", "is_aggr_not_less_than", Criticality::Warn},
  };
  for (const auto& c : cases) {
    const ParsedRule p = parseNaturalLanguageRule(c.text, nlOrderColumns());
    ASSERT_TRUE(p.rule.has_value()) << c.text;
    EXPECT_EQ(p.rule->function, c.function) << c.text;
    EXPECT_EQ(p.rule->criticality, c.criticality) << c.text;
    EXPECT_DOUBLE_EQ(p.confidence, 1.0) << c.text;
  }
}

TEST(NlRules, FilterIsKeptAsWrittenAndChecked) {
  const ParsedRule p = parseNaturalLanguageRule(
      "amount is positive where status = 'paid' AND country_code <> 'US'.", nlOrderColumns());
  ASSERT_TRUE(p.rule.has_value());
  EXPECT_EQ(p.rule->filter, "status = 'paid' AND country_code <> 'US'");
  const ParsedRule when = parseNaturalLanguageRule(
      "warn if ship_date is null when status = 'shipped'", nlOrderColumns());
  ASSERT_TRUE(when.rule.has_value());
  EXPECT_EQ(when.rule->filter, "status = 'shipped'");
  EXPECT_EQ(when.rule->criticality, Criticality::Warn);
  const ParsedRule rows = parseNaturalLanguageRule(
      "amount must be at most 100 for rows where discount > 0", nlOrderColumns());
  ASSERT_TRUE(rows.rule.has_value());
  EXPECT_EQ(rows.rule->filter, "discount > 0");
  EXPECT_TRUE(rows.unparsed.empty());
  for (const char* bad :
       {"amount is required where 1=1; DROP TABLE t",
        "amount is required where (SELECT 1) UNION SELECT 2", "amount is required where"}) {
    const ParsedRule b = parseNaturalLanguageRule(bad, nlOrderColumns());
    EXPECT_FALSE(b.rule.has_value()) << bad;
    EXPECT_FALSE(b.unparsed.empty()) << bad;
  }
}

TEST(NlRules, ValuesKeepTheirTypes) {
  const ParsedRule list = parseNaturalLanguageRule(
      "status is one of in transit, 'O''Brien', 3, 2.5, 2024-01-31, true", nlOrderColumns());
  ASSERT_TRUE(list.rule.has_value());
  EXPECT_EQ(nlohmann::json::parse(list.rule->arguments["allowed"].dump()),
            nlohmann::json::parse(R"(["in transit", "O'Brien", 3, 2.5, "2024-01-31", true])"));
  EXPECT_TRUE(list.rule->arguments["allowed"][2].is_number_integer());
  const ParsedRule limit = parseNaturalLanguageRule("amount is at least 1.5", nlOrderColumns());
  ASSERT_TRUE(limit.rule.has_value());
  EXPECT_TRUE(limit.rule->arguments["limit"].is_number_float());
  const ParsedRule date =
      parseNaturalLanguageRule("order_date is at most 2024-12-31T23:59:59Z", nlOrderColumns());
  ASSERT_TRUE(date.rule.has_value());
  EXPECT_EQ(date.rule->arguments["limit"], "2024-12-31T23:59:59Z");
  const ParsedRule literal = parseNaturalLanguageRule("status must equal 'paid'", nlOrderColumns());
  ASSERT_TRUE(literal.rule.has_value());
  EXPECT_EQ(literal.rule->arguments["value"], "'paid'");  // quoted: a literal, not a column
  const ParsedRule column =
      parseNaturalLanguageRule("discount must be at most amount", nlOrderColumns());
  ASSERT_TRUE(column.rule.has_value());
  EXPECT_EQ(column.rule->arguments["limit"], "amount");
  EXPECT_EQ(column.matchedColumns, (std::vector<std::string>{"discount", "amount"}));
}

// Every argument that names a column names one of the table's.
void nlExpectOnlyTableColumns(const Check& c, const std::vector<std::string>& columns,
                              const std::string& text) {
  const auto known = [&](const Json& v) {
    if (!v.is_string()) return false;
    const std::string s = v.get<std::string>();
    if (s == "*") return true;
    for (const auto& col : columns) {
      if (s == col || s == "`" + col + "`") return true;
    }
    return false;
  };
  for (const char* name : {"column", "column1", "column2"}) {
    if (c.arguments.contains(name)) {
      EXPECT_TRUE(known(c.arguments[name])) << text;
    }
  }
  for (const char* name : {"columns", "group_by"}) {
    if (!c.arguments.contains(name)) continue;
    for (const auto& v : c.arguments[name]) EXPECT_TRUE(known(v)) << text;
  }
}

void nlExpectSafe(std::string_view text, const std::vector<std::string>& columns) {
  ParsedRule p;
  ASSERT_NO_THROW(p = parseNaturalLanguageRule(text, columns)) << text;
  if (!p.rule) {
    EXPECT_EQ(p.confidence, 0.0);
    return;
  }
  const std::string shown(text.substr(0, 200));
  Check c = *p.rule;
  c.tableFqn = "main.sales.orders";
  EXPECT_NO_THROW(validateCheck(c)) << shown;
  if (!c.filter.empty()) {
    EXPECT_NO_THROW(requireSingleExpression(c.filter)) << shown;
  }
  if (c.function == "sql_expression") {
    EXPECT_NO_THROW(requireSingleExpression(c.arguments["expression"].get<std::string>())) << shown;
  }
  if (!columns.empty()) nlExpectOnlyTableColumns(c, columns, shown);
  EXPECT_GE(p.confidence, 0.0);
  EXPECT_LE(p.confidence, 1.0);
}

TEST(NlRules, HostileInputNeverCrashesNorReachesSqlUnchecked) {
  const std::string hostile[] = {
      "amount'; DROP TABLE orders; -- is not null",
      "`amount; DROP TABLE x` is not null",
      "amount > 0); DROP TABLE x; --",
      "amount is at least (SELECT max(x) FROM t)",
      "amount is at least (1; DROP TABLE t)",
      "rows must satisfy (1=1) OR (DROP TABLE t)",
      "rows must satisfy 1=1; DROP TABLE t",
      "status is one of 'a'); DROP TABLE t; --', 'b'",
      "product_sku matches '.*'; DROP TABLE t; --'",
      "customer_id exists in main.crm.`x; drop`.id",
      "amount is at least `; DROP`",
      "status must equal ''' OR 1=1 --'",
      "status must equal \\'; DROP TABLE t",
      "''''''''''",
      "`````",
      "((((((((((",
      "))))))))))",
      "amount is between ( and )",
      "warn if",
      "where",
      "with negate true",
      "amount is required with negate true with negate",
      "amount is required where",
      ";;;;",
      "amount\tis\nrequired",
      "é is required",
      "amount is one of ;",
      "the sum of * must be at least 5",
      "at least -9223372036854775808 rows",
      "the table has more than 9223372036854775807 rows",
      "at least 99999999999999999999999 rows",
      "amount is at least 1e999",
      "updated_at was updated within 99999999999 days",
      "customer_id exists in a.b",
      "customer_id exists in a.b.c.d.e",
      "order_id and customer_id must be positive",
      "amount per status is positive",
  };
  for (const auto& h : hostile) {
    nlExpectSafe(h, nlOrderColumns());
    nlExpectSafe(h, {});
  }
  nlExpectSafe(std::string("amount is required\0 where 1=1", 29), nlOrderColumns());
  nlExpectSafe(std::string(100000, 'a'), nlOrderColumns());
  nlExpectSafe(std::string(4000, '('), nlOrderColumns());
  std::string words;
  for (int i = 0; i < 600; ++i) words += "amount ";
  nlExpectSafe(words + "is required", nlOrderColumns());
  nlExpectSafe(words + "is required", {});
  const ParsedRule longer = parseNaturalLanguageRule(std::string(5000, 'x'), nlOrderColumns());
  EXPECT_FALSE(longer.rule.has_value());
  EXPECT_FALSE(longer.unparsed.empty());
}

// Text assembled from the grammar's own words, names and punctuation, deterministically.
TEST(NlRules, GeneratedSentencesAreSafeAndExplainBack) {
  const std::vector<std::string> pieces{
      "amount",     "status",   "order date", "is",         "not",     "null",    "must",
      "be",         "between",  "and",        "one of",     "'a'",     "b",       ",",
      "(",          ")",        "`",          "'",          ";",       "--",      "where",
      "when",       "warn if",  "warning:",   "(warn)",     "5",       "-3",      "2.5",
      "2024-01-31", "unique",   "per",        "at least",   "at most", "rows",    "table",
      "matches",    "/x/",      "exists in",  "main.a.b.c", "within",  "2 hours", "older than",
      "7 days",     "positive", "with",       "negate",     "true",    "=",       ">",
      "<=",         "sum of",   "the",        "empty",      "today",   "satisfy"};
  std::uint64_t state = 42;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const std::size_t n = 2 + next() % 9;
    for (std::size_t k = 0; k < n; ++k) text += pieces[next() % pieces.size()] + " ";
    nlExpectSafe(text, nlOrderColumns());
    const ParsedRule p = parseNaturalLanguageRule(text, nlOrderColumns());
    if (!p.rule) continue;
    ++parsed;
    nlExpectRoundTrip(*p.rule, nlOrderColumns(), text);
  }
  EXPECT_GT(parsed, 0);
}

}  // namespace
}  // namespace clxs::quality
