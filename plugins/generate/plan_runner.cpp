#include "plugins/generate/plan_runner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

#include "plugins/generate/sample_files.hpp"

namespace clxs::generate {
namespace {

constexpr std::size_t kSqlInErrors = 300;

std::optional<std::int64_t> integerIn(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number()) return static_cast<std::int64_t>(v.get<double>());
  if (v.is_string()) {
    try {
      return std::stoll(v.get<std::string>());
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::int64_t insertedRows(const ResultSet& result, std::int64_t planned) {
  if (result.rows.empty()) return planned;
  for (const char* name : {"num_inserted_rows", "num_affected_rows"}) {
    for (std::size_t i = 0; i < result.columns.size() && i < result.rows[0].size(); ++i) {
      if (result.columns[i].name != name) continue;
      if (auto n = integerIn(result.rows[0][i])) return *n;
    }
  }
  return planned;
}

PlanRunner::PlanRunner(Workspace& workspace, JobContext& job, CallOptions options, int workers)
    : ws_(workspace),
      job_(job),
      options_(std::move(options)),
      token_(job.cancellation()),
      workers_(std::max(1, workers)) {
  options_.cancel = &token_;
  // A remote workspace retries throttled requests itself; the job log shows each retry.
  options_.onRetry = [&job](const std::string& message) { job.log(message); };
}

RunStats PlanRunner::run(const Plan& plan) {
  total_ = plan.totalSteps;
  tablesTotal_ = plan.tablesTotal;
  for (const auto& p : plan.phases) {
    if (!p.industry.empty() &&
        std::find(industries_.begin(), industries_.end(), p.industry) == industries_.end()) {
      industries_.push_back(p.industry);
    }
  }
  for (const auto& p : plan.phases) {
    for (const auto& c : p.chains) {
      for (const auto& s : c) {
        if (s.counts == Counter::Rows) ++batchesLeft_[s.table];
      }
    }
  }
  std::string industry;
  for (const auto& phase : plan.phases) {
    job_.checkCancelled();
    if (phase.industry != industry && !phase.industry.empty()) {
      industry = phase.industry;
      job_.log("Generating industry " + industry);
    }
    phaseFailed_ = false;
    runPhase(phase);
    if (token_.cancelled.load()) throw JobCancelled();
    job_.checkCancelled();
    if (phase.fatal && phaseFailed_) {
      stats_.fatal = "Phase '" + phase.name + "' failed: " +
                     stats_.errors.back().value("error", std::string("unknown error"));
      job_.log("Stopping: " + stats_.fatal);
      break;
    }
  }
  return stats_;
}

void PlanRunner::runPhase(const Phase& phase) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= phase.chains.size() || stopping()) return;
      runChain(phase, phase.chains[i]);
    }
  };
  const std::size_t n =
      std::min<std::size_t>(static_cast<std::size_t>(workers_), phase.chains.size());
  if (n <= 1) {
    work();
    return;
  }
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (std::size_t i = 0; i < n; ++i) threads.emplace_back(work);
  for (auto& t : threads) t.join();
}

void PlanRunner::runChain(const Phase& phase, const Chain& chain) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (stopping()) return;
    const Step& step = chain[i];
    try {
      execute(step);
    } catch (const std::exception& e) {
      if (token_.cancelled.load()) return;
      failed(phase, step, e.what());
      // The rest of the chain builds on this step (a table's constraints on the table).
      finished(phase, step, static_cast<std::int64_t>(chain.size() - i - 1));
      return;
    }
    finished(phase, step, 0);
  }
}

void PlanRunner::execute(const Step& step) {
  switch (step.kind) {
    case StepKind::Sql: {
      const ResultSet r = ws_.sql().execute(step.sql, {}, options_);
      std::lock_guard<std::mutex> lock(mu_);
      switch (step.counts) {
        case Counter::Schema:
          ++stats_.schemas;
          break;
        case Counter::Table:
          ++stats_.tables;
          break;
        case Counter::View:
          ++stats_.views;
          break;
        case Counter::Function:
          ++stats_.functions;
          break;
        case Counter::Volume:
          ++stats_.volumes;
          break;
        case Counter::Rows: {
          const std::int64_t n = insertedRows(r, step.rows);
          stats_.rows += n;
          rowsByTable_[step.table] += n;
          break;
        }
        case Counter::None:
          break;
      }
      return;
    }
    case StepKind::WriteSample: {
      const ResultSet r = ws_.sql().execute(step.sql, {}, options_);
      writeFile(step, step.path + ".csv", toCsv(r));
      writeFile(step, step.path + ".json", toJsonLines(r));
      return;
    }
    case StepKind::WriteFile:
      writeFile(step, step.path, step.content);
      return;
  }
}

void PlanRunner::writeFile(const Step& step, const std::string& path, const std::string& content) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (filesUnavailable_) return;
  }
  try {
    ws_.files().writeFile(path, content, true, options_);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::Unavailable) throw;
    // A workspace without a Files API: say so once instead of failing every file.
    std::lock_guard<std::mutex> lock(mu_);
    if (!filesUnavailable_) {
      filesUnavailable_ = true;
      stats_.warnings.push_back({{"step", step.label}, {"warning", e.what()}});
      job_.log(std::string("Volume files not written: ") + e.what());
    }
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.files;
}

void PlanRunner::finished(const Phase& phase, const Step& step, std::int64_t skippedAfter) {
  std::lock_guard<std::mutex> lock(mu_);
  done_ += 1 + skippedAfter;
  if (step.counts == Counter::Rows) {
    auto& left = batchesLeft_[step.table];
    if (--left == 0) {
      ++tablesDone_;
      job_.log("Loaded " + step.table + " (" + std::to_string(rowsByTable_[step.table]) + " rows)");
    }
  }
  // current_industry, industry_index (1-based), total_industries and current_phase are the
  // original's progress fields, which its web UI's demo-data panel reads; a catalog-wide phase
  // (bronze, silver, gold, ...) counts as after the last industry, as there.
  const auto at = std::find(industries_.begin(), industries_.end(), phase.industry);
  const auto index =
      static_cast<std::int64_t>(at - industries_.begin()) + (at == industries_.end() ? 0 : 1);
  const std::string uiPhase =
      phase.name == "data" || phase.name == "keys" ? "tables"
      : phase.name == "flaws" || phase.name == "spikes" || phase.name == "data_catalog"
          ? "enrichment"
          : phase.name;
  job_.progress(done_, total_, step.label,
                Json{{"industry", phase.industry.empty() ? Json(nullptr) : Json(phase.industry)},
                     {"phase", phase.name},
                     {"tables_done", tablesDone_},
                     {"tables_total", tablesTotal_},
                     {"rows_inserted", stats_.rows},
                     {"current_industry", phase.industry.empty() ? phase.name : phase.industry},
                     {"industry_index", index},
                     {"total_industries", static_cast<std::int64_t>(industries_.size())},
                     {"current_phase", uiPhase}});
}

void PlanRunner::failed(const Phase& phase, const Step& step, const std::string& message) {
  std::lock_guard<std::mutex> lock(mu_);
  phaseFailed_ = true;
  std::string sql = step.sql.substr(0, kSqlInErrors);
  if (step.sql.size() > kSqlInErrors) sql += "...";
  stats_.errors.push_back({{"industry", phase.industry},
                           {"phase", phase.name},
                           {"object", step.object},
                           {"step", step.label},
                           {"error", message},
                           {"sql", sql}});
  job_.log("ERROR " + step.label + ": " + message);
}

bool PlanRunner::stopping() {
  return token_.cancelled.load();
}

}  // namespace clxs::generate
