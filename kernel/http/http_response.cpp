#include "kernel/http/http_response.hpp"

#include <Poco/Net/HTTPResponse.h>

#include <ctime>

namespace clxs::kernel {

namespace {

// RFC 9110 IMF-fixdate of now.
std::string httpDateNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[40];
  const auto n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
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
  out += httpDateNow();
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
