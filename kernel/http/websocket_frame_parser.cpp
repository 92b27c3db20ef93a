#include "kernel/http/websocket_frame_parser.hpp"

namespace clxs::kernel {

namespace {

bool isControl(WsOpcode op) {
  return (static_cast<std::uint8_t>(op) & 0x8) != 0;
}

bool isKnown(std::uint8_t op) {
  return op <= 0x2 || (op >= 0x8 && op <= 0xA);
}

}  // namespace

std::size_t WebSocketFrameParser::feed(std::string_view data, std::vector<WsMessage>& out) {
  std::size_t used = 0;
  auto fail = [this](WsCloseCode code) {
    failed_ = true;
    error_ = code;
  };
  while (!failed_) {
    const std::string_view rest = data.substr(used);
    if (rest.size() < 2) break;
    const auto b0 = static_cast<std::uint8_t>(rest[0]);
    const auto b1 = static_cast<std::uint8_t>(rest[1]);
    const bool fin = (b0 & 0x80) != 0;
    const std::uint8_t rawOp = b0 & 0x0F;
    const bool masked = (b1 & 0x80) != 0;
    std::uint64_t len = b1 & 0x7F;
    std::size_t pos = 2;
    // Clients must mask (RFC 6455 5.1), and no extension was negotiated, so RSV bits are 0.
    if ((b0 & 0x70) != 0 || !masked || !isKnown(rawOp)) {
      fail(WsCloseCode::ProtocolError);
      break;
    }
    const auto op = static_cast<WsOpcode>(rawOp);
    if (len == 126) {
      if (rest.size() < pos + 2) break;
      len = (static_cast<std::uint64_t>(static_cast<std::uint8_t>(rest[2])) << 8) |
            static_cast<std::uint8_t>(rest[3]);
      pos += 2;
    } else if (len == 127) {
      if (rest.size() < pos + 8) break;
      len = 0;
      for (int i = 0; i < 8; ++i) len = (len << 8) | static_cast<std::uint8_t>(rest[2 + i]);
      pos += 8;
    }
    if (isControl(op) && (len > 125 || !fin)) {
      fail(WsCloseCode::ProtocolError);
      break;
    }
    // Refuse an oversized message from its header, before buffering its payload.
    const std::size_t already = op == WsOpcode::Continuation ? fragments_.size() : 0;
    if (!isControl(op) && len + already > maxMessageBytes_) {
      fail(WsCloseCode::MessageTooBig);
      break;
    }
    if (rest.size() < pos + 4 + len) break;
    const char* key = rest.data() + pos;
    pos += 4;
    std::string payload(rest.substr(pos, static_cast<std::size_t>(len)));
    for (std::size_t i = 0; i < payload.size(); ++i) {
      payload[i] = static_cast<char>(payload[i] ^ key[i % 4]);
    }
    used += pos + static_cast<std::size_t>(len);

    if (isControl(op)) {
      out.push_back(WsMessage{op, std::move(payload)});
      continue;
    }
    if (op == WsOpcode::Continuation) {
      if (!inFragments_) {
        fail(WsCloseCode::ProtocolError);
        break;
      }
      fragments_ += payload;
      if (fin) {
        out.push_back(WsMessage{fragmentOpcode_, std::move(fragments_)});
        fragments_.clear();
        inFragments_ = false;
      }
      continue;
    }
    if (inFragments_) {  // a new data frame inside a fragmented message
      fail(WsCloseCode::ProtocolError);
      break;
    }
    if (fin) {
      out.push_back(WsMessage{op, std::move(payload)});
    } else {
      inFragments_ = true;
      fragmentOpcode_ = op;
      fragments_ = std::move(payload);
    }
  }
  return used;
}

std::string WebSocketFrameParser::encode(WsOpcode opcode, std::string_view payload) {
  std::string f;
  f.reserve(payload.size() + 10);
  f.push_back(static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode)));
  const std::uint64_t n = payload.size();
  if (n < 126) {
    f.push_back(static_cast<char>(n));
  } else if (n <= 0xFFFF) {
    f.push_back(static_cast<char>(126));
    f.push_back(static_cast<char>((n >> 8) & 0xFF));
    f.push_back(static_cast<char>(n & 0xFF));
  } else {
    f.push_back(static_cast<char>(127));
    for (int i = 7; i >= 0; --i) f.push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
  }
  f.append(payload);
  return f;
}

std::string WebSocketFrameParser::encodeClose(WsCloseCode code, std::string_view reason) {
  const auto c = static_cast<std::uint16_t>(code);
  std::string payload;
  payload.push_back(static_cast<char>(c >> 8));
  payload.push_back(static_cast<char>(c & 0xFF));
  payload.append(reason.substr(0, 120));
  return encode(WsOpcode::Close, payload);
}

}  // namespace clxs::kernel
