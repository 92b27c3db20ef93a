#include "kernel/workspace/local/sql/identifier_clause.hpp"

#include <algorithm>

#include "kernel/workspace/local/sql/sql_lexer.hpp"

namespace clxs::kernel {

namespace {

[[noreturn]] void invalidIdentifier(const std::string& text) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "[INVALID_IDENTIFIER] The identifier " + text +
                           " is invalid. Please, consider quoting it with back-quotes as `" + text +
                           "`. SQLSTATE: 42602");
}

// The name `text` holds (`a.b.c`, `` `a b`.c ``) with each part backticked.
std::string quotedName(const std::string& text) {
  std::vector<Token> toks;
  try {
    toks = lexSql(text);
  } catch (const WorkspaceError&) {
    invalidIdentifier(text);
  }
  std::string out;
  bool wantPart = true;
  for (const Token& t : toks) {
    if (t.kind == TokenKind::End) break;
    if (wantPart && t.isIdentifier()) {
      std::string part = t.text;
      std::string escaped;
      for (const char c : part) {
        escaped.push_back(c);
        if (c == '`') escaped.push_back('`');
      }
      out += "`" + escaped + "`";
      wantPart = false;
    } else if (!wantPart && t.isSymbol(".")) {
      out += ".";
      wantPart = true;
    } else {
      invalidIdentifier(text);
    }
  }
  if (wantPart) invalidIdentifier(text);
  return out;
}

}  // namespace

std::string withIdentifierClauses(std::string_view sql, const std::vector<SqlParam>& params) {
  // Most statements have none: leave them untouched without lexing twice.
  std::string upper = upperAscii(std::string(sql));
  if (upper.find("IDENTIFIER") == std::string::npos) return std::string(sql);
  const auto toks = lexSql(sql);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
    if (!toks[i].is("IDENTIFIER") || !toks[i + 1].isSymbol("(")) continue;
    if (i > 0 && toks[i - 1].isSymbol(".")) continue;  // a column named identifier, qualified
    if (i + 3 >= toks.size() || !toks[i + 3].isSymbol(")")) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[NOT_A_CONSTANT_STRING.WRONG_TYPE] The expression used for the "
                           "routine or clause IDENTIFIER must be a constant STRING which is NOT "
                           "NULL. SQLSTATE: 42601");
    }
    const Token& arg = toks[i + 2];
    std::string name;
    if (arg.kind == TokenKind::String) {
      name = arg.text;
    } else if (arg.kind == TokenKind::Parameter) {
      const auto it = std::find_if(params.begin(), params.end(),
                                   [&](const SqlParam& p) { return p.name == arg.text; });
      if (it == params.end()) {
        throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                             "[UNBOUND_SQL_PARAMETER] Found the unbound parameter: " + arg.text +
                                 ". Please, fix `args` and provide a mapping of the parameter to "
                                 "a SQL literal. SQLSTATE: 42P02");
      }
      if (!it->value.is_string()) {
        throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                             "[NOT_A_CONSTANT_STRING.WRONG_TYPE] The expression used for the "
                             "routine or clause IDENTIFIER must be a constant STRING which is NOT "
                             "NULL. SQLSTATE: 42601");
      }
      name = it->value.get<std::string>();
    } else {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[NOT_A_CONSTANT_STRING.WRONG_TYPE] The expression used for the "
                           "routine or clause IDENTIFIER must be a constant STRING which is NOT "
                           "NULL. SQLSTATE: 42601");
    }
    out.append(sql.substr(copied, toks[i].begin - copied));
    out += quotedName(name);
    copied = toks[i + 3].end;
    i += 3;
  }
  out.append(sql.substr(copied));
  return out;
}

}  // namespace clxs::kernel
