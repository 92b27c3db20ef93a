#include "kernel/http/http_parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace clxs::kernel {
namespace {

HttpParser::Limits limits(std::size_t body = 1024, std::size_t head = 1024) {
  return HttpParser::Limits{.maxHeadBytes = head, .maxBodyBytes = body};
}

TEST(HttpParser, ParsesAGetInOnePiece) {
  HttpParser p(limits());
  const std::string in = "GET /api/health?x=1 HTTP/1.1\r\nHost: a\r\nX-Request-Id: r1\r\n\r\n";
  EXPECT_EQ(p.feed(in), in.size());
  ASSERT_EQ(p.state(), ParseState::Complete);
  auto r = p.take();
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/api/health?x=1");
  EXPECT_EQ(r.versionMinor, 1);
  EXPECT_EQ(r.header("x-request-id"), "r1");
  EXPECT_EQ(r.header("missing", "d"), "d");
  EXPECT_TRUE(r.keepAlive);
  EXPECT_FALSE(r.hasBody);
  EXPECT_EQ(p.state(), ParseState::Empty);
}

TEST(HttpParser, ParsesAByteAtATime) {
  HttpParser p(limits());
  const std::string in =
      "POST /a HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello";
  for (std::size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ(p.feed(std::string_view(in).substr(i, 1)), 1u) << i;
    if (i + 1 < in.size()) {
      EXPECT_NE(p.state(), ParseState::Complete);
    }
    if (i + 1 == in.size() - 5) {
      EXPECT_EQ(p.state(), ParseState::Body);
      EXPECT_TRUE(p.request().expectContinue);
    }
  }
  ASSERT_EQ(p.state(), ParseState::Complete);
  EXPECT_EQ(p.take().body, "hello");
}

TEST(HttpParser, StopsAtTheEndOfEachPipelinedRequest) {
  HttpParser p(limits());
  const std::string a = "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
  const std::string b = "GET /b HTTP/1.1\r\n\r\n";
  const std::string in = a + b;
  EXPECT_EQ(p.feed(in), a.size());
  EXPECT_EQ(p.take().body, "abc");
  EXPECT_EQ(p.feed(std::string_view(in).substr(a.size())), b.size());
  EXPECT_EQ(p.take().target, "/b");
}

TEST(HttpParser, DecodesChunkedBodiesAndDropsTrailers) {
  HttpParser p(limits());
  const std::string in =
      "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\nGET";
  EXPECT_EQ(p.feed(in), in.size() - 3);
  ASSERT_EQ(p.state(), ParseState::Complete);
  auto r = p.take();
  EXPECT_EQ(r.body, "abc0123456789");
  EXPECT_TRUE(r.hasBody);
}

TEST(HttpParser, KeepAliveFollowsVersionAndConnectionHeader) {
  auto parse = [](const std::string& in) {
    HttpParser p(limits());
    p.feed(in);
    EXPECT_EQ(p.state(), ParseState::Complete) << in;
    return p.take();
  };
  EXPECT_FALSE(parse("GET / HTTP/1.0\r\n\r\n").keepAlive);
  EXPECT_TRUE(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive);
  EXPECT_FALSE(parse("GET / HTTP/1.1\r\nConnection: foo, close\r\n\r\n").keepAlive);
  EXPECT_TRUE(parse("\r\nGET / HTTP/1.1\n\n").keepAlive) << "bare LF and a leading blank line";
}

TEST(HttpParser, DeclaredBodyOverTheLimitFailsWith413BeforeTheBody) {
  HttpParser p(limits(10));
  const std::string head = "POST /a HTTP/1.1\r\nContent-Length: 11\r\n\r\n";
  EXPECT_EQ(p.feed(head + "x"), head.size());
  ASSERT_EQ(p.state(), ParseState::Failed);
  EXPECT_EQ(p.errorStatus(), 413);
  EXPECT_NE(p.errorDetail().find("11 bytes exceeds the limit of 10"), std::string::npos);
}

TEST(HttpParser, ChunkedBodyOverTheLimitFailsWith413) {
  HttpParser p(limits(4));
  p.feed("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\n");
  ASSERT_EQ(p.state(), ParseState::Failed);
  EXPECT_EQ(p.errorStatus(), 413);
}

TEST(HttpParser, OversizedHeadFailsWith431) {
  HttpParser p(limits(1024, 64));
  p.feed("GET / HTTP/1.1\r\nX-Long: " + std::string(100, 'a'));
  ASSERT_EQ(p.state(), ParseState::Failed);
  EXPECT_EQ(p.errorStatus(), 431);
}

TEST(HttpParser, RejectsMalformedRequests) {
  const auto status = [](const std::string& in) {
    HttpParser p(limits());
    p.feed(in);
    return p.state() == ParseState::Failed ? p.errorStatus() : 0;
  };
  EXPECT_EQ(status("GARBAGE\r\n\r\n"), 400);
  EXPECT_EQ(status("GET / HTTP/2.0\r\n\r\n"), 505);
  EXPECT_EQ(status("GET / XYZ\r\n\r\n"), 400);
  EXPECT_EQ(status("GET / HTTP/1.1\r\nNo colon\r\n\r\n"), 400);
  EXPECT_EQ(status("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n"), 400);
  EXPECT_EQ(status("GET / HTTP/1.1\r\nBad Name: b\r\n\r\n"), 400);
  EXPECT_EQ(status("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n"), 400);
  EXPECT_EQ(status("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"), 400);
  EXPECT_EQ(status("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            400);
  EXPECT_EQ(status("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"), 501);
  EXPECT_EQ(status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), 400);
  EXPECT_EQ(status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n"), 400);
}

TEST(HttpParser, HeadSplitAcrossFeedsAtTheBlankLine) {
  HttpParser p(limits());
  EXPECT_EQ(p.feed("GET / HTTP/1.1\r\nA: b\r\n\r"), 23u);
  EXPECT_EQ(p.state(), ParseState::Head);
  EXPECT_EQ(p.feed("\nGET"), 1u);
  EXPECT_EQ(p.state(), ParseState::Complete);
  EXPECT_EQ(p.take().header("a"), "b");
}

}  // namespace
}  // namespace clxs::kernel
