// A complete clxs plugin: a typed route, a job, a table, a schedule and a service it uses.
#include <clxs/sdk.hpp>
#include <clxs/services/table_comparison.hpp>

namespace {
using namespace clxs;

struct CheckRequest {  // POST /api/hello/check {"source": "c.s.t", "destination": "d.s.t"}
  std::string source, destination;
  static const Schema<CheckRequest>& schema() {
    static const auto s =
        Schema<CheckRequest>("HelloCheck")
            .field("source", &CheckRequest::source, Field::string().required().describe("A table"))
            .field("destination", &CheckRequest::destination,
                   Field::string().required().describe("Its copy"));
    return s;
  }
};

class HelloPlugin final : public Plugin {
 public:
  static constexpr PluginInfo kInfo{"hello", "1.0.0", "Checks copies of tables",
                                    "",      nullptr, services::TableComparer::kServiceName};
  void start(Host& host) override {
    host.store().migrate(
        {{1, "CREATE TABLE hello_checks (source TEXT, destination TEXT, matched INT)"}});
    host.routes()
        .post("/api/hello/check")
        .summary("Compare a table with its copy, as a job")
        .body<CheckRequest>()
        .mutates()
        .handle([&host](const Request& req, const CheckRequest& b) {
          auto comparer = host.services().get<services::TableComparer>();  // 503 while it is off
          auto job = [&host, comparer, ws = req.workspace(), b](JobContext& ctx) {
            const CallOptions call{.cancel = &ctx.cancellation()};
            const services::TablePair pair{ws->table(b.source, call),
                                           ws->table(b.destination, call)};
            const auto result = comparer->compare(*ws, *ws, pair, {}, call);
            host.store().execute("INSERT INTO hello_checks VALUES (?, ?, ?)",
                                 {b.source, b.destination, result.match});
            return JobOutcome::completed(result.toJson());
          };
          return Json{{"job_id", host.jobs().submit(JobSpec{.type = "hello.check"}, job)}};
        });
    host.scheduler().schedule(
        "daily-summary", {.cron = "0 6 * * *"}, [&host](const ScheduleFiring&) {
          host.log().info("copies checked",
                          host.store().query("SELECT COUNT(*) AS n FROM hello_checks")[0]);
        });
  }
};
}  // namespace

CLXS_PLUGIN(HelloPlugin)
