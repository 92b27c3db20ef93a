// The create-schedule request: its model, and the checks that refuse at creation a schedule
// that could never run (bad cron, unknown template, a job body its route would refuse).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "plugins/clone/schedule/clone_templates.hpp"

namespace clxs::clone::schedule {

/// A validated schedule, ready to store.
struct ScheduleDraft {
  std::string name;                ///< display name
  std::string jobType;             ///< clone, sync or incremental_sync
  std::string cron;                ///< expression as given, trimmed
  std::string sourceCatalog;       ///< source
  std::string destinationCatalog;  ///< destination
  std::string cloneType;           ///< DEEP or SHALLOW (request, else template, else DEEP)
  std::string templateKey;         ///< empty: none
  std::string schemaName;          ///< incremental_sync's schema; empty otherwise
  Json jobBody = Json::object();   ///< what each run submits
};

/// The job types a schedule can run.
const std::vector<std::string>& jobTypes();

/// Body model of POST /api/schedules; with `cloneOnly` the model of POST /api/schedule,
/// whose job_type can only be "clone".
Model scheduleRequestModel(bool cloneOnly);

/// Builds the draft from a body the model validated: parses the cron, applies the template
/// under the request's own fields (template < options < named fields) and checks the
/// resulting job body as its route would. Throws HttpError 422 naming the field at fault,
/// or 501 for a capability the job needs and this build lacks.
ScheduleDraft buildDraft(const Json& body, const std::vector<CloneTemplate>& templates);

/// Checks a job body with the parse of its route (POST /api/clone, /api/sync or
/// /api/incremental/sync), the one CloneService::submitByType runs; throws its 422/501.
void validateJobBody(const std::string& jobType, const Json& body);

}  // namespace clxs::clone::schedule
