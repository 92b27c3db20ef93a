// Three-part names of Unity Catalog objects (catalog.schema.name), parsed and quoted in one
// place, so callers never guess whether a full-name string is quoted already.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clxs {

/// A table, view, function or volume by catalog, schema and name, each unquoted.
struct ObjectName {
  std::string catalog;  ///< catalog
  std::string schema;   ///< schema
  std::string name;     ///< table, view, function or volume

  /// Parses "catalog.schema.name" with optional backtick quoting per part
  /// ("`my cat`.sales.orders"). Throws HttpError 400 naming the text unless it has three
  /// non-empty parts.
  static ObjectName parse(std::string_view fullName);
  /// From three unquoted parts; HttpError 400 for another number of parts.
  static ObjectName fromParts(const std::vector<std::string>& parts);
  /// For SQL text: every part quoted, `c`.`s`.`n` (validated as identifiers).
  [[nodiscard]] std::string quoted() const;
  /// For REST paths, messages and keys: c.s.n, unquoted.
  [[nodiscard]] std::string dotted() const;

  /// Exact comparison of the three parts.
  bool operator==(const ObjectName&) const = default;
};

}  // namespace clxs
