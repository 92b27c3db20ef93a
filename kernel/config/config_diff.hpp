// Key-by-key comparison of two config documents.
#pragma once

#include "clxs/json.hpp"

namespace clxs::kernel {

/// Differences between two config objects, sorted by key: one entry
/// `{"key","a","b","change"}` per differing leaf, with nested mapping keys dotted
/// ("audit_trail.catalog") and lists compared whole. `change` is "added" (only in b, `a`
/// null), "removed" (only in a, `b` null) or "changed". Values under secret keys are
/// masked.
[[nodiscard]] Json diffConfigs(const Json& a, const Json& b);

}  // namespace clxs::kernel
