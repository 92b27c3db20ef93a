#include "kernel/workspace/local/functions/builtin_function.hpp"

#include <cctype>
#include <map>

#include "clxs/text.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/sql/sql_lexer.hpp"

namespace clxs::kernel {

namespace {

const std::map<std::string, const BuiltinFunction*, std::less<>>& byName() {
  static const auto table = [] {
    std::map<std::string, const BuiltinFunction*, std::less<>> m;
    for (const auto family :
         {arrayFunctions(), mapAndStructFunctions(), stringFunctions(), mathFunctions(),
          datetimeFunctions(), hashFunctions(), conditionalFunctions(), aggregateFunctions(),
          jsonFunctions(), urlFunctions(), miscFunctions(), castFunctions(), sketchFunctions(),
          csvFunctions()}) {
      for (const auto& f : family) m.emplace(std::string(f.name), &f);
    }
    return m;
  }();
  return table;
}

}  // namespace

const BuiltinFunction* findBuiltin(std::string_view name) {
  const auto& table = byName();
  const auto it = table.find(lowerAscii(name));
  return it == table.end() ? nullptr : it->second;
}

std::string writeBuiltin(const BuiltinFunction& f, const FunctionArgs& args) {
  if (f.build != nullptr) return f.build(args);
  std::string out;
  const std::string_view p = f.pattern;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '$' && i + 1 < p.size()) {
      if (p[i + 1] == '*') {
        out += joinArgs(args);
        ++i;
        continue;
      }
      if (p[i + 1] >= '1' && p[i + 1] <= '9') {
        const auto index = static_cast<std::size_t>(p[i + 1] - '1');
        // Arguments are parenthesised, so an operator inside one keeps its precedence;
        // lambdas cannot be.
        if (index >= args.size()) {
          out += "NULL";  // an optional argument left out
        } else {
          out += isLambda(args[index]) ? args[index] : "(" + args[index] + ")";
        }
        ++i;
        continue;
      }
    }
    out.push_back(p[i]);
  }
  return out;
}

bool isLambda(std::string_view arg) {
  std::size_t i = 0;
  const auto skipSpace = [&] {
    while (i < arg.size() && std::isspace(static_cast<unsigned char>(arg[i])) != 0) ++i;
  };
  const auto name = [&] {
    const std::size_t start = i;
    while (i < arg.size() &&
           (std::isalnum(static_cast<unsigned char>(arg[i])) != 0 || arg[i] == '_')) {
      ++i;
    }
    return i > start;
  };
  skipSpace();
  if (i < arg.size() && arg[i] == '(') {
    ++i;
    do {
      skipSpace();
      if (!name()) return false;
      skipSpace();
    } while (i < arg.size() && arg[i] == ',' && ++i != 0);
    if (i >= arg.size() || arg[i] != ')') return false;
    ++i;
  } else if (!name()) {
    return false;
  }
  skipSpace();
  return arg.substr(i, 2) == "->";
}

Lambda lambdaOf(const std::string& function, std::string_view arg, std::size_t arity) {
  Lambda out;
  if (isLambda(arg)) {
    const auto arrow = arg.find("->");
    const auto tokens = lexSql(arg.substr(0, arrow));
    for (const auto& t : tokens) {
      if (t.kind == TokenKind::Word) out.params.push_back(t.text);
    }
    out.body = std::string(arg.substr(arrow + 2));
  }
  if (out.params.size() != arity) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH] Invalid lambda function "
                         "call. A higher order function `" +
                             function + "` expects a lambda function with " +
                             std::to_string(arity) + " arguments. SQLSTATE: 42K0D");
  }
  return out;
}

std::string applyLambda(const Lambda& lambda, const std::vector<std::string>& values) {
  const auto tokens = lexSql(lambda.body);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != TokenKind::Word) continue;
    if (i > 0 && tokens[i - 1].isSymbol(".")) continue;
    if (tokens[i + 1].isSymbol("(")) continue;
    for (std::size_t p = 0; p < lambda.params.size() && p < values.size(); ++p) {
      if (lowerAscii(t.text) != lowerAscii(lambda.params[p])) continue;
      out.append(lambda.body, copied, t.begin - copied);
      out += "(" + values[p] + ")";
      copied = t.end;
      break;
    }
  }
  out.append(lambda.body, copied);
  return "(" + out + ")";
}

void throwWrongArgCount(std::string_view function, const std::string& expected,
                        std::size_t actual) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + std::string(function) +
                           "` requires " + expected + " parameters but the actual number is " +
                           std::to_string(actual) + ". SQLSTATE: 42605");
}

std::vector<std::pair<std::string, std::string>> optionPairs(const std::string& options) {
  // The library writes map(k1, v1, k2, v2) as MAP(list_value(k1, k2), list_value(v1, v2)):
  // the literals' first half are the keys, the second half their values.
  std::vector<std::string> literals;
  for (const Token& t : lexSql(options)) {
    if (t.kind == TokenKind::String) literals.push_back(t.text);
  }
  const std::size_t half = literals.size() / 2;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < half; ++i) pairs.emplace_back(literals[i], literals[half + i]);
  return pairs;
}

std::optional<std::string> optionValue(const std::string& options, std::string_view key) {
  for (const auto& [k, v] : optionPairs(options)) {
    if (lowerAscii(k) == lowerAscii(key)) return v;
  }
  return std::nullopt;
}

std::string joinArgs(const FunctionArgs& args, std::size_t from) {
  std::string out;
  for (std::size_t a = from; a < args.size(); ++a) {
    if (a > from) out += ", ";
    out += args[a];
  }
  return out;
}

bool literalText(std::string_view arg, std::string& text) {
  if (arg.size() < 2 || arg.front() != '\'' || arg.back() != '\'') return false;
  text.clear();
  for (std::size_t i = 1; i + 1 < arg.size(); ++i) {
    if (arg[i] == '\'') {
      if (i + 2 < arg.size() && arg[i + 1] == '\'') {
        text.push_back('\'');
        ++i;
        continue;
      }
      return false;  // two literals, not one
    }
    text.push_back(arg[i]);
  }
  return true;
}

}  // namespace clxs::kernel
