#include "plugins/generate/sample_files.hpp"

namespace clxs::generate {
namespace {

std::string csvField(const Json& v) {
  if (v.is_null()) return {};
  const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string toCsv(const ResultSet& rows) {
  std::string out;
  for (std::size_t i = 0; i < rows.columns.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += csvField(Json(rows.columns[i].name));
  }
  out += "\r\n";
  for (const auto& row : rows.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out.push_back(',');
      out += csvField(row[i]);
    }
    out += "\r\n";
  }
  return out;
}

std::string toJsonLines(const ResultSet& rows) {
  std::string out;
  for (const auto& o : rows.objects()) out += o.dump() + "\n";
  return out;
}

}  // namespace clxs::generate
