// The engine side of from_csv and to_csv (spark_csv does the text work): a record's fields,
// a struct's cells as text, and a record written from cells. The options come as the JSON the
// library writes from the call's options map ([["sep", ";"], …]).
#include <cstdint>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/java_text.hpp"
#include "kernel/workspace/local/functions/spark_csv.hpp"

namespace clxs::kernel {

namespace {

// The options of one chunk's rows (the same literal on every row), parsed once.
class ChunkOptions {
 public:
  explicit ChunkOptions(bool forWriting) : forWriting_(forWriting) {}

  const spark_csv::Options& at(duckdb_vector options, idx_t row) {
    const auto text = bytesAt(options, row);
    if (!parsed_ || text != text_) {
      text_ = std::string(text);
      std::vector<std::pair<std::string, std::string>> pairs;
      for (const auto& p : Json::parse(text_)) {
        pairs.emplace_back(p.at(0).get<std::string>(), p.at(1).get<std::string>());
      }
      parsed_ = spark_csv::parseOptions(pairs, forWriting_);
    }
    return *parsed_;
  }

 private:
  bool forWriting_;
  std::string text_;
  std::optional<spark_csv::Options> parsed_;
};

// Sets row `row` of a VARCHAR[] output to `items` (nullopt: a NULL element).
void setTextList(duckdb_vector output, idx_t row,
                 const std::vector<std::optional<std::string>>& items) {
  const idx_t offset = duckdb_list_vector_get_size(output);
  if (duckdb_list_vector_reserve(output, offset + items.size()) != DuckDBSuccess ||
      duckdb_list_vector_set_size(output, offset + items.size()) != DuckDBSuccess) {
    throw std::runtime_error("[INTERNAL_ERROR] The engine refused a list result. SQLSTATE: XX000");
  }
  duckdb_vector child = duckdb_list_vector_get_child(output);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i]) {
      duckdb_vector_assign_string_element_len(child, offset + i, items[i]->data(),
                                              items[i]->size());
    } else {
      setNull(child, offset + i);
    }
  }
  auto* entries = static_cast<duckdb_list_entry*>(duckdb_vector_get_data(output));
  entries[row] = duckdb_list_entry{offset, items.size()};
}

// clxs_spark_csv_fields(text, options): the record's fields, NULL for a null value.
void fieldsRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector texts = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector options = duckdb_data_chunk_get_vector(input, 1);
  ChunkOptions parsed(false);
  try {
    for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
      if (!rowHasValues(input, r, output)) continue;
      setTextList(output, r, spark_csv::readRecord(bytesAt(texts, r), parsed.at(options, r)));
    }
  } catch (const std::exception& e) {
    failRows(info, e.what());
  }
}

// A temporal cell: a marker byte and the engine's integer, formatted by the SQL around the
// call (it knows the session's zone and the pattern).
constexpr char kInstant = '\x01';    // TIMESTAMP: microseconds since the epoch
constexpr char kWallClock = '\x02';  // TIMESTAMP_NTZ: microseconds since the epoch
constexpr char kDate = '\x03';       // DATE: days since the epoch

// One struct field's value as to_csv writes it before quoting.
std::optional<std::string> cellText(duckdb_vector field, duckdb_logical_type type, idx_t row) {
  std::uint64_t* validity = duckdb_vector_get_validity(field);
  if (validity != nullptr && !duckdb_validity_row_is_valid(validity, row)) return std::nullopt;
  switch (duckdb_get_type_id(type)) {
    case DUCKDB_TYPE_BOOLEAN:
      return vectorAt<bool>(field, row) ? "true" : "false";
    case DUCKDB_TYPE_DOUBLE:
      return javaDoubleText(vectorAt<double>(field, row));
    case DUCKDB_TYPE_FLOAT:
      return javaFloatText(vectorAt<float>(field, row));
    case DUCKDB_TYPE_DATE:
      return kDate + std::to_string(vectorAt<std::int32_t>(field, row));
    case DUCKDB_TYPE_TIMESTAMP_TZ:
      return kInstant + std::to_string(vectorAt<std::int64_t>(field, row));
    case DUCKDB_TYPE_TIMESTAMP:
      return kWallClock + std::to_string(vectorAt<std::int64_t>(field, row));
    case DUCKDB_TYPE_VARCHAR:
      return std::string(bytesAt(field, row));
    case DUCKDB_TYPE_TINYINT:
    case DUCKDB_TYPE_SMALLINT:
    case DUCKDB_TYPE_INTEGER:
    case DUCKDB_TYPE_BIGINT:
    case DUCKDB_TYPE_HUGEINT:
    case DUCKDB_TYPE_DECIMAL: {
      const Json v = vectorValue(field, row);
      return v.is_string() ? v.get<std::string>() : v.dump();
    }
    default:
      throw std::invalid_argument(
          "[DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE] Cannot resolve \"to_csv\" due to data "
          "type mismatch: the input of `to_csv` can't be a struct with a field of type \"" +
          databricksTypeOf(type) + "\". SQLSTATE: 42K09");
  }
}

// clxs_spark_csv_cells(struct): each field's text (temporal values marked, see above).
void cellsRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector structs = duckdb_data_chunk_get_vector(input, 0);
  const TypeHandle type(duckdb_vector_get_column_type(structs));
  if (duckdb_get_type_id(type.get()) != DUCKDB_TYPE_STRUCT) {
    failRows(info,
             "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"to_csv\" due to data "
             "type mismatch: the first parameter requires the \"STRUCT\" type, however it has "
             "the type \"" +
                 databricksTypeOf(type.get()) + "\". SQLSTATE: 42K09");
    return;
  }
  const idx_t fields = duckdb_struct_type_child_count(type.get());
  std::deque<TypeHandle> fieldTypes;  // a TypeHandle does not move
  for (idx_t f = 0; f < fields; ++f) {
    fieldTypes.emplace_back(duckdb_struct_type_child_type(type.get(), f));
  }
  try {
    for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
      if (!rowHasValues(input, r, output)) continue;
      std::vector<std::optional<std::string>> cells;
      for (idx_t f = 0; f < fields; ++f) {
        cells.push_back(
            cellText(duckdb_struct_vector_get_child(structs, f), fieldTypes[f].get(), r));
      }
      setTextList(output, r, cells);
    }
  } catch (const std::exception& e) {
    failRows(info, e.what());
  }
}

// clxs_spark_csv_record(cells, options): the record to_csv writes (NULL when it writes
// nothing at all).
void recordRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector lists = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector options = duckdb_data_chunk_get_vector(input, 1);
  duckdb_vector elements = duckdb_list_vector_get_child(lists);
  std::uint64_t* valid = duckdb_vector_get_validity(elements);
  ChunkOptions parsed(true);
  try {
    for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
      if (!rowHasValues(input, r, output)) continue;
      const auto entry = vectorAt<duckdb_list_entry>(lists, r);
      std::vector<std::optional<std::string>> cells;
      for (idx_t i = entry.offset; i < entry.offset + entry.length; ++i) {
        if (valid != nullptr && !duckdb_validity_row_is_valid(valid, i)) {
          cells.emplace_back(std::nullopt);
        } else {
          cells.emplace_back(std::string(bytesAt(elements, i)));
        }
      }
      const auto record = spark_csv::writeRecord(cells, parsed.at(options, r));
      if (!record) {
        setNull(output, r);
        continue;
      }
      duckdb_vector_assign_string_element_len(output, r, record->data(), record->size());
    }
  } catch (const std::exception& e) {
    failRows(info, e.what());
  }
}

}  // namespace

void registerCsvFunctions(duckdb_connection conn) {
  constexpr auto kText = DUCKDB_TYPE_VARCHAR;
  const EngineType textList{DUCKDB_TYPE_LIST, kText};
  registerEngineFunction(conn, "clxs_spark_csv_fields", {{{kText, kText}, textList, fieldsRows}});
  registerEngineFunction(conn, "clxs_spark_csv_cells", {{{DUCKDB_TYPE_ANY}, textList, cellsRows}});
  registerEngineFunction(conn, "clxs_spark_csv_record", {{{textList, kText}, kText, recordRows}});
}

}  // namespace clxs::kernel
