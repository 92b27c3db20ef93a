#include "clxs/object_name.hpp"

#include "clxs/error.hpp"
#include "clxs/sql.hpp"

namespace clxs {

ObjectName ObjectName::parse(std::string_view fullName) {
  const auto parts = splitQualified(fullName);
  if (parts.size() != 3) {
    throw badRequest("a table, view, function or volume is named catalog.schema.name, not '" +
                     std::string(fullName) + "'");
  }
  return ObjectName{parts[0], parts[1], parts[2]};
}

ObjectName ObjectName::fromParts(const std::vector<std::string>& parts) {
  if (parts.size() != 3) {
    throw badRequest("a table, view, function or volume is named catalog.schema.name, not '" +
                     joinDotted(parts) + "'");
  }
  return ObjectName{parts[0], parts[1], parts[2]};
}

std::string ObjectName::quoted() const {
  return quoteQualified({catalog, schema, name});
}

std::string ObjectName::dotted() const {
  return joinDotted({catalog, schema, name});
}

}  // namespace clxs
