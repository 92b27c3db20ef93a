#include "kernel/cli/emulate_command.hpp"

#include <iostream>
#include <stdexcept>

#include "kernel/app/server_options.hpp"
#include "kernel/cli/arguments.hpp"
#include "kernel/cli/stop_signals.hpp"
#include "kernel/emulator/emulator_server.hpp"

namespace clxs::kernel {

namespace {

constexpr const char* kEmulateHelp = R"(usage: clxs emulate [options]

Serves the local workspace (the one `clxs serve` and `clxs sql` use) over the Databricks
REST API, with optional fault injection, so Databricks tooling can run against it in tests
and CI: point it at DATABRICKS_HOST=http://HOST:PORT with DATABRICKS_TOKEN=T (or
DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET for OAuth M2M).

Emulated, by API (paths under /api; any other path answers 404 ENDPOINT_NOT_FOUND):
  Statement Execution 2.0  POST /2.0/sql/statements, GET /{id}, POST /{id}/cancel,
                           GET /{id}/result/chunks/{n}: synchronous, asynchronous (0s) and
                           on_wait_timeout CONTINUE|CANCEL; INLINE (JSON_ARRAY, up to 25 MiB)
                           and EXTERNAL_LINKS (JSON_ARRAY, CSV or ARROW_STREAM, pre-signed,
                           fetched without the token); named parameters, row_limit, byte_limit
                           ARROW_STREAM types numbers, booleans, decimals, dates and
                           timestamps; binary, interval and complex columns are Utf8 text
                           400: CSV or ARROW_STREAM with INLINE, as on Databricks
  SQL warehouses           GET /2.0/sql/warehouses[/{id}], POST /{id}/start, POST /{id}/stop
  Unity Catalog 2.1        under /2.1/unity-catalog:
                           catalogs, schemas, volumes: list, get, create, update (owner,
                           comment), delete (force for non-empty catalogs and schemas);
                           functions: list, get, create (SQL functions), update (owner),
                           delete; tables: list, get, exists, table-summaries, update (owner),
                           delete; permissions (GET, PATCH) and effective-permissions;
                           entity-tag-assignments on catalogs, schemas, tables, columns and
                           volumes (list, get, create, update, delete); metastore_summary,
                           current-metastore-assignment; external-locations,
                           storage-credentials, connections, models, shares and recipients
                           listed (the local workspace has none)
                           501 NOT_IMPLEMENTED: new_name (renames), properties, options,
                           isolation_mode ISOLATED, enable_predictive_optimization,
                           foreign and Delta Sharing catalogs, non-SQL and table functions,
                           parameter defaults; POST /tables; writes to external-locations,
                           storage-credentials, credentials, connections, models, shares,
                           recipients, providers, constraints, metastores, bindings,
                           workspace-bindings, artifact-allowlists, policies, online-tables
                           and system-schemas
  Files                    PUT, GET, HEAD /2.0/fs/files/Volumes/...; PUT, GET, HEAD
                           /2.0/fs/directories/Volumes/...
                           501 NOT_IMPLEMENTED: DELETE of files and directories
  Identity and others      GET /2.0/preview/scim/v2/Me; GET /2.0/serving-endpoints and
                           /2.0/genie/spaces (empty lists)
  OAuth (no /api prefix)   GET /.well-known/databricks-config (host metadata),
                           GET /oidc/.well-known/oauth-authorization-server,
                           POST /oidc/v1/token (client_credentials, client id and secret in
                           HTTP Basic or in the form)

Every /api request needs Authorization: Bearer with the --token PAT (any token when none is
set) or an unexpired OAuth token the emulator issued; otherwise 401 UNAUTHENTICATED. Errors
have Databricks' shape {"error_code", "message"} with its HTTP status.

options:
  --host HOST              address to bind (default 127.0.0.1)
  --port N                 port (default 8090; 0 picks a free port)
  --port-file PATH         write the bound port to PATH once listening
  --data-dir DIR           state directory (default: $CLXS_DATA_DIR, else
                           ~/.local/share/clxs); the workspace is DIR/local
  --token T                the only personal access token accepted (default: any)
  --client-id ID           OAuth M2M client id (with --client-secret; default: M2M off)
  --client-secret S        OAuth M2M client secret
  --token-ttl-s N          lifetime of issued OAuth tokens (default 3600)
  --latency-ms N           delay added to every /api/ request (default 0)
  --error-rate R           fraction of /api/ requests answered 503 or 429 (default 0)
  --fail-statement-rate R  fraction of statements failed without running (default 0)
  --retry-after-s N        Retry-After of injected errors (default 1)
  --chunk-rows N           rows per result chunk (default 10000)
  --page-size N            Unity Catalog list page size (default 50)
  --empty-pages on|off     fault: sometimes answer an empty list page with a token, to a
                           client that pages with max_results (default off); a list call
                           without max_results always gets the whole list
  --warehouse-start-ms N   how long the warehouse stays STARTING (default 500)
  --warehouses N           warehouses listed, 1 to 20 (default 1); all run on the one engine,
                           for clients that must choose one
  --seed N                 seed of the fault and paging choices (default 1)
  --help                   show this help

Admin routes (loopback, no auth): GET /_emulator/stats, POST /_emulator/faults
{error_rate, fail_statement_rate, latency_ms, retry_after_s}, POST /_emulator/reset-stats.
)";

long long integer(const Arguments& a, const std::string& name, long long fallback, long long min,
                  long long max) {
  const auto v = a.value(name);
  if (!v) return fallback;
  std::size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(*v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v->size() || n < min || n > max) {
    throw std::invalid_argument("--" + name + " must be an integer from " + std::to_string(min) +
                                " to " + std::to_string(max));
  }
  return n;
}

double rate(const Arguments& a, const std::string& name) {
  const auto v = a.value(name);
  if (!v) return 0.0;
  std::size_t used = 0;
  double r = -1;
  try {
    r = std::stod(*v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v->size() || r < 0.0 || r > 1.0) {
    throw std::invalid_argument("--" + name + " must be a number from 0 to 1");
  }
  return r;
}

emulator::EmulatorOptions parseOptions(const Arguments& a) {
  emulator::EmulatorOptions o;
  o.host = a.value("host").value_or("127.0.0.1");
  o.port = static_cast<int>(integer(a, "port", 8090, 0, 65535));
  ServerOptions paths;
  paths.dataDir = a.value("data-dir").value_or("");
  resolveDefaults(paths);
  o.dataDir = paths.dataDir;
  o.auth.token = a.value("token").value_or("");
  o.auth.clientId = a.value("client-id").value_or("");
  o.auth.clientSecret = a.value("client-secret").value_or("");
  if (o.auth.clientId.empty() != o.auth.clientSecret.empty()) {
    throw std::invalid_argument("--client-id and --client-secret go together");
  }
  o.auth.tokenTtlSeconds = static_cast<int>(integer(a, "token-ttl-s", 3600, 1, 86400LL * 30));
  o.faults.latencyMs = static_cast<int>(integer(a, "latency-ms", 0, 0, 600000));
  o.faults.errorRate = rate(a, "error-rate");
  o.faults.failStatementRate = rate(a, "fail-statement-rate");
  o.faults.retryAfterS = static_cast<int>(integer(a, "retry-after-s", 1, 0, 3600));
  o.chunkRows = static_cast<std::size_t>(integer(a, "chunk-rows", 10000, 1, 10000000));
  o.pageSize = static_cast<int>(integer(a, "page-size", 50, 1, 1000));
  const auto empty = a.value("empty-pages").value_or("off");
  if (empty != "on" && empty != "off") throw std::invalid_argument("--empty-pages is on or off");
  o.emptyPages = empty == "on";
  o.warehouseStartDelay =
      std::chrono::milliseconds(integer(a, "warehouse-start-ms", 500, 0, 600000));
  o.seed = static_cast<std::uint64_t>(integer(a, "seed", 1, 0, INT64_MAX));
  o.warehouses = static_cast<int>(integer(a, "warehouses", 1, 1, 20));
  return o;
}

}  // namespace

int emulateCommand(const std::vector<std::string>& args) {
  Arguments a;
  emulator::EmulatorOptions options;
  try {
    a = Arguments::parse(
        args,
        {"host", "port", "port-file", "data-dir", "token", "client-id", "client-secret",
         "token-ttl-s", "latency-ms", "error-rate", "fail-statement-rate", "retry-after-s",
         "chunk-rows", "page-size", "empty-pages", "warehouse-start-ms", "seed", "warehouses"},
        {"help"});
    if (a.has("help")) {
      std::cout << kEmulateHelp;
      return 0;
    }
    if (!a.positional.empty()) {
      throw std::invalid_argument("unexpected argument '" + a.positional[0] + "'");
    }
    options = parseOptions(a);
  } catch (const std::exception& e) {
    std::cerr << "clxs emulate: " << e.what() << "\n" << kEmulateHelp;
    return 2;
  }

  StopSignals stopSignals;

  try {
    std::filesystem::create_directories(options.dataDir);
    const auto host = options.host;
    emulator::EmulatorServer server(std::move(options));
    const int port = server.start();
    if (const auto file = a.value("port-file")) writePortFile(*file, port);
    std::cout << "clxs emulate listening on http://" << host << ":" << port << std::endl;
    const int sig = stopSignals.wait();
    std::cerr << "clxs emulate: stopping (signal " << sig << ")\n";
    server.stop();
  } catch (const std::exception& e) {
    std::cerr << "clxs emulate: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace clxs::kernel
