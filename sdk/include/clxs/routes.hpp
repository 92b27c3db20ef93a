// Route registration: one record per route drives dispatch, validation, OpenAPI and the
// admin view.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/model.hpp"
#include "clxs/schema.hpp"

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
  /// Whether the route changes server state: each call is recorded in the kernel's change
  /// log (ChangeLog), which the admin view and the governance routes read.
  bool mutates = false;
  /// Model of the 200 response, shown in OpenAPI (absent: a free-form JSON object).
  std::optional<Model> response;
  /// The 200 response is a JSON array of `response` objects.
  bool responseIsList = false;
  /// The 200 response is a JSON array of these values (strings, numbers...).
  std::optional<Field> responseListItem;
  /// The 200 response is a file of this media type instead of JSON (e.g. "text/csv").
  std::string responseMediaType;
};

class Routes;

namespace detail {

/// A handler's result as a Response: a Response, anything Json is built from, or a type
/// with a schema (serialised by it).
template <class R>
Response toResponse(R&& r) {
  using V = std::remove_cvref_t<R>;
  if constexpr (std::is_same_v<V, Response>) {
    return std::forward<R>(r);
  } else if constexpr (HasSchema<V>) {
    return Response(V::schema().toJson(r));
  } else {
    return Response(Json(std::forward<R>(r)));
  }
}

}  // namespace detail

/// Declares one route: `routes.post("/api/x").summary("…").body<XRequest>().handle(fn)`.
/// `Body` is the typed request model (void: none). Nothing is registered until handle().
template <class Body = void>
class [[nodiscard]] RouteBuilder {
 public:
  /// Starts a route on `routes`.
  RouteBuilder(Routes& routes, Method method, std::string path) : routes_(&routes) {
    spec_.method = method;
    spec_.path = std::move(path);
  }
  /// Internal: continues a builder with another body type.
  RouteBuilder(Routes* routes, RouteSpec spec) : routes_(routes), spec_(std::move(spec)) {}

  /// One-line summary (OpenAPI, the admin view).
  RouteBuilder&& summary(std::string text) && {
    spec_.summary = std::move(text);
    return std::move(*this);
  }
  /// What a caller must know beyond the summary.
  RouteBuilder&& description(std::string text) && {
    spec_.description = std::move(text);
    return std::move(*this);
  }
  /// The typed body: validated (422) against B's schema, parsed into B for the handler,
  /// which then takes `(const Request&, const B&)`.
  template <class B>
  requires HasSchema<B> RouteBuilder<B> body() && {
    spec_.body = B::schema().model();
    return RouteBuilder<B>(routes_, std::move(spec_));
  }
  /// An untyped body model, for free-form documents the handler reads as JSON.
  RouteBuilder&& body(Model model) && {
    spec_.body = std::move(model);
    return std::move(*this);
  }
  /// The 200 response's model, for OpenAPI.
  template <class R>
  requires HasSchema<R> RouteBuilder && returns() && {
    spec_.response = R::schema().model();
    return std::move(*this);
  }
  /// The 200 response's model given directly.
  RouteBuilder&& returns(Model model) && {
    spec_.response = std::move(model);
    return std::move(*this);
  }
  /// The 200 response is a JSON array of R.
  template <class R>
  requires HasSchema<R> RouteBuilder && returnsListOf() && {
    spec_.response = R::schema().model();
    spec_.responseIsList = true;
    return std::move(*this);
  }
  /// The 200 response is a JSON array of objects described by `item`.
  RouteBuilder&& returnsListOf(Model item) && {
    spec_.response = std::move(item);
    spec_.responseIsList = true;
    return std::move(*this);
  }
  /// The 200 response is a JSON array of plain values, e.g. Field::string() for names.
  RouteBuilder&& returnsList(Field item) && {
    spec_.responseListItem = std::move(item);
    return std::move(*this);
  }
  /// The 200 response is a file (Response::raw or download) of `mediaType`.
  RouteBuilder&& returnsFile(std::string mediaType) && {
    spec_.responseMediaType = std::move(mediaType);
    return std::move(*this);
  }
  /// A declared query parameter (validated, defaulted, in OpenAPI).
  RouteBuilder&& query(std::string name, Field field) && {
    spec_.query.emplace_back(std::move(name), std::move(field));
    return std::move(*this);
  }
  /// A declared path parameter (undeclared template parameters are plain strings).
  RouteBuilder&& pathParam(std::string name, Field field) && {
    spec_.pathParams.emplace_back(std::move(name), std::move(field));
    return std::move(*this);
  }
  /// The route changes state: its calls go to the change log.
  RouteBuilder&& mutates() && {
    spec_.mutates = true;
    return std::move(*this);
  }
  /// Registers the route answered by `fn`: `(const Request&)`, or with a typed body
  /// `(const Request&, const Body&)`, returning a Response, JSON or a type with a schema.
  /// Throws std::invalid_argument for a bad path template or a duplicate route.
  template <class Fn>
  void handle(Fn fn) &&;

 private:
  template <class>
  friend class RouteBuilder;
  Routes* routes_;
  RouteSpec spec_;
};

/// The route registrar a plugin receives from Host::routes(). Routes are scoped to the
/// plugin: they disappear when it is disabled and come back when it is enabled.
class Routes {
 public:
  virtual ~Routes() = default;

  /// Registers a route with an already-guarded handler (what the builder calls). Declare
  /// routes with get()/post()/put()/patch()/del() instead.
  virtual void addGuarded(RouteSpec spec, GuardedHandler handler) = 0;
  /// Registers a WebSocket route with an already-guarded handler.
  virtual void addSocketGuarded(std::string path, std::string summary,
                                GuardedSocketHandler handler) = 0;

  /// Starts declaring a GET route.
  RouteBuilder<> get(std::string path) { return {*this, Method::Get, std::move(path)}; }
  /// Starts declaring a POST route.
  RouteBuilder<> post(std::string path) { return {*this, Method::Post, std::move(path)}; }
  /// Starts declaring a PUT route.
  RouteBuilder<> put(std::string path) { return {*this, Method::Put, std::move(path)}; }
  /// Starts declaring a PATCH route.
  RouteBuilder<> patch(std::string path) { return {*this, Method::Patch, std::move(path)}; }
  /// Starts declaring a DELETE route.
  RouteBuilder<> del(std::string path) { return {*this, Method::Delete, std::move(path)}; }
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

template <class Body>
template <class Fn>
void RouteBuilder<Body>::handle(Fn fn) && {
  if constexpr (std::is_void_v<Body>) {
    routes_->addGuarded(std::move(spec_), guardHandler([fn = std::move(fn)](const Request& req) {
                          return detail::toResponse(fn(req));
                        }));
  } else {
    routes_->addGuarded(std::move(spec_), guardHandler([fn = std::move(fn)](const Request& req) {
                          return detail::toResponse(fn(req, Body::schema().parse(req.body())));
                        }));
  }
}

}  // namespace clxs
