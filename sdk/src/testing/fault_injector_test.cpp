#include "clxs/testing/fault_injector.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::shared_ptr<MemoryWorkspace> inner() {
  auto ws = std::make_shared<MemoryWorkspace>("ann");
  ws->addTable({.catalog = "main", .schema = "sales", .name = "orders", .tableType = "MANAGED"});
  ws->setHistory({"main", "sales", "orders"}, {HistoryEntry{}});
  ws->onSql([](std::string_view) { return ResultSet{}; });
  return ws;
}

// A memory workspace with an injector of `settings` installed on it.
struct Faulty {
  explicit Faulty(FaultSettings settings, std::shared_ptr<MemoryWorkspace> workspace = inner())
      : mem(std::move(workspace)), injector(FaultInjector::install(*mem, std::move(settings))) {}
  std::shared_ptr<MemoryWorkspace> mem;
  std::shared_ptr<FaultInjector> injector;
};

// Whether a call failed transiently; other outcomes fail the test.
bool failsTransiently(const std::function<void()>& call) {
  try {
    call();
    return false;
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Remote);
    EXPECT_NE(std::string(e.what()).find("[TEMPORARILY_UNAVAILABLE]"), std::string::npos);
    return true;
  }
}

// The outcome of `n` sql() calls, one after another: true where it failed.
std::vector<bool> outcomes(Workspace& ws, int n) {
  std::vector<bool> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(
        failsTransiently([&] { ws.sql().execute("SELECT " + std::to_string(i), {}, {}); }));
  }
  return out;
}

TEST(FaultInjector, WithoutFaultsForwardsEveryCall) {
  Faulty ws_f({});
  auto& ws = *ws_f.mem;
  auto& mem = ws_f.mem;
  const CallOptions o;
  EXPECT_EQ(ws.kind(), "memory");
  EXPECT_EQ(ws.host(), "memory");
  EXPECT_EQ(ws.catalog().catalogs(o).size(), 1U);
  EXPECT_EQ(ws.catalog().schemas("main", o).size(), 1U);
  EXPECT_EQ(ws.catalog().tables("main", "sales", o).size(), 1U);
  EXPECT_EQ(ws.identity().currentUser(o), "ann");
  EXPECT_EQ(ws.get<WarehouseService>().list(o).size(), 1U);
  EXPECT_TRUE(ws.catalog().functions("main", "sales", o).empty());
  EXPECT_TRUE(ws.catalog().volumes("main", "sales", o).empty());
  EXPECT_TRUE(ws.catalog().grants("TABLE", "main.sales.orders", o).empty());
  EXPECT_TRUE(ws.catalog().tags("TABLE", "main.sales.orders", o).empty());
  EXPECT_EQ(ws.catalog().history({"main", "sales", "orders"}, 1, o).size(), 1U);
  ws.sql().execute("SELECT 1", {}, o);
  ws.files().writeFile("/Volumes/main/sales/v/a", "x", true, o);
  EXPECT_EQ(ws.files().listDirectory("/Volumes/main/sales/v", o).size(), 1U);
  EXPECT_EQ(ws.files().readFile("/Volumes/main/sales/v/a", o), "x");
  const auto c = ws_f.injector->counters();
  EXPECT_EQ(c.calls, 14);
  EXPECT_EQ(c.forwarded, 14);
  EXPECT_EQ(c.injectedTransient, 0);
  EXPECT_EQ(c.injectedPermanent, 0);
  // grants() and tags() are the SDK's defaults: the memory workspace sees their SQL (one
  // statement and two), which the injector does not see a second time.
  EXPECT_EQ(mem->calls().size(), 15U);
  EXPECT_EQ(mem->statements().size(), 4U);
  EXPECT_EQ(mem->statements().back(), "SELECT 1");
}

TEST(FaultInjector, EveryCallWaitsItsLatency) {
  Faulty ws_f({.latency = 30ms});
  auto& ws = *ws_f.mem;
  const auto t0 = Clock::now();
  ws.sql().execute("SELECT 1", {}, {});
  ws.catalog().tables("main", "sales", {});
  EXPECT_GE(Clock::now() - t0, 60ms);
}

TEST(FaultInjector, CancellationEndsTheLatencyWithoutForwarding) {
  Faulty ws_f({.latency = 10s});
  auto& ws = *ws_f.mem;
  auto& mem = ws_f.mem;
  CancellationToken token;
  CallOptions o;
  o.cancel = &token;
  std::jthread canceller([&] {
    std::this_thread::sleep_for(50ms);
    token.cancel();
  });
  const auto t0 = Clock::now();
  try {
    ws.sql().execute("SELECT 1", {}, o);
    ADD_FAILURE() << "expected Cancelled";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Cancelled);
  }
  EXPECT_LT(Clock::now() - t0, 2s);
  EXPECT_TRUE(mem->calls().empty());
  EXPECT_EQ(ws_f.injector->counters().cancelledOrTimedOut, 1);
  EXPECT_EQ(ws_f.injector->counters().forwarded, 0);
}

TEST(FaultInjector, ADeadlineShorterThanTheLatencyTimesOut) {
  Faulty ws_f({.latency = 10s});
  auto& ws = *ws_f.mem;
  auto& mem = ws_f.mem;
  CallOptions o;
  o.deadline = Clock::now() + 40ms;
  const auto t0 = Clock::now();
  try {
    ws.catalog().catalogs(o);
    ADD_FAILURE() << "expected Timeout";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Timeout);
  }
  EXPECT_GE(Clock::now() - t0, 40ms);
  EXPECT_LT(Clock::now() - t0, 2s);
  EXPECT_TRUE(mem->calls().empty());
}

TEST(FaultInjector, TransientFailuresComeAtTheirRateAndAreNotForwarded) {
  Faulty ws_f({.transientRate = 0.2, .seed = 7});
  auto& ws = *ws_f.mem;
  auto& mem = ws_f.mem;
  const auto failed = outcomes(ws, 2000);
  const auto n = std::count(failed.begin(), failed.end(), true);
  EXPECT_GT(n, 320);  // 400 expected; the bounds are over 4 standard deviations away
  EXPECT_LT(n, 480);
  const auto c = ws_f.injector->counters();
  EXPECT_EQ(c.injectedTransient, n);
  EXPECT_EQ(c.calls, 2000);
  EXPECT_EQ(c.forwarded, 2000 - n);
  EXPECT_EQ(static_cast<std::int64_t>(mem->statements().size()), 2000 - n);
}

TEST(FaultInjector, TheSameSeedGivesTheSameFailures) {
  Faulty a_f({.transientRate = 0.3, .seed = 42});
  auto& a = *a_f.mem;
  Faulty b_f({.transientRate = 0.3, .seed = 42});
  auto& b = *b_f.mem;
  Faulty c_f({.transientRate = 0.3, .seed = 43});
  auto& c = *c_f.mem;
  const auto first = outcomes(a, 200);
  EXPECT_EQ(first, outcomes(b, 200));
  EXPECT_NE(first, outcomes(c, 200));
}

TEST(FaultInjector, RatesOfZeroAndOneAreExact) {
  Faulty never_f({.transientRate = 0});
  auto& never = *never_f.mem;
  Faulty always_f({.transientRate = 1});
  auto& always = *always_f.mem;
  for (bool failed : outcomes(never, 100)) EXPECT_FALSE(failed);
  for (bool failed : outcomes(always, 100)) EXPECT_TRUE(failed);
  EXPECT_TRUE(failsTransiently([&] { always.identity().currentUser({}); }));
  EXPECT_TRUE(failsTransiently([&] { always.files().readFile("/Volumes/a/b/c/d", {}); }));
}

TEST(FaultInjector, OnlySelectedCallsFailTransiently) {
  Faulty ws_f({.transientRate = 1, .transientCalls = [](std::string_view call) {
                 return call.find("CLONE") != std::string_view::npos;
               }});
  auto& ws = *ws_f.mem;
  auto& mem = ws_f.mem;
  EXPECT_NO_THROW(ws.sql().execute("SELECT 1", {}, {}));
  EXPECT_NO_THROW(ws.catalog().catalogs({}));
  EXPECT_TRUE(failsTransiently([&] { ws.sql().execute("CREATE TABLE a DEEP CLONE b", {}, {}); }));
  EXPECT_EQ(mem->statements(), std::vector<std::string>{"SELECT 1"});
}

TEST(FaultInjector, PermanentFailuresHitOnlyTheirCalls) {
  std::vector<std::string> seen;
  Faulty ws_f({.permanentFailure = [&](std::string_view call) {
    seen.emplace_back(call);
    return call.find("orders") != std::string_view::npos;
  }});
  auto& ws = *ws_f.mem;
  auto& mem = ws_f.mem;
  EXPECT_NO_THROW(ws.sql().execute("SELECT * FROM customers", {}, {}));
  for (int i = 0; i < 3; ++i) {
    try {
      ws.sql().execute("SELECT * FROM orders", {}, {});
      ADD_FAILURE() << "expected a permanent failure";
    } catch (const WorkspaceError& e) {
      EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::PermissionDenied);
      EXPECT_NE(std::string(e.what()).find("injected permanent failure"), std::string::npos);
    }
  }
  EXPECT_THROW(ws.catalog().grants("TABLE", "main.sales.orders", {}), WorkspaceError);
  EXPECT_NO_THROW(ws.catalog().tables("main", "sales", {}));
  EXPECT_EQ(ws_f.injector->counters().injectedPermanent, 4);
  EXPECT_EQ(mem->statements(), std::vector<std::string>{"SELECT * FROM customers"});
  EXPECT_EQ(seen.back(), "tables main sales");
  EXPECT_EQ(seen[seen.size() - 2], "grants TABLE main.sales.orders");
}

TEST(FaultInjector, PermanentFailuresUseTheirConfiguredClass) {
  Faulty ws_f({.permanentFailure = [](std::string_view) { return true; },
               .permanentClass = WorkspaceErrorClass::InvalidSql});
  auto& ws = *ws_f.mem;
  try {
    ws.sql().execute("SELEC 1", {}, {});
    ADD_FAILURE() << "expected InvalidSql";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::InvalidSql);
  }
}

TEST(FaultInjector, CountersAddUpUnderConcurrentCalls) {
  Faulty ws_f({.transientRate = 0.25, .permanentFailure = [](std::string_view call) {
                 return call.find("bad") != std::string_view::npos;
               }});
  auto& ws = *ws_f.mem;
  auto& mem = ws_f.mem;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&ws, t] {
        for (int i = 0; i < 250; ++i) {
          try {
            ws.sql().execute(i % 10 == 0 ? "SELECT bad" : "SELECT " + std::to_string(t), {}, {});
          } catch (const WorkspaceError&) {
          }
        }
      });
    }
  }
  const auto c = ws_f.injector->counters();
  EXPECT_EQ(c.calls, 2000);
  EXPECT_EQ(c.calls, c.forwarded + c.injectedTransient + c.injectedPermanent);
  EXPECT_GT(c.injectedTransient, 0);
  EXPECT_GT(c.injectedPermanent, 0);
  EXPECT_EQ(static_cast<std::int64_t>(mem->statements().size()), c.forwarded);
}

TEST(FaultInjector, RefusesBadSettings) {
  EXPECT_THROW(FaultInjector({.transientRate = 1.5}), std::invalid_argument);
  EXPECT_THROW(FaultInjector({.transientRate = -0.1}), std::invalid_argument);
}

}  // namespace
}  // namespace clxs::testing
