#include "kernel/http/http_response.hpp"

#include <Poco/Net/HTTPResponse.h>

#include <cstdio>
#include <ctime>

namespace clxs::kernel {

namespace {

// Appends the RFC 9110 IMF-fixdate of now, formatted once a second per thread.
void appendHttpDateNow(std::string& out) {
  struct Cache {
    std::time_t second = -1;
    char text[80] = {};
    std::size_t size = 0;
  };
  thread_local Cache cache;
  const std::time_t now = std::time(nullptr);
  if (now != cache.second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    // Fixed English names: strftime's %a and %b follow the locale.
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int n = std::snprintf(
        cache.text, sizeof cache.text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
        tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cache.size = n > 0 ? static_cast<std::size_t>(n) : 0;
    cache.second = now;
  }
  out.append(cache.text, cache.size);
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
  if (head.status >= 200 && head.status != 204) {
    out += "Content-Length: ";
    out += std::to_string(body.size());
    out += "\r\n";
  }
  if (!head.keepAlive) {
    out += "Connection: close\r\n";
  } else if (head.versionMinor == 0) {
    out += "Connection: Keep-Alive\r\n";
  }
  out += "\r\n";
  if (!headOnly) out += body;
  return out;
}

}  // namespace clxs::kernel
