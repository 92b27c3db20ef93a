#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel::emulator {

std::optional<std::string> EmulatorRequest::header(const std::string& name) const {
  const auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> EmulatorRequest::param(const std::string& name) const {
  const auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Json EmulatorRequest::jsonBody() const {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
  Json parsed;
  try {
    parsed = Json::parse(body);
  } catch (const std::exception&) {
    throw ApiError(400, "MALFORMED_REQUEST", "the request body is not valid JSON");
  }
  if (!parsed.is_object()) {
    throw ApiError(400, "MALFORMED_REQUEST", "the request body must be a JSON object");
  }
  return parsed;
}

EmulatorResponse jsonResponse(const Json& body, int status) {
  EmulatorResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

EmulatorResponse errorResponse(int status, const std::string& code, const std::string& message) {
  return jsonResponse(Json{{"error_code", code}, {"message", message}}, status);
}

std::optional<std::string> stringField(const Json& body, const std::string& field) {
  if (!body.contains(field) || body[field].is_null()) return std::nullopt;
  if (!body[field].is_string()) {
    throw ApiError(400, "INVALID_PARAMETER_VALUE", field + " must be a string");
  }
  return body[field].get<std::string>();
}

std::string requiredStringField(const Json& body, const std::string& field) {
  auto value = stringField(body, field);
  if (!value || value->empty())
    throw ApiError(400, "INVALID_PARAMETER_VALUE", field + " is required");
  return std::move(*value);
}

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percentDecode(std::string_view text, bool plusIsSpace) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plusIsSpace) {
      out.push_back(' ');
      continue;
    }
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    const int hi = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      throw ApiError(400, "INVALID_PARAMETER_VALUE", "malformed percent-encoding in the URL");
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

std::map<std::string, std::string> parseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const auto key = percentDecode(pair.substr(0, eq), true);
    out[key] =
        eq == std::string_view::npos ? std::string() : percentDecode(pair.substr(eq + 1), true);
  }
  return out;
}

std::vector<std::string> pathSegments(std::string_view rawPath) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= rawPath.size()) {
    const auto slash = rawPath.find('/', start);
    const auto end = slash == std::string_view::npos ? rawPath.size() : slash;
    if (end > start) out.push_back(percentDecode(rawPath.substr(start, end - start)));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

}  // namespace clxs::kernel::emulator
