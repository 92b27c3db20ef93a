// The business glossary in the plugin's SQLite store (the system of record): terms with
// synonyms, a parent and related terms, and the columns each term is linked to. Names are
// unique per domain in any letter case; links are unique per term and column, so linking
// twice keeps one link.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/governance/column_fqn.hpp"

namespace clxs::governance {

/// One glossary term.
struct GlossaryTerm {
  std::string termId;                   ///< UUID
  std::string name;                     ///< unique per domain (case ignored)
  std::string abbreviation;             ///< short form (may be empty)
  std::string definition;               ///< what it means (the spec's `description`)
  std::string domain = "General";       ///< business domain
  std::string owner;                    ///< accountable person or team
  std::vector<std::string> tags;        ///< free labels
  std::vector<std::string> synonyms;    ///< other names (the spec's `aliases`)
  std::string parentId;                 ///< broader term (empty: none)
  std::vector<std::string> relatedIds;  ///< related terms (symmetric)
  std::string status = "draft";         ///< draft, in_review, approved, deprecated
  std::string createdBy;                ///< who created it
  std::string createdAt;                ///< when (ISO-8601 UTC)
  std::string updatedBy;                ///< who changed it last
  std::string updatedAt;                ///< when
  std::string approvedBy;               ///< who approved it (empty until approved)
  std::string approvedAt;               ///< when
};

/// A term's link to a column.
struct GlossaryLink {
  std::string linkId;     ///< UUID
  std::string termId;     ///< the term
  ColumnFqn column;       ///< the column, as the workspace spells it
  std::string tagKey;     ///< the Unity Catalog column tag set with the link (empty: none)
  std::string createdBy;  ///< who linked it
  std::string createdAt;  ///< when
};

/// Which terms to list (empty fields: no filter).
struct TermFilter {
  std::string domain;    ///< this domain (case ignored)
  std::string status;    ///< this status
  std::string owner;     ///< this owner (exact)
  std::string parentId;  ///< children of this term
};

/// The glossary tables.
class GlossaryStore {
 public:
  /// Uses the plugin's migrated store.
  explicit GlossaryStore(Store& store) : store_(store) {}
  /// The tables' schema (versions 10 and up).
  static std::vector<Migration> migrations();

  /// Adds a term (its relations too); false when the domain already has a term of that name.
  bool insert(const GlossaryTerm& term);
  /// Replaces a term's fields and relations; false when the new name is taken in its domain.
  bool update(const GlossaryTerm& term);
  /// The term with this id.
  [[nodiscard]] std::optional<GlossaryTerm> find(const std::string& termId) const;
  /// The term of `domain` called `name` (case ignored).
  [[nodiscard]] std::optional<GlossaryTerm> findByName(const std::string& domain,
                                                       const std::string& name) const;
  /// Terms matching `filter`, ordered by name then domain.
  [[nodiscard]] std::vector<GlossaryTerm> list(const TermFilter& filter = {}) const;
  /// Ids of the terms whose parent is `termId`.
  [[nodiscard]] std::vector<std::string> childrenOf(const std::string& termId) const;
  /// Deletes a term, its relations and its links; answers the links it had.
  std::vector<GlossaryLink> remove(const std::string& termId);

  /// The term's links, ordered by column.
  [[nodiscard]] std::vector<GlossaryLink> links(const std::string& termId) const;
  /// Adds a link; false when the term is linked to that column already (nothing changes).
  bool addLink(const GlossaryLink& link);
  /// Records that the link of `termId` to `column` also set the column tag `tagKey`.
  void setLinkTag(const std::string& termId, const ColumnFqn& column, const std::string& tagKey);
  /// Number of links per term id.
  [[nodiscard]] std::map<std::string, std::int64_t> linkCounts() const;

 private:
  void writeRelations(const std::string& termId, const std::vector<std::string>& relatedIds);
  [[nodiscard]] std::vector<GlossaryTerm> select(const std::string& where,
                                                 const std::vector<Json>& params) const;

  Store& store_;
};

}  // namespace clxs::governance
