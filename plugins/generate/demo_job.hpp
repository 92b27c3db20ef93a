// The body of a demo_data job: check the catalog, run the plan, shape the result.
#pragma once

#include <functional>

#include "clxs/event_types.hpp"
#include "clxs/jobs.hpp"
#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/generate/demo_request.hpp"

namespace clxs::generate {

/// Called after a successful generation that named a dest_catalog, with the
/// demo_data.generated event (clxs/event_types.hpp); the clone plugin subscribes and clones.
using GeneratedCallback = std::function<void(const events::DemoDataGenerated&)>;

/// Generates `request` on `workspace`. Fails when the catalog exists and drop_existing is
/// false, or when the catalog or its schemas cannot be created; ends with errors when some
/// statements failed (listed in the result's `errors`); calls `onGenerated` only after a run
/// without errors that named a dest_catalog.
JobOutcome runDemoJob(Workspace& workspace, const DemoRequest& request, JobContext& job,
                      const CallOptions& options, const GeneratedCallback& onGenerated);

}  // namespace clxs::generate
