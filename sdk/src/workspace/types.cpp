// The checks and orderings every workspace applies alike.
#include "clxs/workspace/types.hpp"

#include <algorithm>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs {

GrantTarget grantTarget(const std::string& objectType, const std::string& fullName) {
  GrantTarget t{upperAscii(objectType), splitQualified(fullName)};
  std::size_t parts = 3;
  if (t.type == "CATALOG") {
    parts = 1;
  } else if (t.type == "SCHEMA") {
    parts = 2;
  } else if (t.type != "TABLE" && t.type != "VIEW" && t.type != "VOLUME" && t.type != "FUNCTION") {
    throw HttpError(422, "unknown securable type '" + objectType + "'");
  }
  if (t.parts.size() != parts) {
    throw HttpError(422, "a " + t.type + " is named with " + std::to_string(parts) +
                             " dotted part(s), not '" + fullName + "'");
  }
  return t;
}

void sortGrants(std::vector<GrantInfo>& grants) {
  std::stable_sort(grants.begin(), grants.end(), [](const GrantInfo& a, const GrantInfo& b) {
    if (a.principal != b.principal) return a.principal < b.principal;
    const auto da = std::count(a.objectName.begin(), a.objectName.end(), '.');
    const auto db = std::count(b.objectName.begin(), b.objectName.end(), '.');
    if (da != db) return da < db;
    return a.privilege < b.privilege;
  });
}

}  // namespace clxs
