// The mutable route registry: plugins and kernel modules add routes; disabling a plugin
// swaps in a snapshot where its routes are tombstones answering 404 "disabled".
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/http/route_table.hpp"
#include "kernel/http/validator.hpp"

namespace clxs::kernel {

/// Thread-safe owner of the live RouteTable snapshot.
class Router {
 public:
  Router();

  /// Adds an HTTP route owned by `owner`. Throws std::invalid_argument on a bad template,
  /// an invalid declared pattern or a duplicate.
  void add(const std::string& owner, std::shared_ptr<const void> library, RouteSpec spec,
           GuardedHandler handler);
  /// Adds a WebSocket route owned by `owner`.
  void addSocket(const std::string& owner, std::shared_ptr<const void> library, std::string path,
                 std::string summary, GuardedSocketHandler handler);
  /// Replaces the owner's routes by tombstones (requests get 404 naming the owner) and
  /// returns how many there were. Their handlers are released once in-flight requests end.
  std::size_t disableOwner(const std::string& owner);
  /// Live routes of an owner as (method, path) pairs; the method of a WebSocket route is
  /// "WEBSOCKET".
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> ownedRoutes(
      const std::string& owner) const;
  /// Adds tombstones for an owner that is disabled before it ever registered in this
  /// process (its routes were remembered from an earlier run).
  void addTombstones(const std::string& owner,
                     const std::vector<std::pair<std::string, std::string>>& routes);
  /// Marks the kernel's own route `method` `path` as answered on the I/O loop (see
  /// RouteTarget::onLoop). Kernel only: plugins register through OwnedRoutes, which cannot
  /// set it. Throws std::invalid_argument when the kernel has no such route.
  void answerOnLoop(Method method, const std::string& path);
  /// Number of live routes of an owner.
  [[nodiscard]] std::size_t countOwned(const std::string& owner) const;
  /// The current snapshot.
  [[nodiscard]] std::shared_ptr<const RouteTable> snapshot() const;
  /// The shared validator (compiled patterns).
  [[nodiscard]] Validator& validator() { return validator_; }

 private:
  void publish(const std::vector<std::shared_ptr<const RouteTarget>>& routes);

  mutable std::mutex mu_;
  std::vector<std::shared_ptr<const RouteTarget>> routes_;
  // Read on every request by every I/O thread: atomic, so readers never wait on mu_.
  std::atomic<std::shared_ptr<const RouteTable>> snapshot_;
  Validator validator_;
};

/// Hands out what a registered route holds to keep its owner's code and host alive (a
/// plugin's lease); may throw HttpError 503 when the owner is being disabled. An empty
/// function means the owner is the kernel and nothing needs holding.
using LeaseSource = std::function<std::shared_ptr<const void>()>;

/// The clxs::Routes a module or plugin registers through, bound to its owner.
class OwnedRoutes final : public Routes {
 public:
  /// Routes registered here belong to `owner` and each holds a lease from `lease`.
  OwnedRoutes(Router& router, std::string owner, LeaseSource lease)
      : router_(router), owner_(std::move(owner)), lease_(std::move(lease)) {}
  void addGuarded(RouteSpec spec, GuardedHandler handler) override;
  void addSocketGuarded(std::string path, std::string summary,
                        GuardedSocketHandler handler) override;

 private:
  [[nodiscard]] std::shared_ptr<const void> lease() const { return lease_ ? lease_() : nullptr; }

  Router& router_;
  std::string owner_;
  LeaseSource lease_;
};

}  // namespace clxs::kernel
