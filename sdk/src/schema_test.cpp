#include "clxs/schema.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "clxs/routes.hpp"
#include "tests/support/capture_routes.hpp"

namespace clxs {
namespace {

struct CatalogPair {
  std::string source;
  std::string destination;
  static const Schema<CatalogPair>& schema() {
    static const auto s =
        Schema<CatalogPair>("CatalogPair")
            .field("source_catalog", &CatalogPair::source,
                   Field::string().required().identifier().describe("Catalog to read"))
            .field("destination_catalog", &CatalogPair::destination,
                   Field::string().required().identifier().describe("Catalog to write"))
            .check([](const CatalogPair& p) {
              if (p.source == p.destination) {
                throw unprocessable({"body", "destination_catalog"},
                                    "destination_catalog must differ from source_catalog");
              }
            });
    return s;
  }
};

struct Limits {
  int rows = 10;
  static const Schema<Limits>& schema() {
    static const auto s = Schema<Limits>("Limits").field("rows", &Limits::rows, "Row limit");
    return s;
  }
};

struct CopyRequest {
  CatalogPair catalogs;
  bool dryRun = false;
  int parallel = 4;
  double ratio = 0.5;
  std::vector<std::string> schemas;
  std::optional<std::string> comment;
  Json extra;
  Limits limits;
  static const Schema<CopyRequest>& schema() {
    static const auto s =
        Schema<CopyRequest>("CopyRequest")
            .include(&CopyRequest::catalogs)
            .field("dry_run", &CopyRequest::dryRun, "Write nothing")
            .field("parallel", &CopyRequest::parallel,
                   Field::integer().min(1).max(64).describe("Tables at once"))
            .field("ratio", &CopyRequest::ratio,
                   Field::integer().describe("An integer fits a double"))
            .field("schemas", &CopyRequest::schemas, "Schemas to copy (all when empty)")
            .field("comment", &CopyRequest::comment, "Optional comment")
            .field("extra", &CopyRequest::extra, Field::object().describe("Free-form"))
            .field("limits", &CopyRequest::limits, "Nested limits");
    return s;
  }
};

TEST(Schema, OneDeclarationGivesTheModelWithDefaultsFromTheStruct) {
  const Model& m = CopyRequest::schema().model();
  EXPECT_EQ(m.name(), "CopyRequest");
  std::vector<std::string> names;
  for (const auto& [name, field] : m.fields()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"source_catalog", "destination_catalog", "dry_run",
                                             "parallel", "ratio", "schemas", "comment", "extra",
                                             "limits"}));
  const auto& fields = m.fields();
  EXPECT_TRUE(fields[0].second.isRequired());
  EXPECT_TRUE(fields[0].second.isIdentifier());
  EXPECT_EQ(fields[2].second.type(), FieldType::Boolean);
  EXPECT_EQ(*fields[2].second.defaultValue(), Json(false));
  EXPECT_EQ(*fields[3].second.defaultValue(), Json(4));
  EXPECT_EQ(*fields[3].second.maximum(), 64);
  EXPECT_EQ(fields[5].second.type(), FieldType::Array);
  EXPECT_EQ(fields[5].second.items().at(0).type(), FieldType::String);
  EXPECT_TRUE(fields[6].second.isNullable());
  EXPECT_FALSE(fields[6].second.defaultValue().has_value());
  EXPECT_EQ(fields[8].second.type(), FieldType::Object);
  EXPECT_EQ(fields[8].second.properties().at(0).first, "rows");
  EXPECT_EQ(fields[3].second.description(), "Tables at once");
}

TEST(Schema, ParsesAndSerialisesTheSameFields) {
  const Json body{{"source_catalog", "a"},
                  {"destination_catalog", "b"},
                  {"dry_run", true},
                  {"parallel", 8},
                  {"ratio", 2},
                  {"schemas", {"x", "y"}},
                  {"comment", nullptr},
                  {"extra", {{"k", 1}}},
                  {"limits", {{"rows", 3}}}};
  const CopyRequest r = CopyRequest::schema().parse(body);
  EXPECT_EQ(r.catalogs.source, "a");
  EXPECT_EQ(r.catalogs.destination, "b");
  EXPECT_TRUE(r.dryRun);
  EXPECT_EQ(r.parallel, 8);
  EXPECT_DOUBLE_EQ(r.ratio, 2.0);
  EXPECT_EQ(r.schemas, (std::vector<std::string>{"x", "y"}));
  EXPECT_FALSE(r.comment.has_value());
  EXPECT_EQ(r.extra, (Json{{"k", 1}}));
  EXPECT_EQ(r.limits.rows, 3);
  EXPECT_EQ(CopyRequest::schema().toJson(r), body);

  // Absent fields keep the struct's defaults.
  const CopyRequest d =
      CopyRequest::schema().parse({{"source_catalog", "a"}, {"destination_catalog", "b"}});
  EXPECT_FALSE(d.dryRun);
  EXPECT_EQ(d.parallel, 4);
  EXPECT_EQ(d.limits.rows, 10);
}

TEST(Schema, ChecksAcrossFieldsRejectWith422) {
  try {
    (void)CopyRequest::schema().parse({{"source_catalog", "a"}, {"destination_catalog", "a"}});
    FAIL() << "expected a 422";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.detail()[0]["loc"], (Json{"body", "destination_catalog"}));
  }
}

struct Misdeclared {
  std::string name;
};

TEST(Schema, AFieldDeclaredWithTheWrongTypeIsRefusedAtDeclaration) {
  EXPECT_THROW((void)Schema<Misdeclared>("Bad").field("name", &Misdeclared::name, Field::integer()),
               std::logic_error);
}

struct Greeting {
  std::string message;
  static const Schema<Greeting>& schema() {
    static const auto s =
        Schema<Greeting>("Greeting").field("message", &Greeting::message, "The greeting");
    return s;
  }
};

TEST(RouteBuilder, DeclaresBodyResponseAndMutatesAndParsesTheTypedBody) {
  testing::CaptureRoutes routes;
  routes.post("/api/copy")
      .summary("Copy")
      .description("Copies a catalog")
      .body<CopyRequest>()
      .returns<Greeting>()
      .mutates()
      .handle([](const Request&, const CopyRequest& body) {
        return Greeting{body.catalogs.source + "->" + body.catalogs.destination};
      });
  routes.get("/api/things/{id}")
      .summary("A thing")
      .pathParam("id", Field::integer().min(1))
      .query("limit", Field::integer().defaultsTo(10))
      .handle([](const Request& req) {
        return Json{{"id", req.param("id")}};
      });

  const RouteSpec& copy = routes.spec("POST /api/copy");
  EXPECT_EQ(copy.summary, "Copy");
  EXPECT_EQ(copy.description, "Copies a catalog");
  ASSERT_TRUE(copy.body.has_value());
  EXPECT_EQ(copy.body->name(), "CopyRequest");
  ASSERT_TRUE(copy.response.has_value());
  EXPECT_EQ(copy.response->name(), "Greeting");
  EXPECT_TRUE(copy.mutates);

  RequestParts parts;
  parts.body = Json{{"source_catalog", "a"}, {"destination_catalog", "b"}};
  const Response ok = routes.call("POST /api/copy", parts);
  EXPECT_EQ(ok.status(), 200);
  EXPECT_EQ(ok.body(), (Json{{"message", "a->b"}}));

  parts.body = Json{{"source_catalog", "a"}, {"destination_catalog", "a"}};
  const Response bad = routes.call("POST /api/copy", parts);
  EXPECT_EQ(bad.status(), 422);

  const RouteSpec& thing = routes.spec("GET /api/things/{id}");
  EXPECT_FALSE(thing.mutates);
  ASSERT_EQ(thing.pathParams.size(), 1U);
  ASSERT_EQ(thing.query.size(), 1U);
  RequestParts get;
  get.pathParams = {{"id", "7"}};
  EXPECT_EQ(routes.call("GET /api/things/{id}", get).body(), (Json{{"id", "7"}}));
}

}  // namespace
}  // namespace clxs
