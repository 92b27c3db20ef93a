#include "kernel/cli/clone_commands.hpp"

#include <Poco/URI.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <optional>
#include <set>

#include "clxs/json.hpp"
#include "kernel/cli/arguments.hpp"
#include "kernel/cli/job_follower.hpp"
#include "kernel/cli/server_client.hpp"

namespace clxs::kernel {
namespace {

constexpr const char* kCommon =
    "--url defaults to $CLXS_URL or http://127.0.0.1:8080. --json prints the answer as JSON.\n";

constexpr const char* kCloneHelp = R"(usage: clxs clone SRC DST [options]

Clones catalog SRC into DST as a job on the server and follows it.
  --shallow                SHALLOW CLONE (default DEEP)
  --dry-run                print every statement the run would issue; write nothing
  --include-schemas A,B    only these schemas          --exclude-schemas A,B
  --include-tables REGEX   only matching names         --exclude-tables REGEX
  --as-of-version N        time travel                 --as-of-timestamp TS
  --max-workers N          schemas in parallel         --parallel-tables N
  --validate [--checksum]  compare the copy afterwards
  --max-rps N              statements per second
  --options JSON           any other field of POST /api/clone, e.g. '{"where_clauses": {...}}'
  --resume JOB_ID          finish what an earlier run did not
  --no-wait                print the job id and return
)";

constexpr const char* kDemoHelp = R"(usage: clxs demo-data CATALOG [options]
       clxs demo-data --list [--demo-only]
       clxs demo-data --delete CATALOG

Generates a demo catalog on the server and follows the job.
  --industries A,B   industries (default: all)    --scale F   scale factor (default 1.0)
  --dest-catalog X   clone the result to X         --drop-existing
  --options JSON     any other field of POST /api/generate/demo-data
  --no-wait          print the job id and return
)";

constexpr const char* kValidateHelp =
    R"(usage: clxs validate SRC DST [--checksum] [--exclude-schemas A,B]

Compares row counts (and with --checksum an order-independent checksum of every column) of
every table of SRC with its copy in DST. Exit code 1 when anything differs.
)";

constexpr const char* kDiffHelp = R"(usage: clxs diff SRC DST [--exclude-schemas A,B]

Lists schemas, tables, views, functions and volumes missing from or extra in DST.
Exit code 1 when the catalogs differ.
)";

constexpr const char* kRollbackHelp = R"(usage: clxs rollback                 list rollback logs
       clxs rollback ROLLBACK_ID [--drop-catalog] [--no-wait]

Restores the tables a clone run changed and drops what it created.
)";

Json list(const std::string& csv) {
  Json out = Json::array();
  std::size_t start = 0;
  while (start <= csv.size()) {
    auto end = csv.find(',', start);
    if (end == std::string::npos) end = csv.size();
    if (end > start) out.push_back(csv.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Parses, prints usage on --help, a bad flag or a wrong number of words; nullopt means
// "return `code`".
std::optional<Arguments> parseOr(const std::vector<std::string>& args,
                                 const std::set<std::string>& values,
                                 const std::set<std::string>& flags, const char* help,
                                 std::size_t minPositional, std::size_t maxPositional, int& code) {
  Arguments a;
  try {
    a = Arguments::parse(args, values, flags);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n" << help << kCommon;
    code = 2;
    return std::nullopt;
  }
  if (a.has("help")) {
    std::cout << help << kCommon;
    code = 0;
    return std::nullopt;
  }
  if (a.positional.size() < minPositional || a.positional.size() > maxPositional) {
    std::cerr << help << kCommon;
    code = 2;
    return std::nullopt;
  }
  return a;
}

// Merges --options JSON into the body; false (with a message) when it is not an object.
bool mergeOptions(const Arguments& a, Json& body) {
  const auto raw = a.value("options");
  if (!raw) return true;
  const Json extra = Json::parse(*raw, nullptr, false);
  if (!extra.is_object()) {
    std::cerr << "--options must be a JSON object\n";
    return false;
  }
  for (const auto& [k, v] : extra.items()) body[k] = v;
  return true;
}

int submitAndFollow(const std::string& base, const Arguments& a, const std::string& path,
                    const Json& body) {
  const auto r = call(base, "POST", path, &body);
  if (r.status != 200) return fail(r);
  const auto id = text(r.body, "job_id");
  if (a.has("no-wait")) {
    std::cout << id << "\n";
    return 0;
  }
  std::cerr << "job " << id << "\n";
  return followJob(base, id, {a.has("json"), !a.has("json") && stderrIsTerminal()});
}

std::string pathPart(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "/?#&=+%", out);
  return out;
}

}  // namespace

int cloneCommand(const std::vector<std::string>& args) {
  int code = 0;
  const auto a = parseOr(args,
                         {"url", "include-schemas", "exclude-schemas", "include-tables",
                          "exclude-tables", "as-of-version", "as-of-timestamp", "max-workers",
                          "parallel-tables", "max-rps", "options", "resume"},
                         {"help", "json", "shallow", "dry-run", "validate", "checksum", "no-wait"},
                         kCloneHelp, 2, 2, code);
  if (!a) return code;
  Json body{{"source_catalog", a->positional[0]}, {"destination_catalog", a->positional[1]}};
  if (a->has("shallow")) body["clone_type"] = "SHALLOW";
  if (a->has("dry-run")) body["dry_run"] = true;
  if (a->has("validate")) body["validate_after_clone"] = true;
  if (a->has("checksum")) body["validate_checksum"] = true;
  if (auto v = a->value("include-schemas")) body["include_schemas"] = list(*v);
  if (auto v = a->value("exclude-schemas")) body["exclude_schemas"] = list(*v);
  if (auto v = a->value("include-tables")) body["include_tables_regex"] = *v;
  if (auto v = a->value("exclude-tables")) body["exclude_tables_regex"] = *v;
  if (auto v = a->value("as-of-timestamp")) body["as_of_timestamp"] = *v;
  if (auto v = a->value("resume")) body["resume_job_id"] = *v;
  try {
    if (auto v = a->value("as-of-version")) body["as_of_version"] = std::stoll(*v);
    if (auto v = a->value("max-workers")) body["max_workers"] = std::stoi(*v);
    if (auto v = a->value("parallel-tables")) body["parallel_tables"] = std::stoi(*v);
    if (auto v = a->value("max-rps")) body["max_rps"] = std::stod(*v);
  } catch (const std::exception&) {
    std::cerr << "a numeric option has a value that is not a number\n" << kCloneHelp;
    return 2;
  }
  if (!mergeOptions(*a, body)) return 2;
  const auto base = serverUrl(*a);
  return withServer(base, [&] {
    const int rc = submitAndFollow(base, *a, "/api/clone", body);
    return rc;
  });
}

int demoDataCommand(const std::vector<std::string>& args) {
  int code = 0;
  const bool listing = std::find(args.begin(), args.end(), "--list") != args.end();
  const auto a =
      parseOr(args, {"url", "industries", "scale", "dest-catalog", "options"},
              {"help", "json", "drop-existing", "no-wait", "list", "demo-only", "delete"},
              kDemoHelp, listing ? 0 : 1, listing ? 0 : 1, code);
  if (!a) return code;
  const auto base = serverUrl(*a);
  return withServer(base, [&]() -> int {
    if (a->has("list")) {
      const auto r = call(base, "GET",
                          std::string("/api/generate/demo-data/catalogs?demo_only=") +
                              (a->has("demo-only") ? "true" : "false"));
      if (r.status != 200) return fail(r);
      if (a->has("json")) {
        std::cout << r.body.dump(2) << "\n";
        return 0;
      }
      std::cout << std::left << std::setw(30) << "CATALOG" << std::setw(8) << "DEMO" << std::setw(9)
                << "SCHEMAS"
                << "TABLES\n";
      for (const auto& c : r.body["catalogs"]) {
        std::cout << std::setw(30) << text(c, "name") << std::setw(8) << text(c, "is_demo")
                  << std::setw(9) << text(c, "num_schemas") << text(c, "num_tables") << "\n";
      }
      return 0;
    }
    if (a->has("delete")) {
      const auto r = call(base, "DELETE", "/api/generate/demo-data/" + pathPart(a->positional[0]));
      if (r.status != 200) return fail(r);
      std::cout << (a->has("json")
                        ? r.body.dump(2)
                        : "dropped " + a->positional[0] + ": " + text(r.body, "schemas_dropped") +
                              " schemas, " + text(r.body, "tables_dropped") + " tables")
                << "\n";
      return 0;
    }
    Json body{{"catalog_name", a->positional[0]}};
    if (auto v = a->value("industries")) body["industries"] = list(*v);
    if (auto v = a->value("dest-catalog")) body["dest_catalog"] = *v;
    if (a->has("drop-existing")) body["drop_existing"] = true;
    if (auto v = a->value("scale")) {
      try {
        body["scale_factor"] = std::stod(*v);
      } catch (const std::exception&) {
        std::cerr << "--scale takes a number\n";
        return 2;
      }
    }
    if (!mergeOptions(*a, body)) return 2;
    return submitAndFollow(base, *a, "/api/generate/demo-data", body);
  });
}

int validateCommand(const std::vector<std::string>& args) {
  int code = 0;
  const auto a = parseOr(args, {"url", "exclude-schemas"}, {"help", "json", "checksum"},
                         kValidateHelp, 2, 2, code);
  if (!a) return code;
  Json body{{"source_catalog", a->positional[0]},
            {"destination_catalog", a->positional[1]},
            {"use_checksum", a->has("checksum")}};
  if (auto v = a->value("exclude-schemas")) body["exclude_schemas"] = list(*v);
  const auto base = serverUrl(*a);
  return withServer(base, [&]() -> int {
    const auto r = call(base, "POST", "/api/validate", &body);
    if (r.status != 200) return fail(r);
    const auto& v = r.body;
    const bool equal = v.value("mismatched", 0) == 0 && v.value("errors", 0) == 0;
    if (a->has("json")) {
      std::cout << v.dump(2) << "\n";
      return equal ? 0 : 1;
    }
    for (const auto& d : v["details"]) {
      std::cout << (d.value("match", false) ? "ok   " : "DIFF ") << text(d, "schema") << "."
                << text(d, "table") << "  " << text(d, "source_count") << " / "
                << text(d, "dest_count") << " rows";
      if (!text(d, "checksum_match").empty())
        std::cout << ", checksum " << (d["checksum_match"].get<bool>() ? "equal" : "differs");
      if (!text(d, "error").empty()) std::cout << "  (" << text(d, "error") << ")";
      std::cout << "\n";
    }
    std::cout << text(v, "matched") << " of " << text(v, "total_tables") << " tables match\n";
    return equal ? 0 : 1;
  });
}

int diffCommand(const std::vector<std::string>& args) {
  int code = 0;
  const auto a = parseOr(args, {"url", "exclude-schemas"}, {"help", "json"}, kDiffHelp, 2, 2, code);
  if (!a) return code;
  Json body{{"source_catalog", a->positional[0]}, {"destination_catalog", a->positional[1]}};
  if (auto v = a->value("exclude-schemas")) body["exclude_schemas"] = list(*v);
  const auto base = serverUrl(*a);
  return withServer(base, [&]() -> int {
    const auto r = call(base, "POST", "/api/diff", &body);
    if (r.status != 200) return fail(r);
    bool same = true;
    if (a->has("json")) std::cout << r.body.dump(2) << "\n";
    for (const char* kind : {"schemas", "tables", "views", "functions", "volumes"}) {
      for (const char* side : {"missing", "extra"}) {
        const auto key = std::string(side) + "_" + kind;
        if (!r.body.contains(key)) continue;
        for (const auto& name : r.body[key]) {
          same = false;
          if (!a->has("json")) {
            std::cout << (std::string(side) == "missing" ? "- " : "+ ") << kind << " "
                      << name.get<std::string>() << "\n";
          }
        }
      }
    }
    if (!a->has("json") && same) std::cout << "no differences\n";
    return same ? 0 : 1;
  });
}

int rollbackCommand(const std::vector<std::string>& args) {
  int code = 0;
  const auto a = parseOr(args, {"url"}, {"help", "json", "drop-catalog", "no-wait"}, kRollbackHelp,
                         0, 1, code);
  if (!a) return code;
  const auto base = serverUrl(*a);
  return withServer(base, [&]() -> int {
    if (a->positional.empty()) {
      const auto r = call(base, "GET", "/api/rollback/logs");
      if (r.status != 200) return fail(r);
      if (a->has("json")) {
        std::cout << r.body.dump(2) << "\n";
        return 0;
      }
      std::cout << std::left << std::setw(42) << "ROLLBACK ID" << std::setw(26) << "TIMESTAMP"
                << std::setw(26) << "STATUS"
                << "SOURCE -> DESTINATION\n";
      for (const auto& l : r.body) {
        std::cout << std::setw(42) << text(l, "rollback_id") << std::setw(26)
                  << text(l, "timestamp") << std::setw(26) << text(l, "status")
                  << text(l, "source_catalog") << " -> " << text(l, "destination_catalog") << "\n";
      }
      return 0;
    }
    const Json body{{"rollback_id", a->positional[0]}, {"drop_catalog", a->has("drop-catalog")}};
    return submitAndFollow(base, *a, "/api/rollback", body);
  });
}

}  // namespace clxs::kernel
