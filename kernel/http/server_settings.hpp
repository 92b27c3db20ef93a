// The HTTP front end's settings (the config's `server:` block and the command line).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <thread>

namespace clxs::kernel {

/// One I/O loop per core, at most 4: beyond that the handler pool, not I/O, is the limit.
inline int defaultIoThreads() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

/// Server settings; README's "server:" section documents each.
struct ServerSettings {
  std::string host = "127.0.0.1";        ///< bind address
  int port = 8080;                       ///< 0 picks a free port
  int threads = 32;                      ///< handler threads kept ready
  int ioThreads = defaultIoThreads();    ///< event loops (one thread each)
  int maxThreads = 256;                  ///< the handler pool grows to this while all are busy
  std::size_t maxBodyBytes = 10u << 20;  ///< larger bodies get 413
  std::size_t maxConnections = 10000;    ///< connections beyond it are answered 503 at once
  std::chrono::milliseconds headerTimeout{10'000};     ///< request head incomplete: 408
  std::chrono::milliseconds keepAliveTimeout{15'000};  ///< idle keep-alive connection closed
  std::chrono::milliseconds bodyTimeout{60'000};       ///< body incomplete after its head: 408
  std::size_t websocketMaxMessageBytes = 1u << 20;     ///< larger client messages: close 1009
  std::size_t websocketMaxQueuedBytes = 1u << 20;      ///< slower readers: close 1008
  int websocketThreads = 2;                            ///< threads carrying WebSocket handlers
  std::filesystem::path webRoot;                       ///< share/clxs/web (Swagger UI, ReDoc)
};

}  // namespace clxs::kernel
