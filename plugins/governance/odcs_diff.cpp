#include "plugins/governance/odcs_diff.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <regex>
#include <string>

#include "clxs/text.hpp"
#include "plugins/governance/odcs_document.hpp"
#include "plugins/governance/odcs_quality.hpp"

namespace clxs::governance {

namespace {

struct OdcsTypeShape {
  std::string family;  // integer, decimal, float, string, other:<name>
  double rank = 0;     // width within the family
  int scale = 0;       // decimals
};

OdcsTypeShape odcsShape(const std::string& text) {
  const std::string t = upperAscii(text);
  static const std::regex kParams(
      R"(^\s*([A-Z_]+)\s*(?:\(\s*([0-9]+)\s*(?:,\s*([0-9]+)\s*)?\))?\s*$)");
  std::smatch m;
  if (!std::regex_match(t, m, kParams)) return {"other:" + t, 0, 0};
  const std::string base = m[1];
  const double p = m[2].matched ? std::stod(m[2]) : -1;
  const int s = m[3].matched ? std::stoi(m[3]) : 0;
  static const std::map<std::string, double> kInts{{"TINYINT", 3}, {"BYTE", 3}, {"SMALLINT", 5},
                                                   {"SHORT", 5},   {"INT", 10}, {"INTEGER", 10},
                                                   {"BIGINT", 19}, {"LONG", 19}};
  if (const auto it = kInts.find(base); it != kInts.end()) return {"number", it->second, 0};
  if (base == "DECIMAL" || base == "DEC" || base == "NUMERIC") {
    return {"number", p < 0 ? 10 : p, p < 0 ? 0 : s};
  }
  if (base == "FLOAT" || base == "REAL") return {"float", 1, 0};
  if (base == "DOUBLE") return {"float", 2, 0};
  if (base == "STRING") return {"string", std::numeric_limits<double>::infinity(), 0};
  if (base == "VARCHAR" || base == "CHAR") return {"string", p < 0 ? 1 : p, 0};
  if (base == "DATE") return {"time", 1, 0};
  if (base == "TIMESTAMP" || base == "TIMESTAMP_NTZ") return {"time", 2, 0};
  return {"other:" + base + (m[2].matched ? "(" + std::string(m[2]) + ")" : ""), 0, 0};
}

// The values a threshold accepts, as an interval [lo, hi] (open ends flagged); NotBetween and
// mustNotBe have none.
struct OdcsRange {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool loOpen = false;
  bool hiOpen = false;
};

bool odcsRangeOf(const OdcsThreshold& t, OdcsRange& r) {
  const auto num = [](const Json& v) { return v.is_number() ? v.get<double>() : NAN; };
  if (t.op == "mustBe") {
    r.lo = r.hi = num(t.operand);
  } else if (t.op == "mustBeGreaterThan") {
    r.lo = num(t.operand);
    r.loOpen = true;
  } else if (t.op == "mustBeGreaterOrEqualTo") {
    r.lo = num(t.operand);
  } else if (t.op == "mustBeLessThan") {
    r.hi = num(t.operand);
    r.hiOpen = true;
  } else if (t.op == "mustBeLessOrEqualTo") {
    r.hi = num(t.operand);
  } else if (t.op == "mustBeBetween" && t.operand.is_array() && t.operand.size() == 2) {
    r.lo = num(t.operand[0]);
    r.hi = num(t.operand[1]);
  } else {
    return false;
  }
  return true;
}

// Whether `wide` accepts every value `narrow` accepts.
bool odcsCovers(const OdcsRange& wide, const OdcsRange& narrow) {
  const bool lo = wide.lo < narrow.lo || (wide.lo == narrow.lo && (!wide.loOpen || narrow.loOpen));
  const bool hi = wide.hi > narrow.hi || (wide.hi == narrow.hi && (!wide.hiOpen || narrow.hiOpen));
  return lo && hi;
}

// Whether a changed threshold accepts less than before.
bool odcsTightened(const Json& beforeRule, const Json& afterRule, const std::string& metric) {
  if (beforeRule.value("unit", std::string("rows")) !=
      afterRule.value("unit", std::string("rows"))) {
    return true;  // not comparable: treat as a tightening to be safe
  }
  const auto b = ruleThreshold(beforeRule, metric);
  const auto a = ruleThreshold(afterRule, metric);
  if (b.op == a.op && b.operand == a.operand) return false;
  OdcsRange rb;
  OdcsRange ra;
  if (odcsRangeOf(b, rb) && odcsRangeOf(a, ra)) return !odcsCovers(ra, rb);
  if (b.op == "mustNotBeBetween" && a.op == "mustNotBeBetween" && b.operand.is_array() &&
      a.operand.is_array()) {
    // A smaller excluded band accepts more.
    OdcsRange excludedBefore;
    OdcsRange excludedAfter;
    odcsRangeOf({"mustBeBetween", b.operand}, excludedBefore);
    odcsRangeOf({"mustBeBetween", a.operand}, excludedAfter);
    return !odcsCovers(excludedBefore, excludedAfter);
  }
  return true;
}

// A rule's identity across revisions: its id or name when it has one, else what it measures.
std::string odcsRuleKey(const Json& rule) {
  if (rule.contains("id") && rule["id"].is_string()) return "id:" + rule["id"].get<std::string>();
  if (rule.contains("name") && rule["name"].is_string()) {
    return "name:" + rule["name"].get<std::string>();
  }
  const std::string type = rule.value("type", std::string("library"));
  if (type == "sql") return "sql:" + rule.value("query", std::string());
  const Json& m = rule.contains("metric") ? rule["metric"] : rule.value("rule", Json());
  const std::string metric = m.is_string() ? canonicalMetric(m.get<std::string>()) : "";
  return type + ":" + metric + ":" + rule.value("arguments", Json::object()).dump() + ":" +
         rule.value("dqx_function", std::string());
}

std::string odcsMetricOf(const Json& rule) {
  if (rule.value("type", std::string()) == "sql") return "sql";
  const Json& m = rule.contains("metric") ? rule["metric"] : rule.value("rule", Json());
  return m.is_string() ? canonicalMetric(m.get<std::string>()) : "";
}

class OdcsDiff {
 public:
  void add(bool breaking, const std::string& kind, const std::string& path,
           const std::string& message, const Json& before, const Json& after) {
    (breaking ? breaking_ : nonBreaking_)
        .push_back(Json{{"kind", kind},
                        {"path", path},
                        {"message", message},
                        {"before", before},
                        {"after", after}});
  }

  void rules(const Json& before, const Json& after, const std::string& path, bool ownerIsNew) {
    std::map<std::string, Json> old;
    for (const auto& r : before.value("quality", Json::array())) old[odcsRuleKey(r)] = r;
    std::map<std::string, Json> now;
    for (const auto& r : after.value("quality", Json::array())) now[odcsRuleKey(r)] = r;
    for (const auto& [k, r] : now) {
      const auto it = old.find(k);
      const std::string what = path + " quality rule " + r.value("name", odcsMetricOf(r));
      if (it == old.end()) {
        add(!ownerIsNew && r.value("type", std::string("library")) != "text", "rule_added", path,
            what + " added", nullptr, r);
      } else if (it->second != r) {
        const bool tighter = odcsTightened(it->second, r, odcsMetricOf(r));
        add(tighter, tighter ? "rule_tightened" : "rule_loosened", path,
            what + (tighter ? " tightened: " : " loosened: ") +
                describeThreshold(ruleThreshold(it->second, odcsMetricOf(r))) + " -> " +
                describeThreshold(ruleThreshold(r, odcsMetricOf(r))),
            it->second, r);
      }
    }
    for (const auto& [k, r] : old) {
      if (!now.contains(k)) {
        add(false, "rule_removed", path,
            path + " quality rule " + r.value("name", odcsMetricOf(r)) + " removed", r, nullptr);
      }
    }
  }

  void property(const Json& b, const Json& a, const std::string& path) {
    const std::string tb = b.value("physicalType", std::string());
    const std::string ta = a.value("physicalType", std::string());
    if (!tb.empty() && !ta.empty() && !sameName(tb, ta)) {
      const bool narrows = odcsTypeNarrows(tb, ta);
      add(narrows, narrows ? "type_narrowed" : "type_widened", path,
          path + " type " + (narrows ? "narrowed" : "widened") + ": " + tb + " -> " + ta, tb, ta);
    }
    const std::string lb = b.value("logicalType", std::string());
    const std::string la = a.value("logicalType", std::string());
    if (!lb.empty() && !la.empty() && lb != la && (tb.empty() || ta.empty())) {
      const bool widen = lb == "integer" && la == "number";
      add(!widen, widen ? "type_widened" : "type_changed", path,
          path + " logicalType " + lb + " -> " + la, lb, la);
    }
    for (const char* flag : {"required", "unique", "primaryKey"}) {
      const bool was = b.value(flag, false);
      const bool is = a.value(flag, false);
      if (was == is) continue;
      add(is, std::string(flag) + (is ? "_added" : "_removed"), path,
          path + " " + flag + (is ? " now true" : " now false"), was, is);
    }
    rules(b, a, path, false);
  }

  void object(const Json& b, const Json& a, const std::string& path) {
    std::map<std::string, Json> old;
    for (const auto& p : b.value("properties", Json::array())) {
      old[lowerAscii(p.value("name", std::string()))] = p;
    }
    std::map<std::string, bool> seen;
    for (const auto& p : a.value("properties", Json::array())) {
      const std::string name = p.value("name", std::string());
      const auto it = old.find(lowerAscii(name));
      const std::string ppath = path + "." + name;
      seen[lowerAscii(name)] = true;
      if (it == old.end()) {
        add(false, "column_added", ppath, "column " + ppath + " added", nullptr, p);
        continue;
      }
      property(it->second, p, ppath);
    }
    for (const auto& [k, p] : old) {
      if (!seen.contains(k)) {
        const std::string ppath = path + "." + p.value("name", std::string());
        add(true, "column_dropped", ppath, "column " + ppath + " dropped", p, nullptr);
      }
    }
    rules(b, a, path, false);
  }

  Json result(const Json& before, const Json& after) {
    std::map<std::string, Json> old;
    for (const auto& o : before.value("schema", Json::array())) {
      old[lowerAscii(o.value("name", std::string()))] = o;
    }
    std::map<std::string, bool> seen;
    for (const auto& o : after.value("schema", Json::array())) {
      const std::string name = o.value("name", std::string());
      seen[lowerAscii(name)] = true;
      const auto it = old.find(lowerAscii(name));
      if (it == old.end()) {
        add(false, "object_added", name, "schema object " + name + " added", nullptr, o);
        continue;
      }
      const std::string pb = it->second.value("physicalName", std::string());
      const std::string pa = o.value("physicalName", std::string());
      if (!pb.empty() && pb != pa) {
        add(true, "object_renamed", name, "schema object " + name + " now reads " + pa, pb, pa);
      }
      object(it->second, o, name);
    }
    for (const auto& [k, o] : old) {
      if (!seen.contains(k)) {
        const std::string name = o.value("name", std::string());
        add(true, "object_dropped", name, "schema object " + name + " dropped", o, nullptr);
      }
    }
    rules(before, after, "(contract)", false);
    for (const char* key : {"slaProperties", "servers", "status", "domain", "dataProduct", "tenant",
                            "description", "team", "roles", "support", "price",
                            "authoritativeDefinitions", "customProperties", "tags", "name"}) {
      const Json b = before.value(key, Json());
      const Json a = after.value(key, Json());
      if (b != a)
        add(false, std::string(key) + "_changed", key, std::string(key) + " changed", b, a);
    }
    return Json{{"breaking", breaking_},
                {"non_breaking", nonBreaking_},
                {"is_breaking", !breaking_.empty()}};
  }

 private:
  Json breaking_ = Json::array();
  Json nonBreaking_ = Json::array();
};

}  // namespace

bool odcsTypeNarrows(const std::string& before, const std::string& after) {
  const auto b = odcsShape(before);
  const auto a = odcsShape(after);
  if (b.family == a.family) {
    if (b.family == "number")
      return a.rank < b.rank || a.scale < b.scale || (a.rank - a.scale) < (b.rank - b.scale);
    return a.rank < b.rank || b.family.rfind("other:", 0) == 0;
  }
  // Whole numbers fit floating point and strings hold anything; everything else changes kind.
  if (b.family == "number" && b.scale == 0 && a.family == "float") return false;
  if (a.family == "string" && a.rank == std::numeric_limits<double>::infinity()) return false;
  return true;
}

Json diffContracts(const Json& before, const Json& after) {
  OdcsDiff diff;
  Json out = diff.result(before, after);
  Json full{{"from", before.value("version", Json())}, {"to", after.value("version", Json())}};
  for (auto& [k, v] : out.items()) full[k] = v;
  return full;
}

}  // namespace clxs::governance
