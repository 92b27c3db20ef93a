#include "kernel/workspace/databricks/api_error.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

#include "clxs/json.hpp"
#include "clxs/text.hpp"

namespace clxs::kernel::databricks {
namespace {

// Text bodies are usually short; a proxy's page may not be, and a message is one sentence.
constexpr std::size_t kMaxTextMessage = 2000;

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::string collapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string capped(std::string s) {
  if (s.size() > kMaxTextMessage) s = s.substr(0, kMaxTextMessage) + "...";
  return s;
}

std::string decodeEntities(std::string_view s) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&lt;", '<'},   {"&gt;", '>'},    {"&amp;", '&'}, {"&quot;", '"'},
      {"&#39;", '\''}, {"&#x27;", '\''}, {"&nbsp;", ' '}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const auto& [name, ch] : kEntities) {
        if (s.substr(i, name.size()) == name) {
          out.push_back(ch);
          i += name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(s[i++]);
  }
  return out;
}

std::string stripTags(std::string_view s) {
  std::string out;
  bool inTag = false;
  for (const char c : s) {
    if (c == '<') inTag = true;
    if (!inTag) out.push_back(c);
    if (c == '>') inTag = false;
  }
  return out;
}

// Text inside the first <tag ...>...</tag>, tags inside it removed.
std::optional<std::string> elementText(std::string_view html, std::string_view tag) {
  const std::string lowered = lowerAscii(html);
  const auto open = lowered.find("<" + std::string(tag));
  if (open == std::string::npos) return std::nullopt;
  const auto contentStart = lowered.find('>', open);
  if (contentStart == std::string::npos) return std::nullopt;
  const auto close = lowered.find("</" + std::string(tag), contentStart);
  const auto end = close == std::string::npos ? html.size() : close;
  std::string text = collapseSpaces(
      decodeEntities(stripTags(html.substr(contentStart + 1, end - contentStart - 1))));
  if (text.empty()) return std::nullopt;
  return text;
}

bool looksLikeHtml(const HttpResponse& r, std::string_view body) {
  const auto ct = r.headers.find("content-type");
  if (ct != r.headers.end() && lowerAscii(ct->second).find("html") != std::string::npos)
    return true;
  const std::string head = lowerAscii(body.substr(0, 64));
  return head.starts_with("<!doctype html") || head.starts_with("<html") ||
         head.starts_with("<head") || head.starts_with("<body");
}

// {error_code, message}, {error, error_description}, {error}, SCIM; false when none fits.
bool readJsonError(const Json& body, ApiError& e) {
  if (!body.is_object()) return false;
  if (body.contains("error_code") || body.contains("message")) {
    e.errorCode = jsonText(body.value("error_code", Json()));
    e.message = jsonText(body.value("message", Json()));
    return true;
  }
  if (body.contains("detail") &&
      (body.contains("scimType") || body.contains("schemas") || body.contains("status"))) {
    const std::string status = jsonText(body.value("status", Json()));
    e.errorCode = "SCIM_" + (status.empty() ? std::to_string(e.status) : status);
    const std::string scimType = jsonText(body.value("scimType", Json()));
    const std::string detail = jsonText(body["detail"]);
    e.message = scimType.empty() ? detail : trim(scimType + " " + detail);
    return true;
  }
  if (body.contains("error")) {
    if (body.contains("error_description")) {
      e.errorCode = jsonText(body["error"]);
      e.message = jsonText(body["error_description"]);
    } else {
      e.message = jsonText(body["error"]);
    }
    return true;
  }
  if (body.contains("errorCode") || body.contains("errorSummary")) {
    e.errorCode = jsonText(body.value("errorCode", Json()));
    e.message = jsonText(body.value("errorSummary", Json()));
    return true;
  }
  return false;
}

// "CODE: message" with CODE in [A-Z0-9_], starting with a letter or underscore.
bool readCodedText(std::string_view text, ApiError& e) {
  const auto colon = text.find(": ");
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view code = text.substr(0, colon);
  if (std::isdigit(static_cast<unsigned char>(code.front()))) return false;
  const bool codeLike = std::all_of(code.begin(), code.end(), [](unsigned char c) {
    return std::isupper(c) || std::isdigit(c) || c == '_';
  });
  if (!codeLike) return false;
  e.errorCode = std::string(code);
  e.message = capped(trim(text.substr(colon + 2)));
  return true;
}

std::optional<std::chrono::seconds> retryAfterHeader(const HttpResponse& r) {
  const auto it = r.headers.find("retry-after");
  if (it == r.headers.end()) return std::nullopt;
  const std::string v = trim(it->second);
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.ends_with(suffix);
}

bool isNotFoundCode(std::string_view c) {
  return c == "NOT_FOUND" || endsWith(c, "_DOES_NOT_EXIST") || endsWith(c, "_NOT_FOUND");
}

bool isConflictCode(std::string_view c) {
  return c == "ALREADY_EXISTS" || c == "ABORTED" || endsWith(c, "_ALREADY_EXISTS");
}

std::optional<WorkspaceErrorClass> classOfCode(std::string_view c) {
  if (isNotFoundCode(c)) return WorkspaceErrorClass::NotFound;
  if (isConflictCode(c)) return WorkspaceErrorClass::Conflict;
  if (c == "PERMISSION_DENIED") return WorkspaceErrorClass::PermissionDenied;
  if (c == "UNAUTHENTICATED") return WorkspaceErrorClass::Unauthenticated;
  return std::nullopt;
}

// The Spark error class that opens a statement message, e.g. TABLE_OR_VIEW_NOT_FOUND from
// "[TABLE_OR_VIEW_NOT_FOUND] The table ..." or "org...AnalysisException: [X] ...".
std::string sparkErrorClass(std::string_view message) {
  std::string_view m = message;
  const auto firstBracket = m.find('[');
  if (firstBracket == std::string_view::npos) return {};
  if (firstBracket > 0) {
    // Only an exception-name prefix ("...Exception: ") may come before the class.
    const std::string prefix = trim(m.substr(0, firstBracket));
    if (!prefix.ends_with(":")) return {};
    const std::string name = prefix.substr(0, prefix.size() - 1);
    const bool nameLike =
        !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
          return std::isalnum(c) || c == '.' || c == '_' || c == '$';
        });
    if (!nameLike) return {};
  }
  const auto close = m.find(']', firstBracket);
  if (close == std::string_view::npos) return {};
  const std::string_view cls = m.substr(firstBracket + 1, close - firstBracket - 1);
  const bool classLike = !cls.empty() && std::all_of(cls.begin(), cls.end(), [](unsigned char c) {
    return std::isupper(c) || std::isdigit(c) || c == '_' || c == '.';
  });
  if (!classLike) return {};
  // Sub-classes (UNRESOLVED_COLUMN.WITH_SUGGESTION) classify as their main class.
  return std::string(cls.substr(0, cls.find('.')));
}

bool mentionsConcurrentWrite(std::string_view code, std::string_view message) {
  for (const std::string_view s : {code, message}) {
    if (s.find("DELTA_CONCURRENT_") != std::string_view::npos ||
        s.find("ConcurrentAppend") != std::string_view::npos ||
        s.find("ConcurrentModification") != std::string_view::npos ||
        s.find("ConcurrentDelete") != std::string_view::npos ||
        s.find("ConcurrentTransaction") != std::string_view::npos ||
        s.find("ConcurrentWrite") != std::string_view::npos ||
        s.find("MetadataChangedException") != std::string_view::npos ||
        s.find("ProtocolChangedException") != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

ApiError parseApiError(const HttpResponse& response) {
  ApiError e;
  e.status = response.status;
  const std::string body = trim(response.body);
  bool parsed = false;
  if (!body.empty() && (body.front() == '{' || body.front() == '[')) {
    const Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!json.is_discarded()) parsed = readJsonError(json, e);
  }
  if (!parsed && !body.empty()) {
    if (looksLikeHtml(response, body)) {
      e.errorCode = response.reason;
      auto text = elementText(body, "pre");
      if (!text) text = elementText(body, "title");
      e.message = capped(text.value_or(std::string()));
    } else if (!readCodedText(body, e)) {
      e.message = capped(body);
    }
  }
  if (e.message.empty()) {
    e.message = !response.reason.empty() ? response.reason : "HTTP " + std::to_string(e.status);
  }
  if (const auto after = retryAfterHeader(response)) {
    e.retryAfter = after;
    e.retryAfterGiven = true;
  } else if (e.status == 429 || e.status == 503) {
    e.retryAfter = std::chrono::seconds(1);
  }
  return e;
}

WorkspaceErrorClass errorClassFor(const ApiError& error) {
  if (const auto byCode = classOfCode(error.errorCode)) return *byCode;
  switch (error.status) {
    case 400:
      return WorkspaceErrorClass::InvalidSql;
    case 401:
      return WorkspaceErrorClass::Unauthenticated;
    case 403:
      return WorkspaceErrorClass::PermissionDenied;
    case 404:
      return WorkspaceErrorClass::NotFound;
    case 409:
      return WorkspaceErrorClass::Conflict;
    case 499:
      return WorkspaceErrorClass::Cancelled;
    case 501:
      return WorkspaceErrorClass::Unavailable;
    case 504:
      return WorkspaceErrorClass::Timeout;
    default:
      break;
  }
  // Other 4xx are requests the workspace will not take as sent; 3xx (a login or private-link
  // redirect, never followed) and other 5xx are the workspace's failures.
  if (error.status >= 400 && error.status < 500 && error.status != 429) {
    return WorkspaceErrorClass::InvalidSql;
  }
  return WorkspaceErrorClass::Remote;
}

WorkspaceErrorClass statementErrorClass(const std::string& errorCode, const std::string& message) {
  if (mentionsConcurrentWrite(errorCode, message)) return WorkspaceErrorClass::Conflict;
  const std::string cls = sparkErrorClass(message);
  if (!cls.empty()) {
    if (isNotFoundCode(cls)) return WorkspaceErrorClass::NotFound;
    if (cls.ends_with("_ALREADY_EXISTS") || cls == "ALREADY_EXISTS") {
      return WorkspaceErrorClass::Conflict;
    }
    if (cls.starts_with("INSUFFICIENT_PERMISSIONS") || cls == "PERMISSION_DENIED") {
      return WorkspaceErrorClass::PermissionDenied;
    }
    if (cls == "UNSUPPORTED_FEATURE" || cls == "NOT_IMPLEMENTED") {
      return WorkspaceErrorClass::Unavailable;
    }
    return WorkspaceErrorClass::InvalidSql;
  }
  if (const auto byCode = classOfCode(errorCode)) return *byCode;
  if (errorCode == "BAD_REQUEST" || errorCode == "INVALID_PARAMETER_VALUE") {
    return WorkspaceErrorClass::InvalidSql;
  }
  if (errorCode == "DEADLINE_EXCEEDED") return WorkspaceErrorClass::Timeout;
  if (errorCode == "CANCELLED") return WorkspaceErrorClass::Cancelled;
  if (errorCode == "NOT_IMPLEMENTED") return WorkspaceErrorClass::Unavailable;
  if (errorCode == "INTERNAL_ERROR" || errorCode == "IO_ERROR" || errorCode == "UNKNOWN" ||
      errorCode == "RESOURCE_EXHAUSTED" || errorCode == "SERVICE_UNDER_MAINTENANCE" ||
      errorCode == "TEMPORARILY_UNAVAILABLE" || errorCode == "WORKSPACE_TEMPORARILY_UNAVAILABLE") {
    return WorkspaceErrorClass::Remote;
  }
  // A statement that failed for a reason the workspace did not classify: the SQL is what the
  // caller can change.
  return WorkspaceErrorClass::InvalidSql;
}

}  // namespace clxs::kernel::databricks
