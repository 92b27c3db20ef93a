#include "plugins/lineage/lineage_graph.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "clxs/clock.hpp"
#include "clxs/error.hpp"
#include "clxs/object_name.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::lineage {
namespace {

using services::LineageDirection;
using services::LineageEdge;

// Names per statement: keeps each statement's parameter list well inside what a warehouse
// accepts while a wide frontier still costs few round trips.
constexpr std::size_t kNamesPerStatement = 200;

std::string textOf(const Json& v) {
  return v.is_string() ? v.get<std::string>() : std::string();
}

// Lineage writes event_time as the engine prints timestamps; answer ISO-8601 UTC.
std::string isoOf(const Json& v) {
  const auto text = textOf(v);
  const auto t = parseIsoUtc(text);
  return t ? isoUtc(*t) : text;
}

std::string hopStatement(LineageDirection direction, std::size_t names) {
  const char* near = direction == LineageDirection::Downstream ? "source_table_full_name"
                                                               : "target_table_full_name";
  std::string in;
  for (std::size_t i = 0; i < names; ++i) in += (i ? ", :t" : ":t") + std::to_string(i);
  return std::string(
             "SELECT lower(source_table_full_name) AS source, "
             "lower(target_table_full_name) AS target, max(source_type) AS source_type, "
             "max(target_type) AS target_type, entity_type, entity_id, "
             "max(event_time) AS last_event FROM system.access.table_lineage WHERE lower(") +
         near + ") IN (" + in +
         ") AND source_table_full_name IS NOT NULL AND target_table_full_name IS NOT NULL "
         "GROUP BY lower(source_table_full_name), lower(target_table_full_name), entity_type, "
         "entity_id";
}

// Rows come one per edge and entity; merge them into one edge with its entities.
void mergeRows(const ResultSet& r,
               std::map<std::pair<std::string, std::string>, LineageEdge>& into) {
  const auto at = [&r](const char* name) { return r.columnIndex(name).value_or(0); };
  const auto source = at("source"), target = at("target"), sourceType = at("source_type"),
             targetType = at("target_type"), entityType = at("entity_type"),
             entityId = at("entity_id"), lastEvent = at("last_event");
  for (const auto& row : r.rows) {
    auto& e = into[{textOf(row[source]), textOf(row[target])}];
    e.source = textOf(row[source]);
    e.target = textOf(row[target]);
    if (e.sourceType.empty()) e.sourceType = textOf(row[sourceType]);
    if (e.targetType.empty()) e.targetType = textOf(row[targetType]);
    e.lastEventTime = std::max(e.lastEventTime, isoOf(row[lastEvent]));
    const auto type = textOf(row[entityType]), id = textOf(row[entityId]);
    if (!id.empty() &&
        std::find(e.entities.begin(), e.entities.end(), type + ":" + id) == e.entities.end()) {
      e.entities.push_back(type + ":" + id);
    }
  }
}

}  // namespace

services::LineageWalk walkLineage(const std::string& start, LineageDirection direction,
                                  int maxDepth, const HopReader& readHop) {
  services::LineageWalk walk;
  walk.start = start;
  walk.direction = direction;
  std::set<std::string> seen{start};
  std::vector<std::string> frontier{start};
  for (int depth = 1; !frontier.empty(); ++depth) {
    auto edges = readHop(frontier, direction);
    if (depth > maxDepth) {
      walk.truncated = !edges.empty();
      break;
    }
    std::vector<std::string> next;
    for (auto& e : edges) {
      const auto& far = direction == LineageDirection::Downstream ? e.target : e.source;
      e.depth = depth;
      if (seen.insert(far).second) {
        next.push_back(far);
        walk.tables.push_back(far);
      }
      walk.edges.push_back(std::move(e));
    }
    frontier = std::move(next);
  }
  return walk;
}

std::vector<LineageEdge> readLineageHop(Workspace& ws, const std::vector<std::string>& frontier,
                                        LineageDirection direction, const CallOptions& call) {
  std::map<std::pair<std::string, std::string>, LineageEdge> edges;
  for (std::size_t from = 0; from < frontier.size(); from += kNamesPerStatement) {
    const auto n = std::min(kNamesPerStatement, frontier.size() - from);
    std::vector<SqlParam> params;
    for (std::size_t i = 0; i < n; ++i)
      params.push_back({"t" + std::to_string(i), frontier[from + i]});
    try {
      mergeRows(ws.sql().execute(hopStatement(direction, n), params, call), edges);
    } catch (const WorkspaceError& e) {
      // No lineage table (a workspace without system tables) means no known edges.
      if (e.errorClass() == WorkspaceErrorClass::NotFound) return {};
      throw;
    }
  }
  std::vector<LineageEdge> out;
  out.reserve(edges.size());
  for (auto& [key, e] : edges) out.push_back(std::move(e));
  return out;
}

services::LineageWalk WorkspaceLineageGraph::walk(Workspace& ws, const std::string& tableFqn,
                                                  LineageDirection direction, int maxDepth,
                                                  const CallOptions& call) {
  if (maxDepth < 1 || maxDepth > 10) {
    throw HttpError(400, "depth must be between 1 and 10, not " + std::to_string(maxDepth));
  }
  const auto parts = splitQualified(tableFqn);
  if (parts.size() != 3) {
    throw HttpError(400, "a table is named catalog.schema.table, not '" + tableFqn + "'");
  }
  for (const auto& p : parts) validateIdentifier(p, "table name part");
  return walkLineage(lowerAscii(joinDotted(parts)), direction, maxDepth,
                     [&](const std::vector<std::string>& frontier, LineageDirection d) {
                       return readLineageHop(ws, frontier, d, call);
                     });
}

}  // namespace clxs::lineage
