#include "kernel/workspace/databricks/type_text.hpp"

#include <cctype>
#include <vector>

#include "clxs/text.hpp"

namespace clxs::kernel::databricks {
namespace {

char upper(char c) {
  return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

}  // namespace

std::string canonicalTypeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // One entry per open '<': whether it opened a STRUCT, whose fields start with a name.
  std::vector<bool> structs;
  bool inFieldName = false;
  std::size_t wordStart = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '`') {
      // A backquoted field name is copied as it is, doubled backquotes included.
      const std::size_t begin = i;
      ++i;
      while (i < text.size()) {
        if (text[i] == '`' && i + 1 < text.size() && text[i + 1] == '`') {
          i += 2;
          continue;
        }
        if (text[i] == '`') break;
        ++i;
      }
      out.append(text.substr(begin, i < text.size() ? i - begin + 1 : std::string_view::npos));
      continue;
    }
    if (c == '<') {
      const bool isStruct = sameName(text.substr(wordStart, i - wordStart), "STRUCT");
      structs.push_back(isStruct);
      inFieldName = isStruct;
      out.push_back(c);
      wordStart = i + 1;
      continue;
    }
    if (c == '>') {
      if (!structs.empty()) structs.pop_back();
      inFieldName = false;
      out.push_back(c);
      wordStart = i + 1;
      continue;
    }
    if (c == ',' && !structs.empty() && structs.back()) {
      inFieldName = true;
      out.push_back(c);
      wordStart = i + 1;
      continue;
    }
    if (c == ':' && inFieldName) {
      inFieldName = false;
      out.push_back(c);
      wordStart = i + 1;
      continue;
    }
    if (c == ' ' || c == '(' || c == ',' || c == ')') wordStart = i + 1;
    if (inFieldName) {
      out.push_back(c);
      continue;
    }
    // NOT NULL and COMMENT '...' may follow a field type; a comment keeps its text.
    if (c == '\'') {
      const std::size_t begin = i;
      ++i;
      while (i < text.size() && text[i] != '\'') {
        if (text[i] == '\\') ++i;
        ++i;
      }
      out.append(text.substr(begin, i < text.size() ? i - begin + 1 : std::string_view::npos));
      continue;
    }
    out.push_back(upper(c));
  }
  return out;
}

std::string sqlTypeName(std::string_view typeName) {
  const std::string name = upperAscii(typeName);
  if (name == "LONG") return "BIGINT";
  if (name == "SHORT") return "SMALLINT";
  if (name == "BYTE") return "TINYINT";
  return name;
}

std::string columnType(std::string_view typeText, std::string_view typeName) {
  if (!typeText.empty()) return canonicalTypeText(typeText);
  return sqlTypeName(typeName);
}

}  // namespace clxs::kernel::databricks
