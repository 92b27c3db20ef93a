#include "kernel/cli/sql_command.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "kernel/app/server_options.hpp"
#include "kernel/cli/arguments.hpp"
#include "kernel/config/config_service.hpp"
#include "kernel/workspace/local/local_workspace.hpp"
#include "kernel/workspace/local/sql/sql_lexer.hpp"

namespace clxs::kernel {

namespace {

constexpr const char* kSqlHelp = R"(usage: clxs sql [options] "<statement>"
       clxs sql [options] -f FILE

Runs Databricks SQL on the local workspace (the one `clxs serve` uses) and prints the rows
as a table, or with --json as an array with one object per row. A script (-f) runs its
statements in order in one session and stops at the first failure.

options:
  -f, --file FILE   run the statements in FILE (`-` reads standard input)
  --json            print rows as JSON (a script prints one array per statement)
  --config DIR      configuration directory (default: DATA_DIR/config)
  --data-dir DIR    state directory (default: $CLXS_DATA_DIR, else ~/.local/share/clxs)
  --help            show this help
)";

// A TIMESTAMP as Spark's SQL shell shows it: `2024-01-31 10:00:00`, the fraction only when not
// zero. Query results already come as the session zone's wall clock; what other statements
// answer (DESCRIBE HISTORY's times) carries ISO-8601 UTC text, as the Statement Execution API
// does, shown here as UTC's wall clock.
Json displayed(const Json& v, const std::string& type) {
  if (type != "TIMESTAMP" || !v.is_string()) return v;
  std::string t = v.get<std::string>();
  if (t.size() < 20 || t[10] != 'T' || t.back() != 'Z') return v;
  t[10] = ' ';
  t.pop_back();
  const auto dot = t.find('.');
  if (dot != std::string::npos) {
    while (t.back() == '0') t.pop_back();
    if (t.back() == '.') t.pop_back();
  }
  return t;
}

ResultSet forDisplay(ResultSet r) {
  for (auto& row : r.rows) {
    for (std::size_t i = 0; i < row.size() && i < r.columns.size(); ++i) {
      row[i] = displayed(row[i], r.columns[i].type);
    }
  }
  return r;
}

std::string text(const Json& v) {
  if (v.is_null()) return "NULL";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

void printTable(const ResultSet& r, std::ostream& out) {
  if (r.columns.empty()) return;
  std::vector<std::size_t> width;
  for (const auto& c : r.columns) width.push_back(c.name.size());
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : r.rows) {
    std::vector<std::string> line;
    for (std::size_t i = 0; i < r.columns.size(); ++i) {
      line.push_back(i < row.size() ? text(row[i]) : "");
      width[i] = std::max(width[i], line.back().size());
    }
    cells.push_back(std::move(line));
  }
  auto rule = [&] {
    for (auto w : width) out << '+' << std::string(w + 2, '-');
    out << "+\n";
  };
  auto line = [&](const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      out << "| " << values[i] << std::string(width[i] - values[i].size() + 1, ' ');
    }
    out << "|\n";
  };
  rule();
  std::vector<std::string> header;
  for (const auto& c : r.columns) header.push_back(c.name);
  line(header);
  rule();
  for (const auto& c : cells) line(c);
  rule();
  out << r.rows.size() << (r.rows.size() == 1 ? " row\n" : " rows\n");
}

}  // namespace

int sqlCommand(const std::vector<std::string>& rawArgs) {
  std::vector<std::string> args = rawArgs;
  std::replace(args.begin(), args.end(), std::string("-f"), std::string("--file"));
  Arguments a;
  try {
    a = Arguments::parse(args, {"file", "config", "data-dir"}, {"json", "help"});
  } catch (const std::exception& e) {
    std::cerr << "clxs sql: " << e.what() << "\n" << kSqlHelp;
    return 2;
  }
  if (a.has("help")) {
    std::cout << kSqlHelp;
    return 0;
  }
  const auto file = a.value("file");
  if ((file && !a.positional.empty()) || (!file && a.positional.size() != 1)) {
    std::cerr << "clxs sql: give one statement, or -f FILE\n" << kSqlHelp;
    return 2;
  }
  std::vector<std::string> statements;
  try {
    if (file) {
      std::stringstream buf;
      if (*file == "-") {
        buf << std::cin.rdbuf();
      } else {
        std::ifstream in(*file);
        if (!in) {
          std::cerr << "clxs sql: cannot read " << *file << "\n";
          return 2;
        }
        buf << in.rdbuf();
      }
      statements = splitStatements(buf.str());
    } else {
      statements = splitStatements(a.positional[0]);
    }
  } catch (const WorkspaceError& e) {
    std::cerr << "Error: " << e.what() << "\n";
    return 1;
  }
  try {
    ServerOptions o;
    o.dataDir = a.value("data-dir").value_or("");
    o.configDir = a.value("config").value_or("");
    resolveDefaults(o);
    std::filesystem::create_directories(o.dataDir);
    std::filesystem::create_directories(o.configDir);
    ConfigService::seedDefaults(o.shareDir / "config", o.configDir);
    const ConfigService config(o.configDir);
    LocalWorkspace workspace(
        localWorkspaceOptions(config.value("local_workspace", Json::object()), o.dataDir));
    LocalSession session;
    session.wallClockTimestamps = true;
    const bool json = a.has("json");
    for (const auto& statement : statements) {
      try {
        const auto result = forDisplay(workspace.execute(statement, session));
        if (json) {
          std::cout << result.objects().dump() << "\n";
        } else {
          printTable(result, std::cout);
        }
      } catch (const WorkspaceError& e) {
        std::cerr << "Error: " << e.what() << "\n";
        return 1;
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "clxs sql: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace clxs::kernel
