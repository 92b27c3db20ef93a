#include "kernel/emulator/statement_service.hpp"

#include <charconv>
#include <ctime>
#include <optional>

#include "clxs/clock.hpp"
#include "clxs/id.hpp"
#include "kernel/emulator/emulator_auth.hpp"
#include "kernel/emulator/error_mapping.hpp"
#include "kernel/emulator/result_encoding.hpp"
#include "kernel/emulator/statement_request.hpp"
#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel::emulator {

/// Statement states of the wire format.
enum class StatementState { Pending, Running, Succeeded, Failed, Canceled };

/// One submitted statement; fields other than `cancel` are guarded by the service mutex.
struct StatementRecord {
  std::string id;
  StatementRequest request;
  StatementState state = StatementState::Pending;
  StatementError error;
  std::shared_ptr<const EncodedResult> result;
  CancellationToken cancel;
  std::chrono::steady_clock::time_point finishedAt{};

  [[nodiscard]] bool terminal() const {
    return state == StatementState::Succeeded || state == StatementState::Failed ||
           state == StatementState::Canceled;
  }
};

namespace {

const char* stateName(StatementState s) {
  switch (s) {
    case StatementState::Pending:
      return "PENDING";
    case StatementState::Running:
      return "RUNNING";
    case StatementState::Succeeded:
      return "SUCCEEDED";
    case StatementState::Failed:
      return "FAILED";
    case StatementState::Canceled:
      break;
  }
  return "CANCELED";
}

ApiError statementNotFound(const std::string& id) {
  return {404, "RESOURCE_DOES_NOT_EXIST",
          "statement '" + id + "' does not exist (unknown, or purged after its retention)"};
}

}  // namespace

StatementService::StatementService(LocalWorkspace& workspace, WarehouseState& warehouse,
                                   FaultInjector& faults, EmulatorStats& stats,
                                   StatementServiceOptions options)
    : workspace_(workspace),
      warehouse_(warehouse),
      faults_(faults),
      stats_(stats),
      options_(options) {
  if (options_.workers == 0) options_.workers = 1;
  for (std::size_t i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { work(); });
}

StatementService::~StatementService() {
  shutdown();
}

void StatementService::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    for (auto& [id, s] : statements_) s->cancel.cancel();
  }
  changed_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
}

EmulatorResponse StatementService::handle(const EmulatorRequest& request,
                                          const std::vector<std::string>& rest) {
  if (rest.empty() && request.method == "POST") return submit(request);
  if (rest.size() == 1 && request.method == "GET") return status(request, rest[0]);
  if (rest.size() == 2 && rest[1] == "cancel" && request.method == "POST") return cancel(rest[0]);
  if (rest.size() == 4 && rest[1] == "result" && rest[2] == "chunks" && request.method == "GET") {
    return chunk(request, rest[0], rest[3]);
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND",
                 "no API found for '" + request.method + " " + request.rawPath + "'");
}

EmulatorResponse StatementService::submit(const EmulatorRequest& request) {
  auto parsed = parseStatementRequest(request.jsonBody());
  if (!warehouse_.knows(parsed.warehouseId)) {
    throw ApiError(404, "RESOURCE_DOES_NOT_EXIST",
                   "warehouse '" + parsed.warehouseId + "' does not exist");
  }
  auto statement = std::make_shared<StatementRecord>();
  statement->id = newUuid();
  statement->request = std::move(parsed);
  stats_.countSubmitted();
  // An injected failure is decided before anything runs, so the statement is never applied.
  const bool injected = faults_.nextStatementFails();
  if (!injected) warehouse_.start();
  // wait_timeout 0s answers at once with the state at submission, as Databricks does: the
  // answer is taken before a worker can pick the statement up, however fast it would run.
  const auto wait = statement->request.waitTimeout;
  std::optional<Json> immediate;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw ApiError(503, "TEMPORARILY_UNAVAILABLE", "the emulator is stopping");
    purgeLocked();
    statements_[statement->id] = statement;
    if (injected) {
      statement->state = StatementState::Failed;
      statement->error = {"TEMPORARILY_UNAVAILABLE",
                          "[EMULATED_FAULT] the emulator failed this statement on purpose "
                          "(--fail-statement-rate); it was not run"};
      statement->finishedAt = std::chrono::steady_clock::now();
    } else {
      queue_.push_back(statement);
    }
    if (wait.count() <= 0) immediate = responseJson(*statement, request);
  }
  if (injected) {
    stats_.countFailedInjected();
  } else {
    changed_.notify_all();
  }
  if (immediate) return jsonResponse(std::move(*immediate));
  std::unique_lock lock(mutex_);
  {
    const bool done =
        changed_.wait_for(lock, wait, [&] { return statement->terminal() || stopping_; });
    if (!done && statement->request.cancelOnTimeout) {
      statement->cancel.cancel();
      if (statement->state == StatementState::Pending) {
        statement->state = StatementState::Canceled;
        statement->finishedAt = std::chrono::steady_clock::now();
      }
      changed_.wait_for(lock, std::chrono::seconds(10), [&] { return statement->terminal(); });
    }
  }
  return jsonResponse(responseJson(*statement, request));
}

EmulatorResponse StatementService::status(const EmulatorRequest& request, const std::string& id) {
  const auto statement = find(id);
  std::lock_guard lock(mutex_);
  return jsonResponse(responseJson(*statement, request));
}

EmulatorResponse StatementService::chunk(const EmulatorRequest& request, const std::string& id,
                                         const std::string& index) {
  const auto statement = find(id);
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(index.data(), index.data() + index.size(), n);
  if (ec != std::errc() || end != index.data() + index.size()) {
    throw ApiError(400, "INVALID_PARAMETER_VALUE", "chunk_index must be a non-negative integer");
  }
  std::lock_guard lock(mutex_);
  if (statement->state != StatementState::Succeeded) {
    throw ApiError(
        400, "INVALID_PARAMETER_VALUE",
        std::string("the statement has no result: its state is ") + stateName(statement->state));
  }
  if (n >= std::max<std::size_t>(1, statement->result->chunkCount())) {
    throw ApiError(400, "INVALID_PARAMETER_VALUE",
                   "chunk_index " + index + " is out of range (the result has " +
                       std::to_string(statement->result->chunkCount()) + " chunks)");
  }
  return jsonResponse(chunkJson(*statement, n, request));
}

EmulatorResponse StatementService::cancel(const std::string& id) {
  const auto statement = find(id);
  {
    std::lock_guard lock(mutex_);
    statement->cancel.cancel();
    if (statement->state == StatementState::Pending) {
      statement->state = StatementState::Canceled;
      statement->finishedAt = std::chrono::steady_clock::now();
    }
  }
  changed_.notify_all();
  return jsonResponse(Json::object());
}

std::shared_ptr<StatementRecord> StatementService::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  purgeLocked();
  const auto it = statements_.find(id);
  if (it == statements_.end()) throw statementNotFound(id);
  return it->second;
}

void StatementService::purgeLocked() {
  const auto now = std::chrono::steady_clock::now();
  for (auto it = statements_.begin(); it != statements_.end();) {
    const bool expired =
        it->second->terminal() && now - it->second->finishedAt > options_.retention;
    it = expired ? statements_.erase(it) : std::next(it);
  }
  while (statements_.size() >= options_.maxStatements) {
    auto oldest = statements_.end();
    for (auto it = statements_.begin(); it != statements_.end(); ++it) {
      if (!it->second->terminal()) continue;
      if (oldest == statements_.end() || it->second->finishedAt < oldest->second->finishedAt) {
        oldest = it;
      }
    }
    if (oldest == statements_.end()) break;
    statements_.erase(oldest);
  }
  for (auto it = links_.begin(); it != links_.end();) {
    it = it->second.expires <= now ? links_.erase(it) : std::next(it);
  }
}

void StatementService::work() {
  for (;;) {
    std::shared_ptr<StatementRecord> statement;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      statement = queue_.front();
      queue_.pop_front();
      if (statement->state != StatementState::Pending) continue;
    }
    run(statement);
  }
}

void StatementService::run(const std::shared_ptr<StatementRecord>& statement) {
  // A statement sent to a stopped warehouse waits, PENDING, until the warehouse has started.
  while (!warehouse_.running()) {
    if (statement->cancel.cancelled) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  {
    std::lock_guard lock(mutex_);
    if (statement->cancel.cancelled || stopping_) {
      statement->state = StatementState::Canceled;
      statement->finishedAt = std::chrono::steady_clock::now();
      changed_.notify_all();
      return;
    }
    statement->state = StatementState::Running;
  }
  changed_.notify_all();
  const auto& request = statement->request;
  stats_.countExecuted(request.statement);
  StatementState state = StatementState::Succeeded;
  StatementError error;
  std::shared_ptr<const EncodedResult> result;
  try {
    LocalSession session;
    if (request.catalog) session.catalog = *request.catalog;
    if (request.schema) session.schema = *request.schema;
    CallOptions call;
    call.cancel = &statement->cancel;
    auto rows = workspace_.execute(request.statement, session, request.parameters, call);
    bool truncated = false;
    if (request.rowLimit && rows.rows.size() > *request.rowLimit) {
      rows.rows.resize(*request.rowLimit);
      truncated = true;
    }
    result = std::make_shared<EncodedResult>(rows, options_.chunkRows, truncated, request.format,
                                             request.byteLimit);
    if (request.disposition == Disposition::Inline &&
        result->totalByteCount() > options_.inlineByteLimit) {
      state = StatementState::Failed;
      error = {"BAD_REQUEST",
               "The result of " + std::to_string(result->totalByteCount()) +
                   " bytes exceeds the INLINE disposition limit of " +
                   std::to_string(options_.inlineByteLimit) +
                   " bytes: use disposition EXTERNAL_LINKS, or a row_limit or byte_limit"};
      result.reset();
    }
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::Cancelled) {
      state = StatementState::Canceled;
    } else {
      state = StatementState::Failed;
      error = statementError(e.errorClass(), e.what());
    }
  } catch (const std::exception& e) {
    state = StatementState::Failed;
    error = {"INTERNAL_ERROR", e.what()};
  }
  {
    std::lock_guard lock(mutex_);
    statement->state = state;
    statement->error = std::move(error);
    statement->result = std::move(result);
    statement->finishedAt = std::chrono::steady_clock::now();
  }
  changed_.notify_all();
}

Json StatementService::responseJson(const StatementRecord& statement,
                                    const EmulatorRequest& request) {
  Json status{{"state", stateName(statement.state)}};
  if (statement.state == StatementState::Failed) {
    status["error"] = {{"error_code", statement.error.errorCode},
                       {"message", statement.error.message}};
  }
  Json out{{"statement_id", statement.id}, {"status", status}};
  if (statement.state != StatementState::Succeeded || !statement.result) return out;
  const bool links = statement.request.disposition == Disposition::ExternalLinks;
  out["manifest"] = statement.result->manifest(links);
  out["result"] = chunkJson(statement, 0, request);
  return out;
}

Json StatementService::chunkJson(const StatementRecord& statement, std::size_t index,
                                 const EmulatorRequest& request) {
  const auto& result = *statement.result;
  Json out{{"chunk_index", index},
           {"row_offset", result.rowOffset(index)},
           {"row_count", result.chunkRowCount(index)}};
  if (statement.request.disposition == Disposition::ExternalLinks) {
    out["external_links"] = Json::array();
    if (index < result.chunkCount()) {
      out["external_links"].push_back(externalLink(statement, index, request));
    }
  } else {
    out["data_array"] = result.dataArray(index);
  }
  if (index + 1 < result.chunkCount()) {
    out["next_chunk_index"] = index + 1;
    out["next_chunk_internal_link"] =
        "/api/2.0/sql/statements/" + statement.id + "/result/chunks/" + std::to_string(index + 1);
  }
  return out;
}

Json StatementService::externalLink(const StatementRecord& statement, std::size_t index,
                                    const EmulatorRequest& request) {
  const auto& result = *statement.result;
  Link link{statement.id, index, randomHex(16),
            std::chrono::steady_clock::now() + options_.linkLifetime};
  const auto linkId = randomHex(16);
  const auto signature = link.signature;
  links_[linkId] = std::move(link);
  Json out{{"chunk_index", index},
           {"row_offset", result.rowOffset(index)},
           {"row_count", result.chunkRowCount(index)},
           {"byte_count", result.chunkByteCount(index)},
           {"external_link", request.baseUrl + "/_external/" + linkId},
           {"expiration", isoUtc(std::chrono::system_clock::now() + options_.linkLifetime)},
           {"http_headers", {{"x-emulator-sig", signature}}}};
  if (index + 1 < result.chunkCount()) {
    out["next_chunk_index"] = index + 1;
    out["next_chunk_internal_link"] =
        "/api/2.0/sql/statements/" + statement.id + "/result/chunks/" + std::to_string(index + 1);
  }
  return out;
}

EmulatorResponse StatementService::download(const EmulatorRequest& request,
                                            const std::string& linkId) {
  if (request.method != "GET") {
    throw ApiError(405, "INVALID_PARAMETER_VALUE", "external links are fetched with GET");
  }
  if (request.header("authorization")) {
    throw ApiError(403, "PERMISSION_DENIED",
                   "external links are pre-signed: send no Authorization header");
  }
  std::shared_ptr<const EncodedResult> result;
  std::size_t index = 0;
  {
    std::lock_guard lock(mutex_);
    purgeLocked();
    const auto it = links_.find(linkId);
    const auto sig = request.header("x-emulator-sig");
    if (it == links_.end() || !sig || !sameSecret(*sig, it->second.signature)) {
      throw ApiError(403, "PERMISSION_DENIED",
                     "the link is unknown or expired, or its http_headers were not sent");
    }
    const auto statement = statements_.find(it->second.statementId);
    if (statement == statements_.end() || !statement->second->result) {
      throw ApiError(404, "RESOURCE_DOES_NOT_EXIST", "the statement's result was released");
    }
    result = statement->second->result;
    index = it->second.chunkIndex;
  }
  EmulatorResponse response;
  response.body = result->chunkText(index);
  if (result->format() == ResultFormat::Csv) response.contentType = "text/csv";
  if (result->format() == ResultFormat::ArrowStream) {
    response.contentType = "application/vnd.apache.arrow.stream";
  }
  return response;
}

}  // namespace clxs::kernel::emulator
