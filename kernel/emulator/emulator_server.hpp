// The Databricks REST API emulator: the local workspace served over the documented wire
// format, with auth, fault injection and admin routes for tests.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "kernel/emulator/emulator_auth.hpp"
#include "kernel/emulator/emulator_http.hpp"
#include "kernel/emulator/fault_injector.hpp"

namespace clxs::kernel::emulator {

/// How the emulator is set up (`clxs emulate` flags).
struct EmulatorOptions {
  std::string host = "127.0.0.1";  ///< address to bind
  int port = 8090;                 ///< port (0: any free port)
  std::filesystem::path dataDir;   ///< state directory; the workspace root is <dataDir>/local
  AuthSettings auth;               ///< accepted credentials
  FaultSettings faults;            ///< injected faults
  std::size_t chunkRows = 10000;   ///< rows per result chunk
  std::uint64_t seed = 1;          ///< seed of every random choice that shapes answers
  int pageSize = 50;               ///< UC list page size when max_results is 0 or absent
  bool emptyPages = false;  ///< fault: sometimes answer an empty page with a token (paging only)
  std::chrono::milliseconds warehouseStartDelay{500};  ///< STARTING lasts this long
  int warehouses = 1;                ///< warehouses listed (all run on the one engine)
  std::size_t statementWorkers = 8;  ///< statements running at once
  int httpThreads = 64;              ///< concurrent HTTP requests
};

struct EmulatorState;

/// The emulator: owns the local workspace, the services and the HTTP server.
class EmulatorServer {
 public:
  /// Opens the local workspace at `options.workspaceRoot`; does not listen yet.
  explicit EmulatorServer(EmulatorOptions options);
  ~EmulatorServer();
  EmulatorServer(const EmulatorServer&) = delete;
  EmulatorServer& operator=(const EmulatorServer&) = delete;

  /// Starts listening; returns the bound port.
  int start();
  /// Stops listening, cancels running statements and waits for the workers.
  void stop();
  /// Answers one request (what the HTTP layer calls; tests call it directly).
  EmulatorResponse dispatch(const EmulatorRequest& request);

 private:
  EmulatorResponse route(const EmulatorRequest& request, const std::vector<std::string>& segments);
  EmulatorResponse admin(const EmulatorRequest& request, const std::vector<std::string>& segments);
  EmulatorResponse api(const EmulatorRequest& request, const std::vector<std::string>& segments);

  std::unique_ptr<EmulatorState> state_;
};

}  // namespace clxs::kernel::emulator
