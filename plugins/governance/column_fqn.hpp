// A column by its four-part name (catalog.schema.table.column), as glossary links take it:
// parsed with backtick quoting, shown unquoted unless a part needs quotes to read back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clxs/object_name.hpp"

namespace clxs::governance {

/// One column of one table, each part unquoted.
struct ColumnFqn {
  std::string catalog;  ///< catalog
  std::string schema;   ///< schema
  std::string table;    ///< table or view
  std::string column;   ///< column

  /// The table the column belongs to.
  [[nodiscard]] ObjectName tableName() const { return {catalog, schema, table}; }
  /// catalog.schema.table.column; a part holding a dot or a backtick is backtick-quoted so the
  /// text parses back to the same parts.
  [[nodiscard]] std::string display() const;
  /// The same column in any letter case gives the same key (Unity Catalog names are
  /// case-insensitive).
  [[nodiscard]] std::string key() const;
};

/// Parses "catalog.schema.table.column" (parts may be backtick-quoted: `my.cat`.s.t.c);
/// nullopt unless there are exactly four non-empty parts.
std::optional<ColumnFqn> parseColumnFqn(std::string_view text);

/// One name part as display() writes it.
std::string displayPart(const std::string& part);

}  // namespace clxs::governance
