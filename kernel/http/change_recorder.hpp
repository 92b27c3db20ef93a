// Told of every answered call of a route declared mutates() (the kernel's change log).
#pragma once

#include "clxs/http.hpp"
#include "kernel/http/route_table.hpp"

namespace clxs::kernel {

/// Receives mutating calls after they are answered.
class ChangeRecorder {
 public:
  virtual ~ChangeRecorder() = default;
  /// `request` to `target` was answered with `status`. Must not throw.
  virtual void record(const Request& request, const RouteTarget& target, int status) = 0;
};

}  // namespace clxs::kernel
