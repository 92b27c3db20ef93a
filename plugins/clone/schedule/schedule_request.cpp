#include "plugins/clone/schedule/schedule_request.hpp"

#include <algorithm>

#include "clxs/error.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/schedule/cron_expression.hpp"
#include "plugins/clone/sync_request.hpp"

namespace clxs::clone::schedule {
namespace {

Json loc(const std::string& field) {
  return Json::array({"body", field});
}

std::string str(const Json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool present(const Json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && !it->is_null();
}

std::string knownTemplates(const std::vector<CloneTemplate>& templates) {
  std::string out;
  for (const auto& t : templates) {
    if (t.error.empty()) out += (out.empty() ? "" : ", ") + t.key;
  }
  return out;
}

}  // namespace

const std::vector<std::string>& jobTypes() {
  static const std::vector<std::string> kTypes = {"clone", "sync", "incremental_sync"};
  return kTypes;
}

Model scheduleRequestModel(bool cloneOnly) {
  std::vector<Json> types;
  if (cloneOnly) {
    types.emplace_back("clone");
  } else {
    for (const auto& t : jobTypes()) types.emplace_back(t);
  }
  Model m(cloneOnly ? "CloneScheduleCreate" : "ScheduleCreate");
  m.field("name", Field::string().required().minLength(1).maxLength(200).describe(
                      "Display name of the schedule"))
      .field("source_catalog", Field::string().required().identifier().describe("Source catalog"))
      .field("destination_catalog",
             Field::string().required().identifier().describe("Destination catalog"))
      .field("cron", Field::string().required().minLength(1).maxLength(200).describe(
                         "Five-field cron expression (minute hour day-of-month month "
                         "day-of-week), evaluated in UTC; names (MON, JAN), lists, ranges, "
                         "steps and @daily-style macros are accepted"))
      .field("clone_type", Field::string()
                               .oneOf({"DEEP", "SHALLOW"})
                               .caseInsensitive()
                               .nullable()
                               .describe("DEEP or SHALLOW; default: the template's, else DEEP"))
      .field("job_type",
             Field::string()
                 .oneOf(types)
                 .defaultsTo(cloneOnly ? "clone" : "sync")
                 .describe(cloneOnly ? "Always clone on this route"
                                     : "What each run submits: clone (POST /api/clone), sync "
                                       "(POST /api/sync) or incremental_sync (POST "
                                       "/api/incremental/sync)"))
      .field("template", Field::string().nullable().maxLength(100).describe(
                             "Clone template (GET /api/templates) whose settings the run "
                             "starts from; the schedule's own fields win"))
      .field("schema_name", Field::string().identifier().nullable().describe(
                                "Schema to sync; required for incremental_sync"))
      .field("warehouse_id", Field::string().nullable().describe("SQL warehouse (Databricks)"))
      .field("dry_run", Field::boolean().nullable().describe("Runs plan only, write nothing"))
      .field("drop_extra",
             Field::boolean().nullable().describe("sync: drop objects only the destination has"))
      .field("sync_mode", Field::string().nullable().maxLength(100).describe(
                              "sync: passed through to the sync job"))
      .field("options", Field::object().nullable().describe(
                            "More fields of the run's request body (include_schemas, "
                            "max_workers, ...), applied over the template"));
  return m;
}

void validateJobBody(const std::string& jobType, const Json& body) {
  if (jobType == "clone") {
    (void)parseCloneOptions(body);
    return;
  }
  if (jobType == "sync") {
    (void)parseSyncOptions(body);
    return;
  }
  if (jobType == "incremental_sync") {
    (void)parseIncrementalOptions(body);
    return;
  }
  std::string known;
  for (const auto& t : jobTypes()) known += (known.empty() ? "" : ", ") + t;
  throw unprocessable(loc("job_type"),
                      "job_type must be one of " + known + ", not '" + jobType + "'");
}

ScheduleDraft buildDraft(const Json& body, const std::vector<CloneTemplate>& templates) {
  ScheduleDraft d;
  d.name = str(body, "name");
  if (d.name.empty()) throw unprocessable(loc("name"), "name is required", "value_error.missing");
  d.jobType = present(body, "job_type") ? str(body, "job_type") : "sync";
  if (std::find(jobTypes().begin(), jobTypes().end(), d.jobType) == jobTypes().end()) {
    validateJobBody(d.jobType, body);  // throws the job_type 422
  }

  try {
    d.cron = CronExpression::parse(str(body, "cron")).text();
  } catch (const CronError& e) {
    throw unprocessable(loc("cron"), std::string("cron ") + e.what());
  }

  Json job = Json::object();
  const std::string key = str(body, "template");
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

  if (present(body, "options")) {
    Json options = body["options"];
    if (!options.is_object()) throw unprocessable(loc("options"), "options must be an object");
    const auto why = normalizeCloneFields(options);
    if (!why.empty()) throw unprocessable(Json::array({"body", "options"}), "options." + why);
    for (const auto& [k, v] : options.items()) job[k] = v;
  }
  if (job.contains("resume_job_id")) {
    throw unprocessable(Json::array({"body", "options", "resume_job_id"}),
                        "a schedule cannot resume one fixed job at every run");
  }

  for (const char* field : {"source_catalog", "destination_catalog", "clone_type", "warehouse_id",
                            "dry_run", "drop_extra", "sync_mode", "schema_name"}) {
    if (present(body, field)) job[field] = body[field];
  }
  if (!job.contains("clone_type") || !job["clone_type"].is_string()) job["clone_type"] = "DEEP";
  const auto why = normalizeCloneFields(job);
  if (!why.empty()) throw unprocessable(Json::array({"body"}), why);

  if (!key.empty()) {
    for (const auto& field : findTemplate(templates, key)->required) {
      if (!present(job, field.c_str())) {
        throw unprocessable(Json::array({"body", "options", field}),
                            "template '" + key + "' requires " + field + " in options");
      }
    }
  }

  validateJobBody(d.jobType, job);
  d.sourceCatalog = str(job, "source_catalog");
  d.destinationCatalog = str(job, "destination_catalog");
  d.cloneType = str(job, "clone_type");
  d.schemaName = str(job, "schema_name");
  d.jobBody = std::move(job);
  return d;
}

}  // namespace clxs::clone::schedule
