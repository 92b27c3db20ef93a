#include "plugins/quality/iso_codes.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/json.hpp"

namespace clxs::quality {

namespace {

constexpr const char* kDataDir = "/usr/share/iso-codes/json/";

struct Source {
  const char* file;   // file under kDataDir
  const char* key;    // its top-level array
  const char* field;  // the code field of each entry
};

// Which file, array and field hold each (standard, format). ISO 639-1 codes are the alpha_2
// fields of the ISO 639-3 entries that have one.
Source sourceOf(IsoStandard standard, std::string_view format) {
  switch (standard) {
    case IsoStandard::Country:
      if (format == "alpha-2") return {"iso_3166-1.json", "3166-1", "alpha_2"};
      if (format == "alpha-3") return {"iso_3166-1.json", "3166-1", "alpha_3"};
      if (format == "numeric") return {"iso_3166-1.json", "3166-1", "numeric"};
      break;
    case IsoStandard::Currency:
      if (format == "alphabetic") return {"iso_4217.json", "4217", "alpha_3"};
      if (format == "numeric") return {"iso_4217.json", "4217", "numeric"};
      break;
    case IsoStandard::Language:
      if (format == "alpha-2") return {"iso_639-3.json", "639-3", "alpha_2"};
      if (format == "alpha-3") return {"iso_639-3.json", "639-3", "alpha_3"};
      break;
    case IsoStandard::Subdivision:
      if (format.empty()) return {"iso_3166-2.json", "3166-2", "code"};
      break;
  }
  throw unprocessable(
      Json::array({"body", "arguments", "code_format"}),
      "code_format must be one of " + isoFormats(standard) + ", not '" + std::string(format) + "'",
      "value_error");
}

std::vector<std::string> load(const Source& s) {
  const std::string path = std::string(kDataDir) + s.file;
  std::ifstream in(path);
  if (!in) {
    throw HttpError(503, "The ISO code lists are missing (" + path +
                             "); install the Debian package iso-codes (scripts/setup.sh does).");
  }
  const Json doc = Json::parse(in, nullptr, false);
  std::vector<std::string> out;
  if (doc.is_object() && doc.contains(s.key) && doc[s.key].is_array()) {
    for (const auto& e : doc[s.key]) {
      const auto it = e.find(s.field);
      if (it != e.end() && it->is_string()) out.push_back(it->get<std::string>());
    }
  }
  if (out.empty()) throw HttpError(503, "The ISO code list " + path + " could not be read.");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::string isoFormats(IsoStandard standard) {
  switch (standard) {
    case IsoStandard::Country:
      return "alpha-2, alpha-3, numeric";
    case IsoStandard::Currency:
      return "alphabetic, numeric";
    case IsoStandard::Language:
      return "alpha-2, alpha-3";
    case IsoStandard::Subdivision:
      return "(none)";
  }
  return "";
}

const std::vector<std::string>& isoCodes(IsoStandard standard, std::string_view format) {
  const Source s = sourceOf(standard, format);
  // Loaded once per list and kept for the process: a few hundred KB at most.
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, std::vector<std::string>> cache;
  const std::lock_guard lock(mutex);
  const auto key = std::make_pair(std::string(s.file), std::string(s.field));
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, load(s)).first;
  return it->second;
}

}  // namespace clxs::quality
