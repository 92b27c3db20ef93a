#include "plugins/governance/odcs_mapping.hpp"

#include <map>

#include "clxs/text.hpp"
#include "plugins/governance/odcs_document.hpp"

namespace clxs::governance {

namespace {

bool odcsHasRuleId(const Json& owner, const std::string& id) {
  for (const auto& r : owner.value("quality", Json::array())) {
    if (r.is_object() && r.value("id", std::string()) == id) return true;
  }
  return false;
}

// Every rule id anywhere in the document.
bool odcsDocumentHasRule(const Json& doc, const std::string& id) {
  if (odcsHasRuleId(doc, id)) return true;
  for (const auto& o : doc.value("schema", Json::array())) {
    if (odcsHasRuleId(o, id)) return true;
    for (const auto& p : o.value("properties", Json::array())) {
      if (odcsHasRuleId(p, id)) return true;
    }
  }
  return false;
}

Json odcsRuleOfCheck(const services::DefinedCheck& c, bool single) {
  const std::string f = lowerAscii(c.function);
  Json rule{{"id", "dq:" + c.id}, {"name", c.name}};
  if (single && (f == "is_not_null" || f == "not_null")) {
    rule["type"] = "library";
    rule["metric"] = "nullValues";
    rule["mustBe"] = 0;
  } else if (f == "is_unique" || f == "unique") {
    rule["type"] = "library";
    rule["metric"] = "duplicateValues";
    rule["mustBe"] = 0;
    if (!single) {
      Json cols = Json::array();
      for (const auto& col : c.columns) cols.push_back(col);
      rule["arguments"] = Json{{"properties", cols}};
    }
  } else {
    Json cols = Json::array();
    for (const auto& col : c.columns) cols.push_back(col);
    rule["type"] = "custom";
    rule["engine"] = "clxs-quality";
    rule["description"] = (c.kind == "dq_rule" ? "DQ rule " : "DQX check ") + c.function +
                          " (run by the quality plugin)";
    rule["implementation"] =
        Json{{"kind", c.kind}, {"check_id", c.id}, {"function", c.function}, {"columns", cols}};
  }
  rule["severity"] = c.criticality == "warn" ? "warning" : "error";
  return rule;
}

std::string odcsStripQuotes(const std::string& name) {
  if (name.size() >= 2 && name.front() == '`' && name.back() == '`') {
    return name.substr(1, name.size() - 2);
  }
  return name;
}

Json odcsParseMaybe(const Json& v) {
  if (!v.is_string()) return v;
  const Json parsed = Json::parse(v.get<std::string>(), nullptr, false);
  return parsed.is_discarded() ? Json() : parsed;
}

}  // namespace

Json mapDqIntoContract(const Json& docIn, const std::vector<services::TableChecks>& tables) {
  Json doc = docIn;
  Json mapped = Json::array();
  int present = 0;
  if (!doc.contains("schema") || !doc["schema"].is_array())
    return Json{{"document", doc}, {"mapped", mapped}, {"already_present", 0}};
  for (auto& o : doc["schema"]) {
    const std::string table = objectTable(doc, o);
    if (table.empty()) continue;
    for (const auto& t : tables) {
      if (!sameName(t.tableFqn, table)) continue;
      for (const auto& c : t.checks) {
        if (!c.enabled) continue;
        const std::string id = "dq:" + c.id;
        if (odcsDocumentHasRule(doc, id)) {
          ++present;
          continue;
        }
        Json* owner = &o;
        std::string property;
        if (c.columns.size() == 1 && o.contains("properties")) {
          for (auto& p : o["properties"]) {
            if (sameName(p.value("name", std::string()), odcsStripQuotes(c.columns[0]))) {
              owner = &p;
              property = p.value("name", std::string());
            }
          }
        }
        Json rule = odcsRuleOfCheck(c, !property.empty());
        if (property.empty() && rule.value("type", "") == "library" &&
            rule.value("metric", "") == "nullValues") {
          rule = odcsRuleOfCheck(c, false);
        }
        if (!owner->contains("quality") || !(*owner)["quality"].is_array()) {
          (*owner)["quality"] = Json::array();
        }
        (*owner)["quality"].push_back(rule);
        mapped.push_back(Json{{"rule_id", id},
                              {"object", o.value("name", std::string())},
                              {"property", property.empty() ? Json() : Json(property)},
                              {"rule", rule}});
      }
    }
  }
  return Json{{"document", doc}, {"mapped", mapped}, {"already_present", present}};
}

Json mapSlaIntoContract(const Json& docIn, const std::vector<Json>& slaRules) {
  Json doc = docIn;
  Json mapped = Json::array();
  int present = 0;
  if (!doc.contains("slaProperties") || !doc["slaProperties"].is_array()) {
    doc["slaProperties"] = Json::array();
  }
  for (const auto& o : doc.value("schema", Json::array())) {
    const std::string table = objectTable(doc, o);
    if (table.empty()) continue;
    for (const auto& r : slaRules) {
      if (!sameName(r.value("table_fqn", std::string()), table)) continue;
      const std::string id = "sla:" + jsonText(r.value("sla_id", Json()));
      bool exists = false;
      for (const auto& p : doc["slaProperties"])
        exists = exists || p.value("id", std::string()) == id;
      if (exists) {
        ++present;
        continue;
      }
      const std::string metric = r.value("metric_type", std::string());
      Json prop{{"id", id}};
      if (lowerAscii(metric) == "freshness") {
        prop["property"] = "latency";
        prop["value"] = r.value("threshold", Json());
        prop["unit"] = r.value("unit", std::string("h"));
      } else {
        prop["property"] = metric.empty() ? "sla" : metric;
        prop["value"] = r.value("threshold", Json());
        if (r.contains("unit")) prop["unit"] = r["unit"];
      }
      prop["element"] = o.value("name", std::string());
      if (r.contains("severity")) prop["driver"] = "operational";
      if (r.contains("severity")) {
        prop["customProperties"] =
            Json::array({Json{{"property", "severity"}, {"value", r["severity"]}}});
      }
      doc["slaProperties"].push_back(prop);
      mapped.push_back(Json{{"sla_id", r.value("sla_id", Json())}, {"sla_property", prop}});
    }
  }
  if (doc["slaProperties"].empty() && !docIn.contains("slaProperties")) doc.erase("slaProperties");
  return Json{{"document", doc}, {"mapped", mapped}, {"already_present", present}};
}

Json legacyToOdcs(const Json& legacy) {
  const auto text = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
      const Json& v = legacy.value(k, Json());
      if (v.is_string() && !v.get<std::string>().empty()) return v.get<std::string>();
    }
    return std::string();
  };
  const std::string table = text({"table_fqn", "table_name", "table"});
  std::string name = text({"name", "contract_name"});
  if (name.empty()) name = table.empty() ? "legacy contract" : table;
  Json doc{{"apiVersion", kOdcsApiVersion}, {"kind", "DataContract"}};
  const std::string id = text({"contract_id", "id"});
  if (!id.empty()) doc["id"] = id;
  doc["name"] = name;
  std::string version = text({"version"});
  if (!parseOdcsSemver(version)) {
    const auto dots = std::count(version.begin(), version.end(), '.');
    version = version.empty() ? "1.0.0"
              : dots == 1     ? version + ".0"
              : dots == 0     ? version + ".0.0"
                              : "1.0.0";
    if (!parseOdcsSemver(version)) version = "1.0.0";
  }
  doc["version"] = version;
  std::string status = lowerAscii(text({"status"}));
  if (status == "enabled") status = "active";
  if (status == "disabled" || status == "inactive") status = "deprecated";
  bool known = false;
  for (const auto& s : odcsStatuses()) known = known || s == status;
  doc["status"] = known ? status : "active";
  const std::string domain = text({"domain"});
  if (!domain.empty()) doc["domain"] = domain;
  const std::string description = text({"description"});
  doc["description"] =
      Json{{"purpose",
            description.empty() ? "Migrated from the legacy data contract " + name : description}};
  Json columns;
  for (const char* k : {"columns", "schema_definition", "expected_schema", "schema"}) {
    const Json v = odcsParseMaybe(legacy.value(k, Json()));
    if (v.is_array()) {
      columns = v;
      break;
    }
    if (v.is_object() && v.contains("columns")) {
      columns = odcsParseMaybe(v["columns"]);
      break;
    }
  }
  Json props = Json::array();
  for (const auto& c : columns.is_array() ? columns : Json::array()) {
    if (!c.is_object()) continue;
    std::string cname = c.value("name", c.value("column_name", std::string()));
    if (cname.empty()) continue;
    Json p{{"name", cname}};
    const std::string type = c.value("type", c.value("data_type", std::string()));
    if (!type.empty()) p["physicalType"] = type;
    if (c.contains("nullable") && c["nullable"].is_boolean())
      p["required"] = !c["nullable"].get<bool>();
    if (c.contains("required") && c["required"].is_boolean()) p["required"] = c["required"];
    const std::string comment = c.value("description", c.value("comment", std::string()));
    if (!comment.empty()) p["description"] = comment;
    props.push_back(std::move(p));
  }
  const Json rules = odcsParseMaybe(legacy.value("quality_rules", Json()));
  for (const auto& r : rules.is_array() ? rules : Json::array()) {
    if (!r.is_object()) continue;
    const std::string type = lowerAscii(r.value("type", r.value("rule_type", std::string())));
    const std::string column = r.value("column", r.value("column_name", std::string()));
    const std::string metric = type == "not_null" ? "nullValues"
                               : type == "unique" ? "duplicateValues"
                                                  : "";
    for (auto& p : props) {
      if (metric.empty() || !sameName(p.value("name", std::string()), column)) continue;
      if (!p.contains("quality")) p["quality"] = Json::array();
      p["quality"].push_back(Json{{"type", "library"}, {"metric", metric}, {"mustBe", 0}});
    }
  }
  Json object{{"name", table.empty() ? name : table.substr(table.rfind('.') + 1)}};
  if (!table.empty()) object["physicalName"] = table;
  object["properties"] = props;
  doc["schema"] = Json::array({object});
  const Json& fresh = legacy.value("freshness_hours", legacy.value("sla_hours", Json()));
  if (fresh.is_number()) {
    doc["slaProperties"] =
        Json::array({Json{{"property", "latency"}, {"value", fresh}, {"unit", "h"}}});
  }
  const std::string owner = text({"owner", "created_by"});
  if (!owner.empty()) {
    doc["team"] = Json{{"members", Json::array({Json{{"username", owner}, {"role", "owner"}}})}};
  }
  doc["customProperties"] =
      Json::array({Json{{"property", "migratedFrom"}, {"value", "data_contracts"}}});
  return doc;
}

}  // namespace clxs::governance
