// Quiescing the source of a clone run (quiesce_source): MODIFY granted on the source catalog,
// its schemas and tables is revoked while the run reads them and granted back however the
// run ends.
#pragma once

#include <string>
#include <vector>

#include "plugins/clone/clone_discovery.hpp"
#include "plugins/clone/statement_runner.hpp"

namespace clxs::clone {

/// What quiescing leaves for the report.
struct QuiesceOutcome {
  std::vector<std::string> warnings;      ///< who can still write during the run
  std::vector<std::string> notRegranted;  ///< GRANT statements the operator has to run
};

/// The writes revoked from a run's source; whatever is still revoked when this goes away is
/// granted back, so an error or a cancellation does not leave the source read-only.
class SourceQuiesce {
 public:
  SourceQuiesce(StatementRunner& runner, const std::string& sourceCatalog)
      : runner_(runner), sourceCatalog_(sourceCatalog) {}
  SourceQuiesce(const SourceQuiesce&) = delete;
  SourceQuiesce& operator=(const SourceQuiesce&) = delete;
  ~SourceQuiesce() { grantBack(); }

  /// Revokes MODIFY granted directly on the source catalog and on the schemas and tables of
  /// `plan`.
  void revokeWrites(const ClonePlan& plan);
  /// Grants back what was revoked; a grant that fails is logged and reported, not thrown.
  void grantBack() noexcept;

  [[nodiscard]] const QuiesceOutcome& outcome() const { return outcome_; }

 private:
  struct Revoked {
    std::string type;
    std::vector<std::string> name;
    std::string principal;
  };

  void revokeOn(const std::string& type, const std::vector<std::string>& name);

  StatementRunner& runner_;
  const std::string& sourceCatalog_;
  std::vector<Revoked> revoked_;
  QuiesceOutcome outcome_;
};

}  // namespace clxs::clone
