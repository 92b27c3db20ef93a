#include "clxs/testing/faulty_workspace.hpp"

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
  return ws;
}

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
std::vector<bool> outcomes(FaultyWorkspace& ws, int n) {
  std::vector<bool> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(failsTransiently([&] { ws.sql("SELECT " + std::to_string(i), {}, {}); }));
  }
  return out;
}

TEST(FaultyWorkspace, WithoutFaultsForwardsEveryCall) {
  auto mem = inner();
  FaultyWorkspace ws(mem, {});
  const CallOptions o;
  EXPECT_EQ(ws.kind(), "memory");
  EXPECT_EQ(ws.host(), "memory");
  EXPECT_EQ(ws.catalogs(o).size(), 1U);
  EXPECT_EQ(ws.schemas("main", o).size(), 1U);
  EXPECT_EQ(ws.tables("main", "sales", o).size(), 1U);
  EXPECT_EQ(ws.currentUser(o), "ann");
  EXPECT_EQ(ws.warehouses(o).size(), 1U);
  EXPECT_TRUE(ws.functions("main", "sales", o).empty());
  EXPECT_TRUE(ws.volumes("main", "sales", o).empty());
  EXPECT_TRUE(ws.grants("TABLE", "main.sales.orders", o).empty());
  EXPECT_TRUE(ws.tags("TABLE", "main.sales.orders", o).empty());
  EXPECT_TRUE(ws.history("main.sales.orders", 1, o).empty());
  ws.sql("SELECT 1", {}, o);
  // Files reach the wrapped workspace too (which has no Files API).
  for (const auto& call : std::vector<std::function<void()>>{
           [&] { ws.listDirectory("/Volumes/main/sales/v", o); },
           [&] { ws.readFile("/Volumes/main/sales/v/a", o); },
           [&] { ws.writeFile("/Volumes/main/sales/v/a", "x", true, o); }}) {
    try {
      call();
      ADD_FAILURE() << "expected Unavailable";
    } catch (const WorkspaceError& e) {
      EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Unavailable);
    }
  }
  const auto c = ws.counters();
  EXPECT_EQ(c.calls, 14);
  EXPECT_EQ(c.forwarded, 14);
  EXPECT_EQ(c.injectedTransient, 0);
  EXPECT_EQ(c.injectedPermanent, 0);
  EXPECT_EQ(mem->calls().size(), 11U);  // the memory one does not record file calls
  EXPECT_EQ(mem->statements(), std::vector<std::string>{"SELECT 1"});
}

TEST(FaultyWorkspace, EveryCallWaitsItsLatency) {
  FaultyWorkspace ws(inner(), {.latency = 30ms});
  const auto t0 = Clock::now();
  ws.sql("SELECT 1", {}, {});
  ws.tables("main", "sales", {});
  EXPECT_GE(Clock::now() - t0, 60ms);
}

TEST(FaultyWorkspace, CancellationEndsTheLatencyWithoutForwarding) {
  auto mem = inner();
  FaultyWorkspace ws(mem, {.latency = 10s});
  CancellationToken token;
  CallOptions o;
  o.cancel = &token;
  std::jthread canceller([&] {
    std::this_thread::sleep_for(50ms);
    token.cancel();
  });
  const auto t0 = Clock::now();
  try {
    ws.sql("SELECT 1", {}, o);
    ADD_FAILURE() << "expected Cancelled";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Cancelled);
  }
  EXPECT_LT(Clock::now() - t0, 2s);
  EXPECT_TRUE(mem->calls().empty());
  EXPECT_EQ(ws.counters().cancelledOrTimedOut, 1);
  EXPECT_EQ(ws.counters().forwarded, 0);
}

TEST(FaultyWorkspace, ADeadlineShorterThanTheLatencyTimesOut) {
  auto mem = inner();
  FaultyWorkspace ws(mem, {.latency = 10s});
  CallOptions o;
  o.deadline = Clock::now() + 40ms;
  const auto t0 = Clock::now();
  try {
    ws.catalogs(o);
    ADD_FAILURE() << "expected Timeout";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Timeout);
  }
  EXPECT_GE(Clock::now() - t0, 40ms);
  EXPECT_LT(Clock::now() - t0, 2s);
  EXPECT_TRUE(mem->calls().empty());
}

TEST(FaultyWorkspace, TransientFailuresComeAtTheirRateAndAreNotForwarded) {
  auto mem = inner();
  FaultyWorkspace ws(mem, {.transientRate = 0.2, .seed = 7});
  const auto failed = outcomes(ws, 2000);
  const auto n = std::count(failed.begin(), failed.end(), true);
  EXPECT_GT(n, 320);  // 400 expected; the bounds are over 4 standard deviations away
  EXPECT_LT(n, 480);
  const auto c = ws.counters();
  EXPECT_EQ(c.injectedTransient, n);
  EXPECT_EQ(c.calls, 2000);
  EXPECT_EQ(c.forwarded, 2000 - n);
  EXPECT_EQ(static_cast<std::int64_t>(mem->statements().size()), 2000 - n);
}

TEST(FaultyWorkspace, TheSameSeedGivesTheSameFailures) {
  FaultyWorkspace a(inner(), {.transientRate = 0.3, .seed = 42});
  FaultyWorkspace b(inner(), {.transientRate = 0.3, .seed = 42});
  FaultyWorkspace c(inner(), {.transientRate = 0.3, .seed = 43});
  const auto first = outcomes(a, 200);
  EXPECT_EQ(first, outcomes(b, 200));
  EXPECT_NE(first, outcomes(c, 200));
}

TEST(FaultyWorkspace, RatesOfZeroAndOneAreExact) {
  FaultyWorkspace never(inner(), {.transientRate = 0});
  FaultyWorkspace always(inner(), {.transientRate = 1});
  for (bool failed : outcomes(never, 100)) EXPECT_FALSE(failed);
  for (bool failed : outcomes(always, 100)) EXPECT_TRUE(failed);
  EXPECT_TRUE(failsTransiently([&] { always.currentUser({}); }));
  EXPECT_TRUE(failsTransiently([&] { always.readFile("/Volumes/a/b/c/d", {}); }));
}

TEST(FaultyWorkspace, OnlySelectedCallsFailTransiently) {
  auto mem = inner();
  FaultyWorkspace ws(mem, {.transientRate = 1, .transientCalls = [](std::string_view call) {
                             return call.find("CLONE") != std::string_view::npos;
                           }});
  EXPECT_NO_THROW(ws.sql("SELECT 1", {}, {}));
  EXPECT_NO_THROW(ws.catalogs({}));
  EXPECT_TRUE(failsTransiently([&] { ws.sql("CREATE TABLE a DEEP CLONE b", {}, {}); }));
  EXPECT_EQ(mem->statements(), std::vector<std::string>{"SELECT 1"});
}

TEST(FaultyWorkspace, PermanentFailuresHitOnlyTheirCalls) {
  auto mem = inner();
  std::vector<std::string> seen;
  FaultyWorkspace ws(mem, {.permanentFailure = [&](std::string_view call) {
                       seen.emplace_back(call);
                       return call.find("orders") != std::string_view::npos;
                     }});
  EXPECT_NO_THROW(ws.sql("SELECT * FROM customers", {}, {}));
  for (int i = 0; i < 3; ++i) {
    try {
      ws.sql("SELECT * FROM orders", {}, {});
      ADD_FAILURE() << "expected a permanent failure";
    } catch (const WorkspaceError& e) {
      EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::PermissionDenied);
      EXPECT_NE(std::string(e.what()).find("injected permanent failure"), std::string::npos);
    }
  }
  EXPECT_THROW(ws.grants("TABLE", "main.sales.orders", {}), WorkspaceError);
  EXPECT_NO_THROW(ws.tables("main", "sales", {}));
  EXPECT_EQ(ws.counters().injectedPermanent, 4);
  EXPECT_EQ(mem->statements(), std::vector<std::string>{"SELECT * FROM customers"});
  EXPECT_EQ(seen.back(), "tables main sales");
  EXPECT_EQ(seen[seen.size() - 2], "grants TABLE main.sales.orders");
}

TEST(FaultyWorkspace, PermanentFailuresUseTheirConfiguredClass) {
  FaultyWorkspace ws(inner(), {.permanentFailure = [](std::string_view) { return true; },
                               .permanentClass = WorkspaceErrorClass::InvalidSql});
  try {
    ws.sql("SELEC 1", {}, {});
    ADD_FAILURE() << "expected InvalidSql";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::InvalidSql);
  }
}

TEST(FaultyWorkspace, CountersAddUpUnderConcurrentCalls) {
  auto mem = inner();
  FaultyWorkspace ws(mem, {.transientRate = 0.25, .permanentFailure = [](std::string_view call) {
                             return call.find("bad") != std::string_view::npos;
                           }});
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&ws, t] {
        for (int i = 0; i < 250; ++i) {
          try {
            ws.sql(i % 10 == 0 ? "SELECT bad" : "SELECT " + std::to_string(t), {}, {});
          } catch (const WorkspaceError&) {
          }
        }
      });
    }
  }
  const auto c = ws.counters();
  EXPECT_EQ(c.calls, 2000);
  EXPECT_EQ(c.calls, c.forwarded + c.injectedTransient + c.injectedPermanent);
  EXPECT_GT(c.injectedTransient, 0);
  EXPECT_GT(c.injectedPermanent, 0);
  EXPECT_EQ(static_cast<std::int64_t>(mem->statements().size()), c.forwarded);
}

TEST(FaultyWorkspace, RefusesBadSettings) {
  EXPECT_THROW(FaultyWorkspace(nullptr, {}), std::invalid_argument);
  EXPECT_THROW(FaultyWorkspace(inner(), {.transientRate = 1.5}), std::invalid_argument);
  EXPECT_THROW(FaultyWorkspace(inner(), {.transientRate = -0.1}), std::invalid_argument);
}

}  // namespace
}  // namespace clxs::testing
