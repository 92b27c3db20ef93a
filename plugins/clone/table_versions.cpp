#include "plugins/clone/table_versions.hpp"

#include <algorithm>
#include <future>
#include <mutex>
#include <set>

#include "clxs/parallel.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/metadata_copy.hpp"

namespace clxs::clone {
namespace {

bool isDelta(const TableInfo& t) {
  return t.format.empty() || upperAscii(t.format) == "DELTA";
}

// "`a`.`b`.`c`" or "a.b.c" → "a.b.c", lower-case: how a CLONE names its source.
std::string plainName(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c != '`') out += c;
  }
  return lowerAscii(out);
}

// The source version the copy's newest commit cloned, when that commit is a CLONE of
// `source`; nullopt otherwise.
std::optional<std::int64_t> clonedVersion(const HistoryEntry& newest,
                                          const std::vector<std::string>& source) {
  if (upperAscii(newest.operation) != "CLONE") return std::nullopt;
  const auto& p = newest.operationParameters;
  if (!p.is_object()) return std::nullopt;
  const auto from = plainName(jsonText(p.value("source", Json())));
  if (from != lowerAscii(source[0] + "." + source[1] + "." + source[2])) return std::nullopt;
  return integerIn(p.value("sourceVersion", Json()));
}

}  // namespace

std::vector<std::vector<TableInfo>> listSchemas(StatementRunner& runner, const std::string& catalog,
                                                const std::vector<std::string>& schemas,
                                                int workers) {
  std::vector<std::vector<TableInfo>> out(schemas.size());
  parallelFor(schemas.size(), static_cast<std::size_t>(std::max(workers, 1)), [&](std::size_t i) {
    out[i] = runner.call("list tables of " + schemas[i], [&](const CallOptions& c) {
      return runner.workspace().catalog().tables(catalog, schemas[i], c);
    });
  });
  return out;
}

std::optional<std::int64_t> integerIn(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (!v.is_string()) return std::nullopt;
  try {
    return std::stoll(v.get<std::string>());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<std::int64_t> numberIn(const ResultSet& rs, const std::string& column) {
  const auto i = rs.columnIndex(column);
  if (!i || rs.rows.empty()) return std::nullopt;
  return integerIn(rs.rows[0][*i]);
}

std::vector<VersionedTable> versionedTables(StatementRunner& runner, const std::string& catalog,
                                            const std::vector<std::string>& schemas,
                                            int historyDepth, int workers,
                                            std::vector<LeftOut>& leftOut, bool sizes,
                                            std::map<std::string, std::vector<TableInfo>>* listed) {
  const auto listings = listSchemas(runner, catalog, schemas, workers);
  std::vector<TableInfo> tables;
  for (std::size_t i = 0; i < schemas.size(); ++i) {
    const auto& schema = schemas[i];
    for (const auto& t : listings[i]) {
      if (t.tableType == "VIEW" || t.tableType == "MATERIALIZED_VIEW") continue;
      if (!isDelta(t)) {
        leftOut.push_back(
            {schema + "." + t.name, "format " + t.format + " has no Delta versions to compare"});
        continue;
      }
      tables.push_back(t);
    }
    if (listed) (*listed)[lowerAscii(schema)] = listings[i];
  }
  std::vector<VersionedTable> out(tables.size());
  parallelFor(tables.size(), static_cast<std::size_t>(std::max(workers, 1)), [&](std::size_t i) {
    const auto& t = tables[i];
    const auto name = quoted({catalog, t.schema, t.name});
    // The listing's newest commit saves a call per table where the workspace gives it.
    auto history = historyDepth <= 1 && t.latestCommit
                       ? std::vector<HistoryEntry>{*t.latestCommit}
                       : runner.call("history of " + name, [&](const CallOptions& c) {
                           return runner.workspace().catalog().history(
                               {catalog, t.schema, t.name}, std::max(historyDepth, 1), c);
                         });
    VersionedTable v{t.schema, t.name, 0, t.sizeBytes, std::move(history)};
    if (!v.history.empty()) v.version = v.history.front().version;
    if (sizes && !v.sizeBytes)
      v.sizeBytes = numberIn(runner.read("DESCRIBE DETAIL " + name), "sizeInBytes");
    out[i] = std::move(v);
  });
  return out;
}

ChangeReport detectChanges(StatementRunner& runner, const std::string& source,
                           const std::string& destination, const std::vector<std::string>& schemas,
                           const std::map<std::string, SyncRecord>& records, int workers) {
  ChangeReport report;
  // Newest versions first (from the listings where the workspace gives them); the history
  // that counts and names the commits since a sync is read for changed tables only.
  report.listings = std::make_shared<KnownListings>();
  // The destination is listed beside the source: neither waits on the other.
  std::vector<std::string> inDestination;
  auto destinationListing = std::async(std::launch::async, [&] {
    std::set<std::string> destSchemas;
    try {
      for (const auto& s : runner.call("list destination schemas", [&](const CallOptions& c) {
             return runner.workspace().catalog().schemas(destination, c);
           })) {
        destSchemas.insert(lowerAscii(s.name));
      }
    } catch (const WorkspaceError& e) {
      // No destination catalog yet: every table is missing from it.
      if (e.errorClass() != WorkspaceErrorClass::NotFound) throw;
    }
    for (const auto& schema : schemas) {
      if (destSchemas.count(lowerAscii(schema)) != 0) inDestination.push_back(schema);
    }
    return listSchemas(runner, destination, inDestination, workers);
  });
  std::vector<VersionedTable> tables;
  try {
    tables = versionedTables(runner, source, schemas, 1, workers, report.leftOut, false,
                             &report.listings->sourceTables);
  } catch (...) {
    destinationListing.wait();  // it uses this frame's variables
    throw;
  }
  const auto destListings = destinationListing.get();
  std::map<std::string, TableInfo> destTables;  // lower-case schema.table → table (not views)
  for (std::size_t i = 0; i < inDestination.size(); ++i) {
    for (const auto& t : destListings[i]) {
      if (t.tableType != "VIEW") destTables[lowerAscii(inDestination[i] + "." + t.name)] = t;
    }
    report.listings->destinationTables[lowerAscii(inDestination[i])] = destListings[i];
  }

  std::mutex mu;
  std::vector<std::optional<TableChange>> changes(tables.size());
  parallelFor(tables.size(), static_cast<std::size_t>(std::max(workers, 1)), [&](std::size_t i) {
    const auto& t = tables[i];
    const auto key = lowerAscii(t.schema + "." + t.name);
    TableChange change{t.schema, t.name, {}, std::nullopt, t.version, 0, {}};
    std::optional<SyncRecord> base;
    if (const auto rec = records.find(key); rec != records.end()) base = rec->second;
    if (base) change.lastSyncedVersion = base->sourceVersion;
    const auto dest = destTables.find(key);
    if (dest == destTables.end()) {
      change.reason = "missing_in_destination";
      changes[i] = std::move(change);
      return;
    }
    const auto copy = quoted({destination, t.schema, t.name});
    const auto destHistory =
        dest->second.latestCommit
            ? std::vector<HistoryEntry>{*dest->second.latestCommit}
            : runner.call("history of " + copy, [&](const CallOptions& c) {
                return runner.workspace().catalog().history({destination, t.schema, t.name}, 1, c);
              });
    const std::optional<std::int64_t> destVersion =
        destHistory.empty() ? std::nullopt
                            : std::optional<std::int64_t>(destHistory.front().version);
    // Without a record, a copy whose newest commit is a CLONE of this table (a clone run
    // made it) tells which source version it holds.
    if (!base && !destHistory.empty()) {
      if (const auto v = clonedVersion(destHistory.front(), {source, t.schema, t.name})) {
        base = SyncRecord{*v, destVersion, destHistory.front().timestamp, {}};
        change.lastSyncedVersion = *v;
        if (*v == t.version) {
          std::lock_guard lock(mu);
          report.adopted[key] = *base;
        }
      }
    }
    if (!base) {
      change.reason = "never_synced";
    } else if (t.version != base->sourceVersion) {
      change.reason = "changed";
      // Deep enough to count and name the commits since most syncs.
      constexpr int kHistoryDepth = 50;
      const auto name = quoted({source, t.schema, t.name});
      const auto history = runner.call("history of " + name, [&](const CallOptions& c) {
        return runner.workspace().catalog().history({source, t.schema, t.name}, kHistoryDepth, c);
      });
      for (auto it = history.rbegin(); it != history.rend(); ++it) {
        if (it->version <= base->sourceVersion || it->version > t.version) continue;
        ++change.changesSinceSync;
        change.operations.push_back(it->operation);
      }
    } else if (base->destinationVersion && destVersion != base->destinationVersion) {
      change.reason = "destination_changed";
    }
    if (!change.reason.empty()) changes[i] = std::move(change);
  });
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (changes[i]) {
      report.changed.push_back(std::move(*changes[i]));
    } else {
      report.upToDate.push_back(tables[i].schema + "." + tables[i].name);
    }
  }
  return report;
}

Json changeReportJson(const ChangeReport& report) {
  Json names = Json::array();
  Json details = Json::array();
  for (const auto& c : report.changed) {
    names.push_back(c.schema + "." + c.table);
    details.push_back(
        {{"schema", c.schema},
         {"table_name", c.table},
         {"reason", c.reason},
         {"last_synced_version", c.lastSyncedVersion ? Json(*c.lastSyncedVersion) : Json()},
         {"current_version", c.currentVersion},
         {"changes_since_sync", c.changesSinceSync},
         {"operations", c.operations}});
  }
  Json leftOut = Json::array();
  for (const auto& l : report.leftOut) leftOut.push_back({{"table", l.name}, {"reason", l.reason}});
  return {{"tables_needing_sync", report.changed.size()},
          {"tables", names},
          {"details", details},
          {"up_to_date", report.upToDate.size()},
          {"left_out", leftOut}};
}

}  // namespace clxs::clone
