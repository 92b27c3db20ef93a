#include "plugins/quality/check_exchange_routes.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "clxs/yaml.hpp"
#include "plugins/quality/check_registry.hpp"
#include "plugins/quality/query_params.hpp"

namespace clxs::quality {

namespace {

constexpr const char* kExchangeBase = "/api/governance/dqx/checks";

struct ImportBody {
  std::string tableFqn;
  std::string yamlContent;
  static const Schema<ImportBody>& schema() {
    static const auto s =
        Schema<ImportBody>("DqxImport")
            .field("table_fqn", &ImportBody::tableFqn,
                   Field::string().required().maxLength(767).describe(
                       "catalog.schema.table the checks are for"))
            .field("yaml_content", &ImportBody::yamlContent,
                   Field::string()
                       .required()
                       .maxLength(4 * 1024 * 1024)
                       .describe("DQX checks as YAML: a list of {criticality, check: {function, "
                                 "arguments}, filter, name, user_metadata}"));
    return s;
  }
};

struct SaveBody {
  std::string targetTable;
  std::string tableFqn;
  std::string warehouseId;
  static const Schema<SaveBody>& schema() {
    static const auto s =
        Schema<SaveBody>("DqxSaveToDelta")
            .field("target_table", &SaveBody::targetTable,
                   Field::string().required().maxLength(767).describe(
                       "catalog.schema.table to write; created when missing"))
            .field("table_fqn", &SaveBody::tableFqn,
                   Field::string().maxLength(767).describe(
                       "Whose checks to save; every table's when absent"))
            .field("warehouse_id", &SaveBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

// The entry at `index` of an imported document as a check on `tableFqn`, or the reason it is
// skipped.
std::pair<std::optional<Check>, std::string> importedCheck(const Json& entry,
                                                           const std::string& tableFqn) {
  if (!entry.is_object()) return {std::nullopt, "not a mapping"};
  const auto check = entry.find("check");
  if (check == entry.end() || !check->is_object() || !check->contains("function") ||
      !(*check)["function"].is_string()) {
    return {std::nullopt, "no check.function"};
  }
  Check c;
  c.tableFqn = tableFqn;
  c.function = (*check)["function"].get<std::string>();
  const Json args = check->value("arguments", Json::object());
  c.arguments = args.is_object() ? args : Json::object();
  const Json criticality = entry.value("criticality", Json("error"));
  const auto parsed =
      criticality.is_string() ? parseCriticality(criticality.get<std::string>()) : std::nullopt;
  if (!parsed) return {std::nullopt, "criticality must be error or warn"};
  c.criticality = *parsed;
  if (const Json f = entry.value("filter", Json()); f.is_string()) c.filter = f.get<std::string>();
  if (const Json n = entry.value("name", Json()); n.is_string()) c.name = n.get<std::string>();
  if (const Json m = entry.value("user_metadata", Json()); m.is_object()) c.userMetadata = m;
  try {
    validateCheck(c);
  } catch (const HttpError& e) {
    return {std::nullopt, e.what()};
  }
  return {std::move(c), ""};
}

}  // namespace

std::string checksYaml(const std::vector<StoredCheck>& checks) {
  Json list = Json::array();
  for (const auto& s : checks) {
    const Check& c = s.check;
    Json entry = Json::object();
    entry["criticality"] = std::string(criticalityName(c.criticality));
    entry["check"] = Json{{"function", c.function}, {"arguments", c.arguments}};
    if (!c.filter.empty()) entry["filter"] = c.filter;
    if (!c.name.empty()) entry["name"] = c.name;
    if (!c.userMetadata.empty()) entry["user_metadata"] = c.userMetadata;
    list.push_back(std::move(entry));
  }
  return emitYaml(list);
}

Json checksFromYaml(const std::string& yaml) {
  Json doc;
  try {
    doc = parseYaml(yaml);
  } catch (const YamlError& e) {
    throw badRequest(std::string("yaml_content is not YAML: ") + e.what() + ".");
  }
  if (doc.is_null()) return Json::array();
  // DQX files hold a list; a mapping with a `checks` list is accepted too.
  if (doc.is_object() && doc.contains("checks")) doc = doc["checks"];
  if (!doc.is_array()) {
    throw badRequest(
        "yaml_content must be a YAML list of checks ({criticality, check: "
        "{function, arguments}}).");
  }
  return doc;
}

void registerCheckExchangeRoutes(Routes& routes, std::shared_ptr<CheckRepository> repository,
                                 const Clock& clock) {
  auto repo = std::move(repository);
  const Clock* clk = &clock;
  const std::string base = kExchangeBase;

  routes.get(base + "/export")
      .summary("Export checks as DQX YAML")
      .description(
          "The checks of a table (every table's when table_fqn is absent) as a DQX YAML file "
          "(`dqx-checks.yaml`): a list of {criticality, check: {function, arguments}, filter, "
          "name, user_metadata}, which DQX and POST …/checks/import read back.")
      .query("table_fqn", Field::string().describe("catalog.schema.table"))
      .returnsFile("text/yaml")
      .handle([repo](const Request& req) {
        return Response::download(checksYaml(repo->list(queryText(req, "table_fqn"))),
                                  "dqx-checks.yaml", "text/yaml; charset=utf-8");
      });

  routes.post(base + "/import")
      .summary("Import checks from DQX YAML")
      .description(
          "Adds the checks of a DQX YAML list to a table. Each entry is validated against the "
          "registry; entries without check.function, or that do not validate, are skipped and "
          "listed with the reason; a check the table has already (same function, arguments and "
          "filter) is not added twice. Text that is not YAML is a 400 and adds nothing.")
      .body<ImportBody>()
      .mutates()
      .returns(
          Model("DqxImportResult")
              .field("table_fqn", Field::string().describe("The table"))
              .field("imported", Field::integer().describe("Checks added"))
              .field("total", Field::integer().describe("Entries in the file"))
              .field("duplicates", Field::integer().describe("Entries the table had already"))
              .field("skipped",
                     Field::array(Field::object()).describe("[{index, reason}] entries not added")))
      .handle([repo, clk](const Request& req, const ImportBody& b) {
        (void)tableNameParts(b.tableFqn, "table_fqn");
        const Json entries = checksFromYaml(b.yamlContent);
        const std::string user = req.workspace()->identity().currentUser({});
        const std::string at = isoUtc(clk->now());
        std::int64_t imported = 0;
        std::int64_t duplicates = 0;
        Json skipped = Json::array();
        for (std::size_t i = 0; i < entries.size(); ++i) {
          auto [check, reason] = importedCheck(entries[i], b.tableFqn);
          if (!check) {
            skipped.push_back(Json{{"index", i}, {"reason", reason}});
            continue;
          }
          if (repo->hasFingerprint(b.tableFqn, fingerprint(*check))) {
            ++duplicates;
            continue;
          }
          StoredCheck s;
          s.check = std::move(*check);
          s.check.id = newUuid();
          s.createdBy = user;
          s.createdAt = s.updatedAt = at;
          repo->insert(s);
          ++imported;
        }
        return Json{{"table_fqn", b.tableFqn},
                    {"imported", imported},
                    {"total", entries.size()},
                    {"duplicates", duplicates},
                    {"skipped", skipped}};
      });

  routes.post(base + "/save-to-delta")
      .summary("Save checks to a Delta table")
      .description(
          "Writes the checks of a table (every table's when table_fqn is absent) to the Delta "
          "table target_table, creating it when missing, with columns check_id, name, "
          "table_fqn, criticality, check_function, arguments (JSON), column_name, filter_expr, "
          "enabled, created_by, saved_at, saved_by. The rows saved before for the same table "
          "are replaced, so the target holds the latest checks of each table.")
      .body<SaveBody>()
      .mutates()
      .returns(Model("DqxSaveResult")
                   .field("target_table", Field::string().describe("The table written"))
                   .field("count", Field::integer().describe("Checks saved"))
                   .field("message", Field::string().describe("What was done")))
      .handle([repo, clk](const Request& req, const SaveBody& b) {
        const std::string target = quoteQualified(tableNameParts(b.targetTable, "target_table"));
        if (!b.tableFqn.empty()) (void)tableNameParts(b.tableFqn, "table_fqn");
        const auto checks = repo->list(b.tableFqn);
        CallOptions call;
        call.warehouseId = b.warehouseId;
        auto ws = req.workspace();
        const std::string user = ws->identity().currentUser(call);
        const std::string at = isoUtc(clk->now());
        auto& sql = ws->sql();
        sql.execute("CREATE TABLE IF NOT EXISTS " + target +
                        " (check_id STRING, name STRING, table_fqn STRING, criticality STRING, "
                        "check_function STRING, arguments STRING, column_name STRING, "
                        "filter_expr STRING, enabled BOOLEAN, created_by STRING, "
                        "saved_at TIMESTAMP, saved_by STRING)",
                    {}, call);
        sql.execute("DELETE FROM " + target +
                        (b.tableFqn.empty() ? std::string()
                                            : " WHERE table_fqn = " + quoteLiteral(b.tableFqn)),
                    {}, call);
        if (!checks.empty()) {
          std::string values;
          for (const auto& s : checks) {
            const Check& c = s.check;
            const Json column = c.arguments.value("column", Json());
            values += std::string(values.empty() ? "" : ", ") + "(" + quoteLiteral(c.id) + ", " +
                      quoteLiteral(c.name) + ", " + quoteLiteral(c.tableFqn) + ", " +
                      quoteLiteral(criticalityName(c.criticality)) + ", " +
                      quoteLiteral(c.function) + ", " + quoteLiteral(c.arguments.dump()) + ", " +
                      (column.is_string() ? quoteLiteral(column.get<std::string>())
                                          : std::string("NULL")) +
                      ", " + (c.filter.empty() ? std::string("NULL") : quoteLiteral(c.filter)) +
                      ", " + (c.enabled ? "TRUE" : "FALSE") + ", " + quoteLiteral(s.createdBy) +
                      ", TIMESTAMP " + quoteLiteral(at) + ", " + quoteLiteral(user) + ")";
          }
          sql.execute("INSERT INTO " + target + " VALUES " + values, {}, call);
        }
        return Json{
            {"target_table", b.targetTable},
            {"count", checks.size()},
            {"message", "Saved " + std::to_string(checks.size()) + " checks to " + b.targetTable}};
      });
}

}  // namespace clxs::quality
