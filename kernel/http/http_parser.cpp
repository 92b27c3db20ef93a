#include "kernel/http/http_parser.hpp"

#include <algorithm>
#include <cctype>

namespace clxs::kernel {

namespace {

bool ciEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool isTokenChar(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         kSpecials.find(c) != std::string_view::npos;
}

bool isToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

std::string_view trimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view stripCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Calls fn(token) for each comma-separated token of a header value.
template <typename Fn>
void forEachToken(std::string_view value, Fn fn) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    fn(trimOws(value.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
}

std::optional<std::uint64_t> parseDecimal(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

std::optional<std::uint64_t> parseHex(std::string_view s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    const int d = std::isdigit(static_cast<unsigned char>(c)) != 0 ? c - '0'
                  : (c >= 'a' && c <= 'f')                         ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F')                         ? c - 'A' + 10
                                                                   : -1;
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<std::uint64_t>(d);
  }
  return v;
}

constexpr std::size_t kMaxChunkLine = 4096;

}  // namespace

std::string HttpRequest::header(std::string_view name, std::string fallback) const {
  for (const auto& [k, v] : headers) {
    if (ciEqual(k, name)) return v;
  }
  return fallback;
}

void HttpParser::fail(int status, std::string detail) {
  state_ = ParseState::Failed;
  errorStatus_ = status;
  errorDetail_ = std::move(detail);
}

std::size_t HttpParser::feed(std::string_view data) {
  std::size_t used = 0;
  while (used < data.size()) {
    switch (state_) {
      case ParseState::Empty:
      case ParseState::Head:
        used += feedHead(data.substr(used));
        break;
      case ParseState::Body:
        used += feedBody(data.substr(used));
        break;
      case ParseState::Complete:
      case ParseState::Failed:
        return used;
    }
    if (state_ == ParseState::Head) return used;  // the head needs more bytes
  }
  return used;
}

std::size_t HttpParser::feedHead(std::string_view data) {
  std::size_t used = 0;
  if (state_ == ParseState::Empty) {
    // Empty lines before a request line are tolerated (RFC 9112 2.2).
    while (used < data.size() && (data[used] == '\r' || data[used] == '\n')) ++used;
    if (used == data.size()) return used;
    state_ = ParseState::Head;
  }
  const std::size_t before = head_.size();
  // Keep at most a few bytes more than the limit, enough to see the limit was passed.
  const std::size_t room = limits_.maxHeadBytes + 4 - std::min(before, limits_.maxHeadBytes + 4);
  const std::string_view take = data.substr(used, std::min(room, data.size() - used));
  head_.append(take);
  // The blank line: "\n\n" or "\n\r\n". Resume the search a little before the old end so a
  // terminator split across reads is found.
  std::size_t pos = scanned_ > 2 ? scanned_ - 2 : 0;
  std::size_t end = std::string::npos;
  while ((pos = head_.find('\n', pos)) != std::string::npos) {
    if (pos + 1 < head_.size() && head_[pos + 1] == '\n') {
      end = pos + 2;
      break;
    }
    if (pos + 2 < head_.size() && head_[pos + 1] == '\r' && head_[pos + 2] == '\n') {
      end = pos + 3;
      break;
    }
    ++pos;
  }
  scanned_ = head_.size();
  if (end == std::string::npos) {
    if (head_.size() > limits_.maxHeadBytes) {
      fail(431, "Request header fields exceed the limit of " +
                    std::to_string(limits_.maxHeadBytes) + " bytes");
    }
    return used + take.size();
  }
  if (end > limits_.maxHeadBytes) {
    fail(431, "Request header fields exceed the limit of " + std::to_string(limits_.maxHeadBytes) +
                  " bytes");
    return used + take.size();
  }
  const std::size_t consumed = used + (end - before);
  head_.resize(end);
  if (parseHead(head_)) finishHead();
  return consumed;
}

bool HttpParser::parseHead(std::string_view head) {
  auto nextLine = [&head]() {
    const auto nl = head.find('\n');
    std::string_view line = stripCr(head.substr(0, nl));
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
    return line;
  };
  const std::string_view requestLine = nextLine();
  const auto sp1 = requestLine.find(' ');
  const auto sp2 = requestLine.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) {
    fail(400, "Malformed HTTP request line");
    return false;
  }
  const auto method = requestLine.substr(0, sp1);
  const auto target = requestLine.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto version = requestLine.substr(sp2 + 1);
  if (!isToken(method) || target.empty() || std::any_of(target.begin(), target.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
      })) {
    fail(400, "Malformed HTTP request line");
    return false;
  }
  if (version == "HTTP/1.1") {
    request_.versionMinor = 1;
  } else if (version == "HTTP/1.0") {
    request_.versionMinor = 0;
  } else if (version.size() == 8 && version.substr(0, 5) == "HTTP/") {
    fail(505, "HTTP version " + std::string(version.substr(5)) + " is not supported");
    return false;
  } else {
    fail(400, "Malformed HTTP request line");
    return false;
  }
  request_.method = method;
  request_.target = target;

  for (;;) {
    const std::string_view line = nextLine();
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      fail(400, "Folded header lines are not accepted");
      return false;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !isToken(line.substr(0, colon))) {
      fail(400, "Malformed header line");
      return false;
    }
    request_.headers.emplace_back(line.substr(0, colon), trimOws(line.substr(colon + 1)));
  }
  return true;
}

void HttpParser::finishHead() {
  auto& r = request_;
  bool close = false;
  bool keepAlive = false;
  bool chunked = false;
  bool otherCoding = false;
  bool sawTransferEncoding = false;
  std::optional<std::uint64_t> length;
  for (const auto& [k, v] : r.headers) {
    if (ciEqual(k, "Content-Length")) {
      const auto n = parseDecimal(v);
      if (!n || (length && *length != *n)) {
        fail(400, "Invalid Content-Length header");
        return;
      }
      length = n;
    } else if (ciEqual(k, "Transfer-Encoding")) {
      sawTransferEncoding = true;
      forEachToken(v, [&](std::string_view t) {
        if (t.empty()) return;
        if (ciEqual(t, "chunked")) {
          chunked = true;
        } else {
          otherCoding = true;
        }
      });
    } else if (ciEqual(k, "Connection")) {
      forEachToken(v, [&](std::string_view t) {
        if (ciEqual(t, "close")) close = true;
        if (ciEqual(t, "keep-alive")) keepAlive = true;
      });
    } else if (ciEqual(k, "Expect")) {
      if (ciEqual(v, "100-continue")) r.expectContinue = r.versionMinor >= 1;
    }
  }
  r.keepAlive = !close && (r.versionMinor >= 1 || keepAlive);
  if (sawTransferEncoding) {
    // A request with both framings is the classic smuggling vector: refuse it.
    if (length) {
      fail(400, "Both Content-Length and Transfer-Encoding were sent");
      return;
    }
    if (otherCoding || !chunked) {
      fail(501, "Only the chunked transfer coding is supported");
      return;
    }
    r.hasBody = true;
    mode_ = BodyMode::ChunkSize;
    state_ = ParseState::Body;
    return;
  }
  r.contentLength = length.value_or(0);
  if (length && *length > limits_.maxBodyBytes) {
    fail(413, "Request body of " + std::to_string(*length) + " bytes exceeds the limit of " +
                  std::to_string(limits_.maxBodyBytes) + " bytes");
    return;
  }
  r.hasBody = length.value_or(0) > 0;
  if (!r.hasBody) {
    state_ = ParseState::Complete;
    return;
  }
  r.body.reserve(static_cast<std::size_t>(*length));
  remaining_ = *length;
  mode_ = BodyMode::Length;
  state_ = ParseState::Body;
}

std::size_t HttpParser::feedBody(std::string_view data) {
  if (mode_ != BodyMode::Length) return feedChunked(data);
  const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, data.size()));
  request_.body.append(data.substr(0, n));
  remaining_ -= n;
  if (remaining_ == 0) state_ = ParseState::Complete;
  return n;
}

std::size_t HttpParser::feedChunked(std::string_view data) {
  std::size_t used = 0;
  while (used < data.size() && state_ == ParseState::Body) {
    if (mode_ == BodyMode::ChunkData) {
      const auto n =
          static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, data.size() - used));
      if (request_.body.size() + n > limits_.maxBodyBytes) {
        fail(413, "Request body exceeds the limit of " + std::to_string(limits_.maxBodyBytes) +
                      " bytes");
        return used;
      }
      request_.body.append(data.substr(used, n));
      used += n;
      remaining_ -= n;
      if (remaining_ == 0) mode_ = BodyMode::ChunkDataEnd;
      continue;
    }
    // The other modes read whole lines.
    const auto nl = data.find('\n', used);
    const auto piece = data.substr(used, nl == std::string_view::npos ? nl : nl - used);
    line_.append(piece);
    if (line_.size() > kMaxChunkLine) {
      fail(400, "Malformed chunked body");
      return used;
    }
    if (nl == std::string_view::npos) return data.size();
    used = nl + 1;
    const std::string line(stripCr(line_));
    line_.clear();
    switch (mode_) {
      case BodyMode::ChunkSize: {
        const auto size = parseHex(trimOws(std::string_view(line).substr(0, line.find(';'))));
        if (!size) {
          fail(400, "Malformed chunk size");
          return used;
        }
        if (request_.body.size() + *size > limits_.maxBodyBytes) {
          fail(413, "Request body exceeds the limit of " + std::to_string(limits_.maxBodyBytes) +
                        " bytes");
          return used;
        }
        remaining_ = *size;
        mode_ = *size == 0 ? BodyMode::Trailers : BodyMode::ChunkData;
        break;
      }
      case BodyMode::ChunkDataEnd:
        if (!line.empty()) {
          fail(400, "Malformed chunked body");
          return used;
        }
        mode_ = BodyMode::ChunkSize;
        break;
      case BodyMode::Trailers:
        // Trailers are read and dropped; the blank line ends the request.
        trailerBytes_ += line.size() + 2;
        if (trailerBytes_ > limits_.maxHeadBytes) {
          fail(431, "Request trailer fields exceed the limit of " +
                        std::to_string(limits_.maxHeadBytes) + " bytes");
          return used;
        }
        if (line.empty()) state_ = ParseState::Complete;
        break;
      default:
        break;
    }
  }
  return used;
}

HttpRequest HttpParser::take() {
  HttpRequest out = std::move(request_);
  request_ = HttpRequest{};
  state_ = ParseState::Empty;
  mode_ = BodyMode::None;
  head_.clear();
  // An idle keep-alive connection should not hold a large buffer.
  if (head_.capacity() > 4096) head_.shrink_to_fit();
  scanned_ = 0;
  line_.clear();
  remaining_ = 0;
  trailerBytes_ = 0;
  return out;
}

}  // namespace clxs::kernel
