// Spark's `aes_encrypt` and `aes_decrypt`, byte for byte: the same modes and paddings, the same
// output layout (the IV in front of the ciphertext, GCM's tag behind it) and the same errors,
// so a value encrypted on Databricks decrypts here and the other way round. OpenSSL does the
// cipher work; what is Spark's is which arguments are allowed and how failures are reported.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace clxs::kernel::spark_aes {

/// A failure as Databricks reports it: what() is the whole error line,
/// "[CLASS.SUBCLASS] message SQLSTATE: xxxxx".
struct AesError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// aes_encrypt(input, key, mode, padding, iv, aad). mode is GCM, CBC or ECB and padding
/// DEFAULT, NONE or PKCS (any case; GCM takes NONE, CBC and ECB take PKCS, DEFAULT is the
/// one the mode takes); an empty iv means a random one, an empty aad none. The key is 16, 24
/// or 32 bytes (AES-128/192/256). Returns GCM: 12-byte IV + ciphertext + 16-byte tag; CBC:
/// 16-byte IV + ciphertext; ECB: the ciphertext. Throws AesError.
std::string encrypt(std::string_view input, std::string_view key, std::string_view mode,
                    std::string_view padding, std::string_view iv, std::string_view aad);

/// aes_decrypt(input, key, mode, padding, aad): the inverse of encrypt, reading the IV (and
/// GCM's tag) from input. Throws AesError, INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR when the
/// input does not decrypt under the key (and aad).
std::string decrypt(std::string_view input, std::string_view key, std::string_view mode,
                    std::string_view padding, std::string_view aad);

}  // namespace clxs::kernel::spark_aes
