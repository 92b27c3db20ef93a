#include "plugins/governance/governed_table.hpp"

#include "clxs/sql.hpp"

namespace clxs::governance {

std::string governedTableFqn(const TableInfo& table) {
  std::string out;
  for (const auto* part : {&table.catalog, &table.schema, &table.name}) {
    if (!out.empty()) out += '.';
    const bool plain = part->find_first_of(".`") == std::string::npos;
    out += plain ? *part : quoteIdentifier(*part);
  }
  return out;
}

}  // namespace clxs::governance
