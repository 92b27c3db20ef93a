#include "plugins/governance/governance_init_routes.hpp"

#include <chrono>
#include <optional>
#include <string>

#include "clxs/config.hpp"
#include "clxs/sql.hpp"
#include "plugins/governance/governance_tables.hpp"

namespace clxs::governance {

namespace {

struct GovernanceInitBody {
  std::optional<std::string> catalog;
  std::string warehouseId;
  static const Schema<GovernanceInitBody>& schema() {
    using B = GovernanceInitBody;
    static const auto s =
        Schema<B>("GovernanceInitRequest")
            .field("catalog", &B::catalog,
                   Field::string().identifier().describe(
                       "Audit catalog (default: audit_trail.catalog of the config, else "
                       "clone_audit)"))
            .field("warehouse_id", &B::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

// Request field > config audit_trail.catalog > clone_audit, as the conventions order them.
std::string initCatalogOf(const GovernanceInitBody& b, const GovernanceDeps& deps) {
  if (b.catalog) return *b.catalog;
  if (deps.host != nullptr) {
    const Json trail = deps.host->config().value("audit_trail", Json::object());
    if (trail.is_object() && trail.contains("catalog") && trail["catalog"].is_string() &&
        !trail["catalog"].get<std::string>().empty()) {
      return trail["catalog"].get<std::string>();
    }
  }
  return "clone_audit";
}

}  // namespace

void registerInitRoutes(Routes& routes, const GovernanceDeps& deps,
                        std::shared_ptr<const GlossaryStore> glossary,
                        std::shared_ptr<GlossaryMirror> mirror) {
  routes.post("/api/governance/init")
      .summary("Create the governance Delta tables")
      .description(
          "Creates, when missing, the audit catalog (audit_trail.catalog, default "
          "clone_audit), its governance schema and the original's 16 governance Delta tables "
          "(business_glossary, glossary_links, certifications, change_history, dq_rules, "
          "dq_results, sla_rules, sla_checks, data_contracts, odcs_contracts, "
          "odcs_contract_versions, odcs_validation_results, dqx_profiles, dqx_checks, "
          "dqx_run_results, dqx_check_definitions) with the original's columns, and adds "
          "columns an older table lacks. Idempotent: a second call creates nothing. The "
          "server's own store stays the system of record: every glossary term and link is "
          "copied into business_glossary and glossary_links now, and each later change of a "
          "term on this workspace is copied as it happens.")
      .body<GovernanceInitBody>()
      .returns(Model("GovernanceInitResult")
                   .field("status", Field::string().describe("ok"))
                   .field("message", Field::string())
                   .field("catalog", Field::string())
                   .field("schema", Field::string())
                   .field("catalog_created", Field::boolean())
                   .field("schema_created", Field::boolean())
                   .field("tables", Field::array(Field::string()).describe("All 16 tables"))
                   .field("tables_created", Field::array(Field::string()))
                   .field("already_existed", Field::array(Field::string()))
                   .field("columns_added", Field::object().describe("Columns added per table"))
                   .field("glossary_terms_copied",
                          Field::integer().describe("Terms (with their links) copied")))
      .mutates()
      .handle([deps, glossary, mirror](const Request& req, const GovernanceInitBody& b) {
        const auto catalog = initCatalogOf(b, deps);
        validateIdentifier(catalog, "catalog");
        CallOptions options;
        options.deadline = deps.clock->steadyNow() + std::chrono::minutes(5);
        options.warehouseId = b.warehouseId.empty() ? req.credentials().warehouseId : b.warehouseId;
        const auto ws = req.workspace();
        auto result = initGovernanceTables(*ws, catalog, options);
        mirror->remember(ws->host(), catalog, nowIso(*deps.clock));
        result["glossary_terms_copied"] = mirror->copyAll(*ws, *glossary, catalog, options);
        const bool changed = result["catalog_created"].get<bool>() ||
                             result["schema_created"].get<bool>() ||
                             !result["tables_created"].empty() || !result["columns_added"].empty();
        if (changed) {
          deps.history->record({"governance_tables", catalog + "." + kGovernanceSchema, "init",
                                actorOf(req), nullptr,
                                Json{{"tables_created", result["tables_created"]},
                                     {"columns_added", result["columns_added"]},
                                     {"catalog_created", result["catalog_created"]},
                                     {"schema_created", result["schema_created"]}},
                                nowIso(*deps.clock)});
        }
        return result;
      });
}

}  // namespace clxs::governance
