#include "plugins/governance/compliance_catalogue.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "clxs/text.hpp"

namespace clxs::governance {
namespace {

// Lower case letters and digits only, so "SOC 2", "soc2" and "Soc-2" compare equal.
std::string catalogueKey(std::string_view s) {
  std::string out;
  for (const char c : lowerAscii(s)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

std::string catalogueText(const Json& o, const char* key, const std::string& where,
                          bool required = true) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    if (!required && (it == o.end() || it->is_null())) return {};
    throw std::invalid_argument(where + ": '" + key + "' must be a non-empty string");
  }
  return it->get<std::string>();
}

std::vector<std::string> cataloguePatterns(const Json& doc, const char* key) {
  std::vector<std::string> out;
  const auto it = doc.find(key);
  if (it == doc.end()) return out;
  if (!it->is_array()) throw std::invalid_argument(std::string(key) + " must be a list");
  for (const auto& p : *it) {
    if (!p.is_string()) throw std::invalid_argument(std::string(key) + " holds a non-string");
    RE2::Options o;
    o.set_log_errors(false);
    if (!RE2(p.get<std::string>(), o).ok()) {
      throw std::invalid_argument(std::string(key) + ": bad pattern '" + p.get<std::string>() +
                                  "'");
    }
    out.push_back(p.get<std::string>());
  }
  return out;
}

double catalogueShare(const Json& o, const char* key, double fallback, const std::string& where) {
  const auto it = o.find(key);
  if (it == o.end()) return fallback;
  if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1) {
    throw std::invalid_argument(where + ": '" + key + "' must be a number from 0 to 1");
  }
  return it->get<double>();
}

ComplianceControl catalogueControl(const Json& c, const std::string& framework) {
  if (!c.is_object()) throw std::invalid_argument(framework + ": a control is not an object");
  ComplianceControl out;
  out.id = catalogueText(c, "id", framework + " control");
  const auto where = framework + " control " + out.id;
  out.name = catalogueText(c, "name", where);
  out.description = catalogueText(c, "description", where);
  out.collector = catalogueText(c, "collector", where);
  const auto& known = complianceCollectorNames();
  if (std::find(known.begin(), known.end(), out.collector) == known.end()) {
    throw std::invalid_argument(where + ": unknown collector '" + out.collector + "'");
  }
  out.evidenceType = catalogueText(c, "evidence_type", where);
  out.remediation = catalogueText(c, "remediation", where);
  if (const auto p = c.find("params"); p != c.end()) {
    if (!p->is_object()) throw std::invalid_argument(where + ": params must be an object");
    out.params = *p;
  }
  out.metAt = catalogueShare(c, "met_at", 1.0, where);
  out.partialAt = catalogueShare(c, "partial_at", 0.5, where);
  if (out.partialAt > out.metAt) {
    throw std::invalid_argument(where + ": partial_at is above met_at");
  }
  return out;
}

}  // namespace

const std::vector<std::string>& complianceCollectorNames() {
  static const std::vector<std::string> names{"access_policies",
                                              "least_privilege",
                                              "personal_data_classified",
                                              "personal_data_protected",
                                              "personal_data_retention",
                                              "table_ownership",
                                              "schema_ownership",
                                              "certification",
                                              "table_documentation",
                                              "column_documentation",
                                              "tag_coverage",
                                              "log_retention",
                                              "audit_trail",
                                              "config_flags"};
  return names;
}

const ComplianceFramework* ComplianceCatalogue::find(std::string_view idOrName) const {
  const auto key = catalogueKey(idOrName);
  if (key.empty()) return nullptr;
  for (const auto& f : frameworks) {
    if (catalogueKey(f.id) == key || catalogueKey(f.name) == key) return &f;
  }
  return nullptr;
}

ComplianceCatalogue ComplianceCatalogue::parse(const Json& doc) {
  if (!doc.is_object()) throw std::invalid_argument("the catalogue is not a JSON object");
  ComplianceCatalogue out;
  out.partialWeight = catalogueShare(doc, "partial_weight", 0.2, "catalogue");
  out.personalDataColumnPatterns = cataloguePatterns(doc, "personal_data_column_patterns");
  out.highRiskColumnPatterns = cataloguePatterns(doc, "high_risk_column_patterns");
  if (const auto it = doc.find("retention_tag_keys"); it != doc.end() && it->is_array()) {
    for (const auto& k : *it) {
      if (k.is_string()) out.retentionTagKeys.push_back(lowerAscii(k.get<std::string>()));
    }
  }
  const auto fs = doc.find("frameworks");
  if (fs == doc.end() || !fs->is_array() || fs->empty()) {
    throw std::invalid_argument("the catalogue lists no frameworks");
  }
  std::set<std::string> ids;
  for (const auto& f : *fs) {
    if (!f.is_object()) throw std::invalid_argument("a framework is not an object");
    ComplianceFramework fw;
    fw.id = catalogueText(f, "id", "framework");
    fw.name = catalogueText(f, "name", "framework " + fw.id);
    fw.version = catalogueText(f, "version", "framework " + fw.id);
    fw.description = catalogueText(f, "description", "framework " + fw.id, false);
    if (!ids.insert(catalogueKey(fw.id)).second) {
      throw std::invalid_argument("framework " + fw.id + " is listed twice");
    }
    const auto cs = f.find("controls");
    if (cs == f.end() || !cs->is_array() || cs->empty()) {
      throw std::invalid_argument("framework " + fw.id + " has no controls");
    }
    std::set<std::string> controlIds;
    for (const auto& c : *cs) {
      fw.controls.push_back(catalogueControl(c, fw.id));
      if (!controlIds.insert(fw.controls.back().id).second) {
        throw std::invalid_argument("framework " + fw.id + ": control " + fw.controls.back().id +
                                    " is listed twice");
      }
    }
    out.frameworks.push_back(std::move(fw));
  }
  return out;
}

}  // namespace clxs::governance
