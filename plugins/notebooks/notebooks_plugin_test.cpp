// Loads the built libnotebooks.so the way the plugin host does and drives it through its
// exported descriptor with a stand-in Host.
#include <gtest/gtest.h>

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "clxs/plugin.hpp"
#include "clxs/sdk.hpp"
#include "tests/support/stand_in_host.hpp"

namespace clxs::notebooks {
namespace {

class NotebooksPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lib.load(CLXS_NOTEBOOKS_PLUGIN);
    ASSERT_TRUE(lib.has("clxs_plugin_v1"));
    descriptor = lib.get_alias<const PluginDescriptor*()>("clxs_plugin_v1")();
    ASSERT_NE(descriptor, nullptr);
  }

  boost::dll::shared_library lib;
  const PluginDescriptor* descriptor = nullptr;
};

TEST_F(NotebooksPluginTest, DescriptorCarriesThisSdksAbiAndInfo) {
  EXPECT_EQ(descriptor->abi_version, kPluginAbiVersion);
  EXPECT_STREQ(descriptor->abi_tag, CLXS_ABI_STRING);
  EXPECT_STREQ(descriptor->info.name, "notebooks");
  EXPECT_STREQ(descriptor->info.version, "1.0.0");
  EXPECT_STRNE(descriptor->info.description, "");
  EXPECT_STREQ(descriptor->info.depends, "");
}

TEST_F(NotebooksPluginTest, StartMigratesAndRegistersRoutesThatWork) {
  clxs::testing::StandInHost host{"notebooks"};
  void* self = descriptor->create();
  ASSERT_NE(self, nullptr);
  char err[256] = {};
  ASSERT_EQ(descriptor->start(self, &host, err, sizeof err), 0) << err;
  EXPECT_EQ(host.sqlite().migrateCalls, 1);
  EXPECT_TRUE(host.captured().has("POST /api/notebooks/{id}/export"));

  RequestParts create;
  create.method = Method::Post;
  create.body = Json{{"title", "From the .so"}, {"cells", Json::array()}};
  Response made = host.captured().call("POST /api/notebooks", create);
  ASSERT_EQ(made.status(), 200) << made.body().dump();
  EXPECT_EQ(host.captured().call("GET /api/notebooks").body().size(), 1U);

  // A bad id raised inside the plugin comes back as a 422, not an escaped exception.
  RequestParts bad;
  bad.pathParams["id"] = "../x";
  EXPECT_EQ(host.captured().call("GET /api/notebooks/{id}", bad).status(), 422);

  ASSERT_EQ(descriptor->stop(self, err, sizeof err), 0) << err;
  // Enabling again calls start() on the same instance: migrations must be re-runnable.
  clxs::testing::StandInHost again{"notebooks"};
  ASSERT_EQ(descriptor->start(self, &again, err, sizeof err), 0) << err;
  descriptor->destroy(self);
}

}  // namespace
}  // namespace clxs::notebooks
