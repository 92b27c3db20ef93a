// Incremental HTTP/1.x request parser for the event loop: bytes go in as they arrive, a
// complete request (head and de-chunked body) comes out. It never blocks and never reads past
// the end of one request, so pipelined requests stay in the caller's buffer in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clxs::kernel {

/// One parsed request.
struct HttpRequest {
  std::string method;    ///< as sent, e.g. "GET"
  std::string target;    ///< request target, e.g. "/api/health?x=1"
  int versionMinor = 1;  ///< 0 for HTTP/1.0, 1 for HTTP/1.1
  std::vector<std::pair<std::string, std::string>> headers;  ///< in order, names as sent
  std::string body;                                          ///< de-chunked body
  bool keepAlive = true;                       ///< whether the connection may carry another request
  bool expectContinue = false;                 ///< `Expect: 100-continue`
  bool hasBody = false;                        ///< Content-Length > 0 or chunked
  std::optional<std::uint64_t> contentLength;  ///< declared length (absent when chunked)

  /// First header named `name` (case-insensitive), or `fallback`.
  [[nodiscard]] std::string header(std::string_view name, std::string fallback = {}) const;
};

/// What feed() reached.
enum class ParseState {
  Empty,     ///< nothing of a request yet
  Head,      ///< inside the request line or headers
  Body,      ///< head complete, body incomplete
  Complete,  ///< a whole request is ready: take() it
  Failed,    ///< malformed or over a limit: see errorStatus()
};

/// Parses one request at a time; reset by take().
class HttpParser {
 public:
  /// Limits on the head and the body.
  struct Limits {
    std::size_t maxHeadBytes = 64u << 10;  ///< request line plus headers; over it: 431
    std::size_t maxBodyBytes = 10u << 20;  ///< declared or received body; over it: 413
  };

  explicit HttpParser(Limits limits) : limits_(limits) {}

  /// Consumes bytes of `data` up to the end of the current request at most; returns how many
  /// were used. Stops consuming on Complete and Failed.
  std::size_t feed(std::string_view data);
  [[nodiscard]] ParseState state() const { return state_; }
  /// The head, valid from state Body on.
  [[nodiscard]] const HttpRequest& request() const { return request_; }
  /// Hands out the complete request and starts over.
  HttpRequest take();
  /// Status for state Failed (400, 413, 431, 501, 505) and a sentence for the client.
  [[nodiscard]] int errorStatus() const { return errorStatus_; }
  [[nodiscard]] const std::string& errorDetail() const { return errorDetail_; }

 private:
  enum class BodyMode { None, Length, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

  std::size_t feedHead(std::string_view data);
  std::size_t feedBody(std::string_view data);
  std::size_t feedChunked(std::string_view data);
  bool parseHead(std::string_view head);
  void fail(int status, std::string detail);
  void finishHead();

  Limits limits_;
  ParseState state_ = ParseState::Empty;
  BodyMode mode_ = BodyMode::None;
  std::string head_;              // bytes of the head received so far
  std::size_t scanned_ = 0;       // head_ bytes already searched for the blank line
  std::string line_;              // partial chunk-size or trailer line
  std::uint64_t remaining_ = 0;   // body or chunk bytes still expected
  std::size_t trailerBytes_ = 0;  // bytes of chunked trailers so far
  HttpRequest request_;
  int errorStatus_ = 0;
  std::string errorDetail_;
};

}  // namespace clxs::kernel
