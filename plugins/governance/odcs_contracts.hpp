// Creating and revising contracts: the document checked, the id and server-owned fields
// filled, the version bumped when an update keeps it, every change archived as a revision and
// recorded in the governance change history with who made it.
#pragma once

#include <memory>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "plugins/governance/change_history.hpp"
#include "plugins/governance/odcs_store.hpp"

namespace clxs::governance {

/// The contracts' write path.
class ContractService {
 public:
  ContractService(std::shared_ptr<ContractStore> store, std::shared_ptr<ChangeHistory> history,
                  const Clock& clock)
      : store_(std::move(store)), history_(std::move(history)), clock_(clock) {}

  /// Stores `doc` as a new contract: its id is doc.id when given (409 when taken), else a new
  /// UUID; apiVersion and kind are filled when absent; 422 (at `root`) when it is not valid.
  StoredContract create(Json doc, const std::string& actor, const std::string& summary,
                        const std::string& root = "body");
  /// Replaces the document of `current` with `next` (its id kept): when `next` keeps the
  /// current version the patch is bumped (past any archived one); a version given that is
  /// archived already is a 409; 422 when it is not valid.
  StoredContract revise(const StoredContract& current, Json next, const std::string& actor,
                        const std::string& summary);
  /// The contract, or 404 naming the id.
  [[nodiscard]] StoredContract require(const std::string& id) const;
  /// Deletes it (404 when unknown), recorded with its last document.
  void remove(const std::string& id, const std::string& actor);
  /// The store.
  [[nodiscard]] ContractStore& store() const { return *store_; }
  /// The change history.
  [[nodiscard]] ChangeHistory& history() const { return *history_; }
  /// Now, ISO-8601 UTC.
  [[nodiscard]] std::string now() const;

  /// {contract_id, name, version, status, domain, data_product, tenant, table_fqns,
  /// created_by, created_at, updated_by, updated_at} and odcs_document when asked.
  static Json toJson(const StoredContract& c, bool withDocument);

 private:
  std::shared_ptr<ContractStore> store_;
  std::shared_ptr<ChangeHistory> history_;
  const Clock& clock_;
};

}  // namespace clxs::governance
