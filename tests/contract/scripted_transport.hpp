// Contract-test transport: records every request the Databricks client sends and answers
// from a script of recorded responses, so a test states both sides of the wire exactly.
#pragma once

#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/text.hpp"
#include "kernel/workspace/databricks/http_transport.hpp"

namespace clxs::testing {

/// One scripted step: an answer, or a transport failure instead of one.
struct ScriptedAnswer {
  kernel::databricks::HttpResponse response;                 ///< sent when no failure
  std::optional<kernel::databricks::TransportFailure> fail;  ///< thrown instead
};

/// Answers requests in order from the script; a request past its end fails the test with a
/// clear message (thrown as std::logic_error, which the client does not retry).
class ScriptedTransport final : public kernel::databricks::HttpTransport {
 public:
  /// Queues a JSON answer.
  void answer(int status, const Json& body, std::map<std::string, std::string> headers = {}) {
    kernel::databricks::HttpResponse r;
    r.status = status;
    r.reason = status == 200 ? "OK" : "Error";
    r.headers = std::move(headers);
    r.headers.emplace("content-type", "application/json");
    r.body = body.dump();
    push(ScriptedAnswer{std::move(r), std::nullopt});
  }
  /// Queues a raw answer (HTML error pages, plain text, empty bodies, file contents).
  void answerRaw(int status, std::string reason, std::string body,
                 std::map<std::string, std::string> headers = {}) {
    kernel::databricks::HttpResponse r;
    r.status = status;
    r.reason = std::move(reason);
    r.headers = std::move(headers);
    r.body = std::move(body);
    push(ScriptedAnswer{std::move(r), std::nullopt});
  }
  /// Queues a transport failure.
  void fail(kernel::databricks::TransportFailure failure) { push(ScriptedAnswer{{}, failure}); }
  /// Queues one answer read from tests/contract/fixtures/<name>: a JSON document
  /// `{"status": N, "headers": {...}, "body": <JSON or string>}`.
  void answerFixture(const std::string& name) {
    const Json f = fixture(name);
    std::map<std::string, std::string> headers;
    if (f.contains("headers")) {
      for (const auto& [k, v] : f["headers"].items()) headers[k] = v.get<std::string>();
    }
    const Json& body = f.at("body");
    if (body.is_string()) {
      answerRaw(f.at("status").get<int>(), f.value("reason", "OK"), body.get<std::string>(),
                headers);
    } else {
      answer(f.at("status").get<int>(), body, headers);
    }
  }
  /// A fixture document by file name.
  static Json fixture(const std::string& name) {
    const auto path = std::filesystem::path(CLXS_CONTRACT_FIXTURES) / name;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("missing contract fixture " + path.string());
    std::stringstream ss;
    ss << in.rdbuf();
    return Json::parse(ss.str());
  }

  kernel::databricks::HttpResponse send(const kernel::databricks::HttpRequest& request,
                                        const kernel::databricks::TransportTimeouts&) override {
    std::lock_guard lock(mu_);
    sent_.push_back(request);
    if (script_.empty()) {
      throw std::logic_error("unscripted request: " + request.method + " " + request.url);
    }
    ScriptedAnswer a = std::move(script_.front());
    script_.pop_front();
    if (a.fail) throw kernel::databricks::TransportError(*a.fail, "scripted failure");
    return a.response;
  }

  /// Every request sent so far, in order.
  std::vector<kernel::databricks::HttpRequest> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }
  /// Answers not consumed yet.
  std::size_t remaining() const {
    std::lock_guard lock(mu_);
    return script_.size();
  }

 private:
  void push(ScriptedAnswer a) {
    std::lock_guard lock(mu_);
    script_.push_back(std::move(a));
  }

  mutable std::mutex mu_;
  std::deque<ScriptedAnswer> script_;
  std::vector<kernel::databricks::HttpRequest> sent_;
};

/// Value of header `name` (ASCII case ignored) in a sent request, or nullopt.
inline std::optional<std::string> sentHeader(const kernel::databricks::HttpRequest& r,
                                             const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (sameName(k, name)) return v;
  }
  return std::nullopt;
}

}  // namespace clxs::testing
