// to_char and to_number with Spark's number formats (`99G999D9S`, `$99.99`, `000D00`), as
// engine functions over spark_number_format. The format is a literal the translation has
// already checked; the engine functions parse it once per chunk.
#include <optional>
#include <string>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/spark_number_format.hpp"

namespace clxs::kernel {

namespace {

// The format of a chunk: every row has the same one, as the translation passes a literal.
std::optional<spark_number::NumberFormat> chunkFormat(duckdb_function_info info,
                                                      duckdb_data_chunk input) {
  duckdb_vector formats = duckdb_data_chunk_get_vector(input, 1);
  try {
    return spark_number::NumberFormat::parse(bytesAt(formats, 0));
  } catch (const spark_number::FormatError& e) {
    failRows(info, e.what());
    return std::nullopt;
  }
}

// to_char(number, format): the number as plain decimal text, written by the format.
void toCharRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const idx_t rows = duckdb_data_chunk_get_size(input);
  if (rows == 0) return;
  const auto format = chunkFormat(info, input);
  if (!format) return;
  duckdb_vector numbers = duckdb_data_chunk_get_vector(input, 0);
  try {
    for (idx_t r = 0; r < rows; ++r) {
      if (!rowHasValues(input, r, output)) continue;
      const std::string text = format->write(bytesAt(numbers, r));
      duckdb_vector_assign_string_element_len(output, r, text.data(), text.size());
    }
  } catch (const std::exception& e) {
    failRows(info, std::string("[INTERNAL_ERROR] to_char could not write the number: ") + e.what() +
                       ". SQLSTATE: XX000");
  }
}

// to_number(text, format[, orNull]): the text read by the format as plain decimal text (the
// translation casts it to the format's DECIMAL); a mismatch is NULL or Databricks' error.
void toNumberRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const idx_t rows = duckdb_data_chunk_get_size(input);
  if (rows == 0) return;
  const auto format = chunkFormat(info, input);
  if (!format) return;
  duckdb_vector texts = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector formats = duckdb_data_chunk_get_vector(input, 1);
  duckdb_vector orNull = duckdb_data_chunk_get_vector(input, 2);
  for (idx_t r = 0; r < rows; ++r) {
    if (!rowHasValues(input, r, output)) continue;
    const auto value = format->read(bytesAt(texts, r));
    if (value) {
      duckdb_vector_assign_string_element_len(output, r, value->data(), value->size());
    } else if (vectorAt<bool>(orNull, r)) {
      duckdb_vector_ensure_validity_writable(output);
      duckdb_validity_set_row_invalid(duckdb_vector_get_validity(output), r);
    } else {
      failRows(info, spark_number::mismatchMessage(bytesAt(texts, r), bytesAt(formats, r)));
      return;
    }
  }
}

}  // namespace

void registerNumberFormatFunctions(duckdb_connection conn) {
  constexpr auto kText = DUCKDB_TYPE_VARCHAR;
  registerEngineFunction(conn, "clxs_spark_to_char", {{{kText, kText}, kText, toCharRows}});
  registerEngineFunction(conn, "clxs_spark_to_number",
                         {{{kText, kText, DUCKDB_TYPE_BOOLEAN}, kText, toNumberRows}});
}

}  // namespace clxs::kernel
