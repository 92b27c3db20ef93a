// The governance plugin's glossary, metadata search, init and change history end to end, on the
// local workspace and (…/databricks) through `clxs emulate`: both spec and original bodies,
// names with quotes, backticks and percent signs, the approval path, idempotent links that can
// tag a column, literal and ranked search over every catalog, and the user on every change.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/json_get.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/url_encode.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kGlossaryFixture = R"sql(
CREATE SCHEMA main.crm;
CREATE TABLE main.crm.people (id INT, email STRING COMMENT 'where we write to them', `it's ``odd`` 50%` STRING);
COMMENT ON TABLE main.crm.people IS 'Customer master records';
ALTER TABLE main.crm.people ALTER COLUMN email SET TAGS ('class' = 'contact_point_xq');
CREATE TABLE main.crm.id_x (v INT);
CREATE TABLE main.crm.idax (v INT);
CREATE TABLE main.crm.promo (v INT) COMMENT 'discount 50% off';
CREATE TABLE main.crm.stock (v INT) COMMENT '500 units';
CREATE CATALOG ledger;
CREATE SCHEMA ledger.fin;
CREATE TABLE ledger.fin.revenue_zq (amount DOUBLE) COMMENT 'booked revenue';
CREATE TABLE ledger.fin.zq (amount DOUBLE);
CREATE TABLE ledger.fin.notes (body STRING COMMENT 'mentions zq in passing');
)sql";

constexpr const char* kOddColumn = "main.crm.people.`it's ``odd`` 50%`";

class GovernanceGlossary : public ::testing::Test {
 protected:
  void SetUp() override { seedSql(server.dataDir(), kGlossaryFixture); }

  Json createTerm(const Json& body, int status = 200) const {
    auto r = server.post("/api/governance/glossary", body);
    EXPECT_EQ(r.status, status) << body.dump() << " -> " << r.body;
    return r.status == status ? r.json() : Json::object();
  }
  HttpResult put(const std::string& id, const Json& body) const {
    return server.request("PUT", "/api/governance/glossary/" + id, body.dump());
  }
  Json search(const Json& body, int status = 200) const {
    auto r = server.post("/api/governance/search", body);
    EXPECT_EQ(r.status, status) << body.dump() << " -> " << r.body;
    return r.status == status ? r.json() : Json::object();
  }
  static std::set<std::string> fqns(const Json& hits) {
    std::set<std::string> out;
    for (const auto& h : hits) out.insert(h.value("fqn", h.value("name", std::string())));
    return out;
  }

  ServerProcess server;
};

using GovernanceSearch = GovernanceGlossary;

TEST_F(GovernanceGlossary, InitCreatesTheOriginalsDeltaTablesOnce) {
  auto first = server.post("/api/governance/init", Json::object());
  ASSERT_EQ(first.status, 200) << first.body;
  auto j = first.json();
  // The shipped config names the audit catalog (audit_trail.catalog).
  auto catalog = j["catalog"].get<std::string>();
  EXPECT_FALSE(catalog.empty());
  EXPECT_EQ(j["schema"], "governance");
  EXPECT_EQ(j["tables_created"].size(), 16u);
  EXPECT_TRUE(j["catalog_created"].get<bool>());

  auto again = server.post("/api/governance/init", Json::object()).json();
  EXPECT_TRUE(again["tables_created"].empty()) << again.dump();
  EXPECT_EQ(again["already_existed"].size(), 16u);
  EXPECT_FALSE(again["catalog_created"].get<bool>());

  // The tables are real: search finds one by name in the new catalog.
  auto found = search(Json{{"query", "business_glossary"}, {"catalogs", Json::array({catalog})}});
  ASSERT_EQ(found.value("total", 0), 1) << found.dump();
  EXPECT_EQ(found["results"][0]["fqn"], catalog + ".governance.business_glossary");

  // Terms and links are copied into the original's tables, and so is each later change.
  auto term = createTerm(Json{{"name", "It's 100%"}, {"definition", "copied"}});
  const auto id = term["term_id"].get<std::string>();
  ASSERT_EQ(server
                .post("/api/governance/glossary/link",
                      Json{{"term_id", id}, {"column_fqns", Json::array({kOddColumn})}})
                .status,
            200);
  const auto glossaryTable = "`" + catalog + "`.governance.business_glossary";
  auto rows = sqlRows(server.dataDir(), "SELECT name, status FROM " + glossaryTable);
  ASSERT_EQ(rows.size(), 1u) << rows.dump();
  EXPECT_EQ(rows[0]["name"], "It's 100%");
  auto links = sqlRows(server.dataDir(), "SELECT term_id, column_fqn FROM `" + catalog +
                                             "`.governance.glossary_links");
  ASSERT_EQ(links.size(), 1u) << links.dump();
  EXPECT_EQ(links[0]["column_fqn"], kOddColumn);
  ASSERT_EQ(put(id, Json{{"status", "in_review"}}).status, 200);
  rows = sqlRows(server.dataDir(), "SELECT status FROM " + glossaryTable);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["status"], "in_review");
  ASSERT_EQ(server.request("DELETE", "/api/governance/glossary/" + id).status, 200);
  EXPECT_TRUE(sqlRows(server.dataDir(), "SELECT * FROM " + glossaryTable).empty());

  // A catalog named in the body wins over the config; odd names are quoted, and init copies
  // the terms there are.
  createTerm(Json{{"name", "Kept"}, {"definition", "copied at init"}});
  auto named = server.post("/api/governance/init", Json{{"catalog", "it's audit"}});
  ASSERT_EQ(named.status, 200) << named.body;
  EXPECT_EQ(named.json()["tables_created"].size(), 16u);
  EXPECT_EQ(named.json()["glossary_terms_copied"], 1);
  EXPECT_EQ(sqlRows(server.dataDir(), "SELECT name FROM `it's audit`.governance.business_glossary"),
            Json::array({Json{{"name", "Kept"}}}));
  EXPECT_EQ(server.post("/api/governance/init", Json{{"catalog", ""}}).status, 422);
}

TEST_F(GovernanceGlossary, TakesTheSpecsBodyAndTheOriginals) {
  auto spec = createTerm(Json{{"name", "Customer"},
                              {"description", "Someone who buys from us"},
                              {"domain", "Sales"},
                              {"aliases", Json::array({"Client", "Buyer"})},
                              {"owner", "sales-ops"}});
  EXPECT_EQ(spec["definition"], "Someone who buys from us");
  EXPECT_EQ(spec["synonyms"], Json::array({"Client", "Buyer"}));
  EXPECT_EQ(spec["status"], "draft");
  EXPECT_FALSE(spec["created_by"].get<std::string>().empty());

  auto original = createTerm(Json{{"name", "ARR"},
                                  {"definition", "Annual recurring revenue"},
                                  {"abbreviation", "ARR"},
                                  {"owner", "finance"},
                                  {"tags", Json::array({"kpi"})},
                                  {"status", "draft"}});
  EXPECT_EQ(original["domain"], "General");
  EXPECT_EQ(original["tags"], Json::array({"kpi"}));

  auto list = getJson(server, "/api/governance/glossary");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["name"], "ARR");  // ordered by name
  EXPECT_EQ(getJson(server, "/api/governance/glossary?domain=sales").size(), 1u);
  EXPECT_EQ(getJson(server, "/api/governance/glossary?q=buyer").size(), 1u);
  EXPECT_EQ(getJson(server, "/api/governance/glossary?status=DRAFT").size(), 2u);
  getJson(server, "/api/governance/glossary?status=bogus", 422);

  // A term needs a name and a definition.
  createTerm(Json{{"name", "Empty"}}, 422);
  createTerm(Json{{"definition", "no name"}}, 422);
}

TEST_F(GovernanceGlossary, NamesWithQuotesBackticksAndPercentRoundTrip) {
  const std::string name = "O'Brien `score` 100%_";
  auto t = createTerm(Json{
      {"name", name}, {"definition", "it's 50% `weighted`"}, {"synonyms", Json::array({"o'b%"})}});
  auto id = t["term_id"].get<std::string>();
  auto back = getJson(server, "/api/governance/glossary/" + id);
  EXPECT_EQ(back["name"], name);
  EXPECT_EQ(back["definition"], "it's 50% `weighted`");
  EXPECT_EQ(back["synonyms"][0], "o'b%");

  auto link = server.post(
      "/api/governance/glossary/link",
      Json{{"term_id", id}, {"column_fqns", Json::array({kOddColumn})}, {"set_tag", true}});
  ASSERT_EQ(link.status, 200) << link.body;
  EXPECT_EQ(link.json()["linked"][0], kOddColumn);
  auto linked = getJson(server, "/api/governance/glossary/" + id);
  EXPECT_EQ(linked["linked_columns"][0], kOddColumn);
  // The tag holds the term's name exactly: search by it finds the column.
  auto found = search(Json{{"query", name}, {"search_type", "tags"}});
  ASSERT_EQ(found["total"], 1) << found.dump();
  EXPECT_EQ(found["results"][0]["column"], "it's `odd` 50%");
  EXPECT_EQ(found["tags"][0]["tag_value"], name);

  // Deleting with unset_tags removes the tag the link set.
  auto del = server.request("DELETE", "/api/governance/glossary/" + id + "?unset_tags=true");
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(del.json()["tags_removed"], Json::array({kOddColumn}));
  EXPECT_EQ(search(Json{{"query", name}, {"search_type", "tags"}})["total"], 0);
}

TEST_F(GovernanceGlossary, NamesAreUniquePerDomainInAnyCase) {
  createTerm(Json{{"name", "Churn"}, {"definition", "Customers lost"}});
  auto dup =
      server.post("/api/governance/glossary", Json{{"name", "CHURN"}, {"definition", "again"}});
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_NE(dup.json()["detail"].get<std::string>().find("General"), std::string::npos);
  createTerm(Json{{"name", "churn"}, {"definition", "HR sense"}, {"domain", "HR"}});
}

TEST_F(GovernanceGlossary, LinkingTwiceKeepsOneLinkAndBadInputIsRefused) {
  auto id = createTerm(Json{{"name", "Email"}, {"definition", "Where mail goes"}})["term_id"]
                .get<std::string>();
  const Json body{{"term_id", id}, {"column_fqns", Json::array({"main.crm.people.email"})}};
  auto first = server.post("/api/governance/glossary/link", body);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["linked"].size(), 1u);
  auto second = server.post("/api/governance/glossary/link", body).json();
  EXPECT_TRUE(second["linked"].empty());
  EXPECT_EQ(second["already_linked"][0], "main.crm.people.email");
  // Another spelling of the same column is the same link.
  server.post("/api/governance/glossary/link",
              Json{{"term_id", id}, {"column_fqns", Json::array({"MAIN.crm.People.EMAIL"})}});
  EXPECT_EQ(getJson(server, "/api/governance/glossary/" + id)["linked_columns"].size(), 1u);

  EXPECT_EQ(
      server
          .post("/api/governance/glossary/link",
                Json{{"term_id", "nope"}, {"column_fqns", Json::array({"main.crm.people.id"})}})
          .status,
      404);
  auto malformed =
      server.post("/api/governance/glossary/link",
                  Json{{"term_id", id}, {"column_fqns", Json::array({"main.crm.people"})}});
  EXPECT_EQ(malformed.status, 422) << malformed.body;
  auto missing =
      server.post("/api/governance/glossary/link",
                  Json{{"term_id", id}, {"column_fqns", Json::array({"main.crm.people.nothere"})}});
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_NE(missing.json()["detail"].get<std::string>().find("nothere"), std::string::npos);
  EXPECT_EQ(server
                .post("/api/governance/glossary/link",
                      Json{{"term_id", id}, {"column_fqns", Json::array()}})
                .status,
            422);

  // Deleting the term removes its links.
  auto del = server.request("DELETE", "/api/governance/glossary/" + id);
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(del.json()["links_removed"], 1);
}

TEST_F(GovernanceGlossary, StatusFollowsTheReviewPath) {
  createTerm(Json{{"name", "Premature"}, {"definition", "x"}, {"status", "approved"}}, 422);
  auto id = createTerm(Json{{"name", "Margin"}, {"definition", "Revenue less cost"}})["term_id"]
                .get<std::string>();
  auto skip = put(id, Json{{"status", "approved"}});
  EXPECT_EQ(skip.status, 409) << skip.body;
  EXPECT_NE(skip.json()["detail"].get<std::string>().find("in_review"), std::string::npos);
  ASSERT_EQ(put(id, Json{{"status", "in_review"}}).status, 200);
  auto approved = put(id, Json{{"status", "approved"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved");
  EXPECT_FALSE(approved.json()["approved_by"].is_null());
  EXPECT_EQ(put(id, Json{{"status", "draft"}}).status, 409);
  EXPECT_EQ(put(id, Json{{"status", "deprecated"}}).json()["status"], "deprecated");
  EXPECT_EQ(put(id, Json{{"status", "certified"}}).status, 422);
}

TEST_F(GovernanceGlossary, HierarchyAndRelatedTerms) {
  auto parent =
      createTerm(Json{{"name", "Revenue"}, {"definition", "Income"}})["term_id"].get<std::string>();
  auto child = createTerm(Json{{"name", "Net revenue"},
                               {"definition", "After returns"},
                               {"parent_id", parent},
                               {"related_terms", Json::array({parent})}})["term_id"]
                   .get<std::string>();
  auto p = getJson(server, "/api/governance/glossary/" + parent);
  EXPECT_EQ(p["children"][0]["term_id"], child);
  EXPECT_EQ(p["related_terms"][0]["name"], "Net revenue");
  // A cycle and an unknown parent are refused; a parent with children cannot go.
  EXPECT_EQ(put(parent, Json{{"parent_id", child}}).status, 422);
  createTerm(Json{{"name", "Orphan"}, {"definition", "x"}, {"parent_id", "nope"}}, 422);
  EXPECT_EQ(server.request("DELETE", "/api/governance/glossary/" + parent).status, 409);
  EXPECT_EQ(put(child, Json{{"parent_id", nullptr}}).json()["parent_id"], nullptr);
  EXPECT_EQ(server.request("DELETE", "/api/governance/glossary/" + parent).status, 200);
  EXPECT_TRUE(getJson(server, "/api/governance/glossary/" + child)["related_terms"].empty());
}

TEST_F(GovernanceGlossary, UnknownIdsAre404) {
  getJson(server, "/api/governance/glossary/nope", 404);
  EXPECT_EQ(put("nope", Json{{"owner", "x"}}).status, 404);
  EXPECT_EQ(server.request("DELETE", "/api/governance/glossary/nope").status, 404);
}

TEST_F(GovernanceGlossary, EveryMutationShowsItsUserInChanges) {
  auto t = createTerm(Json{{"name", "Tenure"}, {"definition", "Time as a customer"}});
  auto id = t["term_id"].get<std::string>();
  auto user = t["created_by"].get<std::string>();
  ASSERT_FALSE(user.empty());
  ASSERT_EQ(put(id, Json{{"owner", "crm"}}).status, 200);
  ASSERT_EQ(server
                .post("/api/governance/glossary/link",
                      Json{{"term_id", id}, {"column_fqns", Json::array({"main.crm.people.id"})}})
                .status,
            200);
  ASSERT_EQ(server.request("DELETE", "/api/governance/glossary/" + id).status, 200);

  auto changes =
      getJson(server, "/api/governance/changes?entity_type=glossary_term&entity_id=" + id);
  ASSERT_EQ(changes.size(), 4u) << changes.dump();
  const std::vector<std::string> actions{"delete", "link", "update", "create"};
  for (std::size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i]["source"], "governance");
    EXPECT_EQ(changes[i]["action"], actions[i]);
    EXPECT_EQ(changes[i]["changed_by"], user);
  }
  EXPECT_EQ(changes[2]["before"]["owner"], "");
  EXPECT_EQ(changes[2]["after"]["owner"], "crm");
  EXPECT_EQ(changes[2]["details"]["changed_fields"], Json::array({"owner"}));
  EXPECT_TRUE(changes[0]["after"].is_null());

  // The kernel's log of the same calls joins them in the full list, told apart by source.
  auto all = getJson(server, "/api/governance/changes?limit=50");
  std::set<std::string> sources;
  bool sawCreateCall = false;
  for (const auto& c : all) {
    sources.insert(c["source"].get<std::string>());
    if (c["source"] == "kernel" && c["route"] == "/api/governance/glossary" &&
        c["method"] == "POST")
      sawCreateCall = true;
  }
  EXPECT_EQ(sources, (std::set<std::string>{"governance", "kernel"}));
  EXPECT_TRUE(sawCreateCall) << all.dump();
  EXPECT_EQ(getJson(server, "/api/governance/changes?source=kernel&limit=1").size(), 1u);
  getJson(server, "/api/governance/changes?since=yesterday", 422);
}

TEST_F(GovernanceSearch, FindsAColumnByItsTagValueAndATableByItsComment) {
  auto byTag = search(Json{{"query", "contact_point_xq"}});
  ASSERT_EQ(byTag["total"], 1) << byTag.dump();
  EXPECT_EQ(byTag["columns"][0]["fqn"], "main.crm.people.email");
  EXPECT_EQ(byTag["columns"][0]["matched_on"], Json::array({"tag"}));
  EXPECT_EQ(byTag["tags"][0]["tag_name"], "class");

  auto byComment = search(Json{{"query", "master records"}});
  ASSERT_EQ(byComment["total"], 1) << byComment.dump();
  EXPECT_EQ(byComment["tables"][0]["fqn"], "main.crm.people");
  EXPECT_EQ(byComment["tables"][0]["comment"], "Customer master records");

  // Every visible catalog is searched, not only the first few.
  auto everywhere = search(Json{{"query", "booked"}});
  EXPECT_EQ(fqns(everywhere["results"]), std::set<std::string>{"ledger.fin.revenue_zq"});
}

TEST_F(GovernanceSearch, PercentAndUnderscoreAreLiteral) {
  EXPECT_EQ(fqns(search(Json{{"query", "50%"}, {"search_type", "tables"}})["results"]),
            std::set<std::string>{"main.crm.promo"});
  EXPECT_EQ(fqns(search(Json{{"query", "id_x"}})["results"]),
            std::set<std::string>{"main.crm.id_x"});
  auto odd = search(Json{{"query", "it's `odd`"}, {"search_type", "columns"}});
  EXPECT_EQ(fqns(odd["results"]), std::set<std::string>{kOddColumn});
}

TEST_F(GovernanceSearch, RanksExactThenPrefixThenSubstringThenCommentAndPages) {
  auto all = search(Json{{"query", "zq"}, {"catalogs", Json::array({"ledger"})}});
  ASSERT_EQ(all["total"], 3) << all.dump();
  EXPECT_EQ(all["results"][0]["fqn"], "ledger.fin.zq");
  EXPECT_EQ(all["results"][1]["fqn"], "ledger.fin.revenue_zq");
  EXPECT_EQ(all["results"][2]["fqn"], "ledger.fin.notes.body");
  EXPECT_GT(all["results"][0]["score"], all["results"][1]["score"]);
  EXPECT_GT(all["results"][1]["score"], all["results"][2]["score"]);

  auto page2 = search(Json{{"query", "zq"}, {"limit", 2}, {"offset", 2}});
  EXPECT_EQ(page2["total"], 3);
  ASSERT_EQ(page2["results"].size(), 1u);
  EXPECT_EQ(page2["results"][0]["fqn"], "ledger.fin.notes.body");
  EXPECT_FALSE(page2["has_more"].get<bool>());
  EXPECT_TRUE(search(Json{{"query", "zq"}, {"limit", 2}})["has_more"].get<bool>());
}

TEST_F(GovernanceSearch, FindsGlossaryTermsBySynonymAndRefusesBadInput) {
  createTerm(Json{{"name", "Customer"}, {"definition", "A buyer"}, {"aliases", {"Patron"}}});
  auto terms = search(Json{{"query", "patron"}, {"search_type", "terms"}});
  ASSERT_EQ(terms["total"], 1) << terms.dump();
  EXPECT_EQ(terms["terms"][0]["name"], "Customer");
  EXPECT_EQ(terms["terms"][0]["matched_on"], Json::array({"synonym"}));

  search(Json{{"query", "   "}}, 422);
  search(Json{{"query", "x"}, {"search_type", "everything"}}, 422);
  auto r = server.post("/api/governance/search",
                       Json{{"query", "x"}, {"catalogs", Json::array({"no_such_cat"})}});
  EXPECT_EQ(r.status, 404) << r.body;
}

}  // namespace
}  // namespace clxs::testing
