// The contracts' SQLite tables: each contract's current document, every revision of it
// (immutable: a version is written once and never changed), and each validation's result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::governance {

/// A stored contract.
struct StoredContract {
  std::string id;
  Json document;  ///< the ODCS document
  std::string createdBy;
  std::string createdAt;
  std::string updatedBy;
  std::string updatedAt;
};

/// Which contracts to list.
struct ContractFilter {
  std::string domain;    ///< only this domain (empty: all)
  std::string status;    ///< only this status
  std::string tableFqn;  ///< only contracts describing this table (names without ASCII case)
};

/// The store.
class ContractStore {
 public:
  explicit ContractStore(Store& store) : store_(store) {}
  /// Migrations 30 and 31 of the governance plugin.
  static std::vector<Migration> migrations();

  /// Inserts a contract and its first revision; false when the id exists.
  bool insert(const StoredContract& c, const std::string& summary);
  /// Replaces the current document and archives it as a new revision; false when that
  /// version exists already (a revision is written once).
  bool revise(const StoredContract& c, const std::string& summary);
  /// The contract, or nothing.
  [[nodiscard]] std::optional<StoredContract> find(const std::string& id) const;
  /// Contracts matching `filter`, newest update first.
  [[nodiscard]] std::vector<StoredContract> list(const ContractFilter& filter) const;
  /// Deletes the contract, its revisions and validations; false when unknown.
  bool remove(const std::string& id);
  /// Whether the contract has revision `version`.
  [[nodiscard]] bool hasVersion(const std::string& id, const std::string& version) const;
  /// Revisions newest first: [{contract_id, version, revision, change_summary, created_by,
  /// created_at}] (documents left out).
  [[nodiscard]] std::vector<Json> versions(const std::string& id) const;
  /// One revision with its document, or nothing.
  [[nodiscard]] std::optional<Json> version(const std::string& id,
                                            const std::string& version) const;
  /// Stores a validation result (its validation_id, contract_id, contract_version,
  /// sections_checked, violations, compliant, sections, validated_by, validated_at).
  void saveValidation(const Json& result);
  /// The newest validation of a contract, or nothing.
  [[nodiscard]] std::optional<Json> latestValidation(const std::string& id) const;

 private:
  Store& store_;
};

}  // namespace clxs::governance
