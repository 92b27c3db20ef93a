#include "plugins/governance/compliance_routes.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "clxs/config.hpp"
#include "clxs/credentials.hpp"
#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/workspace.hpp"
#include "plugins/governance/compliance_collectors.hpp"
#include "plugins/governance/compliance_estate.hpp"
#include "plugins/governance/compliance_report.hpp"

namespace clxs::governance {
namespace {

// Reading an estate for one report or assessment may take this long per workspace call.
constexpr std::chrono::seconds kComplianceCallDeadline{300};

CallOptions complianceCall(const Request& req, const Clock& clock) {
  CallOptions call;
  call.warehouseId = req.credentials().warehouseId;
  call.deadline = clock.steadyNow() + kComplianceCallDeadline;
  return call;
}

const ComplianceFramework& complianceFramework(const ComplianceCatalogue& c,
                                               const std::string& name) {
  if (const auto* f = c.find(name)) return *f;
  std::string known;
  for (const auto& f : c.frameworks) known += (known.empty() ? "" : ", ") + f.id;
  throw notFound("Unknown compliance framework '" + name + "' (known: " + known + ")");
}

Field complianceFrameworkParam() {
  return Field::string().required().minLength(1).maxLength(100).describe(
      "Framework id or name: soc2, gdpr, hipaa, pci_dss, ccpa, dora");
}

double complianceRound(double v) {
  return std::round(v * 10000) / 10000;
}

Json complianceAssessmentJson(const StoredAssessment& a) {
  return Json{{"assessment_id", a.assessmentId},   {"framework_id", a.frameworkId},
              {"framework_name", a.frameworkName}, {"total_controls", a.totalControls},
              {"met_controls", a.metControls},     {"partial_controls", a.partialControls},
              {"gap_controls", a.gapControls},     {"score", a.score},
              {"partial_weight", a.partialWeight}, {"assessed_at", a.assessedAt},
              {"assessed_by", a.assessedBy},       {"scope", a.scope}};
}

Model complianceEvidenceModel() {
  return Model("ComplianceEvidence")
      .field("evidence_id", Field::string())
      .field("assessment_id", Field::string())
      .field("framework_id", Field::string())
      .field("control_id", Field::string())
      .field("control_name", Field::string())
      .field("evidence_type", Field::string().describe("rbac_audit, pii_audit, …"))
      .field("status", Field::string().describe("met, partial or gap"))
      .field("evidence_count", Field::integer().describe("Pieces of evidence found"))
      .field("checked_count", Field::integer().describe("Objects examined"))
      .field("failing_count", Field::integer().describe("Objects that fail the control"))
      .field("evidence_summary", Field::string())
      .field("remediation", Field::string().describe("What fixes the gap"))
      .field("failing_objects",
             Field::array(Field::object({{"object", Field::string()}, {"detail", Field::string()}}))
                 .describe("The first 100 failing objects"))
      .field("collected_at", Field::string());
}

struct ComplianceRouteState {
  GovernanceDeps deps;
  ComplianceParts parts;
};

Json complianceAssess(const ComplianceRouteState& s, const Request& req,
                      const ComplianceFramework& fw) {
  const auto& d = s.deps;
  const auto call = complianceCall(req, *d.clock);
  auto ws = req.workspace();
  std::vector<std::string> catalogs;
  if (const auto it = req.body().find("catalogs"); it != req.body().end() && it->is_array()) {
    for (const auto& c : *it) catalogs.push_back(c.get<std::string>());
  }
  if (catalogs.empty()) catalogs = defaultComplianceCatalogs(*ws, call);
  auto estate = readComplianceEstate(*ws, catalogs, d.host->config().effective(), call);
  estate.accessRules = s.parts.policies->list().size();
  const auto& catalogue = *s.parts.catalogue;
  const PersonalDataColumns personal(catalogue);

  StoredAssessment a;
  a.assessmentId = newUuid();
  a.frameworkId = fw.id;
  a.frameworkName = fw.name;
  a.assessedBy = actorOf(req);
  a.assessedAt = nowIso(*d.clock);
  a.partialWeight = catalogue.partialWeight;
  std::vector<StoredEvidence> rows;
  for (const auto& control : fw.controls) {
    const auto e = collectControl(control, estate, personal, catalogue);
    StoredEvidence r;
    r.evidenceId = newUuid();
    r.assessmentId = a.assessmentId;
    r.frameworkId = fw.id;
    r.controlId = control.id;
    r.controlName = control.name;
    r.evidenceType = control.evidenceType;
    r.status = e.status;
    r.evidenceCount = e.evidenceCount;
    r.checkedCount = e.checked;
    r.failingCount = e.failingTotal;
    r.summary = e.summary +
                (estate.truncated
                     ? " (estate truncated at " + std::to_string(kComplianceMaxTables) + " tables)"
                     : "");
    r.remediation = e.status == "met" ? "" : control.remediation;
    for (const auto& f : e.failing) {
      r.failing.push_back(Json{{"object", f.object}, {"detail", f.detail}});
    }
    r.collectedAt = a.assessedAt;
    a.metControls += e.status == "met" ? 1 : 0;
    a.partialControls += e.status == "partial" ? 1 : 0;
    a.gapControls += e.status == "gap" ? 1 : 0;
    rows.push_back(std::move(r));
  }
  a.totalControls = static_cast<std::int64_t>(rows.size());
  a.score = complianceRound((static_cast<double>(a.metControls) +
                             a.partialWeight * static_cast<double>(a.partialControls)) /
                            static_cast<double>(std::max<std::int64_t>(a.totalControls, 1)));
  a.scope = Json{{"catalogs", estate.catalogs},
                 {"tables", estate.tables.size()},
                 {"truncated", estate.truncated},
                 {"notes", estate.notes}};
  s.parts.assessments->save(a, rows);
  Json out = complianceAssessmentJson(a);
  d.history->record({"compliance_assessment", a.assessmentId, "assess", a.assessedBy, nullptr, out,
                     a.assessedAt});
  Json evidence = Json::array();
  for (const auto& r : rows) evidence.push_back(r.toJson());
  out["evidence"] = evidence;
  return out;
}

}  // namespace

void registerComplianceRoutes(Routes& routes, const GovernanceDeps& deps, ComplianceParts parts) {
  auto s = std::make_shared<ComplianceRouteState>(ComplianceRouteState{deps, std::move(parts)});

  std::vector<Json> reportTypes;
  for (const auto& t : complianceReportTypes()) reportTypes.emplace_back(t);
  routes.post("/api/compliance")
      .summary("Generate a compliance report for a catalog")
      .description(
          "Reads the catalog (grants, owners, comments, table and column tags, column masks) "
          "and judges sections by report_type: data_governance, pii_audit, permission_audit, "
          "tag_coverage, ownership_audit, or full_report (all of them). Each section scores "
          "0–100 (the share of its objects that pass) with the failing objects in table_data; "
          "COMPLIANT at 80, WARNING at 50. catalog defaults to the config's source_catalog. At "
          "most 5000 tables are read (summary.truncated says when more exist).")
      .body(Model("ComplianceReportRequest")
                .field("catalog", Field::string().identifier().describe("Catalog to audit"))
                .field("report_type", Field::string()
                                          .oneOf(reportTypes)
                                          .caseInsensitive()
                                          .defaultsTo("data_governance")
                                          .describe("Type of compliance report"))
                .field("warehouse_id", Field::string().describe("SQL warehouse ID"))
                .field("from_date", Field::string().describe("Accepted for compatibility"))
                .field("to_date", Field::string().describe("Accepted for compatibility")))
      .returns(Model("ComplianceReport")
                   .field("status", Field::string().describe("COMPLIANT, WARNING, NON_COMPLIANT"))
                   .field("score", Field::integer().describe("Mean of the sections, 0–100"))
                   .field("summary", Field::object())
                   .field("sections", Field::array(Field::object(
                                          {{"title", Field::string()},
                                           {"description", Field::string()},
                                           {"score", Field::integer()},
                                           {"status", Field::string()},
                                           {"items", Field::array(Field::object())},
                                           {"table_data", Field::array(Field::object())},
                                           {"table_columns", Field::array(Field::object())}}))))
      .handle([s](const Request& req) {
        const Json& b = req.body();
        std::string catalog = b.value("catalog", "");
        if (catalog.empty()) {
          const Json configured = s->deps.host->config().value("source_catalog", Json(""));
          if (configured.is_string()) catalog = configured.get<std::string>();
        }
        if (catalog.empty()) {
          throw unprocessable(Json::array({"body", "catalog"}),
                              "name the catalog to audit (the config has no source_catalog)",
                              "missing");
        }
        auto ws = req.workspace();
        const auto call = complianceCall(req, *s->deps.clock);
        auto estate =
            readComplianceEstate(*ws, {catalog}, s->deps.host->config().effective(), call);
        estate.accessRules = s->parts.policies->list().size();
        return buildComplianceReport(estate, *s->parts.catalogue, estate.catalogs.at(0),
                                     b.value("report_type", "data_governance"),
                                     nowIso(*s->deps.clock));
      });

  routes.get("/api/compliance/frameworks")
      .summary("List compliance frameworks")
      .description(
          "The frameworks of the compliance catalogue (GDPR, SOC 2, HIPAA, PCI DSS, CCPA, DORA) "
          "with their control count and the score and time of their latest assessment (null "
          "when never assessed).")
      .returnsListOf(Model("ComplianceFramework")
                         .field("id", Field::string())
                         .field("name", Field::string())
                         .field("version", Field::string())
                         .field("description", Field::string())
                         .field("control_count", Field::integer())
                         .field("score", Field::number().nullable().describe("0–1"))
                         .field("last_assessed", Field::string().nullable()))
      .handle([s](const Request&) {
        Json out = Json::array();
        for (const auto& f : s->parts.catalogue->frameworks) {
          const auto latest = s->parts.assessments->latest(f.id);
          out.push_back(Json{{"id", f.id},
                             {"name", f.name},
                             {"version", f.version},
                             {"description", f.description},
                             {"control_count", f.controls.size()},
                             {"score", latest ? Json(latest->score) : Json()},
                             {"last_assessed", latest ? Json(latest->assessedAt) : Json()}});
        }
        return out;
      });

  const std::string base = "/api/compliance/frameworks/{framework_name}";
  routes.post(base + "/assess")
      .summary("Assess a compliance framework")
      .description(
          "Runs every control of the framework: each collector reads the estate (grants and "
          "access policies, classification and masking of personal-data columns, retention "
          "tags, owners, certifications, comments, tags, delta.logRetentionDuration, the audit "
          "trail, config settings) and judges the control met, partial or gap. score = (met + "
          "w·partial) / total with w = partial_weight (0.2). The assessment and one evidence "
          "row per control are stored (immutable) and add one point to the trend. catalogs "
          "defaults to every catalog but system ones; at most 50 catalogs and 5000 tables are "
          "read (scope.truncated says when the bound was reached). 404 for an unknown "
          "framework.")
      .pathParam("framework_name", complianceFrameworkParam())
      .body(Model("ComplianceAssessRequest")
                .field("catalogs", Field::array(Field::string().identifier())
                                       .maxLength(kComplianceMaxCatalogs)
                                       .describe("Catalogs to assess (default: all)"))
                .field("warehouse_id", Field::string().describe("SQL warehouse ID")))
      .returns(Model("ComplianceAssessment")
                   .field("assessment_id", Field::string())
                   .field("framework_id", Field::string())
                   .field("framework_name", Field::string())
                   .field("total_controls", Field::integer())
                   .field("met_controls", Field::integer())
                   .field("partial_controls", Field::integer())
                   .field("gap_controls", Field::integer())
                   .field("score", Field::number().describe("0–1"))
                   .field("partial_weight", Field::number())
                   .field("assessed_at", Field::string())
                   .field("assessed_by", Field::string())
                   .field("scope", Field::object().describe("{catalogs, tables, truncated, notes}"))
                   .field("evidence", Field::array(Field::object())))
      .mutates()
      .handle([s](const Request& req) {
        const auto& fw = complianceFramework(*s->parts.catalogue, req.param("framework_name"));
        return complianceAssess(*s, req, fw);
      });

  routes.get(base + "/gaps")
      .summary("Controls the latest assessment found lacking")
      .description(
          "The gap and partial controls of the framework's most recent assessment (gaps "
          "first), each with its evidence summary, the failing objects and what would fix "
          "them. 404 for an unknown framework or one never assessed.")
      .pathParam("framework_name", complianceFrameworkParam())
      .returnsListOf(complianceEvidenceModel())
      .handle([s](const Request& req) {
        const auto& fw = complianceFramework(*s->parts.catalogue, req.param("framework_name"));
        const auto latest = s->parts.assessments->latest(fw.id);
        if (!latest) {
          throw notFound("Framework '" + fw.id +
                         "' was never assessed; run POST "
                         "/api/compliance/frameworks/" +
                         fw.id + "/assess");
        }
        Json out = Json::array();
        for (const auto& e : s->parts.assessments->evidence(latest->assessmentId, true)) {
          out.push_back(e.toJson());
        }
        return out;
      });

  routes.get(base + "/trend")
      .summary("Score trend of a framework")
      .description(
          "One point per assessment, oldest first: the newest `limit` (default 100, at most "
          "1000). Empty when never assessed; 404 for an unknown framework.")
      .pathParam("framework_name", complianceFrameworkParam())
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(100).describe(
                          "At most this many points"))
      .returnsListOf(Model("ComplianceTrendPoint")
                         .field("score", Field::number())
                         .field("assessed_at", Field::string())
                         .field("assessment_id", Field::string())
                         .field("met_controls", Field::integer())
                         .field("partial_controls", Field::integer())
                         .field("gap_controls", Field::integer()))
      .handle([s](const Request& req) {
        const auto& fw = complianceFramework(*s->parts.catalogue, req.param("framework_name"));
        Json out = Json::array();
        for (const auto& a :
             s->parts.assessments->history(fw.id, req.query()["limit"].get<std::int64_t>())) {
          out.push_back(Json{{"score", a.score},
                             {"assessed_at", a.assessedAt},
                             {"assessment_id", a.assessmentId},
                             {"met_controls", a.metControls},
                             {"partial_controls", a.partialControls},
                             {"gap_controls", a.gapControls}});
        }
        return out;
      });
}

}  // namespace clxs::governance
