// The real HTTP transport: Poco HTTPS (OpenSSL, peers verified against the system CA store)
// with a small keep-alive pool per origin; plain http only to loopback hosts.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/workspace/databricks/http_transport.hpp"

namespace Poco::Net {
class HTTPClientSession;
}  // namespace Poco::Net

namespace clxs::kernel::databricks {

/// Pool settings.
struct PocoTransportOptions {
  std::size_t maxIdlePerOrigin = 8;           ///< idle keep-alive connections kept per origin
  std::chrono::milliseconds maxIdle{30'000};  ///< an idle connection older than this is closed
};

/// HttpTransport over Poco. Thread-safe: each request takes a connection of its own from the
/// pool (or opens one) and gives it back when the answer has been read.
class PocoTransport final : public HttpTransport {
 public:
  explicit PocoTransport(PocoTransportOptions options = {});
  ~PocoTransport() override;
  PocoTransport(const PocoTransport&) = delete;
  PocoTransport& operator=(const PocoTransport&) = delete;

  HttpResponse send(const HttpRequest& request, const TransportTimeouts& timeouts) override;

  /// Connections opened since construction (tests check keep-alive reuse with it).
  [[nodiscard]] long connectionsOpened() const;

 private:
  struct Pooled;

  std::unique_ptr<Pooled> take(const std::string& origin);
  void giveBack(const std::string& origin, std::unique_ptr<Pooled> session);

  PocoTransportOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::unique_ptr<Pooled>>> idle_;
  long opened_ = 0;
};

}  // namespace clxs::kernel::databricks
