// clxs: the server and its command line.
#include <iostream>
#include <string>
#include <vector>

#include "clxs/version.hpp"
#include "kernel/cli/client_commands.hpp"
#include "kernel/cli/clone_commands.hpp"
#include "kernel/cli/emulate_command.hpp"
#include "kernel/cli/serve_command.hpp"
#include "kernel/cli/sql_command.hpp"

namespace {

constexpr const char* kUsage = R"(usage: clxs <command> [options]

commands:
  serve      start the HTTP server (clxs serve --help)
  plugins    list, enable or disable plugins of a running server
  jobs       list, show or cancel jobs of a running server
  sql        run Databricks SQL on the local workspace (clxs sql --help)
  emulate    serve the local workspace over the Databricks REST API (clxs emulate --help)
  demo-data  generate a demo catalog (or --list / --delete them)
  clone      clone a catalog and follow the job
  validate   compare row counts and checksums of a catalog and its copy
  diff       list objects missing from or extra in a copy
  rollback   list rollback logs, or undo a clone run
  version    print the version

Run `clxs <command> --help` for a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "serve") return clxs::kernel::serveCommand(args);
  if (command == "plugins") return clxs::kernel::pluginsCommand(args);
  if (command == "jobs") return clxs::kernel::jobsCommand(args);
  if (command == "sql") return clxs::kernel::sqlCommand(args);
  if (command == "emulate") return clxs::kernel::emulateCommand(args);
  if (command == "demo-data") return clxs::kernel::demoDataCommand(args);
  if (command == "clone") return clxs::kernel::cloneCommand(args);
  if (command == "validate") return clxs::kernel::validateCommand(args);
  if (command == "diff") return clxs::kernel::diffCommand(args);
  if (command == "rollback") return clxs::kernel::rollbackCommand(args);
  if (command == "version" || command == "--version") {
    std::cout << "clxs " << CLXS_SDK_VERSION << " (SDK ABI " << CLXS_SDK_ABI_TAG << ")\n";
    return 0;
  }
  std::cerr << "clxs: unknown command '" << command << "'\n" << kUsage;
  return 2;
}
