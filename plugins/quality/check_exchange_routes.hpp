// Moving a table's DQX checks in and out: export as DQX's YAML, import from it, and save to a
// Delta table the user names (as DQX's checks storage does).
#pragma once

#include <memory>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "clxs/routes.hpp"
#include "plugins/quality/check_repository.hpp"

namespace clxs::quality {

/// DQX's YAML for `checks`: a list of {criticality, check: {function, arguments}, filter?,
/// name?, user_metadata?}. Strings are quoted, so a value such as "007" stays a string.
std::string checksYaml(const std::vector<StoredCheck>& checks);

/// The entries of a DQX YAML document as DQX's JSON form (scalars typed as YAML 1.2's core
/// schema reads them: unquoted numbers, booleans and null; quoted text stays text). Throws
/// HttpError 400 naming the line for text that is not YAML or not a list.
Json checksFromYaml(const std::string& yaml);

/// Registers GET …/dqx/checks/export, POST …/dqx/checks/import and POST
/// …/dqx/checks/save-to-delta; they keep `repository` and `clock` (the plugin's).
void registerCheckExchangeRoutes(Routes& routes, std::shared_ptr<CheckRepository> repository,
                                 const Clock& clock);

}  // namespace clxs::quality
