// Fixture: a complete, working plugin whose descriptor carries a foreign ABI tag. The host
// must refuse it before calling anything; were it not to, the plugin would start and serve
// /api/abimismatch/ping, which the tests check is absent.
#include <cstddef>
#include <exception>
#include <memory>

#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

class AbiMismatchPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"abimismatch", "1.0.0",
                                          "Test fixture: built against another SDK ABI", ""};

  void start(clxs::Host& host) override {
    host.routes().add({.method = clxs::Method::Get,
                       .path = "/api/abimismatch/ping",
                       .summary = "Must never be served"},
                      [](const clxs::Request&) -> clxs::Response {
                        return clxs::Json{{"plugin", "abimismatch"}};
                      });
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
