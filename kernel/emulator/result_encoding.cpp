#include "kernel/emulator/result_encoding.hpp"

#include <algorithm>
#include <map>

#include "clxs/text.hpp"
#include "kernel/emulator/arrow_stream.hpp"

namespace clxs::kernel::emulator {

std::string columnTypeName(std::string_view typeText) {
  const auto cut = typeText.find_first_of("(<");
  auto base = upperAscii(typeText.substr(0, cut));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  static const std::map<std::string, std::string> kNames{{"BIGINT", "LONG"},
                                                         {"LONG", "LONG"},
                                                         {"INTEGER", "INT"},
                                                         {"INT", "INT"},
                                                         {"SMALLINT", "SHORT"},
                                                         {"SHORT", "SHORT"},
                                                         {"TINYINT", "BYTE"},
                                                         {"BYTE", "BYTE"},
                                                         {"DOUBLE", "DOUBLE"},
                                                         {"FLOAT", "FLOAT"},
                                                         {"REAL", "FLOAT"},
                                                         {"DECIMAL", "DECIMAL"},
                                                         {"DEC", "DECIMAL"},
                                                         {"NUMERIC", "DECIMAL"},
                                                         {"BOOLEAN", "BOOLEAN"},
                                                         {"STRING", "STRING"},
                                                         {"VARCHAR", "STRING"},
                                                         {"DATE", "DATE"},
                                                         {"TIMESTAMP", "TIMESTAMP"},
                                                         {"TIMESTAMP_LTZ", "TIMESTAMP"},
                                                         {"TIMESTAMP_NTZ", "TIMESTAMP_NTZ"},
                                                         {"BINARY", "BINARY"},
                                                         {"ARRAY", "ARRAY"},
                                                         {"MAP", "MAP"},
                                                         {"STRUCT", "STRUCT"}};
  const auto it = kNames.find(base);
  return it == kNames.end() ? "STRING" : it->second;
}

bool decimalPrecision(const std::string& typeText, int& precision, int& scale) {
  const auto open = typeText.find('(');
  const auto comma = typeText.find(',', open);
  if (open == std::string::npos || comma == std::string::npos) return false;
  try {
    precision = std::stoi(typeText.substr(open + 1, comma - open - 1));
    scale = std::stoi(typeText.substr(comma + 1));
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

Json encodeValue(const Json& value) {
  if (value.is_null()) return nullptr;
  if (value.is_string()) return value;
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

EncodedResult::EncodedResult(const ResultSet& result, std::size_t chunkRows, bool truncated,
                             ResultFormat format, std::optional<std::size_t> byteLimit)
    : columns_(result.columns),
      chunkRows_(std::max<std::size_t>(1, chunkRows)),
      truncated_(truncated),
      format_(format) {
  rows_.reserve(result.rows.size());
  std::size_t bytes = 2;  // the brackets of the whole array
  for (const auto& row : result.rows) {
    Json encoded = Json::array();
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      encoded.push_back(i < row.size() ? encodeValue(row[i]) : Json(nullptr));
    }
    // Databricks counts its internal representation; the JSON text of the rows stands in.
    if (byteLimit) {
      bytes += encoded.dump().size() + (rows_.empty() ? 0 : 1);
      if (bytes > *byteLimit) {
        truncated_ = true;
        break;
      }
    }
    rows_.push_back(std::move(encoded));
  }
  // Every status poll of an EXTERNAL_LINKS statement reports these; the result never changes.
  chunkBytes_.reserve(chunkCount());
  for (std::size_t i = 0; i < chunkCount(); ++i) chunkBytes_.push_back(chunkText(i).size());
}

std::size_t EncodedResult::chunkCount() const {
  return (rows_.size() + chunkRows_ - 1) / chunkRows_;
}

std::size_t EncodedResult::chunkRowCount(std::size_t index) const {
  const auto first = rowOffset(index);
  if (first >= rows_.size()) return 0;
  return std::min(chunkRows_, rows_.size() - first);
}

Json EncodedResult::dataArray(std::size_t index) const {
  Json out = Json::array();
  const auto first = rowOffset(index);
  for (std::size_t i = 0; i < chunkRowCount(index); ++i) out.push_back(rows_[first + i]);
  return out;
}

std::size_t EncodedResult::chunkByteCount(std::size_t index) const {
  return index < chunkBytes_.size() ? chunkBytes_[index] : 0;
}

std::size_t EncodedResult::totalByteCount() const {
  std::size_t total = 0;
  for (const auto b : chunkBytes_) total += b;
  return total;
}

namespace {

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, with
// quotes doubled.
void appendCsvField(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out.push_back('"');
  for (const char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

std::string EncodedResult::chunkText(std::size_t index) const {
  if (format_ == ResultFormat::JsonArray) return dataArray(index).dump();
  if (format_ == ResultFormat::ArrowStream) {
    return arrowStream(columns_, rows_, rowOffset(index), chunkRowCount(index));
  }
  std::string out;
  const auto line = [&](const auto& fields, const auto& text) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out.push_back(',');
      appendCsvField(out, text(fields[i]));
    }
    out.push_back('\n');
  };
  if (index == 0) line(columns_, [](const ResultColumn& c) { return c.name; });
  const auto first = rowOffset(index);
  for (std::size_t r = 0; r < chunkRowCount(index); ++r) {
    line(rows_[first + r],
         [](const Json& v) { return v.is_null() ? std::string("null") : v.get<std::string>(); });
  }
  return out;
}

Json EncodedResult::manifest(bool withBytes) const {
  Json columns = Json::array();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const auto& c = columns_[i];
    const auto typeName = columnTypeName(c.type);
    Json column{{"name", c.name},
                {"position", i},
                {"type_name", typeName},
                {"type_text", c.type.empty() ? std::string("STRING") : c.type}};
    int precision = 0;
    int scale = 0;
    if (typeName == "DECIMAL" && decimalPrecision(c.type, precision, scale)) {
      column["type_precision"] = precision;
      column["type_scale"] = scale;
    }
    columns.push_back(std::move(column));
  }
  Json chunks = Json::array();
  std::size_t totalBytes = 0;
  for (std::size_t i = 0; i < chunkCount(); ++i) {
    Json chunk{{"chunk_index", i}, {"row_offset", rowOffset(i)}, {"row_count", chunkRowCount(i)}};
    if (withBytes) {
      const auto bytes = chunkByteCount(i);
      totalBytes += bytes;
      chunk["byte_count"] = bytes;
    }
    chunks.push_back(std::move(chunk));
  }
  const char* format = format_ == ResultFormat::Csv           ? "CSV"
                       : format_ == ResultFormat::ArrowStream ? "ARROW_STREAM"
                                                              : "JSON_ARRAY";
  Json out{{"format", format},
           {"schema", {{"column_count", columns_.size()}, {"columns", columns}}},
           {"total_chunk_count", chunkCount()},
           {"total_row_count", rows_.size()},
           {"chunks", chunks}};
  if (withBytes) out["total_byte_count"] = totalBytes;
  out["truncated"] = truncated_;
  return out;
}

}  // namespace clxs::kernel::emulator
