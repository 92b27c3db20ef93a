// Governance certifications end to end: a request starts pending, a reviewer approves or
// rejects it (answered as approved/rejected), a certified table can be revoked, illegal
// transitions are 409s, every step stays in its history, odd table names round-trip and the
// status can be mirrored as the table's `certification` tag.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/json_get.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kCertShop = R"sql(
CREATE CATALOG shop;
CREATE SCHEMA shop.sales;
CREATE TABLE shop.sales.orders (id BIGINT, amount DOUBLE);
INSERT INTO shop.sales.orders VALUES (1, 2.5), (2, 3.0);
CREATE TABLE shop.sales.`it's ``odd`` 100%` (id BIGINT);
)sql";

TEST(GovernanceCertifications, RequestApproveRevokeAndRejectKeepTheirHistory) {
  ServerProcess s;
  seedSql(s.dataDir(), kCertShop);
  auto r = s.post("/api/governance/certifications", {{"table_fqn", "shop.sales.orders"},
                                                     {"certifier", "lead@example.com"},
                                                     {"expiry_date", "2099-12-31"},
                                                     {"notes", "it's ready"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto created = r.json();
  const std::string id = created["cert_id"];
  EXPECT_EQ(created["status"], "pending");
  EXPECT_EQ(created["notes"], "it's ready");
  EXPECT_EQ(created["expires_at"], "2099-12-31T00:00:00.000Z");
  EXPECT_FALSE(created["requested_by"].get<std::string>().empty());
  ASSERT_EQ(created["history"].size(), 1u);

  // A second open request for the same table is a conflict.
  EXPECT_EQ(s.post("/api/governance/certifications", {{"table_fqn", "shop.sales.orders"}}).status,
            409);

  auto list = getJson(s, "/api/governance/certifications?status=pending");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["cert_id"], id);
  EXPECT_TRUE(getJson(s, "/api/governance/certifications?status=certified").empty());
  EXPECT_EQ(getJson(s, "/api/governance/certifications?table_fqn=shop.sales.orders").size(), 1u);

  r = s.post("/api/governance/certifications/approve",
             {{"cert_id", id}, {"action", "approve"}, {"reviewer_notes", "checked"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "approved");
  EXPECT_EQ(r.json()["certification"]["status"], "certified");
  // Approving again, or rejecting a certified one, is not a transition it has.
  r = s.post("/api/governance/certifications/approve", {{"cert_id", id}, {"action", "reject"}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("certified"), std::string::npos) << r.body;

  r = s.post("/api/governance/certifications/revoke", {{"cert_id", id}, {"reason", "bad load"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "revoked");
  EXPECT_EQ(
      s.post("/api/governance/certifications/revoke", {{"cert_id", id}, {"reason", "x"}}).status,
      409);

  // The original's body: a draft starts pending; rejecting answers "rejected".
  r = s.post(
      "/api/governance/certifications",
      {{"table_fqn", "shop.sales.orders"}, {"status", "draft"}, {"review_frequency", "quarterly"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string second = r.json()["cert_id"];
  r = s.post("/api/governance/certifications/approve",
             {{"cert_id", second}, {"action", "reject"}, {"reviewer_notes", "not yet"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "rejected");

  const auto one = getJson(s, "/api/governance/certifications/" + id);
  EXPECT_EQ(one["status"], "revoked");
  ASSERT_EQ(one["history"].size(), 3u);
  EXPECT_EQ(one["history"][0]["to_status"], "pending");
  EXPECT_EQ(one["history"][1]["action"], "approve");
  EXPECT_EQ(one["history"][1]["notes"], "checked");
  EXPECT_EQ(one["history"][2]["action"], "revoke");
  EXPECT_EQ(one["history"][2]["notes"], "bad load");
  EXPECT_EQ(getJson(s, "/api/governance/certifications").size(), 2u) << "never deleted";
}

// The `certification` tags of the odd table (names compared here: Spark SQL reads 'it''s' as
// two adjacent literals).
Json certTagsOf(const ServerProcess& s) {
  Json out = Json::array();
  for (const auto& t :
       sqlRows(s.dataDir(),
               "SELECT table_name, tag_value FROM shop.information_schema.table_tags "
               "WHERE tag_name = 'certification'")) {
    if (t["table_name"] == "it's `odd` 100%") out.push_back(t);
  }
  return out;
}

TEST(GovernanceCertifications, OddNamesRoundTripAndTheTagIsMirrored) {
  ServerProcess s;
  seedSql(s.dataDir(), kCertShop);
  auto r =
      s.post("/api/governance/certifications", {{"table_fqn", "shop.sales.`it's ``odd`` 100%`"},
                                                {"status", "certified"},
                                                {"mirror_tag", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["table_fqn"], "shop.sales.`it's ``odd`` 100%`");
  EXPECT_EQ(r.json()["status"], "certified");
  const auto tags = certTagsOf(s);
  ASSERT_EQ(tags.size(), 1u) << tags.dump();
  EXPECT_EQ(tags[0]["tag_value"], "certified");
  const auto list =
      getJson(s, "/api/governance/certifications?table_fqn=" +
                     std::string("shop.sales.%60it%27s%20%60%60odd%60%60%20100%25%60"));
  ASSERT_EQ(list.size(), 1u);
  r = s.post("/api/governance/certifications/revoke",
             {{"cert_id", list[0]["cert_id"]}, {"reason", "stale"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto after = certTagsOf(s);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["tag_value"], "revoked");
}

TEST(GovernanceCertifications, BadInputIsAClearError) {
  ServerProcess s;
  seedSql(s.dataDir(), kCertShop);
  const std::string base = "/api/governance/certifications";
  EXPECT_EQ(s.post(base, Json::object()).status, 422);
  auto r = s.post(base, {{"table_fqn", "shop.sales.nope"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("nope"), std::string::npos) << r.body;
  EXPECT_EQ(s.post(base, {{"table_fqn", "orders"}}).status, 400);
  r = s.post(base, {{"table_fqn", "shop.sales.orders"}, {"expiry_date", "2001-01-01"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("expiry_date"), std::string::npos) << r.body;
  EXPECT_EQ(s.post(base, {{"table_fqn", "shop.sales.orders"}, {"expiry_date", "soon"}}).status,
            422);
  EXPECT_EQ(s.post(base, {{"table_fqn", "shop.sales.orders"}, {"status", "deprecated"}}).status,
            422);
  EXPECT_EQ(s.post(base, {{"table_fqn", "shop.sales.orders"}, {"status", "bogus"}}).status, 422);
  EXPECT_EQ(s.get(base + "?status=bogus").status, 422);
  EXPECT_EQ(s.get(base + "/nope").status, 404);
  EXPECT_EQ(s.post(base + "/approve", {{"cert_id", "nope"}, {"action", "approve"}}).status, 404);
  EXPECT_EQ(s.post(base + "/approve", {{"cert_id", "nope"}, {"action", "maybe"}}).status, 422);
  EXPECT_EQ(s.post(base + "/approve", {{"action", "approve"}}).status, 422);
  EXPECT_EQ(s.post(base + "/revoke", {{"cert_id", "nope"}, {"reason", "x"}}).status, 404);
  EXPECT_EQ(s.post(base + "/revoke", {{"cert_id", "nope"}}).status, 422);
  EXPECT_TRUE(getJson(s, base).empty());
}

}  // namespace
}  // namespace clxs::testing
