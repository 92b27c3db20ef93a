#include "plugins/governance/metadata_search.hpp"

#include <algorithm>
#include <mutex>

#include "clxs/error.hpp"
#include "clxs/parallel.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/governance/column_fqn.hpp"

namespace clxs::governance {

namespace {

constexpr std::size_t kSearchWorkers = 4;

std::string searchCell(const std::vector<Json>& row, std::optional<std::size_t> i) {
  if (!i || *i >= row.size() || !row[*i].is_string()) return {};
  return row[*i].get<std::string>();
}

int searchKindOrder(const std::string& kind) {
  if (kind == "table") return 0;
  if (kind == "column") return 1;
  return 2;
}

std::string searchHitKey(const SearchHit& h) {
  if (h.kind == "term") return "term\x1f" + h.term.value("term_id", std::string());
  return h.kind + '\x1f' + lowerAscii(h.catalog) + '\x1f' + lowerAscii(h.schema) + '\x1f' +
         lowerAscii(h.table) + '\x1f' + lowerAscii(h.column);
}

std::string searchHitName(const SearchHit& h) {
  if (h.kind == "term") return lowerAscii(h.term.value("name", std::string()));
  return lowerAscii(h.catalog + '.' + h.schema + '.' + h.table + '.' + h.column);
}

bool searchSkipsCatalog(const std::string& name) {
  const auto n = lowerAscii(name);
  return n == "system" || n == "hive_metastore" || n.rfind("__", 0) == 0;
}

bool searchContains(const std::string& text, const std::string& loweredQuery) {
  return lowerAscii(text).find(loweredQuery) != std::string::npos;
}

// The CASE ranking `expr` as a name for :q, in the engine (so its case folding is the one
// the filter used).
std::string searchRankSql(const std::string& expr) {
  return "CASE WHEN lower(" + expr + ") = lower(:q) THEN " + std::to_string(kExactNameScore) +
         " WHEN instr(lower(" + expr + "), lower(:q)) = 1 THEN " +
         std::to_string(kPrefixNameScore) + " WHEN instr(lower(" + expr +
         "), lower(:q)) > 0 THEN " + std::to_string(kSubstringNameScore) + " ELSE " +
         std::to_string(kCommentScore) + " END";
}

std::string searchHas(const std::string& expr) {
  return "instr(lower(coalesce(" + expr + ", '')), lower(:q)) > 0";
}

}  // namespace

SearchType parseSearchType(const std::string& name) {
  const auto n = lowerAscii(name);
  if (n == "tables" || n == "table") return SearchType::Tables;
  if (n == "columns" || n == "column") return SearchType::Columns;
  if (n == "terms" || n == "term" || n == "glossary") return SearchType::Terms;
  if (n == "tags" || n == "tag") return SearchType::Tags;
  return SearchType::All;
}

std::vector<std::string> searchTypeNames() {
  return {"all", "tables", "columns", "terms", "glossary", "tags"};
}

int nameScore(const std::string& text, const std::string& loweredQuery) {
  if (loweredQuery.empty()) return 0;
  const auto t = lowerAscii(text);
  if (t == loweredQuery) return kExactNameScore;
  const auto at = t.find(loweredQuery);
  if (at == 0) return kPrefixNameScore;
  if (at != std::string::npos) return kSubstringNameScore;
  return 0;
}

std::string catalogSearchSql(const std::string& catalog, SearchType type, std::size_t cap) {
  const bool tables = type == SearchType::All || type == SearchType::Tables;
  const bool columns = type == SearchType::All || type == SearchType::Columns;
  const bool tableTags = tables || type == SearchType::Tags;
  const bool columnTags = columns || type == SearchType::Tags;
  const auto view = [&](const char* name) {
    return quoteQualified({catalog, "information_schema", name});
  };
  const std::string none = "CAST(NULL AS STRING)";
  std::vector<std::string> parts;
  if (tables) {
    parts.push_back("SELECT 'table' AS kind, table_schema AS schema_name, table_name, " + none +
                    " AS column_name, table_type AS object_type, comment, " + none +
                    " AS tag_name, " + none + " AS tag_value, " + searchRankSql("table_name") +
                    " AS score FROM " + view("tables") +
                    " WHERE table_schema <> 'information_schema' AND (" + searchHas("table_name") +
                    " OR " + searchHas("comment") + ")");
  }
  if (columns) {
    parts.push_back(
        "SELECT 'column' AS kind, table_schema AS schema_name, table_name, "
        "column_name, data_type AS object_type, comment, " +
        none + " AS tag_name, " + none + " AS tag_value, " + searchRankSql("column_name") +
        " AS score FROM " + view("columns") + " WHERE table_schema <> 'information_schema' AND (" +
        searchHas("column_name") + " OR " + searchHas("comment") + ")");
  }
  if (tableTags) {
    parts.push_back("SELECT 'table' AS kind, schema_name, table_name, " + none +
                    " AS column_name, " + none + " AS object_type, " + none +
                    " AS comment, tag_name, tag_value, " + std::to_string(kCommentScore) +
                    " AS score FROM " + view("table_tags") + " WHERE " + searchHas("tag_name") +
                    " OR " + searchHas("tag_value"));
  }
  if (columnTags) {
    parts.push_back("SELECT 'column' AS kind, schema_name, table_name, column_name, " + none +
                    " AS object_type, " + none + " AS comment, tag_name, tag_value, " +
                    std::to_string(kCommentScore) + " AS score FROM " + view("column_tags") +
                    " WHERE " + searchHas("tag_name") + " OR " + searchHas("tag_value"));
  }
  if (parts.empty()) return {};
  std::string sql;
  for (const auto& p : parts) sql += (sql.empty() ? "" : " UNION ALL ") + p;
  return "SELECT * FROM (" + sql + ") AS hits ORDER BY score DESC, schema_name, table_name, " +
         "column_name LIMIT " + std::to_string(cap);
}

std::vector<SearchHit> hitsFromRows(const std::string& catalog, const ResultSet& rows) {
  const auto kind = rows.columnIndex("kind");
  const auto schema = rows.columnIndex("schema_name");
  const auto table = rows.columnIndex("table_name");
  const auto column = rows.columnIndex("column_name");
  const auto type = rows.columnIndex("object_type");
  const auto comment = rows.columnIndex("comment");
  const auto tagName = rows.columnIndex("tag_name");
  const auto tagValue = rows.columnIndex("tag_value");
  const auto score = rows.columnIndex("score");
  std::vector<SearchHit> out;
  for (const auto& row : rows.rows) {
    SearchHit h;
    h.kind = searchCell(row, kind);
    h.catalog = catalog;
    h.schema = searchCell(row, schema);
    h.table = searchCell(row, table);
    h.column = searchCell(row, column);
    h.objectType = searchCell(row, type);
    h.comment = searchCell(row, comment);
    if (score && *score < row.size() && row[*score].is_number()) {
      h.score = row[*score].get<int>();
    } else if (score && *score < row.size() && row[*score].is_string()) {
      h.score = std::stoi(row[*score].get<std::string>());
    }
    const auto key = searchCell(row, tagName);
    if (!key.empty()) {
      h.tags.emplace_back(key, searchCell(row, tagValue));
      h.matchedOn.insert("tag");
    } else {
      h.matchedOn.insert(h.score > kCommentScore ? "name" : "comment");
    }
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<SearchHit> termHits(const std::vector<GlossaryTerm>& terms, const std::string& query) {
  const auto q = lowerAscii(query);
  std::vector<SearchHit> out;
  for (const auto& t : terms) {
    SearchHit h;
    h.kind = "term";
    h.score = nameScore(t.name, q);
    if (h.score > 0) h.matchedOn.insert("name");
    for (const auto& alias : t.synonyms) {
      auto s = nameScore(alias, q);
      if (s == 0) continue;
      h.matchedOn.insert("synonym");
      // A synonym spelled exactly ranks just below the term's own name.
      if (s == kExactNameScore) s = kSynonymExactScore;
      h.score = std::max(h.score, s);
    }
    if (const auto s = nameScore(t.abbreviation, q); s > 0) {
      h.matchedOn.insert("abbreviation");
      h.score = std::max(h.score, s == kExactNameScore ? kSynonymExactScore : s);
    }
    if (searchContains(t.definition, q)) {
      h.matchedOn.insert("definition");
      h.score = std::max(h.score, kCommentScore);
    }
    if (h.matchedOn.empty()) continue;
    h.term = Json{
        {"term_id", t.termId},        {"name", t.name},        {"abbreviation", t.abbreviation},
        {"definition", t.definition}, {"domain", t.domain},    {"status", t.status},
        {"owner", t.owner},           {"synonyms", t.synonyms}};
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<SearchHit> mergeHits(std::vector<SearchHit> hits) {
  std::vector<SearchHit> out;
  std::map<std::string, std::size_t> at;
  for (auto& h : hits) {
    const auto key = searchHitKey(h);
    const auto it = at.find(key);
    if (it == at.end()) {
      at.emplace(key, out.size());
      out.push_back(std::move(h));
      continue;
    }
    auto& kept = out[it->second];
    kept.score = std::max(kept.score, h.score);
    kept.matchedOn.insert(h.matchedOn.begin(), h.matchedOn.end());
    for (auto& tag : h.tags) {
      if (std::find(kept.tags.begin(), kept.tags.end(), tag) == kept.tags.end())
        kept.tags.push_back(std::move(tag));
    }
    if (kept.objectType.empty()) kept.objectType = h.objectType;
    if (kept.comment.empty()) kept.comment = h.comment;
  }
  std::stable_sort(out.begin(), out.end(), [](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.kind != b.kind) return searchKindOrder(a.kind) < searchKindOrder(b.kind);
    return searchHitName(a) < searchHitName(b);
  });
  return out;
}

Json hitJson(const SearchHit& h) {
  Json matched = Json::array();
  for (const auto& m : h.matchedOn) matched.push_back(m);
  if (h.kind == "term") {
    Json out = h.term;
    out["kind"] = "term";
    out["score"] = h.score;
    out["matched_on"] = matched;
    return out;
  }
  Json tags = Json::array();
  for (const auto& [k, v] : h.tags) tags.push_back(Json{{"tag_name", k}, {"tag_value", v}});
  Json out{{"kind", h.kind},
           {"catalog", h.catalog},
           {"schema", h.schema},
           {"table", h.table},
           {"type", textOrNull(h.objectType)},
           {"comment", textOrNull(h.comment)},
           {"score", h.score},
           {"matched_on", matched},
           {"tags", tags}};
  if (h.kind == "column") {
    out["column"] = h.column;
    out["fqn"] = ColumnFqn{h.catalog, h.schema, h.table, h.column}.display();
  } else {
    out["fqn"] = displayPart(h.catalog) + "." + displayPart(h.schema) + "." + displayPart(h.table);
  }
  return out;
}

CatalogSearch searchCatalogs(Workspace& ws, const std::vector<std::string>& catalogs,
                             const std::string& query, SearchType type,
                             const CallOptions& options) {
  CatalogSearch out;
  if (type == SearchType::Terms) return out;
  const bool named = !catalogs.empty();
  std::vector<std::string> targets = catalogs;
  if (!named) {
    for (const auto& c : ws.catalog().catalogs(options)) {
      if (!searchSkipsCatalog(c.name)) targets.push_back(c.name);
    }
    std::sort(targets.begin(), targets.end());
  }
  std::mutex lock;
  std::vector<std::string> missing;
  parallelFor(
      targets.size(), kSearchWorkers,
      [&](std::size_t i) {
        const auto& catalog = targets[i];
        try {
          const auto rows = ws.sql().execute(catalogSearchSql(catalog, type, kSearchRowCap + 1),
                                             {{"q", query}}, options);
          auto hits = hitsFromRows(catalog, rows);
          const std::lock_guard<std::mutex> guard(lock);
          if (hits.size() > kSearchRowCap) {
            hits.resize(kSearchRowCap);
            out.truncated = true;
          }
          out.searched.push_back(catalog);
          for (auto& h : hits) out.hits.push_back(std::move(h));
        } catch (const WorkspaceError& e) {
          if (e.errorClass() == WorkspaceErrorClass::Cancelled ||
              e.errorClass() == WorkspaceErrorClass::Timeout)
            throw;
          const std::lock_guard<std::mutex> guard(lock);
          if (named && e.errorClass() == WorkspaceErrorClass::NotFound) {
            missing.push_back(catalog);
            return;
          }
          out.skipped.push_back(Json{{"catalog", catalog}, {"error", e.what()}});
        }
      },
      options.cancel);
  if (!missing.empty()) {
    std::sort(missing.begin(), missing.end());
    throw notFound("Catalog '" + missing.front() + "' does not exist or is not visible to you");
  }
  std::sort(out.searched.begin(), out.searched.end());
  return out;
}

}  // namespace clxs::governance
