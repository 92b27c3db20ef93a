// `clxs plugins ...` and `clxs jobs ...`: thin clients of a running server's API.
#pragma once

#include <string>
#include <vector>

namespace clxs::kernel {

/// clxs plugins list|enable NAME|disable NAME.
int pluginsCommand(const std::vector<std::string>& args);
/// clxs jobs list|show ID|cancel ID.
int jobsCommand(const std::vector<std::string>& args);

}  // namespace clxs::kernel
