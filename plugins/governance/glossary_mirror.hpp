// The glossary copied into the original's Delta tables (business_glossary, glossary_links in
// <catalog>.governance) once POST /api/governance/init has created them on a workspace, so
// dashboards built on the original keep seeing terms and links. SQLite stays the system of
// record: a copy that fails is logged and never fails the change, and the next change of the
// term (or init again) writes it whole.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "clxs/store.hpp"
#include "clxs/workspace.hpp"
#include "plugins/governance/glossary_store.hpp"

namespace clxs::governance {

/// Where the glossary is copied, per workspace.
class GlossaryMirror {
 public:
  /// Uses the plugin's migrated store.
  explicit GlossaryMirror(Store& store) : store_(store) {}
  /// The targets table's schema (version 11).
  static std::vector<Migration> migrations();

  /// Remembers that `catalog`.governance holds the tables on the workspace at `host`.
  void remember(const std::string& host, const std::string& catalog, const std::string& now);
  /// The catalogs initialised on the workspace at `host`.
  [[nodiscard]] std::vector<std::string> catalogsFor(const std::string& host) const;

  /// Writes the term's row and its links' rows (or removes them when the term is gone) in
  /// every catalog initialised on `ws`; answers one warning per catalog that failed.
  std::vector<std::string> syncTerm(Workspace& ws, const GlossaryStore& glossary,
                                    const std::string& termId, const CallOptions& options) const;
  /// Copies every term and link into `catalog` (after init) and answers the terms copied;
  /// throws when the workspace refuses.
  std::size_t copyAll(Workspace& ws, const GlossaryStore& glossary, const std::string& catalog,
                      const CallOptions& options) const;

 private:
  Store& store_;
};

/// The MERGE writing one business_glossary row (values as named parameters).
std::string termMergeSql(const std::string& catalog);
/// The parameters of termMergeSql() for `term`.
std::vector<SqlParam> termMergeParams(const GlossaryTerm& term);

}  // namespace clxs::governance
