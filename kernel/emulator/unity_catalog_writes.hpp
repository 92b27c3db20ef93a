// Unity Catalog API 2.1 writes (POST, PATCH, DELETE under /api/2.1/unity-catalog): catalogs,
// schemas, volumes and functions created, updated and deleted, tables updated and deleted,
// each as the Databricks SQL statements the local workspace runs for it.
#pragma once

#include <string>
#include <vector>

#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel {
class LocalWorkspace;
}

namespace clxs::kernel::emulator {

class UnityCatalogHandlers;

/// The UC write routes. Every field of a request is checked before the first statement runs,
/// so a refused request changes nothing. Thread-safe (the workspace is).
class UnityCatalogWrites {
 public:
  /// `reads` answers the objects after a write, in the API's shapes.
  UnityCatalogWrites(LocalWorkspace& workspace, UnityCatalogHandlers& reads);

  /// A POST, PATCH or DELETE under /api/2.1/unity-catalog; `rest` holds the path segments
  /// after it. A known API the local workspace cannot serve answers 501 NOT_IMPLEMENTED.
  EmulatorResponse handle(const EmulatorRequest& request, const std::vector<std::string>& rest);

 private:
  Json createCatalog(const Json& body);
  Json updateCatalog(const std::string& name, const Json& body);
  void deleteCatalog(const std::string& name, bool force);
  Json createSchema(const Json& body);
  Json updateSchema(const std::string& fullName, const Json& body);
  void deleteSchema(const std::string& fullName, bool force);
  Json createVolume(const Json& body);
  Json updateVolume(const std::string& fullName, const Json& body);
  void deleteVolume(const std::string& fullName);
  Json createFunction(const Json& body);
  Json updateFunction(const std::string& fullName, const Json& body);
  void deleteFunction(const std::string& fullName);
  /// Answers nothing, as Databricks' PATCH /tables does.
  void updateTable(const std::string& fullName, const Json& body);
  void deleteTable(const std::string& fullName);

  /// ALTER <kind> <name> OWNER TO and COMMENT ON <kind> <name> for the body's owner and
  /// comment, whichever it holds.
  void setOwnerAndComment(const std::string& kind, const std::string& quotedName, const Json& body);
  /// Runs one statement; a conflict answers 409 with the statement's error class as code.
  void run(const std::string& statement);

  LocalWorkspace& workspace_;
  UnityCatalogHandlers& reads_;
};

}  // namespace clxs::kernel::emulator
