#include "plugins/governance/glossary_mirror.hpp"

#include "clxs/sql.hpp"

namespace clxs::governance {

namespace {

std::string mirrorTable(const std::string& catalog, const char* table) {
  return quoteQualified({catalog, "governance", table});
}

void mirrorWriteTerm(Workspace& ws, const std::string& catalog, const GlossaryStore& glossary,
                     const std::string& termId, const CallOptions& options) {
  const auto term = glossary.find(termId);
  const auto links = glossary.links(termId);
  if (term) {
    ws.sql().execute(termMergeSql(catalog), termMergeParams(*term), options);
  } else {
    ws.sql().execute(
        "DELETE FROM " + mirrorTable(catalog, "business_glossary") + " WHERE term_id = :term_id",
        {{"term_id", termId}}, options);
  }
  // Links are few per term: rewritten whole, so a removed link goes too.
  ws.sql().execute(
      "DELETE FROM " + mirrorTable(catalog, "glossary_links") + " WHERE term_id = :term_id",
      {{"term_id", termId}}, options);
  if (links.empty()) return;
  std::string values;
  std::vector<SqlParam> params;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto n = std::to_string(i);
    values += std::string(i > 0 ? ", " : "") + "(:link_id" + n + ", :term_id" + n +
              ", :column_fqn" + n + ", :created_by" + n + ", CAST(:created_at" + n +
              " AS TIMESTAMP))";
    params.push_back({"link_id" + n, links[i].linkId});
    params.push_back({"term_id" + n, links[i].termId});
    params.push_back({"column_fqn" + n, links[i].column.display()});
    params.push_back({"created_by" + n, links[i].createdBy});
    params.push_back({"created_at" + n, links[i].createdAt});
  }
  ws.sql().execute("INSERT INTO " + mirrorTable(catalog, "glossary_links") +
                       " (link_id, term_id, column_fqn, created_by, created_at) VALUES " + values,
                   params, options);
}

}  // namespace

std::vector<Migration> GlossaryMirror::migrations() {
  return {{11,
           "CREATE TABLE governance_delta_targets (workspace_host TEXT NOT NULL, catalog TEXT "
           "NOT NULL, initialized_at TEXT NOT NULL, PRIMARY KEY (workspace_host, catalog));"}};
}

void GlossaryMirror::remember(const std::string& host, const std::string& catalog,
                              const std::string& now) {
  store_.execute(
      "INSERT INTO governance_delta_targets (workspace_host, catalog, initialized_at) VALUES (?, "
      "?, ?) ON CONFLICT (workspace_host, catalog) DO UPDATE SET initialized_at = "
      "excluded.initialized_at",
      {host, catalog, now});
}

std::vector<std::string> GlossaryMirror::catalogsFor(const std::string& host) const {
  std::vector<std::string> out;
  for (auto& r : store_.query(
           "SELECT catalog FROM governance_delta_targets WHERE workspace_host = ? ORDER BY catalog",
           {host})) {
    out.push_back(r["catalog"].get<std::string>());
  }
  return out;
}

std::vector<std::string> GlossaryMirror::syncTerm(Workspace& ws, const GlossaryStore& glossary,
                                                  const std::string& termId,
                                                  const CallOptions& options) const {
  std::vector<std::string> warnings;
  for (const auto& catalog : catalogsFor(ws.host())) {
    try {
      mirrorWriteTerm(ws, catalog, glossary, termId, options);
    } catch (const std::exception& e) {
      warnings.push_back("Glossary term " + termId + " not copied to " + catalog +
                         ".governance: " + e.what());
    }
  }
  return warnings;
}

std::size_t GlossaryMirror::copyAll(Workspace& ws, const GlossaryStore& glossary,
                                    const std::string& catalog, const CallOptions& options) const {
  const auto terms = glossary.list();
  for (const auto& t : terms) mirrorWriteTerm(ws, catalog, glossary, t.termId, options);
  return terms.size();
}

std::string termMergeSql(const std::string& catalog) {
  return "MERGE INTO " + mirrorTable(catalog, "business_glossary") +
         " AS t USING (SELECT :term_id AS term_id, :name AS name, :abbreviation AS "
         "abbreviation, :definition AS definition, :domain AS domain, :owner AS owner, :tags AS "
         "tags, :status AS status, :created_by AS created_by, CAST(:created_at AS TIMESTAMP) AS "
         "created_at, CAST(:updated_at AS TIMESTAMP) AS updated_at) AS s ON t.term_id = "
         "s.term_id WHEN MATCHED THEN UPDATE SET name = s.name, abbreviation = s.abbreviation, "
         "definition = s.definition, domain = s.domain, owner = s.owner, tags = s.tags, status = "
         "s.status, updated_at = s.updated_at WHEN NOT MATCHED THEN INSERT (term_id, name, "
         "abbreviation, definition, domain, owner, tags, status, created_by, created_at, "
         "updated_at) VALUES (s.term_id, s.name, s.abbreviation, s.definition, s.domain, "
         "s.owner, s.tags, s.status, s.created_by, s.created_at, s.updated_at)";
}

std::vector<SqlParam> termMergeParams(const GlossaryTerm& t) {
  Json tags = Json::array();
  for (const auto& tag : t.tags) tags.push_back(tag);
  return {
      {"term_id", t.termId},        {"name", t.name},           {"abbreviation", t.abbreviation},
      {"definition", t.definition}, {"domain", t.domain},       {"owner", t.owner},
      {"tags", tags.dump()},        {"status", t.status},       {"created_by", t.createdBy},
      {"created_at", t.createdAt},  {"updated_at", t.updatedAt}};
}

}  // namespace clxs::governance
