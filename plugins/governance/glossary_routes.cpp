#include "plugins/governance/glossary_routes.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/governance/column_fqn.hpp"
#include "plugins/governance/term_status.hpp"

namespace clxs::governance {

namespace {

constexpr const char* kGlossaryBase = "/api/governance/glossary";

// The create and update bodies share their fields; on create `name` is required.
template <bool Create>
struct GlossaryBody {
  std::optional<std::string> name;
  std::optional<std::string> definition;
  std::optional<std::string> description;
  std::optional<std::string> abbreviation;
  std::optional<std::string> domain;
  std::optional<std::string> owner;
  std::optional<std::string> status;
  std::optional<std::string> parentId;
  std::optional<std::vector<std::string>> synonyms;
  std::optional<std::vector<std::string>> aliases;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> relatedTerms;

  static const Schema<GlossaryBody>& schema() {
    using B = GlossaryBody;
    static const auto s = [] {
      Field name = Field::string().minLength(1).maxLength(255).describe(
          "Term name, unique per domain in any letter case");
      if (Create) name.required();
      return Schema<B>(Create ? "GlossaryTermCreate" : "GlossaryTermUpdate")
          .field("name", &B::name, std::move(name))
          .field("definition", &B::definition,
                 Field::string().maxLength(10'000).describe(
                     "What the term means (required on create, as definition or description)"))
          .field("description", &B::description,
                 Field::string().maxLength(10'000).describe("The spec's name for definition"))
          .field("abbreviation", &B::abbreviation,
                 Field::string().maxLength(64).describe("Short form"))
          .field("domain", &B::domain,
                 Field::string().maxLength(255).describe("Business domain (default General)"))
          .field("owner", &B::owner, Field::string().maxLength(255).describe("Accountable owner"))
          .field("status", &B::status,
                 Field::string().maxLength(32).describe(
                     "draft, in_review, approved or deprecated. A new term starts as draft (or "
                     "in_review); the moves allowed are draft -> in_review|deprecated, "
                     "in_review -> approved|draft|deprecated, approved -> deprecated, "
                     "deprecated -> draft"))
          .field("parent_id", &B::parentId,
                 Field::string().maxLength(64).describe(
                     "The broader term's id; on update an empty string or null removes it"))
          .field("synonyms", &B::synonyms,
                 Field::array(Field::string().maxLength(255))
                     .maxLength(100)
                     .describe("Other names the term goes by"))
          .field("aliases", &B::aliases,
                 Field::array(Field::string().maxLength(255))
                     .maxLength(100)
                     .describe("The spec's name for synonyms (merged with them)"))
          .field("tags", &B::tags,
                 Field::array(Field::string().maxLength(255)).maxLength(100).describe("Labels"))
          .field(
              "related_terms", &B::relatedTerms,
              Field::array(Field::string().maxLength(64))
                  .maxLength(100)
                  .describe("Ids of related terms (the relation is symmetric; on update the list "
                            "replaces the term's relations)"));
    }();
    return s;
  }
};
using GlossaryCreateBody = GlossaryBody<true>;
using GlossaryUpdateBody = GlossaryBody<false>;

struct GlossaryLinkBody {
  std::string termId;
  std::vector<std::string> columnFqns;
  bool setTag = false;
  std::string tagKey = "glossary_term";
  std::string warehouseId;
  static const Schema<GlossaryLinkBody>& schema() {
    using B = GlossaryLinkBody;
    static const auto s =
        Schema<B>("GlossaryLinkRequest")
            .field("term_id", &B::termId,
                   Field::string().required().minLength(1).maxLength(64).describe("The term"))
            .field("column_fqns", &B::columnFqns,
                   Field::array(Field::string().minLength(1).maxLength(1100))
                       .required()
                       .minLength(1)
                       .maxLength(1000)
                       .describe("Columns as catalog.schema.table.column (parts may be "
                                 "backtick-quoted); each must exist"))
            .field("set_tag", &B::setTag,
                   Field::boolean().defaultsTo(false).describe(
                       "Also set a Unity Catalog tag on each column (ALTER TABLE ... ALTER "
                       "COLUMN ... SET TAGS (tag_key = term name))"))
            .field("tag_key", &B::tagKey,
                   Field::string()
                       .identifier()
                       .defaultsTo("glossary_term")
                       .describe("Key of the column tag set_tag writes"))
            .field("warehouse_id", &B::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

Field glossaryTermIdParam() {
  return Field::string().minLength(1).maxLength(64).describe("Term id");
}

CallOptions glossaryCallOptions(const Request& req, const GovernanceDeps& deps,
                                const std::string& warehouseId = {}) {
  CallOptions c;
  c.deadline = deps.clock->steadyNow() + std::chrono::minutes(2);
  c.warehouseId = warehouseId.empty() ? req.credentials().warehouseId : warehouseId;
  return c;
}

std::string glossaryTrim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Trimmed, without empties and repeats in any letter case, first spelling kept.
std::vector<std::string> glossaryCleanList(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& i : items) {
    auto t = glossaryTrim(i);
    if (t.empty() || !seen.insert(lowerAscii(t)).second) continue;
    out.push_back(std::move(t));
  }
  return out;
}

Json glossaryIdName(const GlossaryStore& store, const std::string& id) {
  const auto t = store.find(id);
  return Json{{"term_id", id}, {"name", t ? Json(t->name) : Json()}};
}

Json glossaryTermJson(const GlossaryTerm& t) {
  Json next = Json::array();
  if (const auto s = parseTermStatus(t.status)) {
    for (const auto n : nextTermStatuses(*s)) next.push_back(termStatusName(n));
  }
  return Json{{"term_id", t.termId},
              {"name", t.name},
              {"abbreviation", t.abbreviation},
              {"definition", t.definition},
              {"description", t.definition},
              {"domain", t.domain},
              {"owner", t.owner},
              {"tags", t.tags},
              {"synonyms", t.synonyms},
              {"aliases", t.synonyms},
              {"parent_id", textOrNull(t.parentId)},
              {"related_term_ids", t.relatedIds},
              {"status", t.status},
              {"next_statuses", next},
              {"created_by", t.createdBy},
              {"created_at", t.createdAt},
              {"updated_by", t.updatedBy},
              {"updated_at", t.updatedAt},
              {"approved_by", textOrNull(t.approvedBy)},
              {"approved_at", textOrNull(t.approvedAt)}};
}

// The term as the change history keeps it: its stored fields, nothing derived.
Json glossaryTermSnapshot(const GlossaryTerm& t) {
  Json out = glossaryTermJson(t);
  out.erase("next_statuses");
  out.erase("description");
  out.erase("aliases");
  return out;
}

Json glossaryLinkJson(const GlossaryLink& l) {
  return Json{{"link_id", l.linkId},
              {"column_fqn", l.column.display()},
              {"catalog", l.column.catalog},
              {"schema", l.column.schema},
              {"table", l.column.table},
              {"column", l.column.column},
              {"tag_key", textOrNull(l.tagKey)},
              {"created_by", l.createdBy},
              {"created_at", l.createdAt}};
}

Json glossaryLinkedColumns(const std::vector<GlossaryLink>& links) {
  Json out = Json::array();
  for (const auto& l : links) out.push_back(l.column.display());
  return out;
}

// The full view of one term: its fields, parent, children, related terms and links.
Json glossaryTermDetail(const GlossaryStore& store, const GlossaryTerm& t) {
  Json out = glossaryTermJson(t);
  out["parent"] = t.parentId.empty() ? Json() : glossaryIdName(store, t.parentId);
  Json related = Json::array();
  for (const auto& id : t.relatedIds) related.push_back(glossaryIdName(store, id));
  out["related_terms"] = related;
  Json children = Json::array();
  for (const auto& id : store.childrenOf(t.termId)) children.push_back(glossaryIdName(store, id));
  out["children"] = children;
  const auto links = store.links(t.termId);
  out["linked_columns"] = glossaryLinkedColumns(links);
  Json detail = Json::array();
  for (const auto& l : links) detail.push_back(glossaryLinkJson(l));
  out["links"] = detail;
  return out;
}

GlossaryTerm glossaryRequireTerm(const GlossaryStore& store, const std::string& id) {
  auto t = store.find(id);
  if (!t) throw notFound("Glossary term '" + id + "' does not exist");
  return std::move(*t);
}

TermStatus glossaryStatusFrom(const std::string& text, const char* field) {
  const auto s = parseTermStatus(text);
  if (!s) {
    throw unprocessable(
        Json::array({"body", field}),
        "status must be draft, in_review, approved or deprecated, not '" + text + "'",
        "value_error");
  }
  return *s;
}

// Checks the related ids exist and are not the term itself.
std::vector<std::string> glossaryRelatedFrom(const GlossaryStore& store,
                                             const std::vector<std::string>& ids,
                                             const std::string& self) {
  std::vector<std::string> out;
  for (const auto& raw : ids) {
    const auto id = glossaryTrim(raw);
    if (id.empty() || std::find(out.begin(), out.end(), id) != out.end()) continue;
    if (id == self) {
      throw unprocessable(Json::array({"body", "related_terms"}),
                          "A term cannot be related to itself", "value_error");
    }
    if (!store.find(id)) {
      throw unprocessable(Json::array({"body", "related_terms"}),
                          "Related term '" + id + "' does not exist", "value_error");
    }
    out.push_back(id);
  }
  return out;
}

// Checks the parent exists and is neither the term nor one of its descendants.
void glossaryCheckParent(const GlossaryStore& store, const std::string& parentId,
                         const std::string& self) {
  if (parentId.empty()) return;
  const auto loc = Json::array({"body", "parent_id"});
  if (parentId == self) throw unprocessable(loc, "A term cannot be its own parent", "value_error");
  std::set<std::string> seen;
  for (std::string at = parentId; !at.empty();) {
    const auto t = store.find(at);
    if (!t) throw unprocessable(loc, "Parent term '" + at + "' does not exist", "value_error");
    if (!self.empty() && t->parentId == self) {
      throw unprocessable(loc, "Parent term '" + parentId + "' is below this term (a cycle)",
                          "value_error");
    }
    if (!seen.insert(at).second) break;
    at = t->parentId;
  }
}

std::string glossaryNameTaken(const GlossaryTerm& t) {
  return "Domain '" + t.domain + "' already has a glossary term named '" + t.name + "'";
}

// Copies the term to the Delta tables initialised on the caller's workspace; a failure is
// logged, never answered (SQLite holds the change).
void glossaryMirrorTerm(const Request& req, const GovernanceDeps& deps,
                        const GlossaryMirror& mirror, const GlossaryStore& glossary,
                        const std::string& termId, const std::string& warehouseId = {}) {
  try {
    const auto ws = req.workspace();
    for (const auto& w :
         mirror.syncTerm(*ws, glossary, termId, glossaryCallOptions(req, deps, warehouseId))) {
      if (deps.log != nullptr) deps.log->warn(w);
    }
  } catch (const std::exception& e) {
    if (deps.log != nullptr) deps.log->warn("Glossary term " + termId + " not copied: " + e.what());
  }
}

std::string glossaryMovesText(TermStatus from) {
  std::string out;
  for (const auto n : nextTermStatuses(from)) out += (out.empty() ? "" : ", ") + termStatusName(n);
  return out;
}

}  // namespace

void registerGlossaryRoutes(Routes& routes, const GovernanceDeps& deps,
                            std::shared_ptr<GlossaryStore> glossary,
                            std::shared_ptr<const GlossaryMirror> mirror) {
  const std::string base = kGlossaryBase;
  const Model termModel =
      Model("GlossaryTerm")
          .field("term_id", Field::string())
          .field("name", Field::string())
          .field("abbreviation", Field::string())
          .field("definition", Field::string())
          .field("description", Field::string().describe("Same as definition"))
          .field("domain", Field::string())
          .field("owner", Field::string())
          .field("tags", Field::array(Field::string()))
          .field("synonyms", Field::array(Field::string()))
          .field("aliases", Field::array(Field::string()).describe("Same as synonyms"))
          .field("parent_id", Field::string().nullable())
          .field("related_term_ids", Field::array(Field::string()))
          .field("status", Field::string().describe("draft, in_review, approved or deprecated"))
          .field("next_statuses", Field::array(Field::string()).describe("Moves allowed now"))
          .field("created_by", Field::string())
          .field("created_at", Field::string())
          .field("updated_by", Field::string())
          .field("updated_at", Field::string())
          .field("approved_by", Field::string().nullable())
          .field("approved_at", Field::string().nullable());
  Model detailModel("GlossaryTermDetail");
  for (const auto& [name, field] : termModel.fields()) detailModel.field(name, field);
  detailModel.field("parent", Field::object().nullable().describe("{term_id, name}"))
      .field("related_terms", Field::array(Field::object()).describe("[{term_id, name}]"))
      .field("children", Field::array(Field::object()).describe("[{term_id, name}]"))
      .field("linked_columns", Field::array(Field::string()).describe("Column full names"))
      .field("links", Field::array(Field::object())
                          .describe("[{link_id, column_fqn, catalog, schema, table, column, "
                                    "tag_key, created_by, created_at}]"));
  Model listItem("GlossaryTermListItem");
  for (const auto& [name, field] : termModel.fields()) listItem.field(name, field);
  listItem.field("link_count", Field::integer().describe("Columns linked"));

  routes.post(base)
      .summary("Create a glossary term")
      .description(
          "Takes the spec's body {name, description, domain, aliases, owner} and the original's "
          "{name, definition, abbreviation, domain, owner, tags, status}, plus synonyms, "
          "parent_id and related_terms. description means definition and aliases are synonyms. "
          "A term starts as draft (or in_review). 409 when the domain (default General) has a "
          "term of that name in any letter case; 422 for an unknown parent or related term.")
      .body<GlossaryCreateBody>()
      .returns(detailModel)
      .mutates()
      .handle([deps, glossary, mirror](const Request& req, const GlossaryCreateBody& b) {
        GlossaryTerm t;
        t.termId = newUuid();
        t.name = glossaryTrim(b.name.value_or(""));
        if (t.name.empty()) {
          throw unprocessable(Json::array({"body", "name"}), "name must not be blank",
                              "value_error");
        }
        t.definition = glossaryTrim(b.definition.value_or(b.description.value_or("")));
        if (t.definition.empty()) {
          throw unprocessable(Json::array({"body", "definition"}),
                              "A term needs a definition (definition or description)", "missing");
        }
        t.abbreviation = glossaryTrim(b.abbreviation.value_or(""));
        t.domain = glossaryTrim(b.domain.value_or(""));
        if (t.domain.empty()) t.domain = "General";
        t.owner = glossaryTrim(b.owner.value_or(""));
        std::vector<std::string> names = b.synonyms.value_or(std::vector<std::string>{});
        for (const auto& a : b.aliases.value_or(std::vector<std::string>{})) names.push_back(a);
        t.synonyms = glossaryCleanList(names);
        t.tags = glossaryCleanList(b.tags.value_or(std::vector<std::string>{}));
        const auto status = glossaryStatusFrom(b.status.value_or("draft"), "status");
        if (!canCreateTermAs(status)) {
          throw unprocessable(Json::array({"body", "status"}),
                              "A new term starts as draft or in_review; it is approved through "
                              "PUT /api/governance/glossary/{term_id} after review",
                              "value_error");
        }
        t.status = termStatusName(status);
        t.parentId = glossaryTrim(b.parentId.value_or(""));
        glossaryCheckParent(*glossary, t.parentId, "");
        t.relatedIds = glossaryRelatedFrom(
            *glossary, b.relatedTerms.value_or(std::vector<std::string>{}), t.termId);
        t.createdBy = t.updatedBy = actorOf(req);
        t.createdAt = t.updatedAt = nowIso(*deps.clock);
        if (!glossary->insert(t)) throw conflict(glossaryNameTaken(t));
        const auto stored = glossaryRequireTerm(*glossary, t.termId);
        deps.history->record({"glossary_term", t.termId, "create", t.createdBy, nullptr,
                              glossaryTermSnapshot(stored), t.createdAt});
        glossaryMirrorTerm(req, deps, *mirror, *glossary, t.termId);
        return glossaryTermDetail(*glossary, stored);
      });

  routes.get(base)
      .summary("List glossary terms")
      .description(
          "Ordered by name. Filters: domain (any case), status, owner, parent_id, and q: text "
          "found literally, in any letter case, in the name, abbreviation, a synonym or the "
          "definition.")
      .query("domain", Field::string().maxLength(255).describe("Only this domain"))
      .query("status", Field::string()
                           .oneOf({"draft", "in_review", "approved", "deprecated"})
                           .caseInsensitive()
                           .describe("Only terms in this status"))
      .query("owner", Field::string().maxLength(255).describe("Only this owner"))
      .query("parent_id", Field::string().maxLength(64).describe("Only children of this term"))
      .query("q", Field::string().maxLength(500).describe("Text to look for"))
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(1000).describe(
                          "At most this many terms (1-1000; larger values are clamped)"))
      .query("offset", Field::integer().min(0).defaultsTo(0).describe("Terms to skip"))
      .returnsListOf(listItem)
      .handle([glossary](const Request& req) {
        const auto& q = req.query();
        const auto text = [&q](const char* k) {
          return q.contains(k) && q[k].is_string() ? q[k].get<std::string>() : std::string();
        };
        auto terms =
            glossary->list({text("domain"), text("status"), text("owner"), text("parent_id")});
        const auto needle = lowerAscii(text("q"));
        const auto has = [&needle](const std::string& s) {
          return lowerAscii(s).find(needle) != std::string::npos;
        };
        const auto counts = glossary->linkCounts();
        const auto offset = static_cast<std::size_t>(q.value("offset", std::int64_t{0}));
        const auto limit = static_cast<std::size_t>(q.value("limit", std::int64_t{1000}));
        Json out = Json::array();
        std::size_t matched = 0;
        for (const auto& t : terms) {
          if (!needle.empty() && !has(t.name) && !has(t.abbreviation) && !has(t.definition) &&
              std::none_of(t.synonyms.begin(), t.synonyms.end(), has)) {
            continue;
          }
          if (matched++ < offset || out.size() >= limit) continue;
          Json j = glossaryTermJson(t);
          const auto it = counts.find(t.termId);
          j["link_count"] = it == counts.end() ? 0 : it->second;
          out.push_back(std::move(j));
        }
        return out;
      });

  routes.get(base + "/{term_id}")
      .summary("Get a glossary term")
      .description(
          "The term with its parent, children, related terms and linked columns; 404 "
          "for an unknown id.")
      .pathParam("term_id", glossaryTermIdParam())
      .returns(detailModel)
      .handle([glossary](const Request& req) {
        return glossaryTermDetail(*glossary, glossaryRequireTerm(*glossary, req.param("term_id")));
      });

  routes.put(base + "/{term_id}")
      .summary("Update a glossary term")
      .description(
          "Changes the fields given (absent ones stay). status moves along draft -> in_review "
          "-> approved -> deprecated (in_review may go back to draft, a deprecated term may be "
          "revived as draft, draft and in_review may be deprecated); any other move is 409. "
          "Approving records approved_by. related_terms replaces the relations; parent_id "
          "\"\" or null removes the parent. 404 for an unknown id, 409 for a name taken in "
          "the domain, 422 for a parent that would make a cycle.")
      .pathParam("term_id", glossaryTermIdParam())
      .body<GlossaryUpdateBody>()
      .returns(detailModel)
      .mutates()
      .handle([deps, glossary, mirror](const Request& req, const GlossaryUpdateBody& b) {
        const auto before = glossaryRequireTerm(*glossary, req.param("term_id"));
        auto t = before;
        if (b.name) {
          t.name = glossaryTrim(*b.name);
          if (t.name.empty()) {
            throw unprocessable(Json::array({"body", "name"}), "name must not be blank",
                                "value_error");
          }
        }
        if (b.definition || b.description) {
          t.definition = glossaryTrim(b.definition ? *b.definition : *b.description);
          if (t.definition.empty()) {
            throw unprocessable(Json::array({"body", "definition"}), "definition must not be blank",
                                "value_error");
          }
        }
        if (b.abbreviation) t.abbreviation = glossaryTrim(*b.abbreviation);
        if (b.domain) {
          t.domain = glossaryTrim(*b.domain);
          if (t.domain.empty()) t.domain = "General";
        }
        if (b.owner) t.owner = glossaryTrim(*b.owner);
        if (b.synonyms || b.aliases) {
          std::vector<std::string> names = b.synonyms.value_or(std::vector<std::string>{});
          for (const auto& a : b.aliases.value_or(std::vector<std::string>{})) names.push_back(a);
          t.synonyms = glossaryCleanList(names);
        }
        if (b.tags) t.tags = glossaryCleanList(*b.tags);
        if (req.body().contains("parent_id")) {
          t.parentId = glossaryTrim(b.parentId.value_or(""));
          glossaryCheckParent(*glossary, t.parentId, t.termId);
        }
        if (b.relatedTerms)
          t.relatedIds = glossaryRelatedFrom(*glossary, *b.relatedTerms, t.termId);
        const auto actor = actorOf(req);
        const auto now = nowIso(*deps.clock);
        std::string action = "update";
        if (b.status) {
          const auto from = glossaryStatusFrom(before.status, "status");
          const auto to = glossaryStatusFrom(*b.status, "status");
          if (!canMoveTerm(from, to)) {
            throw conflict("Glossary term '" + before.name + "' is " + before.status +
                           " and cannot move to " + termStatusName(to) +
                           "; allowed: " + glossaryMovesText(from));
          }
          if (from != to) {
            t.status = termStatusName(to);
            action = "status_change";
            if (to == TermStatus::Approved) {
              t.approvedBy = actor;
              t.approvedAt = now;
            } else if (to != TermStatus::Deprecated) {
              t.approvedBy.clear();
              t.approvedAt.clear();
            }
          }
        }
        const auto beforeJson = glossaryTermSnapshot(before);
        Json afterJson = glossaryTermSnapshot(t);
        // Nothing to record (or stamp) when the body changes nothing.
        afterJson["updated_by"] = beforeJson["updated_by"];
        afterJson["updated_at"] = beforeJson["updated_at"];
        if (afterJson == beforeJson) return glossaryTermDetail(*glossary, before);
        t.updatedBy = actor;
        t.updatedAt = now;
        if (!glossary->update(t)) throw conflict(glossaryNameTaken(t));
        const auto stored = glossaryRequireTerm(*glossary, t.termId);
        deps.history->record({"glossary_term", t.termId, action, actor, beforeJson,
                              glossaryTermSnapshot(stored), now});
        glossaryMirrorTerm(req, deps, *mirror, *glossary, t.termId);
        return glossaryTermDetail(*glossary, stored);
      });

  routes.del(base + "/{term_id}")
      .summary("Delete a glossary term")
      .description(
          "Deletes the term, its links and its relations. 404 for an unknown id; 409 while "
          "other terms name it as their parent. With unset_tags=true the Unity Catalog column "
          "tags its links set are removed too.")
      .pathParam("term_id", glossaryTermIdParam())
      .query("unset_tags", Field::boolean().defaultsTo(false).describe(
                               "Also remove the column tags set when linking"))
      .returns(Model("GlossaryTermDeleted")
                   .field("status", Field::string().describe("deleted"))
                   .field("term_id", Field::string())
                   .field("name", Field::string())
                   .field("links_removed", Field::integer())
                   .field("tags_removed", Field::array(Field::string())))
      .mutates()
      .handle([deps, glossary, mirror](const Request& req) {
        const auto t = glossaryRequireTerm(*glossary, req.param("term_id"));
        const auto children = glossary->childrenOf(t.termId);
        if (!children.empty()) {
          throw conflict("Glossary term '" + t.name + "' is the parent of " +
                         std::to_string(children.size()) +
                         " term(s); delete them or give them another parent first");
        }
        const auto links = glossary->links(t.termId);
        Json untagged = Json::array();
        if (req.query().value("unset_tags", false)) {
          const auto ws = req.workspace();
          const auto options = glossaryCallOptions(req, deps);
          for (const auto& l : links) {
            if (l.tagKey.empty()) continue;
            ws->sql().execute("ALTER TABLE " + l.column.tableName().quoted() + " ALTER COLUMN " +
                                  quoteIdentifier(l.column.column) + " UNSET TAGS (" +
                                  quoteLiteral(l.tagKey) + ")",
                              {}, options);
            untagged.push_back(l.column.display());
          }
        }
        Json before = glossaryTermSnapshot(t);
        before["linked_columns"] = glossaryLinkedColumns(links);
        glossary->remove(t.termId);
        const auto actor = actorOf(req);
        deps.history->record(
            {"glossary_term", t.termId, "delete", actor, before, nullptr, nowIso(*deps.clock)});
        glossaryMirrorTerm(req, deps, *mirror, *glossary, t.termId);
        return Json{{"status", "deleted"},
                    {"term_id", t.termId},
                    {"name", t.name},
                    {"links_removed", links.size()},
                    {"tags_removed", untagged}};
      });

  routes.post(base + "/link")
      .summary("Link a glossary term to columns")
      .description(
          "Links the term to each column (catalog.schema.table.column, parts may be "
          "backtick-quoted). Every column must exist in the workspace (404 naming the first "
          "missing one); a malformed name is 422. Linking a column twice keeps one link. With "
          "set_tag=true each column also gets the Unity Catalog tag tag_key = term name "
          "(ALTER TABLE ... ALTER COLUMN ... SET TAGS). `columns` counts the names given, as "
          "the original answered.")
      .body<GlossaryLinkBody>()
      .returns(Model("GlossaryLinkResult")
                   .field("status", Field::string().describe("linked"))
                   .field("term_id", Field::string())
                   .field("columns", Field::integer().describe("Column names given"))
                   .field("linked", Field::array(Field::string()).describe("New links"))
                   .field("already_linked", Field::array(Field::string()))
                   .field("tagged", Field::array(Field::string()).describe("Columns tagged"))
                   .field("linked_columns",
                          Field::array(Field::string()).describe("Every column now linked")))
      .mutates()
      .handle([deps, glossary, mirror](const Request& req, const GlossaryLinkBody& b) {
        std::vector<ColumnFqn> wanted;
        std::set<std::string> keys;
        for (std::size_t i = 0; i < b.columnFqns.size(); ++i) {
          const auto c = parseColumnFqn(b.columnFqns[i]);
          if (!c) {
            throw unprocessable(Json::array({"body", "column_fqns", i}),
                                "'" + b.columnFqns[i] +
                                    "' is not a column name of the form "
                                    "catalog.schema.table.column",
                                "value_error");
          }
          if (keys.insert(c->key()).second) wanted.push_back(*c);
        }
        const auto t = glossaryRequireTerm(*glossary, b.termId);
        const auto ws = req.workspace();
        const auto options = glossaryCallOptions(req, deps, b.warehouseId);
        // Each column must exist; its spelling is taken from the workspace.
        std::map<std::string, TableInfo> tables;
        for (auto& c : wanted) {
          const auto tableKey = lowerAscii(c.tableName().quoted());
          auto it = tables.find(tableKey);
          if (it == tables.end()) {
            try {
              it = tables.emplace(tableKey, ws->catalog().table(c.tableName(), options)).first;
            } catch (const WorkspaceError& e) {
              if (e.errorClass() != WorkspaceErrorClass::NotFound) throw;
              throw notFound("Table " + c.tableName().dotted() + " does not exist");
            }
          }
          const auto& cols = it->second.columns;
          const auto col = std::find_if(cols.begin(), cols.end(), [&c](const ColumnInfo& ci) {
            return sameName(ci.name, c.column);
          });
          if (col == cols.end()) {
            throw notFound("Column '" + c.column + "' does not exist in table " +
                           c.tableName().dotted());
          }
          c = {it->second.catalog.empty() ? c.catalog : it->second.catalog,
               it->second.schema.empty() ? c.schema : it->second.schema,
               it->second.name.empty() ? c.table : it->second.name, col->name};
        }
        const auto actor = actorOf(req);
        const auto now = nowIso(*deps.clock);
        const auto beforeLinks = glossary->links(t.termId);
        Json tagged = Json::array();
        if (b.setTag) {
          for (const auto& c : wanted) {
            ws->sql().execute("ALTER TABLE " + c.tableName().quoted() + " ALTER COLUMN " +
                                  quoteIdentifier(c.column) + " SET TAGS (" +
                                  quoteLiteral(b.tagKey) + " = " + quoteLiteral(t.name) + ")",
                              {}, options);
            tagged.push_back(c.display());
          }
        }
        Json linked = Json::array();
        Json already = Json::array();
        for (const auto& c : wanted) {
          const GlossaryLink link{newUuid(), t.termId, c, b.setTag ? b.tagKey : "", actor, now};
          if (glossary->addLink(link)) {
            linked.push_back(c.display());
          } else {
            already.push_back(c.display());
            if (b.setTag) glossary->setLinkTag(t.termId, c, b.tagKey);
          }
        }
        const auto afterLinks = glossary->links(t.termId);
        if (!linked.empty() || !tagged.empty()) {
          deps.history->record({"glossary_term", t.termId, "link", actor,
                                Json{{"linked_columns", glossaryLinkedColumns(beforeLinks)}},
                                Json{{"linked_columns", glossaryLinkedColumns(afterLinks)},
                                     {"linked", linked},
                                     {"tagged", tagged}},
                                now});
          glossaryMirrorTerm(req, deps, *mirror, *glossary, t.termId, b.warehouseId);
        }
        return Json{{"status", "linked"},
                    {"term_id", t.termId},
                    {"columns", b.columnFqns.size()},
                    {"linked", linked},
                    {"already_linked", already},
                    {"tagged", tagged},
                    {"linked_columns", glossaryLinkedColumns(afterLinks)}};
      });
}

}  // namespace clxs::governance
