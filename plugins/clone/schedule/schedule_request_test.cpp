#include "plugins/clone/schedule/schedule_request.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clxs/error.hpp"

namespace clxs::clone::schedule {
namespace {

Json body(const std::string& extra = {}) {
  Json b = Json::parse(R"({"name": "nightly", "source_catalog": "prod",
                           "destination_catalog": "prod_copy", "cron": "0 2 * * *",
                           "job_type": "clone"})");
  if (!extra.empty()) {
    const Json more = Json::parse(extra);
    for (const auto& [k, v] : more.items()) b[k] = v;
  }
  return b;
}

// The draft of `b` as POST /api/schedules parses it.
ScheduleDraft draft(const Json& b, const std::vector<CloneTemplate>& templates) {
  return buildDraft(ScheduleCreate::schema().parse(b), templates);
}

// The 422 a draft fails with: {loc, msg}.
Json refusal(const Json& b, int status = 422) {
  try {
    (void)draft(b, builtinTemplates());
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), status) << e.detail().dump();
    if (e.detail().is_array()) return e.detail()[0];
    return Json{{"msg", e.detail()}};
  }
  ADD_FAILURE() << "accepted: " << b.dump();
  return Json::object();
}

TEST(ScheduleRequest, ACloneDraft) {
  const auto d = draft(body(), builtinTemplates());
  EXPECT_EQ(d.name, "nightly");
  EXPECT_EQ(d.jobType, "clone");
  EXPECT_EQ(d.cron, "0 2 * * *");
  EXPECT_EQ(d.sourceCatalog, "prod");
  EXPECT_EQ(d.destinationCatalog, "prod_copy");
  EXPECT_EQ(d.cloneType, "DEEP");
  EXPECT_EQ(d.templateKey, "");
  EXPECT_EQ(d.jobBody, Json::parse(R"({"source_catalog": "prod",
      "destination_catalog": "prod_copy", "clone_type": "DEEP"})"));
}

TEST(ScheduleRequest, TemplateUnderOptionsUnderOwnFields) {
  const auto d =
      draft(body(R"({"template": "dev-refresh", "options": {"max_workers": 2, "copy_tags": true,
               "clone_type": "DEEP"}, "dry_run": true})"),
            builtinTemplates());
  EXPECT_EQ(d.templateKey, "dev-refresh");
  EXPECT_EQ(d.cloneType, "DEEP") << "options beat the template's SHALLOW";
  EXPECT_EQ(d.jobBody["max_workers"], 2) << "options beat the template's 8";
  EXPECT_EQ(d.jobBody["copy_tags"], true);
  EXPECT_EQ(d.jobBody["copy_permissions"], false) << "from the template";
  EXPECT_EQ(d.jobBody["dry_run"], true);

  const auto own =
      draft(body(R"({"template": "dev-refresh", "clone_type": "deep", "options": {"clone_type":
               "SHALLOW"}})"),
            builtinTemplates());
  EXPECT_EQ(own.cloneType, "DEEP") << "the schedule's own field wins, normalised";
  EXPECT_EQ(draft(body(R"({"template": "dev-refresh"})"), builtinTemplates()).cloneType, "SHALLOW");
}

TEST(ScheduleRequest, BadCronIs422NamingTheField) {
  auto r = refusal(body(R"({"cron": "0 25 * * *"})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "cron"}));
  EXPECT_NE(r["msg"].get<std::string>().find("hour"), std::string::npos) << r.dump();
  r = refusal(body(R"({"cron": "* * * *"})"));
  EXPECT_NE(r["msg"].get<std::string>().find("5 fields"), std::string::npos) << r.dump();
  r = refusal(body(R"({"cron": "0 0 * * funday"})"));
  EXPECT_NE(r["msg"].get<std::string>().find("day-of-week"), std::string::npos) << r.dump();
}

TEST(ScheduleRequest, UnknownJobTypeAndTemplate) {
  auto r = refusal(body(R"({"job_type": "backup"})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "job_type"}));
  r = refusal(body(R"({"template": "no-such"})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "template"}));
  EXPECT_NE(r["msg"].get<std::string>().find("dev-refresh"), std::string::npos) << r.dump();
}

TEST(ScheduleRequest, BrokenConfiguredTemplatesCannotBeUsed) {
  auto templates = allTemplates(Json::parse(R"({"bad": {"config": {"max_workers": "x"}}})"));
  try {
    (void)draft(body(R"({"template": "bad"})"), templates);
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_NE(std::string(e.what()).find("cannot be used"), std::string::npos) << e.what();
  }
}

TEST(ScheduleRequest, TheCloneParseRefusesWhatPostCloneWould) {
  auto r = refusal(body(R"({"destination_catalog": "PROD"})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "destination_catalog"}));
  r = refusal(body(R"({"options": {"include_tables_regex": "(x"}})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "include_tables_regex"}));
  // A capability this build lacks is 501, as on POST /api/clone.
  refusal(body(R"({"template": "pii-safe"})"), 501);
  // The template requires a field the schedule must give.
  r = refusal(body(R"({"template": "cross-workspace"})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "options", "target_workspace"}));
}

TEST(ScheduleRequest, OptionsAreCheckedAndCannotResume) {
  auto r = refusal(body(R"({"options": {"max_workers": "four"}})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "options"}));
  EXPECT_NE(r["msg"].get<std::string>().find("max_workers"), std::string::npos);
  r = refusal(body(R"({"options": {"resume_job_id": "abc"}})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "options", "resume_job_id"}));
}

TEST(ScheduleRequest, SyncAndIncrementalSync) {
  const auto sync = draft(body(R"({"job_type": "sync", "drop_extra": true})"), {});
  EXPECT_EQ(sync.jobType, "sync");
  EXPECT_EQ(sync.jobBody["drop_extra"], true);
  auto r = refusal(body(R"({"job_type": "sync", "destination_catalog": "Prod"})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "destination_catalog"}));

  r = refusal(body(R"({"job_type": "incremental_sync"})"));
  EXPECT_EQ(r["loc"], Json::array({"body", "schema_name"}));
  const auto inc = draft(body(R"({"job_type": "incremental_sync", "schema_name": "sales"})"), {});
  EXPECT_EQ(inc.schemaName, "sales");
  EXPECT_EQ(inc.jobBody["schema_name"], "sales");
}

TEST(ScheduleRequest, JobTypeDefaultsToSyncAsInTheOriginal) {
  Json b = body();
  b.erase("job_type");
  EXPECT_EQ(draft(b, {}).jobType, "sync");
}

TEST(ScheduleRequest, TheOriginalUisSourceAndDestinationNameTheCatalogs) {
  const Json ui{{"name", "n"},
                {"source", "src"},
                {"destination", "dst"},
                {"cron", "0 2 * * *"},
                {"template", ""}};
  const auto d = draft(ui, {});
  EXPECT_EQ(d.sourceCatalog, "src");
  EXPECT_EQ(d.destinationCatalog, "dst");
  EXPECT_EQ(d.jobBody["source_catalog"], "src");
  const auto status = [](Json body) {
    try {
      (void)draft(std::move(body), {});
    } catch (const HttpError& e) {
      return e.status();
    }
    return 200;
  };
  Json noDestination = ui;
  noDestination.erase("destination");
  EXPECT_EQ(status(noDestination), 422);
  Json clash = ui;
  clash["source_catalog"] = "other";
  EXPECT_EQ(status(clash), 422);
  Json same = ui;
  same["destination"] = "SRC";
  EXPECT_EQ(status(same), 422);
}

TEST(ScheduleRequest, Models) {
  const auto& plural = ScheduleCreate::schema().model();
  const auto& singular = CloneScheduleCreate::schema().model();
  auto field = [](const Model& m, const std::string& name) -> const Field* {
    for (const auto& [n, f] : m.fields()) {
      if (n == name) return &f;
    }
    return nullptr;
  };
  for (const char* required : {"name", "cron"}) {
    ASSERT_NE(field(plural, required), nullptr) << required;
    EXPECT_TRUE(field(plural, required)->isRequired()) << required;
  }
  // Each catalog under its name or the original web UI's alias; the check requires one.
  for (const char* either : {"source_catalog", "destination_catalog", "source", "destination"}) {
    ASSERT_NE(field(plural, either), nullptr) << either;
    EXPECT_FALSE(field(plural, either)->isRequired()) << either;
  }
  EXPECT_EQ(field(plural, "job_type")->enumValues().size(), 3U);
  EXPECT_EQ(*field(plural, "job_type")->defaultValue(), "sync");
  EXPECT_EQ(field(singular, "job_type")->enumValues(), std::vector<Json>{"clone"});
  EXPECT_FALSE(field(plural, "clone_type")->defaultValue().has_value())
      << "no default, so the template's clone_type can apply";
}

}  // namespace
}  // namespace clxs::clone::schedule
