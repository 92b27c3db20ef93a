// How the foreground commands (serve, emulate) learn that they should stop.
#pragma once

#include <csignal>

namespace clxs::kernel {

/// SIGINT and SIGTERM, blocked in the constructing thread and so in every thread it starts
/// afterwards, so only wait() receives them; SIGPIPE is ignored (a client that hangs up
/// must not stop the server). Construct before any thread starts.
class StopSignals {
 public:
  StopSignals();

  /// Waits for SIGINT or SIGTERM and returns its number.
  int wait();

 private:
  sigset_t set_{};
};

}  // namespace clxs::kernel
