// The compliance frameworks as data: compliance_frameworks.json (embedded in the plugin at
// build time) lists each framework's controls, and each control names the collector that
// gathers its evidence from the estate, its parameters and the thresholds that make it met or
// partial. Adding a control or a framework is an edit of that file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::governance {

/// One control of a framework.
struct ComplianceControl {
  std::string id;                ///< the framework's reference ("CC6.1", "Art.32")
  std::string name;              ///< its title
  std::string description;       ///< what the evidence must show
  std::string collector;         ///< which collector gathers it (complianceCollectorNames())
  std::string evidenceType;      ///< rbac_audit, pii_audit, retention_audit, …
  std::string remediation;       ///< what fixes a gap
  Json params = Json::object();  ///< the collector's parameters
  double metAt = 1.0;            ///< share of passing objects that makes it met
  double partialAt = 0.5;        ///< share that makes it partial (below: gap)
};

/// One framework.
struct ComplianceFramework {
  std::string id;           ///< soc2, gdpr, …
  std::string name;         ///< display name
  std::string version;      ///< the version of the text the controls follow
  std::string description;  ///< one sentence
  std::vector<ComplianceControl> controls;
};

/// The whole catalogue.
struct ComplianceCatalogue {
  /// w in score = (met + w·partial) / total.
  double partialWeight = 0.2;
  /// Full-match, case-insensitive RE2 patterns of column names that hold personal data.
  std::vector<std::string> personalDataColumnPatterns;
  /// The subset of those that are high risk (card numbers, national ids, secrets, health).
  std::vector<std::string> highRiskColumnPatterns;
  /// Table tag keys that state a retention period.
  std::vector<std::string> retentionTagKeys;
  std::vector<ComplianceFramework> frameworks;

  /// The framework whose id or name is `idOrName`, compared without case, spaces, dashes or
  /// underscores ("SOC2", "PCI DSS", "pci_dss"); null when none.
  [[nodiscard]] const ComplianceFramework* find(std::string_view idOrName) const;

  /// Reads a catalogue; std::invalid_argument naming the problem (a control without id, an
  /// unknown collector, a bad pattern, thresholds out of 0..1, duplicate ids).
  static ComplianceCatalogue parse(const Json& doc);
};

/// The text of compliance_frameworks.json as built into the plugin.
std::string_view complianceCatalogueText();

/// The collectors a control may name.
const std::vector<std::string>& complianceCollectorNames();

}  // namespace clxs::governance
