#include "kernel/http/http_response.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Timestamp.h>

#include <ctime>

namespace clxs::kernel {

namespace {

// Appends the RFC 9110 IMF-fixdate of now, formatted once a second per thread.
void appendHttpDateNow(std::string& out) {
  struct Cache {
    std::time_t second = -1;
    std::string text;
  };
  thread_local Cache cache;
  const std::time_t now = std::time(nullptr);
  if (now != cache.second) {
    cache.text = Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(now),
                                                 Poco::DateTimeFormat::HTTP_FORMAT);
    cache.second = now;
  }
  out += cache.text;
}

}  // namespace

std::string_view httpReason(int status) {
  const std::string& r = Poco::Net::HTTPResponse::getReasonForStatus(
      static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  return r;
}

std::string formatHttpResponse(const HttpResponseHead& head, std::string_view body, bool headOnly) {
  std::string out;
  out.reserve(192 + body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(head.status);
  out += ' ';
  out += httpReason(head.status);
  out += "\r\nDate: ";
  appendHttpDateNow(out);
  out += "\r\nServer: clxs\r\n";
  for (const auto& [k, v] : head.headers) {
    out += k;
    out += ": ";
    out += v;
    out += "\r\n";
  }
  // 1xx and 204 carry no body and no length (RFC 9110 8.6).
  if (head.status >= 200 && head.status != 204 && !head.unbounded) {
    out += "Content-Length: ";
    out += std::to_string(body.size());
    out += "\r\n";
  }
  if (!head.keepAlive || head.unbounded) {
    out += "Connection: close\r\n";
  } else if (head.versionMinor == 0) {
    out += "Connection: Keep-Alive\r\n";
  }
  out += "\r\n";
  if (!headOnly) out += body;
  return out;
}

}  // namespace clxs::kernel
