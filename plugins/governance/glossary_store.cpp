#include "plugins/governance/glossary_store.hpp"

#include <utility>

#include "clxs/text.hpp"

namespace clxs::governance {

namespace {

Json glossaryStringsJson(const std::vector<std::string>& items) {
  Json out = Json::array();
  for (const auto& i : items) out.push_back(i);
  return out;
}

std::vector<std::string> glossaryStringsOf(const Json& cell) {
  std::vector<std::string> out;
  if (!cell.is_string()) return out;
  const auto parsed = Json::parse(cell.get<std::string>(), nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& v : parsed) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::string glossaryText(const Json& cell) {
  return cell.is_string() ? cell.get<std::string>() : std::string();
}

Json glossaryNullable(const std::string& s) {
  return s.empty() ? Json() : Json(s);
}

constexpr const char* kTermColumns =
    "term_id, name, abbreviation, definition, domain, owner, tags_json, synonyms_json, "
    "parent_id, status, created_by, created_at, updated_by, updated_at, approved_by, "
    "approved_at";

}  // namespace

std::vector<Migration> GlossaryStore::migrations() {
  return {{10,
           "CREATE TABLE governance_glossary_terms (term_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
           "name_key TEXT NOT NULL, abbreviation TEXT NOT NULL DEFAULT '', definition TEXT NOT "
           "NULL DEFAULT '', domain TEXT NOT NULL, domain_key TEXT NOT NULL, owner TEXT NOT NULL "
           "DEFAULT '', tags_json TEXT NOT NULL DEFAULT '[]', synonyms_json TEXT NOT NULL "
           "DEFAULT '[]', parent_id TEXT, status TEXT NOT NULL, created_by TEXT NOT NULL, "
           "created_at TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL, "
           "approved_by TEXT, approved_at TEXT);"
           "CREATE UNIQUE INDEX governance_glossary_terms_name ON governance_glossary_terms "
           "(domain_key, name_key);"
           "CREATE INDEX governance_glossary_terms_parent ON governance_glossary_terms "
           "(parent_id);"
           "CREATE TABLE governance_glossary_related (term_id TEXT NOT NULL, related_id TEXT NOT "
           "NULL, PRIMARY KEY (term_id, related_id));"
           "CREATE TABLE governance_glossary_links (link_id TEXT PRIMARY KEY, term_id TEXT NOT "
           "NULL, column_fqn TEXT NOT NULL, column_key TEXT NOT NULL, catalog_name TEXT NOT NULL, "
           "schema_name TEXT NOT NULL, table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
           "tag_key TEXT, created_by TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (term_id, "
           "column_key));"}};
}

bool GlossaryStore::insert(const GlossaryTerm& t) {
  const auto changed = store_.execute(
      "INSERT INTO governance_glossary_terms (term_id, name, name_key, abbreviation, definition, "
      "domain, domain_key, owner, tags_json, synonyms_json, parent_id, status, created_by, "
      "created_at, updated_by, updated_at, approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (domain_key, name_key) DO NOTHING",
      {t.termId, t.name, lowerAscii(t.name), t.abbreviation, t.definition, t.domain,
       lowerAscii(t.domain), t.owner, glossaryStringsJson(t.tags).dump(),
       glossaryStringsJson(t.synonyms).dump(), glossaryNullable(t.parentId), t.status, t.createdBy,
       t.createdAt, t.updatedBy, t.updatedAt, glossaryNullable(t.approvedBy),
       glossaryNullable(t.approvedAt)});
  if (changed == 0) return false;
  writeRelations(t.termId, t.relatedIds);
  return true;
}

bool GlossaryStore::update(const GlossaryTerm& t) {
  const auto clash = findByName(t.domain, t.name);
  if (clash && clash->termId != t.termId) return false;
  store_.execute(
      "UPDATE governance_glossary_terms SET name = ?, name_key = ?, abbreviation = ?, "
      "definition = ?, domain = ?, domain_key = ?, owner = ?, tags_json = ?, synonyms_json = ?, "
      "parent_id = ?, status = ?, updated_by = ?, updated_at = ?, approved_by = ?, approved_at = "
      "? WHERE term_id = ?",
      {t.name, lowerAscii(t.name), t.abbreviation, t.definition, t.domain, lowerAscii(t.domain),
       t.owner, glossaryStringsJson(t.tags).dump(), glossaryStringsJson(t.synonyms).dump(),
       glossaryNullable(t.parentId), t.status, t.updatedBy, t.updatedAt,
       glossaryNullable(t.approvedBy), glossaryNullable(t.approvedAt), t.termId});
  writeRelations(t.termId, t.relatedIds);
  return true;
}

void GlossaryStore::writeRelations(const std::string& termId,
                                   const std::vector<std::string>& relatedIds) {
  store_.execute("DELETE FROM governance_glossary_related WHERE term_id = ? OR related_id = ?",
                 {termId, termId});
  for (const auto& other : relatedIds) {
    if (other == termId) continue;
    // Both directions, so each side lists the other.
    store_.execute(
        "INSERT OR IGNORE INTO governance_glossary_related (term_id, related_id) VALUES (?, ?), "
        "(?, ?)",
        {termId, other, other, termId});
  }
}

std::vector<GlossaryTerm> GlossaryStore::select(const std::string& where,
                                                const std::vector<Json>& params) const {
  std::vector<GlossaryTerm> out;
  for (auto& r : store_.query(std::string("SELECT ") + kTermColumns +
                                  " FROM governance_glossary_terms WHERE " + where +
                                  " ORDER BY name_key, domain_key",
                              params)) {
    GlossaryTerm t;
    t.termId = glossaryText(r["term_id"]);
    t.name = glossaryText(r["name"]);
    t.abbreviation = glossaryText(r["abbreviation"]);
    t.definition = glossaryText(r["definition"]);
    t.domain = glossaryText(r["domain"]);
    t.owner = glossaryText(r["owner"]);
    t.tags = glossaryStringsOf(r["tags_json"]);
    t.synonyms = glossaryStringsOf(r["synonyms_json"]);
    t.parentId = glossaryText(r["parent_id"]);
    t.status = glossaryText(r["status"]);
    t.createdBy = glossaryText(r["created_by"]);
    t.createdAt = glossaryText(r["created_at"]);
    t.updatedBy = glossaryText(r["updated_by"]);
    t.updatedAt = glossaryText(r["updated_at"]);
    t.approvedBy = glossaryText(r["approved_by"]);
    t.approvedAt = glossaryText(r["approved_at"]);
    out.push_back(std::move(t));
  }
  if (out.empty()) return out;
  // Relations of every selected term in one read.
  std::map<std::string, std::vector<std::string>> related;
  for (auto& r : store_.query(
           "SELECT term_id, related_id FROM governance_glossary_related ORDER BY related_id")) {
    related[glossaryText(r["term_id"])].push_back(glossaryText(r["related_id"]));
  }
  for (auto& t : out) {
    const auto it = related.find(t.termId);
    if (it != related.end()) t.relatedIds = it->second;
  }
  return out;
}

std::optional<GlossaryTerm> GlossaryStore::find(const std::string& termId) const {
  auto rows = select("term_id = ?", {termId});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<GlossaryTerm> GlossaryStore::findByName(const std::string& domain,
                                                      const std::string& name) const {
  auto rows = select("domain_key = ? AND name_key = ?", {lowerAscii(domain), lowerAscii(name)});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<GlossaryTerm> GlossaryStore::list(const TermFilter& f) const {
  std::string where = "1 = 1";
  std::vector<Json> params;
  const auto add = [&](const char* clause, const std::string& value) {
    if (value.empty()) return;
    where += clause;
    params.emplace_back(value);
  };
  add(" AND domain_key = ?", lowerAscii(f.domain));
  add(" AND status = ?", f.status);
  add(" AND owner = ?", f.owner);
  add(" AND parent_id = ?", f.parentId);
  return select(where, params);
}

std::vector<std::string> GlossaryStore::childrenOf(const std::string& termId) const {
  std::vector<std::string> out;
  for (auto& r : store_.query(
           "SELECT term_id FROM governance_glossary_terms WHERE parent_id = ? ORDER BY name_key",
           {termId})) {
    out.push_back(glossaryText(r["term_id"]));
  }
  return out;
}

std::vector<GlossaryLink> GlossaryStore::remove(const std::string& termId) {
  auto had = links(termId);
  store_.execute("DELETE FROM governance_glossary_links WHERE term_id = ?", {termId});
  store_.execute("DELETE FROM governance_glossary_related WHERE term_id = ? OR related_id = ?",
                 {termId, termId});
  store_.execute("DELETE FROM governance_glossary_terms WHERE term_id = ?", {termId});
  return had;
}

std::vector<GlossaryLink> GlossaryStore::links(const std::string& termId) const {
  std::vector<GlossaryLink> out;
  for (auto& r : store_.query(
           "SELECT link_id, term_id, catalog_name, schema_name, table_name, column_name, "
           "tag_key, created_by, created_at FROM governance_glossary_links WHERE term_id = ? "
           "ORDER BY column_key",
           {termId})) {
    GlossaryLink l;
    l.linkId = glossaryText(r["link_id"]);
    l.termId = glossaryText(r["term_id"]);
    l.column = {glossaryText(r["catalog_name"]), glossaryText(r["schema_name"]),
                glossaryText(r["table_name"]), glossaryText(r["column_name"])};
    l.tagKey = glossaryText(r["tag_key"]);
    l.createdBy = glossaryText(r["created_by"]);
    l.createdAt = glossaryText(r["created_at"]);
    out.push_back(std::move(l));
  }
  return out;
}

bool GlossaryStore::addLink(const GlossaryLink& l) {
  return store_.execute(
             "INSERT INTO governance_glossary_links (link_id, term_id, column_fqn, column_key, "
             "catalog_name, schema_name, table_name, column_name, tag_key, created_by, "
             "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (term_id, "
             "column_key) DO NOTHING",
             {l.linkId, l.termId, l.column.display(), l.column.key(), l.column.catalog,
              l.column.schema, l.column.table, l.column.column, glossaryNullable(l.tagKey),
              l.createdBy, l.createdAt}) > 0;
}

void GlossaryStore::setLinkTag(const std::string& termId, const ColumnFqn& column,
                               const std::string& tagKey) {
  store_.execute(
      "UPDATE governance_glossary_links SET tag_key = ? WHERE term_id = ? AND column_key = ?",
      {tagKey, termId, column.key()});
}

std::map<std::string, std::int64_t> GlossaryStore::linkCounts() const {
  std::map<std::string, std::int64_t> out;
  for (auto& r : store_.query(
           "SELECT term_id, COUNT(*) AS n FROM governance_glossary_links GROUP BY term_id")) {
    out[glossaryText(r["term_id"])] = r["n"].get<std::int64_t>();
  }
  return out;
}

}  // namespace clxs::governance
