#include "kernel/cli/job_follower.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "clxs/json.hpp"
#include "kernel/cli/server_client.hpp"

namespace clxs::kernel {
namespace {

// Set by the SIGINT handler; a lock-free atomic is safe to touch from it.
std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int) {
  interrupted = true;
}

bool terminal(const std::string& s) {
  return s == "completed" || s == "completed_with_errors" || s == "failed" || s == "cancelled";
}

std::string bar(std::int64_t done, std::int64_t total) {
  constexpr int kWidth = 30;
  const int filled = total > 0 ? static_cast<int>(done * kWidth / total) : 0;
  return "[" + std::string(static_cast<std::size_t>(filled), '#') +
         std::string(static_cast<std::size_t>(kWidth - filled), '.') + "]";
}

void printSummary(const Json& job) {
  const auto& r = job.contains("result") ? job["result"] : Json();
  std::cout << "status: " << text(job, "status") << "\n";
  if (!text(job, "error").empty()) std::cout << "error: " << text(job, "error") << "\n";
  if (!r.is_object()) return;
  for (const char* kind : {"schemas", "tables", "views", "functions", "volumes"}) {
    if (!r.contains(kind) || !r[kind].is_object()) continue;
    std::cout << kind << ": " << text(r[kind], "success") << " ok, " << text(r[kind], "failed")
              << " failed, " << text(r[kind], "skipped") << " skipped\n";
  }
  for (const char* field :
       {"restored", "dropped", "unchanged", "failed", "rollback_id", "duration_seconds"}) {
    if (r.contains(field) && !r[field].is_object()) {
      std::cout << field << ": " << text(r, field) << "\n";
    }
  }
  if (r.contains("errors") && r["errors"].is_array()) {
    for (const auto& e : r["errors"]) std::cout << "  ! " << e.get<std::string>() << "\n";
  }
}

}  // namespace

bool stderrIsTerminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

int followJob(const std::string& base, const std::string& jobId, const FollowOptions& options) {
  interrupted = false;
  auto previous = std::signal(SIGINT, onInterrupt);
  bool cancelSent = false;
  std::size_t logsShown = 0;
  std::string lastLine;
  Json job;
  for (;;) {
    if (interrupted && !cancelSent) {
      cancelSent = true;
      std::cerr << "\ncancelling job " << jobId << " ...\n";
      call(base, "DELETE", "/api/clone/" + jobId);
    }
    const auto r = call(base, "GET", "/api/clone/" + jobId);
    if (r.status != 200) {
      std::signal(SIGINT, previous);
      return fail(r);
    }
    job = r.body;
    const auto& progress = job["progress"];
    const std::int64_t done = progress.is_object() ? progress.value("completed", 0) : 0;
    const std::int64_t total = progress.is_object() ? progress.value("total", 0) : 0;
    const std::string current = progress.is_object() ? text(progress, "current") : "";
    if (options.terminal) {
      std::cerr << "\r" << bar(done, total) << " " << done << "/" << total << " "
                << current.substr(0, 40) << "\033[K" << std::flush;
    } else if (!options.json) {
      // Plain lines: the job's own log as it grows.
      const auto& logs = job["logs"];
      if (logs.is_array()) {
        if (logs.size() < logsShown) logsShown = 0;  // the server keeps the last lines only
        for (std::size_t i = logsShown; i < logs.size(); ++i) {
          std::cerr << logs[i].get<std::string>() << "\n";
        }
        logsShown = logs.size();
      }
      const std::string line = std::to_string(done) + "/" + std::to_string(total);
      if (total > 0 && line != lastLine) {
        std::cerr << "progress " << line << (current.empty() ? "" : " " + current) << "\n";
        lastLine = line;
      }
    }
    if (terminal(text(job, "status"))) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  std::signal(SIGINT, previous);
  if (options.terminal) std::cerr << "\n";
  if (options.json) {
    std::cout << job.dump(2) << "\n";
  } else {
    printSummary(job);
  }
  return text(job, "status") == "completed" ? 0 : 1;
}

}  // namespace clxs::kernel
