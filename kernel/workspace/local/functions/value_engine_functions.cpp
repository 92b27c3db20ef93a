// The engine functions about a value as a whole: Spark's hash, xxhash64 and crc32 values, UTF-8
// validation of strings and binary, and typeof with Spark's type names.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "clxs/utf8.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/spark_hashes.hpp"

namespace clxs::kernel {

namespace {

enum class Algorithm { Murmur3, XxHash64 };

// A value of a type Spark's hash does not take: the function fails with this class.
struct UnhashableType {
  std::string type;
};

// Java's BigInteger.toByteArray: the shortest big-endian two's complement bytes.
std::string bigIntegerBytes(__int128 v) {
  std::string out;
  for (int i = 15; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  std::size_t skip = 0;
  while (skip + 1 < out.size()) {
    const auto first = static_cast<unsigned char>(out[skip]);
    const auto next = static_cast<unsigned char>(out[skip + 1]);
    if (!((first == 0x00 && next < 0x80) || (first == 0xFF && next >= 0x80))) break;
    ++skip;
  }
  return out.substr(skip);
}

// Folds the value at `row` of `vector` into `seed` as Spark's hash expressions do: a NULL
// leaves the seed as it is; an array, map or struct folds its elements (a map's key, then its
// value) in order.
class Folder {
 public:
  explicit Folder(Algorithm algorithm) : algorithm_(algorithm) {}

  std::int64_t fold(duckdb_vector vector, duckdb_logical_type type, idx_t row,
                    std::int64_t seed) const {
    std::uint64_t* validity = duckdb_vector_get_validity(vector);
    if (validity != nullptr && !duckdb_validity_row_is_valid(validity, row)) return seed;
    switch (duckdb_get_type_id(type)) {
      case DUCKDB_TYPE_BOOLEAN:
        return ofInt(vectorAt<bool>(vector, row) ? 1 : 0, seed);
      case DUCKDB_TYPE_TINYINT:
        return ofInt(vectorAt<std::int8_t>(vector, row), seed);
      case DUCKDB_TYPE_UTINYINT:
        return ofInt(vectorAt<std::uint8_t>(vector, row), seed);
      case DUCKDB_TYPE_SMALLINT:
        return ofInt(vectorAt<std::int16_t>(vector, row), seed);
      case DUCKDB_TYPE_USMALLINT:
        return ofInt(vectorAt<std::uint16_t>(vector, row), seed);
      case DUCKDB_TYPE_INTEGER:
      case DUCKDB_TYPE_DATE:  // days since the epoch, as Spark keeps a DATE
        return ofInt(vectorAt<std::int32_t>(vector, row), seed);
      case DUCKDB_TYPE_UINTEGER:
        return ofLong(vectorAt<std::uint32_t>(vector, row), seed);
      case DUCKDB_TYPE_BIGINT:
      case DUCKDB_TYPE_TIMESTAMP:  // microseconds since the epoch, as Spark keeps both kinds
      case DUCKDB_TYPE_TIMESTAMP_TZ:
        return ofLong(vectorAt<std::int64_t>(vector, row), seed);
      case DUCKDB_TYPE_HUGEINT:  // a sum of integers, a BIGINT in Spark
        return ofLong(static_cast<std::int64_t>(hugeint(vectorAt<duckdb_hugeint>(vector, row))),
                      seed);
      case DUCKDB_TYPE_FLOAT:
        return ofInt(spark_hash::floatBits(vectorAt<float>(vector, row)), seed);
      case DUCKDB_TYPE_DOUBLE:
        return ofLong(spark_hash::doubleBits(vectorAt<double>(vector, row)), seed);
      case DUCKDB_TYPE_DECIMAL:
        return ofDecimal(vector, type, row, seed);
      case DUCKDB_TYPE_VARCHAR:
      case DUCKDB_TYPE_BLOB:
        return ofBytes(bytesAt(vector, row), seed);
      case DUCKDB_TYPE_LIST: {
        const auto entry = vectorAt<duckdb_list_entry>(vector, row);
        const TypeHandle child(duckdb_list_type_child_type(type));
        duckdb_vector elements = duckdb_list_vector_get_child(vector);
        for (idx_t i = entry.offset; i < entry.offset + entry.length; ++i) {
          seed = fold(elements, child.get(), i, seed);
        }
        return seed;
      }
      case DUCKDB_TYPE_ARRAY: {
        const idx_t size = duckdb_array_type_array_size(type);
        const TypeHandle child(duckdb_array_type_child_type(type));
        duckdb_vector elements = duckdb_array_vector_get_child(vector);
        for (idx_t i = row * size; i < (row + 1) * size; ++i) {
          seed = fold(elements, child.get(), i, seed);
        }
        return seed;
      }
      case DUCKDB_TYPE_MAP: {
        const auto entry = vectorAt<duckdb_list_entry>(vector, row);
        const TypeHandle keyType(duckdb_map_type_key_type(type));
        const TypeHandle valueType(duckdb_map_type_value_type(type));
        duckdb_vector entries = duckdb_list_vector_get_child(vector);
        duckdb_vector keys = duckdb_struct_vector_get_child(entries, 0);
        duckdb_vector values = duckdb_struct_vector_get_child(entries, 1);
        for (idx_t i = entry.offset; i < entry.offset + entry.length; ++i) {
          seed = fold(keys, keyType.get(), i, seed);
          seed = fold(values, valueType.get(), i, seed);
        }
        return seed;
      }
      case DUCKDB_TYPE_STRUCT: {
        const idx_t n = duckdb_struct_type_child_count(type);
        for (idx_t i = 0; i < n; ++i) {
          const TypeHandle field(duckdb_struct_type_child_type(type, i));
          seed = fold(duckdb_struct_vector_get_child(vector, i), field.get(), row, seed);
        }
        return seed;
      }
      default:
        throw UnhashableType{databricksTypeOf(type)};
    }
  }

 private:
  std::int64_t ofInt(std::int32_t v, std::int64_t seed) const {
    return algorithm_ == Algorithm::Murmur3
               ? spark_hash::murmur3Int(v, static_cast<std::int32_t>(seed))
               : spark_hash::xxhash64Int(v, seed);
  }
  std::int64_t ofLong(std::int64_t v, std::int64_t seed) const {
    return algorithm_ == Algorithm::Murmur3
               ? spark_hash::murmur3Long(v, static_cast<std::int32_t>(seed))
               : spark_hash::xxhash64Long(v, seed);
  }
  std::int64_t ofBytes(std::string_view v, std::int64_t seed) const {
    return algorithm_ == Algorithm::Murmur3
               ? spark_hash::murmur3Bytes(v, static_cast<std::int32_t>(seed))
               : spark_hash::xxhash64Bytes(v, seed);
  }
  // Spark hashes a DECIMAL of precision up to 18 by its unscaled long, a wider one by the
  // bytes of its unscaled BigInteger.
  std::int64_t ofDecimal(duckdb_vector vector, duckdb_logical_type type, idx_t row,
                         std::int64_t seed) const {
    const __int128 unscaled = unscaledDecimal(vector, type, row);
    if (duckdb_decimal_width(type) <= 18) return ofLong(static_cast<std::int64_t>(unscaled), seed);
    return ofBytes(bigIntegerBytes(unscaled), seed);
  }

  Algorithm algorithm_;
};

// hash(...) and xxhash64(...): every row folds its arguments into Spark's seed, 42.
template <Algorithm kAlgorithm>
void hashRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const idx_t rows = duckdb_data_chunk_get_size(input);
  const idx_t columns = duckdb_data_chunk_get_column_count(input);
  const Folder folder(kAlgorithm);
  try {
    for (idx_t r = 0; r < rows; ++r) {
      auto seed = static_cast<std::int64_t>(spark_hash::kSeed);
      for (idx_t c = 0; c < columns; ++c) {
        duckdb_vector vector = duckdb_data_chunk_get_vector(input, c);
        const TypeHandle type(duckdb_vector_get_column_type(vector));
        seed = folder.fold(vector, type.get(), r, seed);
      }
      if constexpr (kAlgorithm == Algorithm::Murmur3) {
        static_cast<std::int32_t*>(duckdb_vector_get_data(output))[r] =
            static_cast<std::int32_t>(seed);
      } else {
        static_cast<std::int64_t*>(duckdb_vector_get_data(output))[r] = seed;
      }
    }
  } catch (const UnhashableType& e) {
    // No exception may cross into the engine: it fails the statement with this text.
    const std::string message = std::string("[UNSUPPORTED_FEATURE] ") +
                                (kAlgorithm == Algorithm::Murmur3 ? "hash" : "xxhash64") +
                                " of a value of the type " + e.type +
                                " is not supported on the local workspace. SQLSTATE: 0A000";
    failRows(info, message);
  }
}

// The bytes of a STRING or BINARY argument at every row; false (with the function's error
// set) for any other type. `each(row, bytes)` sees non-NULL rows only; NULL rows are NULL.
template <class Each>
bool eachText(duckdb_function_info info, const char* function, duckdb_data_chunk input,
              duckdb_vector output, Each each) {
  duckdb_vector vector = duckdb_data_chunk_get_vector(input, 0);
  const TypeHandle type(duckdb_vector_get_column_type(vector));
  const duckdb_type id = duckdb_get_type_id(type.get());
  if (id != DUCKDB_TYPE_VARCHAR && id != DUCKDB_TYPE_BLOB) {
    const std::string message =
        std::string("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"") + function +
        "\" due to data type mismatch: the first parameter requires the \"STRING\" or "
        "\"BINARY\" type, however it has the type \"" +
        databricksTypeOf(type.get()) + "\". SQLSTATE: 42K09";
    failRows(info, message);
    return false;
  }
  std::uint64_t* validity = duckdb_vector_get_validity(vector);
  const idx_t rows = duckdb_data_chunk_get_size(input);
  for (idx_t r = 0; r < rows; ++r) {
    if (validity != nullptr && !duckdb_validity_row_is_valid(validity, r)) {
      duckdb_vector_ensure_validity_writable(output);
      duckdb_validity_set_row_invalid(duckdb_vector_get_validity(output), r);
      continue;
    }
    if (!each(r, bytesAt(vector, r))) return false;
  }
  return true;
}

// crc32(binary or string).
void crc32Rows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<std::int64_t*>(duckdb_vector_get_data(output));
  eachText(info, "crc32", input, output, [&](idx_t r, std::string_view bytes) {
    out[r] = spark_hash::crc32(bytes);
    return true;
  });
}

// is_valid_utf8(string or binary).
void isValidUtf8Rows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<bool*>(duckdb_vector_get_data(output));
  eachText(info, "is_valid_utf8", input, output, [&](idx_t r, std::string_view bytes) {
    out[r] = isValidUtf8(bytes);
    return true;
  });
}

// make_valid_utf8: each ill-formed sequence becomes U+FFFD.
void makeValidUtf8Rows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  eachText(info, "make_valid_utf8", input, output, [&](idx_t r, std::string_view bytes) {
    const std::string text = makeValidUtf8(bytes);
    duckdb_vector_assign_string_element_len(output, r, text.data(), text.size());
    return true;
  });
}

// validate_utf8: the text when well formed, else Databricks' INVALID_UTF8_STRING naming the
// bytes (try_validate_utf8 is its TRY form).
void validateUtf8Rows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  eachText(info, "validate_utf8", input, output, [&](idx_t r, std::string_view bytes) {
    if (!isValidUtf8(bytes)) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string shown;
      for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        shown += "\\x";
        shown.push_back(kHex[b >> 4]);
        shown.push_back(kHex[b & 0xF]);
      }
      const std::string message =
          "[INVALID_UTF8_STRING] Invalid UTF8 byte sequence found in "
          "string: " +
          shown + ". SQLSTATE: 22029";
      failRows(info, message);
      return false;
    }
    duckdb_vector_assign_string_element_len(output, r, bytes.data(), bytes.size());
    return true;
  });
}

// typeof(x): Spark's name of the argument's type, whatever its value (NULL included).
void typeofRows(duckdb_function_info /*info*/, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector vector = duckdb_data_chunk_get_vector(input, 0);
  const TypeHandle type(duckdb_vector_get_column_type(vector));
  const std::string name = sparkSimpleTypeName(type.get());
  const idx_t rows = duckdb_data_chunk_get_size(input);
  for (idx_t r = 0; r < rows; ++r) {
    duckdb_vector_assign_string_element_len(output, r, name.data(), name.size());
  }
}

// size/cardinality: the elements of an array or the entries of a map.
void sizeRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector values = duckdb_data_chunk_get_vector(input, 0);
  const TypeHandle type(duckdb_vector_get_column_type(values));
  const duckdb_type id = duckdb_get_type_id(type.get());
  if (id != DUCKDB_TYPE_LIST && id != DUCKDB_TYPE_MAP && id != DUCKDB_TYPE_ARRAY) {
    failRows(info,
             "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"size\" due to "
             "data type mismatch: the first parameter requires the (\"ARRAY\" or \"MAP\") "
             "type, however it has the type \"" +
                 databricksTypeOf(type.get()) + "\". SQLSTATE: 42K09");
    return;
  }
  auto* out = static_cast<std::int32_t*>(duckdb_vector_get_data(output));
  for (idx_t r = 0; r < duckdb_data_chunk_get_size(input); ++r) {
    if (!rowHasValues(input, r, output)) continue;
    out[r] = static_cast<std::int32_t>(id == DUCKDB_TYPE_ARRAY
                                           ? duckdb_array_type_array_size(type.get())
                                           : vectorAt<duckdb_list_entry>(values, r).length);
  }
}

// The engine's 1-based element of Spark's 0-based array index (index, the array's size): an
// index outside the array is Databricks' ANSI error.
template <class T>
void arrayIndexRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector index = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector sizes = duckdb_data_chunk_get_vector(input, 1);
  auto* out = static_cast<std::int64_t*>(duckdb_vector_get_data(output));
  const idx_t rows = duckdb_data_chunk_get_size(input);
  for (idx_t r = 0; r < rows; ++r) {
    if (!rowHasValues(input, r, output)) continue;
    const auto i = static_cast<std::int64_t>(vectorAt<T>(index, r));
    const auto size = vectorAt<std::int32_t>(sizes, r);
    if (i < 0 || i >= size) {
      failRows(info, "[INVALID_ARRAY_INDEX] The index " + std::to_string(i) +
                         " is out of bounds. The array has " + std::to_string(size) +
                         " elements. Use the SQL function `get()` to tolerate accessing element "
                         "at invalid index and return NULL instead. SQLSTATE: 22003");
      return;
    }
    out[r] = i + 1;
  }
}

// The key of a map subscript as it is (the size is not used). Only bound, never run: a
// subscript of a map takes the other branch of the translator's CASE, which the engine folds
// away when it binds.
template <class T>
void sameKeyRows(duckdb_function_info /*info*/, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector key = duckdb_data_chunk_get_vector(input, 0);
  const idx_t rows = duckdb_data_chunk_get_size(input);
  if constexpr (std::is_same_v<T, duckdb_string_t>) {
    for (idx_t r = 0; r < rows; ++r) {
      if (!rowHasValues(input, r, output)) continue;
      const auto bytes = bytesAt(key, r);
      duckdb_vector_assign_string_element_len(output, r, bytes.data(), bytes.size());
    }
  } else {
    std::memcpy(duckdb_vector_get_data(output), duckdb_vector_get_data(key), rows * sizeof(T));
  }
}

}  // namespace

void registerHashAndTypeFunctions(duckdb_connection conn) {
  using enum duckdb_type;
  // NULL arguments reach hash and xxhash64 (Spark skips them) and typeof (it names their type).
  registerEngineFunction(
      conn, "clxs_spark_hash",
      {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_INTEGER, hashRows<Algorithm::Murmur3>, true, true}});
  registerEngineFunction(
      conn, "clxs_spark_xxhash64",
      {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_BIGINT, hashRows<Algorithm::XxHash64>, true, true}});
  registerEngineFunction(conn, "clxs_spark_crc32",
                         {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_BIGINT, crc32Rows}});
  registerEngineFunction(conn, "clxs_spark_is_valid_utf8",
                         {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_BOOLEAN, isValidUtf8Rows}});
  registerEngineFunction(conn, "clxs_spark_make_valid_utf8",
                         {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_VARCHAR, makeValidUtf8Rows}});
  registerEngineFunction(conn, "clxs_spark_validate_utf8",
                         {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_VARCHAR, validateUtf8Rows}});
  registerEngineFunction(conn, "clxs_spark_typeof",
                         {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_VARCHAR, typeofRows, false, true}});
  registerEngineFunction(conn, "clxs_spark_size",
                         {{{DUCKDB_TYPE_ANY}, DUCKDB_TYPE_INTEGER, sizeRows}});
  // Spark's `x[i]`: an array's 0-based index, or a map's key of any common type as it is.
  constexpr auto kSize = DUCKDB_TYPE_INTEGER;
  registerEngineFunction(
      conn, "clxs_spark_array_index",
      {{{DUCKDB_TYPE_TINYINT, kSize}, DUCKDB_TYPE_BIGINT, arrayIndexRows<std::int8_t>},
       {{DUCKDB_TYPE_SMALLINT, kSize}, DUCKDB_TYPE_BIGINT, arrayIndexRows<std::int16_t>},
       {{DUCKDB_TYPE_INTEGER, kSize}, DUCKDB_TYPE_BIGINT, arrayIndexRows<std::int32_t>},
       {{DUCKDB_TYPE_BIGINT, kSize}, DUCKDB_TYPE_BIGINT, arrayIndexRows<std::int64_t>},
       {{DUCKDB_TYPE_VARCHAR, kSize}, DUCKDB_TYPE_VARCHAR, sameKeyRows<duckdb_string_t>},
       {{DUCKDB_TYPE_BLOB, kSize}, DUCKDB_TYPE_BLOB, sameKeyRows<duckdb_string_t>},
       {{DUCKDB_TYPE_BOOLEAN, kSize}, DUCKDB_TYPE_BOOLEAN, sameKeyRows<bool>},
       {{DUCKDB_TYPE_FLOAT, kSize}, DUCKDB_TYPE_FLOAT, sameKeyRows<float>},
       {{DUCKDB_TYPE_DOUBLE, kSize}, DUCKDB_TYPE_DOUBLE, sameKeyRows<double>},
       {{DUCKDB_TYPE_DATE, kSize}, DUCKDB_TYPE_DATE, sameKeyRows<std::int32_t>},
       {{DUCKDB_TYPE_TIMESTAMP, kSize}, DUCKDB_TYPE_TIMESTAMP, sameKeyRows<std::int64_t>},
       {{DUCKDB_TYPE_TIMESTAMP_TZ, kSize}, DUCKDB_TYPE_TIMESTAMP_TZ, sameKeyRows<std::int64_t>}});
}

}  // namespace clxs::kernel
