// The gate every workspace service call passes.
#include "clxs/workspace/service.hpp"

#include <algorithm>

namespace clxs {

namespace {

// Service calls in progress on this thread, in the workspaces this module made: only the
// outermost passes the gate, so a decorator sees what callers asked for, not how a service
// served it.
thread_local int callDepth = 0;

}  // namespace

std::string WorkspaceCall::describe() const {
  if (service == "sql" && args.size() == 1) return std::string(*args.begin());
  std::string out(method);
  for (const auto a : args) {
    out += ' ';
    out += a;
  }
  return out;
}

void CallGate::add(std::shared_ptr<CallInterceptor> interceptor) {
  if (!interceptor) return;
  const std::lock_guard<std::mutex> lock(mu_);
  interceptors_.push_back(std::move(interceptor));
  any_.store(true, std::memory_order_release);
}

void CallGate::remove(const CallInterceptor* interceptor) {
  const std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(interceptors_, [&](const auto& i) { return i.get() == interceptor; });
  any_.store(!interceptors_.empty(), std::memory_order_release);
}

void CallGate::enter(const WorkspaceCall& call) const {
  if (callDepth == 0 && !empty()) pass(call);
  ++callDepth;
}

void CallGate::leave() const noexcept {
  --callDepth;
}

void CallGate::pass(const WorkspaceCall& call) const {
  std::vector<std::shared_ptr<CallInterceptor>> now;
  {
    const std::lock_guard<std::mutex> lock(mu_);
    now = interceptors_;
  }
  for (const auto& i : now) i->before(call);
}

WorkspaceService::Scope::Scope(const WorkspaceService& owner, std::string_view service,
                               std::string_view method,
                               std::initializer_list<std::string_view> args,
                               const CallOptions& options) {
  if (owner.gate_ == nullptr) return;
  owner.gate_->enter(WorkspaceCall{service, method, args, options});
  gate_ = owner.gate_;
}

WorkspaceService::Scope::~Scope() {
  if (gate_ != nullptr) gate_->leave();
}

}  // namespace clxs
