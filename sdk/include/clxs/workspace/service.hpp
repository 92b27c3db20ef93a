// What every workspace service shares: one gate that each call passes through, so a decorator
// (fault injection, tracing, metering) wraps every service, present and future, at once.
#pragma once

#include <atomic>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/visibility.hpp"
#include "clxs/workspace/types.hpp"

namespace clxs {

/// One call as an interceptor sees it.
struct WorkspaceCall {
  /// The service's id ("sql", "catalog", "files", ...).
  std::string_view service;
  /// The method ("execute", "tables", "readFile", ...).
  std::string_view method;
  /// Its text arguments in order (the statement for "execute"; catalog and schema for
  /// "tables"; ...). Views valid for the duration of the interceptor call only.
  std::initializer_list<std::string_view> args;
  /// The caller's options (cancellation, deadline).
  const CallOptions& options;

  /// The statement text for a SQL statement; otherwise the method then its arguments
  /// separated by spaces ("tables main sales", "readFile /Volumes/main/s/v/a.csv").
  [[nodiscard]] std::string describe() const;
};

/// Sees every call a workspace's services receive from their callers, before it runs. Calls a
/// service makes to another service of the same workspace while serving one (the SQL behind
/// a default metadata listing) are not seen again.
class CLXS_VISIBLE CallInterceptor {
 public:
  virtual ~CallInterceptor() = default;
  /// Called before `call` runs, on the caller's thread; may wait, or throw (a WorkspaceError)
  /// to fail the call without it reaching the service.
  virtual void before(const WorkspaceCall& call) = 0;
};

/// The interceptors of one workspace (thread-safe; cheap to pass when there are none).
class CLXS_VISIBLE CallGate {
 public:
  CallGate() = default;
  virtual ~CallGate() = default;
  CallGate(const CallGate&) = delete;
  CallGate& operator=(const CallGate&) = delete;

  /// Adds `interceptor`; it sees calls made from now on, after those added before it.
  void add(std::shared_ptr<CallInterceptor> interceptor);
  /// Removes `interceptor` (no effect when absent).
  void remove(const CallInterceptor* interceptor);
  /// Enters `call` on this thread, running the interceptors if it is the thread's outermost
  /// call into this workspace's services (they may throw: then the call is not entered).
  /// Virtual, like leave(), so that the thread's call depth is kept by the module that made
  /// the workspace whichever module calls it: the kernel and each plugin link their own copy
  /// of the SDK, and a plugin's call into a kernel-made workspace whose service calls another
  /// service must still count as one call.
  virtual void enter(const WorkspaceCall& call) const;
  /// Leaves a call enter() entered.
  virtual void leave() const noexcept;
  /// Whether any interceptor is installed.
  [[nodiscard]] bool empty() const { return !any_.load(std::memory_order_acquire); }

 private:
  void pass(const WorkspaceCall& call) const;

  mutable std::mutex mu_;
  std::vector<std::shared_ptr<CallInterceptor>> interceptors_;
  std::atomic<bool> any_{false};
};

/// Base of every workspace service interface. A service's public methods are not virtual:
/// each passes its workspace's gate, then calls the protected virtual its implementations
/// override.
class CLXS_VISIBLE WorkspaceService {
 public:
  virtual ~WorkspaceService() = default;

 protected:
  WorkspaceService() = default;
  WorkspaceService(const WorkspaceService&) = delete;
  WorkspaceService& operator=(const WorkspaceService&) = delete;

  /// Held by each public method for the duration of the call: enters the workspace's gate
  /// (see CallGate::enter()).
  class CLXS_VISIBLE Scope {
   public:
    /// Enters a call of `service`.`method` with `args`.
    Scope(const WorkspaceService& owner, std::string_view service, std::string_view method,
          std::initializer_list<std::string_view> args, const CallOptions& options);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    const CallGate* gate_ = nullptr;  // the gate entered, left by the destructor
  };

 private:
  friend class Workspace;
  const CallGate* gate_ = nullptr;  // the workspace's gate, set when the service is provided
};

}  // namespace clxs
