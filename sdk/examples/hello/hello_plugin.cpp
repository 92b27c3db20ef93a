// The smallest useful clxs plugin: two routes, one request model, no state.
#include <clxs/sdk.hpp>
#include <string>
#include <utility>

namespace {

clxs::RouteSpec route(clxs::Method method, std::string path, std::string summary,
                      std::string description) {
  clxs::RouteSpec spec;
  spec.method = method;
  spec.path = std::move(path);
  spec.summary = std::move(summary);
  spec.description = std::move(description);
  return spec;
}

class HelloPlugin final : public clxs::Plugin {
 public:
  // name, version, description, comma-separated dependencies
  static constexpr clxs::PluginInfo kInfo{"hello", "1.0.0", "Example plugin: says hello", ""};

  void start(clxs::Host& host) override {
    // GET /api/hello?name=Ada -> {"message": "Hello, Ada!", "plugin": "hello"}
    auto greet =
        route(clxs::Method::Get, "/api/hello", "Say hello", "Greets `name` (default: world).");
    greet.query = {{"name", clxs::Field::string().maxLength(100).defaultsTo("world").describe(
                                "Who to greet")}};
    host.routes().add(std::move(greet), [](const clxs::Request& req) -> clxs::Response {
      std::string name = req.query().value("name", std::string("world"));
      if (name.empty()) name = "world";
      return clxs::Json{{"message", "Hello, " + name + "!"}, {"plugin", "hello"}};
    });

    // POST /api/hello/echo {"text": "hi", "times": 2} -> {"echo": "hi hi", ...}
    // The kernel validates the body against the model (422 on bad input) and fills
    // defaults before the handler runs, so the handler can trust the types.
    auto echo = route(clxs::Method::Post, "/api/hello/echo", "Echo text back",
                      "Repeats `text` `times` times, separated by spaces.");
    echo.body =
        clxs::Model("HelloEcho")
            .field("text", clxs::Field::string().required().minLength(1).maxLength(1000).describe(
                               "Text to echo"))
            .field("times", clxs::Field::integer().min(1).max(5).defaultsTo(1).describe(
                                "How many times to repeat it"));
    host.routes().add(std::move(echo), [](const clxs::Request& req) -> clxs::Response {
      const std::string text = req.body().at("text").get<std::string>();
      const int times = req.body().value("times", 1);
      if (times < 1 || times > 5) throw clxs::badRequest("times must be between 1 and 5");
      std::string out = text;
      for (int i = 1; i < times; ++i) out += " " + text;
      return clxs::Json{{"echo", out}, {"times", times}, {"plugin", "hello"}};
    });
  }
};

}  // namespace

CLXS_PLUGIN(HelloPlugin)
