// A bounded fan-out for independent work items (tables cloned or compared, schemas listed).
#pragma once

#include <cstddef>
#include <functional>

#include "clxs/workspace.hpp"

namespace clxs {

/// Calls `body(i)` for every i in [0, count) on at most `workers` threads (the calling
/// thread is one of them). After the first exception no new index is started; the
/// exception is rethrown once every thread has finished. When `cancel` is set no new index
/// is started either, and WorkspaceError(Cancelled) is thrown.
void parallelFor(std::size_t count, std::size_t workers,
                 const std::function<void(std::size_t)>& body,
                 const CancellationToken* cancel = nullptr);

}  // namespace clxs
