// Route registration: one record per route drives dispatch, validation, OpenAPI and the
// admin view.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/model.hpp"

namespace clxs {

/// A handler after guarding: never throws.
using GuardedHandler = std::function<Response(const Request&)>;

/// Wraps a handler so that no exception leaves the code that defined it: HttpError becomes
/// its error response, anything else a 500. Being inline, the wrapper is compiled into the
/// plugin, so the catch runs while the plugin's library is certainly loaded.
template <typename Fn>
GuardedHandler guardHandler(Fn fn) {
  return [fn = std::move(fn)](const Request& req) noexcept -> Response {
    try {
      return fn(req);
    } catch (const HttpError& e) {
      return Response::error(e.status(), e.detail());
    } catch (const std::exception& e) {
      return Response::error(500, std::string("Internal error: ") + e.what()).markInternal();
    } catch (...) {
      return Response::error(500, "Internal error").markInternal();
    }
  };
}

/// A text frame channel for WebSocket routes.
class WebSocketChannel {
 public:
  virtual ~WebSocketChannel() = default;
  /// Sends one text frame; false when the peer has gone.
  virtual bool send(const std::string& text) = 0;
  /// Waits up to `timeoutMs` for a text frame. nullopt on timeout; throws when closed.
  virtual std::optional<std::string> receive(int timeoutMs) = 0;
  /// Whether the peer closed the connection or the server is stopping.
  [[nodiscard]] virtual bool closed() const = 0;
};

/// A WebSocket handler after guarding: never throws.
using GuardedSocketHandler = std::function<void(const Request&, WebSocketChannel&)>;

/// Everything a route declares about itself.
struct RouteSpec {
  /// HTTP method.
  Method method = Method::Get;
  /// Path template, e.g. "/api/catalogs/{catalog}/schemas".
  std::string path;
  /// One-line summary (OpenAPI and the admin view).
  std::string summary;
  /// Longer description of non-obvious behaviour.
  std::string description;
  /// Body model, if the route takes a JSON body.
  std::optional<Model> body;
  /// Declared query parameters.
  std::vector<std::pair<std::string, Field>> query;
  /// Declared path parameters (undeclared template parameters are plain strings).
  std::vector<std::pair<std::string, Field>> pathParams;
  /// Whether the route changes server state (admin view, audit).
  bool mutates = false;
};

/// The route registrar a plugin receives from Host::routes(). Routes are scoped to the
/// plugin: they disappear when it is disabled and come back when it is enabled.
class Routes {
 public:
  virtual ~Routes() = default;

  /// Registers a route with an already-guarded handler. Prefer add().
  virtual void addGuarded(RouteSpec spec, GuardedHandler handler) = 0;
  /// Registers a WebSocket route with an already-guarded handler.
  virtual void addSocketGuarded(std::string path, std::string summary,
                                GuardedSocketHandler handler) = 0;

  /// Registers `spec` answered by `fn(const Request&) -> Response`.
  template <typename Fn>
  void add(RouteSpec spec, Fn fn) {
    addGuarded(std::move(spec), guardHandler(std::move(fn)));
  }
  /// Registers a WebSocket route; `fn(const Request&, WebSocketChannel&)` runs for the
  /// life of the connection.
  template <typename Fn>
  void websocket(std::string path, std::string summary, Fn fn) {
    addSocketGuarded(std::move(path), std::move(summary),
                     [fn = std::move(fn)](const Request& req, WebSocketChannel& ch) noexcept {
                       try {
                         fn(req, ch);
                       } catch (...) {  // the connection simply ends
                       }
                     });
  }
};

}  // namespace clxs
