// Services between plugins: one plugin provides an implementation of an interface declared in
// clxs/services/, others use it, and neither links or includes the other's code.
//
//   // provider, in start(): PluginInfo.provides lists "analysis.table_comparison"
//   host.services().provide<services::TableComparison>(std::make_shared<MyComparison>());
//   // consumer, at request time: PluginInfo.uses lists it too
//   auto comparison = host.services().get<services::TableComparison>();  // 503 when missing
//   comparison->compare(...);
#pragma once

#include <concepts>
#include <memory>
#include <string>

namespace clxs {

/// A service interface: an abstract class with `static constexpr const char* kServiceName`
/// ("area.what", lower case), declared in a header under clxs/services/.
template <class S>
concept ServiceInterface = requires {
  { S::kServiceName } -> std::convertible_to<const char*>;
};

/// The service registry as one plugin sees it.
class Services {
 public:
  virtual ~Services() = default;

  /// Publishes this plugin's implementation of S until the plugin is disabled. S must be
  /// listed in the plugin's PluginInfo::provides; throws std::logic_error otherwise or when
  /// another plugin provides S already.
  template <ServiceInterface S>
  void provide(std::shared_ptr<S> impl) {
    provideErased(S::kServiceName, std::shared_ptr<void>(impl, impl.get()));
  }
  /// The current provider of S. The pointer also keeps the provider's code loaded, so hold
  /// it for one request or job, never in a member: a disabled provider is replaced by 503s
  /// only for callers that ask again. Throws HttpError 503 naming the service and the
  /// plugin that provides it (or that none is installed) when it is not available.
  template <ServiceInterface S>
  [[nodiscard]] std::shared_ptr<S> get() const {
    return std::static_pointer_cast<S>(getErased(S::kServiceName));
  }
  /// Whether S is available now.
  template <ServiceInterface S>
  [[nodiscard]] bool available() const {
    return availableErased(S::kServiceName);
  }

  /// Type-erased provide(); prefer the template.
  virtual void provideErased(const std::string& name, std::shared_ptr<void> impl) = 0;
  /// Type-erased get(); prefer the template.
  [[nodiscard]] virtual std::shared_ptr<void> getErased(const std::string& name) const = 0;
  /// Type-erased available(); prefer the template.
  [[nodiscard]] virtual bool availableErased(const std::string& name) const = 0;
};

}  // namespace clxs
