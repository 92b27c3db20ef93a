#include "kernel/log/log_context.hpp"

namespace clxs::kernel {

namespace {
// Per thread, in the kernel's image only: plugins log through the kernel's Logger, so they
// reach this same variable.
thread_local LogContext tlsContext;  // NOLINT: per-thread state by design
}  // namespace

const LogContext& currentLogContext() {
  return tlsContext;
}

LogScope::LogScope(const std::string& requestId, const std::string& jobId) : saved_(tlsContext) {
  if (!requestId.empty()) tlsContext.requestId = requestId;
  if (!jobId.empty()) tlsContext.jobId = jobId;
}

LogScope::~LogScope() {
  tlsContext = std::move(saved_);
}

}  // namespace clxs::kernel
