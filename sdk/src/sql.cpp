#include "clxs/sql.hpp"

#include <string>

#include "clxs/error.hpp"

namespace clxs {

void validateIdentifier(std::string_view name, std::string_view what) {
  const std::string label(what);
  if (name.empty()) throw badRequest(label + " name must not be empty");
  if (name.size() > 255) throw badRequest(label + " name is longer than 255 characters");
  if (name.find('\0') != std::string_view::npos) {
    throw badRequest(label + " name must not contain a NUL character");
  }
}

std::string quoteIdentifier(std::string_view name) {
  validateIdentifier(name);
  std::string out;
  out.reserve(name.size() + 2);
  out.push_back('`');
  for (char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  out.push_back('`');
  return out;
}

std::string quoteQualified(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.push_back('.');
    out += quoteIdentifier(p);
  }
  return out;
}

std::string joinDotted(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

std::vector<std::string> splitQualified(std::string_view name) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  bool wasQuoted = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (quoted) {
      if (c == '`') {
        if (i + 1 < name.size() && name[i + 1] == '`') {
          current.push_back('`');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        current.push_back(c);
      }
    } else if (c == '`') {
      quoted = true;
      wasQuoted = true;
    } else if (c == '.') {
      if (current.empty()) throw badRequest("empty name part in '" + std::string(name) + "'");
      parts.push_back(std::move(current));
      current.clear();
      wasQuoted = false;
    } else {
      current.push_back(c);
    }
  }
  if (quoted) throw badRequest("unterminated backtick in '" + std::string(name) + "'");
  if (current.empty() && !wasQuoted) {
    throw badRequest("empty name part in '" + std::string(name) + "'");
  }
  parts.push_back(std::move(current));
  for (const auto& p : parts) validateIdentifier(p, "name part");
  return parts;
}

std::string quoteLiteral(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('\'');
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

}  // namespace clxs
