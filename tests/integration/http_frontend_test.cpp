// The event-driven HTTP front end (issue 15) against the real binary: slow and idle clients
// cannot block others, slow handlers do not delay the health check, the connection limit, framing
// (413 with the whole body sent, pipelining, bodies of error answers, Expect: 100-continue),
// WebSocket control frames and caps, and shutdown on SIGTERM.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/Timespan.h>
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/plugin_dir.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::testing {
namespace {
// Its own namespace: the unity build puts other tests' helpers in the same file.
namespace frontend {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// One response read off a raw connection.
struct RawResponse {
  int status = 0;
  std::string head;
  std::string body;
};

/// A blocking TCP client speaking raw HTTP/1.1, for what an HTTP library hides.
class RawClient {
 public:
  explicit RawClient(int port, std::chrono::milliseconds timeout = 10s) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{};
    tv.tv_sec = static_cast<long>(timeout.count() / 1000);
    tv.tv_usec = static_cast<long>((timeout.count() % 1000) * 1000);
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    const int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  [[nodiscard]] bool connected() const { return connected_; }

  bool send(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  /// The next response (head and Content-Length body); status 0 when the connection ended
  /// or timed out first.
  RawResponse read() {
    RawResponse r;
    std::size_t end = std::string::npos;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return r;
    }
    r.head = buf_.substr(0, end + 4);
    buf_.erase(0, end + 4);
    r.status = std::stoi(r.head.substr(9, 3));
    std::size_t length = 0;
    const auto at = lower(r.head).find("content-length:");
    if (at != std::string::npos) length = std::stoul(r.head.substr(at + 15));
    while (buf_.size() < length) {
      if (!fill()) return RawResponse{};
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return r;
  }

  /// Whether the server closed the connection (EOF) within the receive timeout.
  bool closedByPeer() {
    char c = 0;
    for (;;) {
      const ssize_t n = ::recv(fd_, &c, 1, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

 private:
  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  bool fill() {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::string get(const std::string& path, const std::string& id = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: t\r\n" +
         (id.empty() ? "" : "X-Request-Id: " + id + "\r\n") + "\r\n";
}

std::string post(const std::string& path, const std::string& body, const std::string& id = "") {
  return "POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" +
         (id.empty() ? "" : "X-Request-Id: " + id + "\r\n") +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string header(const RawResponse& r, const std::string& name) {
  const auto at = r.head.find(name + ": ");
  if (at == std::string::npos) return {};
  return r.head.substr(at + name.size() + 2, r.head.find("\r\n", at) - at - name.size() - 2);
}

/// A server whose config sets `serverBlock` (YAML lines under `server:`).
std::unique_ptr<ServerProcess> serverWith(const TempDir& dir, const std::string& serverBlock,
                                          const std::filesystem::path& pluginsDir = {}) {
  std::filesystem::create_directories(dir.path() / "config");
  std::ofstream(dir.path() / "config" / "clone_config.yaml") << "server:\n" << serverBlock;
  ServerOptions o;
  o.dataDir = dir.path();
  o.pluginsDir = pluginsDir;
  o.localOnly = true;
  return std::make_unique<ServerProcess>(o);
}

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

TEST(HttpFrontEnd, SlowHeadersGet408AndDoNotBlockAConcurrentClient) {
  TempDir dir;
  auto s = serverWith(dir, "  header_timeout_seconds: 1.5\n  threads: 2\n");
  // More slow clients than handler threads: under thread-per-connection they block everyone.
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(std::make_unique<RawClient>(s->port()));
    ASSERT_TRUE(slow.back()->send("GET /api/health HTTP/1.1\r\nHost: t\r\nX-Slow"));
  }
  const auto t0 = Clock::now();
  RawClient fast(s->port());
  ASSERT_TRUE(fast.send(get("/api/health")));
  EXPECT_EQ(fast.read().status, 200);
  EXPECT_LT(msSince(t0), 1000) << "a concurrent client waited behind the slow ones";
  for (auto& c : slow) {
    const auto r = c->read();
    EXPECT_EQ(r.status, 408);
    EXPECT_NE(r.body.find("did not arrive within 1500 ms"), std::string::npos) << r.body;
    EXPECT_EQ(header(r, "Connection"), "close");
    EXPECT_TRUE(c->closedByPeer());
  }
  EXPECT_GE(msSince(t0), 1000) << "408 only after the header timeout";
}

TEST(HttpFrontEnd, ASecondServerOnAPortInUseExitsWithAClearMessage) {
  TempDir dir;
  TempDir other;
  auto s = serverWith(dir, "");
  const auto log = other.path() / "second.log";
  pid_t pid = clxs::testing::spawnLogged(
      {clxs::testing::ServerProcess::binary().string(), "serve", "--host", "127.0.0.1", "--port",
       std::to_string(s->port()), "--data-dir", (other.path() / "data").string()},
      {}, log);
  const auto code = clxs::testing::waitForExit(pid, std::chrono::seconds(60));
  clxs::testing::terminateChild(pid);
  ASSERT_TRUE(code.has_value()) << "a second server kept running on a port in use";
  EXPECT_NE(*code, 0);
  const auto output = clxs::testing::readLog(log);
  EXPECT_NE(output.find("port " + std::to_string(s->port()) + " on 127.0.0.1 is in use"),
            std::string::npos)
      << output;
  RawClient c(s->port());
  ASSERT_TRUE(c.send(get("/api/health")));
  EXPECT_EQ(c.read().status, 200) << "the first server must keep its port";
}

TEST(HttpFrontEnd, AFullSetOfIdleKeepAliveConnectionsDoesNotBlockANewClient) {
  TempDir dir;
  auto s = serverWith(dir, "  threads: 4\n");
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 300; ++i) {
    idle.push_back(std::make_unique<RawClient>(s->port()));
    ASSERT_TRUE(idle.back()->send(get("/api/health")));
    ASSERT_EQ(idle.back()->read().status, 200) << "connection " << i;
  }
  const auto t0 = Clock::now();
  RawClient fresh(s->port());
  ASSERT_TRUE(fresh.send(get("/api/health")));
  EXPECT_EQ(fresh.read().status, 200);
  EXPECT_LT(msSince(t0), 1000);
  // The idle connections still work.
  ASSERT_TRUE(idle.front()->send(get("/api/health")));
  EXPECT_EQ(idle.front()->read().status, 200);
}

TEST(HttpFrontEnd, IdleKeepAliveConnectionIsClosedAfterItsTimeout) {
  TempDir dir;
  auto s = serverWith(dir, "  keep_alive_timeout_seconds: 0.5\n");
  RawClient c(s->port(), 5s);
  ASSERT_TRUE(c.send(get("/api/health")));
  ASSERT_EQ(c.read().status, 200);
  const auto t0 = Clock::now();
  EXPECT_TRUE(c.closedByPeer());
  EXPECT_LT(msSince(t0), 3000);
}

TEST(HttpFrontEnd, ConnectionsBeyondTheLimitAreAnswered503AtOnce) {
  TempDir dir;
  auto s = serverWith(dir, "  max_connections: 20\n");
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 20; ++i) {
    held.push_back(std::make_unique<RawClient>(s->port()));
    ASSERT_TRUE(held.back()->send(get("/api/health")));
    ASSERT_EQ(held.back()->read().status, 200);
  }
  const auto t0 = Clock::now();
  RawClient over(s->port());
  over.send(get("/api/health"));
  const auto r = over.read();
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("connection limit of 20"), std::string::npos) << r.body;
  EXPECT_LT(msSince(t0), 1000);
  held.pop_back();  // a slot frees up
  std::this_thread::sleep_for(200ms);
  RawClient next(s->port());
  ASSERT_TRUE(next.send(get("/api/health")));
  EXPECT_EQ(next.read().status, 200);
}

TEST(HttpFrontEnd, SixtyFourSlowRequestsInFlightDoNotDelayTheHealthCheck) {
  PluginDir plugins{"slowstop"};
  TempDir dir;
  // The pool cannot grow past the slow requests: a health check that needed a handler thread
  // would wait for one of them to end, 2 s.
  auto s = serverWith(dir, "  threads: 8\n  max_threads: 64\n", plugins.path());
  ASSERT_EQ(s->get("/api/health").status, 200);
  const auto t0 = Clock::now();
  std::vector<std::future<int>> slow;
  slow.reserve(64);
  for (int i = 0; i < 64; ++i) {
    slow.push_back(
        std::async(std::launch::async, [&s] { return s->get("/api/slowstop/sleep").status; }));
  }
  std::this_thread::sleep_for(300ms);  // the 64 handlers are asleep now
  double slowest = 0;
  int checks = 0;
  while (msSince(t0) < 1500) {  // well before the first slow request ends
    const auto t = Clock::now();
    EXPECT_EQ(s->get("/api/health").status, 200);
    slowest = std::max(slowest, msSince(t));
    ++checks;
    std::this_thread::sleep_for(20ms);
  }
  for (auto& f : slow) EXPECT_EQ(f.get(), 200);
  EXPECT_GE(msSince(t0), 2000.0);  // they were in flight during every check
  EXPECT_GT(checks, 10);
  EXPECT_LT(slowest, 100.0) << "the health check waited behind slow handlers";
  std::cout << "[ slow handlers ] " << checks << " health checks, slowest " << slowest << " ms\n";
}

TEST(HttpFrontEnd, SlowBodyIsCutOffWith408) {
  TempDir dir;
  auto s = serverWith(dir, "  body_timeout_seconds: 1\n");
  RawClient c(s->port());
  ASSERT_TRUE(
      c.send("POST /api/plugins/toggle HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{"));
  const auto r = c.read();
  EXPECT_EQ(r.status, 408);
  EXPECT_NE(r.body.find("body did not arrive"), std::string::npos) << r.body;
}

class HttpFraming : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServerProcess>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }

 private:
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> HttpFraming::server_;

TEST_F(HttpFraming, Oversized413IsReadableByAClientThatSendsTheWholeBody) {
  RawClient c(port(), 30s);
  const std::string body(11u << 20, 'x');
  const std::string head =
      "POST /api/cache/invalidate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  // Like most clients: the whole request is written before the answer is read.
  ASSERT_TRUE(c.send(head + body)) << "the server reset the connection while the body was sent";
  const auto r = c.read();
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("10485760"), std::string::npos) << r.body;
  EXPECT_EQ(header(r, "Connection"), "close");
  EXPECT_TRUE(c.closedByPeer());
}

TEST_F(HttpFraming, PipelinedRequestsAreAnsweredInOrder) {
  RawClient c(port());
  ASSERT_TRUE(c.send(get("/api/health", "p1") + get("/api/nope", "p2") +
                     post("/api/plugins/toggle", "{bad json", "p3") + get("/api/health", "p4")));
  const int want[] = {200, 404, 422, 200};
  for (int i = 0; i < 4; ++i) {
    const auto r = c.read();
    EXPECT_EQ(r.status, want[i]) << i;
    EXPECT_EQ(header(r, "X-Request-Id"), "p" + std::to_string(i + 1));
  }
}

TEST_F(HttpFraming, ABodySentTo404Or405DoesNotPoisonTheNextRequest) {
  RawClient c(port());
  // Each body looks like a request of its own: were it left on the connection, it would be
  // answered as one.
  const std::string smuggled = get("/api/smuggled", "evil");
  ASSERT_TRUE(c.send(post("/api/does-not-exist", smuggled, "a") + get("/api/health", "b")));
  auto r = c.read();
  EXPECT_EQ(r.status, 404);
  r = c.read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(header(r, "X-Request-Id"), "b");
  ASSERT_TRUE(c.send("DELETE /api/health HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                     std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled +
                     get("/api/health", "c")));
  r = c.read();
  EXPECT_EQ(r.status, 405);
  r = c.read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(header(r, "X-Request-Id"), "c");
}

TEST_F(HttpFraming, ChunkedBodiesAreDecoded) {
  RawClient c(port());
  ASSERT_TRUE(
      c.send("POST /api/plugins/toggle HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
             "5\r\n{bad \r\n4\r\njson\r\n0\r\n\r\n" +
             get("/api/health")));
  EXPECT_EQ(c.read().status, 422);
  EXPECT_EQ(c.read().status, 200);
}

TEST_F(HttpFraming, ExpectContinueGets100BeforeTheBodyIsSent) {
  RawClient c(port());
  const std::string body = R"({"name": 5})";
  ASSERT_TRUE(
      c.send("POST /api/plugins/toggle HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
             "Content-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n"));
  const auto interim = c.read();
  EXPECT_EQ(interim.status, 100);
  ASSERT_TRUE(c.send(body));
  const auto r = c.read();
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("\"name\""), std::string::npos) << "the body was read and validated";
}

TEST_F(HttpFraming, MalformedRequestsAre400AndClose) {
  RawClient c(port());
  ASSERT_TRUE(c.send("NOT A REQUEST\r\n\r\n"));
  const auto r = c.read();
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(c.closedByPeer());
  RawClient d(port());
  ASSERT_TRUE(d.send("GET / HTTP/1.1\r\nX: " + std::string(70000, 'a') + "\r\n\r\n"));
  EXPECT_EQ(d.read().status, 431);
}

// ---------------------------------------------------------------------------------------
// WebSockets, on a job of the `testjobs` fixture plugin that runs long enough.
// ---------------------------------------------------------------------------------------

std::filesystem::path testPluginsDir() {
  return ServerProcess::buildPluginsDir().parent_path().parent_path().parent_path() / "tests" /
         "plugins" / "good";
}

struct Frame {
  int op = -1;  // -1: nothing arrived
  std::string payload;
  [[nodiscard]] int closeCode() const {
    if (payload.size() < 2) return 0;
    return (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
  }
};

class WebSocketFrontEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(testPluginsDir())) {
      GTEST_SKIP() << "fixture plugins not built (target clxs_test_plugins)";
    }
    server_ = serverWith(dir_, "  websocket_max_message_bytes: 4096\n", testPluginsDir());
    const auto r = server_->post("/api/testjobs/sleep", Json{{"seconds", 60}});
    ASSERT_EQ(r.status, 200) << r.body;
    jobId_ = r.json()["job_id"].get<std::string>();
  }
  void TearDown() override {
    if (server_ && !jobId_.empty()) server_->request("DELETE", "/api/clone/" + jobId_);
  }

  std::unique_ptr<Poco::Net::WebSocket> connect() {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server_->port()));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/clone/ws/" + jobId_,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTTPResponse response;
    auto ws = std::make_unique<Poco::Net::WebSocket>(session, request, response);
    ws->setReceiveTimeout(Poco::Timespan(10, 0));
    return ws;
  }

  /// The next frame other than job events (text frames are skipped).
  static Frame nextControl(Poco::Net::WebSocket& ws) {
    std::vector<char> buf(1 << 16);
    for (;;) {
      int flags = 0;
      int n = 0;
      try {
        n = ws.receiveFrame(buf.data(), static_cast<int>(buf.size()), flags);
      } catch (const Poco::Exception&) {
        return {};
      }
      if (n == 0 && flags == 0) return {};
      const int op = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
      if (op == Poco::Net::WebSocket::FRAME_OP_TEXT) continue;
      return Frame{op, std::string(buf.data(), static_cast<std::size_t>(n))};
    }
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string jobId_;
};

TEST_F(WebSocketFrontEnd, PingIsAnsweredWithPongAndCloseIsEchoed) {
  auto ws = connect();
  ws->sendFrame("hi", 2,
                static_cast<int>(Poco::Net::WebSocket::FRAME_FLAG_FIN) |
                    static_cast<int>(Poco::Net::WebSocket::FRAME_OP_PING));
  const auto pong = nextControl(*ws);
  EXPECT_EQ(pong.op, Poco::Net::WebSocket::FRAME_OP_PONG);
  EXPECT_EQ(pong.payload, "hi");
  ws->shutdown(Poco::Net::WebSocket::WS_NORMAL_CLOSE);
  const auto close = nextControl(*ws);
  EXPECT_EQ(close.op, Poco::Net::WebSocket::FRAME_OP_CLOSE);
  EXPECT_EQ(close.closeCode(), 1000);
  EXPECT_EQ(server_->get("/api/health").status, 200);
}

TEST_F(WebSocketFrontEnd, AMessageOverTheSizeCapClosesWith1009) {
  auto ws = connect();
  const std::string big(8192, 'x');
  ws->sendFrame(big.data(), static_cast<int>(big.size()), Poco::Net::WebSocket::FRAME_TEXT);
  const auto close = nextControl(*ws);
  EXPECT_EQ(close.op, Poco::Net::WebSocket::FRAME_OP_CLOSE);
  EXPECT_EQ(close.closeCode(), 1009);
  EXPECT_EQ(server_->get("/api/health").status, 200);
}

TEST_F(WebSocketFrontEnd, SigtermClosesWebSocketsWith1001AndExitsCleanly) {
  auto ws = connect();
  RawClient idle(server_->port());
  ASSERT_TRUE(idle.send(get("/api/health")));
  ASSERT_EQ(idle.read().status, 200);
  const auto t0 = Clock::now();
  ASSERT_EQ(::kill(server_->pid(), SIGTERM), 0);
  const auto close = nextControl(*ws);
  EXPECT_EQ(close.op, Poco::Net::WebSocket::FRAME_OP_CLOSE);
  EXPECT_EQ(close.closeCode(), 1001);
  EXPECT_TRUE(idle.closedByPeer()) << "idle keep-alive connections are closed";
  EXPECT_EQ(server_->stop(), 0) << server_->output();
  EXPECT_LT(msSince(t0), 10000);
  jobId_.clear();
}

}  // namespace frontend
}  // namespace
}  // namespace clxs::testing
