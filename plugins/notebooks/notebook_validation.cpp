#include "plugins/notebooks/notebook_validation.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>

#include "clxs/error.hpp"

namespace clxs::notebooks {
namespace {

// Counts UTF-8 code points, so the limit means characters as a user sees them.
std::size_t utf8Length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Json cellLoc(std::size_t index, const char* field) {
  Json loc = Json::array({"body", "cells", index});
  if (field != nullptr) loc.push_back(field);
  return loc;
}

}  // namespace

std::string validateTitle(const Json& title) {
  const Json loc = Json::array({"body", "title"});
  if (!title.is_string()) throw unprocessable(loc, "Title must be a string.", "string_type");
  const auto& s = title.get_ref<const std::string&>();
  const bool blank =
      std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
  if (blank) throw unprocessable(loc, "Title must not be empty.", "string_too_short");
  if (utf8Length(s) > kMaxTitleLength) {
    throw unprocessable(loc, "Title must be at most 500 characters.", "string_too_long");
  }
  return s;
}

Json normaliseCells(const Json& cells, const std::function<std::string()>& newId) {
  if (!cells.is_array()) {
    throw unprocessable(Json::array({"body", "cells"}), "Cells must be an array.", "list_type");
  }
  Json out = Json::array();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Json& cell = cells[i];
    if (!cell.is_object()) {
      throw unprocessable(cellLoc(i, nullptr), "Each cell must be an object.", "dict_type");
    }
    std::string id;
    if (auto it = cell.find("id"); it != cell.end() && !it->is_null()) {
      if (!it->is_string()) {
        throw unprocessable(cellLoc(i, "id"), "Cell id must be a string.", "string_type");
      }
      id = it->get<std::string>();
    }
    if (id.empty()) id = newId();

    auto type = cell.find("type");
    if (type == cell.end() || type->is_null()) {
      throw unprocessable(cellLoc(i, "type"), "Field required", "missing");
    }
    const std::string kind = type->is_string() ? lower(type->get<std::string>()) : std::string();
    if (kind != "sql" && kind != "markdown") {
      throw unprocessable(cellLoc(i, "type"), "Cell type must be 'sql' or 'markdown'.",
                          "literal_error");
    }

    auto content = cell.find("content");
    if (content == cell.end() || content->is_null()) {
      throw unprocessable(cellLoc(i, "content"), "Field required", "missing");
    }
    if (!content->is_string()) {
      throw unprocessable(cellLoc(i, "content"), "Cell content must be a string.", "string_type");
    }
    out.push_back(Json{{"id", id}, {"type", kind}, {"content", *content}});
  }
  return out;
}

}  // namespace clxs::notebooks
