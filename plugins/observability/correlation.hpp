// Correlation of failures: incidents that start within a time window of each other on the
// same table, or on tables linked by lineage within a few hops, form one group; the group's
// root cause is its earliest member on a table with no failing upstream table in the group,
// so a late upstream alarm still explains the downstream ones that fired first.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace clxs::observability {

/// One failure to correlate (an incident's start).
struct CorrelationEvent {
  std::string id;                            ///< the incident id
  std::string kind;                          ///< its source: anomaly, dqx, freshness, volume, …
  std::string tableFqn;                      ///< catalog.schema.table, lower case
  std::chrono::system_clock::time_point at;  ///< when it started
  std::string severity;                      ///< critical, high, medium or low
  std::string title;                         ///< what failed
};

/// Lineage among the events' tables: upstream → downstream → hops (1 and more).
using LineageLinks = std::map<std::string, std::map<std::string, int>>;

/// A lineage link inside a group.
struct GroupEdge {
  std::string upstream;    ///< table
  std::string downstream;  ///< table
  int hops = 1;            ///< lineage hops between them
};

/// A group of correlated events.
struct CorrelationGroup {
  std::vector<CorrelationEvent> members;  ///< by time
  std::vector<GroupEdge> edges;           ///< lineage links between member tables
  std::string rootTable;                  ///< the root cause's table
  std::string rootEventId;                ///< its event
  /// Failing tables downstream of the root, plus up to 1 for how early it started (its lead
  /// over the group's last event, as a share of the window).
  double score = 0;
  std::string reason;  ///< why this root, in words
};

/// The groups of two or more events among `events`, oldest first.
std::vector<CorrelationGroup> correlate(std::vector<CorrelationEvent> events,
                                        const LineageLinks& links, std::chrono::minutes window);

}  // namespace clxs::observability
