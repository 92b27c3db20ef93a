// The composition root: builds every kernel service, loads plugins and serves HTTP.
#pragma once

#include <chrono>
#include <memory>

#include "clxs/log.hpp"
#include "kernel/app/server_options.hpp"

namespace clxs::kernel {

/// A running clxs server.
class KernelApp {
 public:
  /// Builds services and loads plugins; throws std::runtime_error with a user-facing
  /// message when the data directory or port cannot be used.
  explicit KernelApp(ServerOptions options);
  ~KernelApp();
  KernelApp(const KernelApp&) = delete;
  KernelApp& operator=(const KernelApp&) = delete;

  /// Starts listening; returns the bound port.
  int start();
  /// Graceful stop: stop accepting, finish in-flight requests, stop jobs, stop plugins.
  void shutdown(std::chrono::milliseconds grace);
  /// The server log.
  [[nodiscard]] Logger& log();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clxs::kernel
