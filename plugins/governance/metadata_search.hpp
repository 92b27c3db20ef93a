// Metadata search over every catalog the caller can see: table and column names and comments,
// table and column tags (a column is found by its tag's value), and glossary terms (names,
// abbreviations, synonyms, definitions). The query is matched literally (no LIKE, so `%` and
// `_` are plain characters), in any letter case, and the hits are ranked: an exact name
// before a name that starts with the query, before a name that contains it, before a match in
// a comment, a tag or a definition.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/governance/glossary_store.hpp"

namespace clxs::governance {

/// What a search looks at.
enum class SearchType { All, Tables, Columns, Terms, Tags };

/// The type named `name` ("all", "tables", "columns", "terms" or "glossary", "tags"; any
/// case); All for anything else.
SearchType parseSearchType(const std::string& name);
/// The names parseSearchType() knows, for the request model.
std::vector<std::string> searchTypeNames();

/// Ranks of a match.
inline constexpr int kExactNameScore = 100;
inline constexpr int kSynonymExactScore = 90;
inline constexpr int kPrefixNameScore = 80;
inline constexpr int kSubstringNameScore = 60;
inline constexpr int kCommentScore = 30;

/// One thing found.
struct SearchHit {
  std::string kind;     ///< table, column or term
  std::string catalog;  ///< tables and columns
  std::string schema;
  std::string table;
  std::string column;                                     ///< columns
  std::string objectType;                                 ///< table type or column data type
  std::string comment;                                    ///< the object's comment, if read
  int score = 0;                                          ///< rank (higher first)
  std::set<std::string> matchedOn;                        ///< name, comment, tag, synonym, ...
  std::vector<std::pair<std::string, std::string>> tags;  ///< matching tags (key, value)
  Json term;                                              ///< terms: the term's fields
};

/// The rank of `text` as a name for the (lower-cased) query: exact, prefix, substring or 0.
int nameScore(const std::string& text, const std::string& loweredQuery);

/// The statement searching one catalog's information_schema for the query bound as `:q`,
/// limited to `cap` rows, the best ranked first. Empty when `type` reads no catalog metadata.
std::string catalogSearchSql(const std::string& catalog, SearchType type, std::size_t cap);

/// The hits in a result of catalogSearchSql().
std::vector<SearchHit> hitsFromRows(const std::string& catalog, const ResultSet& rows);

/// The glossary terms matching the query, ranked.
std::vector<SearchHit> termHits(const std::vector<GlossaryTerm>& terms, const std::string& query);

/// One hit per object (its best rank, every way it matched, all its matching tags), best
/// first; ties by kind (table, column, term) then name.
std::vector<SearchHit> mergeHits(std::vector<SearchHit> hits);

/// A hit as the response shows it.
Json hitJson(const SearchHit& hit);

/// What searching the workspace found.
struct CatalogSearch {
  std::vector<SearchHit> hits;        ///< every catalog's hits, unmerged
  std::vector<std::string> searched;  ///< catalogs read
  Json skipped = Json::array();       ///< [{catalog, error}] catalogs that could not be read
  bool truncated = false;             ///< a catalog had more hits than the cap
};

/// Most rows read per catalog.
inline constexpr std::size_t kSearchRowCap = 5000;

/// Searches `catalogs` (empty: every catalog the caller sees, system catalogs left out) with
/// bounded parallelism. A named catalog that does not exist is 404; a catalog that cannot be
/// read is listed in `skipped`.
CatalogSearch searchCatalogs(Workspace& ws, const std::vector<std::string>& catalogs,
                             const std::string& query, SearchType type, const CallOptions& options);

}  // namespace clxs::governance
