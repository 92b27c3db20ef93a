#include "plugins/clone/view_rewriter.hpp"

#include <cctype>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::clone {
namespace {

/// One identifier of a dotted name: where it sits in the text and its unquoted value.
struct Part {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string value;
};

bool identStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool identChar(char c) {
  return identStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

/// Walks SQL text and hands every maximal dotted name to `onName`.
class NameScanner {
 public:
  explicit NameScanner(std::string_view sql) : s_(sql) {}

  template <typename Fn>
  void scan(Fn onName) {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\'' || c == '"') {
        skipString(c);
      } else if (c == '-' && next() == '-') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (c == '/' && next() == '*') {
        const auto close = s_.find("*/", i_ + 2);
        i_ = close == std::string_view::npos ? s_.size() : close + 2;
      } else if (c == '`' || identStart(c)) {
        std::vector<Part> parts;
        parts.push_back(readIdent());
        for (;;) {
          std::size_t j = skipSpace(i_);
          if (j >= s_.size() || s_[j] != '.') break;
          j = skipSpace(j + 1);
          if (j >= s_.size() || (s_[j] != '`' && !identStart(s_[j]))) break;
          i_ = j;
          parts.push_back(readIdent());
        }
        onName(parts);
      } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
        // A number such as 1.5e3 or 12abc must not be read as a name.
        while (i_ < s_.size() && (identChar(s_[i_]) || s_[i_] == '.')) ++i_;
      } else {
        ++i_;
      }
    }
  }

 private:
  [[nodiscard]] char next() const { return i_ + 1 < s_.size() ? s_[i_ + 1] : '\0'; }

  [[nodiscard]] std::size_t skipSpace(std::size_t j) const {
    while (j < s_.size() && std::isspace(static_cast<unsigned char>(s_[j])) != 0) ++j;
    return j;
  }

  void skipString(char quote) {
    ++i_;
    while (i_ < s_.size()) {
      if (s_[i_] == '\\') {
        i_ += 2;
        continue;
      }
      if (s_[i_] == quote) {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == quote) {
          i_ += 2;
          continue;
        }
        ++i_;
        return;
      }
      ++i_;
    }
  }

  Part readIdent() {
    Part p;
    p.begin = i_;
    if (s_[i_] == '`') {
      ++i_;
      while (i_ < s_.size()) {
        if (s_[i_] == '`') {
          if (i_ + 1 < s_.size() && s_[i_ + 1] == '`') {
            p.value.push_back('`');
            i_ += 2;
            continue;
          }
          ++i_;
          break;
        }
        p.value.push_back(s_[i_++]);
      }
    } else {
      while (i_ < s_.size() && identChar(s_[i_])) p.value.push_back(s_[i_++]);
    }
    p.end = i_;
    return p;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

std::string rewriteCatalogReferences(std::string_view sql, std::string_view from,
                                     std::string_view to) {
  std::string out;
  std::size_t copied = 0;
  const std::string replacement = quoteIdentifier(to);
  NameScanner(sql).scan([&](const std::vector<Part>& parts) {
    if (parts.size() < 3 || !sameName(parts[0].value, from)) return;
    out.append(sql.substr(copied, parts[0].begin - copied));
    out.append(replacement);
    copied = parts[0].end;
  });
  out.append(sql.substr(copied));
  return out;
}

std::vector<std::vector<std::string>> referencedNames(std::string_view sql) {
  std::vector<std::vector<std::string>> out;
  NameScanner(sql).scan([&](const std::vector<Part>& parts) {
    std::vector<std::string> names;
    for (const auto& p : parts) names.push_back(p.value);
    out.push_back(std::move(names));
  });
  return out;
}

bool isSingleExpression(std::string_view predicate) {
  int depth = 0;
  for (std::size_t i = 0; i < predicate.size(); ++i) {
    const char c = predicate[i];
    const char next = i + 1 < predicate.size() ? predicate[i + 1] : '\0';
    if (c == '\'' || c == '"' || c == '`') {
      // Skip the literal or quoted identifier; an unterminated one is refused.
      std::size_t j = i + 1;
      for (; j < predicate.size(); ++j) {
        if (predicate[j] == '\\' && c != '`') {
          ++j;
          continue;
        }
        if (predicate[j] == c) {
          if (j + 1 < predicate.size() && predicate[j + 1] == c) {
            ++j;
            continue;
          }
          break;
        }
      }
      if (j >= predicate.size()) return false;
      i = j;
      continue;
    }
    if (c == ';') return false;
    if ((c == '-' && next == '-') || (c == '/' && next == '*')) return false;
    if (c == '(') ++depth;
    if (c == ')' && --depth < 0) return false;
  }
  return depth == 0;
}

}  // namespace clxs::clone
