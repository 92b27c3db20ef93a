#include "kernel/emulator/arrow_stream.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "kernel/emulator/result_encoding.hpp"

namespace clxs::kernel::emulator {

namespace {

// --- A flatbuffer written front to back ---------------------------------------------------
// Each table's vtable precedes it and everything a table or vector refers to follows it, so
// every uoffset points forward as the format requires. Positions are relative to the start
// of the buffer, which the IPC framing places at an 8-byte boundary.

template <typename T>
void appendLe(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));  // x86-64 and the Arrow format are little-endian
  out.append(bytes, sizeof(T));
}

void padTo(std::string& out, std::size_t align) {
  while (out.size() % align != 0) out.push_back('\0');
}

void patchOffset(std::string& out, std::size_t at, std::size_t target) {
  const auto value = static_cast<std::uint32_t>(target - at);
  std::memcpy(out.data() + at, &value, sizeof(value));
}

using ChildWriter = std::function<std::size_t(std::string&)>;

// One field of a table: a scalar's little-endian bytes, or an offset to what `child` writes.
struct FbField {
  int id = 0;
  std::string scalar;
  ChildWriter child;
};

template <typename T>
FbField scalarField(int id, T value) {
  FbField f{id, {}, {}};
  appendLe(f.scalar, value);
  return f;
}

FbField childField(int id, ChildWriter child) {
  return FbField{id, {}, std::move(child)};
}

std::size_t writeTable(std::string& out, const std::vector<FbField>& fields) {
  int maxId = -1;
  for (const auto& f : fields) maxId = std::max(maxId, f.id);
  // Table layout: the soffset, then fields largest first so each is aligned to its size.
  std::vector<std::size_t> order(fields.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto sizeOf = [&](std::size_t i) {
    return fields[i].child ? std::size_t{4} : fields[i].scalar.size();
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sizeOf(a) > sizeOf(b); });
  std::vector<std::size_t> at(fields.size());
  std::size_t cursor = 4;
  for (const auto i : order) {
    const auto size = sizeOf(i);
    cursor = (cursor + size - 1) / size * size;
    at[i] = cursor;
    cursor += size;
  }
  const auto tableSize = (cursor + 3) / 4 * 4;
  padTo(out, 2);
  const auto vtable = out.size();
  appendLe(out, static_cast<std::uint16_t>(4 + 2 * (maxId + 1)));
  appendLe(out, static_cast<std::uint16_t>(tableSize));
  for (int id = 0; id <= maxId; ++id) {
    std::uint16_t offset = 0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].id == id) offset = static_cast<std::uint16_t>(at[i]);
    }
    appendLe(out, offset);
  }
  padTo(out, 8);
  const auto table = out.size();
  out.append(tableSize, '\0');
  const auto soffset = static_cast<std::int32_t>(table - vtable);
  std::memcpy(out.data() + table, &soffset, sizeof(soffset));
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i].child) {
      std::memcpy(out.data() + table + at[i], fields[i].scalar.data(), fields[i].scalar.size());
    }
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].child) patchOffset(out, table + at[i], fields[i].child(out));
  }
  return table;
}

ChildWriter stringChild(std::string text) {
  return [text = std::move(text)](std::string& out) {
    padTo(out, 4);
    const auto pos = out.size();
    appendLe(out, static_cast<std::uint32_t>(text.size()));
    out += text;
    out.push_back('\0');
    return pos;
  };
}

ChildWriter tableVectorChild(std::vector<ChildWriter> tables) {
  return [tables = std::move(tables)](std::string& out) {
    padTo(out, 4);
    const auto pos = out.size();
    appendLe(out, static_cast<std::uint32_t>(tables.size()));
    out.append(4 * tables.size(), '\0');
    for (std::size_t i = 0; i < tables.size(); ++i)
      patchOffset(out, pos + 4 + 4 * i, tables[i](out));
    return pos;
  };
}

// A vector of structs of two int64s (FieldNode, Buffer): elements 8-aligned.
ChildWriter pairVectorChild(std::vector<std::pair<std::int64_t, std::int64_t>> items) {
  return [items = std::move(items)](std::string& out) {
    padTo(out, 4);
    if ((out.size() + 4) % 8 != 0) out.append(4, '\0');
    const auto pos = out.size();
    appendLe(out, static_cast<std::uint32_t>(items.size()));
    for (const auto& [a, b] : items) {
      appendLe(out, a);
      appendLe(out, b);
    }
    return pos;
  };
}

std::string flatbuffer(const std::vector<FbField>& root) {
  std::string out(4, '\0');
  patchOffset(out, 0, writeTable(out, root));
  return out;
}

// --- Column types ------------------------------------------------------------------------

enum class Kind {
  Int8,
  Int16,
  Int32,
  Int64,
  Float32,
  Float64,
  Bool,
  Decimal,
  Date,
  Timestamp,
  TimestampNtz,
  Utf8
};

struct ArrowType {
  Kind kind = Kind::Utf8;
  int precision = 0;
  int scale = 0;
};

ArrowType arrowType(const std::string& typeText) {
  const auto name = columnTypeName(typeText);
  if (name == "BYTE") return {Kind::Int8};
  if (name == "SHORT") return {Kind::Int16};
  if (name == "INT") return {Kind::Int32};
  if (name == "LONG") return {Kind::Int64};
  if (name == "FLOAT") return {Kind::Float32};
  if (name == "DOUBLE") return {Kind::Float64};
  if (name == "BOOLEAN") return {Kind::Bool};
  if (name == "DATE") return {Kind::Date};
  if (name == "TIMESTAMP") return {Kind::Timestamp};
  if (name == "TIMESTAMP_NTZ") return {Kind::TimestampNtz};
  if (name == "DECIMAL") {
    ArrowType t{Kind::Decimal, 10, 0};
    decimalPrecision(typeText, t.precision, t.scale);
    return t;
  }
  return {Kind::Utf8};
}

// Union member ids of Schema.fbs's Type.
std::uint8_t typeId(Kind kind) {
  switch (kind) {
    case Kind::Int8:
    case Kind::Int16:
    case Kind::Int32:
    case Kind::Int64:
      return 2;  // Int
    case Kind::Float32:
    case Kind::Float64:
      return 3;  // FloatingPoint
    case Kind::Bool:
      return 6;
    case Kind::Decimal:
      return 7;
    case Kind::Date:
      return 8;
    case Kind::Timestamp:
    case Kind::TimestampNtz:
      return 10;
    case Kind::Utf8:
      break;
  }
  return 5;  // Utf8
}

std::vector<FbField> typeFields(const ArrowType& t) {
  switch (t.kind) {
    case Kind::Int8:
    case Kind::Int16:
    case Kind::Int32:
    case Kind::Int64: {
      const int bits = t.kind == Kind::Int8    ? 8
                       : t.kind == Kind::Int16 ? 16
                       : t.kind == Kind::Int32 ? 32
                                               : 64;
      return {scalarField(0, static_cast<std::int32_t>(bits)), scalarField(1, std::uint8_t{1})};
    }
    case Kind::Float32:
      return {scalarField(0, std::int16_t{1})};  // SINGLE
    case Kind::Float64:
      return {scalarField(0, std::int16_t{2})};  // DOUBLE
    case Kind::Decimal:
      return {scalarField(0, static_cast<std::int32_t>(t.precision)),
              scalarField(1, static_cast<std::int32_t>(t.scale)),
              scalarField(2, std::int32_t{128})};
    case Kind::Date:
      return {scalarField(0, std::int16_t{0})};  // DAY
    case Kind::Timestamp:
      return {scalarField(0, std::int16_t{2}), childField(1, stringChild("Etc/UTC"))};
    case Kind::TimestampNtz:
      return {scalarField(0, std::int16_t{2})};  // MICROSECOND, no time zone
    case Kind::Bool:
    case Kind::Utf8:
      break;
  }
  return {};
}

std::size_t byteWidth(Kind kind) {
  switch (kind) {
    case Kind::Int8:
      return 1;
    case Kind::Int16:
      return 2;
    case Kind::Int32:
    case Kind::Float32:
    case Kind::Date:
      return 4;
    case Kind::Int64:
    case Kind::Float64:
    case Kind::Timestamp:
    case Kind::TimestampNtz:
      return 8;
    case Kind::Decimal:
      return 16;
    case Kind::Bool:
    case Kind::Utf8:
      break;
  }
  return 0;
}

// --- Values ------------------------------------------------------------------------------

[[noreturn]] void unparsable(const std::string& text, const char* what) {
  throw std::invalid_argument("'" + text + "' is not a " + what + " value for ARROW_STREAM");
}

long long integerOf(std::string_view text, const std::string& whole, const char* what) {
  long long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) unparsable(whole, what);
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t dateDays(const std::string& text) {
  // [-]YYYY-MM-DD
  const auto dash = text.find('-', text.size() > 0 && text[0] == '-' ? 1 : 0);
  if (dash == std::string::npos || text.size() < dash + 6) unparsable(text, "DATE");
  const auto y = integerOf(std::string_view(text).substr(0, dash), text, "DATE");
  const auto m = integerOf(std::string_view(text).substr(dash + 1, 2), text, "DATE");
  const auto d = integerOf(std::string_view(text).substr(dash + 4, 2), text, "DATE");
  if (text[dash + 3] != '-' || m < 1 || m > 12 || d < 1 || d > 31) unparsable(text, "DATE");
  return daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

// YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM|-HH:MM] → microseconds since the epoch (UTC).
std::int64_t timestampMicros(const std::string& text) {
  const auto sep = text.find_first_of("T ", 8);
  if (sep == std::string::npos || text.size() < sep + 9) unparsable(text, "TIMESTAMP");
  const auto days = dateDays(text.substr(0, sep));
  const std::string_view t = std::string_view(text).substr(sep + 1);
  if (t[2] != ':' || t[5] != ':') unparsable(text, "TIMESTAMP");
  const auto h = integerOf(t.substr(0, 2), text, "TIMESTAMP");
  const auto mi = integerOf(t.substr(3, 2), text, "TIMESTAMP");
  const auto s = integerOf(t.substr(6, 2), text, "TIMESTAMP");
  std::size_t i = 8;
  std::int64_t micros = 0;
  if (i < t.size() && t[i] == '.') {
    ++i;
    int digits = 0;
    for (; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0; ++i, ++digits) {
      if (digits < 6) micros = micros * 10 + (t[i] - '0');
    }
    for (; digits < 6; ++digits) micros *= 10;
  }
  std::int64_t offsetMinutes = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    const auto zone = t.substr(i + 1);
    if (zone.size() < 4) unparsable(text, "TIMESTAMP");
    const auto colon = zone.find(':');
    const auto hh = integerOf(zone.substr(0, 2), text, "TIMESTAMP");
    const auto mm =
        integerOf(zone.substr(colon == std::string_view::npos ? 2 : 3), text, "TIMESTAMP");
    offsetMinutes = (t[i] == '-' ? -1 : 1) * (hh * 60 + mm);
    i = t.size();
  } else if (i < t.size() && t[i] == 'Z') {
    ++i;
  }
  if (i != t.size()) unparsable(text, "TIMESTAMP");
  const std::int64_t seconds = days * 86400 + h * 3600 + mi * 60 + s - offsetMinutes * 60;
  return seconds * 1000000 + micros;
}

// "-12.5" at scale 2 → -1250, as a 128-bit two's complement integer.
__int128 decimalUnscaled(const std::string& text, int scale) {
  __int128 v = 0;
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative || (!text.empty() && text[0] == '+')) ++i;
  int fraction = -1;
  bool any = false;
  for (; i < text.size(); ++i) {
    if (text[i] == '.' && fraction < 0) {
      fraction = 0;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) unparsable(text, "DECIMAL");
    if (fraction >= 0 && fraction == scale) unparsable(text, "DECIMAL");  // more digits than s
    v = v * 10 + (text[i] - '0');
    any = true;
    if (fraction >= 0) ++fraction;
  }
  if (!any) unparsable(text, "DECIMAL");
  for (int f = std::max(fraction, 0); f < scale; ++f) v *= 10;
  return negative ? -v : v;
}

// Appends the fixed-width little-endian value of `text` for `t`.
void appendValue(std::string& data, const ArrowType& t, const std::string& text) {
  switch (t.kind) {
    case Kind::Int8:
      appendLe(data, static_cast<std::int8_t>(integerOf(text, text, "TINYINT")));
      return;
    case Kind::Int16:
      appendLe(data, static_cast<std::int16_t>(integerOf(text, text, "SMALLINT")));
      return;
    case Kind::Int32:
      appendLe(data, static_cast<std::int32_t>(integerOf(text, text, "INT")));
      return;
    case Kind::Int64:
      appendLe(data, static_cast<std::int64_t>(integerOf(text, text, "BIGINT")));
      return;
    case Kind::Float32:
    case Kind::Float64: {
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size()) unparsable(text, "floating point");
      if (t.kind == Kind::Float32) {
        appendLe(data, static_cast<float>(v));
      } else {
        appendLe(data, v);
      }
      return;
    }
    case Kind::Decimal: {
      const auto v = decimalUnscaled(text, t.scale);
      appendLe(data, static_cast<std::uint64_t>(static_cast<unsigned __int128>(v)));
      appendLe(data, static_cast<std::uint64_t>(static_cast<unsigned __int128>(v) >> 64));
      return;
    }
    case Kind::Date:
      appendLe(data, static_cast<std::int32_t>(dateDays(text)));
      return;
    case Kind::Timestamp:
    case Kind::TimestampNtz:
      appendLe(data, timestampMicros(text));
      return;
    case Kind::Bool:
    case Kind::Utf8:
      break;
  }
}

void setBit(std::string& bitmap, std::size_t i) {
  bitmap[i / 8] = static_cast<char>(static_cast<unsigned char>(bitmap[i / 8]) | (1U << (i % 8)));
}

std::string message(std::uint8_t headerType, ChildWriter header, std::int64_t bodyLength) {
  return flatbuffer({scalarField(0, std::int16_t{4}),  // MetadataVersion V5
                     scalarField(1, headerType), childField(2, std::move(header)),
                     scalarField(3, bodyLength)});
}

// The encapsulated IPC message: continuation marker, metadata length, metadata padded to 8
// bytes, then the body.
void appendMessage(std::string& out, std::string metadata, const std::string& body) {
  padTo(metadata, 8);
  appendLe(out, std::uint32_t{0xFFFFFFFF});
  appendLe(out, static_cast<std::int32_t>(metadata.size()));
  out += metadata;
  out += body;
}

}  // namespace

std::string arrowStream(const std::vector<ResultColumn>& columns, const std::vector<Json>& rows,
                        std::size_t first, std::size_t count) {
  std::vector<ArrowType> types;
  std::vector<ChildWriter> fields;
  for (const auto& c : columns) {
    const auto t = arrowType(c.type);
    types.push_back(t);
    auto typeTable = typeFields(t);
    fields.push_back([name = c.name, t, typeTable](std::string& out) {
      return writeTable(
          out, {childField(0, stringChild(name)), scalarField(1, std::uint8_t{1}),
                scalarField(2, typeId(t.kind)),
                childField(3, [typeTable](std::string& o) { return writeTable(o, typeTable); }),
                childField(5, tableVectorChild({}))});
    });
  }
  std::string out;
  appendMessage(
      out,
      message(
          1,
          [&](std::string& o) { return writeTable(o, {childField(1, tableVectorChild(fields))}); },
          0),
      {});

  std::string body;
  std::vector<std::pair<std::int64_t, std::int64_t>> nodes;
  std::vector<std::pair<std::int64_t, std::int64_t>> buffers;
  const auto addBuffer = [&](const std::string& bytes) {
    buffers.emplace_back(static_cast<std::int64_t>(body.size()),
                         static_cast<std::int64_t>(bytes.size()));
    body += bytes;
    padTo(body, 8);
  };
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto& t = types[c];
    std::string validity((count + 7) / 8, '\0');
    std::string bits((count + 7) / 8, '\0');
    std::string data;
    std::string offsets;
    std::int64_t nulls = 0;
    appendLe(offsets, std::int32_t{0});
    for (std::size_t r = 0; r < count; ++r) {
      const auto& value = rows.at(first + r).at(c);
      const bool isNull = value.is_null();
      if (isNull) {
        ++nulls;
      } else {
        setBit(validity, r);
      }
      const std::string text = isNull ? std::string() : value.get<std::string>();
      if (t.kind == Kind::Utf8) {
        data += text;
        appendLe(offsets, static_cast<std::int32_t>(data.size()));
      } else if (t.kind == Kind::Bool) {
        if (!isNull && text != "true" && text != "false") unparsable(text, "BOOLEAN");
        if (!isNull && text == "true") setBit(bits, r);
      } else if (isNull) {
        data.append(byteWidth(t.kind), '\0');
      } else {
        appendValue(data, t, text);
      }
    }
    nodes.emplace_back(static_cast<std::int64_t>(count), nulls);
    addBuffer(validity);
    if (t.kind == Kind::Utf8) {
      addBuffer(offsets);
      addBuffer(data);
    } else {
      addBuffer(t.kind == Kind::Bool ? bits : data);
    }
  }
  appendMessage(out,
                message(
                    3,
                    [&](std::string& o) {
                      return writeTable(o, {scalarField(0, static_cast<std::int64_t>(count)),
                                            childField(1, pairVectorChild(nodes)),
                                            childField(2, pairVectorChild(buffers))});
                    },
                    static_cast<std::int64_t>(body.size())),
                body);
  appendLe(out, std::uint32_t{0xFFFFFFFF});
  appendLe(out, std::int32_t{0});
  return out;
}

}  // namespace clxs::kernel::emulator
