#include "kernel/http/websocket_frame_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace clxs::kernel {
namespace {

// A client frame: masked with a fixed key.
std::string clientFrame(WsOpcode op, const std::string& payload, bool fin = true) {
  std::string f = WebSocketFrameParser::encode(op, payload);
  if (!fin) f[0] = static_cast<char>(f[0] & 0x7F);
  const std::size_t headerLen = payload.size() < 126 ? 2 : payload.size() <= 0xFFFF ? 4 : 10;
  f[1] = static_cast<char>(f[1] | 0x80);
  const std::string key = "\x11\x22\x33\x44";
  std::string masked = f.substr(0, headerLen) + key;
  for (std::size_t i = 0; i < payload.size(); ++i) masked.push_back(payload[i] ^ key[i % 4]);
  return masked;
}

TEST(WebSocketFrameParser, ReadsMaskedTextAndControlFrames) {
  WebSocketFrameParser p(1024);
  std::vector<WsMessage> out;
  const std::string in = clientFrame(WsOpcode::Text, "ping") + clientFrame(WsOpcode::Ping, "x") +
                         clientFrame(WsOpcode::Close, "\x03\xe8");
  EXPECT_EQ(p.feed(in, out), in.size());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].opcode, WsOpcode::Text);
  EXPECT_EQ(out[0].payload, "ping");
  EXPECT_EQ(out[1].opcode, WsOpcode::Ping);
  EXPECT_EQ(out[2].opcode, WsOpcode::Close);
}

TEST(WebSocketFrameParser, LeavesAPartialFrameAndReassemblesFragments) {
  WebSocketFrameParser p(1024);
  std::vector<WsMessage> out;
  const std::string a = clientFrame(WsOpcode::Text, "hel", false);
  const std::string ping = clientFrame(WsOpcode::Ping, "");
  const std::string b = clientFrame(WsOpcode::Continuation, std::string(300, 'l'));
  const std::string in = a + ping + b;
  EXPECT_EQ(p.feed(std::string_view(in).substr(0, in.size() - 1), out), a.size() + ping.size());
  ASSERT_EQ(out.size(), 1u) << "the control frame may interleave";
  EXPECT_EQ(out[0].opcode, WsOpcode::Ping);
  EXPECT_EQ(p.feed(std::string_view(in).substr(a.size() + ping.size()), out), b.size());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].payload, "hel" + std::string(300, 'l'));
}

TEST(WebSocketFrameParser, MessageOverTheCapFailsWith1009FromTheHeader) {
  WebSocketFrameParser p(100);
  std::vector<WsMessage> out;
  const std::string big = clientFrame(WsOpcode::Text, std::string(200, 'x'));
  p.feed(std::string_view(big).substr(0, 8), out);
  ASSERT_TRUE(p.failed());
  EXPECT_EQ(p.error(), WsCloseCode::MessageTooBig);
  WebSocketFrameParser q(100);
  q.feed(clientFrame(WsOpcode::Text, std::string(60, 'x'), false) +
             clientFrame(WsOpcode::Continuation, std::string(60, 'x')),
         out);
  EXPECT_TRUE(q.failed()) << "the cap applies to the reassembled message";
}

TEST(WebSocketFrameParser, UnmaskedOrMalformedFramesAreProtocolErrors) {
  std::vector<WsMessage> out;
  WebSocketFrameParser p(100);
  p.feed(WebSocketFrameParser::encode(WsOpcode::Text, "x"), out);
  EXPECT_EQ(p.error(), WsCloseCode::ProtocolError);
  WebSocketFrameParser q(100);
  q.feed(clientFrame(WsOpcode::Continuation, "x"), out);
  EXPECT_TRUE(q.failed());
  WebSocketFrameParser r(100);
  r.feed(clientFrame(WsOpcode::Ping, "x", false), out);
  EXPECT_TRUE(r.failed());
}

TEST(WebSocketFrameParser, EncodesLengthsAndCloseCodes) {
  EXPECT_EQ(WebSocketFrameParser::encode(WsOpcode::Text, "ab"), std::string("\x81\x02"
                                                                            "ab"));
  EXPECT_EQ(WebSocketFrameParser::encode(WsOpcode::Text, std::string(300, 'a')).substr(0, 4),
            std::string("\x81\x7e\x01\x2c"));
  EXPECT_EQ(WebSocketFrameParser::encode(WsOpcode::Binary, std::string(70000, 'a')).size(), 70010u);
  EXPECT_EQ(WebSocketFrameParser::encodeClose(WsCloseCode::GoingAway),
            std::string("\x88\x02\x03\xe9"));
}

}  // namespace
}  // namespace clxs::kernel
