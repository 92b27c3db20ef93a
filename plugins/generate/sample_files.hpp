// Sample rows as files: CSV (RFC 4180) and JSON lines, written into the demo volumes.
#pragma once

#include <string>

#include "clxs/workspace.hpp"

namespace clxs::generate {

/// The rows as CSV with a header line; fields with commas, quotes or line breaks are quoted.
std::string toCsv(const ResultSet& rows);

/// The rows as JSON lines: one object per row, keyed by column name.
std::string toJsonLines(const ResultSet& rows);

}  // namespace clxs::generate
