// The fixture of the emulator's unit tests: an EmulatorServer over a fresh local workspace,
// called through dispatch() without a socket.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "kernel/emulator/emulator_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel::emulator {

class EmulatorServerTest : public ::testing::Test {
 protected:
  /// The tests' defaults: token t0k, two rows per chunk, a warehouse that starts in 200 ms.
  static EmulatorOptions options() {
    EmulatorOptions o;
    o.auth.token = "t0k";
    o.chunkRows = 2;
    o.emptyPages = false;
    o.warehouseStartDelay = std::chrono::milliseconds(200);
    return o;
  }

  EmulatorServer& server(EmulatorOptions o = options()) {
    o.dataDir = dir_.path();
    server_ = std::make_unique<EmulatorServer>(std::move(o));
    return *server_;
  }

  EmulatorResponse call(const std::string& method, const std::string& target,
                        const Json& body = nullptr, bool auth = true) {
    EmulatorRequest r;
    r.method = method;
    const auto q = target.find('?');
    r.rawPath = target.substr(0, q);
    if (q != std::string::npos) r.query = parseQuery(target.substr(q + 1));
    if (auth) r.headers["authorization"] = "Bearer t0k";
    if (!body.is_null()) r.body = body.dump();
    r.baseUrl = "http://127.0.0.1:9";
    return server_->dispatch(r);
  }

  /// The answer's JSON body, expecting `status`.
  Json expect(int status, const std::string& method, const std::string& target,
              const Json& body = nullptr) {
    const auto r = call(method, target, body);
    EXPECT_EQ(r.status, status) << method << " " << target << ": " << r.body;
    return r.body.empty() ? Json() : Json::parse(r.body);
  }

  Json sql(const std::string& statement, Json extra = Json::object()) {
    extra["statement"] = statement;
    extra["warehouse_id"] = "local";
    const auto r = call("POST", "/api/2.0/sql/statements", extra);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body);
  }

  clxs::testing::TempDir dir_;
  std::unique_ptr<EmulatorServer> server_;
};

}  // namespace clxs::kernel::emulator
