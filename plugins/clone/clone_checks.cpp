#include "plugins/clone/clone_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <vector>

#include "clxs/jobs.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/metadata_copy.hpp"

namespace clxs::clone {
namespace {

class TableChecks {
 public:
  TableChecks(const CloneRunInputs& in, services::TableComparer* comparer,
              const ExecutionOutcome& execution, CloneLedger& ledger)
      : in_(in), o_(in.options), comparer_(comparer), execution_(execution), ledger_(ledger) {}

  CheckOutcome run() {
    if (in_.runner.dryRun() || (!o_.validateAfterClone && !o_.compareDqAfterClone)) return {};
    if (o_.compareDqAfterClone) {
      for (const auto& t : execution_.clonedTables) compareDq(t);
    }
    if (o_.validateAfterClone) validate();
    return std::move(out_);
  }

 private:
  void compareDq(const TableInfo& t) {
    const auto name = t.schema + "." + t.name;
    double pct = 0;
    try {
      pct = drift(t);
    } catch (const JobCancelled&) {
      throw;
    } catch (const std::exception& e) {
      failTable(name, std::string("DQ comparison failed: ") + e.what());
      return;
    }
    out_.drift[name] = pct;
    if (pct <= o_.dqDriftRollbackPct) return;
    const auto undo = undoClone(name);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f%% > %.2f%%", pct, o_.dqDriftRollbackPct);
    failTable(name, std::string("DQ drift ") + buf + "; the destination was " + undo);
  }

  // Puts the destination back as it was before this run, the table being too far from its
  // source; says what became of it.
  std::string undoClone(const std::string& name) {
    const auto& before = execution_.tablesBefore.at(lowerAscii(name));
    try {
      if (before.existed && before.preVersion) {
        in_.runner.write("RESTORE TABLE " + quoted(before.name) + " TO VERSION AS OF " +
                             std::to_string(*before.preVersion),
                         "RESTORE");
        return "restored to version " + std::to_string(*before.preVersion);
      }
      in_.runner.write("DROP TABLE IF EXISTS " + quoted(before.name), "DROP");
      return "dropped";
    } catch (const JobCancelled&) {
      throw;
    } catch (const std::exception& e) {
      return std::string("could not be undone: ") + e.what();
    }
  }

  // Row count and NULL count per column, in one statement per side.
  std::vector<std::int64_t> profile(const std::vector<std::string>& table,
                                    const std::vector<ColumnInfo>& columns) {
    std::string sql = "SELECT count(*) AS n";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += ", count(" + quoteIdentifier(columns[i].name) + ") AS c" + std::to_string(i);
    }
    const auto rs = in_.runner.read(sql + " FROM " + quoted(table));
    std::vector<std::int64_t> out;
    if (rs.rows.empty()) return out;
    for (const auto& v : rs.rows[0]) {
      out.push_back(v.is_number() ? v.get<std::int64_t>()
                                  : std::stoll(v.is_string() ? v.get<std::string>() : "0"));
    }
    // Non-NULL counts become NULL counts.
    for (std::size_t i = 1; i < out.size(); ++i) out[i] = out[0] - out[i];
    return out;
  }

  // The largest difference between source and copy, in percent of the source's rows.
  double drift(const TableInfo& t) {
    const auto a = profile(in_.source(t), t.columns);
    const auto b = profile(in_.destination(t.schema, t.name), t.columns);
    if (a.empty() || b.size() != a.size()) return 100.0;
    const double rows = static_cast<double>(std::max<std::int64_t>(a[0], 1));
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      worst = std::max(worst, std::abs(static_cast<double>(a[i] - b[i])) * 100.0 / rows);
    }
    return worst;
  }

  void failTable(const std::string& name, const std::string& error) {
    if (ledger_.failTable(name, error) && !in_.runner.dryRun() && in_.store) {
      in_.store->markObject(in_.identity.jobId, ObjectKind::Table, name, "failed", error);
    }
  }

  bool undone(const TableInfo& t) const {
    const auto it = out_.drift.find(t.schema + "." + t.name);
    return it != out_.drift.end() && it->second > o_.dqDriftRollbackPct;
  }

  void validate() {
    std::map<std::string, std::map<std::string, TableInfo>> dest;
    std::vector<services::TableComparison> comparisons;
    for (const auto& t : execution_.clonedTables) {
      if (undone(t)) continue;
      auto& schemaTables = dest[lowerAscii(t.schema)];
      if (schemaTables.empty()) {
        for (auto& d : in_.runner.call("list destination tables", [&](const CallOptions& c) {
               return in_.runner.workspace().catalog().tables(o_.destinationCatalog, t.schema, c);
             })) {
          schemaTables[lowerAscii(d.name)] = d;
        }
      }
      services::TablePair pair;
      pair.source = t;
      pair.source.catalog = o_.sourceCatalog;
      if (auto it = schemaTables.find(lowerAscii(t.name)); it != schemaTables.end()) {
        pair.destination = it->second;
      }
      pair.destinationCatalog = o_.destinationCatalog;
      comparisons.push_back(
          in_.runner.call("validate " + t.schema + "." + t.name, [&](const CallOptions& c) {
            return comparer_->compare(in_.runner.workspace(), in_.runner.workspace(), pair,
                                      {o_.validateChecksum}, c);
          }));
    }
    out_.validation = comparer_->summarize(comparisons);
    out_.validationEvaluation =
        comparer_->evaluateThreshold(out_.validation, o_.dqDriftRollbackPct);
  }

  const CloneRunInputs& in_;
  const CloneOptions& o_;
  services::TableComparer* comparer_;  // set when validate_after_clone is
  const ExecutionOutcome& execution_;
  CloneLedger& ledger_;
  CheckOutcome out_;
};

}  // namespace

CheckOutcome checkClone(const CloneRunInputs& in, services::TableComparer* comparer,
                        const ExecutionOutcome& execution, CloneLedger& ledger) {
  return TableChecks(in, comparer, execution, ledger).run();
}

}  // namespace clxs::clone
