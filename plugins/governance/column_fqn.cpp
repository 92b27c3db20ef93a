#include "plugins/governance/column_fqn.hpp"

#include <vector>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::governance {

std::string displayPart(const std::string& part) {
  if (part.find_first_of(".`") == std::string::npos) return part;
  std::string out = "`";
  for (const char c : part) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}

std::string ColumnFqn::display() const {
  return displayPart(catalog) + "." + displayPart(schema) + "." + displayPart(table) + "." +
         displayPart(column);
}

std::string ColumnFqn::key() const {
  // The unit separator cannot occur in a valid name part's meaning here: it only joins.
  return lowerAscii(catalog + '\x1f' + schema + '\x1f' + table + '\x1f' + column);
}

std::optional<ColumnFqn> parseColumnFqn(std::string_view text) {
  std::vector<std::string> parts;
  try {
    parts = splitQualified(text);
  } catch (const HttpError&) {
    return std::nullopt;
  }
  if (parts.size() != 4) return std::nullopt;
  for (const auto& p : parts) {
    if (p.empty() || p.size() > 255 || p.find('\0') != std::string::npos) return std::nullopt;
  }
  return ColumnFqn{parts[0], parts[1], parts[2], parts[3]};
}

}  // namespace clxs::governance
