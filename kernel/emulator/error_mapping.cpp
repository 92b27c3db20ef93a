#include "kernel/emulator/error_mapping.hpp"

#include "clxs/text.hpp"

namespace clxs::kernel::emulator {

namespace {

bool hasErrorClass(const std::string& message) {
  return !message.empty() && message.front() == '[' && message.find(']') != std::string::npos;
}

std::string withClass(const std::string& errorClass, const std::string& message) {
  if (hasErrorClass(message)) return message;
  return "[" + errorClass + "] " + message;
}

bool mentions(const std::string& message, std::string_view word) {
  return lowerAscii(message).find(word) != std::string::npos;
}

}  // namespace

StatementError statementError(WorkspaceErrorClass errorClass, const std::string& message) {
  switch (errorClass) {
    case WorkspaceErrorClass::NotFound: {
      const bool relation = mentions(message, "table") || mentions(message, "view");
      return {"NOT_FOUND", withClass(relation ? "TABLE_OR_VIEW_NOT_FOUND" : "NOT_FOUND", message)};
    }
    case WorkspaceErrorClass::Conflict:
      if (mentions(message, "concurrent")) return {"ABORTED", message};
      return {"ALREADY_EXISTS", message};
    case WorkspaceErrorClass::PermissionDenied:
      return {"PERMISSION_DENIED", withClass("INSUFFICIENT_PERMISSIONS", message)};
    case WorkspaceErrorClass::InvalidSql:
      return {"BAD_REQUEST", message};
    case WorkspaceErrorClass::Unavailable:
      return {"BAD_REQUEST", withClass("UNSUPPORTED_FEATURE", message)};
    case WorkspaceErrorClass::Timeout:
      return {"DEADLINE_EXCEEDED", message};
    case WorkspaceErrorClass::Unauthenticated:
      return {"UNAUTHENTICATED", message};
    case WorkspaceErrorClass::Cancelled:
      return {"CANCELLED", message};
    case WorkspaceErrorClass::Remote:
      break;
  }
  return {"INTERNAL_ERROR", message};
}

ApiError restError(WorkspaceErrorClass errorClass, const std::string& message) {
  switch (errorClass) {
    case WorkspaceErrorClass::NotFound:
      return {404, "RESOURCE_DOES_NOT_EXIST", message};
    case WorkspaceErrorClass::PermissionDenied:
      return {403, "PERMISSION_DENIED", message};
    case WorkspaceErrorClass::InvalidSql:
      return {400, "INVALID_PARAMETER_VALUE", message};
    case WorkspaceErrorClass::Conflict:
      return {409, mentions(message, "concurrent") ? "ABORTED" : "ALREADY_EXISTS", message};
    case WorkspaceErrorClass::Unavailable:
      return {501, "NOT_IMPLEMENTED", message};
    case WorkspaceErrorClass::Unauthenticated:
      return {401, "UNAUTHENTICATED", message};
    case WorkspaceErrorClass::Timeout:
      return {504, "DEADLINE_EXCEEDED", message};
    case WorkspaceErrorClass::Cancelled:
      return {499, "CANCELLED", message};
    case WorkspaceErrorClass::Remote:
      break;
  }
  return {500, "INTERNAL_ERROR", message};
}

}  // namespace clxs::kernel::emulator
