// The clone, sync and snapshot routes as declared and answered, and the job parameters they
// submit, through a stand-in host whose job queue only records what it is given.
#include "plugins/clone/clone_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "clxs/config.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "plugins/clone/snapshot_routes.hpp"
#include "plugins/clone/sync_routes.hpp"
#include "tests/support/stand_in_host.hpp"

namespace clxs::clone {
namespace {

class RecordingJobs final : public Jobs {
 public:
  std::string submitGuarded(JobSpec spec, GuardedJobFn) override {
    specs.push_back(std::move(spec));
    return "job-" + std::to_string(specs.size());
  }
  std::optional<Json> get(const std::string&) const override { return std::nullopt; }
  std::vector<Json> list(const std::string&) const override { return {}; }
  bool cancel(const std::string&) override { return false; }
  [[nodiscard]] std::optional<std::string> writerOf(const std::string& resource) const override {
    const auto it = writers.find(resource);
    return it == writers.end() ? std::nullopt : std::optional(it->second);
  }
  std::vector<JobSpec> specs;
  std::map<std::string, std::string> writers;  // resource → job id, for writerOf()
};

class EmptyConfig final : public ConfigView {
 public:
  Json effective(const std::string& = {}) const override { return Json::object(); }
};

class CloneRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_.useJobs(jobs_);
    host_.useConfig(config_);
    host_.store().migrate(CloneStore::migrations());
    service_ = std::make_shared<CloneService>(host_, std::make_shared<CloneStore>(host_.store()));
    registerCloneRoutes(host_.routes(), service_);
    registerSyncRoutes(host_.routes(), service_);
    registerSnapshotRoutes(host_.routes(), service_);
    ws_->addCatalog(CatalogInfo{.name = "src"});
  }

  Response post(const std::string& path, Json body) {
    RequestParts p;
    p.method = Method::Post;
    p.body = std::move(body);
    p.credentials = Credentials{};
    auto ws = ws_;
    p.workspaceResolver = [ws](const Credentials&) -> std::shared_ptr<Workspace> { return ws; };
    return host_.captured().call("POST " + path, std::move(p));
  }

  const std::vector<JobSpec>& submitted() { return jobs_.specs; }

  RecordingJobs jobs_;
  EmptyConfig config_;
  clxs::testing::StandInHost host_{"clone"};
  std::shared_ptr<CloneService> service_;
  std::shared_ptr<clxs::testing::MemoryWorkspace> ws_ =
      std::make_shared<clxs::testing::MemoryWorkspace>();
};

TEST_F(CloneRoutesTest, EveryRouteDeclaresItsBodyAnswerAndWhetherItWrites) {
  const std::map<std::string, bool> writes{{"POST /api/clone", true},
                                           {"POST /api/multi-clone", true},
                                           {"POST /api/preflight", true},
                                           {"GET /api/rollback/logs", false},
                                           {"POST /api/rollback", true},
                                           {"POST /api/sync", true},
                                           {"POST /api/incremental/check", false},
                                           {"POST /api/incremental/sync", true},
                                           {"POST /api/clone-snapshots", true},
                                           {"GET /api/clone-snapshots", false},
                                           {"GET /api/clone-snapshots/{snapshot_id}", false},
                                           {"DELETE /api/clone-snapshots/{snapshot_id}", true}};
  for (const auto& [key, mutates] : writes) {
    ASSERT_TRUE(host_.captured().has(key)) << key;
    const auto& spec = host_.captured().spec(key);
    EXPECT_FALSE(spec.summary.empty()) << key;
    EXPECT_FALSE(spec.description.empty()) << key;
    EXPECT_TRUE(spec.response.has_value()) << key;
    EXPECT_EQ(spec.mutates, mutates) << key;
    EXPECT_EQ(spec.body.has_value(), spec.method == Method::Post) << key;
  }
  EXPECT_EQ(host_.captured().spec("POST /api/clone").body->name(), "CloneRequest");
  EXPECT_EQ(host_.captured().spec("POST /api/clone").response->name(), "CloneJobQueued");
  EXPECT_EQ(host_.captured().spec("POST /api/incremental/sync").body->name(),
            "IncrementalSyncRequest");
}

TEST_F(CloneRoutesTest, ACloneIsQueuedWithItsRequestAsTheJobParameters) {
  const auto r = post("/api/clone", Json{{"source_catalog", "src"},
                                         {"destination_catalog", "dst"},
                                         {"clone_type", "SHALLOW"},
                                         {"where_clauses", {{"*", "id > 1"}}}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(),
            (Json{{"job_id", "job-1"}, {"status", "queued"}, {"message", "Clone job submitted"}}));
  ASSERT_EQ(submitted().size(), 1u);
  const auto& spec = submitted()[0];
  EXPECT_EQ(spec.type, "clone");
  EXPECT_EQ(spec.labels.at("clone_type"), "SHALLOW");
  EXPECT_EQ(spec.params["destination_catalog"], "dst");
  EXPECT_EQ(spec.params["max_workers"], 4);
  EXPECT_EQ(spec.params["where_clauses"], Json::object()) << "a SHALLOW clone filters nothing";

  EXPECT_EQ(
      post("/api/clone", Json{{"source_catalog", "nope"}, {"destination_catalog", "d"}}).status(),
      404);
  EXPECT_EQ(
      post("/api/clone", Json{{"source_catalog", "src"}, {"destination_catalog", "SRC"}}).status(),
      422);
  EXPECT_EQ(submitted().size(), 1u);
}

TEST_F(CloneRoutesTest, AMultiCloneSubmitsOneConfiguredJobPerDestinationOrNone) {
  auto r =
      post("/api/multi-clone",
           Json{{"source_catalog", "src"},
                {"max_workers", 2},
                {"destination_catalogs", {"d1"}},
                {"destinations", {{{"destination_catalog", "d2"}, {"clone_type", "SHALLOW"}}}}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  ASSERT_TRUE(r.body().is_array()) << "the spec answers one {destination, job_id, status} each";
  ASSERT_EQ(r.body().size(), 2u);
  EXPECT_EQ(r.body()[0], (Json{{"destination", "d2"}, {"job_id", "job-1"}, {"status", "queued"}}));
  ASSERT_EQ(submitted().size(), 2u);
  EXPECT_EQ(submitted()[0].params["clone_type"], "SHALLOW");
  EXPECT_EQ(submitted()[1].params["clone_type"], "DEEP");
  EXPECT_EQ(submitted()[1].params["max_workers"], 2) << "the shared settings reach each job";

  r = post("/api/multi-clone",
           Json{{"source_catalog", "src"}, {"destination_catalogs", {"e", "E"}}});
  EXPECT_EQ(r.status(), 422);
  r = post("/api/multi-clone",
           Json{{"source_catalog", "src"}, {"destination_catalogs", {"e1", "src"}}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json{"body", "destination_catalog"}));
  EXPECT_EQ(post("/api/multi-clone", Json{{"source_catalog", "src"}}).status(), 422);
  r = post("/api/multi-clone",
           Json{{"source_catalog", "src"}, {"destinations", {{{"clone_type", "SHALLOW"}}}}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json{"body", "destinations", 0, "catalog"}));
  r = post("/api/multi-clone",
           Json{{"source_catalog", "src"},
                {"destinations", {{{"catalog", "x1"}, {"destination_catalog", "x2"}}}}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(submitted().size(), 2u) << "a refused request submits nothing";

  // The spec's own example: destinations by `catalog`, one answer per destination.
  r = post("/api/multi-clone", Json::parse(R"({"source_catalog": "src",
                           "destinations": [{"catalog": "staging"}, {"catalog": "dev"}],
                           "clone_type": "DEEP"})"));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  ASSERT_EQ(r.body().size(), 2u);
  EXPECT_EQ(r.body()[0]["destination"], "staging");
  EXPECT_EQ(r.body()[1]["destination"], "dev");
  EXPECT_EQ(r.body()[1]["status"], "queued");
  EXPECT_EQ(submitted()[2].params["destination_catalog"], "staging");
}

TEST_F(CloneRoutesTest, RollbackNeedsAnIdThatIsNotAPath) {
  auto r = post("/api/rollback", Json::object());
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["type"], "missing");
  r = post("/api/rollback", Json{{"log_file", "../../etc/passwd"}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json{"body", "rollback_id"}));
  EXPECT_EQ(post("/api/rollback", Json{{"log_file", "rb-unknown"}}).status(), 404);
}

TEST_F(CloneRoutesTest, RunsDeclareTheCatalogTheyWriteAndARollbackWaitsForOthersToEnd) {
  ASSERT_EQ(
      post("/api/clone", Json{{"source_catalog", "src"}, {"destination_catalog", "Dst"}}).status(),
      200);
  EXPECT_EQ(submitted().back().writes, std::vector<std::string>{catalogWrite("Dst")});
  ASSERT_EQ(post("/api/clone",
                 Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"dry_run", true}})
                .status(),
            200);
  EXPECT_TRUE(submitted().back().writes.empty()) << "a dry run writes nothing";

  CloneStore(host_.store())
      .openLog({"rb-1", "job-0", "src", "dst", "2026-11-27T00:00:00.000Z", "pending", ""});
  jobs_.writers[catalogWrite("dst")] = "job-busy";
  const auto refused = post("/api/rollback", Json{{"rollback_id", "rb-1"}});
  EXPECT_EQ(refused.status(), 409);
  EXPECT_NE(refused.body()["detail"].get<std::string>().find("job-busy"), std::string::npos);
  jobs_.writers.clear();
  const auto accepted = post("/api/rollback", Json{{"rollback_id", "rb-1"}});
  ASSERT_EQ(accepted.status(), 200) << accepted.body().dump();
  EXPECT_EQ(submitted().back().type, "rollback");
  EXPECT_EQ(submitted().back().writes, std::vector<std::string>{catalogWrite("dst")});
}

TEST_F(CloneRoutesTest, AStoredJobBodyIsCheckedAsItsRouteChecksABody) {
  const Json pair{{"source_catalog", "src"}, {"destination_catalog", "dst"}};
  EXPECT_EQ(service_->submitByType("sync", pair, Credentials{}), "job-1");
  EXPECT_EQ(submitted()[0].type, "sync");
  EXPECT_EQ(submitted()[0].params["exclude_schemas"], (Json{"information_schema", "default"}));
  EXPECT_EQ(submitted()[0].params["drop_extra"], false);

  const auto refusal = [&](const std::string& type, Json body) {
    try {
      (void)service_->submitByType(type, body, Credentials{});
    } catch (const HttpError& e) {
      return e.detail()[0];
    }
    return Json();
  };
  Json bad = pair;
  bad["drop_extra"] = "yes";
  EXPECT_EQ(refusal("sync", bad)["msg"], "drop_extra must be true or false");
  EXPECT_EQ(refusal("incremental_sync", pair)["loc"], (Json{"body", "schema_name"}));
  EXPECT_EQ(refusal("backup", pair)["loc"], (Json{"body", "job_type"}));
  Json serverless = pair;
  serverless["schema_name"] = "sales";
  serverless["serverless"] = true;
  try {
    (void)service_->submitByType("incremental_sync", serverless, Credentials{});
    ADD_FAILURE() << "serverless was accepted";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 501);
  }
  EXPECT_EQ(submitted().size(), 1u);
}

}  // namespace
}  // namespace clxs::clone
