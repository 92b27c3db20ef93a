// Turning a notebook into one .sql script: SQL cells as statements, markdown as comments.
#pragma once

#include <string>
#include <string_view>

#include "clxs/json.hpp"

namespace clxs::notebooks {

/// The script for `notebook` ({id, title, cells}): a header comment naming the title, the
/// id and `exportedAt`, then each non-blank cell separated by a blank line. SQL cells are
/// kept as written and end with ';' (added when missing); markdown cells become `-- `
/// comment lines. Ends with a newline.
std::string exportSql(const Json& notebook, std::string_view exportedAt);

/// The download name: the title with every run of characters outside [A-Za-z0-9_-]
/// replaced by '_', trimmed of '_' and cut to 100 characters, plus ".sql"; the id when
/// nothing is left.
std::string exportFilename(std::string_view title, std::string_view id);

}  // namespace clxs::notebooks
