#include "kernel/workspace/databricks/call_wait.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace clxs::kernel::databricks {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

TEST(CallWait, ReportsCancellationAndDeadline) {
  CallOptions call;
  EXPECT_EQ(interrupted(call), Interrupt::None);
  call.deadline = steady_clock::now() - milliseconds(1);
  EXPECT_EQ(interrupted(call), Interrupt::Deadline);
  CancellationToken token;
  token.cancel();
  call.cancel = &token;
  EXPECT_EQ(interrupted(call), Interrupt::Cancelled) << "cancellation wins";
  EXPECT_THROW(throwIfInterrupted(Interrupt::Cancelled, "x"), WorkspaceError);
  EXPECT_NO_THROW(throwIfInterrupted(Interrupt::None, "x"));
  try {
    throwIfInterrupted(Interrupt::Deadline, "The statement");
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Timeout);
  }
}

TEST(CallWait, PauseWakesForCancellationAndStopsAtTheDeadline) {
  CancellationToken token;
  CallOptions call;
  call.cancel = &token;
  std::thread t([&] {
    std::this_thread::sleep_for(milliseconds(30));
    token.cancel();
  });
  auto start = steady_clock::now();
  pause(milliseconds(5'000), call);
  t.join();
  EXPECT_LT(steady_clock::now() - start, milliseconds(2'000));

  CallOptions bounded;
  bounded.deadline = steady_clock::now() + milliseconds(20);
  start = steady_clock::now();
  pause(milliseconds(5'000), bounded);
  EXPECT_LT(steady_clock::now() - start, milliseconds(2'000));
}

}  // namespace
}  // namespace clxs::kernel::databricks
