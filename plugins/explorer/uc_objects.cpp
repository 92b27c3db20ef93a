#include "plugins/explorer/uc_objects.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <utility>

#include "clxs/http.hpp"
#include "clxs/parallel.hpp"

namespace clxs::explorer {
namespace {

// Seven independent REST listings: a few at once keeps the page quick without flooding the
// workspace.
constexpr std::size_t kWorkers = 4;
constexpr std::chrono::seconds kListingDeadline{120};

// A field as the REST object has it, null when absent or not a string.
Json str(const Json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_string()) return nullptr;
  return *it;
}

bool flag(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_boolean() && it->get<bool>();
}

// Which credential block a storage credential carries decides its type.
Json credentialType(const Json& o) {
  static constexpr std::array<std::pair<const char*, const char*>, 5> kBlocks{{
      {"aws_iam_role", "AWS_IAM_ROLE"},
      {"azure_managed_identity", "AZURE_MANAGED_IDENTITY"},
      {"azure_service_principal", "AZURE_SERVICE_PRINCIPAL"},
      {"databricks_gcp_service_account", "GCP_SERVICE_ACCOUNT"},
      {"cloudflare_api_token", "CLOUDFLARE_API_TOKEN"},
  }};
  for (const auto& [key, type] : kBlocks) {
    auto it = o.find(key);
    if (it != o.end() && !it->is_null()) return type;
  }
  return nullptr;
}

Json externalLocation(const Json& o) {
  return Json{{"name", str(o, "name")},
              {"url", str(o, "url")},
              {"credential_name", str(o, "credential_name")},
              {"read_only", flag(o, "read_only")},
              {"comment", str(o, "comment")},
              {"owner", str(o, "owner")}};
}

Json storageCredential(const Json& o) {
  return Json{{"name", str(o, "name")},
              {"type", credentialType(o)},
              {"read_only", flag(o, "read_only")},
              {"comment", str(o, "comment")},
              {"owner", str(o, "owner")}};
}

Json connection(const Json& o) {
  return Json{{"name", str(o, "name")},
              {"connection_type", str(o, "connection_type")},
              {"comment", str(o, "comment")},
              {"owner", str(o, "owner")}};
}

Json registeredModel(const Json& o) {
  Json full = str(o, "full_name");
  const Json catalog = str(o, "catalog_name");
  const Json schema = str(o, "schema_name");
  const Json name = str(o, "name");
  if (full.is_null() && catalog.is_string() && schema.is_string() && name.is_string()) {
    full = catalog.get<std::string>() + "." + schema.get<std::string>() + "." +
           name.get<std::string>();
  }
  return Json{{"name", name},      {"catalog", catalog},           {"schema", schema},
              {"full_name", full}, {"comment", str(o, "comment")}, {"owner", str(o, "owner")}};
}

Json share(const Json& o) {
  return Json{{"name", str(o, "name")}, {"owner", str(o, "owner")}, {"comment", str(o, "comment")}};
}

Json recipient(const Json& o) {
  return Json{{"name", str(o, "name")},
              {"authentication_type", str(o, "authentication_type")},
              {"owner", str(o, "owner")},
              {"comment", str(o, "comment")}};
}

Json metastore(const Json& o) {
  if (!o.is_object()) return Json::object();
  Json out = Json::object();
  for (const char* key :
       {"name", "owner", "metastore_id", "global_metastore_id", "cloud", "region"}) {
    out[key] = str(o, key);
  }
  return out;
}

std::string sortKey(const Json& o) {
  for (const char* key : {"full_name", "name"}) {
    auto it = o.find(key);
    if (it != o.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

// One section of the answer: where it goes, and how it is read from the workspace.
struct Section {
  const char* key;
  std::function<Json(Workspace&, const CallOptions&)> load;
};

std::function<Json(Workspace&, const CallOptions&)> listing(SecurableKind kind,
                                                            Json (*shape)(const Json&)) {
  return [kind, shape](Workspace& ws, const CallOptions& o) {
    const Json objects = ws.get<clxs::MetastoreService>().securables(kind, o);
    Json out = Json::array();
    if (objects.is_array()) {
      for (const auto& obj : objects) {
        if (obj.is_object()) out.push_back(shape(obj));
      }
    }
    std::sort(out.begin(), out.end(),
              [](const Json& a, const Json& b) { return sortKey(a) < sortKey(b); });
    return out;
  };
}

}  // namespace

Json ucObjects(Workspace& ws, const CallOptions& options) {
  const std::array<Section, 7> sections{{
      {"external_locations", listing(SecurableKind::ExternalLocations, externalLocation)},
      {"storage_credentials", listing(SecurableKind::StorageCredentials, storageCredential)},
      {"connections", listing(SecurableKind::Connections, connection)},
      {"registered_models", listing(SecurableKind::RegisteredModels, registeredModel)},
      {"metastore",
       [](Workspace& w, const CallOptions& o) {
         return metastore(w.get<clxs::MetastoreService>().summary(o));
       }},
      {"shares", listing(SecurableKind::Shares, share)},
      {"recipients", listing(SecurableKind::Recipients, recipient)},
  }};
  std::array<Json, 7> results;
  std::array<std::string, 7> errors;
  parallelFor(sections.size(), kWorkers, [&](std::size_t i) {
    try {
      results[i] = sections[i].load(ws, options);
    } catch (const WorkspaceError& e) {
      if (e.errorClass() == WorkspaceErrorClass::Unauthenticated ||
          e.errorClass() == WorkspaceErrorClass::Cancelled) {
        throw;
      }
      errors[i] = e.what();
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
  });

  Json out = Json::object();
  Json failed = Json::object();
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const bool isMetastore = std::string(sections[i].key) == "metastore";
    if (!errors[i].empty()) {
      failed[sections[i].key] = errors[i];
      out[sections[i].key] = isMetastore ? Json::object() : Json::array();
    } else {
      out[sections[i].key] = std::move(results[i]);
    }
  }
  if (!failed.empty()) out["errors"] = std::move(failed);
  return out;
}

void registerUcObjectsRoute(Routes& routes, const Clock& clock) {
  const Clock* clk = &clock;
  const auto objects = [](const char* what) {
    return Field::array(Field::object()).required().describe(what);
  };
  routes.get("/api/uc-objects")
      .summary("List Unity Catalog workspace objects")
      .description(
          "{external_locations [{name, url, credential_name, read_only, comment, owner}], "
          "storage_credentials [{name, type, read_only, comment, owner}], connections [{name, "
          "connection_type, comment, owner}], registered_models [{name, catalog, schema, "
          "full_name, comment, owner}], metastore {name, owner, metastore_id, "
          "global_metastore_id, cloud, region}, shares [{name, owner, comment}], recipients "
          "[{name, authentication_type, owner, comment}]}, read through the Unity Catalog API "
          "(no SQL warehouse needed). A section that cannot be read is empty and named in "
          "errors {section: message}; 401 when the credentials are rejected.")
      .returns(Model("UcObjects")
                   .field("external_locations", objects("External locations, by name"))
                   .field("storage_credentials", objects("Storage credentials, by name"))
                   .field("connections", objects("Connections, by name"))
                   .field("registered_models", objects("Registered models, by full name"))
                   .field("metastore",
                          Field::object().required().describe("The metastore ({} if unread)"))
                   .field("shares", objects("Delta Sharing shares, by name"))
                   .field("recipients", objects("Delta Sharing recipients, by name"))
                   .field("errors", Field::object().describe(
                                        "Section name to message, only when a section failed")))
      .handle([clk](const Request& req) {
        auto ws = req.workspace();
        CallOptions o;
        o.deadline = clk->steadyNow() + kListingDeadline;
        o.warehouseId = req.credentials().warehouseId;
        return ucObjects(*ws, o);
      });
}

}  // namespace clxs::explorer
