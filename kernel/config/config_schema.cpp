#include "kernel/config/config_schema.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "clxs/error.hpp"

namespace clxs::kernel {
namespace {

enum class Kind { String, Boolean, Integer, Number, StringList, List, Mapping, Currency };

struct Rule {
  Kind kind = Kind::String;
  bool nullable = false;
  std::optional<double> min;
  std::optional<double> max;
  std::vector<std::string> oneOf;  // case-insensitive for strings
};

Rule rule(Kind kind, bool nullable = false) {
  Rule r;
  r.kind = kind;
  r.nullable = nullable;
  return r;
}

Rule ranged(Kind kind, std::optional<double> min, std::optional<double> max = std::nullopt) {
  Rule r = rule(kind);
  r.min = min;
  r.max = max;
  return r;
}

Rule choice(std::vector<std::string> values, bool nullable = false) {
  Rule r = rule(Kind::String, nullable);
  r.oneOf = std::move(values);
  return r;
}

using RuleMap = std::map<std::string, Rule, std::less<>>;

const RuleMap& topLevelRules() {
  static const RuleMap rules = [] {
    RuleMap m;
    for (const char* key :
         {"source_catalog", "destination_catalog", "sql_warehouse_id", "catalog_location",
          "include_tables_regex", "exclude_tables_regex", "report_dir", "metrics_destination",
          "metrics_table", "rbac_policy_path", "approval_channel", "plugin_dir", "api_host",
          "dry_run_output_format", "incremental_sync_mode", "slack_webhook_url",
          "teams_webhook_url", "log_file"}) {
      m[key] = rule(Kind::String, true);
    }
    m["clone_type"] = choice({"DEEP", "SHALLOW"});
    m["load_type"] = choice({"FULL", "INCREMENTAL"});
    m["order_by_size"] = choice({"", "asc", "desc"}, true);
    for (const char* key :
         {"dry_run", "show_progress", "validate_after_clone", "validate_checksum",
          "generate_report", "enable_rollback", "auto_rollback_on_failure", "checkpoint_enabled",
          "metrics_enabled", "ttl_enabled", "rbac_enabled", "approval_required",
          "impact_check_before_clone", "auto_lint", "compliance_report_enabled",
          "auto_load_plugins", "drift_check_before_clone", "save_run_logs"}) {
      m[key] = rule(Kind::Boolean);
    }
    for (const char* key :
         {"max_workers", "parallel_tables", "max_parallel_queries", "checkpoint_interval_tables"}) {
      m[key] = ranged(Kind::Integer, 1);
    }
    for (const char* key :
         {"max_retries", "ttl_default_days", "ttl_warn_days", "usage_analysis_days",
          "usage_unused_threshold_days", "approval_timeout_hours", "impact_high_threshold",
          "compliance_retention_days", "schedule_max_runs", "max_concurrent_deep_clones",
          "max_tables_per_minute", "preview_limit", "checkpoint_interval_minutes"}) {
      m[key] = ranged(Kind::Integer, 0);
    }
    m["api_port"] = ranged(Kind::Integer, 1, 65535);
    m["max_rps"] = ranged(Kind::Number, 0);
    m["rollback_threshold"] = ranged(Kind::Number, 0, 100);
    m["price_per_gb"] = ranged(Kind::Number, 0);
    m["currency"] = rule(Kind::Currency);
    for (const char* key :
         {"include_schemas", "exclude_schemas", "exclude_tables", "rbac_admins"}) {
      m[key] = rule(Kind::StringList);
    }
    for (const char* key : {"pre_clone_hooks", "post_clone_hooks", "post_schema_hooks"}) {
      m[key] = rule(Kind::List, true);
    }
    for (const char* key :
         {"filter_by_tags", "audit", "system_insights", "ml_assets", "advanced_tables",
          "lakehouse_monitor", "federation", "delta_sharing", "anomaly_detection", "rtbf", "dsar",
          "pipelines", "observability", "azure"}) {
      m[key] = rule(Kind::Mapping, true);
    }
    return m;
  }();
  return rules;
}

const RuleMap& auditTrailRules() {
  static const RuleMap rules = [] {
    RuleMap m;
    for (const char* key : {"catalog", "schema", "table"}) {
      Rule r = rule(Kind::String);
      r.min = 1;  // minimum length
      m[key] = r;
    }
    return m;
  }();
  return rules;
}

const RuleMap& localWorkspaceRules() {
  static const RuleMap rules = [] {
    RuleMap m;
    m["root"] = rule(Kind::String);
    m["current_user"] = rule(Kind::String);
    m["groups"] = rule(Kind::StringList);
    m["enforce_grants"] = rule(Kind::Boolean);
    return m;
  }();
  return rules;
}

const RuleMap& serverRules() {
  static const RuleMap rules = [] {
    RuleMap m;
    Rule host = rule(Kind::String);
    host.min = 1;
    m["host"] = host;
    m["port"] = ranged(Kind::Integer, 1, 65535);
    m["threads"] = ranged(Kind::Integer, 1, 1024);
    m["max_threads"] = ranged(Kind::Integer, 1, 4096);
    m["max_body_bytes"] = ranged(Kind::Integer, 1);
    m["max_connections"] = ranged(Kind::Integer, 1, 1000000);
    m["header_timeout_seconds"] = ranged(Kind::Number, 0.1, 3600);
    m["keep_alive_timeout_seconds"] = ranged(Kind::Number, 0.1, 3600);
    m["body_timeout_seconds"] = ranged(Kind::Number, 0.1, 86400);
    m["websocket_max_message_bytes"] = ranged(Kind::Integer, 125);
    m["websocket_max_queued_bytes"] = ranged(Kind::Integer, 1024);
    m["max_concurrent_jobs"] = ranged(Kind::Integer, 1, 256);
    m["cache_ttl_seconds"] = ranged(Kind::Integer, 0);
    m["session_ttl_hours"] = ranged(Kind::Integer, 1);
    return m;
  }();
  return rules;
}

std::string typeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a decimal number";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "a list";
    case Json::value_t::object:
      return "a mapping";
    default:
      return "an unsupported value";
  }
}

std::string expected(Kind kind) {
  switch (kind) {
    case Kind::String:
      return "a string";
    case Kind::Boolean:
      return "true or false";
    case Kind::Integer:
      return "an integer";
    case Kind::Number:
      return "a number";
    case Kind::StringList:
      return "a list of strings";
    case Kind::List:
      return "a list";
    case Kind::Mapping:
      return "a mapping";
    case Kind::Currency:
      return "a 3-letter upper-case ISO 4217 code such as USD";
  }
  return "a value";
}

std::string number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return Json(v).dump();
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

[[noreturn]] void fail(const std::string& label, const std::string& path,
                       const std::string& problem) {
  throw badRequest("Invalid " + label + ": " + path + " " + problem + ".");
}

bool kindMatches(Kind kind, const Json& v) {
  switch (kind) {
    case Kind::String:
    case Kind::Currency:
      return v.is_string();
    case Kind::Boolean:
      return v.is_boolean();
    case Kind::Integer:
      return v.is_number_integer();
    case Kind::Number:
      return v.is_number();
    case Kind::StringList:
    case Kind::List:
      return v.is_array();
    case Kind::Mapping:
      return v.is_object();
  }
  return false;
}

void check(const Rule& r, const Json& v, const std::string& label, const std::string& path) {
  if (v.is_null()) {
    if (r.nullable) return;
    fail(label, path, "must be " + expected(r.kind) + ", not null");
  }
  if (!kindMatches(r.kind, v))
    fail(label, path, "must be " + expected(r.kind) + ", not " + typeName(v));
  if (v.is_number()) {
    const double d = v.get<double>();
    if (r.min && d < *r.min)
      fail(label, path, "must be at least " + number(*r.min) + " (got " + v.dump() + ")");
    if (r.max && d > *r.max)
      fail(label, path, "must be at most " + number(*r.max) + " (got " + v.dump() + ")");
  }
  if (r.kind == Kind::String) {
    const auto& s = v.get_ref<const std::string&>();
    if (r.min && s.size() < static_cast<std::size_t>(*r.min))
      fail(label, path, "must not be empty");
    if (!r.oneOf.empty()) {
      const std::string wanted = upper(s);
      const bool ok = std::any_of(r.oneOf.begin(), r.oneOf.end(),
                                  [&](const std::string& o) { return upper(o) == wanted; });
      if (!ok) {
        std::string list;
        for (const auto& o : r.oneOf) list += (list.empty() ? "" : ", ") + Json(o).dump();
        fail(label, path, "must be one of " + list + " (got " + v.dump() + ")");
      }
    }
  }
  if (r.kind == Kind::Currency) {
    const auto& s = v.get_ref<const std::string&>();
    const bool ok = s.size() == 3 &&
                    std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!ok) fail(label, path, "must be " + expected(r.kind) + " (got " + v.dump() + ")");
  }
  if (r.kind == Kind::StringList) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) {
        fail(label, path + "[" + std::to_string(i) + "]",
             "must be a string, not " + typeName(v[i]));
      }
    }
  }
}

void checkBlock(const Json& block, const RuleMap& rules, const std::string& label,
                const std::string& prefix) {
  if (block.is_null()) return;
  if (!block.is_object()) fail(label, prefix, "must be a mapping, not " + typeName(block));
  for (const auto& [key, value] : block.items()) {
    if (auto it = rules.find(key); it != rules.end()) {
      check(it->second, value, label, prefix + "." + key);
    }
  }
}

void checkKeys(const Json& keys, const std::string& label, const std::string& prefix,
               bool allowProfiles) {
  for (const auto& [key, value] : keys.items()) {
    const std::string path = prefix + key;
    if (key.rfind("copy_", 0) == 0) {
      check(rule(Kind::Boolean), value, label, path);
    } else if (key == "audit_trail") {
      if (value.is_null()) fail(label, path, "must be a mapping, not null");
      checkBlock(value, auditTrailRules(), label, path);
    } else if (key == "server") {
      checkBlock(value, serverRules(), label, path);
    } else if (key == "local_workspace") {
      checkBlock(value, localWorkspaceRules(), label, path);
    } else if (key == "profiles") {
      if (!allowProfiles) fail(label, path, "cannot be nested inside a profile");
      if (value.is_null()) continue;
      if (!value.is_object())
        fail(label, path,
             "must be a mapping of profile names to "
             "mappings, not " +
                 typeName(value));
      for (const auto& [name, profile] : value.items()) {
        if (profile.is_null()) continue;
        if (!profile.is_object()) {
          fail(label, path + "." + name, "must be a mapping, not " + typeName(profile));
        }
        checkKeys(profile, label, path + "." + name + ".", false);
      }
    } else if (auto it = topLevelRules().find(key); it != topLevelRules().end()) {
      check(it->second, value, label, path);
    }
  }
}

}  // namespace

void validateConfigDocument(const Json& doc, const std::string& label) {
  if (!doc.is_object()) {
    throw badRequest("Invalid " + label +
                     ": the document must be a YAML mapping of config keys, "
                     "not " +
                     typeName(doc) + ".");
  }
  checkKeys(doc, label, "", true);
}

void validateConfigKeys(const Json& keys, const std::string& label) {
  checkKeys(keys, label, "", true);
}

}  // namespace clxs::kernel
