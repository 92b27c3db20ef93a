// CSV text as Spark reads and writes it: from_csv (a record into a struct of the schema's
// types), to_csv (a struct into a record), schema_of_csv (a literal record's inferred schema).
// The options map is read when the call is translated, so a bad option fails at once.
#include <stdexcept>

#include "clxs/json.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"
#include "kernel/workspace/local/engine/engine_errors.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"
#include "kernel/workspace/local/functions/spark_csv.hpp"
#include "kernel/workspace/local/sql/spark_types.hpp"
#include "kernel/workspace/local/sql/sql_lexer.hpp"

namespace clxs::kernel {

namespace {

using OptionPairs = std::vector<std::pair<std::string, std::string>>;

[[noreturn]] void invalidOption(const std::string& message) {
  // Spark's newer checks carry their class; the older ones are plain sentences.
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       message.starts_with("[")
                           ? message
                           : "[INVALID_OPTION_VALUE] " + message + " SQLSTATE: 42K06");
}

// The call's options (argument `at`), checked as Spark checks them.
spark_csv::Options csvOptions(const FunctionArgs& a, std::size_t at, bool forWriting,
                              OptionPairs& pairs) {
  pairs = a.size() > at ? optionPairs(a[at]) : OptionPairs{};
  try {
    return spark_csv::parseOptions(pairs, forWriting);
  } catch (const std::invalid_argument& e) {
    invalidOption(e.what());
  }
}

// The options as the engine functions take them: [["sep", ";"], …].
std::string optionsLiteral(const OptionPairs& pairs) {
  Json out = Json::array();
  for (const auto& [k, v] : pairs) out.push_back(Json::array({k, v}));
  return duckdbLiteral(out.dump());
}

std::string callBuiltin(std::string_view name, const FunctionArgs& args) {
  return writeBuiltin(*findBuiltin(name), args);
}

struct SchemaField {
  std::string name;
  std::string sparkType;   // the type's first word, upper case (INT, TIMESTAMP, ARRAY, ...)
  std::string duckdbType;  // the whole type in the engine's words
};

// `a INT, b STRING` or `STRUCT<a: INT, b: STRING>` (schema_of_csv's answer).
std::vector<SchemaField> schemaFields(const std::string& schema) {
  const auto toks = lexSql(schema);
  std::size_t i = 0;
  std::size_t to = toks.size() - 1;  // the End token
  if (to >= 2 && toks[0].is("STRUCT") && toks[1].isSymbol("<") && toks[to - 1].isSymbol(">")) {
    i = 2;
    --to;
  }
  std::vector<SchemaField> fields;
  while (i < to) {
    if (!toks[i].isIdentifier()) throwSyntaxError(toks[i].text, "a field name must come first");
    SchemaField f{toks[i].text, {}, {}};
    ++i;
    if (i < to && toks[i].isSymbol(":")) ++i;
    if (i >= to) throwSyntaxError(f.name, "the field has no type");
    f.sparkType = upperAscii(toks[i].text);
    f.duckdbType = duckdbTypeSpec(toks, i, to);
    while (i < to && !toks[i].isSymbol(",")) ++i;  // NOT NULL, COMMENT '…'
    if (i < to) ++i;
    fields.push_back(std::move(f));
  }
  if (fields.empty()) throwSyntaxError(schema, "the schema has no fields");
  return fields;
}

// One field's text as a value of its type; a value that does not read is NULL (PERMISSIVE).
std::string fieldValue(const std::string& cell, const SchemaField& f, const spark_csv::Options& o) {
  const std::string& t = f.sparkType;
  if (t == "STRING" || t == "VARCHAR" || t == "CHAR") return cell;
  if (t == "INT" || t == "INTEGER") return "clxs_spark_cast_int(" + cell + ", true)";
  if (t == "BIGINT" || t == "LONG") return "clxs_spark_cast_bigint(" + cell + ", true)";
  if (t == "SMALLINT" || t == "SHORT") return "clxs_spark_cast_smallint(" + cell + ", true)";
  if (t == "TINYINT" || t == "BYTE") return "clxs_spark_cast_tinyint(" + cell + ", true)";
  if (t == "DATE" && o.dateFormat) {
    return callBuiltin("try_to_date", {cell, duckdbLiteral(*o.dateFormat)});
  }
  if (t == "TIMESTAMP" && o.timestampFormat) {
    return callBuiltin("try_to_timestamp", {cell, duckdbLiteral(*o.timestampFormat)});
  }
  if (t == "TIMESTAMP_NTZ" && o.timestampNTZFormat) {
    return "TRY(" + callBuiltin("to_timestamp_ntz", {cell, duckdbLiteral(*o.timestampNTZFormat)}) +
           ")";
  }
  if (t == "ARRAY" || t == "MAP" || t == "STRUCT" || t == "VARIANT") {
    throwUnsupportedFeature("from_csv reads fields of atomic types only, not " + t + ".");
  }
  return "TRY_CAST(" + cell + " AS " + f.duckdbType + ")";
}

// from_csv(text, schema[, options]): the record's fields as a struct of the schema; missing
// fields are NULL, extra ones dropped.
std::string fromCsv(const FunctionArgs& a) {
  std::string schema;
  if (!literalText(a[1], schema)) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[INVALID_SCHEMA.NON_STRING_LITERAL] The input schema is not a valid "
                         "schema string: it must be a string literal. SQLSTATE: 42K07");
  }
  OptionPairs pairs;
  const auto options = csvOptions(a, 2, false, pairs);
  if (options.mode == spark_csv::ParseMode::kDropMalformed) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[PARSE_MODE_UNSUPPORTED] The function `from_csv` doesn't support the "
                         "DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST. "
                         "SQLSTATE: 42601");
  }
  const auto fields = schemaFields(schema);
  std::string pack;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string cell = "__clxs_csv[" + std::to_string(i + 1) + "]";
    pack += (i > 0 ? ", " : "") + duckdbIdentifier(fields[i].name) +
            " := " + fieldValue(cell, fields[i], options);
  }
  return "CASE WHEN (" + a[0] + ") IS NOT NULL THEN list_transform([clxs_spark_csv_fields((" +
         a[0] + "), " + optionsLiteral(pairs) + ")], __clxs_csv -> struct_pack(" + pack +
         "))[1] END";
}

// to_csv(struct[, options]): dates and timestamps in the options' patterns (Spark's defaults
// otherwise), in the session's zone.
std::string toCsv(const FunctionArgs& a) {
  OptionPairs pairs;
  const auto o = csvOptions(a, 1, true, pairs);
  const auto pattern = [](const std::optional<std::string>& p, const char* fallback) {
    return duckdbLiteral(p ? *p : fallback);
  };
  const std::string number = "CAST(__clxs_c[2:] AS BIGINT)";
  const std::string format =
      "CASE WHEN __clxs_c IS NULL THEN NULL WHEN __clxs_c[1] = chr(1) THEN " +
      callBuiltin("date_format", {"timezone('UTC', make_timestamp(" + number + "))",
                                  pattern(o.timestampFormat, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")}) +
      " WHEN __clxs_c[1] = chr(2) THEN " +
      callBuiltin("date_format", {"make_timestamp(" + number + ")",
                                  pattern(o.timestampNTZFormat, "yyyy-MM-dd'T'HH:mm:ss.SSS")}) +
      " WHEN __clxs_c[1] = chr(3) THEN " +
      callBuiltin("date_format",
                  {"CAST(DATE '1970-01-01' + CAST(" + number + " AS INTEGER) AS DATE)",
                   pattern(o.dateFormat, "yyyy-MM-dd")}) +
      " ELSE __clxs_c END";
  return "clxs_spark_csv_record(list_transform(clxs_spark_csv_cells(" + a[0] + "), __clxs_c -> " +
         format + "), " + optionsLiteral(pairs) + ")";
}

// schema_of_csv(text[, options]): the text is a literal, so the schema is found here.
std::string schemaOfCsv(const FunctionArgs& a) {
  std::string text;
  if (!literalText(a[0], text)) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve "
                         "\"schema_of_csv\" due to data type mismatch: the input `csv` should "
                         "be a foldable \"STRING\" expression. SQLSTATE: 42K09");
  }
  OptionPairs pairs;
  const auto options = csvOptions(a, 1, false, pairs);
  try {
    return duckdbLiteral(spark_csv::schemaOf(text, options));
  } catch (const std::invalid_argument& e) {
    invalidOption(e.what());
  }
}

constexpr BuiltinFunction kCsvFunctions[] = {
    {"from_csv", 2, 3, {}, fromCsv},
    {"schema_of_csv", 1, 2, {}, schemaOfCsv},
    {"to_csv", 1, 2, {}, toCsv},
};

}  // namespace

std::span<const BuiltinFunction> csvFunctions() {
  return kCsvFunctions;
}

}  // namespace clxs::kernel
