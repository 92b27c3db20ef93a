#include "kernel/cli/client_commands.hpp"

#include <Poco/URI.h>

#include <iomanip>
#include <iostream>
#include <sstream>

#include "clxs/json.hpp"
#include "kernel/cli/arguments.hpp"
#include "kernel/cli/server_client.hpp"

namespace clxs::kernel {

namespace {

constexpr const char* kPluginsHelp =
    R"(usage: clxs plugins list|enable NAME|disable NAME [--url URL] [--json]

Lists, enables or disables plugins of a running server (changes take effect at once and
persist). --url defaults to $CLXS_URL or http://127.0.0.1:8080.
)";

constexpr const char* kJobsHelp = R"(usage: clxs jobs list|show ID|cancel ID [--url URL] [--json]

Lists jobs, shows one job with its log, or cancels a queued or running job.
--url defaults to $CLXS_URL or http://127.0.0.1:8080.
)";

}  // namespace

int pluginsCommand(const std::vector<std::string>& args) {
  Arguments a;
  try {
    a = Arguments::parse(args, {"url"}, {"help", "json"});
  } catch (const std::exception& e) {
    std::cerr << "clxs plugins: " << e.what() << "\n" << kPluginsHelp;
    return 2;
  }
  if (a.has("help") || a.positional.empty()) {
    std::cout << kPluginsHelp;
    return a.has("help") ? 0 : 2;
  }
  const std::string base = serverUrl(a);
  const std::string& verb = a.positional[0];
  return withServer(base, [&]() -> int {
    if (verb == "list") {
      auto r = call(base, "GET", "/api/plugins");
      if (r.status != 200) return fail(r);
      if (a.has("json")) {
        std::cout << r.body.dump(2) << "\n";
        return 0;
      }
      std::cout << std::left << std::setw(20) << "NAME" << std::setw(10) << "VERSION"
                << std::setw(9) << "ENABLED" << std::setw(8) << "LOADED" << std::setw(7) << "ROUTES"
                << "ERROR\n";
      for (const auto& p : r.body) {
        std::cout << std::setw(20) << text(p, "name") << std::setw(10) << text(p, "version")
                  << std::setw(9) << text(p, "enabled") << std::setw(8) << text(p, "loaded")
                  << std::setw(7) << text(p, "routes") << text(p, "error") << "\n";
      }
      return 0;
    }
    if ((verb == "enable" || verb == "disable") && a.positional.size() == 2) {
      const Json body{{"name", a.positional[1]}, {"enabled", verb == "enable"}};
      auto r = call(base, "POST", "/api/plugins/toggle", &body);
      if (r.status != 200) return fail(r);
      std::cout << "plugin '" << a.positional[1] << "' " << verb << "d\n";
      return 0;
    }
    std::cerr << kPluginsHelp;
    return 2;
  });
}

int jobsCommand(const std::vector<std::string>& args) {
  Arguments a;
  try {
    a = Arguments::parse(args, {"url"}, {"help", "json"});
  } catch (const std::exception& e) {
    std::cerr << "clxs jobs: " << e.what() << "\n" << kJobsHelp;
    return 2;
  }
  if (a.has("help") || a.positional.empty()) {
    std::cout << kJobsHelp;
    return a.has("help") ? 0 : 2;
  }
  const std::string base = serverUrl(a);
  const std::string& verb = a.positional[0];
  return withServer(base, [&]() -> int {
    if (verb == "list") {
      auto r = call(base, "GET", "/api/clone/jobs");
      if (r.status != 200) return fail(r);
      if (a.has("json")) {
        std::cout << r.body.dump(2) << "\n";
        return 0;
      }
      std::cout << std::left << std::setw(38) << "JOB ID" << std::setw(24) << "TYPE"
                << std::setw(22) << "STATUS"
                << "CREATED\n";
      for (const auto& j : r.body) {
        std::cout << std::setw(38) << text(j, "job_id") << std::setw(24) << text(j, "job_type")
                  << std::setw(22) << text(j, "status") << text(j, "created_at") << "\n";
      }
      return 0;
    }
    if (verb == "show" && a.positional.size() == 2) {
      auto r = call(base, "GET", "/api/clone/" + Poco::URI(a.positional[1]).toString());
      if (r.status != 200) return fail(r);
      std::cout << r.body.dump(2) << "\n";
      return 0;
    }
    if (verb == "cancel" && a.positional.size() == 2) {
      auto r = call(base, "DELETE", "/api/clone/" + a.positional[1]);
      if (r.status != 200) return fail(r);
      std::cout << "job " << a.positional[1] << ": " << text(r.body, "status") << "\n";
      return 0;
    }
    std::cerr << kJobsHelp;
    return 2;
  });
}

}  // namespace clxs::kernel
