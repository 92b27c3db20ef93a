// Engine functions over bytes: aes_encrypt and aes_decrypt (OpenSSL, in Spark's layouts:
// spark_aes) and Spark's 32768-bit bitmaps (spark_bitmap). The bitmap aggregates are a list
// aggregate (DuckDB's `list`) folded by one of these, so they need no aggregate state here.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/spark_aes.hpp"
#include "kernel/workspace/local/functions/spark_bitmap.hpp"

namespace clxs::kernel {

namespace {

void setBytes(duckdb_vector output, idx_t row, const std::string& bytes) {
  duckdb_vector_assign_string_element_len(output, row, bytes.data(), bytes.size());
}

// aes_encrypt(input, key[, mode[, padding[, iv[, aad]]]]) and aes_decrypt(input, key[, mode
// [, padding[, aad]]]): STRING or BINARY arguments, the ones left out as Spark defaults them.
template <bool kEncrypt>
void aesRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const idx_t columns = duckdb_data_chunk_get_column_count(input);
  for (idx_t c = 0; c < columns; ++c) {
    const TypeHandle type(duckdb_vector_get_column_type(duckdb_data_chunk_get_vector(input, c)));
    const duckdb_type id = duckdb_get_type_id(type.get());
    if (id != DUCKDB_TYPE_VARCHAR && id != DUCKDB_TYPE_BLOB && id != DUCKDB_TYPE_SQLNULL) {
      failRows(info, std::string("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"") +
                         (kEncrypt ? "aes_encrypt" : "aes_decrypt") +
                         "\" due to data type mismatch: its parameters require the \"STRING\" "
                         "or \"BINARY\" type, however one has the type \"" +
                         databricksTypeOf(type.get()) + "\". SQLSTATE: 42K09");
      return;
    }
  }
  const auto arg = [&](idx_t c, idx_t r, std::string_view fallback) {
    return c < columns ? bytesAt(duckdb_data_chunk_get_vector(input, c), r) : fallback;
  };
  const idx_t rows = duckdb_data_chunk_get_size(input);
  try {
    for (idx_t r = 0; r < rows; ++r) {
      if (!rowHasValues(input, r, output)) continue;
      if constexpr (kEncrypt) {
        setBytes(output, r,
                 spark_aes::encrypt(arg(0, r, {}), arg(1, r, {}), arg(2, r, "GCM"),
                                    arg(3, r, "DEFAULT"), arg(4, r, {}), arg(5, r, {})));
      } else {
        setBytes(output, r,
                 spark_aes::decrypt(arg(0, r, {}), arg(1, r, {}), arg(2, r, "GCM"),
                                    arg(3, r, "DEFAULT"), arg(4, r, {})));
      }
    }
  } catch (const spark_aes::AesError& e) {
    failRows(info, e.what());
  }
}

void bitPositionRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<std::int64_t*>(duckdb_vector_get_data(output));
  duckdb_vector values = duckdb_data_chunk_get_vector(input, 0);
  for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
    if (rowHasValues(input, r, output)) {
      out[r] = spark_bitmap::bitPosition(vectorAt<std::int64_t>(values, r));
    }
  }
}

void bucketNumberRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<std::int64_t*>(duckdb_vector_get_data(output));
  duckdb_vector values = duckdb_data_chunk_get_vector(input, 0);
  for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
    if (rowHasValues(input, r, output)) {
      out[r] = spark_bitmap::bucketNumber(vectorAt<std::int64_t>(values, r));
    }
  }
}

void bitmapCountRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<std::int64_t*>(duckdb_vector_get_data(output));
  duckdb_vector values = duckdb_data_chunk_get_vector(input, 0);
  for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
    if (rowHasValues(input, r, output)) out[r] = spark_bitmap::count(bytesAt(values, r));
  }
}

// The non-NULL elements of the list at `row`, each read by `read(elements, index)`.
template <class T, class Read>
std::vector<T> listElements(duckdb_vector lists, idx_t row, Read read) {
  const auto entry = vectorAt<duckdb_list_entry>(lists, row);
  duckdb_vector elements = duckdb_list_vector_get_child(lists);
  std::uint64_t* validity = duckdb_vector_get_validity(elements);
  std::vector<T> out;
  out.reserve(entry.length);
  for (idx_t i = entry.offset; i < entry.offset + entry.length; ++i) {
    if (validity == nullptr || duckdb_validity_row_is_valid(validity, i)) {
      out.push_back(read(elements, i));
    }
  }
  return out;
}

// bitmap_construct_agg: the bits of a group's positions set.
void fromPositionsRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector lists = duckdb_data_chunk_get_vector(input, 0);
  try {
    for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
      if (!rowHasValues(input, r, output)) continue;
      const auto positions = listElements<std::int64_t>(
          lists, r, [](duckdb_vector v, idx_t i) { return vectorAt<std::int64_t>(v, i); });
      setBytes(output, r, spark_bitmap::fromPositions(positions));
    }
  } catch (const spark_bitmap::BitmapError& e) {
    failRows(info, e.what());
  }
}

// bitmap_or_agg and bitmap_and_agg: a group's bitmaps folded.
template <bool kOr>
void foldRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector lists = duckdb_data_chunk_get_vector(input, 0);
  for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
    if (!rowHasValues(input, r, output)) continue;
    const auto bitmaps = listElements<std::string_view>(lists, r, bytesAt);
    setBytes(output, r, kOr ? spark_bitmap::orAll(bitmaps) : spark_bitmap::andAll(bitmaps));
  }
}

}  // namespace

void registerCryptoAndBitmapFunctions(duckdb_connection conn) {
  constexpr auto kLong = DUCKDB_TYPE_BIGINT;
  constexpr auto kBytes = DUCKDB_TYPE_BLOB;
  registerEngineFunction(conn, "clxs_spark_aes_encrypt",
                         {{{DUCKDB_TYPE_ANY}, kBytes, aesRows<true>, true}});
  registerEngineFunction(conn, "clxs_spark_aes_decrypt",
                         {{{DUCKDB_TYPE_ANY}, kBytes, aesRows<false>, true}});
  registerEngineFunction(conn, "clxs_spark_bitmap_bit_position",
                         {{{kLong}, kLong, bitPositionRows}});
  registerEngineFunction(conn, "clxs_spark_bitmap_bucket_number",
                         {{{kLong}, kLong, bucketNumberRows}});
  registerEngineFunction(conn, "clxs_spark_bitmap_count", {{{kBytes}, kLong, bitmapCountRows}});
  registerEngineFunction(conn, "clxs_spark_bitmap_from_positions",
                         {{{{DUCKDB_TYPE_LIST, kLong}}, kBytes, fromPositionsRows}});
  registerEngineFunction(conn, "clxs_spark_bitmap_or",
                         {{{{DUCKDB_TYPE_LIST, kBytes}}, kBytes, foldRows<true>}});
  registerEngineFunction(conn, "clxs_spark_bitmap_and",
                         {{{{DUCKDB_TYPE_LIST, kBytes}}, kBytes, foldRows<false>}});
}

}  // namespace clxs::kernel
