// A data-quality check in DQX's form: a function of the registry with its arguments, how
// critical a failure is, an optional row filter, and who keeps it. Legacy rules, suite items,
// contract rules and parsed natural-language rules all become one of these.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clxs/json.hpp"

namespace clxs::quality {

/// How a failing row counts: an error makes it invalid, a warning only flags it.
enum class Criticality { Error, Warn };

/// "error" or "warn".
std::string_view criticalityName(Criticality c);

/// The criticality DQX writes as `text` ("error", "warn"; "warning" too), or nothing.
std::optional<Criticality> parseCriticality(std::string_view text);

/// One check.
struct Check {
  std::string id;                   ///< UUID; empty before it is stored
  std::string name;                 ///< the check's name (DQX's auto-name when not given)
  std::string tableFqn;             ///< catalog.schema.table it checks
  std::string function;             ///< registry function
  Json arguments = Json::object();  ///< the function's arguments by name
  Criticality criticality = Criticality::Error;  ///< see Criticality
  std::string filter;                  ///< SQL predicate selecting the rows checked; empty: all
  Json userMetadata = Json::object();  ///< free key/value pairs kept with results
  bool enabled = true;                 ///< disabled checks are kept but not run
};

}  // namespace clxs::quality
