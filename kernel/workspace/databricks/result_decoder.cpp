#include "kernel/workspace/databricks/result_decoder.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include "clxs/text.hpp"
#include "kernel/workspace/databricks/type_text.hpp"

namespace clxs::kernel::databricks {
namespace {

Json integer(const std::string& text) {
  std::int64_t v = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return text;
  return v;
}

Json floating(const std::string& text) {
  // Non-finite values have no JSON number; the text is the faithful value.
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.back()))) {
    return text;
  }
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v)) return text;
    return v;
  } catch (const std::exception&) {
    return text;
  }
}

Json parsedNumber(const std::string& text) {
  try {
    Json v = Json::parse(text);
    if (v.is_number()) return v;
  } catch (const Json::exception&) {
  }
  return text;
}

Json parsedNested(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::exception&) {
    return text;
  }
}

}  // namespace

ValueKind valueKind(const std::string& typeName) {
  const std::string t = upperAscii(typeName);
  if (t == "LONG" || t == "INT" || t == "SHORT" || t == "BYTE") return ValueKind::Integer;
  if (t == "DOUBLE" || t == "FLOAT") return ValueKind::Float;
  if (t == "DECIMAL") return ValueKind::Decimal;
  if (t == "BOOLEAN") return ValueKind::Boolean;
  if (t == "ARRAY" || t == "MAP" || t == "STRUCT") return ValueKind::Nested;
  if (t == "NULL") return ValueKind::Null;
  return ValueKind::Text;
}

Json decodeValue(const Json& value, ValueKind kind) {
  if (value.is_null()) return nullptr;
  if (!value.is_string()) return value;
  const auto& text = value.get_ref<const std::string&>();
  switch (kind) {
    case ValueKind::Integer:
      return integer(text);
    case ValueKind::Float:
      return floating(text);
    case ValueKind::Decimal:
      return parsedNumber(text);
    case ValueKind::Boolean:
      if (text == "true") return true;
      if (text == "false") return false;
      return text;
    case ValueKind::Nested:
      return parsedNested(text);
    case ValueKind::Null:
      return nullptr;
    case ValueKind::Text:
      return text;
  }
  return text;
}

ResultDecoder::ResultDecoder(const Json& manifest) {
  if (!manifest.is_object()) return;
  const auto schema = manifest.find("schema");
  if (schema == manifest.end() || !schema->is_object()) return;
  const auto cols = schema->find("columns");
  if (cols == schema->end() || !cols->is_array()) return;
  std::vector<const Json*> ordered;
  for (const auto& c : *cols) ordered.push_back(&c);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Json* a, const Json* b) {
    return a->value("position", 0) < b->value("position", 0);
  });
  for (const Json* c : ordered) {
    const std::string typeName = c->value("type_name", "");
    columns_.push_back({c->value("name", ""), columnType(c->value("type_text", ""), typeName)});
    kinds_.push_back(valueKind(typeName));
  }
}

void ResultDecoder::append(const Json& dataArray, std::vector<std::vector<Json>>& rows) const {
  if (!dataArray.is_array()) return;
  for (const auto& row : dataArray) {
    std::vector<Json> out;
    if (!row.is_array()) continue;
    out.reserve(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      out.push_back(decodeValue(row[i], i < kinds_.size() ? kinds_[i] : ValueKind::Text));
    }
    rows.push_back(std::move(out));
  }
}

}  // namespace clxs::kernel::databricks
