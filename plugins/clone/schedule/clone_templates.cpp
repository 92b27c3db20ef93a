#include "plugins/clone/schedule/clone_templates.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/model.hpp"
#include "plugins/clone/body_check.hpp"
#include "plugins/clone/clone_options.hpp"

namespace clxs::clone::schedule {
namespace {

CloneTemplate builtin(std::string key, std::string title, std::string description, Json config,
                      std::vector<std::string> required = {}) {
  CloneTemplate t;
  t.key = std::move(key);
  t.title = std::move(title);
  t.description = std::move(description);
  t.config = std::move(config);
  t.required = std::move(required);
  return t;
}

// The copy_* flags in the order the original wrote them.
Json copies(bool permissions, bool ownership, bool tags, bool security, bool constraints,
            bool comments) {
  return Json{{"copy_permissions", permissions},
              {"copy_ownership", ownership},
              {"copy_tags", tags},
              {"copy_security", security},
              {"copy_constraints", constraints},
              {"copy_comments", comments}};
}

Json with(Json base, const Json& more) {
  for (const auto& [k, v] : more.items()) base[k] = v;
  return base;
}

// A value of the declared type standing in for a field the template requires.
Json placeholder(const Model& model, const std::string& key) {
  const Field* f = findField(model, key);
  if (f == nullptr) return "placeholder";
  switch (f->type()) {
    case FieldType::Object:
      return Json::object();
    case FieldType::Array:
      return Json::array();
    case FieldType::Boolean:
      return true;
    case FieldType::Integer:
    case FieldType::Number:
      return f->minimum() ? Json(*f->minimum()) : Json(1);
    default:
      return "placeholder";
  }
}

bool validKey(const std::string& key) {
  if (key.empty() || key.size() > 100) return false;
  if (std::isalnum(static_cast<unsigned char>(key.front())) == 0) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
  });
}

// Fills a config template from its mapping entry; sets error on the first problem.
CloneTemplate fromConfig(const std::string& key, const Json& entry) {
  CloneTemplate t;
  t.key = key;
  t.title = key;
  t.source = "config";
  if (!validKey(key)) {
    t.error =
        "the key must be 1-100 letters, digits, '-', '_' or '.', starting with a letter "
        "or digit";
    return t;
  }
  if (!entry.is_object()) {
    t.error = "must be a mapping with name, description and config";
    return t;
  }
  if (entry.contains("name")) {
    if (!entry["name"].is_string()) {
      t.error = "name must be a string";
      return t;
    }
    t.title = entry["name"].get<std::string>();
  }
  if (entry.contains("description")) {
    if (!entry["description"].is_string()) {
      t.error = "description must be a string";
      return t;
    }
    t.description = entry["description"].get<std::string>();
  }
  if (!entry.contains("config") || !entry["config"].is_object()) {
    t.error = "config must be a mapping of clone settings (clone_type, copy_* ...)";
    return t;
  }
  t.config = entry["config"];
  if (entry.contains("requires")) {
    const auto& req = entry["requires"];
    const bool ok = req.is_array() && std::all_of(req.begin(), req.end(),
                                                  [](const Json& s) { return s.is_string(); });
    if (!ok) {
      t.error = "requires must be a list of field names";
      return t;
    }
    for (const auto& s : req) t.required.push_back(s.get<std::string>());
  }
  const auto why = normalizeCloneFields(t.config);
  if (!why.empty()) t.error = "config." + why;
  return t;
}

/// Whether a template can run here.
enum class Usability { Usable, Unavailable, Broken };

/// The verdict and, unless usable, the reason.
struct Verdict {
  Usability usability = Usability::Usable;
  std::string reason;
};

// Parses the template as a clone body with stand-ins for the catalogs and the fields it
// requires. A 501 is a capability this build lacks; any other failure a defect of the
// template itself.
Verdict tryParse(const CloneTemplate& t) {
  Json body = t.config;
  const Model& model = CloneRequest::schema().model();
  for (const auto& key : t.required) {
    if (!body.contains(key)) body[key] = placeholder(model, key);
  }
  body["source_catalog"] = "template_source";
  body["destination_catalog"] = "template_destination";
  try {
    (void)parseUnvalidated<CloneRequest>(body);
    return {};
  } catch (const HttpError& e) {
    return {e.status() == 501 ? Usability::Unavailable : Usability::Broken, e.what()};
  } catch (const std::exception& e) {
    return {Usability::Broken, e.what()};
  }
}

}  // namespace

std::vector<CloneTemplate> builtinTemplates() {
  std::vector<CloneTemplate> out;
  out.push_back(builtin(
      "dev-copy", "Development Copy",
      "Shallow clone with PII masking: a fast, safe dev/test environment",
      with(Json{{"clone_type", "SHALLOW"}},
           with(copies(false, false, true, false, true, true), {{"enable_rollback", true},
                                                                {"validate_after_clone", true},
                                                                {"dry_run", false},
                                                                {"auto_mask_pii", true}}))));
  out.push_back(
      builtin("dr-backup", "Disaster Recovery Backup",
              "Full deep clone with validation and checksums: a complete backup",
              with(Json{{"clone_type", "DEEP"}},
                   with(copies(true, true, true, true, true, true), {{"enable_rollback", true},
                                                                     {"validate_after_clone", true},
                                                                     {"validate_checksum", true},
                                                                     {"max_workers", 8}}))));
  out.push_back(
      builtin("test-refresh", "Test Environment Refresh",
              "Deep clone without grants, owners or row security: representative test data",
              with(Json{{"clone_type", "DEEP"}},
                   with(copies(false, false, true, false, true, true),
                        {{"enable_rollback", true}, {"validate_after_clone", true}}))));
  out.push_back(
      builtin("staging-promote", "Staging to Production Promote",
              "Deep clone from staging to production with full validation",
              with(Json{{"clone_type", "DEEP"}},
                   with(copies(true, true, true, true, true, true), {{"enable_rollback", true},
                                                                     {"validate_after_clone", true},
                                                                     {"validate_checksum", true},
                                                                     {"max_workers", 4}}))));
  out.push_back(builtin("incremental-sync", "Incremental Sync",
                        "Clone only the objects the destination lacks (load_type INCREMENTAL)",
                        Json{{"clone_type", "DEEP"},
                             {"load_type", "INCREMENTAL"},
                             {"copy_permissions", false},
                             {"copy_tags", false},
                             {"copy_security", false},
                             {"enable_rollback", false},
                             {"validate_after_clone", true}}));
  out.push_back(
      builtin("schema-only", "Schema Only (No Data)",
              "Shallow clone: structure and metadata, no data files copied",
              with(Json{{"clone_type", "SHALLOW"}}, copies(true, true, true, true, true, true))));
  out.push_back(builtin("cross-workspace", "Cross-Workspace Clone",
                        "Clone to a different Databricks workspace",
                        with(Json{{"clone_type", "DEEP"}},
                             with(copies(false, false, true, true, true, true),
                                  {{"enable_rollback", true}, {"validate_after_clone", true}})),
                        {"target_workspace"}));
  out.push_back(builtin(
      "dev-refresh", "Dev Refresh",
      "Shallow clone without permissions, ownership or metadata: fast dev environment refresh",
      with(Json{{"clone_type", "SHALLOW"}},
           with(copies(false, false, false, false, false, false), {{"copy_properties", false},
                                                                   {"enable_rollback", false},
                                                                   {"validate_after_clone", false},
                                                                   {"max_workers", 8}}))));
  out.push_back(builtin(
      "dr-replica", "Disaster Recovery Replica",
      "Deep clone with checksums, full permissions and rollback; a table whose data drifts "
      "over 1 % is restored",
      with(Json{{"clone_type", "DEEP"}},
           with(copies(true, true, true, true, true, true), {{"enable_rollback", true},
                                                             {"validate_after_clone", true},
                                                             {"validate_checksum", true},
                                                             {"max_workers", 8},
                                                             {"compare_dq_after_clone", true},
                                                             {"dq_drift_rollback_pct", 1.0}}))));
  out.push_back(builtin("audit-copy", "Audit Copy",
                        "Deep clone for auditors: grants and security, not owners",
                        with(Json{{"clone_type", "DEEP"}},
                             with(copies(true, false, true, true, true, true),
                                  {{"enable_rollback", true}, {"validate_after_clone", true}}))));
  out.push_back(builtin(
      "pii-safe", "PII-Safe Clone", "Deep clone with every PII column masked",
      with(Json{{"clone_type", "DEEP"}},
           with(copies(false, false, true, false, true, true), {{"enable_rollback", true},
                                                                {"validate_after_clone", true},
                                                                {"auto_mask_pii", true}}))));
  out.push_back(builtin(
      "minimal", "Minimal Clone", "Shallow clone, minimal settings: the fastest possible clone",
      with(Json{{"clone_type", "SHALLOW"}},
           with(copies(false, false, false, false, false, false), {{"copy_properties", false},
                                                                   {"enable_rollback", false},
                                                                   {"validate_after_clone", false},
                                                                   {"max_workers", 4}}))));
  out.push_back(builtin(
      "full-mirror", "Full Mirror", "Deep clone with everything enabled: a complete mirror",
      with(Json{{"clone_type", "DEEP"}},
           with(copies(true, true, true, true, true, true), {{"copy_properties", true},
                                                             {"enable_rollback", true},
                                                             {"validate_after_clone", true},
                                                             {"validate_checksum", true},
                                                             {"max_workers", 8},
                                                             {"compare_dq_after_clone", true},
                                                             {"dq_drift_rollback_pct", 2.0}}))));
  return out;
}

std::vector<CloneTemplate> allTemplates(const Json& configured) {
  std::vector<CloneTemplate> out = builtinTemplates();
  if (configured.is_null()) return out;
  if (!configured.is_object()) {
    CloneTemplate bad;
    bad.key = "clone_templates";
    bad.title = "clone_templates";
    bad.source = "config";
    bad.error =
        "the clone_templates config key must be a mapping of template key to "
        "{name, description, config}";
    out.push_back(std::move(bad));
    return out;
  }
  for (const auto& [key, entry] : configured.items()) {
    CloneTemplate t = fromConfig(key, entry);
    if (t.error.empty()) {
      const auto verdict = tryParse(t);
      if (verdict.usability == Usability::Broken) t.error = "config: " + verdict.reason;
    }
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const CloneTemplate& b) { return b.key == t.key; });
    if (same != out.end()) {
      *same = std::move(t);
    } else {
      out.push_back(std::move(t));
    }
  }
  return out;
}

const CloneTemplate* findTemplate(const std::vector<CloneTemplate>& templates,
                                  const std::string& key) {
  for (const auto& t : templates) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

Json describeTemplate(const CloneTemplate& t) {
  Json out{{"name", t.key},
           {"key", t.key},
           {"title", t.title},
           {"description", t.description},
           {"clone_type", t.config.value("clone_type", std::string("DEEP"))},
           {"source", t.source},
           {"config", t.config},
           {"requires", t.required},
           {"ignored_keys", ignoredCloneKeys(t.config)}};
  if (!t.error.empty()) {
    out["available"] = false;
    out["error"] = t.error;
    return out;
  }
  const auto verdict = tryParse(t);
  if (verdict.usability == Usability::Broken) {
    out["available"] = false;
    out["error"] = verdict.reason;
    return out;
  }
  out["available"] = verdict.usability == Usability::Usable;
  if (!verdict.reason.empty()) out["unavailable_reason"] = verdict.reason;
  return out;
}

std::string normalizeCloneFields(Json& partial) {
  return checkDeclaredFields(CloneRequest::schema().model(), partial);
}

std::vector<std::string> ignoredCloneKeys(const Json& partial) {
  std::vector<std::string> out;
  if (!partial.is_object()) return out;
  const Model& model = CloneRequest::schema().model();
  for (const auto& [key, value] : partial.items()) {
    if (findField(model, key) == nullptr) out.push_back(key);
  }
  return out;
}

}  // namespace clxs::clone::schedule
