// A clxs::Jobs for unit tests: runs each job on submit, on the caller's thread, and keeps its
// outcome and progress for the test to read.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "clxs/cancellation.hpp"
#include "clxs/jobs.hpp"

namespace clxs::testing {

/// See the file comment.
class InlineJobs final : public Jobs {
 public:
  /// One job run.
  struct Run {
    JobSpec spec;                ///< as submitted
    JobOutcome outcome;          ///< how it ended
    std::vector<Json> progress;  ///< every progress report, in order
  };

  std::string submitGuarded(JobSpec spec, GuardedJobFn fn) override {
    const std::string id = "job-" + std::to_string(runs_.size() + 1);
    Context ctx(id, spec.params);
    JobOutcome outcome = fn(ctx);
    runs_.emplace(id, Run{std::move(spec), std::move(outcome), std::move(ctx.reports)});
    return id;
  }
  [[nodiscard]] std::optional<Json> get(const std::string& id) const override {
    const auto it = runs_.find(id);
    if (it == runs_.end()) return std::nullopt;
    return Json{{"job_id", id}, {"result", it->second.outcome.result}};
  }
  [[nodiscard]] std::vector<Json> list(const std::string&) const override { return {}; }
  bool cancel(const std::string&) override { return false; }

  /// The run of job `id` (throws std::out_of_range for an unknown id).
  const Run& run(const std::string& id) const { return runs_.at(id); }

 private:
  struct Context final : JobContext {
    Context(std::string id, Json params) : id_(std::move(id)), params_(std::move(params)) {}
    const std::string& id() const override { return id_; }
    const Json& params() const override { return params_; }
    void progress(std::int64_t completed, std::int64_t total, const std::string& current,
                  const Json&) override {
      reports.push_back(Json{{"completed", completed}, {"total", total}, {"current", current}});
    }
    void log(std::string_view) override {}
    CancellationToken& cancellation() override { return token_; }
    bool cancelRequested() const override { return false; }
    std::vector<Json> reports;

   private:
    std::string id_;
    Json params_;
    CancellationToken token_;
  };
  std::map<std::string, Run> runs_;
};

}  // namespace clxs::testing
