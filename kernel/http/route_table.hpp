// Immutable snapshot of every route, matched per request. The Router swaps snapshots
// copy-on-write, so a request keeps the snapshot (and the plugin code) it started with.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/routes.hpp"

namespace clxs::kernel {

/// One registered route. `library` is declared first so that it is destroyed last: the
/// handler and the spec may hold code or data of the plugin's shared library.
struct RouteTarget {
  std::shared_ptr<const void> library;  ///< keeps the owning plugin's code loaded (null: kernel)
  std::string owner;                    ///< plugin name, or "kernel"
  RouteSpec spec;                       ///< what the route declares
  GuardedHandler handler;               ///< HTTP handler (empty for WebSocket routes)
  GuardedSocketHandler socket;          ///< WebSocket handler (empty for HTTP routes)
  bool disabled = false;                ///< a tombstone of a disabled plugin's route
  /// Answered on the I/O loop thread instead of the handler pool. Only for kernel routes whose
  /// handler never blocks (no I/O, no waiting on plugins, at most a short mutex): set through
  /// Router::answerOnLoop, which plugins cannot reach. Such a route skips the hand-off to a
  /// handler thread, and is never queued behind slow handlers.
  bool onLoop = false;
  std::vector<std::string> segments;  ///< path template split on '/'

  /// Whether this is a WebSocket route.
  [[nodiscard]] bool isSocket() const { return static_cast<bool>(socket); }
};

/// Result of matching a request path.
struct RouteMatch {
  std::shared_ptr<const RouteTarget> target;  ///< matched route (null: none)
  std::map<std::string, std::string> params;  ///< path parameter values
  std::vector<std::string> allowed;           ///< methods of the path when 405
};

/// Splits a path into segments, ignoring a trailing slash ("/api/x/" == "/api/x").
std::vector<std::string> splitPath(std::string_view path);

/// Routes arranged in a segment trie. Literal segments win over parameters; among the
/// paths that match, the first (literal-first) with the requested method wins.
class RouteTable {
 public:
  /// Builds the trie from route targets. Throws std::invalid_argument on a duplicate.
  explicit RouteTable(std::vector<std::shared_ptr<const RouteTarget>> routes);

  /// Matches an HTTP request (`websocket` true for an upgrade request).
  [[nodiscard]] RouteMatch match(std::string_view method, std::string_view path,
                                 bool websocket = false) const;
  /// Every route, in registration order.
  [[nodiscard]] const std::vector<std::shared_ptr<const RouteTarget>>& routes() const {
    return routes_;
  }

 private:
  struct Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    std::unique_ptr<Node> param;
    std::map<std::string, std::shared_ptr<const RouteTarget>, std::less<>>
        byMethod;  // "WEBSOCKET" too
  };
  void collect(const Node& node, const std::vector<std::string_view>& segs, std::size_t i,
               std::vector<const Node*>& leaves) const;

  std::vector<std::shared_ptr<const RouteTarget>> routes_;
  Node root_;
};

}  // namespace clxs::kernel
