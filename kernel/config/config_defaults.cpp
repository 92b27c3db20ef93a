#include "kernel/config/config_defaults.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace clxs::kernel {
namespace {

void fillMissing(Json& target, const Json& defaults) {
  for (const auto& [key, value] : defaults.items()) {
    auto it = target.find(key);
    if (it == target.end()) {
      target[key] = value;
    } else if (it->is_object() && value.is_object()) {
      fillMissing(*it, value);
    }
  }
}

}  // namespace

const Json& builtInConfigDefaults() {
  static const Json defaults = Json::parse(R"({
    "source_catalog": "",
    "destination_catalog": "",
    "clone_type": "DEEP",
    "sql_warehouse_id": "",
    "copy_permissions": true,
    "copy_ownership": true,
    "copy_tags": true,
    "copy_properties": true,
    "copy_security": true,
    "exclude_schemas": ["information_schema", "default"],
    "include_schemas": [],
    "exclude_tables": [],
    "max_workers": 4,
    "max_parallel_queries": 10,
    "load_type": "FULL",
    "dry_run": false,
    "max_retries": 3,
    "generate_report": false,
    "report_dir": "reports",
    "enable_rollback": false,
    "slack_webhook_url": null,
    "teams_webhook_url": null,
    "webhook": null,
    "email": null,
    "dest_workspace": null,
    "copy_constraints": true,
    "copy_comments": true,
    "validate_after_clone": false,
    "validate_checksum": false,
    "show_progress": true,
    "parallel_tables": 1,
    "include_tables_regex": null,
    "exclude_tables_regex": null,
    "log_file": null,
    "resume": null,
    "order_by_size": null,
    "max_rps": 0,
    "audit": null,
    "save_run_logs": true,
    "audit_trail": {"catalog": "clone_audit", "schema": "logs", "table": "clone_operations"},
    "pii_detection": null,
    "masking_rules": null,
    "lineage": null,
    "filter_by_tags": null,
    "pre_clone_hooks": [],
    "post_clone_hooks": [],
    "post_schema_hooks": [],
    "auto_rollback_on_failure": false,
    "rollback_threshold": 5.0,
    "user_templates_path": null,
    "auto_lint": false,
    "usage_analysis_days": 90,
    "usage_unused_threshold_days": 30,
    "where_clauses": null,
    "dry_run_output_format": "console",
    "dry_run_output_path": null,
    "throttle": null,
    "max_concurrent_deep_clones": 0,
    "max_tables_per_minute": 0,
    "throttle_schedule": null,
    "checkpoint_enabled": false,
    "checkpoint_interval_tables": 50,
    "checkpoint_interval_minutes": 5,
    "metrics_enabled": false,
    "metrics_destination": "delta",
    "metrics_output_path": null,
    "metrics_webhook_url": null,
    "ttl_enabled": false,
    "ttl_default_days": 0,
    "ttl_warn_days": 3,
    "preview_limit": 10,
    "preview_order_by": null,
    "rbac_enabled": false,
    "rbac_policy_path": "~/.clone-xs/rbac_policy.yaml",
    "approval_required": false,
    "approval_channel": "cli",
    "approval_timeout_hours": 24,
    "approval_webhook_url": null,
    "impact_check_before_clone": false,
    "impact_high_threshold": 10,
    "compliance_report_enabled": false,
    "compliance_retention_days": 90,
    "plugin_dir": "~/.clone-xs/plugins",
    "plugin_registry_url": null,
    "auto_load_plugins": true,
    "schedule_interval": null,
    "schedule_cron": null,
    "drift_check_before_clone": true,
    "schedule_max_runs": 0,
    "api_port": 8080,
    "api_host": "0.0.0.0",
    "api_key": null,
    "price_per_gb": 0.023,
    "currency": "USD",
    "server": {
      "host": "127.0.0.1",
      "port": 8080,
      "threads": 32,
      "max_threads": 256,
      "max_body_bytes": 10485760,
      "max_connections": 10000,
      "header_timeout_seconds": 10,
      "keep_alive_timeout_seconds": 15,
      "body_timeout_seconds": 60,
      "websocket_max_message_bytes": 1048576,
      "websocket_max_queued_bytes": 1048576,
      "max_concurrent_jobs": 4,
      "cache_ttl_seconds": 300,
      "session_ttl_hours": 8
    },
    "local_workspace": {
      "root": "",
      "current_user": "",
      "groups": [],
      "enforce_grants": false
    }
  })");
  return defaults;
}

void applyConfigDefaults(Json& config) {
  fillMissing(config, builtInConfigDefaults());
  auto metrics = config.find("metrics_table");
  if (metrics == config.end() || metrics->is_null()) {
    std::string catalog = "clone_audit";
    const Json& trail = config["audit_trail"];
    if (trail.is_object() && trail.contains("catalog") && trail["catalog"].is_string() &&
        !trail["catalog"].get_ref<const std::string&>().empty()) {
      catalog = trail["catalog"].get<std::string>();
    }
    config["metrics_table"] = catalog + ".metrics.clone_metrics";
  }
  if (auto type = config.find("clone_type"); type != config.end() && type->is_string()) {
    std::string upper = type->get<std::string>();
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    *type = upper;
  }
}

}  // namespace clxs::kernel
