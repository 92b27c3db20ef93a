// The plugin interface and the one macro that exports a plugin from a shared library.
#pragma once

#include <boost/dll/alias.hpp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>

#include "clxs/host.hpp"
#include "clxs/version.hpp"
#include "clxs/visibility.hpp"

namespace clxs {

/// Static facts about a plugin, read before the plugin is created.
struct PluginInfo {
  /// Unique name, lower case with dashes ("notebooks"); used in URLs, tables and toggles.
  const char* name;
  /// Plugin version ("1.0.0").
  const char* version;
  /// One-line description for GET /api/plugins.
  const char* description;
  /// Comma-separated names of plugins that must be started first ("" for none). A
  /// dependency cannot be disabled while this plugin is enabled.
  const char* depends;
  /// Comma-separated services this plugin provides (clxs/services.hpp), e.g.
  /// "analysis.table_comparison" (null or "" for none).
  const char* provides = nullptr;
  /// Comma-separated services this plugin uses. Their providers start first; when one is
  /// disabled, the routes that ask for it answer 503 and this plugin stays enabled.
  const char* uses = nullptr;
};

/// A feature area. Construct cheaply; do the real work in start().
class CLXS_VISIBLE Plugin {
 public:
  virtual ~Plugin() = default;
  /// Registers routes, migrations, jobs and subscriptions. Called on load and on every
  /// enable. Throwing marks the plugin failed with the exception's message.
  virtual void start(Host& host) = 0;
  /// Stops background work. Routes, jobs and subscriptions are removed by the kernel.
  virtual void stop() {}
};

/// ABI major version of the descriptor layout below; bumped on any incompatible change.
inline constexpr std::uint32_t kPluginAbiVersion = 2;

#define CLXS_STRINGIFY_IMPL(x) #x
#define CLXS_STRINGIFY(x) CLXS_STRINGIFY_IMPL(x)
/// The full ABI string: SDK header hash, compiler version and libstdc++ string ABI, as
/// compiled into this translation unit. Kernel and plugin must produce the same string.
#define CLXS_ABI_STRING \
  CLXS_SDK_ABI_TAG "/gcc-" __VERSION__ "/cxx11abi-" CLXS_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)

/// The C-layout descriptor a plugin exports. The kernel reads `abi_version` and `abi_tag`
/// before touching anything else, then calls only these functions, none of which lets an
/// exception out.
struct PluginDescriptor {
  std::uint32_t abi_version;  ///< kPluginAbiVersion the plugin was built with
  const char* abi_tag;        ///< CLXS_ABI_STRING of the plugin's build
  PluginInfo info;            ///< static facts
  void* (*create)();          ///< new plugin instance, or null on failure
  void (*destroy)(void*);     ///< deletes an instance
  /// Starts an instance; 0 on success, else writes a message into err.
  int (*start)(void* self, Host* host, char* err, std::size_t errLen);
  /// Stops an instance; 0 on success, else writes a message into err.
  int (*stop)(void* self, char* err, std::size_t errLen);
};

namespace detail {
/// Copies an exception message into a C buffer.
inline void copyError(const char* what, char* err, std::size_t n) {
  if (n == 0) return;
  std::strncpy(err, what, n - 1);
  err[n - 1] = '\0';
}
}  // namespace detail

}  // namespace clxs

/// Exports `PluginClass` (default-constructible, derived from clxs::Plugin, with a
/// `static constexpr clxs::PluginInfo kInfo`) as this library's plugin.
#define CLXS_PLUGIN(PluginClass)                                                 \
  namespace clxs_plugin_entry {                                                  \
  void* create() noexcept {                                                      \
    try {                                                                        \
      return std::make_unique<PluginClass>().release();                          \
    } catch (...) {                                                              \
      return nullptr;                                                            \
    }                                                                            \
  }                                                                              \
  void destroy(void* self) noexcept {                                            \
    std::unique_ptr<PluginClass> owned(static_cast<PluginClass*>(self));         \
  }                                                                              \
  int start(void* self, ::clxs::Host* host, char* err, std::size_t n) noexcept { \
    try {                                                                        \
      static_cast<PluginClass*>(self)->start(*host);                             \
      return 0;                                                                  \
    } catch (const std::exception& e) {                                          \
      ::clxs::detail::copyError(e.what(), err, n);                               \
    } catch (...) {                                                              \
      ::clxs::detail::copyError("unknown error in start()", err, n);             \
    }                                                                            \
    return 1;                                                                    \
  }                                                                              \
  int stop(void* self, char* err, std::size_t n) noexcept {                      \
    try {                                                                        \
      static_cast<PluginClass*>(self)->stop();                                   \
      return 0;                                                                  \
    } catch (const std::exception& e) {                                          \
      ::clxs::detail::copyError(e.what(), err, n);                               \
    } catch (...) {                                                              \
      ::clxs::detail::copyError("unknown error in stop()", err, n);              \
    }                                                                            \
    return 1;                                                                    \
  }                                                                              \
  const ::clxs::PluginDescriptor* descriptor() noexcept {                        \
    static const ::clxs::PluginDescriptor kDescriptor{::clxs::kPluginAbiVersion, \
                                                      CLXS_ABI_STRING,           \
                                                      PluginClass::kInfo,        \
                                                      &create,                   \
                                                      &destroy,                  \
                                                      &start,                    \
                                                      &stop};                    \
    return &kDescriptor;                                                         \
  }                                                                              \
  }                                                                              \
  BOOST_DLL_ALIAS(clxs_plugin_entry::descriptor, clxs_plugin_v1)
