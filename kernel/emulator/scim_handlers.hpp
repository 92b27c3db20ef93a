// SCIM Me (/api/2.0/preview/scim/v2/Me): the local workspace's current user, with the
// workspace id in X-Databricks-Org-Id as the real API sends it.
#pragma once

#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel {
class LocalWorkspace;
}

namespace clxs::kernel::emulator {

/// The workspace id the emulator reports (X-Databricks-Org-Id).
inline constexpr long long kEmulatorWorkspaceId = 6051921418418893LL;

/// GET /api/2.0/preview/scim/v2/Me.
EmulatorResponse scimMe(LocalWorkspace& workspace);

}  // namespace clxs::kernel::emulator
