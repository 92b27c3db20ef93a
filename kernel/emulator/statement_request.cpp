#include "kernel/emulator/statement_request.hpp"

#include <charconv>
#include <cstdlib>

#include "clxs/text.hpp"
#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel::emulator {

namespace {

[[noreturn]] void invalid(const std::string& message) {
  throw ApiError(400, "INVALID_PARAMETER_VALUE", message);
}

std::string baseType(const std::string& type) {
  auto base = upperAscii(type.substr(0, type.find_first_of("(<")));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  return base;
}

}  // namespace

std::chrono::seconds parseWaitTimeout(const std::string& text) {
  int seconds = -1;
  if (text.size() >= 2 && text.back() == 's') {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, seconds);
    if (ec != std::errc() || end != text.data() + text.size() - 1) seconds = -1;
  }
  if (seconds == 0 || (seconds >= 5 && seconds <= 50)) return std::chrono::seconds(seconds);
  invalid("wait_timeout must be \"0s\" or between \"5s\" and \"50s\", not \"" + text + "\"");
}

SqlParam convertParameter(const Json& parameter) {
  if (!parameter.is_object() || !parameter.contains("name") || !parameter["name"].is_string() ||
      parameter["name"].get<std::string>().empty()) {
    invalid("every parameter needs a non-empty string name");
  }
  SqlParam out{parameter["name"].get<std::string>(), nullptr};
  if (!parameter.contains("value") || parameter["value"].is_null()) return out;
  const auto& raw = parameter["value"];
  const std::string text = raw.is_string() ? raw.get<std::string>() : raw.dump();
  const auto type = parameter.contains("type") && parameter["type"].is_string()
                        ? baseType(parameter["type"].get<std::string>())
                        : std::string("STRING");
  const auto bad = [&] { invalid("parameter '" + out.name + "' value does not fit type " + type); };
  if (type == "BIGINT" || type == "INT" || type == "INTEGER" || type == "LONG" ||
      type == "SMALLINT" || type == "SHORT" || type == "TINYINT" || type == "BYTE") {
    long long v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) bad();
    out.value = v;
  } else if (type == "DOUBLE" || type == "FLOAT" || type == "DECIMAL" || type == "DEC" ||
             type == "NUMERIC" || type == "REAL") {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) bad();
    out.value = v;
  } else if (type == "BOOLEAN") {
    const auto lower = lowerAscii(text);
    if (lower != "true" && lower != "false") bad();
    out.value = lower == "true";
  } else {
    out.value = text;
  }
  return out;
}

StatementRequest parseStatementRequest(const Json& body) {
  StatementRequest r;
  const auto statement = stringField(body, "statement");
  if (!statement || statement->empty()) invalid("statement is required");
  r.statement = *statement;
  const auto warehouse = stringField(body, "warehouse_id");
  if (!warehouse || warehouse->empty()) invalid("warehouse_id is required");
  r.warehouseId = *warehouse;
  r.catalog = stringField(body, "catalog");
  r.schema = stringField(body, "schema");
  if (r.catalog && r.catalog->empty()) r.catalog.reset();
  if (r.schema && r.schema->empty()) r.schema.reset();
  if (body.contains("parameters") && !body["parameters"].is_null()) {
    if (!body["parameters"].is_array()) invalid("parameters must be an array");
    for (const auto& p : body["parameters"]) r.parameters.push_back(convertParameter(p));
  }
  if (const auto wait = stringField(body, "wait_timeout")) {
    r.waitTimeout = parseWaitTimeout(*wait);
  }
  if (const auto onTimeout = stringField(body, "on_wait_timeout")) {
    if (*onTimeout != "CONTINUE" && *onTimeout != "CANCEL") {
      invalid("on_wait_timeout must be CONTINUE or CANCEL");
    }
    r.cancelOnTimeout = *onTimeout == "CANCEL";
  }
  if (const auto disposition = stringField(body, "disposition")) {
    if (*disposition == "EXTERNAL_LINKS") {
      r.disposition = Disposition::ExternalLinks;
    } else if (*disposition != "INLINE") {
      invalid("disposition must be INLINE or EXTERNAL_LINKS");
    }
  }
  if (const auto format = stringField(body, "format")) {
    if (*format != "JSON_ARRAY" && *format != "ARROW_STREAM" && *format != "CSV") {
      invalid("format must be JSON_ARRAY, ARROW_STREAM or CSV");
    }
    if (*format != "JSON_ARRAY" && r.disposition == Disposition::Inline) {
      invalid("format " + *format +
              " is supported only with disposition EXTERNAL_LINKS; INLINE results are "
              "JSON_ARRAY");
    }
    if (*format == "CSV") r.format = ResultFormat::Csv;
    if (*format == "ARROW_STREAM") r.format = ResultFormat::ArrowStream;
  }
  if (body.contains("row_limit") && !body["row_limit"].is_null()) {
    if (!body["row_limit"].is_number_integer() || body["row_limit"].get<long long>() < 0) {
      invalid("row_limit must be a non-negative integer");
    }
    r.rowLimit = body["row_limit"].get<std::size_t>();
  }
  if (body.contains("byte_limit") && !body["byte_limit"].is_null()) {
    if (!body["byte_limit"].is_number_integer() || body["byte_limit"].get<long long>() <= 0) {
      invalid("byte_limit must be a positive integer");
    }
    r.byteLimit = body["byte_limit"].get<std::size_t>();
  }
  return r;
}

}  // namespace clxs::kernel::emulator
