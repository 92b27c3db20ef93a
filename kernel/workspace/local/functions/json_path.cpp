#include "kernel/workspace/local/functions/json_path.hpp"

#include <stdexcept>

#include "clxs/json.hpp"
#include "clxs/text.hpp"

namespace clxs::kernel::json_path {

std::string encode(const std::vector<Step>& steps) {
  Json out = Json::array();
  for (const Step& s : steps) {
    switch (s.kind) {
      case Step::Kind::Key:
        out.push_back(Json::array({"k", s.name}));
        break;
      case Step::Kind::Field:
        out.push_back(Json::array({"f", s.name}));
        break;
      case Step::Kind::Index:
        out.push_back(Json::array({"i", s.index}));
        break;
      case Step::Kind::Wildcard:
        out.push_back(Json::array({"*"}));
        break;
    }
  }
  return out.dump();
}

std::vector<Step> decode(std::string_view encoded) {
  const auto parsed = Json::parse(encoded, nullptr, false);
  if (!parsed.is_array()) throw std::invalid_argument("not an encoded JSON path");
  std::vector<Step> steps;
  for (const auto& s : parsed) {
    if (!s.is_array() || s.empty() || !s[0].is_string()) {
      throw std::invalid_argument("not an encoded JSON path step");
    }
    const auto tag = s[0].get<std::string>();
    Step step;
    if (tag == "*") {
      step.kind = Step::Kind::Wildcard;
    } else if (s.size() == 2 && tag == "i" && s[1].is_number_integer()) {
      step.kind = Step::Kind::Index;
      step.index = s[1].get<std::int64_t>();
    } else if (s.size() == 2 && (tag == "k" || tag == "f") && s[1].is_string()) {
      step.kind = tag == "k" ? Step::Kind::Key : Step::Kind::Field;
      step.name = s[1].get<std::string>();
    } else {
      throw std::invalid_argument("not an encoded JSON path step");
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

namespace {

// Spans of valid JSON text: the operator answers with the text as it stands in the document
// (numbers as written, objects with their own spacing), as Databricks does.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  std::size_t skipSpace(std::size_t p) const {
    while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\n' || t_[p] == '\r' || t_[p] == '\t')) {
      ++p;
    }
    return p;
  }

  // One past the value starting at p.
  std::size_t valueEnd(std::size_t p) const {
    if (t_[p] == '"') return stringEnd(p);
    if (t_[p] == '{' || t_[p] == '[') {
      int depth = 0;
      while (p < t_.size()) {
        const char c = t_[p];
        if (c == '"') {
          p = stringEnd(p);
          continue;
        }
        if (c == '{' || c == '[') ++depth;
        if ((c == '}' || c == ']') && --depth == 0) return p + 1;
        ++p;
      }
      return p;
    }
    while (p < t_.size() && t_[p] != ',' && t_[p] != '}' && t_[p] != ']' && t_[p] != ' ' &&
           t_[p] != '\n' && t_[p] != '\r' && t_[p] != '\t') {
      ++p;
    }
    return p;
  }

  // Calls visit(keyText, valueStart) for each member of the object at p; keyText is the key's
  // span with its quotes.
  template <class Visit>
  void members(std::size_t p, Visit&& visit) const {
    p = skipSpace(p + 1);
    while (p < t_.size() && t_[p] == '"') {
      const std::size_t keyEnd = stringEnd(p);
      const std::string_view key = t_.substr(p, keyEnd - p);
      const std::size_t value = skipSpace(skipSpace(keyEnd) + 1);  // past ':'
      visit(key, value);
      p = skipSpace(valueEnd(value));
      if (p < t_.size() && t_[p] == ',') p = skipSpace(p + 1);
    }
  }

  // The starts of the elements of the array at p.
  std::vector<std::size_t> elements(std::size_t p) const {
    std::vector<std::size_t> out;
    p = skipSpace(p + 1);
    while (p < t_.size() && t_[p] != ']') {
      out.push_back(p);
      p = skipSpace(valueEnd(p));
      if (p < t_.size() && t_[p] == ',') p = skipSpace(p + 1);
    }
    return out;
  }

  char at(std::size_t p) const { return t_[p]; }
  std::string_view span(std::size_t p) const { return t_.substr(p, valueEnd(p) - p); }

 private:
  std::size_t stringEnd(std::size_t p) const {
    for (++p; p < t_.size(); ++p) {
      if (t_[p] == '\\') {
        ++p;
      } else if (t_[p] == '"') {
        return p + 1;
      }
    }
    return p;
  }

  std::string_view t_;
};

// A JSON string literal's value.
std::string stringValue(std::string_view literal) {
  if (literal.find('\\') == std::string_view::npos) {
    return std::string(literal.substr(1, literal.size() - 2));
  }
  return Json::parse(literal).get<std::string>();
}

}  // namespace

std::optional<std::string> extract(std::string_view json, const std::vector<Step>& steps) {
  if (!Json::accept(json)) return std::nullopt;
  const Scanner scan(json);
  std::vector<std::size_t> current{scan.skipSpace(0)};
  bool wildcard = false;
  for (const Step& step : steps) {
    std::vector<std::size_t> next;
    for (const std::size_t node : current) {
      const char kind = scan.at(node);
      switch (step.kind) {
        case Step::Kind::Key: {
          if (kind != '{') break;
          const std::string wanted = lowerAscii(step.name);
          std::optional<std::size_t> found;
          scan.members(node, [&](std::string_view key, std::size_t value) {
            if (lowerAscii(stringValue(key)) != wanted) return;
            if (found) throw AmbiguousField{step.name};
            found = value;
          });
          if (found) next.push_back(*found);
          break;
        }
        case Step::Kind::Field: {
          if (kind != '{') break;
          std::optional<std::size_t> found;
          scan.members(node, [&](std::string_view key, std::size_t value) {
            if (!found && stringValue(key) == step.name) found = value;
          });
          if (found) next.push_back(*found);
          break;
        }
        case Step::Kind::Index: {
          if (kind != '[') break;
          const auto all = scan.elements(node);
          if (step.index >= 0 && static_cast<std::size_t>(step.index) < all.size()) {
            next.push_back(all[static_cast<std::size_t>(step.index)]);
          }
          break;
        }
        case Step::Kind::Wildcard:
          if (kind == '[') {
            for (const std::size_t e : scan.elements(node)) next.push_back(e);
          }
          break;
      }
    }
    wildcard = wildcard || step.kind == Step::Kind::Wildcard;
    current = std::move(next);
  }
  if (current.empty()) return std::nullopt;
  if (wildcard) {
    std::string all = "[";
    for (const std::size_t v : current) {
      all += (all.size() > 1 ? "," : "") + std::string(scan.span(v));
    }
    return all + "]";
  }
  const std::string_view v = scan.span(current.front());
  if (v == "null") return std::nullopt;
  if (v.front() == '"') return stringValue(v);
  return std::string(v);
}

}  // namespace clxs::kernel::json_path
