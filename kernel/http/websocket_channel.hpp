// clxs::WebSocketChannel over a Poco WebSocket.
#pragma once

#include <Poco/Net/WebSocket.h>

#include <atomic>
#include <optional>
#include <string>

#include "clxs/routes.hpp"

namespace clxs::kernel {

/// Text-frame channel; answers pings, notices close frames and server shutdown.
class PocoWebSocketChannel final : public WebSocketChannel {
 public:
  /// Wraps an accepted socket; `stopping` is the server's shutdown flag.
  PocoWebSocketChannel(Poco::Net::WebSocket& ws, const std::atomic<bool>& stopping)
      : ws_(ws), stopping_(stopping) {}
  bool send(const std::string& text) override;
  std::optional<std::string> receive(int timeoutMs) override;
  [[nodiscard]] bool closed() const override { return closed_ || stopping_.load(); }

 private:
  Poco::Net::WebSocket& ws_;
  const std::atomic<bool>& stopping_;
  bool closed_ = false;
};

}  // namespace clxs::kernel
