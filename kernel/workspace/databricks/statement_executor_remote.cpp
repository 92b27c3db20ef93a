#include "kernel/workspace/databricks/statement_executor_remote.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "clxs/text.hpp"
#include "kernel/workspace/databricks/api_error.hpp"
#include "kernel/workspace/databricks/call_wait.hpp"
#include "kernel/workspace/databricks/rest_paths.hpp"
#include "kernel/workspace/databricks/result_decoder.hpp"

namespace clxs::kernel::databricks {
namespace {

constexpr const char* kStatements = "/api/2.0/sql/statements";
constexpr const char* kNoWarehouse =
    "no SQL warehouse: set X-Databricks-Warehouse, the session's warehouse or config "
    "sql_warehouse_id";

std::string statementPath(const std::string& id) {
  return std::string(kStatements) + "/" + encodePathSegment(id);
}

std::string stateOf(const Json& response) {
  const auto status = response.find("status");
  if (status == response.end() || !status->is_object()) return {};
  return status->value("state", "");
}

bool terminal(const std::string& state) {
  return state == "SUCCEEDED" || state == "FAILED" || state == "CANCELED" || state == "CLOSED";
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The client encodes query values itself, so a link's query is decoded first.
std::string percentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2])));
      i += 2;
      continue;
    }
    out.push_back(s[i] == '+' ? ' ' : s[i]);
  }
  return out;
}

// A GET of `link` (a path relative to the host, possibly with a query).
ApiRequest linkRequest(const std::string& link) {
  ApiRequest r;
  r.label = "fetch statement result chunk";
  const auto q = link.find('?');
  r.path = link.substr(0, q);
  if (q == std::string::npos) return r;
  std::string_view query = std::string_view(link).substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (!pair.empty()) {
      r.query.emplace_back(percentDecode(pair.substr(0, eq)),
                           eq == std::string_view::npos ? "" : percentDecode(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return r;
}

// The request for the chunk after `data` (a ResultData or one external link), if any.
std::optional<ApiRequest> nextChunk(const Json& data, const std::string& id) {
  if (const auto link = data.find("next_chunk_internal_link");
      link != data.end() && link->is_string() && !link->get<std::string>().empty()) {
    return linkRequest(link->get<std::string>());
  }
  if (const auto index = data.find("next_chunk_index");
      index != data.end() && index->is_number_integer()) {
    ApiRequest r;
    r.label = "fetch statement result chunk";
    r.path = statementPath(id) + "/result/chunks/" + std::to_string(index->get<std::int64_t>());
    return r;
  }
  return std::nullopt;
}

// Stops the call without the caller's token and deadline, which already stopped it.
CallOptions cleanupOptions(const CallOptions& options) {
  CallOptions o;
  o.onRetry = options.onRetry;
  o.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  return o;
}

}  // namespace

Json statementParameters(const std::vector<SqlParam>& params) {
  Json out = Json::array();
  for (const auto& p : params) {
    Json item = {{"name", p.name}};
    const Json& v = p.value;
    if (v.is_null()) {
      out.push_back(std::move(item));
      continue;
    }
    if (v.is_string()) {
      item["value"] = v.get<std::string>();
      item["type"] = "STRING";
    } else if (v.is_boolean()) {
      item["value"] = v.get<bool>() ? "true" : "false";
      item["type"] = "BOOLEAN";
    } else if (v.is_number_integer()) {
      item["value"] = v.dump();
      item["type"] = "BIGINT";
    } else if (v.is_number_float()) {
      item["value"] = v.dump();
      item["type"] = "DOUBLE";
    } else {
      // ARRAY, MAP and STRUCT parameters are not allowed; the JSON text is the best value.
      item["value"] = v.dump();
      item["type"] = "STRING";
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::string waitTimeoutText(std::chrono::seconds wait) {
  const auto s = wait.count();
  if (s <= 0) return "0s";
  return std::to_string(std::clamp<long long>(s, 5, 50)) + "s";
}

bool exceedsInlineLimit(const std::string& message) {
  const std::string m = lowerAscii(message);
  if (m.find("exceed") == std::string::npos && m.find("too large") == std::string::npos) {
    return false;
  }
  return m.find("inline") != std::string::npos || m.find("external_links") != std::string::npos ||
         m.find("25 mib") != std::string::npos || m.find("byte limit") != std::string::npos;
}

class RemoteStatementExecutor::Slot {
 public:
  Slot(RemoteStatementExecutor& owner, const CallOptions& options) : owner_(owner) {
    owner_.acquire(options);
  }
  ~Slot() { owner_.release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  RemoteStatementExecutor& owner_;
};

RemoteStatementExecutor::RemoteStatementExecutor(std::shared_ptr<ApiClient> client,
                                                 DatabricksWorkspaceOptions options)
    : client_(std::move(client)), options_(std::move(options)) {
  options_.maxParallelQueries = std::max(1, options_.maxParallelQueries);
  options_.pollInitial = std::max(options_.pollInitial, std::chrono::milliseconds(1));
  options_.pollMax = std::max(options_.pollMax, options_.pollInitial);
}

void RemoteStatementExecutor::acquire(const CallOptions& options) {
  std::unique_lock lock(mu_);
  while (inFlight_ >= options_.maxParallelQueries) {
    throwIfInterrupted(interrupted(options), "waiting for a free statement slot");
    freed_.wait_for(lock, std::chrono::milliseconds(10));
  }
  ++inFlight_;
}

void RemoteStatementExecutor::release() {
  {
    std::lock_guard lock(mu_);
    --inFlight_;
  }
  freed_.notify_one();
}

ResultSet RemoteStatementExecutor::run(std::string_view statement,
                                       const std::vector<SqlParam>& params,
                                       const CallOptions& options) {
  const std::string& warehouse =
      options.warehouseId.empty() ? options_.warehouseId : options.warehouseId;
  if (warehouse.empty()) throw WorkspaceError(WorkspaceErrorClass::InvalidSql, kNoWarehouse);
  throwIfInterrupted(interrupted(options), "The statement");
  Slot slot(*this, options);
  for (const auto disposition : {Disposition::Inline, Disposition::ExternalLinks}) {
    Json response = submit(statement, params, warehouse, disposition, options);
    const std::string id = response.value("statement_id", "");
    response = awaitTerminal(id, std::move(response), options);
    const std::string state = stateOf(response);
    if (state == "SUCCEEDED") return readResult(id, response, options);
    if (state == "CANCELED") {
      throw WorkspaceError(WorkspaceErrorClass::Cancelled, "The statement was cancelled");
    }
    if (state == "CLOSED") {
      throw WorkspaceError(WorkspaceErrorClass::Remote,
                           "The statement's result was released before it was read");
    }
    const Json error = response["status"].value("error", Json::object());
    const std::string code = error.value("error_code", "");
    std::string message = error.value("message", "");
    if (disposition == Disposition::Inline && exceedsInlineLimit(message)) continue;
    if (message.empty()) message = code.empty() ? "The statement failed" : code;
    throw WorkspaceError(statementErrorClass(code, message), message);
  }
  throw WorkspaceError(WorkspaceErrorClass::Remote, "The statement failed");
}

Json RemoteStatementExecutor::submit(std::string_view statement,
                                     const std::vector<SqlParam>& params,
                                     const std::string& warehouse, Disposition disposition,
                                     const CallOptions& options) {
  Json body = {{"statement", std::string(statement)}, {"warehouse_id", warehouse}};
  if (!params.empty()) body["parameters"] = statementParameters(params);
  body["wait_timeout"] = waitTimeoutText(options_.waitTimeout);
  body["on_wait_timeout"] = "CONTINUE";
  body["disposition"] = disposition == Disposition::Inline ? "INLINE" : "EXTERNAL_LINKS";
  body["format"] = "JSON_ARRAY";
  ApiRequest r;
  r.method = "POST";
  r.path = kStatements;
  r.json = std::move(body);
  r.idempotency = Idempotency::NonIdempotent;
  r.label = "execute statement";
  return client_->call(r, options);
}

Json RemoteStatementExecutor::awaitTerminal(const std::string& id, Json response,
                                            const CallOptions& options) {
  if (terminal(stateOf(response))) return response;
  if (id.empty()) {
    throw WorkspaceError(WorkspaceErrorClass::Remote,
                         "The warehouse accepted the statement without a statement_id");
  }
  auto delay = options_.pollInitial;
  while (true) {
    pause(delay, options);
    if (const auto stop = interrupted(options); stop != Interrupt::None) {
      cancelRemote(id, options);
      throwIfInterrupted(stop, "The statement");
    }
    ApiRequest r;
    r.path = statementPath(id);
    r.label = "get statement status";
    try {
      response = client_->call(r, options);
    } catch (const WorkspaceError& e) {
      // The client stopped the poll for the caller's token or deadline: the statement runs on.
      if ((e.errorClass() == WorkspaceErrorClass::Cancelled ||
           e.errorClass() == WorkspaceErrorClass::Timeout) &&
          interrupted(options) != Interrupt::None) {
        cancelRemote(id, options);
      }
      throw;
    }
    if (terminal(stateOf(response))) return response;
    delay = std::min(delay * 2, options_.pollMax);
  }
}

ResultSet RemoteStatementExecutor::readResult(const std::string& id, const Json& response,
                                              const CallOptions& options) {
  const ResultDecoder decoder(response.value("manifest", Json::object()));
  ResultSet out;
  out.columns = decoder.columns();
  std::optional<Json> data;
  if (const auto result = response.find("result");
      result != response.end() && result->is_object()) {
    data = *result;
  } else if (response.contains("manifest") &&
             response["manifest"].value("total_chunk_count", 0) > 0) {
    ApiRequest r;
    r.path = statementPath(id) + "/result/chunks/0";
    r.label = "fetch statement result chunk";
    data = client_->call(r, options);
  }
  std::set<std::string> seen;
  while (data) {
    std::optional<ApiRequest> next;
    if (const auto links = data->find("external_links");
        links != data->end() && links->is_array() && !links->empty()) {
      for (const auto& link : *links) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (const auto h = link.find("http_headers"); h != link.end() && h->is_object()) {
          for (const auto& [k, v] : h->items()) {
            headers.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
          }
        }
        const std::string body =
            client_->download(link.value("external_link", ""), headers, options);
        Json rows;
        try {
          rows = Json::parse(body);
        } catch (const Json::exception&) {
          throw WorkspaceError(WorkspaceErrorClass::Remote,
                               "A statement result chunk is not a JSON array");
        }
        decoder.append(rows, out.rows);
      }
      next = nextChunk(links->back(), id);
    } else {
      decoder.append(data->value("data_array", Json::array()), out.rows);
    }
    if (!next) next = nextChunk(*data, id);
    if (!next) break;
    // A chain that comes back to a chunk already read would never end.
    if (!seen.insert(next->path).second) {
      throw WorkspaceError(WorkspaceErrorClass::Remote, "The statement's result chunks repeat");
    }
    data = client_->call(*next, options);
  }
  return out;
}

void RemoteStatementExecutor::cancelRemote(const std::string& id, const CallOptions& options) {
  ApiRequest r;
  r.method = "POST";
  r.path = statementPath(id) + "/cancel";
  r.label = "cancel statement";
  try {
    client_->send(r, cleanupOptions(options));
  } catch (const WorkspaceError&) {
    // Best effort: the statement ends on the warehouse's own timeout otherwise.
  }
}

}  // namespace clxs::kernel::databricks
