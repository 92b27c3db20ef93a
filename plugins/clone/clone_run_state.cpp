#include "plugins/clone/clone_run_state.hpp"

namespace clxs::clone {

std::vector<std::string> CloneRunInputs::source(const TableInfo& t) const {
  return {options.sourceCatalog, t.schema, t.name};
}

std::vector<std::string> CloneRunInputs::destination(const std::string& schema,
                                                     const std::string& name) const {
  return {options.destinationCatalog, schema, name};
}

void CloneLedger::add(ObjectResult r, bool counts) {
  std::lock_guard lock(mu_);
  if (counts) ++done_;
  if (r.status == "failed") errors_.push_back(r.name + ": " + r.error);
  results_.push_back(std::move(r));
}

void CloneLedger::skip(ObjectKind kind, const std::string& name, const std::string& reason) {
  ObjectResult r;
  r.kind = kind;
  r.name = name;
  r.status = "skipped";
  r.error = reason;
  add(std::move(r), false);
}

void CloneLedger::addWarnings(ObjectKind kind, const std::string& name,
                              const std::vector<std::string>& warnings) {
  std::lock_guard lock(mu_);
  for (auto& r : results_) {
    if (r.kind == kind && r.name == name) {
      r.warnings.insert(r.warnings.end(), warnings.begin(), warnings.end());
      return;
    }
  }
}

bool CloneLedger::failTable(const std::string& name, const std::string& error) {
  std::lock_guard lock(mu_);
  bool found = false;
  for (auto& r : results_) {
    if (r.kind == ObjectKind::Table && r.name == name) {
      r.status = "failed";
      r.error = error;
      errors_.push_back(name + ": " + error);
      found = true;
    }
  }
  return found;
}

void CloneLedger::setTotal(std::int64_t total) {
  std::lock_guard lock(mu_);
  total_ = total;
}

void CloneLedger::tableStarted() {
  std::lock_guard lock(mu_);
  ++tablesStarted_;
}

std::int64_t CloneLedger::tablesStarted() const {
  std::lock_guard lock(mu_);
  return tablesStarted_;
}

void CloneLedger::report(const std::string& phase, const std::string& current) const {
  std::int64_t done = 0;
  std::int64_t total = 0;
  std::int64_t tables = 0;
  {
    std::lock_guard lock(mu_);
    done = done_;
    total = total_;
    tables = tablesStarted_;
  }
  if (progress_) {
    progress_(done, total, current,
              {{"phase", phase}, {"tables_done", tables}, {"objects_total", total}});
  }
}

std::vector<ObjectResult> CloneLedger::results() const {
  std::lock_guard lock(mu_);
  return results_;
}

std::vector<std::string> CloneLedger::errors() const {
  std::lock_guard lock(mu_);
  return errors_;
}

}  // namespace clxs::clone
