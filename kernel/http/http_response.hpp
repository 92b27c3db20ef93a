// Serialising an HTTP/1.1 response head and body into the bytes the event loop writes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clxs::kernel {

/// What goes on the wire for one response.
struct HttpResponseHead {
  int status = 200;  ///< HTTP status
  /// Extra headers, in order; views of strings that outlive the formatHttpResponse() call.
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  bool keepAlive = true;  ///< adds `Connection: close` when false
  int versionMinor = 1;   ///< HTTP/1.0 clients get `Connection: Keep-Alive` to keep it open
  /// A streamed body of unknown length: no Content-Length, and the connection ends with it.
  bool unbounded = false;
};

/// Status line, Date, Server, the given headers, Content-Length and the body (omitted for
/// `headOnly`, as the answer to HEAD).
std::string formatHttpResponse(const HttpResponseHead& head, std::string_view body,
                               bool headOnly = false);

/// The reason phrase of a status ("Not Found"), "Unknown" for unlisted ones.
std::string_view httpReason(int status);

}  // namespace clxs::kernel
