#include "kernel/plugins/service_registry.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "clxs/error.hpp"

namespace clxs::kernel {
namespace {

std::string unavailableMessage(const ServiceRegistry& r, const std::string& service) {
  try {
    (void)r.get(service);
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 503);
    return e.what();
  }
  ADD_FAILURE() << service << " was available";
  return {};
}

TEST(ServiceRegistry, AConsumerHoldsTheProviderWhileItUsesIt) {
  ServiceRegistry registry;
  registry.declare("demo.answer", "provider");
  EXPECT_NE(unavailableMessage(registry, "demo.answer").find("plugin 'provider'"),
            std::string::npos);
  EXPECT_NE(unavailableMessage(registry, "demo.other").find("no installed plugin"),
            std::string::npos);

  auto lease = std::make_shared<int>(7);
  std::weak_ptr<int> leaseSeen = lease;
  registry.provide("provider", "demo.answer", std::make_shared<int>(42), lease);
  lease.reset();
  EXPECT_TRUE(registry.available("demo.answer"));
  auto held = std::static_pointer_cast<int>(registry.get("demo.answer"));
  EXPECT_EQ(*held, 42);

  registry.releaseOwner("provider");
  EXPECT_FALSE(registry.available("demo.answer"));
  EXPECT_FALSE(leaseSeen.expired()) << "an in-flight consumer keeps the provider loaded";
  EXPECT_EQ(*held, 42);
  held.reset();
  EXPECT_TRUE(leaseSeen.expired());
  EXPECT_NE(unavailableMessage(registry, "demo.answer").find("disabled"), std::string::npos);
}

TEST(ServiceRegistry, OneProviderPerService) {
  ServiceRegistry registry;
  registry.provide("a", "demo.answer", std::make_shared<int>(1), nullptr);
  EXPECT_THROW(registry.provide("b", "demo.answer", std::make_shared<int>(2), nullptr),
               std::logic_error);
  EXPECT_NO_THROW(registry.provide("a", "demo.answer", std::make_shared<int>(3), nullptr));
  EXPECT_EQ(*std::static_pointer_cast<int>(registry.get("demo.answer")), 3);
}

}  // namespace
}  // namespace clxs::kernel
