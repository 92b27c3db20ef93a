// A complete clxs plugin: a typed route, a job, a table, a schedule and a service it uses.
#include <clxs/sdk.hpp>
#include <clxs/services/table_comparison.hpp>
using namespace clxs;

struct CheckRequest {  // POST /api/hello/check {"source": "c.s.t", "destination": "c.s.u"}
  std::string source, destination;
  static const Schema<CheckRequest>& schema() {
    static const auto s = Schema<CheckRequest>("HelloCheck")
                              .required("source", &CheckRequest::source, "A table")
                              .required("destination", &CheckRequest::destination, "Its copy");
    return s;
  }
};
struct HelloPlugin final : Plugin {
  static constexpr PluginInfo kInfo{"hello", "1.0.0", "Checks copies of tables",
                                    "",      nullptr, services::TableComparer::kServiceName};
  void start(Host& host) override {
    host.store().migrate({{1, "CREATE TABLE hello_checks (source TEXT, ok INT)"}});
    host.routes()
        .post("/api/hello/check")
        .body<CheckRequest>()
        .mutates()
        .handle([&host](const Request& req, const CheckRequest& b) {
          auto cmp = host.services().get<services::TableComparer>();  // 503 while it is off
          auto job = [&host, cmp, ws = req.workspace(), src = ObjectName::parse(b.source),
                      dst = ObjectName::parse(b.destination)](JobContext& ctx) {  // 400: not c.s.t
            const CallOptions call{.cancel = &ctx.cancellation()};
            auto& uc = ws->catalog();  // the workspace's Unity Catalog service
            auto r = cmp->compare(*ws, *ws, {uc.table(src, call), uc.table(dst, call)}, {}, call);
            host.store().execute("INSERT INTO hello_checks VALUES (?, ?)", {src.dotted(), r.match});
            return JobOutcome::completed(r.toJson());
          };
          return Json{{"job_id", host.jobs().submit(JobSpec{.type = "hello.check"}, job)}};
        });
    host.scheduler().schedule("daily", {.cron = "0 6 * * *"}, [&host](const ScheduleFiring&) {
      host.log().info("checked", host.store().query("SELECT COUNT(*) AS n FROM hello_checks")[0]);
    });
  }
};
CLXS_PLUGIN(HelloPlugin)
