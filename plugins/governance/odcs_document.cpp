#include "plugins/governance/odcs_document.hpp"

#include <algorithm>
#include <charconv>
#include <regex>
#include <set>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/sql_guard.hpp"
#include "clxs/text.hpp"

namespace clxs::governance {

namespace {

bool odcsParseNumber(std::string_view s, long& out) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Collects 422 issues at their loc.
class OdcsIssues {
 public:
  explicit OdcsIssues(std::string root) : root_(std::move(root)) {}
  void add(const Json& path, const std::string& msg, const std::string& type = "value_error") {
    Json loc = Json::array({root_});
    for (const auto& p : path) loc.push_back(p);
    list_.push_back(validationIssue(loc, msg, type));
  }
  [[nodiscard]] bool empty() const { return list_.empty(); }
  [[nodiscard]] const Json& list() const { return list_; }

 private:
  std::string root_;
  Json list_ = Json::array();
};

Json odcsAt(Json path, const Json& part) {
  path.push_back(part);
  return path;
}

bool odcsIsNonEmptyString(const Json& v) {
  return v.is_string() && v.get<std::string>().find_first_not_of(" \t\r\n") != std::string::npos;
}

// The parts of a dotted name, none when it does not parse.
std::vector<std::string> odcsParts(const std::string& name) {
  try {
    return splitQualified(name);
  } catch (const HttpError&) {
    return {};
  }
}

void odcsOptionalString(const Json& obj, const char* key, const Json& path, OdcsIssues& issues) {
  if (obj.contains(key) && !obj[key].is_null() && !obj[key].is_string()) {
    issues.add(odcsAt(path, key), std::string(key) + " must be a string", "string_type");
  }
}

void odcsOptionalBool(const Json& obj, const char* key, const Json& path, OdcsIssues& issues) {
  if (obj.contains(key) && !obj[key].is_null() && !obj[key].is_boolean()) {
    issues.add(odcsAt(path, key), std::string(key) + " must be true or false", "bool_type");
  }
}

// An optional array of objects; answers whether there is one to look into.
bool odcsObjectArray(const Json& obj, const char* key, const Json& path, OdcsIssues& issues) {
  if (!obj.contains(key) || obj[key].is_null()) return false;
  const Json& v = obj[key];
  if (!v.is_array()) {
    issues.add(odcsAt(path, key), std::string(key) + " must be a list", "list_type");
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_object()) {
      issues.add(odcsAt(odcsAt(path, key), i), std::string(key) + " entries must be objects",
                 "dict_type");
      ok = false;
    }
  }
  return ok;
}

const std::vector<std::string>& odcsLogicalTypes() {
  static const std::vector<std::string> kTypes{"string",  "date",   "timestamp", "time",   "number",
                                               "integer", "object", "array",     "boolean"};
  return kTypes;
}

bool odcsContains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

enum class OdcsLevel { Contract, Object, Property };

void odcsCheckRule(const Json& rule, const Json& path, OdcsLevel level, OdcsIssues& issues) {
  const std::string type =
      rule.value("type", rule.contains("metric") || rule.contains("rule") ? std::string("library")
                                                                          : std::string("text"));
  if (!odcsContains({"library", "sql", "text", "custom"}, type)) {
    issues.add(odcsAt(path, "type"),
               "quality type must be library, sql, text or custom, not '" + type + "'");
    return;
  }
  if (rule.contains("severity") && !rule["severity"].is_string()) {
    issues.add(odcsAt(path, "severity"), "severity must be a string", "string_type");
  }
  std::vector<std::string> ops;
  for (const auto& op : odcsOperators()) {
    if (rule.contains(op)) ops.push_back(op);
  }
  // 3.1 also spells the inclusive bounds with "Than".
  for (const char* alias : {"mustBeGreaterThanOrEqualTo", "mustBeLessThanOrEqualTo"}) {
    if (rule.contains(alias)) ops.emplace_back(alias);
  }
  if (ops.size() > 1) {
    issues.add(path, "a quality rule takes one operator, not " + std::to_string(ops.size()));
  }
  for (const auto& op : ops) {
    const Json& v = rule[op];
    if (op == "mustBeBetween" || op == "mustNotBeBetween") {
      if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number() ||
          v[0].get<double>() > v[1].get<double>()) {
        issues.add(odcsAt(path, op), op + " must be [low, high] with low <= high");
      }
    } else if (!v.is_number()) {
      issues.add(odcsAt(path, op), op + " must be a number", "float_type");
    }
  }
  if (rule.contains("unit") && !odcsContains({"rows", "percent"}, rule.value("unit", ""))) {
    issues.add(odcsAt(path, "unit"), "unit must be rows or percent");
  }
  if (type == "library") {
    const Json& m = rule.contains("metric") ? rule["metric"] : rule.value("rule", Json());
    const std::string metric = m.is_string() ? canonicalMetric(m.get<std::string>()) : "";
    if (metric.empty()) {
      std::string names;
      for (const auto& n : odcsMetrics()) names += (names.empty() ? "" : ", ") + n;
      issues.add(odcsAt(path, "metric"),
                 "metric must be one of " + names + ", not " + (m.is_null() ? "absent" : m.dump()));
      return;
    }
    const Json args = rule.value("arguments", Json::object());
    if (!args.is_object()) {
      issues.add(odcsAt(path, "arguments"), "arguments must be an object", "dict_type");
      return;
    }
    if (metric == "rowCount" && level == OdcsLevel::Property) {
      issues.add(odcsAt(path, "metric"), "rowCount applies to a schema object, not a property");
    }
    if (metric != "rowCount" && metric != "duplicateValues" && level != OdcsLevel::Property) {
      issues.add(odcsAt(path, "metric"), metric + " applies to a property");
    }
    if (metric == "duplicateValues" && level != OdcsLevel::Property) {
      const Json& props = args.value("properties", Json());
      if (!props.is_array() || props.empty() ||
          !std::all_of(props.begin(), props.end(), odcsIsNonEmptyString)) {
        issues.add(odcsAt(odcsAt(path, "arguments"), "properties"),
                   "duplicateValues on a schema object needs arguments.properties: the columns");
      }
    }
    if (metric == "invalidValues") {
      const Json& valid = args.value("validValues", Json());
      const Json& pattern = args.value("pattern", Json());
      if (valid.is_null() && pattern.is_null()) {
        issues.add(odcsAt(path, "arguments"),
                   "invalidValues needs arguments.validValues (a list) or arguments.pattern");
      }
      if (!valid.is_null() && (!valid.is_array() || valid.empty())) {
        issues.add(odcsAt(odcsAt(path, "arguments"), "validValues"),
                   "validValues must be a non-empty list");
      }
      if (!pattern.is_null() && !odcsIsNonEmptyString(pattern)) {
        issues.add(odcsAt(odcsAt(path, "arguments"), "pattern"),
                   "pattern must be a regular expression");
      }
    }
    if (metric == "missingValues" && args.contains("missingValues") &&
        !args["missingValues"].is_array()) {
      issues.add(odcsAt(odcsAt(path, "arguments"), "missingValues"),
                 "missingValues must be a list of the values that count as missing");
    }
    return;
  }
  if (type == "sql") {
    const Json& q = rule.value("query", Json());
    if (!odcsIsNonEmptyString(q)) {
      issues.add(odcsAt(path, "query"), "a sql rule needs its query, one SELECT");
      return;
    }
    if (ops.empty()) {
      issues.add(path, "a sql rule needs an operator (mustBe, mustBeLessThan, …)");
    }
    try {
      // {property} is only known in a property's rule.
      substituteRuleSql(q.get<std::string>(), "c.s.t", level == OdcsLevel::Property ? "p" : "");
    } catch (const HttpError& e) {
      issues.add(odcsAt(path, "query"), e.what());
    }
    return;
  }
  if (type == "custom" && rule.contains("dqx_function") &&
      !odcsIsNonEmptyString(rule["dqx_function"])) {
    issues.add(odcsAt(path, "dqx_function"), "dqx_function must name a DQX function");
  }
}

void odcsCheckRules(const Json& owner, const Json& path, OdcsLevel level, OdcsIssues& issues) {
  if (!odcsObjectArray(owner, "quality", path, issues)) return;
  const Json& rules = owner["quality"];
  for (std::size_t i = 0; i < rules.size(); ++i) {
    odcsCheckRule(rules[i], odcsAt(odcsAt(path, "quality"), i), level, issues);
  }
}

void odcsCheckSchema(const Json& doc, OdcsIssues& issues) {
  if (!odcsObjectArray(doc, "schema", Json::array(), issues)) return;
  std::set<std::string> objects;
  const Json& schema = doc["schema"];
  for (std::size_t i = 0; i < schema.size(); ++i) {
    const Json& o = schema[i];
    const Json path = Json::array({"schema", i});
    if (!odcsIsNonEmptyString(o.value("name", Json()))) {
      issues.add(odcsAt(path, "name"), "every schema object needs a name", "missing");
    } else if (!objects.insert(lowerAscii(o["name"].get<std::string>())).second) {
      issues.add(odcsAt(path, "name"),
                 "schema object '" + o["name"].get<std::string>() + "' is named twice");
    }
    for (const char* k : {"physicalName", "physicalType", "businessName", "description",
                          "logicalType", "dataGranularityDescription"}) {
      odcsOptionalString(o, k, path, issues);
    }
    odcsCheckRules(o, path, OdcsLevel::Object, issues);
    if (!odcsObjectArray(o, "properties", path, issues)) continue;
    std::set<std::string> names;
    const Json& props = o["properties"];
    for (std::size_t j = 0; j < props.size(); ++j) {
      const Json& p = props[j];
      const Json ppath = odcsAt(odcsAt(path, "properties"), j);
      if (!odcsIsNonEmptyString(p.value("name", Json()))) {
        issues.add(odcsAt(ppath, "name"), "every property needs a name", "missing");
      } else if (!names.insert(lowerAscii(p["name"].get<std::string>())).second) {
        issues.add(odcsAt(ppath, "name"),
                   "property '" + p["name"].get<std::string>() + "' is named twice");
      }
      for (const char* k : {"physicalType", "physicalName", "description", "classification",
                            "businessName", "encryptedName", "transformLogic"}) {
        odcsOptionalString(p, k, ppath, issues);
      }
      for (const char* k :
           {"required", "unique", "primaryKey", "partitioned", "criticalDataElement"}) {
        odcsOptionalBool(p, k, ppath, issues);
      }
      if (p.contains("logicalType") &&
          !odcsContains(odcsLogicalTypes(), p.value("logicalType", ""))) {
        issues.add(odcsAt(ppath, "logicalType"),
                   "logicalType must be string, date, timestamp, time, number, integer, object, "
                   "array or boolean");
      }
      if (p.contains("primaryKeyPosition") && !p["primaryKeyPosition"].is_number_integer()) {
        issues.add(odcsAt(ppath, "primaryKeyPosition"), "primaryKeyPosition must be an integer",
                   "int_type");
      }
      odcsCheckRules(p, ppath, OdcsLevel::Property, issues);
    }
  }
}

}  // namespace

std::optional<OdcsSemver> parseOdcsSemver(std::string_view text) {
  std::string_view s = text;
  if (const auto plus = s.find('+'); plus != std::string_view::npos) s = s.substr(0, plus);
  OdcsSemver v;
  if (const auto dash = s.find('-'); dash != std::string_view::npos) {
    v.pre = std::string(s.substr(dash + 1));
    s = s.substr(0, dash);
    if (v.pre.empty()) return std::nullopt;
  }
  const auto d1 = s.find('.');
  if (d1 == std::string_view::npos) return std::nullopt;
  const auto d2 = s.find('.', d1 + 1);
  if (d2 == std::string_view::npos) return std::nullopt;
  if (!odcsParseNumber(s.substr(0, d1), v.major) ||
      !odcsParseNumber(s.substr(d1 + 1, d2 - d1 - 1), v.minor) ||
      !odcsParseNumber(s.substr(d2 + 1), v.patch)) {
    return std::nullopt;
  }
  return v;
}

int compareOdcsSemver(const OdcsSemver& a, const OdcsSemver& b) {
  for (const auto& [x, y] :
       {std::pair{a.major, b.major}, std::pair{a.minor, b.minor}, std::pair{a.patch, b.patch}}) {
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.pre == b.pre) return 0;
  if (a.pre.empty()) return 1;
  if (b.pre.empty()) return -1;
  return a.pre < b.pre ? -1 : 1;
}

std::string bumpOdcsPatch(const std::string& version) {
  const auto v = parseOdcsSemver(version);
  if (!v) return version + ".1";
  return std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
         std::to_string(v->patch + 1);
}

const std::vector<std::string>& odcsStatuses() {
  static const std::vector<std::string> kStatuses{"proposed", "draft", "active", "deprecated",
                                                  "retired"};
  return kStatuses;
}

const std::vector<std::string>& odcsMetrics() {
  static const std::vector<std::string> kMetrics{"nullValues", "missingValues", "invalidValues",
                                                 "duplicateValues", "rowCount"};
  return kMetrics;
}

const std::vector<std::string>& odcsOperators() {
  static const std::vector<std::string> kOperators{
      "mustBe",         "mustNotBe",           "mustBeGreaterThan", "mustBeGreaterOrEqualTo",
      "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween",     "mustNotBeBetween"};
  return kOperators;
}

std::string canonicalMetric(std::string_view name) {
  for (const auto& m : odcsMetrics()) {
    if (m == name) return m;
  }
  if (name == "nullCheck") return "nullValues";
  if (name == "duplicateCount") return "duplicateValues";
  if (name == "validValues") return "invalidValues";
  return "";
}

Json completeDocument(Json doc, const std::string& id) {
  if (!doc.is_object()) return doc;
  if (!doc.contains("apiVersion") || doc["apiVersion"].is_null())
    doc["apiVersion"] = kOdcsApiVersion;
  if (!doc.contains("kind") || doc["kind"].is_null()) doc["kind"] = "DataContract";
  doc["id"] = id;
  return doc;
}

void requireValidDocument(const Json& doc, const std::string& root) {
  OdcsIssues issues(root);
  if (!doc.is_object()) {
    issues.add(Json::array(), "a data contract is an object", "dict_type");
    throw HttpError(422, issues.list(), "a data contract is an object");
  }
  static const std::regex kApi(R"(v3\.[0-9]+\.[0-9]+)");
  const Json& api = doc.value("apiVersion", Json());
  if (!api.is_string() || !std::regex_match(api.get<std::string>(), kApi)) {
    issues.add({"apiVersion"}, "apiVersion must be an ODCS v3 version such as v3.1.0, not " +
                                   (api.is_null() ? std::string("absent") : api.dump()));
  }
  if (doc.value("kind", Json()) != "DataContract") {
    issues.add({"kind"}, "kind must be DataContract");
  }
  if (!odcsIsNonEmptyString(doc.value("id", Json())))
    issues.add({"id"}, "id is required", "missing");
  if (!odcsIsNonEmptyString(doc.value("name", Json()))) {
    issues.add({"name"}, "name is required: the contract's name", "missing");
  }
  const Json& version = doc.value("version", Json());
  if (!version.is_string()) {
    issues.add({"version"}, "version is required: a semantic version such as 1.0.0", "missing");
  } else if (!parseOdcsSemver(version.get<std::string>())) {
    issues.add({"version"}, "version must be a semantic version such as 1.0.0, not '" +
                                version.get<std::string>() + "'");
  }
  const Json& status = doc.value("status", Json());
  if (!status.is_string() || !odcsContains(odcsStatuses(), status.get<std::string>())) {
    issues.add({"status"},
               "status must be one of proposed, draft, active, deprecated, retired, not " +
                   (status.is_null() ? std::string("absent") : status.dump()));
  }
  for (const char* k : {"domain", "dataProduct", "tenant"}) {
    odcsOptionalString(doc, k, Json::array(), issues);
  }
  if (doc.contains("description") && !doc["description"].is_null() &&
      !doc["description"].is_object() && !doc["description"].is_string()) {
    issues.add({"description"}, "description must be an object {purpose, limitations, usage}",
               "dict_type");
  }
  odcsCheckSchema(doc, issues);
  odcsCheckRules(doc, Json::array(), OdcsLevel::Contract, issues);
  if (odcsObjectArray(doc, "slaProperties", Json::array(), issues)) {
    const Json& sla = doc["slaProperties"];
    for (std::size_t i = 0; i < sla.size(); ++i) {
      if (!odcsIsNonEmptyString(sla[i].value("property", Json()))) {
        issues.add({"slaProperties", i, "property"}, "every SLA property needs its property",
                   "missing");
      }
    }
  }
  if (odcsObjectArray(doc, "servers", Json::array(), issues)) {
    const Json& servers = doc["servers"];
    for (std::size_t i = 0; i < servers.size(); ++i) {
      if (!odcsIsNonEmptyString(servers[i].value("type", Json()))) {
        issues.add({"servers", i, "type"}, "every server needs its type (databricks, …)",
                   "missing");
      }
      for (const char* k : {"server", "catalog", "schema", "host"}) {
        odcsOptionalString(servers[i], k, {"servers", i}, issues);
      }
    }
  }
  if (doc.contains("team") && !doc["team"].is_null() && !doc["team"].is_object() &&
      !doc["team"].is_array()) {
    issues.add({"team"}, "team must be an object {name, members} or a list of members");
  }
  for (const char* k :
       {"roles", "support", "authoritativeDefinitions", "customProperties", "tags"}) {
    if (std::string_view(k) == "tags") {
      if (doc.contains(k) && !doc[k].is_null() && !doc[k].is_array()) {
        issues.add({k}, "tags must be a list", "list_type");
      }
      continue;
    }
    odcsObjectArray(doc, k, Json::array(), issues);
  }
  if (doc.contains("price") && !doc["price"].is_null() && !doc["price"].is_object()) {
    issues.add({"price"}, "price must be an object {priceAmount, priceCurrency, priceUnit}",
               "dict_type");
  }
  if (!issues.empty()) {
    throw HttpError(
        422, issues.list(),
        "The data contract is not valid: " + issues.list()[0].value("msg", std::string()));
  }
}

Json odcsDeepMerge(Json base, const Json& patch) {
  if (!patch.is_object() || !base.is_object()) return patch;
  for (const auto& [k, v] : patch.items()) {
    if (v.is_null()) {
      base.erase(k);
    } else if (v.is_object() && base.contains(k) && base[k].is_object()) {
      base[k] = odcsDeepMerge(base[k], v);
    } else {
      base[k] = v;
    }
  }
  return base;
}

std::string objectTable(const Json& doc, const Json& object) {
  const std::string physical = object.value("physicalName", std::string());
  if (odcsParts(physical).size() == 3) return physical;
  const std::string name = physical.empty() ? object.value("name", std::string()) : physical;
  if (name.empty()) return "";
  for (const auto& s : doc.value("servers", Json::array())) {
    if (!s.is_object() || lowerAscii(s.value("type", std::string())) != "databricks") continue;
    const std::string catalog = s.value("catalog", std::string());
    const std::string schema = s.value("schema", std::string());
    if (catalog.empty() || schema.empty()) continue;
    return catalog + "." + schema + "." + name;
  }
  return "";
}

std::vector<std::string> contractTables(const Json& doc) {
  std::vector<std::string> out;
  for (const auto& o : doc.value("schema", Json::array())) {
    if (!o.is_object()) continue;
    const std::string t = objectTable(doc, o);
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

std::string substituteRuleSql(const std::string& query, const std::string& tableFqn,
                              const std::string& property) {
  const std::string table = quoteQualified(splitQualified(tableFqn));
  std::string out;
  for (std::size_t i = 0; i < query.size();) {
    if (query.compare(i, 8, "{object}") == 0) {
      out += table;
      i += 8;
    } else if (query.compare(i, 10, "{property}") == 0) {
      if (property.empty()) {
        throw badRequest("{property} is only known in a rule on a property");
      }
      out += quoteIdentifier(property);
      i += 10;
    } else {
      out += query[i++];
    }
  }
  return requireSingleQuery(out);
}

}  // namespace clxs::governance
