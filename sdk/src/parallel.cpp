#include "clxs/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace clxs {

void parallelFor(std::size_t count, std::size_t workers,
                 const std::function<void(std::size_t)>& body, const CancellationToken* cancel) {
  if (count == 0) return;
  auto cancelled = [cancel] { return cancel != nullptr && cancel->cancelled.load(); };
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::exception_ptr first;
  auto run = [&] {
    while (!stop.load()) {
      if (cancelled()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= count) return;
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(mu);
        if (!first) first = std::current_exception();
        stop = true;
      }
    }
  };
  {
    // Declared after the state the threads use, so they are joined before it goes away,
    // even when starting one of them throws.
    std::vector<std::jthread> threads;
    const std::size_t extra = std::min(std::max<std::size_t>(workers, 1), count) - 1;
    threads.reserve(extra);
    for (std::size_t w = 0; w < extra; ++w) threads.emplace_back(run);
    run();
  }
  if (first) std::rethrow_exception(first);
  if (cancelled()) throw WorkspaceError(WorkspaceErrorClass::Cancelled, "Cancelled.");
}

}  // namespace clxs
