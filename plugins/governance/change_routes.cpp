#include "plugins/governance/change_routes.hpp"

#include <string>
#include <vector>

#include "clxs/change_log.hpp"
#include "clxs/error.hpp"
#include "plugins/governance/change_feed.hpp"

namespace clxs::governance {

namespace {

std::string changeQueryText(const Json& q, const char* name) {
  return q.contains(name) && q[name].is_string() ? q[name].get<std::string>() : std::string();
}

}  // namespace

void registerChangeRoutes(Routes& routes, const GovernanceDeps& deps) {
  routes.get("/api/governance/changes")
      .summary("Change history of governance entities and mutating calls")
      .description(
          "Newest first, two sources in one list. source=governance: each change made "
          "through this plugin (glossary terms and links, certifications, contracts, ...) with "
          "entity_type, entity_id, action (also as change_type), changed_by (the caller), "
          "changed_at, and the entity before and after (also under details). source=kernel: "
          "each call of a mutating route of any plugin, from the kernel's change log, with "
          "entity_type api_call, action \"METHOD /route\", changed_by, plugin, path and the "
          "HTTP status (bodies are never logged). entity_type or entity_id other than api_call "
          "select history entries only; source narrows to one list.")
      .query("entity_type", Field::string().maxLength(64).describe(
                                "Only this entity type (glossary_term, certification, ..., or "
                                "api_call for the kernel's entries)"))
      .query("entity_id", Field::string().maxLength(1100).describe("Only this entity"))
      .query("changed_by", Field::string().maxLength(255).describe("Only changes by this user"))
      .query("since", Field::string().maxLength(40).describe(
                          "Only changes at or after this UTC time (ISO-8601)"))
      .query("source", Field::string()
                           .oneOf({"all", "governance", "kernel"})
                           .caseInsensitive()
                           .defaultsTo("all")
                           .describe("all, governance or kernel"))
      .query("plugin", Field::string().maxLength(64).describe(
                           "Kernel entries of this plugin only (\"kernel\" for the kernel's)"))
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(100).describe(
                          "At most this many entries (1-1000; larger values are clamped)"))
      .returnsListOf(
          Model("GovernanceChange")
              .field("source", Field::string().describe("governance or kernel"))
              .field("change_id", Field::integer())
              .field("entity_type", Field::string())
              .field("entity_id", Field::string())
              .field("action", Field::string())
              .field("change_type", Field::string().describe("Same as action (the original's)"))
              .field("changed_by", Field::string())
              .field("changed_at", Field::string())
              .field("before", Field::any().nullable())
              .field("after", Field::any().nullable())
              .field("details", Field::object().describe("{before, after}"))
              .field("plugin", Field::string().describe("kernel entries"))
              .field("method", Field::string().describe("kernel entries"))
              .field("route", Field::string().describe("kernel entries"))
              .field("path", Field::string().describe("kernel entries"))
              .field("status", Field::integer().describe("kernel entries: HTTP status"))
              .field("request_id", Field::string().describe("kernel entries")))
      .handle([deps](const Request& req) {
        const auto& q = req.query();
        ChangeFilter filter;
        filter.entityType = changeQueryText(q, "entity_type");
        filter.entityId = changeQueryText(q, "entity_id");
        filter.actor = changeQueryText(q, "changed_by");
        filter.limit = q.value("limit", std::int64_t{100});
        const auto since = changeQueryText(q, "since");
        if (!since.empty()) {
          const auto parsed = parseIsoUtc(since);
          if (!parsed) {
            throw unprocessable(Json::array({"query", "since"}),
                                "since must be a UTC ISO-8601 time such as "
                                "2026-01-15T10:45:00Z, not '" +
                                    since + "'",
                                "value_error");
          }
          filter.since = isoUtc(*parsed);
        }
        const auto source = changeQueryText(q, "source");
        const bool apiCalls = filter.entityType == "api_call";
        const bool wantGovernance = source != "kernel" && !apiCalls;
        const bool wantKernel = source != "governance" && deps.kernelChanges != nullptr &&
                                (filter.entityType.empty() || apiCalls) && filter.entityId.empty();
        std::vector<Json> governance;
        if (wantGovernance) {
          for (const auto& c : deps.history->list(filter))
            governance.push_back(governanceChangeEntry(c));
        }
        std::vector<Json> kernel;
        if (wantKernel) {
          ChangeQuery kq;
          kq.since = filter.since;
          kq.actor = filter.actor;
          kq.plugin = changeQueryText(q, "plugin");
          kq.limit = filter.limit;
          for (const auto& c : deps.kernelChanges->list(kq)) kernel.push_back(kernelChangeEntry(c));
        }
        Json out = Json::array();
        for (auto& e : mergeChangeFeeds(governance, kernel, filter.limit))
          out.push_back(std::move(e));
        return out;
      });
}

}  // namespace clxs::governance
