#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "clxs/text.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/engine_errors.hpp"

namespace clxs::kernel {

std::string int128Text(__int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  // The magnitude as unsigned, so that the most negative value has one too.
  auto magnitude = negative ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(v)
                            : static_cast<unsigned __int128>(v);
  std::string digits;
  while (magnitude != 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  if (negative) digits.push_back('-');
  return {digits.rbegin(), digits.rend()};
}

std::string decimalText(__int128 unscaled, int scale) {
  std::string digits = int128Text(unscaled);
  if (scale <= 0) return digits;
  const bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  if (digits.size() <= static_cast<std::size_t>(scale)) {
    digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
  }
  digits.insert(digits.size() - static_cast<std::size_t>(scale), 1, '.');
  return negative ? "-" + digits : digits;
}

__int128 unscaledDecimal(duckdb_vector vector, duckdb_logical_type type, idx_t row) {
  switch (duckdb_decimal_internal_type(type)) {
    case DUCKDB_TYPE_SMALLINT:
      return vectorAt<std::int16_t>(vector, row);
    case DUCKDB_TYPE_INTEGER:
      return vectorAt<std::int32_t>(vector, row);
    case DUCKDB_TYPE_BIGINT:
      return vectorAt<std::int64_t>(vector, row);
    default:
      return hugeint(vectorAt<duckdb_hugeint>(vector, row));
  }
}

namespace {

std::string takeString(char* text) {
  std::string out = text == nullptr ? std::string() : std::string(text);
  duckdb_free(text);
  return out;
}

// Days since 1970-01-01 as a civil date (Howard Hinnant's algorithm).
std::string dateText(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y) + (m <= 2 ? 1 : 0),
                m, d);
  return buf;
}

// Microseconds within a day as HH:MM:SS with the fraction's significant digits.
std::string timeOfDayText(std::int64_t micros) {
  const std::int64_t secs = micros / 1000000;
  std::int64_t frac = micros % 1000000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  std::string out = buf;
  if (frac != 0) {
    char f[16];
    std::snprintf(f, sizeof f, ".%06lld", static_cast<long long>(frac));
    std::string fs = f;
    while (fs.back() == '0') fs.pop_back();
    out += fs;
  }
  return out;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// A timestamp without zone, as DuckDB prints it at the top level.
std::string timestampText(std::int64_t micros) {
  const std::int64_t days = floorDiv(micros, 86400000000LL);
  return dateText(days) + " " + timeOfDayText(micros - days * 86400000000LL);
}

// A timestamp with zone, in UTC, as the top-level columns print it.
std::string timestampTzText(std::int64_t micros) {
  const std::int64_t days = floorDiv(micros, 86400000000LL);
  const std::int64_t rest = micros - days * 86400000000LL;
  const std::int64_t secs = rest / 1000000;
  const std::int64_t frac = rest % 1000000;
  char buf[64];
  if (frac % 1000 == 0) {
    std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60), static_cast<long long>(frac / 1000));
  } else {
    std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lld.%06lldZ",
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60), static_cast<long long>(frac));
  }
  return dateText(days) + buf;
}

// Spark's text of an interval. DuckDB has one interval type where Spark has three, so the
// kind is read from the value: months alone are a year-month interval (`1-2`), days and time
// alone a day-time interval (`1 12:30:01.001001000`), both a calendar interval
// (`1 months 1 days 40.000001 seconds`); a zero interval reads as year-month.
std::string intervalText(const duckdb_interval& v) {
  constexpr std::int64_t kMicrosPerDay = 86'400'000'000;
  char buf[96];
  if (v.days == 0 && v.micros == 0) {
    const std::int64_t m = v.months;
    std::snprintf(buf, sizeof buf, "%s%lld-%lld", m < 0 ? "-" : "",
                  static_cast<long long>((m < 0 ? -m : m) / 12),
                  static_cast<long long>((m < 0 ? -m : m) % 12));
    return buf;
  }
  if (v.months == 0) {
    const __int128 total = static_cast<__int128>(v.days) * kMicrosPerDay + v.micros;
    const __int128 a = total < 0 ? -total : total;
    std::snprintf(
        buf, sizeof buf, "%s%lld %02lld:%02lld:%02lld.%06lld000", total < 0 ? "-" : "",
        static_cast<long long>(a / kMicrosPerDay), static_cast<long long>(a / 3'600'000'000 % 24),
        static_cast<long long>(a / 60'000'000 % 60), static_cast<long long>(a / 1'000'000 % 60),
        static_cast<long long>(a % 1'000'000));
    return buf;
  }
  std::string out;
  const auto unit = [&out](std::int64_t n, const char* name) {
    if (n != 0) out += std::to_string(n) + " " + name + " ";
  };
  unit(v.months / 12, "years");
  unit(v.months % 12, "months");
  unit(v.days, "days");
  std::int64_t rest = v.micros;
  unit(rest / 3'600'000'000, "hours");
  rest %= 3'600'000'000;
  unit(rest / 60'000'000, "minutes");
  rest %= 60'000'000;
  if (rest != 0) {
    std::snprintf(buf, sizeof buf, "%s%lld.%06lld", rest < 0 ? "-" : "",
                  static_cast<long long>((rest < 0 ? -rest : rest) / 1'000'000),
                  static_cast<long long>((rest < 0 ? -rest : rest) % 1'000'000));
    std::string seconds = buf;
    while (seconds.back() == '0') seconds.pop_back();
    if (seconds.back() == '.') seconds.pop_back();
    out += seconds + " seconds ";
  }
  out.pop_back();
  return out;
}

std::string blobText(const char* data, std::size_t size) {
  std::string out;
  out.reserve(size);
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string uuidText(const duckdb_hugeint& v) {
  // DuckDB stores a UUID with its top bit flipped so that signed order is byte order.
  const std::uint64_t upper = static_cast<std::uint64_t>(v.upper) ^ (std::uint64_t{1} << 63);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(upper >> 32),
                static_cast<unsigned long long>((upper >> 16) & 0xFFFF),
                static_cast<unsigned long long>(upper & 0xFFFF),
                static_cast<unsigned long long>(v.lower >> 48),
                static_cast<unsigned long long>(v.lower & 0xFFFFFFFFFFFFULL));
  return buf;
}

// A map key as object-key text: strings as they are, other values as their JSON text.
std::string keyText(const Json& key) {
  return key.is_string() ? key.get<std::string>() : key.dump();
}

Json decimalValue(duckdb_vector vector, duckdb_logical_type type, idx_t row) {
  return decimalText(unscaledDecimal(vector, type, row), duckdb_decimal_scale(type));
}

// JSON has no NaN or infinity: those are written as Spark prints them.
Json floatingValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

Json listValue(duckdb_vector child, idx_t offset, idx_t length) {
  Json out = Json::array();
  for (idx_t i = 0; i < length; ++i) out.push_back(vectorValue(child, offset + i));
  return out;
}

// A struct field's name as a type string writes it: backticked unless a plain identifier.
std::string fieldName(const std::string& name) {
  const bool plain = !name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) == 0 &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
                     });
  if (plain) return name;
  std::string out = "`";
  for (const char c : name) {
    out.push_back(c);
    if (c == '`') out.push_back('`');
  }
  return out + "`";
}

}  // namespace

__int128 hugeint(const duckdb_hugeint& h) {
  return static_cast<__int128>(
      static_cast<unsigned __int128>(static_cast<std::uint64_t>(h.upper)) << 64 | h.lower);
}

Json vectorValue(duckdb_vector vector, idx_t row) {
  std::uint64_t* validity = duckdb_vector_get_validity(vector);
  if (validity != nullptr && !duckdb_validity_row_is_valid(validity, row)) return nullptr;
  const TypeHandle type(duckdb_vector_get_column_type(vector));
  switch (duckdb_get_type_id(type.get())) {
    case DUCKDB_TYPE_BOOLEAN:
      return vectorAt<bool>(vector, row);
    case DUCKDB_TYPE_TINYINT:
      return vectorAt<std::int8_t>(vector, row);
    case DUCKDB_TYPE_SMALLINT:
      return vectorAt<std::int16_t>(vector, row);
    case DUCKDB_TYPE_INTEGER:
      return vectorAt<std::int32_t>(vector, row);
    case DUCKDB_TYPE_BIGINT:
      return vectorAt<std::int64_t>(vector, row);
    case DUCKDB_TYPE_UTINYINT:
      return vectorAt<std::uint8_t>(vector, row);
    case DUCKDB_TYPE_USMALLINT:
      return vectorAt<std::uint16_t>(vector, row);
    case DUCKDB_TYPE_UINTEGER:
      return vectorAt<std::uint32_t>(vector, row);
    case DUCKDB_TYPE_UBIGINT:
      return std::to_string(vectorAt<std::uint64_t>(vector, row));
    case DUCKDB_TYPE_HUGEINT: {
      // Only sum() of integers makes one (DuckDB widens it to 128 bits); Spark's sum of BIGINT
      // is a BIGINT that overflows with an error.
      const __int128 v = hugeint(vectorAt<duckdb_hugeint>(vector, row));
      if (v > std::numeric_limits<std::int64_t>::max() ||
          v < std::numeric_limits<std::int64_t>::min()) {
        throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                             arithmeticOverflowError("long", "try_sum"));
      }
      return static_cast<std::int64_t>(v);
    }
    case DUCKDB_TYPE_UHUGEINT: {
      const auto u = vectorAt<duckdb_uhugeint>(vector, row);
      const auto v = static_cast<unsigned __int128>(u.upper) << 64 | u.lower;
      if (v >> 127 == 0) return int128Text(static_cast<__int128>(v));
      return int128Text(static_cast<__int128>(v / 10)) + std::to_string(static_cast<int>(v % 10));
    }
    case DUCKDB_TYPE_FLOAT:
      return floatingValue(vectorAt<float>(vector, row));
    case DUCKDB_TYPE_DOUBLE:
      return floatingValue(vectorAt<double>(vector, row));
    case DUCKDB_TYPE_DECIMAL:
      return decimalValue(vector, type.get(), row);
    case DUCKDB_TYPE_DATE:
      return dateText(vectorAt<std::int32_t>(vector, row));
    case DUCKDB_TYPE_TIME:
      return timeOfDayText(vectorAt<std::int64_t>(vector, row));
    case DUCKDB_TYPE_TIMESTAMP:
      return timestampText(vectorAt<std::int64_t>(vector, row));
    case DUCKDB_TYPE_TIMESTAMP_S:
      return timestampText(vectorAt<std::int64_t>(vector, row) * 1000000);
    case DUCKDB_TYPE_TIMESTAMP_MS:
      return timestampText(vectorAt<std::int64_t>(vector, row) * 1000);
    case DUCKDB_TYPE_TIMESTAMP_NS:
      return timestampText(floorDiv(vectorAt<std::int64_t>(vector, row), 1000));
    case DUCKDB_TYPE_TIMESTAMP_TZ:
      return timestampTzText(vectorAt<std::int64_t>(vector, row));
    case DUCKDB_TYPE_INTERVAL:
      return intervalText(vectorAt<duckdb_interval>(vector, row));
    case DUCKDB_TYPE_UUID:
      return uuidText(vectorAt<duckdb_hugeint>(vector, row));
    case DUCKDB_TYPE_VARCHAR:
    case DUCKDB_TYPE_BLOB: {
      auto s = vectorAt<duckdb_string_t>(vector, row);
      const char* data = duckdb_string_t_data(&s);
      const std::size_t size = duckdb_string_t_length(s);
      if (duckdb_get_type_id(type.get()) == DUCKDB_TYPE_BLOB) return blobText(data, size);
      return std::string(data, size);
    }
    case DUCKDB_TYPE_ENUM: {
      idx_t index = 0;
      switch (duckdb_enum_internal_type(type.get())) {
        case DUCKDB_TYPE_UTINYINT:
          index = vectorAt<std::uint8_t>(vector, row);
          break;
        case DUCKDB_TYPE_USMALLINT:
          index = vectorAt<std::uint16_t>(vector, row);
          break;
        default:
          index = vectorAt<std::uint32_t>(vector, row);
          break;
      }
      return takeString(duckdb_enum_dictionary_value(type.get(), index));
    }
    case DUCKDB_TYPE_LIST: {
      const auto entry = vectorAt<duckdb_list_entry>(vector, row);
      return listValue(duckdb_list_vector_get_child(vector), entry.offset, entry.length);
    }
    case DUCKDB_TYPE_ARRAY: {
      const idx_t size = duckdb_array_type_array_size(type.get());
      return listValue(duckdb_array_vector_get_child(vector), row * size, size);
    }
    case DUCKDB_TYPE_STRUCT: {
      Json out = Json::object();
      const idx_t n = duckdb_struct_type_child_count(type.get());
      for (idx_t i = 0; i < n; ++i) {
        out[takeString(duckdb_struct_type_child_name(type.get(), i))] =
            vectorValue(duckdb_struct_vector_get_child(vector, i), row);
      }
      return out;
    }
    case DUCKDB_TYPE_MAP: {
      // A list of {key, value} structs.
      const auto entry = vectorAt<duckdb_list_entry>(vector, row);
      duckdb_vector entries = duckdb_list_vector_get_child(vector);
      duckdb_vector keys = duckdb_struct_vector_get_child(entries, 0);
      duckdb_vector values = duckdb_struct_vector_get_child(entries, 1);
      Json out = Json::object();
      for (idx_t i = 0; i < entry.length; ++i) {
        out[keyText(vectorValue(keys, entry.offset + i))] = vectorValue(values, entry.offset + i);
      }
      return out;
    }
    default:
      return nullptr;  // types no statement of ours produces (BIT, UNION, TIME_TZ)
  }
}

std::string databricksTypeOf(duckdb_logical_type type) {
  switch (duckdb_get_type_id(type)) {
    case DUCKDB_TYPE_BOOLEAN:
      return "BOOLEAN";
    case DUCKDB_TYPE_TINYINT:
      return "TINYINT";
    case DUCKDB_TYPE_SMALLINT:
    case DUCKDB_TYPE_UTINYINT:
      return "SMALLINT";
    case DUCKDB_TYPE_INTEGER:
    case DUCKDB_TYPE_USMALLINT:
      return "INT";
    case DUCKDB_TYPE_BIGINT:
    case DUCKDB_TYPE_UINTEGER:
      return "BIGINT";
    case DUCKDB_TYPE_UBIGINT:
      return "DECIMAL(20,0)";
    case DUCKDB_TYPE_HUGEINT:
      return "BIGINT";
    case DUCKDB_TYPE_UHUGEINT:
      return "DECIMAL(38,0)";
    case DUCKDB_TYPE_FLOAT:
      return "FLOAT";
    case DUCKDB_TYPE_DOUBLE:
      return "DOUBLE";
    case DUCKDB_TYPE_DECIMAL:
      return "DECIMAL(" + std::to_string(duckdb_decimal_width(type)) + "," +
             std::to_string(duckdb_decimal_scale(type)) + ")";
    case DUCKDB_TYPE_DATE:
      return "DATE";
    case DUCKDB_TYPE_TIMESTAMP:
    case DUCKDB_TYPE_TIMESTAMP_S:
    case DUCKDB_TYPE_TIMESTAMP_MS:
    case DUCKDB_TYPE_TIMESTAMP_NS:
      return "TIMESTAMP_NTZ";
    case DUCKDB_TYPE_TIMESTAMP_TZ:
      return "TIMESTAMP";
    case DUCKDB_TYPE_INTERVAL:
      return "INTERVAL";
    case DUCKDB_TYPE_BLOB:
      return "BINARY";
    case DUCKDB_TYPE_LIST: {
      const TypeHandle child(duckdb_list_type_child_type(type));
      return "ARRAY<" + databricksTypeOf(child.get()) + ">";
    }
    case DUCKDB_TYPE_ARRAY: {
      const TypeHandle child(duckdb_array_type_child_type(type));
      return "ARRAY<" + databricksTypeOf(child.get()) + ">";
    }
    case DUCKDB_TYPE_MAP: {
      const TypeHandle key(duckdb_map_type_key_type(type));
      const TypeHandle value(duckdb_map_type_value_type(type));
      return "MAP<" + databricksTypeOf(key.get()) + ", " + databricksTypeOf(value.get()) + ">";
    }
    case DUCKDB_TYPE_STRUCT: {
      std::string out = "STRUCT<";
      const idx_t n = duckdb_struct_type_child_count(type);
      for (idx_t i = 0; i < n; ++i) {
        const TypeHandle child(duckdb_struct_type_child_type(type, i));
        if (i > 0) out += ", ";
        out += fieldName(takeString(duckdb_struct_type_child_name(type, i))) + ": " +
               databricksTypeOf(child.get());
      }
      return out + ">";
    }
    case DUCKDB_TYPE_SQLNULL:
      return "VOID";
    default:
      return "STRING";
  }
}

std::string sparkSimpleTypeName(duckdb_logical_type type) {
  switch (duckdb_get_type_id(type)) {
    case DUCKDB_TYPE_LIST: {
      const TypeHandle child(duckdb_list_type_child_type(type));
      return "array<" + sparkSimpleTypeName(child.get()) + ">";
    }
    case DUCKDB_TYPE_ARRAY: {
      const TypeHandle child(duckdb_array_type_child_type(type));
      return "array<" + sparkSimpleTypeName(child.get()) + ">";
    }
    case DUCKDB_TYPE_MAP: {
      const TypeHandle key(duckdb_map_type_key_type(type));
      const TypeHandle value(duckdb_map_type_value_type(type));
      return "map<" + sparkSimpleTypeName(key.get()) + "," + sparkSimpleTypeName(value.get()) + ">";
    }
    case DUCKDB_TYPE_STRUCT: {
      std::string out = "struct<";
      const idx_t n = duckdb_struct_type_child_count(type);
      for (idx_t i = 0; i < n; ++i) {
        const TypeHandle child(duckdb_struct_type_child_type(type, i));
        if (i > 0) out += ",";
        out += takeString(duckdb_struct_type_child_name(type, i)) + ":" +
               sparkSimpleTypeName(child.get());
      }
      return out + ">";
    }
    default:
      // A leaf's name has no field names in it: Databricks' name in lower case.
      return lowerAscii(databricksTypeOf(type));
  }
}

}  // namespace clxs::kernel
