// Entity tag assignments (/api/2.1/unity-catalog/entity-tag-assignments): the tags of
// catalogs, schemas, tables, columns and volumes, read from the local workspace's
// information_schema and written with ALTER ... SET TAGS / UNSET TAGS.
#pragma once

#include <string>
#include <vector>

#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel {
class LocalWorkspace;
}

namespace clxs::kernel::emulator {

class UnityCatalogHandlers;

/// The tag assignment routes. Thread-safe (the workspace is).
class EntityTagHandlers {
 public:
  /// `reads` resolves entities (404 for a missing one) and pages lists.
  EntityTagHandlers(LocalWorkspace& workspace, UnityCatalogHandlers& reads);

  /// A request under /api/2.1/unity-catalog/entity-tag-assignments; `rest` holds the path
  /// segments after it: none (POST), or {entity_type, entity_name, "tags"[, tag_key]}.
  EmulatorResponse handle(const EmulatorRequest& request, const std::vector<std::string>& rest);

 private:
  /// An entity resolved to its stored name: the SQL that names it in ALTER ... SET TAGS,
  /// and how its tags are read back.
  struct Entity {
    std::string type;                ///< catalogs, schemas, tables, columns or volumes
    std::vector<std::string> parts;  ///< stored name parts (the column last for columns)
  };

  Entity resolve(const std::string& type, const std::string& name);
  /// The entity's tags as {tag_key: tag_value}, ordered by key.
  std::vector<std::pair<std::string, std::string>> tagsOf(const Entity& entity);
  /// "ALTER ... " up to SET TAGS / UNSET TAGS.
  static std::string alterPrefix(const Entity& entity);
  void setTag(const Entity& entity, const std::string& key, const std::string& value);
  static Json assignmentJson(const Entity& entity, const std::string& key,
                             const std::string& value);

  LocalWorkspace& workspace_;
  UnityCatalogHandlers& reads_;
};

}  // namespace clxs::kernel::emulator
