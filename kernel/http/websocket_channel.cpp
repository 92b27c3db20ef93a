#include "kernel/http/websocket_channel.hpp"

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Timespan.h>

#include <stdexcept>

namespace clxs::kernel {

bool PocoWebSocketChannel::send(const std::string& text) {
  if (closed()) return false;
  try {
    ws_.sendFrame(text.data(), static_cast<int>(text.size()), Poco::Net::WebSocket::FRAME_TEXT);
    return true;
  } catch (const Poco::Exception&) {
    closed_ = true;
    return false;
  }
}

std::optional<std::string> PocoWebSocketChannel::receive(int timeoutMs) {
  if (closed()) throw std::runtime_error("websocket closed");
  try {
    if (!ws_.poll(Poco::Timespan(0, timeoutMs * 1000), Poco::Net::Socket::SELECT_READ)) {
      return std::nullopt;
    }
    Poco::Buffer<char> buf(0);
    int flags = 0;
    const int n = ws_.receiveFrame(buf, flags);
    const int op = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
    if (n == 0 && flags == 0) {
      closed_ = true;
      throw std::runtime_error("websocket closed");
    }
    if (op == Poco::Net::WebSocket::FRAME_OP_CLOSE) {
      closed_ = true;
      ws_.shutdown();
      throw std::runtime_error("websocket closed");
    }
    if (op == Poco::Net::WebSocket::FRAME_OP_PING) {
      ws_.sendFrame(buf.begin(), n,
                    static_cast<int>(Poco::Net::WebSocket::FRAME_FLAG_FIN) |
                        static_cast<int>(Poco::Net::WebSocket::FRAME_OP_PONG));
      return std::nullopt;
    }
    if (op == Poco::Net::WebSocket::FRAME_OP_PONG) return std::nullopt;
    return std::string(buf.begin(), static_cast<std::size_t>(n));
  } catch (const Poco::Exception&) {
    closed_ = true;
    throw std::runtime_error("websocket closed");
  }
}

}  // namespace clxs::kernel
