#include "plugins/governance/compliance_collectors.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <string_view>

#include "clxs/data_tags.hpp"
#include "clxs/text.hpp"

namespace clxs::governance {
namespace {

// Delta keeps 30 days of log when delta.logRetentionDuration is not set.
constexpr double kDeltaDefaultLogRetentionDays = 30;

std::unique_ptr<RE2> collectorAlternation(const std::vector<std::string>& patterns) {
  if (patterns.empty()) return nullptr;
  std::string joined;
  for (const auto& p : patterns) joined += (joined.empty() ? "(?:" : "|(?:") + p + ")";
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  auto re = std::make_unique<RE2>(joined, o);
  return re->ok() ? std::move(re) : nullptr;
}

// Tallies objects and keeps the first failing ones.
class CollectorTally {
 public:
  void check(bool passes, const std::string& object, const std::string& detail) {
    ++checked_;
    if (passes) {
      ++passing_;
      return;
    }
    ++failingTotal_;
    if (failing_.size() < kComplianceMaxFindings) failing_.push_back({object, detail});
  }

  ControlEvidence finish(const ComplianceControl& c, const std::string& what) && {
    ControlEvidence e;
    e.checked = checked_;
    e.passing = passing_;
    e.evidenceCount = passing_;
    e.failing = std::move(failing_);
    e.failingTotal = failingTotal_;
    if (checked_ == 0) {
      e.share = 1.0;
      e.status = "met";
      e.summary = "Not applicable: nothing in scope to check (" + what + ")";
      return e;
    }
    e.share = static_cast<double>(passing_) / static_cast<double>(checked_);
    e.status = e.share + 1e-9 >= c.metAt       ? "met"
               : e.share + 1e-9 >= c.partialAt ? "partial"
                                               : "gap";
    e.summary = std::to_string(passing_) + " of " + std::to_string(checked_) + " " + what +
                " pass (" + std::to_string(static_cast<int>(std::floor(e.share * 100))) + "%)";
    return e;
  }

 private:
  std::int64_t checked_ = 0;
  std::int64_t passing_ = 0;
  std::int64_t failingTotal_ = 0;
  std::vector<ControlFinding> failing_;
};

// Whether `s` holds nothing but white space.
bool collectorBlank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch) != 0; });
}

bool collectorParamFlag(const ComplianceControl& c, const char* key) {
  const auto it = c.params.find(key);
  return it != c.params.end() && it->is_boolean() && it->get<bool>();
}

bool collectorIsView(const TableInfo& t) {
  return upperAscii(t.tableType).find("VIEW") != std::string::npos;
}

const std::vector<TagInfo>& collectorColumnTags(const EstateTable& t, const std::string& column) {
  static const std::vector<TagInfo> kNone;
  const auto it = t.columnTags.find(lowerAscii(column));
  return it == t.columnTags.end() ? kNone : it->second;
}

bool collectorAnyTag(const std::vector<TagInfo>& tags,
                     const std::function<bool(const TagInfo&)>& pred) {
  return std::any_of(tags.begin(), tags.end(), pred);
}

// Calls fn(table, column, tags) for every personal-data column (high-risk ones only when
// `highRiskOnly`).
void forPersonalColumns(const ComplianceEstate& estate, const PersonalDataColumns& personal,
                        bool highRiskOnly,
                        const std::function<void(const EstateTable&, const ColumnInfo&,
                                                 const std::vector<TagInfo>&)>& fn) {
  for (const auto& t : estate.tables) {
    for (const auto& col : t.info.columns) {
      const auto& tags = collectorColumnTags(t, col.name);
      if (!personal.personal(col.name, tags)) continue;
      if (highRiskOnly && !personal.highRisk(col.name)) continue;
      fn(t, col, tags);
    }
  }
}

ControlEvidence collectAccessPolicies(const ComplianceControl& c, const ComplianceEstate& e) {
  CollectorTally tally;
  tally.check(e.accessRules > 0, "access policies",
              "no access policy is defined (POST /api/rbac/policies)");
  tally.check(e.rbacEnabled, "rbac_enabled", "the config does not enforce access policies");
  auto out = std::move(tally).finish(c, "access-policy checks");
  out.evidenceCount = static_cast<std::int64_t>(e.accessRules);
  out.summary = std::to_string(e.accessRules) + " access policy rule(s); enforcement " +
                (e.rbacEnabled ? "on" : "off") + " (rbac_enabled)";
  return out;
}

ControlEvidence collectLeastPrivilege(const ComplianceControl& c, const ComplianceEstate& e) {
  CollectorTally tally;
  for (const auto& s : e.securables) {
    std::string broad;
    for (const auto& g : s.grants) {
      const auto privilege = upperAscii(g.privilege);
      const auto who = lowerAscii(g.principal);
      if (privilege == "ALL PRIVILEGES" || privilege == "ALL") {
        broad = "ALL PRIVILEGES granted to " + g.principal;
      } else if (who == "account users" || who == "users" || who == "all users") {
        broad = g.privilege + " granted to every user (" + g.principal + ")";
      }
      if (!broad.empty()) break;
    }
    tally.check(broad.empty(), s.type + " " + s.name, broad);
  }
  return std::move(tally).finish(c, "catalogs and schemas without a broad grant");
}

ControlEvidence collectClassified(const ComplianceControl& c, const ComplianceEstate& e,
                                  const PersonalDataColumns& p) {
  CollectorTally tally;
  forPersonalColumns(e, p, collectorParamFlag(c, "high_risk_only"),
                     [&](const EstateTable& t, const ColumnInfo& col, const auto& tags) {
                       tally.check(collectorAnyTag(tags, isPersonalDataTag),
                                   estateTableName(t.info) + "." + col.name,
                                   "personal-data column without a classification tag");
                     });
  return std::move(tally).finish(c, "personal-data columns classified");
}

ControlEvidence collectProtected(const ComplianceControl& c, const ComplianceEstate& e,
                                 const PersonalDataColumns& p) {
  CollectorTally tally;
  forPersonalColumns(e, p, collectorParamFlag(c, "high_risk_only"),
                     [&](const EstateTable& t, const ColumnInfo& col, const auto& tags) {
                       const bool masked = t.maskedColumns.count(lowerAscii(col.name)) > 0;
                       tally.check(masked || collectorAnyTag(tags, isProtectionTag),
                                   estateTableName(t.info) + "." + col.name,
                                   "personal-data column without a mask or protection tag");
                     });
  return std::move(tally).finish(c, "personal-data columns protected");
}

ControlEvidence collectRetention(const ComplianceControl& c, const ComplianceEstate& e,
                                 const PersonalDataColumns& p, const ComplianceCatalogue& cat) {
  CollectorTally tally;
  for (const auto& t : e.tables) {
    const bool holdsPersonal =
        std::any_of(t.info.columns.begin(), t.info.columns.end(), [&](const ColumnInfo& col) {
          return p.personal(col.name, collectorColumnTags(t, col.name));
        });
    if (!holdsPersonal) continue;
    const bool tagged = collectorAnyTag(t.tags, [&cat](const TagInfo& tag) {
      const auto key = lowerAscii(tag.key);
      return std::find(cat.retentionTagKeys.begin(), cat.retentionTagKeys.end(), key) !=
             cat.retentionTagKeys.end();
    });
    tally.check(tagged, estateTableName(t.info), "holds personal data and has no retention tag");
  }
  return std::move(tally).finish(c, "tables holding personal data with a retention tag");
}

ControlEvidence collectTables(const ComplianceControl& c, const ComplianceEstate& e,
                              const std::string& what, const std::string& detail,
                              const std::function<bool(const EstateTable&)>& passes) {
  CollectorTally tally;
  for (const auto& t : e.tables) tally.check(passes(t), estateTableName(t.info), detail);
  return std::move(tally).finish(c, what);
}

ControlEvidence collectSchemaOwnership(const ComplianceControl& c, const ComplianceEstate& e) {
  CollectorTally tally;
  for (const auto& s : e.securables) {
    if (s.type == "SCHEMA")
      tally.check(!collectorBlank(s.owner), s.name, "schema without an owner");
  }
  return std::move(tally).finish(c, "schemas with an owner");
}

ControlEvidence collectColumnDocs(const ComplianceControl& c, const ComplianceEstate& e,
                                  const PersonalDataColumns& p) {
  CollectorTally tally;
  const bool personalOnly = collectorParamFlag(c, "personal_only");
  for (const auto& t : e.tables) {
    for (const auto& col : t.info.columns) {
      if (personalOnly && !p.personal(col.name, collectorColumnTags(t, col.name))) continue;
      tally.check(!collectorBlank(col.comment), estateTableName(t.info) + "." + col.name,
                  "column without a comment");
    }
  }
  return std::move(tally).finish(
      c, personalOnly ? "personal-data columns with a comment" : "columns with a comment");
}

ControlEvidence collectLogRetention(const ComplianceControl& c, const ComplianceEstate& e) {
  const double minDays = c.params.value("min_days", 30.0);
  CollectorTally tally;
  for (const auto& t : e.tables) {
    if (collectorIsView(t.info) || upperAscii(t.info.format) != "DELTA") continue;
    double days = kDeltaDefaultLogRetentionDays;
    std::string setting = "the Delta default of 30 days";
    if (const auto it = t.info.properties.find("delta.logRetentionDuration");
        it != t.info.properties.end() && it->is_string()) {
      setting = it->get<std::string>();
      days = deltaIntervalDays(setting);
    }
    tally.check(days >= minDays, estateTableName(t.info),
                "keeps its log for " + setting + ", less than " +
                    std::to_string(static_cast<int>(minDays)) + " days");
  }
  return std::move(tally).finish(
      c, "Delta tables keeping " + std::to_string(static_cast<int>(minDays)) + " days of log");
}

ControlEvidence collectAuditTrail(const ComplianceControl& c, const ComplianceEstate& e) {
  CollectorTally tally;
  tally.check(e.auditTrailExists, e.auditTrailTable, "the audit trail table does not exist");
  auto out = std::move(tally).finish(c, "audit trail tables");
  out.summary =
      "Audit trail " + e.auditTrailTable + (e.auditTrailExists ? " exists" : " is missing");
  return out;
}

ControlEvidence collectConfigFlags(const ComplianceControl& c, const ComplianceEstate& e) {
  CollectorTally tally;
  for (const auto& k : c.params.value("keys", Json::array())) {
    if (!k.is_string()) continue;
    const auto key = k.get<std::string>();
    const auto it = e.config.find(key);
    const bool on = it != e.config.end() && it->is_boolean() && it->get<bool>();
    tally.check(on, key, key + " is not enabled in the config");
  }
  return std::move(tally).finish(c, "config settings enabled");
}

}  // namespace

struct PersonalDataColumns::Patterns {
  std::unique_ptr<RE2> personal;
  std::unique_ptr<RE2> highRisk;
};

PersonalDataColumns::PersonalDataColumns(const ComplianceCatalogue& catalogue)
    : patterns_(std::make_unique<Patterns>()) {
  patterns_->personal = collectorAlternation(catalogue.personalDataColumnPatterns);
  patterns_->highRisk = collectorAlternation(catalogue.highRiskColumnPatterns);
}

PersonalDataColumns::~PersonalDataColumns() = default;

bool PersonalDataColumns::personal(const std::string& column,
                                   const std::vector<TagInfo>& tags) const {
  if (collectorAnyTag(tags, isPersonalDataTag)) return true;
  return patterns_->personal && RE2::FullMatch(column, *patterns_->personal);
}

bool PersonalDataColumns::highRisk(const std::string& column) const {
  return patterns_->highRisk && RE2::FullMatch(column, *patterns_->highRisk);
}

double deltaIntervalDays(const std::string& interval) {
  static const LazyRE2 kInterval = {
      R"((?i)\s*(?:interval\s+)?(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?\s*)"};
  double n = 0;
  std::string unit;
  if (!RE2::FullMatch(interval, *kInterval, &n, &unit)) return -1;
  unit = lowerAscii(unit);
  if (unit == "second") return n / 86400;
  if (unit == "minute") return n / 1440;
  if (unit == "hour") return n / 24;
  if (unit == "week") return n * 7;
  if (unit == "month") return n * 30;
  if (unit == "year") return n * 365;
  return n;
}

ControlEvidence collectControl(const ComplianceControl& c, const ComplianceEstate& e,
                               const PersonalDataColumns& p, const ComplianceCatalogue& cat) {
  const auto& k = c.collector;
  if (k == "access_policies") return collectAccessPolicies(c, e);
  if (k == "least_privilege") return collectLeastPrivilege(c, e);
  if (k == "personal_data_classified") return collectClassified(c, e, p);
  if (k == "personal_data_protected") return collectProtected(c, e, p);
  if (k == "personal_data_retention") return collectRetention(c, e, p, cat);
  if (k == "schema_ownership") return collectSchemaOwnership(c, e);
  if (k == "column_documentation") return collectColumnDocs(c, e, p);
  if (k == "log_retention") return collectLogRetention(c, e);
  if (k == "audit_trail") return collectAuditTrail(c, e);
  if (k == "config_flags") return collectConfigFlags(c, e);
  if (k == "table_ownership") {
    return collectTables(c, e, "tables with an owner", "table without an owner",
                         [](const EstateTable& t) { return !collectorBlank(t.info.owner); });
  }
  if (k == "certification") {
    return collectTables(c, e, "tables certified", "table not certified", [](const EstateTable& t) {
      return collectorAnyTag(t.tags, isCertificationTag);
    });
  }
  if (k == "table_documentation") {
    return collectTables(c, e, "tables with a comment", "table without a comment",
                         [](const EstateTable& t) { return !collectorBlank(t.info.comment); });
  }
  if (k == "tag_coverage") {
    return collectTables(
        c, e, "tables with a tag", "table without any tag",
        [](const EstateTable& t) { return !t.tags.empty() || !t.columnTags.empty(); });
  }
  throw std::invalid_argument("unknown compliance collector '" + k + "'");
}

}  // namespace clxs::governance
