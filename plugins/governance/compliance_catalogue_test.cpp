#include "plugins/governance/compliance_catalogue.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace clxs::governance {
namespace {

ComplianceCatalogue catalogueTestBuiltIn() {
  return ComplianceCatalogue::parse(Json::parse(complianceCatalogueText()));
}

TEST(ComplianceCatalogue, TheBuiltInCatalogueHoldsTheFrameworks) {
  const auto c = catalogueTestBuiltIn();
  EXPECT_DOUBLE_EQ(c.partialWeight, 0.2);
  for (const char* id : {"gdpr", "soc2", "hipaa", "pci_dss", "ccpa", "dora"}) {
    const auto* f = c.find(id);
    ASSERT_NE(f, nullptr) << id;
    EXPECT_GE(f->controls.size(), 5u) << id;
    for (const auto& control : f->controls) {
      EXPECT_FALSE(control.remediation.empty()) << id << " " << control.id;
    }
  }
  EXPECT_FALSE(c.personalDataColumnPatterns.empty());
  EXPECT_FALSE(c.retentionTagKeys.empty());
}

TEST(ComplianceCatalogue, FindsAFrameworkByIdOrNameInAnySpelling) {
  const auto c = catalogueTestBuiltIn();
  ASSERT_NE(c.find("SOC2"), nullptr);
  EXPECT_EQ(c.find("SOC2")->id, "soc2");
  EXPECT_EQ(c.find("soc 2 type ii")->id, "soc2");
  EXPECT_EQ(c.find("PCI DSS")->id, "pci_dss");
  EXPECT_EQ(c.find("pci-dss")->id, "pci_dss");
  EXPECT_EQ(c.find("nist"), nullptr);
  EXPECT_EQ(c.find("--"), nullptr);
}

TEST(ComplianceCatalogue, RefusesABrokenCatalogue) {
  const auto control = [](Json extra) {
    Json c{{"id", "C1"},
           {"name", "n"},
           {"description", "d"},
           {"collector", "table_ownership"},
           {"evidence_type", "ownership_audit"},
           {"remediation", "r"}};
    for (auto& [k, v] : extra.items()) c[k] = v;
    return Json{
        {"frameworks", {{{"id", "f"}, {"name", "F"}, {"version", "1"}, {"controls", {c}}}}}};
  };
  EXPECT_NO_THROW(ComplianceCatalogue::parse(control(Json::object())));
  EXPECT_THROW(ComplianceCatalogue::parse(control({{"collector", "guess"}})),
               std::invalid_argument);
  EXPECT_THROW(ComplianceCatalogue::parse(control({{"met_at", 2}})), std::invalid_argument);
  EXPECT_THROW(ComplianceCatalogue::parse(control({{"met_at", 0.5}, {"partial_at", 0.8}})),
               std::invalid_argument);
  EXPECT_THROW(ComplianceCatalogue::parse(control({{"id", ""}})), std::invalid_argument);
  EXPECT_THROW(ComplianceCatalogue::parse(Json{{"frameworks", Json::array()}}),
               std::invalid_argument);
  Json badPattern = control(Json::object());
  badPattern["personal_data_column_patterns"] = {"email("};
  EXPECT_THROW(ComplianceCatalogue::parse(badPattern), std::invalid_argument);
}

}  // namespace
}  // namespace clxs::governance
