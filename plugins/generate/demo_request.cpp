#include "plugins/generate/demo_request.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <regex>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/generate/industry_catalog.hpp"

namespace clxs::generate {
namespace {

Json loc(const std::string& field) {
  return Json::array({"body", field});
}

[[noreturn]] void invalid(const std::string& field, const std::string& msg) {
  throw unprocessable(loc(field), msg);
}

std::optional<std::string> optionalString(const Json& body, const std::string& field) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) invalid(field, "Input should be a valid string");
  return it->get<std::string>();
}

template <typename T>
T valueOr(const Json& body, const std::string& field, T fallback) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const Json::exception&) {
    invalid(field, "Input has the wrong type");
  }
}

bool bodyFlag(const Json& body, const std::string& field, bool fallback) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) invalid(field, "Input should be a valid boolean");
  return it->get<bool>();
}

std::optional<std::chrono::sys_days> parseDate(std::string_view text) {
  static const std::regex kShape(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(text.begin(), text.end(), kShape)) return std::nullopt;
  const int y = std::stoi(std::string(text.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool isPlainIdentifier(const std::string& s) {
  static const std::regex kPattern(kCatalogPattern);
  return std::regex_match(s, kPattern);
}

std::vector<std::string> parseIndustries(const Json& body) {
  const auto it = body.find("industries");
  if (it == body.end() || it->is_null()) return industryNames();
  if (!it->is_array()) invalid("industries", "Input should be a valid list");
  if (it->empty()) invalid("industries", "List should have at least 1 item");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& v = (*it)[i];
    const Json at = Json::array({"body", "industries", i});
    if (!v.is_string()) throw unprocessable(at, "Input should be a valid string");
    const std::string name = lowerAscii(v.get<std::string>());
    if (findIndustry(name) == nullptr) {
      throw unprocessable(at,
                          "Unknown industry '" + v.get<std::string>() +
                              "'; valid industries: " + joined(industryNames()),
                          "enum");
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

}  // namespace

Json DemoRequest::toJson() const {
  auto opt = [](const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); };
  return Json{{"catalog_name", catalog},
              {"industries", industries},
              {"owner", opt(owner)},
              {"scale_factor", scaleFactor},
              {"batch_size", batchSize},
              {"max_workers", maxWorkers},
              {"storage_location", opt(storageLocation)},
              {"warehouse_id", opt(warehouseId)},
              {"drop_existing", dropExisting},
              {"medallion", medallion},
              {"create_functions", createFunctions},
              {"create_volumes", createVolumes},
              {"start_date", startDate},
              {"end_date", endDate},
              {"dest_catalog", opt(destCatalog)}};
}

Model demoDataModel() {
  return Model("DemoDataRequest")
      .field("catalog_name", Field::string()
                                 .required()
                                 .maxLength(255)
                                 .pattern(kCatalogPattern)
                                 .describe("Name of the catalog to create"))
      .field("industries",
             Field::array(Field::string())
                 .nullable()
                 .describe("Industries to generate (default: all 10): " + joined(industryNames())))
      .field("owner", Field::string().nullable().describe("Set as catalog owner"))
      .field("scale_factor",
             Field::number()
                 .defaultsTo(1.0)
                 .max(kMaxScaleFactor)
                 .describe("Row multiplier, 0 < x <= 10 (1.0 is about 1.9 billion rows)"))
      .field("batch_size", Field::integer()
                               .defaultsTo(5'000'000)
                               .min(static_cast<double>(kMinBatchSize))
                               .max(static_cast<double>(kMaxBatchSize))
                               .describe("Rows per INSERT batch"))
      .field("max_workers", Field::integer()
                                .defaultsTo(4)
                                .min(1)
                                .max(kMaxWorkers)
                                .describe("Statements run in parallel"))
      .field("storage_location",
             Field::string().nullable().describe("Optional managed location of the catalog"))
      .field("warehouse_id", Field::string().nullable().describe("Override SQL warehouse"))
      .field("drop_existing",
             Field::boolean().defaultsTo(false).describe("Drop an existing catalog first"))
      .field("medallion",
             Field::boolean().defaultsTo(true).describe("Generate bronze/silver/gold schemas"))
      .field("create_functions", Field::boolean().defaultsTo(true).describe("Generate SQL UDFs"))
      .field("create_volumes", Field::boolean().defaultsTo(true).describe(
                                   "Generate volumes and write sample files into them"))
      .field("start_date", Field::string()
                               .defaultsTo("2020-01-01")
                               .describe("Start of generated date range (YYYY-MM-DD)"))
      .field("end_date", Field::string()
                             .defaultsTo("2025-01-01")
                             .describe("End of generated date range (YYYY-MM-DD)"))
      .field("dest_catalog",
             Field::string().nullable().describe(
                 "Optional destination catalog: clone the generated catalog there afterwards"));
}

DemoRequest parseDemoRequest(const Json& body) {
  if (!body.is_object()) {
    throw unprocessable(Json::array({"body"}), "Input should be a valid dictionary");
  }
  DemoRequest r;
  const auto catalog = optionalString(body, "catalog_name");
  if (!catalog) invalid("catalog_name", "Field required");
  if (catalog->size() > 255 || !isPlainIdentifier(*catalog)) {
    invalid("catalog_name",
            "Catalog name must start with a letter or underscore and contain only letters, "
            "digits and underscores");
  }
  r.catalog = *catalog;
  r.industries = parseIndustries(body);

  r.owner = optionalString(body, "owner");
  if (r.owner &&
      (r.owner->empty() || r.owner->size() > 255 || r.owner->find('\0') != std::string::npos)) {
    invalid("owner", "Owner must be a principal name of 1 to 255 characters");
  }
  r.scaleFactor = valueOr<double>(body, "scale_factor", 1.0);
  if (!(r.scaleFactor > 0) || r.scaleFactor > kMaxScaleFactor || !std::isfinite(r.scaleFactor)) {
    invalid("scale_factor", "scale_factor must be greater than 0 and at most 10");
  }
  r.batchSize = valueOr<std::int64_t>(body, "batch_size", 5'000'000);
  if (r.batchSize < kMinBatchSize || r.batchSize > kMaxBatchSize) {
    invalid("batch_size", "batch_size must be between 1000 and 50000000");
  }
  r.maxWorkers = valueOr<int>(body, "max_workers", 4);
  if (r.maxWorkers < 1 || r.maxWorkers > kMaxWorkers) {
    invalid("max_workers", "max_workers must be between 1 and 16");
  }
  r.storageLocation = optionalString(body, "storage_location");
  if (r.storageLocation && r.storageLocation->empty()) r.storageLocation.reset();
  r.warehouseId = optionalString(body, "warehouse_id");
  if (r.warehouseId && r.warehouseId->empty()) r.warehouseId.reset();
  r.dropExisting = bodyFlag(body, "drop_existing", false);
  r.medallion = bodyFlag(body, "medallion", true);
  r.createFunctions = bodyFlag(body, "create_functions", true);
  r.createVolumes = bodyFlag(body, "create_volumes", true);

  r.startDate = optionalString(body, "start_date").value_or("2020-01-01");
  r.endDate = optionalString(body, "end_date").value_or("2025-01-01");
  if (!isIsoDate(r.startDate)) invalid("start_date", "start_date must be a date as YYYY-MM-DD");
  if (!isIsoDate(r.endDate)) invalid("end_date", "end_date must be a date as YYYY-MM-DD");
  if (daysBetween(r.startDate, r.endDate) <= 0) {
    invalid("end_date", "end_date must be after start_date");
  }

  r.destCatalog = optionalString(body, "dest_catalog");
  if (r.destCatalog) {
    if (r.destCatalog->empty() || r.destCatalog->size() > 255 ||
        r.destCatalog->find('\0') != std::string::npos) {
      invalid("dest_catalog", "dest_catalog must be 1 to 255 characters without NUL");
    }
    // Unity Catalog names are case-insensitive, so `Demo` and `demo` are the same catalog.
    if (lowerAscii(*r.destCatalog) == lowerAscii(r.catalog)) {
      invalid("dest_catalog", "dest_catalog must differ from catalog_name");
    }
  }
  return r;
}

bool isIsoDate(std::string_view text) {
  return parseDate(text).has_value();
}

std::int64_t daysBetween(std::string_view start, std::string_view end) {
  const auto a = parseDate(start);
  const auto b = parseDate(end);
  if (!a || !b) return 0;
  return (*b - *a).count();
}

}  // namespace clxs::generate
