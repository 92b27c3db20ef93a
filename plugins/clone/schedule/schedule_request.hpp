// The create-schedule request: its typed models, and the checks that refuse at creation a
// schedule that could never run (bad cron, unknown template, a job body its route would
// refuse).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/schema.hpp"
#include "plugins/clone/schedule/clone_templates.hpp"
#include "plugins/clone/shared_models.hpp"

namespace clxs::clone::schedule {

/// The fields of a schedule but its job type. Those a run's request body shares are
/// optional: absent, the template's value (or the route's default) applies.
struct ScheduleFields {
  std::string name;
  std::optional<std::string> sourceCatalog;       ///< source_catalog
  std::optional<std::string> destinationCatalog;  ///< destination_catalog
  std::optional<std::string> source;              ///< the original web UI's name for it
  std::optional<std::string> destination;         ///< the original web UI's name for it
  std::string cron;
  std::optional<std::string> cloneType;
  std::optional<std::string> templateKey;
  std::optional<std::string> schemaName;
  std::optional<std::string> warehouseId;
  std::optional<bool> dryRun;
  std::optional<bool> dropExtra;
  std::optional<std::string> syncMode;
  std::optional<Json> options;
  static const Schema<ScheduleFields>& schema();
};

/// The body of POST /api/schedules.
struct ScheduleCreate {
  ScheduleFields fields;
  std::string jobType = "sync";  ///< clone, sync or incremental_sync
  static const Schema<ScheduleCreate>& schema();
};

/// The body of POST /api/schedule, whose job_type can only be "clone".
struct CloneScheduleCreate {
  ScheduleFields fields;
  std::string jobType = "clone";
  static const Schema<CloneScheduleCreate>& schema();
};

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

/// Builds the draft of a parsed request: parses the cron, applies the template under the
/// request's own fields (template < options < named fields) and checks the resulting job
/// body as its route would. Throws HttpError 422 naming the field at fault, or 501 for a
/// capability the job needs and this build lacks.
ScheduleDraft buildDraft(const ScheduleCreate& request,
                         const std::vector<CloneTemplate>& templates);

}  // namespace clxs::clone::schedule
