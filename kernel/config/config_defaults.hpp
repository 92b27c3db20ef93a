// Built-in configuration defaults: what a key means when clone_config.yaml omits it.
#pragma once

#include "clxs/json.hpp"

namespace clxs::kernel {

/// The original's load_config defaults (its setdefault list), plus the pricing keys the
/// FinOps pages read and the `server` block of the clxs kernel. `metrics_table` is absent:
/// it derives from the effective audit catalog (see applyConfigDefaults).
[[nodiscard]] const Json& builtInConfigDefaults();

/// Fills keys missing from `config` (an object) from the built-in defaults, recursing into
/// objects present on both sides, then derives `metrics_table` from `audit_trail.catalog`
/// when unset and upper-cases `clone_type`.
void applyConfigDefaults(Json& config);

}  // namespace clxs::kernel
