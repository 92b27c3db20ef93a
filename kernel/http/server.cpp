#include "kernel/http/server.hpp"

#include <sys/resource.h>

#include <thread>

#include "kernel/http/connection.hpp"
#include "kernel/http/event_loop.hpp"
#include "kernel/http/fiber_thread.hpp"
#include "kernel/http/handler_pool.hpp"
#include "kernel/http/request_dispatcher.hpp"
#include "kernel/http/websocket_channel.hpp"

namespace clxs::kernel {

namespace {

// A WebSocket handler's stack: address space only, the pages it touches are what it costs.
// The sanitizers' instrumented frames are several times larger.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kFiberStackBytes = 4u << 20;
#else
constexpr std::size_t kFiberStackBytes = 512u << 10;
#endif

void raiseOpenFileLimit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

}  // namespace

HttpServer::HttpServer(Router& router, RequestEnricher& enricher, ChangeRecorder& changes,
                       std::function<Json(const RouteTable&)> openapi, ServerSettings settings,
                       JsonLogger& log)
    : settings_(std::move(settings)) {
  dispatcher_ = std::make_unique<RequestDispatcher>(router, enricher, changes, std::move(openapi),
                                                    settings_, log);
}

HttpServer::~HttpServer() {
  stop(std::chrono::milliseconds(0));
}

void HttpServer::start() {
  raiseOpenFileLimit();
  pool_ = std::make_unique<HandlerPool>(static_cast<std::size_t>(settings_.threads),
                                        static_cast<std::size_t>(settings_.maxThreads));
  for (int i = 0; i < std::max(1, settings_.websocketThreads); ++i) {
    fiberThreads_.push_back(std::make_unique<FiberThread>(kFiberStackBytes));
  }
  // One loop per core (io_threads): a single loop thread saturates one core while the other
  // idles. The first loop accepts and deals the connections out to all of them.
  const int loops = std::max(1, settings_.ioThreads);
  std::vector<EventLoop*> all;
  for (int i = 0; i < loops; ++i) {
    loops_.push_back(std::make_unique<EventLoop>(*this, open_));
    all.push_back(loops_.back().get());
  }
  port_ = loops_.front()->listen(settings_.host, settings_.port);
  loops_.front()->spreadTo(std::move(all));
  for (auto& loop : loops_) loop->start();
  started_ = true;
}

void HttpServer::dispatch(std::shared_ptr<Connection> connection, HttpRequest request) {
  ++inflight_;
  pool_->submit([this, conn = std::move(connection), req = std::move(request)]() mutable {
    HandlerOutcome outcome = dispatcher_->handle(req, conn->remote(), stopping_.load());
    // Written from this thread: waking the loop for every answer costs more than the write.
    conn->onHandled(std::move(outcome));
    --inflight_;
  });
}

std::optional<HandlerOutcome> HttpServer::answerInline(HttpRequest& request,
                                                       const std::string& remote) {
  return dispatcher_->answerOnLoop(request, remote, stopping_.load());
}

std::string HttpServer::frontEndError(int status, const std::string& detail,
                                      const HttpRequest* request, const std::string& remote) {
  return dispatcher_->frontEndError(status, detail, request, remote);
}

void HttpServer::runSocket(std::shared_ptr<FiberWebSocketChannel> channel,
                           std::function<void(WebSocketChannel&)> handler,
                           const std::string& requestId) {
  ++sockets_;
  auto& thread = *fiberThreads_[nextFiberThread_++ % fiberThreads_.size()];
  thread.spawn(
      [this, channel = std::move(channel), handler = std::move(handler)] {
        channel->attach();
        handler(*channel);
        channel->finish();
        --sockets_;
      },
      requestId);
}

void HttpServer::stop(std::chrono::milliseconds grace) {
  if (!started_) return;
  started_ = false;
  stopping_ = true;
  for (auto& loop : loops_) loop->beginShutdown();
  // Requests in flight finish and are answered; WebSocket handlers see their channel closed.
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while ((inflight_ > 0 || sockets_ > 0) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Let the loop write what those last answers queued before it closes everything.
  for (int i = 0; i < 10 && open_.load() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (auto& loop : loops_) loop->stop();
  pool_->stop();
  for (auto& t : fiberThreads_) t->stop();
  fiberThreads_.clear();
}

}  // namespace clxs::kernel
