// The workspace hub: services by id.
#include "clxs/workspace.hpp"

namespace clxs {

void Workspace::unavailable(std::string_view what) const {
  throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                       "The " + kind() + " workspace has no " + std::string(what));
}

}  // namespace clxs
