// Masking of secret-looking config values before they leave the server.
#pragma once

#include <string_view>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// Whether a config key holds a secret: token, client_secret, password, api_key, webhook,
/// or a name ending in _token, _secret, _password, _api_key or _webhook_url.
[[nodiscard]] bool isSecretKey(std::string_view key);

/// A copy of `value` in which every string under a secret key, at any depth, is replaced
/// by clxs::maskSecret of itself ("dapi...wxyz"; empty stays empty).
[[nodiscard]] Json maskSecrets(Json value);

/// A copy of `value` with every string in it masked (the value of a secret key).
[[nodiscard]] Json maskAllStrings(Json value);

}  // namespace clxs::kernel
