#include "kernel/cli/server_client.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <cstdlib>

namespace clxs::kernel {

std::string serverUrl(const Arguments& a) {
  if (auto u = a.value("url")) return *u;
  if (const char* e = std::getenv("CLXS_URL"); e != nullptr && *e != '\0') return e;
  return "http://127.0.0.1:8080";
}

Reply call(const std::string& base, const std::string& method, const std::string& path,
           const Json* body) {
  Poco::URI uri(base);
  Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  std::string payload;
  if (body != nullptr) {
    payload = body->dump();
    req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(payload.size()));
  }
  session.sendRequest(req) << payload;
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  std::string raw;
  Poco::StreamCopier::copyToString(in, raw);
  Reply r;
  r.status = resp.getStatus();
  r.body = Json::parse(raw, nullptr, false);
  return r;
}

int fail(const Reply& r) {
  const Json& d = r.body.is_object() && r.body.contains("detail") ? r.body["detail"] : r.body;
  std::cerr << "error " << r.status << ": ";
  if (d.is_string()) {
    std::cerr << d.get<std::string>() << "\n";
  } else if (d.is_array()) {
    // Validation errors: one "field: message" per issue.
    for (const auto& issue : d) {
      std::string where;
      for (const auto& part : issue.value("loc", Json::array())) {
        if (part == "body" || part == "query" || part == "path") continue;
        where +=
            (where.empty() ? "" : ".") + (part.is_string() ? part.get<std::string>() : part.dump());
      }
      std::cerr << (where.empty() ? "" : where + ": ") << issue.value("msg", std::string()) << "\n";
    }
  } else {
    std::cerr << d.dump() << "\n";
  }
  return 1;
}

std::string text(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return "";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

}  // namespace clxs::kernel
