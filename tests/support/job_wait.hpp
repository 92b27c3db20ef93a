// Integration-test helpers: submit a job and follow it through GET /api/clone/{job_id} to its
// end.
#pragma once

#include <string>

#include "clxs/json.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {

/// Whether a job status is final.
bool terminalStatus(const std::string& status);

/// Polls the job until it ends and returns its record; after `seconds` it fails the calling
/// test and returns the last record seen.
Json waitJob(const ServerProcess& server, const std::string& jobId, int seconds = 120);

/// POSTs `body` to `path`, expects 200 with a queued job, and returns its id ("" otherwise,
/// with the test failed).
std::string submitJob(const ServerProcess& server, const std::string& path, const Json& body);

/// submitJob() then waitJob(): the job's final record.
Json runJob(const ServerProcess& server, const std::string& path, const Json& body,
            int seconds = 120);

}  // namespace clxs::testing
