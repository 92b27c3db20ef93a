#include "kernel/http/validator.hpp"

#include <re2/re2.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "clxs/error.hpp"

namespace clxs::kernel {

namespace {

std::string numberText(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::ostringstream os;
  os << v;
  return os.str();
}

Json at(const Json& loc, const Json& key) {
  Json l = loc;
  l.push_back(key);
  return l;
}

void issue(Json& issues, const Json& loc, const std::string& msg, const std::string& type,
           const Json& input) {
  Json i = validationIssue(loc, msg, type);
  if (!input.is_discarded()) i["input"] = input;
  issues.push_back(std::move(i));
}

std::string enumText(const std::vector<Json>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += (i + 1 == values.size()) ? " or " : ", ";
    out += values[i].is_string() ? "'" + values[i].get<std::string>() + "'" : values[i].dump();
  }
  return out;
}

bool iequals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

void collectPatterns(const Field& f, std::vector<std::string>& out) {
  if (f.regex()) out.push_back(*f.regex());
  for (const auto& i : f.items()) collectPatterns(i, out);
  for (const auto& [n, p] : f.properties()) collectPatterns(p, out);
}

// Converts a query/path string to the JSON type a field declares; nullopt if impossible.
std::optional<Json> coerce(const Field& f, const std::string& s) {
  switch (f.type()) {
    case FieldType::Integer: {
      if (s.empty()) return std::nullopt;
      std::size_t pos = 0;
      try {
        const long long v = std::stoll(s, &pos);
        if (pos != s.size()) return std::nullopt;
        return Json(v);
      } catch (...) {
        return std::nullopt;
      }
    }
    case FieldType::Number: {
      if (s.empty()) return std::nullopt;
      std::size_t pos = 0;
      try {
        const double v = std::stod(s, &pos);
        if (pos != s.size() || !std::isfinite(v)) return std::nullopt;
        return Json(v);
      } catch (...) {
        return std::nullopt;
      }
    }
    case FieldType::Boolean:
      if (s == "true" || s == "1" || s == "yes" || s == "on" || s == "True") return Json(true);
      if (s == "false" || s == "0" || s == "no" || s == "off" || s == "False") return Json(false);
      return std::nullopt;
    case FieldType::Array: {
      // Comma-separated lists in query strings: ?schemas=a,b
      Json arr = Json::array();
      std::size_t i = 0;
      while (i <= s.size()) {
        const std::size_t j = s.find(',', i);
        const std::string part = s.substr(i, j == std::string::npos ? std::string::npos : j - i);
        if (!part.empty()) arr.push_back(part);
        if (j == std::string::npos) break;
        i = j + 1;
      }
      return arr;
    }
    default:
      return Json(s);
  }
}

}  // namespace

Validator::Validator() = default;
Validator::~Validator() = default;

const re2::RE2& Validator::regex(const std::string& pattern) {
  std::lock_guard lock(mu_);
  auto& slot = patterns_[pattern];
  if (!slot) {
    re2::RE2::Options opts;
    opts.set_log_errors(false);
    slot = std::make_unique<re2::RE2>(pattern, opts);
  }
  return *slot;
}

void Validator::precompile(const RouteSpec& spec) {
  std::vector<std::string> pats;
  if (spec.body) {
    for (const auto& [n, f] : spec.body->fields()) collectPatterns(f, pats);
  }
  for (const auto& [n, f] : spec.query) collectPatterns(f, pats);
  for (const auto& [n, f] : spec.pathParams) collectPatterns(f, pats);
  for (const auto& p : pats) {
    if (!regex(p).ok()) {
      throw std::invalid_argument("invalid pattern '" + p + "' in route " + spec.path + ": " +
                                  regex(p).error());
    }
  }
}

Json Validator::value(const Field& f, const Json& input, const Json& loc, Json& issues) {
  if (input.is_null()) {
    if (f.isNullable()) return input;
    if (f.defaultValue()) return *f.defaultValue();
    if (f.isRequired()) {
      issue(issues, loc, "Input should not be null", "none_forbidden", input);
    }
    return input;
  }
  const auto before = issues.size();
  Json out = input;
  switch (f.type()) {
    case FieldType::String: {
      if (!input.is_string()) {
        issue(issues, loc, "Input should be a valid string", "string_type", input);
        return input;
      }
      const auto s = input.get<std::string>();
      if (f.minimumLength() && s.size() < *f.minimumLength()) {
        issue(issues, loc,
              "String should have at least " + std::to_string(*f.minimumLength()) +
                  (*f.minimumLength() == 1 ? " character" : " characters"),
              "string_too_short", input);
      }
      if (f.maximumLength() && s.size() > *f.maximumLength()) {
        issue(issues, loc,
              "String should have at most " + std::to_string(*f.maximumLength()) + " characters",
              "string_too_long", input);
      }
      if (f.isIdentifier()) {
        if (s.empty() || s.size() > 255 || s.find('\0') != std::string::npos) {
          issue(issues, loc, "Identifier must be 1 to 255 characters long and must not contain NUL",
                "identifier", input);
        }
      }
      if (f.regex() && !re2::RE2::FullMatch(s, regex(*f.regex()))) {
        issue(issues, loc, "String should match pattern '" + *f.regex() + "'",
              "string_pattern_mismatch", input);
      }
      break;
    }
    case FieldType::Integer: {
      if (input.is_number_float()) {
        const double d = input.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 9e15) {
          out = static_cast<long long>(d);
        } else {
          issue(issues, loc, "Input should be a valid integer, got a number with a fractional part",
                "int_from_float", input);
          return input;
        }
      } else if (!input.is_number_integer()) {
        issue(issues, loc, "Input should be a valid integer", "int_type", input);
        return input;
      }
      break;
    }
    case FieldType::Number:
      if (!input.is_number()) {
        issue(issues, loc, "Input should be a valid number", "float_type", input);
        return input;
      }
      break;
    case FieldType::Boolean:
      if (!input.is_boolean()) {
        issue(issues, loc, "Input should be a valid boolean", "bool_type", input);
        return input;
      }
      break;
    case FieldType::Array: {
      if (!input.is_array()) {
        issue(issues, loc, "Input should be a valid list", "list_type", input);
        return input;
      }
      if (f.minimumLength() && input.size() < *f.minimumLength()) {
        issue(issues, loc,
              "List should have at least " + std::to_string(*f.minimumLength()) +
                  (*f.minimumLength() == 1 ? " item" : " items"),
              "too_short", input);
      }
      if (f.maximumLength() && input.size() > *f.maximumLength()) {
        issue(issues, loc,
              "List should have at most " + std::to_string(*f.maximumLength()) + " items",
              "too_long", input);
      }
      if (!f.items().empty()) {
        out = Json::array();
        for (std::size_t i = 0; i < input.size(); ++i) {
          out.push_back(value(f.items().front(), input[i], at(loc, static_cast<int>(i)), issues));
        }
      }
      break;
    }
    case FieldType::Object: {
      if (!input.is_object()) {
        issue(issues, loc, "Input should be a valid dictionary", "dict_type", input);
        return input;
      }
      for (const auto& [name, pf] : f.properties()) {
        const auto it = input.find(name);
        const Json ploc = at(loc, name);
        if (it == input.end()) {
          if (pf.defaultValue()) {
            out[name] = *pf.defaultValue();
          } else if (pf.isRequired()) {
            issue(issues, ploc, "Field required", "missing", Json(Json::value_t::discarded));
          }
          continue;
        }
        out[name] = value(pf, *it, ploc, issues);
      }
      break;
    }
    case FieldType::Any:
      break;
  }
  if (issues.size() != before) return out;
  if (!f.enumValues().empty()) {
    bool ok = false;
    for (const auto& e : f.enumValues()) {
      if (e == out) {
        ok = true;
        break;
      }
      if (f.isCaseInsensitive() && e.is_string() && out.is_string() &&
          iequals(e.get<std::string>(), out.get<std::string>())) {
        out = e;
        ok = true;
        break;
      }
    }
    if (!ok) issue(issues, loc, "Input should be " + enumText(f.enumValues()), "enum", input);
  }
  if (out.is_number()) {
    const double v = out.get<double>();
    if (f.minimum() && v < *f.minimum()) {
      issue(issues, loc, "Input should be greater than or equal to " + numberText(*f.minimum()),
            "greater_than_equal", input);
    } else if (f.maximum() && v > *f.maximum()) {
      if (f.clamps()) {
        out = f.type() == FieldType::Integer ? Json(static_cast<long long>(*f.maximum()))
                                             : Json(*f.maximum());
      } else {
        issue(issues, loc, "Input should be less than or equal to " + numberText(*f.maximum()),
              "less_than_equal", input);
      }
    }
  }
  return out;
}

Json Validator::body(const Model& model, const Json& input, Json& issues) {
  if (!input.is_object()) {
    issue(issues, Json::array({"body"}),
          "Input should be a valid dictionary or object to extract fields from",
          "model_attributes_type", input);
    return input;
  }
  Json out = input;
  for (const auto& [name, f] : model.fields()) {
    const Json loc = Json::array({"body", name});
    const auto it = input.find(name);
    if (it == input.end()) {
      if (f.defaultValue()) {
        out[name] = *f.defaultValue();
      } else if (f.isRequired()) {
        issue(issues, loc, "Field required", "missing", Json(Json::value_t::discarded));
      }
      continue;
    }
    out[name] = value(f, *it, loc, issues);
  }
  return out;
}

Json Validator::params(const std::vector<std::pair<std::string, Field>>& fields,
                       const std::map<std::string, std::string>& raw, const std::string& where,
                       Json& issues) {
  Json out = Json::object();
  for (const auto& [k, v] : raw) out[k] = v;
  for (const auto& [name, f] : fields) {
    const Json loc = Json::array({where, name});
    const auto it = raw.find(name);
    if (it == raw.end()) {
      if (f.defaultValue()) {
        out[name] = *f.defaultValue();
      } else if (f.isRequired()) {
        issue(issues, loc, "Field required", "missing", Json(Json::value_t::discarded));
      } else {
        out[name] = nullptr;
      }
      continue;
    }
    const auto converted = coerce(f, it->second);
    if (!converted) {
      const char* what =
          f.type() == FieldType::Integer  ? "a valid integer, unable to parse string as an integer"
          : f.type() == FieldType::Number ? "a valid number, unable to parse string as a number"
                                          : "a valid boolean, unable to interpret input";
      const char* type = f.type() == FieldType::Integer  ? "int_parsing"
                         : f.type() == FieldType::Number ? "float_parsing"
                                                         : "bool_parsing";
      issue(issues, loc, std::string("Input should be ") + what, type, it->second);
      continue;
    }
    out[name] = value(f, *converted, loc, issues);
  }
  return out;
}

}  // namespace clxs::kernel
