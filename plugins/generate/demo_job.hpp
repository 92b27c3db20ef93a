// The body of a demo_data job: check the catalog, run the plan, shape the result.
#pragma once

#include <functional>

#include "clxs/jobs.hpp"
#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/generate/demo_request.hpp"

namespace clxs::generate {

/// Topic published after a successful generation that named a dest_catalog:
/// {"catalog", "dest_catalog", "job_id"}. The clone plugin subscribes and clones.
inline constexpr const char* kGeneratedTopic = "demo_data.generated";

/// Called with the kGeneratedTopic payload.
using GeneratedCallback = std::function<void(const Json&)>;

/// Generates `request` on `workspace`. Fails when the catalog exists and drop_existing is
/// false, or when the catalog or its schemas cannot be created; ends with errors when some
/// statements failed (listed in the result's `errors`); calls `onGenerated` only after a run
/// without errors that named a dest_catalog.
JobOutcome runDemoJob(Workspace& workspace, const DemoRequest& request, JobContext& job,
                      const CallOptions& options, const GeneratedCallback& onGenerated);

}  // namespace clxs::generate
