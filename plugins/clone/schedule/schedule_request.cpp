#include "plugins/clone/schedule/schedule_request.hpp"

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "clxs/cron.hpp"
#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/clone_service.hpp"

namespace clxs::clone::schedule {
namespace {

Json loc(const std::string& field) {
  return Json::array({"body", field});
}

std::string str(const Json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string knownTemplates(const std::vector<CloneTemplate>& templates) {
  std::string out;
  for (const auto& t : templates) {
    if (t.error.empty()) out += (out.empty() ? "" : ", ") + t.key;
  }
  return out;
}

// A catalog given under its spec name or its alias.
std::string catalogOf(const std::optional<std::string>& name,
                      const std::optional<std::string>& alias) {
  return name.value_or(alias.value_or(""));
}

Field jobTypeField(std::vector<Json> types, std::string description) {
  return Field::string().oneOf(std::move(types)).describe(std::move(description));
}

}  // namespace

const Schema<ScheduleFields>& ScheduleFields::schema() {
  using F = ScheduleFields;
  static const auto s =
      Schema<F>("ScheduleFields")
          .field("name", &F::name,
                 Field::string().required().minLength(1).maxLength(200).describe(
                     "Display name of the schedule"))
          .field("source_catalog", &F::sourceCatalog,
                 Field::string().identifier().describe("Source catalog (required, or source)"))
          .field("destination_catalog", &F::destinationCatalog,
                 Field::string().identifier().describe(
                     "Destination catalog (required, or destination)"))
          .field("source", &F::source,
                 Field::string().identifier().describe(
                     "source_catalog as the original web UI names it"))
          .field("destination", &F::destination,
                 Field::string().identifier().describe(
                     "destination_catalog as the original web UI names it"))
          .field("cron", &F::cron,
                 Field::string().required().minLength(1).maxLength(200).describe(
                     "Five-field cron expression (minute hour day-of-month month "
                     "day-of-week), evaluated in UTC; names (MON, JAN), lists, ranges, steps "
                     "and @daily-style macros are accepted"))
          .field("clone_type", &F::cloneType,
                 Field::string()
                     .oneOf({"DEEP", "SHALLOW"})
                     .caseInsensitive()
                     .describe("DEEP or SHALLOW; default: the template's, else DEEP"))
          .field("template", &F::templateKey,
                 Field::string().maxLength(100).describe(
                     "Clone template (GET /api/templates) whose settings the run starts from; "
                     "the schedule's own fields win"))
          .field("schema_name", &F::schemaName,
                 Field::string().identifier().describe(
                     "Schema to sync; required for incremental_sync"))
          .field("warehouse_id", &F::warehouseId, "SQL warehouse (Databricks)")
          .field("dry_run", &F::dryRun, "Runs plan only, write nothing")
          .field("drop_extra", &F::dropExtra, "sync: drop objects only the destination has")
          .field("sync_mode", &F::syncMode,
                 Field::string().maxLength(100).describe("sync: passed through to the sync job"))
          .field("options", &F::options,
                 Field::object().describe(
                     "More fields of the run's request body (include_schemas, max_workers, "
                     "...), applied over the template"))
          // The kernel's validator requires a name; a body built in code did not pass it.
          .check([](const F& f) {
            if (f.name.empty()) {
              throw unprocessable(loc("name"), "name is required", "value_error.missing");
            }
            Json missing = Json::array();
            for (const auto& [value, alias, field] :
                 {std::tuple{&f.sourceCatalog, &f.source, "source_catalog"},
                  std::tuple{&f.destinationCatalog, &f.destination, "destination_catalog"}}) {
              if (value->has_value() && alias->has_value() &&
                  lowerAscii(**value) != lowerAscii(**alias)) {
                throw unprocessable(loc(field),
                                    std::string(field) + " and its alias name different catalogs");
              }
              if (value->value_or(alias->value_or("")).empty()) {
                missing.push_back(
                    Json{{"loc", loc(field)}, {"msg", "Field required"}, {"type", "missing"}});
              }
            }
            if (!missing.empty()) {
              throw HttpError(422, missing, "source_catalog and destination_catalog are required");
            }
            if (lowerAscii(catalogOf(f.sourceCatalog, f.source)) ==
                lowerAscii(catalogOf(f.destinationCatalog, f.destination))) {
              throw unprocessable(loc("destination_catalog"),
                                  "destination_catalog must differ from source_catalog");
            }
          });
  return s;
}

const Schema<ScheduleCreate>& ScheduleCreate::schema() {
  static const auto s = [] {
    std::vector<Json> types(jobTypes().begin(), jobTypes().end());
    return Schema<ScheduleCreate>("ScheduleCreate")
        .include(&ScheduleCreate::fields)
        .field("job_type", &ScheduleCreate::jobType,
               jobTypeField(std::move(types),
                            "What each run submits: clone (POST /api/clone), sync (POST "
                            "/api/sync) or incremental_sync (POST /api/incremental/sync)"))
        .check([](const ScheduleCreate& r) { requireJobType(r.jobType); });
  }();
  return s;
}

const Schema<CloneScheduleCreate>& CloneScheduleCreate::schema() {
  static const auto s =
      Schema<CloneScheduleCreate>("CloneScheduleCreate")
          .include(&CloneScheduleCreate::fields)
          .field("job_type", &CloneScheduleCreate::jobType,
                 jobTypeField({"clone"}, "Always clone on this route"))
          .check([](const CloneScheduleCreate& r) {
            if (r.jobType != "clone") {
              throw unprocessable(loc("job_type"),
                                  "this route schedules clones only; use POST /api/schedules "
                                  "for sync and incremental_sync");
            }
          });
  return s;
}

ScheduleDraft buildDraft(const ScheduleCreate& request,
                         const std::vector<CloneTemplate>& templates) {
  const ScheduleFields& f = request.fields;
  ScheduleDraft d;
  d.name = f.name;
  d.jobType = request.jobType;

  try {
    d.cron = CronExpression::parse(f.cron).text();
  } catch (const CronError& e) {
    throw unprocessable(loc("cron"), std::string("cron ") + e.what());
  }

  Json job = Json::object();
  const std::string key = f.templateKey.value_or("");
  if (!key.empty()) {
    const CloneTemplate* t = findTemplate(templates, key);
    if (t == nullptr) {
      throw unprocessable(loc("template"),
                          "unknown template '" + key + "'; known: " + knownTemplates(templates));
    }
    if (!t->error.empty()) {
      throw unprocessable(loc("template"), "template '" + key + "' cannot be used: " + t->error);
    }
    d.templateKey = key;
    job = t->config;
  }

  if (f.options) {
    Json options = *f.options;
    if (!options.is_object()) throw unprocessable(loc("options"), "options must be an object");
    const auto why = normalizeCloneFields(options);
    if (!why.empty()) throw unprocessable(Json::array({"body", "options"}), "options." + why);
    for (const auto& [k, v] : options.items()) job[k] = v;
  }
  if (job.contains("resume_job_id")) {
    throw unprocessable(Json::array({"body", "options", "resume_job_id"}),
                        "a schedule cannot resume one fixed job at every run");
  }

  Json own = ScheduleFields::schema().toJson(f);
  own["source_catalog"] = catalogOf(f.sourceCatalog, f.source);
  own["destination_catalog"] = catalogOf(f.destinationCatalog, f.destination);
  for (const char* field : {"source_catalog", "destination_catalog", "clone_type", "warehouse_id",
                            "dry_run", "drop_extra", "sync_mode", "schema_name"}) {
    if (!own[field].is_null()) job[field] = own[field];
  }
  if (!job.contains("clone_type") || !job["clone_type"].is_string()) job["clone_type"] = "DEEP";
  const auto why = normalizeCloneFields(job);
  if (!why.empty()) throw unprocessable(Json::array({"body"}), why);

  if (!key.empty()) {
    for (const auto& field : findTemplate(templates, key)->required) {
      const auto it = job.find(field);
      if (it == job.end() || it->is_null()) {
        throw unprocessable(Json::array({"body", "options", field}),
                            "template '" + key + "' requires " + field + " in options");
      }
    }
  }

  (void)parseJobRequest(d.jobType, job);
  d.sourceCatalog = str(job, "source_catalog");
  d.destinationCatalog = str(job, "destination_catalog");
  d.cloneType = str(job, "clone_type");
  d.schemaName = str(job, "schema_name");
  d.jobBody = std::move(job);
  return d;
}

}  // namespace clxs::clone::schedule
