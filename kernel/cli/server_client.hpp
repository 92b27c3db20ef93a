// What the client subcommands share: the server URL, one HTTP call, error printing.
#pragma once

#include <Poco/Exception.h>

#include <iostream>
#include <string>

#include "clxs/json.hpp"
#include "kernel/cli/arguments.hpp"

namespace clxs::kernel {

/// A server answer.
struct Reply {
  int status = 0;  ///< HTTP status
  Json body;       ///< parsed body (discarded when not JSON)
};

/// --url, else $CLXS_URL, else http://127.0.0.1:8080.
std::string serverUrl(const Arguments& a);

/// One request to the server (30 s timeout); `body` is sent as JSON when given.
Reply call(const std::string& base, const std::string& method, const std::string& path,
           const Json* body = nullptr);

/// Prints the error of a failed reply ("error 404: ...") and returns exit code 1.
int fail(const Reply& r);

/// A field as display text ("" for null or absent).
std::string text(const Json& j, const char* key);

/// Runs `fn` and turns an unreachable server into one clear line and exit code 1.
template <typename Fn>
int withServer(const std::string& base, Fn fn) {
  try {
    return fn();
  } catch (const Poco::Exception& e) {
    std::cerr << "cannot reach the clxs server at " << base << ": " << e.displayText()
              << " (start it with `clxs serve`, or pass --url)\n";
    return 1;
  }
}

}  // namespace clxs::kernel
