// The one error type plugins throw to answer a request with an HTTP error.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "clxs/json.hpp"
#include "clxs/visibility.hpp"

namespace clxs {

/// Thrown by a handler (or by an SDK service) to answer with `status` and
/// `{"detail": detail}`. `detail` is one sentence a user can act on, or for 422 the
/// FastAPI-shaped list of validation errors.
class CLXS_VISIBLE HttpError : public std::runtime_error {
 public:
  /// An error with a plain message as its detail.
  HttpError(int status, const std::string& message)
      : std::runtime_error(message), status_(status), detail_(message) {}
  /// An error whose detail is structured JSON (used for 422 validation errors).
  HttpError(int status, Json detail, const std::string& message)
      : std::runtime_error(message), status_(status), detail_(std::move(detail)) {}

  /// HTTP status to answer with.
  [[nodiscard]] int status() const noexcept { return status_; }
  /// Value of the `detail` key of the error body.
  [[nodiscard]] const Json& detail() const noexcept { return detail_; }

 private:
  int status_;
  Json detail_;
};

/// 400: the request passed validation but cannot be carried out as asked.
inline HttpError badRequest(const std::string& msg) {
  return {400, msg};
}
/// 404: the named object or id does not exist.
inline HttpError notFound(const std::string& msg) {
  return {404, msg};
}
/// 409: the object exists already or is in the wrong state.
inline HttpError conflict(const std::string& msg) {
  return {409, msg};
}
/// 503: a plugin or service this request needs is disabled or stopping; say which.
inline HttpError unavailable(const std::string& msg) {
  return {503, msg};
}
/// 501: this workspace or build lacks the capability; say which.
inline HttpError notImplemented(const std::string& msg) {
  return {501, msg};
}

/// A single 422 entry in FastAPI's shape: `loc` such as {"body","field"}.
inline Json validationIssue(Json loc, const std::string& msg, const std::string& type) {
  return Json{{"loc", std::move(loc)}, {"msg", msg}, {"type", type}};
}

/// 422 with one validation issue.
inline HttpError unprocessable(Json loc, const std::string& msg,
                               const std::string& type = "value_error") {
  return {422, Json::array({validationIssue(std::move(loc), msg, type)}), msg};
}

}  // namespace clxs
