#include "plugins/generate/demo_request.hpp"

#include <algorithm>
#include <chrono>
#include <regex>

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::generate {
namespace {

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

[[noreturn]] void invalid(const std::string& field, const std::string& msg) {
  throw unprocessable(Json::array({"body", field}), msg);
}

// A principal or catalog name the kernel's model cannot bound: 1 to 255 characters, no NUL.
bool isPlainName(const std::string& s) {
  return !s.empty() && s.size() <= 255 && s.find('\0') == std::string::npos;
}

// What the model cannot express, in the order the original reports it.
void checkDemoRequest(const DemoRequest& r) {
  if (r.industries.empty()) invalid("industries", "List should have at least 1 item");
  for (std::size_t i = 0; i < r.industries.size(); ++i) {
    if (findIndustry(lowerAscii(r.industries[i])) == nullptr) {
      throw unprocessable(Json::array({"body", "industries", i}),
                          "Unknown industry '" + r.industries[i] +
                              "'; valid industries: " + joined(industryNames()),
                          "enum");
    }
  }
  if (r.owner && !isPlainName(*r.owner)) {
    invalid("owner", "Owner must be a principal name of 1 to 255 characters");
  }
  // The model bounds it above only: the lower bound is exclusive.
  if (!(r.scaleFactor > 0)) {
    invalid("scale_factor", "scale_factor must be greater than 0 and at most 10");
  }
  if (!isIsoDate(r.startDate)) invalid("start_date", "start_date must be a date as YYYY-MM-DD");
  if (!isIsoDate(r.endDate)) invalid("end_date", "end_date must be a date as YYYY-MM-DD");
  if (daysBetween(r.startDate, r.endDate) <= 0) {
    invalid("end_date", "end_date must be after start_date");
  }
  if (r.destCatalog) {
    if (!isPlainName(*r.destCatalog)) {
      invalid("dest_catalog", "dest_catalog must be 1 to 255 characters without NUL");
    }
    // Unity Catalog names are case-insensitive, so `Demo` and `demo` are the same catalog.
    if (lowerAscii(*r.destCatalog) == lowerAscii(r.catalog)) {
      invalid("dest_catalog", "dest_catalog must differ from catalog_name");
    }
  }
}

}  // namespace

const Schema<DemoRequest>& DemoRequest::schema() {
  static const auto s =
      Schema<DemoRequest>("DemoDataRequest")
          .field("catalog_name", &DemoRequest::catalog,
                 Field::string()
                     .required()
                     .maxLength(255)
                     .pattern(kCatalogPattern)
                     .describe("Name of the catalog to create"))
          .field(
              "industries", &DemoRequest::industries,
              Field::array(Field::string())
                  .nullable()
                  .describe("Industries to generate (default: all 10): " + joined(industryNames())))
          .field("owner", &DemoRequest::owner, "Set as catalog owner")
          .field("scale_factor", &DemoRequest::scaleFactor,
                 Field::number()
                     .max(kMaxScaleFactor)
                     .describe("Row multiplier, 0 < x <= 10 (1.0 is about 1.9 billion rows)"))
          .field("batch_size", &DemoRequest::batchSize,
                 Field::integer()
                     .min(static_cast<double>(kMinBatchSize))
                     .max(static_cast<double>(kMaxBatchSize))
                     .describe("Rows per INSERT batch"))
          .field("max_workers", &DemoRequest::maxWorkers,
                 Field::integer().min(1).max(kMaxWorkers).describe("Statements run in parallel"))
          .field("storage_location", &DemoRequest::storageLocation,
                 "Optional managed location of the catalog")
          .field("warehouse_id", &DemoRequest::warehouseId, "Override SQL warehouse")
          .field("drop_existing", &DemoRequest::dropExisting, "Drop an existing catalog first")
          .field("medallion", &DemoRequest::medallion, "Generate bronze/silver/gold schemas")
          .field("create_functions", &DemoRequest::createFunctions, "Generate SQL UDFs")
          .field("create_volumes", &DemoRequest::createVolumes,
                 "Generate volumes and write sample files into them")
          .field("start_date", &DemoRequest::startDate,
                 "Start of generated date range (YYYY-MM-DD)")
          .field("end_date", &DemoRequest::endDate, "End of generated date range (YYYY-MM-DD)")
          .field("dest_catalog", &DemoRequest::destCatalog,
                 "Optional destination catalog: clone the generated catalog there afterwards")
          .field("quality_issues", &DemoRequest::qualityIssues,
                 "Inject data-quality issues into each industry's three largest tables: NULL "
                 "status where key % 100 = 0, amounts x1000 where key % 1000 = 0, 100 "
                 "duplicated rows")
          .field("near_duplicates", &DemoRequest::nearDuplicates,
                 "Add 20 near-duplicate people (typos, swapped names) to each people table")
          .field("scd2", &DemoRequest::scd2,
                 "Give up to three tables valid_from, valid_to, is_current and an earlier "
                 "version of every tenth key")
          .field("seasonal_spikes", &DemoRequest::seasonalSpikes,
                 "Add min(rows, max(1000, rows / 20)) rows dated in the industry's peak months "
                 "to its largest table with a date (healthcare, retail, energy, education, "
                 "insurance)")
          .field("cross_industry", &DemoRequest::crossIndustry,
                 "Create the cross_industry schema: per pair of industries (up to five), people "
                 "per state in both")
          .field("data_catalog", &DemoRequest::dataCatalog,
                 "Create the data_catalog schema: table, column, schema and PII inventories")
          .check(checkDemoRequest);
  return s;
}

DemoRequest DemoRequest::normalised() const {
  DemoRequest r = *this;
  r.industries.clear();
  for (const auto& name : industries) {
    const std::string lower = lowerAscii(name);
    if (std::find(r.industries.begin(), r.industries.end(), lower) == r.industries.end()) {
      r.industries.push_back(lower);
    }
  }
  if (r.storageLocation && r.storageLocation->empty()) r.storageLocation.reset();
  if (r.warehouseId && r.warehouseId->empty()) r.warehouseId.reset();
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
