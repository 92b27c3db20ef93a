// The one text form of a table's name that certifications and SLA rules store and answer:
// catalog.schema.table, with a part in backticks only when it holds a dot or a backtick, so
// the text parses back (ObjectName::parse) to the very same parts.
#pragma once

#include <string>

#include "clxs/object_name.hpp"
#include "clxs/workspace/types.hpp"

namespace clxs::governance {

/// The stored form of a table's name.
std::string governedTableFqn(const TableInfo& table);

}  // namespace clxs::governance
