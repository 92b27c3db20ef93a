#include "plugins/governance/search_routes.hpp"

#include <chrono>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "plugins/governance/metadata_search.hpp"

namespace clxs::governance {

namespace {

struct MetadataSearchBody {
  std::string query;
  std::vector<std::string> catalogs;
  std::string searchType = "all";
  std::int64_t limit = 50;
  std::int64_t offset = 0;
  std::string warehouseId;
  static const Schema<MetadataSearchBody>& schema() {
    using B = MetadataSearchBody;
    std::vector<Json> types;
    for (const auto& t : searchTypeNames()) types.emplace_back(t);
    static const auto s =
        Schema<B>("MetadataSearchRequest")
            .field("query", &B::query,
                   Field::string().required().minLength(1).maxLength(500).describe(
                       "Text to find, literally (% and _ are plain characters), any case"))
            .field("catalogs", &B::catalogs,
                   Field::array(Field::string().identifier())
                       .maxLength(1000)
                       .describe("Catalogs to search (empty: every catalog you can see, "
                                 "system catalogs left out)"))
            .field("search_type", &B::searchType,
                   Field::string().oneOf(types).caseInsensitive().defaultsTo("all").describe(
                       "all, tables, columns, terms (or glossary), or tags (tables and columns "
                       "found by a tag)"))
            .field("limit", &B::limit,
                   Field::integer().min(1).max(1000).clampToMax().defaultsTo(50).describe(
                       "Results per page (1-1000; larger values are clamped)"))
            .field("offset", &B::offset,
                   Field::integer().min(0).defaultsTo(0).describe("Results to skip"))
            .field("warehouse_id", &B::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

std::string searchTrim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

void registerSearchRoutes(Routes& routes, const GovernanceDeps& deps,
                          std::shared_ptr<GlossaryStore> glossary) {
  routes.post("/api/governance/search")
      .summary("Search metadata across catalogs and the glossary")
      .description(
          "Looks for the query in every catalog you can see (or those named): table and "
          "column names and comments, and table and column tags (names and values), read from "
          "each catalog's information_schema with the query bound as a parameter; and in the "
          "glossary: term names, abbreviations, synonyms and definitions. The query matches "
          "literally in any letter case (% and _ are plain characters). Each object appears "
          "once, ranked: exact name (100) > synonym (90) > name prefix (80) > name substring "
          "(60) > comment, tag or definition (30). `results` is the requested page of every "
          "hit and `total` counts them all; tables/columns/terms/tags split the page as the "
          "original answered. A catalog that cannot be read is listed in skipped_catalogs; a "
          "named catalog that does not exist is 404.")
      .body<MetadataSearchBody>()
      .returns(
          Model("MetadataSearchResult")
              .field("query", Field::string())
              .field("search_type", Field::string())
              .field("total", Field::integer().describe("Hits in all pages"))
              .field("offset", Field::integer())
              .field("limit", Field::integer())
              .field("has_more", Field::boolean())
              .field("results",
                     Field::array(Field::object())
                         .describe("Ranked hits: {kind: table|column, catalog, schema, table, "
                                   "column, fqn, type, comment, tags, score, matched_on} or "
                                   "{kind: term, term_id, name, definition, domain, status, "
                                   "synonyms, abbreviation, owner, score, matched_on}"))
              .field("tables", Field::array(Field::object()).describe("Table hits of the page"))
              .field("columns", Field::array(Field::object()).describe("Column hits of the page"))
              .field("terms", Field::array(Field::object()).describe("Term hits of the page"))
              .field("tags", Field::array(Field::object())
                                 .describe("Tags that matched on the page: {kind, fqn, "
                                           "tag_name, tag_value}"))
              .field("catalogs_searched", Field::array(Field::string()))
              .field("skipped_catalogs",
                     Field::array(Field::object()).describe("[{catalog, error}]"))
              .field("truncated", Field::boolean().describe(
                                      "A catalog had more than 5000 hits; only its best were "
                                      "ranked")))
      .handle([deps, glossary](const Request& req, const MetadataSearchBody& b) {
        const auto query = searchTrim(b.query);
        if (query.empty()) {
          throw unprocessable(Json::array({"body", "query"}), "query must not be blank",
                              "value_error");
        }
        const auto type = parseSearchType(b.searchType);
        CallOptions options;
        options.deadline = deps.clock->steadyNow() + std::chrono::minutes(5);
        options.warehouseId = b.warehouseId.empty() ? req.credentials().warehouseId : b.warehouseId;
        CatalogSearch found;
        if (type != SearchType::Terms) {
          const auto ws = req.workspace();
          found = searchCatalogs(*ws, b.catalogs, query, type, options);
        }
        auto hits = std::move(found.hits);
        if (type == SearchType::All || type == SearchType::Terms) {
          for (auto& h : termHits(glossary->list(), query)) hits.push_back(std::move(h));
        }
        hits = mergeHits(std::move(hits));
        Json results = Json::array();
        Json tables = Json::array();
        Json columns = Json::array();
        Json terms = Json::array();
        Json tags = Json::array();
        const auto offset = static_cast<std::size_t>(b.offset);
        const auto limit = static_cast<std::size_t>(b.limit);
        for (std::size_t i = offset; i < hits.size() && i < offset + limit; ++i) {
          const auto j = hitJson(hits[i]);
          results.push_back(j);
          if (hits[i].kind == "table") tables.push_back(j);
          if (hits[i].kind == "column") columns.push_back(j);
          if (hits[i].kind == "term") terms.push_back(j);
          for (const auto& tag : j.value("tags", Json::array())) {
            if (!tag.is_object()) continue;
            tags.push_back(Json{{"kind", hits[i].kind},
                                {"fqn", j["fqn"]},
                                {"tag_name", tag["tag_name"]},
                                {"tag_value", tag["tag_value"]}});
          }
        }
        return Json{{"query", query},
                    {"search_type", b.searchType},
                    {"total", hits.size()},
                    {"offset", b.offset},
                    {"limit", b.limit},
                    {"has_more", offset + limit < hits.size()},
                    {"results", results},
                    {"tables", tables},
                    {"columns", columns},
                    {"terms", terms},
                    {"tags", tags},
                    {"catalogs_searched", found.searched},
                    {"skipped_catalogs", found.skipped},
                    {"truncated", found.truncated}};
      });
}

}  // namespace clxs::governance
