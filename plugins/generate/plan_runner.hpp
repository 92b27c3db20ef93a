// Executes a demo-data plan on a workspace: phases in order, the chains of a phase on up to
// `workers` threads, progress after every step, failures collected rather than thrown.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "clxs/jobs.hpp"
#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/generate/demo_plan.hpp"

namespace clxs::generate {

/// What a run did.
struct RunStats {
  std::int64_t schemas = 0;       ///< schemas created
  std::int64_t tables = 0;        ///< tables created (industry and bronze)
  std::int64_t views = 0;         ///< views created
  std::int64_t functions = 0;     ///< functions created
  std::int64_t volumes = 0;       ///< volumes created
  std::int64_t files = 0;         ///< files written into volumes
  std::int64_t rows = 0;          ///< rows inserted into industry tables
  Json errors = Json::array();    ///< {industry, phase, object, step, error, sql}
  Json warnings = Json::array();  ///< things skipped that the workspace cannot do
  std::string fatal;              ///< why the run stopped early (a fatal phase failed)
};

/// Runs one plan. Not reusable: construct one per run.
class PlanRunner {
 public:
  /// `options.cancel` is replaced by the job's cancellation token.
  PlanRunner(Workspace& workspace, JobContext& job, CallOptions options, int workers);

  /// Runs every phase; returns early when a fatal phase fails. Throws JobCancelled when the
  /// job was cancelled (between statements; running statements get the cancel token).
  RunStats run(const Plan& plan);

 private:
  void runPhase(const Phase& phase);
  void runChain(const Phase& phase, const Chain& chain);
  void execute(const Step& step);
  void writeFile(const Step& step, const std::string& path, const std::string& content);
  void finished(const Phase& phase, const Step& step, std::int64_t skippedAfter);
  void failed(const Phase& phase, const Step& step, const std::string& message);
  bool stopping();

  Workspace& ws_;
  JobContext& job_;
  CallOptions options_;
  CancellationToken& token_;  // the job's
  int workers_;

  std::mutex mu_;  // guards everything below and serialises calls on job_
  RunStats stats_;
  std::int64_t done_ = 0;
  std::int64_t total_ = 0;
  std::int64_t tablesDone_ = 0;
  std::int64_t tablesTotal_ = 0;
  std::map<std::string, std::int64_t> batchesLeft_;
  std::map<std::string, std::int64_t> rowsByTable_;
  std::vector<std::string> industries_;  // in the plan's order, for industry_index
  bool phaseFailed_ = false;
  bool filesUnavailable_ = false;
};

/// Rows an INSERT reported (num_inserted_rows, else num_affected_rows), or `planned` when the
/// result carries neither.
std::int64_t insertedRows(const ResultSet& result, std::int64_t planned);

}  // namespace clxs::generate
