#include "kernel/workspace/local/engine/engine_errors.hpp"

#include <re2/re2.h>

#include <array>

#include "clxs/workspace/types.hpp"

namespace clxs::kernel {

namespace {

// The engine's text up to its first line, without its "Xxx Error: " prefix.
std::string firstLine(std::string_view message) {
  std::string line(message.substr(0, message.find('\n')));
  static constexpr std::array kPrefixes = {
      "Catalog Error: ",    "Binder Error: ",          "Parser Error: ",
      "Conversion Error: ", "Invalid Input Error: ",   "Out of Range Error: ",
      "Constraint Error: ", "Not implemented Error: ", "Invalid Error: ",
      "Internal Error: "};
  for (const char* p : kPrefixes) {
    if (line.rfind(p, 0) == 0) return line.substr(std::string_view(p).size());
  }
  return line;
}

// DuckDB's physical type names as Databricks names the types.
std::string typeName(const std::string& duck) {
  if (duck == "INT8") return "TINYINT";
  if (duck == "INT16") return "SMALLINT";
  if (duck == "INT32") return "INT";
  if (duck == "INT64") return "BIGINT";
  if (duck == "BOOL") return "BOOLEAN";
  if (duck == "VARCHAR") return "STRING";
  return duck;
}

// DuckDB's logical type names in a list of argument types ("INTEGER_LITERAL, VARCHAR[]") as
// Databricks names them ("INT, ARRAY<STRING>").
std::string argumentTypes(std::string detail) {
  RE2::GlobalReplace(&detail, "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ");
  std::string out;
  re2::StringPiece rest(detail);
  std::string before;
  std::string word;
  static const RE2 kWord(R"((\W*)(\w+))");
  while (RE2::Consume(&rest, kWord, &before, &word)) {
    out += before;
    if (word == "INTEGER_LITERAL" || word == "INTEGER") {
      out += "INT";
    } else if (word == "STRING_LITERAL" || word == "VARCHAR") {
      out += "STRING";
    } else if (word == "BLOB") {
      out += "BINARY";
    } else if (word == "TIMESTAMPTZ") {
      out += "TIMESTAMP";
    } else if (word == "TIMESTAMP") {
      out += "TIMESTAMP_NTZ";
    } else if (word == "NULL") {
      out += "VOID";
    } else if (word == "HUGEINT") {
      out += "BIGINT";  // the engine's sums, BIGINT in Spark
    } else {
      out += typeName(word);
    }
  }
  out.append(rest.data(), rest.size());
  RE2::GlobalReplace(&out, R"((\w+)\[\])", R"(ARRAY<\1>)");
  return out;
}

std::string sqlState(const std::string& cls, const std::string& text, const char* state) {
  return "[" + cls + "] " + text + " SQLSTATE: " + state;
}

}  // namespace

void throwUnsupportedFeature(const std::string& sentence) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       sqlState("UNSUPPORTED_FEATURE", sentence, "0A000"));
}

std::string arithmeticOverflowError(std::string_view kind, std::string_view tryFunction) {
  return sqlState("ARITHMETIC_OVERFLOW",
                  std::string(kind) + " overflow. Use '" + std::string(tryFunction) +
                      "' to tolerate overflow and return NULL instead. If necessary set "
                      "\"ansi_mode\" to \"false\" to bypass this error.",
                  "22003");
}

std::string databricksEngineError(std::string_view message, bool cancelled, bool timedOut) {
  std::string name;
  std::string detail;
  // Raised by the function library through DuckDB's error(): already Databricks' words.
  if (const std::string line = firstLine(message);
      line.rfind("[", 0) == 0 && line.find(" SQLSTATE: ") != std::string::npos) {
    return line;
  }
  if (RE2::PartialMatch(message, R"re(Function with name "?([^\s"!]+)"? does not exist)re",
                        &name)) {
    return sqlState("UNRESOLVED_ROUTINE",
                    "Cannot resolve routine `" + name +
                        "` on search path [`system`.`builtin`, `system`.`session`].",
                    "42883");
  }
  if (RE2::PartialMatch(
          message,
          R"re(No function matches the given name and argument types '([^(]+)\(([^']*)\)')re",
          &name, &detail)) {
    // The function library's own engine functions are named after the Databricks function.
    if (name.rfind("clxs_spark_", 0) == 0) name.erase(0, std::string_view("clxs_spark_").size());
    return sqlState("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                    "Cannot resolve \"" + name + "\" due to data type mismatch: no form of `" +
                        name + "` takes arguments of the types (" + argumentTypes(detail) + ").",
                    "42K09");
  }
  if (RE2::PartialMatch(message, R"re(Referenced column "([^"]+)" not found)re", &name) ||
      RE2::PartialMatch(message, R"re(column "?([^\s"]+)"? (?:was )?not found in FROM clause)re",
                        &name)) {
    return sqlState(
        "UNRESOLVED_COLUMN.WITH_SUGGESTION",
        "A column, variable, or function parameter with name `" + name + "` cannot be resolved.",
        "42703");
  }
  if (RE2::PartialMatch(message, R"re(column "([^"]+)" must appear in the GROUP BY clause)re",
                        &name)) {
    return sqlState("MISSING_AGGREGATION",
                    "The non-aggregating expression \"" + name +
                        "\" is based on columns which are not participating in the GROUP BY "
                        "clause. Add the columns or the expression to the GROUP BY, aggregate "
                        "the expression, or use \"any_value(" +
                        name +
                        ")\" if you do not care which of the values within a group is "
                        "returned.",
                    "42803");
  }
  if (message.find("Division by zero") != std::string_view::npos) {
    return sqlState("DIVIDE_BY_ZERO",
                    "Division by zero. Use `try_divide` to tolerate divisor being 0 and return "
                    "NULL instead.",
                    "22012");
  }
  if (RE2::PartialMatch(message, R"(Could not convert string '([^']*)' to ([A-Z0-9_]+))", &detail,
                        &name)) {
    return sqlState("CAST_INVALID_INPUT",
                    "The value '" + detail + "' of the type \"STRING\" cannot be cast to \"" +
                        typeName(name) +
                        "\" because it is malformed. Correct the value as per the syntax, "
                        "or change its target type. Use `try_cast` to tolerate malformed "
                        "input and return NULL instead.",
                    "22018");
  }
  if (RE2::PartialMatch(message,
                        R"re(Overflow in (addition|subtraction|multiplication) of ([A-Z0-9]+))re",
                        &name, &detail)) {
    // Spark names the overflowing type and the try_ function that would tolerate it.
    const std::string kind = detail == "INT32" || detail == "INT16" || detail == "INT8" ? "integer"
                             : detail == "INT64"                                        ? "long"
                                                                                        : "decimal";
    const std::string tryName = name == "addition"      ? "try_add"
                                : name == "subtraction" ? "try_subtract"
                                                        : "try_multiply";
    return arithmeticOverflowError(kind, tryName);
  }
  if (message.find("Overflow") != std::string_view::npos ||
      message.find("out of range") != std::string_view::npos) {
    return sqlState("ARITHMETIC_OVERFLOW",
                    "The result is out of the range of its type. If necessary set "
                    "\"ansi_mode\" to \"false\" to bypass this error.",
                    "22003");
  }
  if (RE2::PartialMatch(message, R"re(syntax error at or near "([^"]*)")re", &name)) {
    return sqlState("PARSE_SYNTAX_ERROR", "Syntax error at or near '" + name + "'.", "42601");
  }
  if (message.find("Parser Error") != std::string_view::npos) {
    return sqlState("PARSE_SYNTAX_ERROR", "Syntax error: " + firstLine(message) + ".", "42601");
  }
  if (message.find("Conversion Error") != std::string_view::npos) {
    return sqlState("CAST_INVALID_INPUT", firstLine(message) + ".", "22018");
  }
  if (message.find("Constraint Error") != std::string_view::npos) {
    return sqlState("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES", firstLine(message) + ".", "23001");
  }
  if (message.find("Binder Error") != std::string_view::npos) {
    return sqlState("DATATYPE_MISMATCH", firstLine(message) + ".", "42K09");
  }
  if (cancelled) return sqlState("OPERATION_CANCELED", "The statement was cancelled.", "HY008");
  if (timedOut) return sqlState("OPERATION_TIMEOUT", firstLine(message) + ".", "HYT00");
  return sqlState("INTERNAL_ERROR", firstLine(message) + ".", "XX000");
}

}  // namespace clxs::kernel
