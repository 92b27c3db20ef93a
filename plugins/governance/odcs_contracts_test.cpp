#include "plugins/governance/odcs_contracts.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

class OdcsContractsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = ChangeHistory::migrations();
    for (auto& x : ContractStore::migrations()) m.push_back(x);
    sqlite_.migrate(m);
  }
  static Json doc() {
    return Json::parse(R"json({"name": "orders", "version": "1.0.0", "status": "draft",
      "domain": "sales", "schema": [{"name": "orders", "physicalName": "main.sales.Orders",
      "properties": [{"name": "id"}, {"name": "note"}]}]})json");
  }
  clxs::testing::SqliteTestStore sqlite_;
  clxs::testing::ManualClock clock_;
  std::shared_ptr<ContractStore> store_ = std::make_shared<ContractStore>(sqlite_);
  std::shared_ptr<ChangeHistory> history_ = std::make_shared<ChangeHistory>(sqlite_);
  ContractService service_{store_, history_, clock_};
};

TEST_F(OdcsContractsTest, CreateFillsTheServerFieldsAndRecordsWho) {
  const auto c = service_.create(doc(), "ana", "created");
  EXPECT_EQ(c.document["apiVersion"], "v3.1.0");
  EXPECT_EQ(c.document["kind"], "DataContract");
  EXPECT_EQ(c.document["id"], c.id);
  EXPECT_EQ(c.id.size(), 36u);
  const auto changes = history_->list({.entityType = "odcs_contract"});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["changed_by"], "ana");
  EXPECT_EQ(changes[0]["action"], "create");
  Json again = doc();
  again["id"] = c.id;
  EXPECT_THROW(service_.create(again, "ana", "created"), HttpError);
}

TEST_F(OdcsContractsTest, EveryRevisionIsKeptAndAKeptVersionBumpsThePatch) {
  const auto c = service_.create(doc(), "ana", "created");
  clock_.advance(std::chrono::seconds(1));
  Json next = c.document;
  next["status"] = "active";
  const auto r1 = service_.revise(c, next, "bo", "status");
  EXPECT_EQ(r1.document["version"], "1.0.1");
  clock_.advance(std::chrono::seconds(1));
  Json major = r1.document;
  major["version"] = "2.0.0";
  const auto r2 = service_.revise(r1, major, "bo", "major");
  EXPECT_EQ(r2.document["version"], "2.0.0");
  // An archived version is never rewritten.
  Json back = r2.document;
  back["version"] = "1.0.0";
  try {
    service_.revise(r2, back, "bo", "back");
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 409);
  }
  const auto versions = store_->versions(c.id);
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0]["version"], "2.0.0");
  EXPECT_EQ(versions[2]["revision"], 1);
  EXPECT_EQ((*store_->version(c.id, "1.0.0"))["document"]["status"], "draft");
  EXPECT_EQ((*store_->version(c.id, "1.0.1"))["document"]["status"], "active");
  EXPECT_EQ(history_->list({.entityId = c.id}).size(), 3u);
}

TEST_F(OdcsContractsTest, ListFiltersByDomainStatusAndTableWithoutCase) {
  service_.create(doc(), "ana", "created");
  Json other = doc();
  other["domain"] = "hr";
  other["schema"][0]["physicalName"] = "main.hr.people";
  service_.create(other, "ana", "created");
  EXPECT_EQ(store_->list({}).size(), 2u);
  EXPECT_EQ(store_->list({.domain = "hr"}).size(), 1u);
  EXPECT_EQ(store_->list({.status = "active"}).size(), 0u);
  EXPECT_EQ(store_->list({.tableFqn = "MAIN.sales.orders"}).size(), 1u);
}

TEST_F(OdcsContractsTest, InvalidRevisionsAndUnknownIdsAreRefused) {
  const auto c = service_.create(doc(), "ana", "created");
  Json bad = c.document;
  bad["status"] = "live";
  try {
    service_.revise(c, bad, "bo", "bad");
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
  }
  EXPECT_EQ(store_->versions(c.id).size(), 1u);
  try {
    (void)service_.require("nope");
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  service_.remove(c.id, "bo");
  EXPECT_FALSE(store_->find(c.id));
  EXPECT_TRUE(store_->versions(c.id).empty());
}

}  // namespace
}  // namespace clxs::governance
