// Fixture service interface shared by the provider and consumer fixture plugins, as a real
// one would live in sdk/include/clxs/services/.
#pragma once

#include <string>

namespace fixture {

/// Says hello.
class Greeter {
 public:
  static constexpr const char* kServiceName = "fixture.greeter";  ///< registry name
  virtual ~Greeter() = default;
  /// A greeting for `name`.
  [[nodiscard]] virtual std::string greet(const std::string& name) const = 0;
};

}  // namespace fixture
