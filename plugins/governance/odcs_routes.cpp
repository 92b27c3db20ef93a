#include "plugins/governance/odcs_routes.hpp"

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "clxs/config.hpp"
#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/object_name.hpp"
#include "clxs/services/check_runner.hpp"
#include "clxs/services/quality_catalog.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/governance/odcs_contracts.hpp"
#include "plugins/governance/odcs_diff.hpp"
#include "plugins/governance/odcs_document.hpp"
#include "plugins/governance/odcs_generate.hpp"
#include "plugins/governance/odcs_mapping.hpp"
#include "plugins/governance/odcs_store.hpp"
#include "plugins/governance/odcs_validation.hpp"
#include "plugins/governance/odcs_yaml.hpp"
#include "plugins/governance/sla_store.hpp"

namespace clxs::governance {

namespace {

constexpr const char* kOdcsBase = "/api/governance/odcs";
// generate-schema and generate-catalog answer synchronously (metadata reads only, one
// information_schema read per catalog) up to this many tables.
constexpr std::int64_t kOdcsMaxGenerated = 500;
// migrate reads at most this many legacy rows per call (the original kept a handful).
constexpr std::int64_t kOdcsMaxMigrated = 10000;

Field odcsText(const char* doc) {
  return Field::string().describe(doc);
}

Model odcsContractModel() {
  return Model("OdcsContract")
      .field("contract_id", odcsText("Id (the document's id)"))
      .field("name", odcsText("Name"))
      .field("version", odcsText("Current version (semver)"))
      .field("status", odcsText("proposed, draft, active, deprecated or retired"))
      .field("domain", odcsText("Domain"))
      .field("data_product", odcsText("Data product"))
      .field("tenant", odcsText("Tenant"))
      .field("table_fqns", Field::array(Field::string()).describe("Tables it describes"))
      .field("created_by", odcsText("Who created it"))
      .field("created_at", odcsText("ISO-8601 UTC"))
      .field("updated_by", odcsText("Who changed it last"))
      .field("updated_at", odcsText("ISO-8601 UTC"))
      .field("odcs_document", Field::object().describe("The ODCS v3 document"));
}

Model odcsDocumentBody() {
  return Model("OdcsDocument")
      .field("apiVersion", odcsText("v3.1.0 (filled when absent)"))
      .field("kind", odcsText("DataContract (filled when absent)"))
      .field("id", odcsText("Id; a new UUID when absent"))
      .field("name", odcsText("Name (required)"))
      .field("version", odcsText("Semantic version (required)"))
      .field("status", odcsText("proposed, draft, active, deprecated or retired (required)"))
      .field("domain", odcsText("Domain"))
      .field("dataProduct", odcsText("Data product"))
      .field("tenant", odcsText("Tenant"))
      .field("description", Field::any().describe("{purpose, limitations, usage}"))
      .field("schema", Field::any().describe(
                           "[{name, physicalName (catalog.schema.table), properties: [{name, "
                           "physicalType, logicalType, required, unique, primaryKey, "
                           "primaryKeyPosition, classification, quality}], quality}]"))
      .field("quality", Field::any().describe("Contract-level quality rules"))
      .field("slaProperties", Field::any().describe("[{property, value, unit, element}]"))
      .field("servers", Field::any().describe("[{server, type, catalog, schema, host}]"))
      .field("team", Field::any().describe("{name, members: [{username, role}]}"))
      .field("roles", Field::any().describe("[{role, access, …}]"))
      .field("support", Field::any().describe("[{channel, url}]"))
      .field("price", Field::any().describe("{priceAmount, priceCurrency, priceUnit}"))
      .field("authoritativeDefinitions", Field::any().describe("[{url, type}]"))
      .field("customProperties", Field::any().describe("[{property, value}]"));
}

Field odcsIdParam() {
  return Field::string().required().maxLength(255).describe("Contract id");
}

// The document of a body: the body itself, or its odcs_document / document member.
Json odcsDocumentOf(const Json& body) {
  for (const char* k : {"odcs_document", "document"}) {
    if (body.is_object() && body.contains(k) && body[k].is_object()) return body[k];
  }
  return body;
}

CallOptions odcsCall(const Request& req) {
  CallOptions call;
  const Json& body = req.body();
  if (body.is_object() && body.value("warehouse_id", Json()).is_string()) {
    call.warehouseId = body["warehouse_id"].get<std::string>();
  }
  if (const auto h = req.header("x-databricks-warehouse"); h && call.warehouseId.empty()) {
    call.warehouseId = *h;
  }
  return call;
}

bool odcsFlag(const Request& req, const char* key, bool fallback) {
  const Json& body = req.body();
  return body.is_object() && body.value(key, Json()).is_boolean() ? body[key].get<bool>()
                                                                  : fallback;
}

std::string odcsQuery(const Request& req, const char* key) {
  const Json& v = req.query().value(key, Json());
  return v.is_string() ? v.get<std::string>() : std::string();
}

Json odcsGenerated(Workspace& ws, ContractService& contracts, const TableInfo& table,
                   const OdcsCatalogKeys& keys, bool autoSave, const std::string& actor,
                   const CallOptions& call) {
  const std::string fqn = table.catalog + "." + table.schema + "." + table.name;
  Json doc = generateContract(ws, table, keys, newUuid(), call);
  Json out{{"table_fqn", fqn}, {"saved", false}, {"contract_id", Json()}, {"odcs_document", doc}};
  if (autoSave) {
    const auto c = contracts.create(doc, actor, "generated from " + fqn);
    out["saved"] = true;
    out["contract_id"] = c.id;
  }
  return out;
}

Json odcsGenerateMany(Workspace& ws, ContractService& contracts, const std::string& catalog,
                      const std::string& schema, bool autoSave, std::int64_t maxTables,
                      const std::string& actor, const CallOptions& call) {
  std::vector<std::string> schemas;
  if (!schema.empty()) {
    schemas.push_back(schema);
  } else {
    for (const auto& s : ws.catalog().schemas(catalog, call)) {
      if (lowerAscii(s.name) != "information_schema") schemas.push_back(s.name);
    }
  }
  const OdcsCatalogKeys keys(ws, catalog, call);
  Json generated = Json::array();
  Json errors = Json::array();
  bool truncated = false;
  std::int64_t count = 0;
  for (const auto& s : schemas) {
    for (const auto& t : ws.catalog().tables(catalog, s, call)) {
      if (count >= maxTables) {
        truncated = true;
        break;
      }
      ++count;
      try {
        generated.push_back(odcsGenerated(ws, contracts, t, keys, autoSave, actor, call));
      } catch (const WorkspaceError& e) {
        if (e.interrupts()) throw;
        errors.push_back(
            Json{{"table_fqn", t.catalog + "." + t.schema + "." + t.name}, {"error", e.what()}});
      }
    }
    if (truncated) break;
  }
  return Json{{"catalog", catalog},
              {"schema", schema.empty() ? Json() : Json(schema)},
              {"generated", generated.size()},
              {"saved", autoSave ? generated.size() : 0},
              {"contracts", generated},
              {"errors", errors},
              {"truncated", truncated},
              {"max_tables", maxTables}};
}

// The answer of map-dq and map-sla for `mapping` ({document, mapped, already_present}): the
// mapped document kept as a new revision unless it is a dry run or nothing was mapped.
Json odcsApplyMapping(ContractService& contracts, const StoredContract& c, const Json& mapping,
                      const Request& req, const std::string& summary) {
  const bool dry = odcsFlag(req, "dry_run", false);
  Json out{{"contract_id", c.id},
           {"dry_run", dry},
           {"mapped", mapping["mapped"]},
           {"already_present", mapping["already_present"]}};
  if (dry || mapping["mapped"].empty()) {
    out["version"] = c.document.value("version", Json());
    out["odcs_document"] = dry ? mapping["document"] : c.document;
    return out;
  }
  const auto saved = contracts.revise(c, mapping["document"], actorOf(req), summary);
  out["version"] = saved.document["version"];
  out["odcs_document"] = saved.document;
  return out;
}

}  // namespace

void registerOdcsRoutes(Routes& routes, const GovernanceDeps& deps) {
  auto store = std::make_shared<ContractStore>(*deps.store);
  auto contracts = std::make_shared<ContractService>(store, deps.history, *deps.clock);
  auto slaRules = std::make_shared<SlaStore>(*deps.store);
  const std::string base = kOdcsBase;
  Services* services = deps.services;
  Host* host = deps.host;
  const Clock* clock = deps.clock;
  const CheckRunnerSource runnerOf = [services] { return services->get<services::CheckRunner>(); };

  routes.post(base + "/contracts")
      .summary("Create an ODCS data contract")
      .description(
          "The body is the ODCS v3 document (or {odcs_document: …}). name, version (semver) and "
          "status are required; apiVersion (v3.1.0) and kind are filled when absent; id is the "
          "document's, else a new UUID (409 when taken). Every problem is a 422 at its loc, "
          "SQL quality rules that are not one SELECT included. The first revision is archived.")
      .body(odcsDocumentBody())
      .mutates()
      .returns(odcsContractModel())
      .handle([contracts](const Request& req) {
        const auto c = contracts->create(odcsDocumentOf(req.body()), actorOf(req), "created");
        return ContractService::toJson(c, true);
      });

  routes.get(base + "/contracts")
      .summary("List ODCS data contracts")
      .query("domain", odcsText("Only this domain"))
      .query("status", Field::string()
                           .oneOf({"proposed", "draft", "active", "deprecated", "retired"})
                           .describe("Only this status"))
      .query("table_fqn", odcsText("Only contracts describing this catalog.schema.table"))
      .returnsListOf(odcsContractModel())
      .handle([store](const Request& req) {
        Json out = Json::array();
        for (const auto& c : store->list({odcsQuery(req, "domain"), odcsQuery(req, "status"),
                                          odcsQuery(req, "table_fqn")})) {
          out.push_back(ContractService::toJson(c, false));
        }
        return out;
      });

  routes.get(base + "/contracts/{contract_id}")
      .summary("An ODCS data contract with its document")
      .description("Also its latest validation (null before the first).")
      .pathParam("contract_id", odcsIdParam())
      .returns(odcsContractModel())
      .handle([contracts, store](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        Json out = ContractService::toJson(c, true);
        const auto v = store->latestValidation(c.id);
        out["latest_validation"] = v ? *v : Json();
        return out;
      });

  routes.put(base + "/contracts/{contract_id}")
      .summary("Update an ODCS data contract (partial)")
      .description(
          "Deep-merges the fields given into the document (objects key by key, a null removes "
          "a key, lists replace) and archives the result as a new revision: when the version "
          "is kept its patch is bumped, a version given must not be archived already (409). "
          "The id never changes. 422 when the result is not a valid contract.")
      .pathParam("contract_id", odcsIdParam())
      .body(odcsDocumentBody())
      .mutates()
      .returns(odcsContractModel())
      .handle([contracts](const Request& req) {
        const auto current = contracts->require(req.param("contract_id"));
        Json patch = odcsDocumentOf(req.body());
        if (!patch.is_object())
          throw unprocessable(Json::array({"body"}), "the update is an object");
        patch.erase("id");
        const auto next = odcsDeepMerge(current.document, patch);
        std::string fields;
        for (const auto& [k, v] : patch.items()) fields += (fields.empty() ? "" : ", ") + k;
        const auto c = contracts->revise(current, next, actorOf(req),
                                         fields.empty() ? "updated" : "updated " + fields);
        Json out = ContractService::toJson(c, true);
        out["previous_version"] = current.document.value("version", Json());
        return out;
      });

  routes.del(base + "/contracts/{contract_id}")
      .summary("Delete an ODCS data contract")
      .description(
          "With its revisions and validations; the change history keeps its last document.")
      .pathParam("contract_id", odcsIdParam())
      .mutates()
      .returns(Model("OdcsContractDeleted")
                   .field("status", odcsText("deleted"))
                   .field("contract_id", odcsText("The contract")))
      .handle([contracts](const Request& req) {
        contracts->remove(req.param("contract_id"), actorOf(req));
        return Json{{"status", "deleted"}, {"contract_id", req.param("contract_id")}};
      });

  routes.post(base + "/contracts/{contract_id}/validate")
      .summary("Validate an ODCS contract in 11 sections")
      .description(
          "fundamentals, schema (tables and columns exist, types match, required columns "
          "have no NULL and unique ones no duplicate), quality (every rule judged on its "
          "threshold: the five library metrics in rows or percent, SQL rules), sla (latency "
          "from the newest commit), servers (catalog and schema exist), team, roles, support, "
          "pricing, references and customProperties. Each table's checks run as one query "
          "through the quality plugin's engine (503 when it is disabled). The result is "
          "stored; compliant is false when any section has a violation.")
      .pathParam("contract_id", odcsIdParam())
      .body(Model("OdcsValidate").field("warehouse_id", odcsText("SQL warehouse (Databricks)")))
      .mutates()
      .returns(Model("OdcsValidation")
                   .field("validation_id", odcsText("Id"))
                   .field("contract_id", odcsText("The contract"))
                   .field("contract_version", odcsText("The version validated"))
                   .field("compliant", Field::boolean().describe("No violation"))
                   .field("sections_checked",
                          Field::integer().describe("Sections with something to check"))
                   .field("sections", Field::array(Field::object())
                                          .describe("[{section, status, violations, warnings}]"))
                   .field("violations",
                          Field::array(Field::object()).describe("[{section, message, …}]"))
                   .field("quality",
                          Field::array(Field::object()).describe("Each quality rule's verdict"))
                   .field("validated_by", odcsText("Who"))
                   .field("validated_at", odcsText("ISO-8601 UTC")))
      .handle([contracts, runnerOf, clock](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        auto ws = req.workspace();
        const double now = std::chrono::duration<double>(clock->now().time_since_epoch()).count();
        Json result = validateContract(c.document, *ws, runnerOf, odcsCall(req), now);
        Json out{{"validation_id", newUuid()},
                 {"contract_id", c.id},
                 {"contract_version", c.document.value("version", Json())}};
        for (auto& [k, v] : result.items()) out[k] = v;
        out["validated_by"] = actorOf(req);
        out["validated_at"] = contracts->now();
        contracts->store().saveValidation(out);
        contracts->history().record({"odcs_validation", c.id, "validate", out["validated_by"],
                                     nullptr,
                                     Json{{"validation_id", out["validation_id"]},
                                          {"contract_version", out["contract_version"]},
                                          {"compliant", out["compliant"]},
                                          {"violations", out["violations"].size()}},
                                     out["validated_at"]});
        return out;
      });

  routes.get(base + "/contracts/{contract_id}/versions")
      .summary("Revisions of an ODCS contract")
      .description("Every archived revision, newest first, without documents.")
      .pathParam("contract_id", odcsIdParam())
      .returnsListOf(Model("OdcsRevision")
                         .field("contract_id", odcsText("The contract"))
                         .field("version", odcsText("Its version"))
                         .field("revision", Field::integer().describe("1 for the first"))
                         .field("change_summary", odcsText("What changed"))
                         .field("created_by", odcsText("Who"))
                         .field("created_at", odcsText("ISO-8601 UTC")))
      .handle([contracts](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        Json out = Json::array();
        for (auto& v : contracts->store().versions(c.id)) out.push_back(std::move(v));
        return out;
      });

  routes.get(base + "/contracts/{contract_id}/versions/{version}")
      .summary("One revision of an ODCS contract")
      .pathParam("contract_id", odcsIdParam())
      .pathParam("version", Field::string().required().maxLength(255).describe("Version"))
      .returns(Model("OdcsRevisionDocument")
                   .field("contract_id", odcsText("The contract"))
                   .field("version", odcsText("Its version"))
                   .field("revision", Field::integer().describe("1 for the first"))
                   .field("change_summary", odcsText("What changed"))
                   .field("created_by", odcsText("Who"))
                   .field("created_at", odcsText("ISO-8601 UTC"))
                   .field("document", Field::object().describe("The document of that revision")))
      .handle([contracts](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        const auto v = contracts->store().version(c.id, req.param("version"));
        if (!v) {
          throw notFound("Contract " + c.id + " has no version " + req.param("version") + ".");
        }
        return *v;
      });

  routes.get(base + "/contracts/{contract_id}/diff")
      .summary("Breaking changes between two revisions")
      .description(
          "Compares revision `from` (default: the one before `to`) with `to` (default: the "
          "current). breaking lists dropped tables and columns, narrowed or changed types, "
          "columns made required or unique, quality rules tightened or added on existing "
          "columns; non_breaking lists additions, widenings, loosened or removed rules and "
          "other edits.")
      .pathParam("contract_id", odcsIdParam())
      .query("from", odcsText("Older version (default: the revision before `to`)"))
      .query("to", odcsText("Newer version (default: the current)"))
      .returns(Model("OdcsDiff")
                   .field("from", odcsText("Older version"))
                   .field("to", odcsText("Newer version"))
                   .field("is_breaking", Field::boolean().describe("Any breaking change"))
                   .field("breaking", Field::array(Field::object())
                                          .describe("[{kind, path, message, before, after}]"))
                   .field("non_breaking", Field::array(Field::object()).describe("Same shape")))
      .handle([contracts](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        auto& st = contracts->store();
        std::string to = odcsQuery(req, "to");
        if (to.empty()) to = c.document.value("version", std::string());
        const auto newer = st.version(c.id, to);
        if (!newer) throw notFound("Contract " + c.id + " has no version " + to + ".");
        std::string from = odcsQuery(req, "from");
        if (from.empty()) {
          for (const auto& v : st.versions(c.id)) {
            if (v["revision"].get<std::int64_t>() < (*newer)["revision"].get<std::int64_t>()) {
              from = v["version"].get<std::string>();
              break;
            }
          }
          if (from.empty()) {
            throw badRequest("Version " + to + " of contract " + c.id +
                             " is its first revision; there is nothing before it to compare.");
          }
        }
        const auto older = st.version(c.id, from);
        if (!older) throw notFound("Contract " + c.id + " has no version " + from + ".");
        Json out = diffContracts((*older)["document"], (*newer)["document"]);
        out["from"] = from;
        out["to"] = to;
        return out;
      });

  routes.post(base + "/import")
      .summary("Import an ODCS contract from YAML")
      .description(
          "yaml_content holds one ODCS document; it is checked and stored as on create (422 "
          "for YAML that does not parse or a document that is not valid, 409 when its id is "
          "taken).")
      .body(
          Model("OdcsImport")
              .field(
                  "yaml_content",
                  Field::string().required().maxLength(4 * 1024 * 1024).describe("The ODCS YAML")))
      .mutates()
      .returns(odcsContractModel())
      .handle([contracts](const Request& req) {
        const Json doc = contractFromYaml(req.body().value("yaml_content", std::string()));
        const auto c = contracts->create(doc, actorOf(req), "imported from YAML", "yaml_content");
        return ContractService::toJson(c, true);
      });

  routes.get(base + "/contracts/{contract_id}/export")
      .summary("Export an ODCS contract as YAML")
      .description("text/yaml; importing it (after deleting the contract) gives the same document.")
      .pathParam("contract_id", odcsIdParam())
      .returnsFile("text/yaml")
      .handle([contracts](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        return Response::raw(contractToYaml(c.document), "text/yaml");
      });

  routes.get(base + "/prefill")
      .summary("A server block for a new contract, from the configuration")
      .description(
          "{server, servers}: the databricks server of the request's workspace with the "
          "configured destination (else source) catalog and the SQL warehouse.")
      .returns(Model("OdcsPrefill")
                   .field("server", Field::object().describe(
                                        "{server, type, host, catalog, schema, warehouse_id}"))
                   .field("servers", Field::array(Field::object()).describe("[server]"))
                   .field("source_catalog", odcsText("Configured source catalog"))
                   .field("destination_catalog", odcsText("Configured destination catalog")))
      .handle([host](const Request& req) {
        const auto& config = host->config();
        const auto text = [&](const char* k) {
          const Json v = config.value(k, Json(""));
          return v.is_string() ? v.get<std::string>() : std::string();
        };
        const std::string source = text("source_catalog");
        const std::string destination = text("destination_catalog");
        std::string warehouse = text("sql_warehouse_id");
        if (const auto h = req.header("x-databricks-warehouse")) warehouse = *h;
        auto ws = req.workspace();
        Json server{{"server", "databricks"},
                    {"type", "databricks"},
                    {"host", ws->host()},
                    {"catalog", destination.empty() ? source : destination},
                    {"schema", ""}};
        if (!warehouse.empty()) server["warehouse_id"] = warehouse;
        return Json{{"server", server},
                    {"servers", Json::array({server})},
                    {"source_catalog", source},
                    {"destination_catalog", destination}};
      });

  const Model mapBody = Model("OdcsMap").field(
      "dry_run", Field::boolean().defaultsTo(false).describe("Answer the mapping, change nothing"));
  const Model mapAnswer =
      Model("OdcsMapResult")
          .field("contract_id", odcsText("The contract"))
          .field("dry_run", Field::boolean().describe("Nothing was changed"))
          .field("mapped", Field::array(Field::object()).describe("What was (or would be) added"))
          .field("already_present", Field::integer().describe("Rules mapped before"))
          .field("version", odcsText("The contract's version after"))
          .field("odcs_document", Field::object().describe("The document after"));

  routes.post(base + "/contracts/{contract_id}/map-dq")
      .summary("Write the tables' DQ rules and DQX checks into the contract")
      .description(
          "Reads the enabled checks and rules of the contract's tables from the quality plugin "
          "(service quality.catalog; 503 when it is disabled) and adds each to the quality "
          "section of its column (not_null → nullValues, unique → duplicateValues, others as a "
          "custom rule naming the check) or of its table, once: each carries id dq:<check id>. "
          "Saved as a new revision unless dry_run.")
      .pathParam("contract_id", odcsIdParam())
      .body(mapBody)
      .mutates()
      .returns(mapAnswer)
      .handle([contracts, services](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        auto catalog = services->get<services::QualityCatalog>();
        std::vector<services::TableChecks> checks;
        std::set<std::pair<std::string, std::string>> schemas;  // each read once
        for (const auto& t : contractTables(c.document)) {
          const auto parts = splitQualified(t);
          if (!schemas.emplace(lowerAscii(parts[0]), lowerAscii(parts[1])).second) continue;
          for (auto& tc : catalog->checksIn(parts[0], parts[1])) checks.push_back(std::move(tc));
        }
        return odcsApplyMapping(*contracts, c, mapDqIntoContract(c.document, checks), req,
                                "mapped DQ rules");
      });

  routes.post(base + "/contracts/{contract_id}/map-sla")
      .summary("Write the tables' SLA rules into the contract's slaProperties")
      .description(
          "The SLA rules of the contract's tables (POST /api/governance/sla/rules) become "
          "slaProperties (freshness → latency in hours, others by their metric), "
          "once each: id sla:<sla id>. Saved as a new revision unless dry_run.")
      .pathParam("contract_id", odcsIdParam())
      .body(mapBody)
      .mutates()
      .returns(mapAnswer)
      .handle([contracts, slaRules](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        std::vector<Json> rules;
        for (const auto& r : slaRules->rules("")) rules.push_back(slaRuleJson(r));
        return odcsApplyMapping(*contracts, c, mapSlaIntoContract(c.document, rules), req,
                                "mapped SLA rules");
      });

  routes.post(base + "/migrate")
      .summary("Migrate legacy data contracts to ODCS v3.1.0")
      .description(
          "The legacy contracts given in `contracts`, else the rows of `source_table` (default "
          "<audit_trail.catalog>.governance.data_contracts, the original's table), each "
          "turned into an ODCS v3.1.0 contract and stored (unless dry_run); a legacy id that "
          "is taken already is skipped, an invalid one reported.")
      .body(Model("OdcsMigrate")
                .field("contracts",
                       Field::array(Field::object()).describe("Legacy contracts as JSON"))
                .field("source_table", odcsText("catalog.schema.table of legacy contracts"))
                .field("dry_run",
                       Field::boolean().defaultsTo(false).describe("Convert, store nothing"))
                .field("warehouse_id", odcsText("SQL warehouse (Databricks)")))
      .mutates()
      .returns(
          Model("OdcsMigration")
              .field("migrated", Field::integer().describe("Contracts stored (or that would be)"))
              .field("skipped", Field::array(Field::object()).describe("[{legacy_id, reason}]"))
              .field("errors", Field::array(Field::object()).describe("[{legacy_id, error}]"))
              .field("contracts", Field::array(Field::object())
                                      .describe("[{legacy_id, contract_id, odcs_document}]"))
              .field("source", odcsText("Where they were read"))
              .field("dry_run", Field::boolean().describe("Nothing stored")))
      .handle([contracts, host](const Request& req) {
        const Json& body = req.body();
        Json legacy = body.value("contracts", Json());
        std::string source = "request body";
        if (!legacy.is_array()) {
          source = body.value("source_table", std::string());
          if (source.empty()) {
            const Json audit = host->config().value("audit_trail", Json::object());
            const std::string cat = audit.is_object()
                                        ? audit.value("catalog", std::string("clone_audit"))
                                        : std::string("clone_audit");
            source = cat + ".governance.data_contracts";
          }
          const auto name = ObjectName::parse(source);
          auto ws = req.workspace();
          const auto rows = ws->sql().execute(
              "SELECT * FROM " + name.quoted() + " LIMIT " + std::to_string(kOdcsMaxMigrated), {},
              odcsCall(req));
          legacy = Json::array();
          for (const auto& r : rows.rows) {
            Json obj = Json::object();
            for (std::size_t i = 0; i < rows.columns.size() && i < r.size(); ++i) {
              obj[rows.columns[i].name] = r[i];
            }
            legacy.push_back(std::move(obj));
          }
        }
        const bool dry = odcsFlag(req, "dry_run", false);
        Json done = Json::array();
        Json skipped = Json::array();
        Json errors = Json::array();
        for (const auto& l : legacy) {
          const Json legacyId = l.value("contract_id", l.value("id", Json()));
          Json doc = legacyToOdcs(l);
          if (doc.contains("id") && contracts->store().find(doc["id"].get<std::string>())) {
            skipped.push_back(
                Json{{"legacy_id", legacyId},
                     {"reason", "a contract with this id exists (migrated already)"}});
            continue;
          }
          try {
            if (dry) {
              Json complete = completeDocument(doc, doc.value("id", newUuid()));
              requireValidDocument(complete, "contracts");
              done.push_back(Json{{"legacy_id", legacyId},
                                  {"contract_id", complete["id"]},
                                  {"odcs_document", complete}});
            } else {
              const auto c = contracts->create(doc, actorOf(req),
                                               "migrated from a legacy data contract", "contracts");
              done.push_back(Json{
                  {"legacy_id", legacyId}, {"contract_id", c.id}, {"odcs_document", c.document}});
            }
          } catch (const HttpError& e) {
            if (e.status() != 422 && e.status() != 409) throw;
            errors.push_back(Json{{"legacy_id", legacyId}, {"error", e.what()}});
          }
        }
        return Json{{"migrated", done.size()}, {"skipped", skipped}, {"errors", errors},
                    {"contracts", done},       {"source", source},   {"dry_run", dry}};
      });

  routes.post(base + "/contracts/{contract_id}/dqx-validate")
      .summary("Run the contract's quality rules as DQX checks")
      .description(
          "Each table's library and dqx_function rules run as DQX checks in one query through "
          "the quality plugin's engine (503 when it is disabled): per check its failing rows "
          "and pass rate, per table error, warning and valid rows and whether its pass rate "
          "(rows failing no error check) reaches min_pass_rate. rowCount and sql rules are "
          "not row checks and are listed as skipped (validate judges them).")
      .pathParam("contract_id", odcsIdParam())
      .body(Model("OdcsDqxValidate")
                .field("min_pass_rate", Field::number().min(0).max(100).defaultsTo(95).describe(
                                            "Pass rate a table needs, in % (default 95)"))
                .field("warehouse_id", odcsText("SQL warehouse (Databricks)")))
      .mutates()
      .returns(Model("OdcsDqxValidation")
                   .field("contract_id", odcsText("The contract"))
                   .field("contract_version", odcsText("Its version"))
                   .field("passed", Field::boolean().describe("Every table passed"))
                   .field("checks_applied", Field::integer().describe("Checks run"))
                   .field("tables", Field::array(Field::object()).describe("Per table"))
                   .field("skipped", Field::array(Field::object()).describe("[{rule_id, reason}]"))
                   .field("executed_by", odcsText("Who"))
                   .field("executed_at", odcsText("ISO-8601 UTC")))
      .handle([contracts, runnerOf](const Request& req) {
        const auto c = contracts->require(req.param("contract_id"));
        auto ws = req.workspace();
        const double min = req.body().value("min_pass_rate", 95.0);
        Json result = dqxValidateContract(c.document, *ws, runnerOf, odcsCall(req), min);
        Json out{{"contract_id", c.id}, {"contract_version", c.document.value("version", Json())}};
        for (auto& [k, v] : result.items()) out[k] = v;
        out["executed_by"] = actorOf(req);
        out["executed_at"] = contracts->now();
        return out;
      });

  routes.post(base + "/generate")
      .summary("Draft an ODCS contract from a Unity Catalog table")
      .description(
          "Columns with physicalType and logicalType, comments, nullability as required, the "
          "primary key (primaryKey, primaryKeyPosition, unique for a one-column key) and "
          "foreign keys (relationships) from information_schema, tags (classification, pii, "
          "cde, domain) and table properties (customProperties). Stored as a draft contract "
          "when auto_save.")
      .body(Model("OdcsGenerate")
                .field("table_fqn",
                       Field::string().required().maxLength(767).describe("catalog.schema.table"))
                .field("auto_save", Field::boolean().defaultsTo(false).describe("Store the draft"))
                .field("warehouse_id", odcsText("SQL warehouse (Databricks)")))
      .mutates()
      .returns(Model("OdcsGenerated")
                   .field("table_fqn", odcsText("The table"))
                   .field("saved", Field::boolean().describe("Stored"))
                   .field("contract_id", odcsText("When stored"))
                   .field("odcs_document", Field::object().describe("The draft")))
      .handle([contracts](const Request& req) {
        const auto name = ObjectName::parse(req.body().value("table_fqn", std::string()));
        auto ws = req.workspace();
        const auto call = odcsCall(req);
        const TableInfo table = ws->catalog().table(name, call);
        const OdcsCatalogKeys keys(*ws, name.catalog, call);
        return odcsGenerated(*ws, *contracts, table, keys, odcsFlag(req, "auto_save", false),
                             actorOf(req), call);
      });

  const Model manyAnswer =
      Model("OdcsGeneratedMany")
          .field("catalog", odcsText("Catalog"))
          .field("schema", odcsText("Schema (generate-schema)"))
          .field("generated", Field::integer().describe("Drafts made"))
          .field("saved", Field::integer().describe("Drafts stored"))
          .field("contracts", Field::array(Field::object()).describe("As POST …/generate answers"))
          .field("errors", Field::array(Field::object()).describe("[{table_fqn, error}]"))
          .field("truncated", Field::boolean().describe("max_tables stopped it"))
          .field("max_tables", Field::integer().describe("The cap"));
  const auto maxField = [] {
    return Field::integer()
        .min(1)
        .max(kOdcsMaxGenerated)
        .clampToMax()
        .defaultsTo(kOdcsMaxGenerated)
        .describe("At most this many tables (500 at most); truncated says when more were left");
  };

  // generate-schema and generate-catalog differ only in whether a schema names the scope.
  for (const bool bySchema : {true, false}) {
    auto body =
        Model(bySchema ? "OdcsGenerateSchema" : "OdcsGenerateCatalog")
            .field("catalog",
                   Field::string().required().minLength(1).maxLength(255).describe("Catalog"));
    if (bySchema) {
      body.field("schema",
                 Field::string().required().minLength(1).maxLength(255).describe("Schema"));
    }
    body.field("auto_save", Field::boolean().defaultsTo(false).describe("Store the drafts"))
        .field("max_tables", maxField())
        .field("warehouse_id", odcsText("SQL warehouse (Databricks)"));
    routes.post(base + (bySchema ? "/generate-schema" : "/generate-catalog"))
        .summary(bySchema ? "Draft ODCS contracts for every table of a schema"
                          : "Draft ODCS contracts for every table of a catalog")
        .description(bySchema ? "As …/generate for each table, synchronously (metadata only), up "
                                "to max_tables."
                              : "As …/generate for each table of each schema (information_schema "
                                "left out), synchronously (metadata only), up to max_tables.")
        .body(body)
        .mutates()
        .returns(manyAnswer)
        .handle([contracts, bySchema](const Request& req) {
          const Json& b = req.body();
          auto ws = req.workspace();
          return odcsGenerateMany(*ws, *contracts, b.value("catalog", std::string()),
                                  bySchema ? b.value("schema", std::string()) : std::string(),
                                  odcsFlag(req, "auto_save", false),
                                  b.value("max_tables", kOdcsMaxGenerated), actorOf(req),
                                  odcsCall(req));
        });
  }
}

}  // namespace clxs::governance
