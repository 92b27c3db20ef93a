// One of the HTTP front end's I/O loops: a thread on epoll that reads and writes its
// connections and enforces their deadlines. The first loop also owns the listening socket: it
// accepts, applies the connection limit and hands each new connection to the loops in turn
// (itself included), where it stays for life. Handlers run here only for routes that cannot
// block (RouteTarget::onLoop); other threads hand work back through post().
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace clxs::kernel {

class Connection;
class ConnectionHost;

/// epoll loop owning some of the connections, and maybe the listening socket.
class EventLoop {
 public:
  /// `open` counts the connections of every loop of the server, for the connection limit.
  EventLoop(ConnectionHost& host, std::atomic<std::size_t>& open);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  /// Binds and listens; returns the bound port. Throws std::runtime_error on failure.
  int listen(const std::string& host, int port);
  /// Accepted connections go to these loops in turn (before start(); default: this one).
  void spreadTo(std::vector<EventLoop*> loops) { targets_ = std::move(loops); }
  /// Takes over a connection this server accepted and counted (any thread).
  void adopt(int fd, std::string remote);
  /// Starts the loop thread.
  void start();
  /// Runs `task` on the loop thread (dropped once the loop has stopped). Thread-safe.
  void post(std::function<void()> task);
  /// Stops accepting; idle connections close, WebSockets get 1001, requests in flight go on.
  void beginShutdown();
  /// Open connections of this loop.
  [[nodiscard]] std::size_t connections() const { return count_.load(); }
  /// Ends the loop, closes every connection and joins the thread.
  void stop();

  // For connections.
  /// Stops polling `fd` (any thread; before the descriptor is closed).
  void unregister(int fd);
  /// Removes a closed connection from the registry (any thread; done on the loop thread,
  /// and released after the current batch of events there).
  void forget(int fd, std::shared_ptr<Connection> connection);

 private:
  void run();
  void acceptAll();
  void registerConnection(int fd, std::string remote);
  void rejectOverLimit(int fd);
  void runPosted();
  void tick();
  void wake();

  ConnectionHost& host_;
  int epoll_ = -1;
  int listen_ = -1;
  int wakeFd_ = -1;
  bool listening_ = false;     // listen_ is registered with epoll
  bool acceptPaused_ = false;  // out of descriptors: retried at the next tick
  std::thread thread_;
  std::thread::id loopThread_;
  std::atomic<bool> running_{false};
  std::atomic<bool> stopped_{false};
  std::atomic<std::size_t> count_{0};
  std::atomic<std::size_t>& open_;  // every loop's connections
  std::mutex postMu_;
  std::vector<std::function<void()>> posted_;
  std::vector<std::pair<int, std::string>> adopted_;  // handed over by the accepting loop
  std::vector<EventLoop*> targets_;
  std::size_t nextTarget_ = 0;
  std::atomic<bool> wakePending_{false};
  std::unordered_map<int, std::shared_ptr<Connection>> connections_;
  std::vector<std::shared_ptr<Connection>> released_;
  bool shuttingDown_ = false;
};

}  // namespace clxs::kernel
