// The clone engine's own cost, in process, over an in-memory workspace behind a
// FaultInjector that only adds latency (bench/clone.sh runs it):
//   (a) orchestration overhead: a catalog of one schema with N tables (500), every workspace
//       call taking L ms (20), parallel_tables P (8) and max_workers 1. The makespan of
//       runClone is compared with ceil(calls / P) x L, where calls is every call the runner
//       made (result["calls"]["calls"]: the writes of sql_summary plus reads and metadata
//       calls). That ideal also spreads the run's serial calls (discovery, catalog and
//       schema creation) over P workers, so it is a bound no schedule reaches; the critical
//       path is printed too: the serial calls one after another, then the tables P at a time,
//       each table's calls one after another (the serial and per-table counts come from two
//       tiny runs of 1 and 2 tables first).
//   (b) rate limit: the same with max_rps R (20) and enough tables for about S calls (200);
//       the rate is the calls over the makespan, and also the steady rate between the first
//       and the last call that reached the in-memory workspace.
// Prints a table and `result: key=value` lines; exits 1 when a table failed to clone.
//
//   clone_bench [--tables N] [--latency-ms L] [--parallel P] [--rps R] [--rps-calls S]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

#include "clxs/testing/fault_injector.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/clone_run.hpp"
#include "plugins/clone/statement_runner.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using clxs::Json;

struct Args {
  int tables = 500;
  int latencyMs = 20;
  int parallel = 8;
  double rps = 20;
  int rpsCalls = 200;
};

// The calls a run makes: `fixed` whatever the number of tables (discovery, the catalog and
// the schema), one after another, and `perTable` for each table (CLONE, grants, tags).
struct Shape {
  std::int64_t fixed = 0;
  std::int64_t perTable = 0;
};

struct Measured {
  Json result;
  double seconds = 0;
  std::int64_t calls = 0;
  std::int64_t writes = 0;
  double steadyRate = 0;  // calls per second between the first and last forwarded call
};

Measured cloneOnce(int tables, int latencyMs, int parallel, double maxRps) {
  auto memory = std::make_shared<clxs::testing::MemoryWorkspace>("bench");
  memory->addCatalog({"src", "", "bench"});
  for (int i = 0; i < tables; ++i) {
    memory->addTable({.catalog = "src",
                      .schema = "s",
                      .name = "t_" + std::to_string(i),
                      .tableType = "MANAGED",
                      .format = "DELTA",
                      .owner = "bench"});
  }
  // Every statement succeeds with an empty result; each call waits the latency first.
  memory->onSql([](std::string_view) { return clxs::ResultSet{}; });
  const auto faults = clxs::testing::FaultInjector::install(
      *memory, clxs::testing::FaultSettings{.latency = std::chrono::milliseconds(latencyMs)});
  const auto& faulty = memory;
  auto options = clxs::clone::parseCloneOptions({{"source_catalog", "src"},
                                                 {"destination_catalog", "dst"},
                                                 {"max_workers", 1},
                                                 {"parallel_tables", parallel},
                                                 {"max_rps", maxRps}});
  clxs::CancellationToken token;
  clxs::clone::StatementRunner runner(faulty, clxs::clone::runnerSettings(options), token, {});
  const clxs::clone::RunIdentity identity;
  const clxs::clone::ProgressFn progress;
  Measured m;
  const auto t0 = Clock::now();
  m.result = clxs::clone::runClone(options, runner, nullptr, identity, progress);
  m.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  m.calls = m.result["calls"]["calls"].get<std::int64_t>();
  m.writes = m.result["sql_summary"]["total_statements"].get<std::int64_t>();
  if (m.calls != faults->counters().calls) {
    throw std::runtime_error("the runner counted " + std::to_string(m.calls) +
                             " calls, the workspace " + std::to_string(faults->counters().calls));
  }
  const auto calls = memory->calls();
  if (calls.size() > 1) {
    const double span = std::chrono::duration<double>(calls.back().at - calls.front().at).count();
    if (span > 0) m.steadyRate = static_cast<double>(calls.size() - 1) / span;
  }
  const auto ok = m.result["tables"]["success"].get<int>();
  if (ok != tables) {
    throw std::runtime_error(std::to_string(tables - ok) +
                             " tables were not cloned: " + m.result["errors"].dump());
  }
  return m;
}

bool parse(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    const char* v = argv[++i];
    if (flag == "--tables") {
      a.tables = std::atoi(v);
    } else if (flag == "--latency-ms") {
      a.latencyMs = std::atoi(v);
    } else if (flag == "--parallel") {
      a.parallel = std::atoi(v);
    } else if (flag == "--rps") {
      a.rps = std::atof(v);
    } else if (flag == "--rps-calls") {
      a.rpsCalls = std::atoi(v);
    } else {
      return false;
    }
  }
  return a.tables >= 1 && a.tables <= 100000 && a.latencyMs >= 1 && a.latencyMs <= 1000 &&
         a.parallel >= 1 && a.parallel <= 64 && a.rps > 0 && a.rps <= 1000 && a.rpsCalls >= 1 &&
         a.rpsCalls <= 100000;
}

const char* verdict(bool met) {
  return met ? "met" : "MISSED";
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (!parse(argc, argv, a)) {
    std::fprintf(stderr,
                 "usage: clone_bench [--tables 1..100000] [--latency-ms 1..1000] "
                 "[--parallel 1..64] [--rps (0, 1000]] [--rps-calls 1..100000]\n");
    return 2;
  }
  try {
    // The shape of a run, from two tiny ones with the shortest latency.
    const auto one = cloneOnce(1, 1, 1, 0);
    const auto two = cloneOnce(2, 1, 1, 0);
    const Shape shape{one.calls - (two.calls - one.calls), two.calls - one.calls};
    if (shape.perTable < 1 || shape.fixed < 0) throw std::runtime_error("unexpected run shape");
    // (a) orchestration overhead.
    const auto over = cloneOnce(a.tables, a.latencyMs, a.parallel, 0);
    const double ideal =
        std::ceil(static_cast<double>(over.calls) / a.parallel) * a.latencyMs / 1000.0;
    const double ratio = over.seconds / ideal;
    // Only meaningful when the run made the calls the shape predicts.
    const bool shapeKnown = over.calls == shape.fixed + shape.perTable * a.tables;
    const double critical =
        (static_cast<double>(shape.fixed) + std::ceil(static_cast<double>(a.tables) / a.parallel) *
                                                static_cast<double>(shape.perTable)) *
        a.latencyMs / 1000.0;
    // (b) rate limit.
    const int rpsTables =
        static_cast<int>(std::max<std::int64_t>(1, (a.rpsCalls - shape.fixed) / shape.perTable));
    const auto limited = cloneOnce(rpsTables, a.latencyMs, a.parallel, a.rps);
    const double rate = static_cast<double>(limited.calls) / limited.seconds;
    const double rateErr = std::abs(rate - a.rps) / a.rps;
    const double steadyErr = std::abs(limited.steadyRate - a.rps) / a.rps;

    std::printf("(a) %d tables, %d ms per call, parallel_tables %d, max_workers 1\n", a.tables,
                a.latencyMs, a.parallel);
    std::printf(
        "    calls %lld (writes %lld, reads and metadata calls %lld): %lld serial, then %lld "
        "per table\n",
        static_cast<long long>(over.calls), static_cast<long long>(over.writes),
        static_cast<long long>(over.calls - over.writes), static_cast<long long>(shape.fixed),
        static_cast<long long>(shape.perTable));
    std::printf("(b) %d tables, %d ms per call, parallel_tables %d, max_rps %g: %lld calls\n\n",
                rpsTables, a.latencyMs, a.parallel, a.rps, static_cast<long long>(limited.calls));
    std::printf("%-40s %10s %10s %7s %8s %s\n", "measure", "measured", "ideal", "ratio", "target",
                "result");
    std::printf("%-40s %9.3fs %9.3fs %7.3f %8s %s\n", "(a) makespan vs ceil(calls/P) x latency",
                over.seconds, ideal, ratio, "<= 1.1", verdict(ratio <= 1.1));
    if (shapeKnown) {
      std::printf("%-40s %9.3fs %9.3fs %7.3f %8s %s\n", "(a) makespan vs its critical path",
                  over.seconds, critical, over.seconds / critical, "-", "-");
    }
    std::printf("%-40s %8.2f/s %8.2f/s %6.1f%% %8s %s\n", "(b) calls / makespan at max_rps", rate,
                a.rps, rateErr * 100, "<= 5%", verdict(rateErr <= 0.05));
    std::printf("%-40s %8.2f/s %8.2f/s %6.1f%% %8s %s\n", "(b) steady rate, first to last call",
                limited.steadyRate, a.rps, steadyErr * 100, "<= 5%", verdict(steadyErr <= 0.05));
    std::printf("\nresult: tables=%d latency_ms=%d parallel=%d calls=%lld writes=%lld\n", a.tables,
                a.latencyMs, a.parallel, static_cast<long long>(over.calls),
                static_cast<long long>(over.writes));
    char criticalText[32] = "n/a";
    if (shapeKnown) std::snprintf(criticalText, sizeof criticalText, "%.3f", critical);
    std::printf("result: makespan_s=%.3f ideal_s=%.3f ratio=%.3f critical_s=%s\n", over.seconds,
                ideal, ratio, criticalText);
    std::printf("result: rps=%g rps_calls=%lld rps_makespan_s=%.3f rate=%.2f steady_rate=%.2f\n",
                a.rps, static_cast<long long>(limited.calls), limited.seconds, rate,
                limited.steadyRate);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clone_bench: %s\n", e.what());
    return 1;
  }
}
