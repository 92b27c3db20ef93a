#include "kernel/cli/serve_command.hpp"

#include <cstdlib>
#include <iostream>

#include "kernel/app/kernel_app.hpp"
#include "kernel/cli/arguments.hpp"
#include "kernel/cli/stop_signals.hpp"
#include "kernel/log/json_logger.hpp"

namespace clxs::kernel {

namespace {
constexpr const char* kServeHelp = R"(usage: clxs serve [options]

Starts the clxs HTTP server (default 127.0.0.1:8080) with the local workspace.

options:
  --host HOST          address to bind (default: config server.host, 127.0.0.1)
  --port N             port (default: config server.port, 8080; 0 picks a free port)
  --port-file PATH     write the bound port to PATH once listening
  --config DIR         configuration directory (default: DATA_DIR/config, seeded from the
                       shipped defaults)
  --data-dir DIR       state directory (default: $CLXS_DATA_DIR, else ~/.local/share/clxs)
  --plugins-dir DIR    plugin directory (default: PREFIX/lib/clxs/plugins)
  --log-level LEVEL    debug, info, warning or error (default: $CLXS_LOG_LEVEL, else info);
                       the log is JSON lines on standard error
  --help               show this help
)";
}  // namespace

int serveCommand(const std::vector<std::string>& args) {
  Arguments a;
  try {
    a = Arguments::parse(
        args, {"host", "port", "port-file", "config", "data-dir", "plugins-dir", "log-level"},
        {"help"});
  } catch (const std::exception& e) {
    std::cerr << "clxs serve: " << e.what() << "\n" << kServeHelp;
    return 2;
  }
  if (a.has("help")) {
    std::cout << kServeHelp;
    return 0;
  }
  ServerOptions o;
  o.host = a.value("host");
  if (auto p = a.value("port")) {
    try {
      o.port = std::stoi(*p);
      if (*o.port < 0 || *o.port > 65535) throw std::out_of_range("port");
    } catch (const std::exception&) {
      std::cerr << "clxs serve: --port must be a number from 0 to 65535\n";
      return 2;
    }
  }
  o.portFile = a.value("port-file").value_or("");
  o.dataDir = a.value("data-dir").value_or("");
  o.configDir = a.value("config").value_or("");
  o.pluginsDir = a.value("plugins-dir").value_or("");
  const char* envLevel = std::getenv("CLXS_LOG_LEVEL");
  if (auto level = a.value("log-level").value_or(envLevel == nullptr ? "" : envLevel);
      !level.empty()) {
    const auto parsed = JsonLogger::parseLevel(level);
    if (!parsed) {
      std::cerr << "clxs serve: the log level must be debug, info, warning or error, not '" << level
                << "'\n";
      return 2;
    }
    o.logLevel = *parsed;
  }

  StopSignals stopSignals;

  try {
    KernelApp app(o);
    const int port = app.start();
    app.log().info("clxs listening", Json{{"port", port}});
    const int sig = stopSignals.wait();
    app.log().info("shutting down", Json{{"signal", sig}});
    app.shutdown(std::chrono::seconds(10));
  } catch (const std::exception& e) {
    std::cerr << "clxs serve: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace clxs::kernel
