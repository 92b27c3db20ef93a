// How local workspace errors look on the Databricks wire: as a FAILED statement's
// status.error, and as the HTTP error of a REST call.
#pragma once

#include <string>

#include "clxs/workspace.hpp"
#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel::emulator {

/// status.error of a FAILED statement.
struct StatementError {
  std::string errorCode;  ///< NOT_FOUND, ALREADY_EXISTS, BAD_REQUEST, ...
  std::string message;    ///< starts with a Spark error class in brackets
};

/// The statement error for a local failure (not for Cancelled, which is a state).
StatementError statementError(WorkspaceErrorClass errorClass, const std::string& message);

/// The REST error for a local failure: status and error_code by class, message kept.
ApiError restError(WorkspaceErrorClass errorClass, const std::string& message);

}  // namespace clxs::kernel::emulator
