// Response models shared by the /api/auth route files.
#pragma once

#include <string>

#include "clxs/model.hpp"
#include "clxs/schema.hpp"

namespace clxs::kernel {

/// Who requests act as: GET /api/auth/status and the answer of every login route
/// (AuthService::status, login, useProfile, autoLogin).
inline clxs::Model authSessionModel() {
  using clxs::Field;
  return clxs::Model("AuthSession")
      .field("authenticated", Field::boolean().required().describe("Whether the credentials work"))
      .field("user", Field::string().required().nullable().describe("The workspace user"))
      .field("host", Field::string().required().nullable().describe(
                         "Workspace URL, or \"local\" for the local workspace"))
      .field("auth_method", Field::string().required().nullable().describe(
                                "How requests authenticate, e.g. pat or azure-cli"))
      .field("session_id", Field::string().required().nullable().describe(
                               "Server session to send as X-Clone-Session"))
      .field("profile", Field::string().describe("The CLI profile chosen (use-profile only)"))
      .field("error", Field::string().describe("Why the credentials could not be verified"));
}

/// An acknowledgement with a sentence for the user: logout, and the logins that start a CLI.
struct AuthNotice {
  std::string status;
  std::string message;
  static const clxs::Schema<AuthNotice>& schema() {
    using clxs::Field;
    static const auto s =
        clxs::Schema<AuthNotice>("AuthNotice")
            .field("status", &AuthNotice::status,
                   Field::string().required().describe("ok (logout) or started (CLI logins)"))
            .field("message", &AuthNotice::message,
                   Field::string().required().describe("What happened or what to do next"));
    return s;
  }
};

}  // namespace clxs::kernel
