// What the phases of a clone run (discovery, execution, checks, report) share: the inputs of
// the run, and the outcome of each object so far with the progress reported from it.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/clone/clone_run.hpp"

namespace clxs::clone {

/// The clock of a run's durations and guardrails.
using RunClock = std::chrono::steady_clock;

/// What a run was asked to do and what it works with; the same for every phase.
struct CloneRunInputs {
  const CloneOptions& options;
  StatementRunner& runner;
  CloneStore* store;  ///< null: nothing is recorded
  const RunIdentity& identity;

  /// A table's name in the source catalog.
  [[nodiscard]] std::vector<std::string> source(const TableInfo& t) const;
  /// The name of `schema`.`name` in the destination catalog.
  [[nodiscard]] std::vector<std::string> destination(const std::string& schema,
                                                     const std::string& name) const;
};

/// The outcome of one object.
struct ObjectResult {
  ObjectKind kind = ObjectKind::Table;
  std::string name;    ///< schema.object (schema for schemas)
  std::string status;  ///< success, failed, skipped
  std::string error;   ///< failure text or skip reason
  double seconds = 0;
  std::optional<std::int64_t> bytes;
  std::vector<std::string> warnings;
};

/// The outcome of every object of a run so far, and the progress reported from it.
/// Thread-safe: the schemas and tables of a run are cloned in parallel.
class CloneLedger {
 public:
  explicit CloneLedger(const ProgressFn& progress) : progress_(progress) {}

  /// Adds an object's outcome; `counts` when it is one of the planned objects done.
  void add(ObjectResult r, bool counts);
  /// Adds an object that is left out, with why (not counted as done).
  void skip(ObjectKind kind, const std::string& name, const std::string& reason);
  /// Adds warnings to an object's outcome.
  void addWarnings(ObjectKind kind, const std::string& name,
                   const std::vector<std::string>& warnings);
  /// Turns a cloned table's outcome into a failure found after the fact; false when the table
  /// has no outcome.
  bool failTable(const std::string& name, const std::string& error);

  /// Sets how many objects the run plans (schemas included).
  void setTotal(std::int64_t total);
  /// Counts a table whose clone starts.
  void tableStarted();
  /// Tables whose clone started.
  [[nodiscard]] std::int64_t tablesStarted() const;
  /// Reports progress in `phase`, working on `current`.
  void report(const std::string& phase, const std::string& current = {}) const;

  /// Every outcome, in the order added.
  [[nodiscard]] std::vector<ObjectResult> results() const;
  /// "name: error" of every failure, in the order they happened.
  [[nodiscard]] std::vector<std::string> errors() const;

 private:
  const ProgressFn& progress_;
  mutable std::mutex mu_;
  std::vector<ObjectResult> results_;
  std::vector<std::string> errors_;
  std::int64_t done_ = 0;
  std::int64_t total_ = 0;
  std::int64_t tablesStarted_ = 0;
};

}  // namespace clxs::clone
