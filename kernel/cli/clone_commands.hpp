// `clxs demo-data|clone|validate|diff|rollback`: clients of a running server's clone,
// generate and analysis routes.
#pragma once

#include <string>
#include <vector>

namespace clxs::kernel {

/// clxs demo-data CATALOG [options] | clxs demo-data --delete CATALOG | --list.
int demoDataCommand(const std::vector<std::string>& args);
/// clxs clone SRC DST [options].
int cloneCommand(const std::vector<std::string>& args);
/// clxs validate SRC DST [--checksum].
int validateCommand(const std::vector<std::string>& args);
/// clxs diff SRC DST.
int diffCommand(const std::vector<std::string>& args);
/// clxs rollback [ROLLBACK_ID] [--drop-catalog] (no id: list the logs).
int rollbackCommand(const std::vector<std::string>& args);

}  // namespace clxs::kernel
