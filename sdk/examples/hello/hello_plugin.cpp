// The smallest useful clxs plugin: two routes, one typed request, no state.
#include <clxs/sdk.hpp>
#include <string>

namespace {

// POST /api/hello/echo {"text": "hi", "times": 2}. The one declaration below validates the
// body (422 on bad input), documents it in /openapi.json and parses it into this struct.
struct EchoRequest {
  std::string text;
  int times = 1;  // the default when the field is absent
  static const clxs::Schema<EchoRequest>& schema() {
    static const auto s =
        clxs::Schema<EchoRequest>("HelloEcho")
            .field("text", &EchoRequest::text,
                   clxs::Field::string().required().minLength(1).maxLength(1000).describe(
                       "Text to echo"))
            .field("times", &EchoRequest::times,
                   clxs::Field::integer().min(1).max(5).describe("How many times to repeat it"));
    return s;
  }
};

class HelloPlugin final : public clxs::Plugin {
 public:
  // name, version, description, comma-separated dependencies
  static constexpr clxs::PluginInfo kInfo{"hello", "1.0.0", "Example plugin: says hello", ""};

  void start(clxs::Host& host) override {
    // GET /api/hello?name=Ada -> {"message": "Hello, Ada!", "plugin": "hello"}
    host.routes()
        .get("/api/hello")
        .summary("Say hello")
        .description("Greets `name` (default: world).")
        .query("name", clxs::Field::string().maxLength(100).defaultsTo("world").describe(
                           "Who to greet"))
        .handle([](const clxs::Request& req) {
          std::string name = req.query().value("name", std::string("world"));
          if (name.empty()) name = "world";
          return clxs::Json{{"message", "Hello, " + name + "!"}, {"plugin", "hello"}};
        });

    host.routes()
        .post("/api/hello/echo")
        .summary("Echo text back")
        .description("Repeats `text` `times` times, separated by spaces.")
        .body<EchoRequest>()
        .handle([](const clxs::Request&, const EchoRequest& body) {
          std::string out = body.text;
          for (int i = 1; i < body.times; ++i) out += " " + body.text;
          return clxs::Json{{"echo", out}, {"times", body.times}, {"plugin", "hello"}};
        });
  }
};

}  // namespace

CLXS_PLUGIN(HelloPlugin)
