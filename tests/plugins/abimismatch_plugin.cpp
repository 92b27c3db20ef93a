// Fixture: a complete, working plugin whose descriptor carries a foreign ABI tag. The host
// must refuse it before calling anything; were it not to, the plugin would start and serve
// /api/abimismatch/ping, which the tests check is absent.
#include <cstddef>
#include <exception>
#include <memory>
#include <string>

#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

struct AbiMismatchPing {
  std::string plugin = "abimismatch";
  static const clxs::Schema<AbiMismatchPing>& schema() {
    static const auto s = clxs::Schema<AbiMismatchPing>("AbiMismatchPing")
                              .field("plugin", &AbiMismatchPing::plugin, "This plugin's name");
    return s;
  }
};

class AbiMismatchPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"abimismatch", "1.0.0",
                                          "Test fixture: built against another SDK ABI", ""};

  void start(clxs::Host& host) override {
    host.routes()
        .get("/api/abimismatch/ping")
        .summary("Must never be served")
        .returns<AbiMismatchPing>()
        .handle([](const clxs::Request&) { return AbiMismatchPing{}; });
  }
};

}  // namespace

// Written out by hand instead of CLXS_PLUGIN so the descriptor can lie about its ABI.
namespace abimismatch_entry {

void* create() noexcept {
  try {
    return std::make_unique<AbiMismatchPlugin>().release();
  } catch (...) {
    return nullptr;
  }
}

void destroy(void* self) noexcept {
  std::unique_ptr<AbiMismatchPlugin> owned(static_cast<AbiMismatchPlugin*>(self));
}

int start(void* self, clxs::Host* host, char* err, std::size_t n) noexcept {
  try {
    static_cast<AbiMismatchPlugin*>(self)->start(*host);
    return 0;
  } catch (const std::exception& e) {
    clxs::detail::copyError(e.what(), err, n);
  } catch (...) {
    clxs::detail::copyError("unknown error in start()", err, n);
  }
  return 1;
}

int stop(void* self, char* err, std::size_t n) noexcept {
  try {
    static_cast<AbiMismatchPlugin*>(self)->stop();
    return 0;
  } catch (const std::exception& e) {
    clxs::detail::copyError(e.what(), err, n);
  }
  return 1;
}

const clxs::PluginDescriptor* descriptor() noexcept {
  static const clxs::PluginDescriptor kDescriptor{clxs::kPluginAbiVersion,
                                                  "wrong-tag",
                                                  AbiMismatchPlugin::kInfo,
                                                  &create,
                                                  &destroy,
                                                  &start,
                                                  &stop};
  return &kDescriptor;
}

}  // namespace abimismatch_entry

BOOST_DLL_ALIAS(abimismatch_entry::descriptor, clxs_plugin_v1)
