#include "kernel/workspace/databricks/poco_transport.hpp"

#include <Poco/Crypto/EVPPKey.h>
#include <Poco/Crypto/X509Certificate.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <csignal>
#include <mutex>
#include <set>
#include <thread>

namespace clxs::kernel::databricks {
namespace {

using std::chrono::milliseconds;

// A write to a socket the server closed must fail, not kill the test.
const bool kSigpipeIgnored = [] {
  std::signal(SIGPIPE, SIG_IGN);
  return true;
}();

struct Seen {
  std::mutex mu;
  std::set<int> clientPorts;
  int requests = 0;
};

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Seen& seen) : seen_(seen) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& res) override {
    std::string body;
    Poco::StreamCopier::copyToString(req.stream(), body);
    {
      std::lock_guard lock(seen_.mu);
      seen_.clientPorts.insert(req.clientAddress().port());
      ++seen_.requests;
    }
    const std::string& uri = req.getURI();
    if (uri.starts_with("/slow")) std::this_thread::sleep_for(milliseconds(1500));
    if (uri.starts_with("/redirect")) {
      res.set("Location", "/echo");
      res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_FOUND);
      res.setContentLength(0);
      res.send();
      return;
    }
    if (uri.starts_with("/close")) res.setKeepAlive(false);
    res.set("X-Custom-Header", "custom");
    res.set("Content-Type", "text/plain");
    const std::string out =
        req.getMethod() + " " + uri + "\n" + "x-test=" + req.get("X-Test", "") + "\n" + body;
    res.setContentLength(static_cast<std::streamsize>(out.size()));
    res.send() << out;
  }

 private:
  Seen& seen_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Seen& seen) : seen_(seen) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(seen_);  // Poco owns and deletes the handler
  }

 private:
  Seen& seen_;
};

class PocoTransportTest : public ::testing::Test {
 protected:
  void start(milliseconds keepAlive = milliseconds(10'000)) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = socket.address().port();
    auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(keepAlive.count() * 1000));
    params->setMaxThreads(8);
    server_ =
        std::make_unique<Poco::Net::HTTPServer>(Poco::makeShared<Factory>(seen_), socket, params);
    server_->start();
  }
  // stopAll() does not wait for handlers still running (the slow one sleeps past the test);
  // they touch the server's state when they end, so wait for the pool before destroying it.
  void TearDown() override {
    if (!server_) return;
    server_->stopAll(true);
    Poco::ThreadPool::defaultPool().joinAll();
  }
  std::string url(const std::string& target) const {
    return "http://127.0.0.1:" + std::to_string(port_) + target;
  }
  HttpResponse get(PocoTransport& t, const std::string& target, TransportTimeouts timeouts = {}) {
    return t.send(HttpRequest{"GET", url(target), {}, ""}, timeouts);
  }

  Seen seen_;
  int port_ = 0;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

TEST_F(PocoTransportTest, SendsMethodTargetHeadersAndBodyExactly) {
  start();
  PocoTransport t;
  const HttpResponse r = t.send(
      HttpRequest{"POST", url("/echo/a%2Fb?x=%20y&z=1"), {{"X-Test", "yes"}}, "{\"k\":1}"}, {});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.reason, "OK");
  EXPECT_EQ(r.body, "POST /echo/a%2Fb?x=%20y&z=1\nx-test=yes\n{\"k\":1}");
  EXPECT_EQ(r.headers.at("x-custom-header"), "custom");
  EXPECT_EQ(r.headers.at("content-type"), "text/plain");
  EXPECT_EQ(r.headers.count("X-Custom-Header"), 0U);
}

TEST_F(PocoTransportTest, ReusesOneKeepAliveConnection) {
  start();
  PocoTransport t;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get(t, "/echo").status, 200);
  EXPECT_EQ(t.connectionsOpened(), 1);
  std::lock_guard lock(seen_.mu);
  EXPECT_EQ(seen_.clientPorts.size(), 1U);
  EXPECT_EQ(seen_.requests, 5);
}

TEST_F(PocoTransportTest, ReconnectsWhenTheServerClosedAnIdleConnection) {
  start(milliseconds(100));
  PocoTransport t;
  EXPECT_EQ(get(t, "/echo").status, 200);
  std::this_thread::sleep_for(milliseconds(400));
  EXPECT_EQ(get(t, "/echo").status, 200);
  EXPECT_EQ(t.connectionsOpened(), 2);
}

TEST_F(PocoTransportTest, DoesNotPoolAConnectionTheServerCloses) {
  start();
  PocoTransport t;
  EXPECT_EQ(get(t, "/close").status, 200);
  EXPECT_EQ(get(t, "/echo").status, 200);
  EXPECT_EQ(t.connectionsOpened(), 2);
}

TEST_F(PocoTransportTest, DoesNotFollowRedirects) {
  start();
  PocoTransport t;
  const HttpResponse r = get(t, "/redirect");
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.headers.at("location"), "/echo");
  std::lock_guard lock(seen_.mu);
  EXPECT_EQ(seen_.requests, 1);
}

TEST_F(PocoTransportTest, TimesOutOnASilentServer) {
  start();
  PocoTransport t;
  TransportTimeouts timeouts;
  timeouts.inactivity = milliseconds(200);
  const auto begin = std::chrono::steady_clock::now();
  try {
    get(t, "/slow?token=secret", timeouts);
    FAIL() << "expected a timeout";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.failure(), TransportFailure::Timeout);
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - begin, milliseconds(1400));
}

TEST_F(PocoTransportTest, ManyThreadsShareTheSmallPool) {
  start();
  PocoTransport t;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 10; ++j) {
        if (get(t, "/echo").status == 200) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 40);
  EXPECT_LE(t.connectionsOpened(), 4);
}

TEST(PocoTransport, RefusesPlainHttpToANonLoopbackHost) {
  PocoTransport t;
  for (const char* u : {"http://example.com/api?token=secret", "http://10.0.0.1:80/x",
                        "http://127.0.0.1.nip.io/x"}) {
    try {
      t.send(HttpRequest{"GET", u, {{"Authorization", "Bearer dapiSECRET"}}, ""}, {});
      FAIL() << u;
    } catch (const TransportError& e) {
      EXPECT_EQ(e.failure(), TransportFailure::Refused) << u;
      const std::string m = e.what();
      EXPECT_NE(m.find("use https://"), std::string::npos) << m;
      EXPECT_EQ(m.find("secret"), std::string::npos) << m;
      EXPECT_EQ(m.find("SECRET"), std::string::npos) << m;
    }
  }
  EXPECT_EQ(t.connectionsOpened(), 0);
}

TEST(PocoTransport, RefusesMalformedUrls) {
  PocoTransport t;
  try {
    t.send(HttpRequest{"GET", "ftp://host/x?sig=abc", {}, ""}, {});
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.failure(), TransportFailure::Refused);
    EXPECT_EQ(std::string(e.what()).find("sig=abc"), std::string::npos);
  }
}

TEST(PocoTransport, ConnectFailedOnAClosedPort) {
  int port = 0;
  {
    Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = s.address().port();
  }
  PocoTransport t;
  try {
    t.send(HttpRequest{"POST", "http://127.0.0.1:" + std::to_string(port) + "/x?q=1", {}, "b"}, {});
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.failure(), TransportFailure::ConnectFailed) << e.what();
    EXPECT_NE(std::string(e.what()).find("http://127.0.0.1:" + std::to_string(port)),
              std::string::npos)
        << e.what();
    EXPECT_EQ(std::string(e.what()).find("q=1"), std::string::npos) << e.what();
  }
}

// A TCP server that answers every connection with `reply` (nothing when empty) and keeps it
// open for `hold`.
class RawServer {
 public:
  RawServer(std::string reply, milliseconds hold)
      : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)), reply_(std::move(reply)), hold_(hold) {
    thread_ = std::thread([this] {
      try {
        Poco::Net::StreamSocket peer = socket_.acceptConnection();
        char buf[1024];
        peer.setReceiveTimeout(Poco::Timespan(1, 0));
        peer.receiveBytes(buf, sizeof buf);
        if (!reply_.empty()) peer.sendBytes(reply_.data(), static_cast<int>(reply_.size()));
        std::this_thread::sleep_for(hold_);
      } catch (const Poco::Exception&) {
      }
    });
  }
  ~RawServer() { thread_.join(); }
  int port() const { return socket_.address().port(); }

 private:
  Poco::Net::ServerSocket socket_;
  std::string reply_;
  milliseconds hold_;
  std::thread thread_;
};

TEST(PocoTransport, TlsToAPlainServerIsATlsFailure) {
  RawServer server("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", milliseconds(0));
  PocoTransport t;
  try {
    t.send(HttpRequest{"GET", "https://127.0.0.1:" + std::to_string(server.port()) + "/", {}, ""},
           {});
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.failure(), TransportFailure::Tls) << e.what();
  }
}

TEST(PocoTransport, ASilentTlsPeerFailsWithinTheConnectTimeout) {
  RawServer server("", milliseconds(1500));
  PocoTransport t;
  TransportTimeouts timeouts;
  timeouts.connect = milliseconds(300);
  const auto begin = std::chrono::steady_clock::now();
  try {
    t.send(HttpRequest{"POST", "https://127.0.0.1:" + std::to_string(server.port()) + "/", {}, "x"},
           timeouts);
    FAIL();
  } catch (const TransportError& e) {
    // Nothing was sent, so even a non-idempotent request may be sent again.
    EXPECT_EQ(e.failure(), TransportFailure::ConnectFailed) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - begin, milliseconds(1400));
}

// A server context with a fresh self-signed certificate for CN=localhost.
Poco::Net::Context::Ptr selfSignedServerContext() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_set_pubkey(cert, key);
  X509_sign(cert, key, EVP_sha256());
  auto context = Poco::makeAuto<Poco::Net::Context>(Poco::Net::Context::TLS_SERVER_USE, "",
                                                    Poco::Net::Context::VERIFY_NONE);
  context->useCertificate(Poco::Crypto::X509Certificate(cert));  // takes `cert`
  context->usePrivateKey(Poco::Crypto::EVPPKey(key));            // copies `key`
  EVP_PKEY_free(key);
  return context;
}

// Peers are verified: a certificate no trusted CA signed fails the handshake.
TEST(PocoTransport, RejectsAnUntrustedCertificate) {
  Seen seen;
  Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64,
                                       selfSignedServerContext());
  const int port = socket.address().port();
  Poco::Net::HTTPServer server(Poco::makeShared<Factory>(seen), socket,
                               Poco::makeAuto<Poco::Net::HTTPServerParams>());
  server.start();
  PocoTransport t;
  TransportTimeouts timeouts;
  timeouts.connect = milliseconds(3000);
  try {
    t.send(HttpRequest{"GET", "https://localhost:" + std::to_string(port) + "/echo?k=v", {}, ""},
           timeouts);
    ADD_FAILURE() << "an untrusted certificate was accepted";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.failure(), TransportFailure::Tls) << e.what();
    EXPECT_EQ(std::string(e.what()).find("k=v"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("certificate"), std::string::npos) << e.what();
  }
  server.stopAll(true);
  Poco::ThreadPool::defaultPool().joinAll();
  EXPECT_EQ(seen.requests, 0);
}

}  // namespace
}  // namespace clxs::kernel::databricks
