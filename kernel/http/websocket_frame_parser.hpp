// WebSocket framing (RFC 6455) for the event loop: turns the bytes a client sent into whole
// messages, reassembling fragments and enforcing a per-message size cap, and encodes the
// server's unmasked frames.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clxs::kernel {

/// Frame opcodes.
enum class WsOpcode : std::uint8_t {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xA,
};

/// Close codes the server sends.
enum class WsCloseCode : std::uint16_t {
  Normal = 1000,
  GoingAway = 1001,
  ProtocolError = 1002,
  PolicyViolation = 1008,
  MessageTooBig = 1009,
};

/// One whole message or control frame from the client.
struct WsMessage {
  WsOpcode opcode = WsOpcode::Text;  ///< Text, Binary, Close, Ping or Pong
  std::string payload;               ///< unmasked, fragments joined
};

/// Parses the client's side of a connection.
class WebSocketFrameParser {
 public:
  /// Messages (after reassembly) longer than `maxMessageBytes` end the connection with 1009.
  explicit WebSocketFrameParser(std::size_t maxMessageBytes) : maxMessageBytes_(maxMessageBytes) {}

  /// Consumes whole frames from `data`, appending finished messages to `out`; returns the bytes
  /// used (a partial frame is left for the next call). Stops at the first error.
  std::size_t feed(std::string_view data, std::vector<WsMessage>& out);
  /// Once failed(): the close code to send (1002 or 1009).
  [[nodiscard]] WsCloseCode error() const { return error_; }
  [[nodiscard]] bool failed() const { return failed_; }

  /// One unmasked, final frame as the server sends it.
  static std::string encode(WsOpcode opcode, std::string_view payload);
  /// A close frame with `code` and a short reason.
  static std::string encodeClose(WsCloseCode code, std::string_view reason = {});

 private:
  std::size_t maxMessageBytes_;
  std::string fragments_;  // data of an unfinished fragmented message
  WsOpcode fragmentOpcode_ = WsOpcode::Continuation;
  bool inFragments_ = false;
  bool failed_ = false;
  WsCloseCode error_ = WsCloseCode::Normal;
};

}  // namespace clxs::kernel
