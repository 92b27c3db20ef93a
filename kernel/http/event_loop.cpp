#include "kernel/http/event_loop.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "kernel/http/connection.hpp"
#include "kernel/http/connection_host.hpp"

namespace clxs::kernel {

namespace {

constexpr int kListenBacklog = 4096;
constexpr int kMaxEvents = 512;
constexpr auto kTickInterval = std::chrono::milliseconds(250);

std::string peerAddress(const sockaddr_storage& ss) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (ss.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
  } else if (ss.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
    inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

[[noreturn]] void throwErrno(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

}  // namespace

EventLoop::EventLoop(ConnectionHost& host, std::atomic<std::size_t>& open)
    : host_(host), open_(open) {
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_ < 0) throwErrno("epoll_create1");
  wakeFd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wakeFd_ < 0) throwErrno("eventfd");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wakeFd_;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, wakeFd_, &ev);
}

EventLoop::~EventLoop() {
  stop();
  if (listen_ >= 0) ::close(listen_);
  if (wakeFd_ >= 0) ::close(wakeFd_);
  if (epoll_ >= 0) ::close(epoll_);
}

int EventLoop::listen(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    throw std::runtime_error("cannot resolve bind address '" + host + "': " + gai_strerror(rc));
  }
  std::string lastError = "no address";
  bool inUse = false;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, kListenBacklog) == 0) {
      listen_ = fd;
      break;
    }
    inUse = inUse || errno == EADDRINUSE;
    lastError = std::strerror(errno);
    ::close(fd);
  }
  freeaddrinfo(found);
  // SO_REUSEADDR (restart over TIME_WAIT) without SO_REUSEPORT: a second server on a port in
  // use must fail here rather than share the port and split its clients between two states.
  if (listen_ < 0 && inUse) {
    throw std::runtime_error("port " + service + " on " + host + " is in use");
  }
  if (listen_ < 0) {
    throw std::runtime_error("cannot listen on " + host + ":" + service + ": " + lastError);
  }
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  getsockname(listen_, reinterpret_cast<sockaddr*>(&ss), &len);
  const int bound = ss.ss_family == AF_INET6
                        ? ntohs(reinterpret_cast<const sockaddr_in6*>(&ss)->sin6_port)
                        : ntohs(reinterpret_cast<const sockaddr_in*>(&ss)->sin_port);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = listen_;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, listen_, &ev);
  listening_ = true;
  return bound;
}

void EventLoop::start() {
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void EventLoop::wake() {
  if (!wakePending_.exchange(true)) {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wakeFd_, &one, sizeof one);
  }
}

void EventLoop::post(std::function<void()> task) {
  {
    std::lock_guard lock(postMu_);
    if (stopped_) return;
    posted_.push_back(std::move(task));
  }
  wake();
}

void EventLoop::beginShutdown() {
  post([this] {
    shuttingDown_ = true;
    if (listening_) {
      epoll_ctl(epoll_, EPOLL_CTL_DEL, listen_, nullptr);
      listening_ = false;
    }
    ::close(listen_);
    listen_ = -1;
    std::vector<std::shared_ptr<Connection>> all;
    all.reserve(connections_.size());
    for (const auto& [fd, c] : connections_) all.push_back(c);
    for (const auto& c : all) c->beginShutdown();
  });
}

void EventLoop::stop() {
  if (!thread_.joinable()) return;
  running_ = false;
  {
    std::lock_guard lock(postMu_);
    stopped_ = true;
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wakeFd_, &one, sizeof one);
  thread_.join();
  // The loop thread is gone: what remains is closed here, then nothing touches it again.
  std::vector<std::shared_ptr<Connection>> all;
  for (const auto& [fd, c] : connections_) all.push_back(c);
  for (const auto& c : all) c->close();
  connections_.clear();
  open_ -= count_.exchange(0);
  released_.clear();
  std::vector<std::function<void()>> dropped;
  std::vector<std::pair<int, std::string>> unadopted;
  {
    std::lock_guard lock(postMu_);
    dropped.swap(posted_);
    unadopted.swap(adopted_);
  }
  for (const auto& [fd, remote] : unadopted) {
    ::close(fd);
    --open_;
  }
}

void EventLoop::unregister(int fd) {
  epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
}

void EventLoop::forget(int fd, std::shared_ptr<Connection> connection) {
  if (std::this_thread::get_id() != loopThread_) {
    // A handler thread closed it: the registry belongs to the loop.
    post([this, fd, c = std::move(connection)]() mutable { forget(fd, std::move(c)); });
    return;
  }
  auto it = connections_.find(fd);
  if (it != connections_.end() && it->second == connection) {
    connections_.erase(it);
    --count_;
    --open_;
  }
  // Released after the current batch: its methods may still be on the stack.
  released_.push_back(std::move(connection));
}

void EventLoop::adopt(int fd, std::string remote) {
  {
    std::lock_guard lock(postMu_);
    if (stopped_) {
      ::close(fd);
      --open_;
      return;
    }
    adopted_.emplace_back(fd, std::move(remote));
  }
  wake();
}

void EventLoop::runPosted() {
  std::vector<std::function<void()>> tasks;
  std::vector<std::pair<int, std::string>> adopted;
  {
    std::lock_guard lock(postMu_);
    tasks.swap(posted_);
    adopted.swap(adopted_);
  }
  for (auto& [fd, remote] : adopted) registerConnection(fd, std::move(remote));
  for (auto& t : tasks) t();
}

void EventLoop::rejectOverLimit(int fd) {
  // Read what the client sent already, so the close below is not a reset that loses the 503.
  char scratch[4096];
  while (::recv(fd, scratch, sizeof scratch, 0) > 0) {
  }
  const std::string answer =
      host_.frontEndError(503,
                          "The server is at its connection limit of " +
                              std::to_string(host_.settings().maxConnections) + "; retry later",
                          nullptr, {});
  [[maybe_unused]] const auto n = ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL);
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

void EventLoop::acceptAll() {
  const auto& settings = host_.settings();
  while (listen_ >= 0) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    const int fd =
        accept4(listen_, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // Out of descriptors: stop polling the listener until the next tick, or the loop
        // would spin on a socket it cannot accept from.
        epoll_ctl(epoll_, EPOLL_CTL_DEL, listen_, nullptr);
        listening_ = false;
        acceptPaused_ = true;
      }
      return;
    }
    // Counted here, before the connection reaches its loop: the limit covers every loop.
    if (open_.fetch_add(1) >= settings.maxConnections || shuttingDown_) {
      --open_;
      rejectOverLimit(fd);
      continue;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    // Round robin: keep-alive connections carry the load, so their count is what to balance.
    // One accepting loop rather than a SO_REUSEPORT listener per loop, which would also let a
    // second server started on the same port by mistake share it silently.
    EventLoop* target = targets_.empty() ? this : targets_[nextTarget_++ % targets_.size()];
    if (target == this) {
      registerConnection(fd, peerAddress(ss));
    } else {
      target->adopt(fd, peerAddress(ss));
    }
  }
}

void EventLoop::registerConnection(int fd, std::string remote) {
  if (shuttingDown_) {
    --open_;
    rejectOverLimit(fd);
    return;
  }
  auto conn = std::make_shared<Connection>(fd, std::move(remote), *this, host_);
  epoll_event ev{};
  // Edge-triggered for reads and writes: one registration for the connection's life.
  ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
  ev.data.fd = fd;
  if (epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) {
    --open_;
    return;  // conn closes the fd
  }
  // The number may still name a connection a handler thread closed a moment ago, whose
  // forget() is on its way: that entry is replaced, not counted twice.
  if (connections_.insert_or_assign(fd, std::move(conn)).second) {
    ++count_;
  } else {
    --open_;
  }
}

void EventLoop::tick() {
  if (acceptPaused_ && listen_ >= 0) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = listen_;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, listen_, &ev);
    listening_ = true;
    acceptPaused_ = false;
  }
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::shared_ptr<Connection>> all;
  all.reserve(connections_.size());
  for (const auto& [fd, c] : connections_) all.push_back(c);
  for (const auto& c : all) c->onTick(now);
}

void EventLoop::run() {
  // Set before the first connection exists; handler threads read it only for connections
  // they received through the pool's mutex, after this write.
  loopThread_ = std::this_thread::get_id();
  std::vector<epoll_event> events(kMaxEvents);
  auto nextTick = std::chrono::steady_clock::now() + kTickInterval;
  while (running_) {
    const auto now = std::chrono::steady_clock::now();
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(nextTick - now);
    const int n = epoll_wait(epoll_, events.data(), kMaxEvents,
                             static_cast<int>(std::max<long long>(0, wait.count()) + 1));
    bool woken = false;
    for (int i = 0; i < n; ++i) {
      const int fd = events[i].data.fd;
      if (fd == wakeFd_) {
        std::uint64_t v = 0;
        [[maybe_unused]] const auto r = ::read(wakeFd_, &v, sizeof v);
        woken = true;
      } else if (fd == listen_) {
        acceptAll();
      } else if (auto it = connections_.find(fd); it != connections_.end()) {
        const auto conn = it->second;
        conn->onEvents(events[i].events);
      }
    }
    if (woken) {
      wakePending_ = false;
      runPosted();
    }
    released_.clear();
    if (std::chrono::steady_clock::now() >= nextTick) {
      tick();
      released_.clear();
      nextTick = std::chrono::steady_clock::now() + kTickInterval;
    }
  }
}

}  // namespace clxs::kernel
