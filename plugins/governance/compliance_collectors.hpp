// The evidence collectors of the compliance catalogue: each judges one control from the estate
// read once (compliance_estate.hpp) as the share of the objects it checks that pass, and names
// the objects that fail. The control's thresholds turn the share into met, partial or gap.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "plugins/governance/compliance_catalogue.hpp"
#include "plugins/governance/compliance_estate.hpp"

namespace clxs::governance {

/// One object that fails a control, and why.
struct ControlFinding {
  std::string object;  ///< catalog.schema.table[.column], a securable, or a config key
  std::string detail;  ///< what is missing
};

/// What a collector found for one control.
struct ControlEvidence {
  std::string status = "met";           ///< met, partial or gap
  std::int64_t checked = 0;             ///< objects examined
  std::int64_t passing = 0;             ///< of those, the ones that satisfy the control
  std::int64_t evidenceCount = 0;       ///< pieces of evidence found (passing objects, or rules)
  double share = 1.0;                   ///< passing / checked (1 when nothing is in scope)
  std::string summary;                  ///< one sentence
  std::vector<ControlFinding> failing;  ///< the failing objects (at most kComplianceMaxFindings)
  std::int64_t failingTotal = 0;        ///< all failing objects
};

/// At most this many failing objects are kept per control.
inline constexpr std::size_t kComplianceMaxFindings = 100;

/// Recognises personal-data columns by name (the catalogue's patterns) or by tag.
class PersonalDataColumns {
 public:
  explicit PersonalDataColumns(const ComplianceCatalogue& catalogue);
  ~PersonalDataColumns();
  PersonalDataColumns(const PersonalDataColumns&) = delete;
  PersonalDataColumns& operator=(const PersonalDataColumns&) = delete;

  /// Whether the column's name or its tags say it holds personal data.
  [[nodiscard]] bool personal(const std::string& column, const std::vector<TagInfo>& tags) const;
  /// Whether the column's name says it holds high-risk data.
  [[nodiscard]] bool highRisk(const std::string& column) const;

 private:
  struct Patterns;
  std::unique_ptr<Patterns> patterns_;
};

/// Days of a Delta interval ("interval 30 days", "4 weeks", "720 hours"); -1 when unreadable.
double deltaIntervalDays(const std::string& interval);

/// Judges `control` on `estate`.
ControlEvidence collectControl(const ComplianceControl& control, const ComplianceEstate& estate,
                               const PersonalDataColumns& personal,
                               const ComplianceCatalogue& catalogue);

}  // namespace clxs::governance
