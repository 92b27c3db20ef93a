#include "kernel/workspace/databricks/poco_transport.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <mutex>
#include <ostream>

#include "clxs/text.hpp"
#include "kernel/workspace/databricks/url.hpp"

namespace clxs::kernel::databricks {
namespace {

using Poco::Net::HTTPClientSession;
using Poco::Net::HTTPSClientSession;

// Exposes Poco's protected connect so that connect failures are told apart from failures
// after the request went out: only the first are safe to send again for any request.
template <class Base>
class OpenableSession : public Base {
 public:
  using Base::Base;
  void open() { this->reconnect(); }
};
using PlainSession = OpenableSession<HTTPClientSession>;
using TlsSession = OpenableSession<HTTPSClientSession>;

// One client context for the process: TLS 1.2+, peer and host name verified against the
// system CA store. No certificate handler is installed, so a failed verification fails the
// handshake instead of asking anyone.
Poco::Net::Context::Ptr clientContext() {
  static std::once_flag once;
  static Poco::Net::Context::Ptr context;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    Poco::Net::Context::Params params;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    params.loadDefaultCAs = true;
    // Poco's reference-counted AutoPtr takes ownership of a raw new; there is no factory.
    context = new Poco::Net::Context(  // NOLINT(cppcoreguidelines-owning-memory)
        Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  });
  return context;
}

Poco::Timespan span(std::chrono::milliseconds ms) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

bool idempotentMethod(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "PUT" ||
         method == "DELETE";
}

bool methodHasBody(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

template <class T>
bool is(const Poco::Exception& e) {
  return dynamic_cast<const T*>(&e) != nullptr;
}

// Connecting (DNS, TCP, TLS handshake): the request has not left.
[[noreturn]] void throwConnectFailure(const Poco::Exception& e, const std::string& origin) {
  if (is<Poco::Net::SSLException>(e)) {
    throw TransportError(TransportFailure::Tls,
                         "TLS handshake with " + origin + " failed: " + e.displayText());
  }
  if (is<Poco::TimeoutException>(e)) {
    throw TransportError(TransportFailure::ConnectFailed, "connecting to " + origin + " timed out");
  }
  throw TransportError(TransportFailure::ConnectFailed,
                       "cannot connect to " + origin + ": " + e.displayText());
}

// After the request went out (in part or whole): its fate is unknown.
[[noreturn]] void throwExchangeFailure(const Poco::Exception& e, const std::string& origin) {
  if (is<Poco::Net::CertificateValidationException>(e) ||
      is<Poco::Net::InvalidCertificateException>(e)) {
    throw TransportError(TransportFailure::Tls,
                         "TLS failure with " + origin + ": " + e.displayText());
  }
  if (is<Poco::TimeoutException>(e)) {
    throw TransportError(TransportFailure::Timeout,
                         "no answer from " + origin + " within the inactivity timeout");
  }
  throw TransportError(TransportFailure::Reset,
                       "connection to " + origin + " broke: " + e.displayText());
}

// A connection that broke before any answer on a reused keep-alive socket: the server most
// likely closed it while idle, so the request is sent again once on a new connection.
bool staleFailure(const Poco::Exception& e) {
  return is<Poco::Net::NoMessageException>(e) || is<Poco::Net::ConnectionResetException>(e) ||
         is<Poco::Net::ConnectionAbortedException>(e) ||
         is<Poco::Net::SSLConnectionUnexpectedlyClosedException>(e) ||
         (is<Poco::IOException>(e) && !is<Poco::Net::MessageException>(e) &&
          !is<Poco::TimeoutException>(e));
}

void rethrowNetworkException(const HTTPClientSession& session) {
  if (const Poco::Exception* e = session.networkException()) e->rethrow();
  throw Poco::IOException("stream failure");
}

}  // namespace

struct PocoTransport::Pooled {
  std::unique_ptr<HTTPClientSession> session;
  bool tls = false;
  std::chrono::steady_clock::time_point idleSince;

  void open(const std::string& host, std::chrono::milliseconds timeout) {
    if (!tls) {
      static_cast<PlainSession&>(*session).open();
      return;
    }
    static_cast<TlsSession&>(*session).open();
    // Poco leaves a handshake that ran out of time half done and finishes it on the first
    // write, under the inactivity timeout; finish it here, bounded by the connect timeout,
    // and check the host name on the completed handshake.
    Poco::Net::SecureStreamSocket secure(session->socket());
    secure.setReceiveTimeout(span(timeout));
    secure.setSendTimeout(span(timeout));
    if (secure.completeHandshake() != 1) throw Poco::TimeoutException("TLS handshake timed out");
    secure.verifyPeerCertificate(host);
  }
};

PocoTransport::PocoTransport(PocoTransportOptions options) : options_(options) {}

PocoTransport::~PocoTransport() = default;

long PocoTransport::connectionsOpened() const {
  std::lock_guard lock(mu_);
  return opened_;
}

std::unique_ptr<PocoTransport::Pooled> PocoTransport::take(const std::string& origin) {
  for (;;) {
    std::unique_ptr<Pooled> candidate;
    {
      std::lock_guard lock(mu_);
      auto it = idle_.find(origin);
      if (it == idle_.end() || it->second.empty()) return nullptr;
      candidate = std::move(it->second.back());
      it->second.pop_back();
    }
    const auto idleFor = std::chrono::steady_clock::now() - candidate->idleSince;
    if (idleFor > options_.maxIdle || !candidate->session->connected()) continue;
    try {
      // Readable while idle means the server closed it (or sent junk): not reusable.
      if (candidate->session->socket().poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
        continue;
      }
    } catch (const Poco::Exception&) {
      continue;
    }
    return candidate;
  }
}

void PocoTransport::giveBack(const std::string& origin, std::unique_ptr<Pooled> session) {
  session->idleSince = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  auto& pool = idle_[origin];
  if (pool.size() >= options_.maxIdlePerOrigin) return;  // closed as `session` goes
  pool.push_back(std::move(session));
}

HttpResponse PocoTransport::send(const HttpRequest& request, const TransportTimeouts& timeouts) {
  UrlParts url;
  try {
    url = splitUrl(request.url);
  } catch (const std::invalid_argument& e) {
    throw TransportError(TransportFailure::Refused,
                         std::string("refusing the request: ") + e.what());
  }
  const std::string origin = urlOrigin(request.url);
  if (url.scheme == "http" && !isLoopbackHost(url.host)) {
    throw TransportError(TransportFailure::Refused,
                         "refusing plain http to " + origin +
                             ": http:// is allowed only to a loopback host; use https://");
  }
  for (int round = 0;; ++round) {
    // A retry after a stale keep-alive connection always takes a new one.
    std::unique_ptr<Pooled> pooled = round == 0 ? take(origin) : nullptr;
    const bool reused = pooled != nullptr;
    if (!pooled) {
      pooled = std::make_unique<Pooled>();
      pooled->tls = url.scheme == "https";
      if (pooled->tls) {
        pooled->session = std::make_unique<TlsSession>(
            url.host, static_cast<Poco::UInt16>(url.port), clientContext());
      } else {
        pooled->session =
            std::make_unique<PlainSession>(url.host, static_cast<Poco::UInt16>(url.port));
      }
      pooled->session->setKeepAlive(true);
      // The pool decides when an idle connection is too old; Poco must not reconnect on its
      // own in the middle of a send, where a connect failure would look like a reset.
      pooled->session->setKeepAliveTimeout(Poco::Timespan(24L * 3600, 0));
    }
    HTTPClientSession& session = *pooled->session;
    session.setTimeout(span(timeouts.connect), span(timeouts.inactivity),
                       span(timeouts.inactivity));
    if (!reused) {
      try {
        pooled->open(url.host, timeouts.connect);
      } catch (const Poco::Exception& e) {
        throwConnectFailure(e, origin);
      }
      std::lock_guard lock(mu_);
      ++opened_;
    }
    try {
      session.socket().setReceiveTimeout(span(timeouts.inactivity));
      session.socket().setSendTimeout(span(timeouts.inactivity));

      Poco::Net::HTTPRequest out(request.method, url.target, Poco::Net::HTTPMessage::HTTP_1_1);
      for (const auto& [name, value] : request.headers) out.add(name, value);
      if (!request.body.empty() || methodHasBody(request.method)) {
        out.setContentLength(static_cast<std::streamsize>(request.body.size()));
      }
      out.setKeepAlive(true);
      std::ostream& os = session.sendRequest(out);
      os.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
      os.flush();
      if (!os.good()) rethrowNetworkException(session);

      Poco::Net::HTTPResponse in;
      std::istream& is = session.receiveResponse(in);
      HttpResponse response;
      Poco::StreamCopier::copyToString(is, response.body);
      if (is.bad()) rethrowNetworkException(session);
      if (in.hasContentLength() &&
          static_cast<std::streamsize>(response.body.size()) < in.getContentLength64() &&
          request.method != "HEAD") {
        throw Poco::Net::MessageException("the answer ended before its Content-Length");
      }
      response.status = static_cast<int>(in.getStatus());
      response.reason = in.getReason();
      for (const auto& [name, value] : in) {
        auto [it, inserted] = response.headers.emplace(lowerAscii(name), value);
        if (!inserted) it->second += ", " + value;
      }
      if (in.getKeepAlive()) giveBack(origin, std::move(pooled));
      return response;
    } catch (const Poco::Exception& e) {
      if (reused && round == 0 && idempotentMethod(request.method) && staleFailure(e)) continue;
      throwExchangeFailure(e, origin);
    }
  }
}

}  // namespace clxs::kernel::databricks
