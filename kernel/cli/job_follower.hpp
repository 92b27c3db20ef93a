// Following a job from the command line until it ends: a progress bar on a terminal, plain
// lines otherwise; Ctrl-C cancels the job.
#pragma once

#include <string>

namespace clxs::kernel {

/// How to show a followed job.
struct FollowOptions {
  bool json = false;      ///< print the final job record as JSON instead of a summary
  bool terminal = false;  ///< draw a progress bar (stderr is a terminal)
};

/// Polls GET /api/clone/{id} until the job ends. Exit code 0 when it completed, 1 when it
/// completed with errors, failed or was cancelled.
int followJob(const std::string& base, const std::string& jobId, const FollowOptions& options);

/// Whether stderr is a terminal (progress bars go there).
bool stderrIsTerminal();

}  // namespace clxs::kernel
