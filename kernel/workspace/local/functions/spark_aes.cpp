#include "kernel/workspace/local/functions/spark_aes.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstddef>
#include <memory>

namespace clxs::kernel::spark_aes {

namespace {

constexpr std::size_t kBlockLength = 16;
constexpr std::size_t kCbcIvLength = 16;
constexpr std::size_t kGcmIvLength = 12;
constexpr std::size_t kGcmTagLength = 16;  // Spark's 128-bit tag

// Spark names both functions in most of its AES errors, whichever one failed.
constexpr std::string_view kFunctions = "`aes_encrypt`/`aes_decrypt`";

// Spark forwards the JDK cipher's own exception text as the AES_CRYPTO_ERROR detail; these are
// the JDK's words for the failures OpenSSL reports in its own terms. The tag message is the
// one of JDK 18 and later ("Tag mismatch!" before).
constexpr std::string_view kTagMismatch = "Tag mismatch";
constexpr std::string_view kBadPadding =
    "Given final block not properly padded. Such issues can arise if a bad key is used during "
    "decryption.";
constexpr std::string_view kNotWholeBlocks =
    "Input length must be multiple of 16 when decrypting with padded cipher";
constexpr std::string_view kNoRoomForTag =
    "Input data too short to contain an expected tag length of 16bytes";
constexpr std::string_view kNoRoomForIv = "IV buffer too short for given offset/length combination";

enum class Mode { kEcb, kCbc, kGcm };

struct ModeSpec {
  Mode mode;
  std::size_t ivLength;  // 0: the mode takes no IV
  bool takesAad;
};

[[noreturn]] void fail(std::string_view errorClass, std::string_view message,
                       std::string_view sqlState) {
  throw AesError("[" + std::string(errorClass) + "] " + std::string(message) +
                 " SQLSTATE: " + std::string(sqlState));
}

[[noreturn]] void invalidParameter(std::string_view subclass, std::string_view parameters,
                                   std::string_view message) {
  fail("INVALID_PARAMETER_VALUE." + std::string(subclass),
       "The value of parameter(s) " + std::string(parameters) + " in " + std::string(kFunctions) +
           " is invalid: " + std::string(message),
       "22023");
}

[[noreturn]] void unsupported(std::string_view subclass, std::string_view message) {
  fail("UNSUPPORTED_FEATURE." + std::string(subclass),
       "The feature is not supported: " + std::string(message), "0A000");
}

[[noreturn]] void cryptoError(std::string_view detail) {
  invalidParameter("AES_CRYPTO_ERROR", "`expr`, `key`", "detail message: " + std::string(detail));
}

// The IV and AAD errors name only aes_encrypt, even when decrypt raises them.
[[noreturn]] void aadUnsupported(std::string_view mode) {
  unsupported("AES_MODE_AAD", "`aes_encrypt` with AES-" + std::string(mode) +
                                  " does not support additional authenticate data (AAD).");
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

void checkKey(std::string_view key) {
  if (key.size() != 16 && key.size() != 24 && key.size() != 32) {
    invalidParameter("AES_KEY_LENGTH", "`key`",
                     "expects a binary value with 16, 24 or 32 bytes, but got " +
                         std::to_string(key.size()) + " bytes.");
  }
}

// Spark accepts exactly these (mode, padding) pairs; the error echoes both as given.
ModeSpec parseMode(std::string_view mode, std::string_view padding) {
  const bool isDefault = equalsIgnoreCase(padding, "DEFAULT");
  const bool isPkcs = isDefault || equalsIgnoreCase(padding, "PKCS");
  const bool isNone = isDefault || equalsIgnoreCase(padding, "NONE");
  if (equalsIgnoreCase(mode, "ECB") && isPkcs) return {Mode::kEcb, 0, false};
  if (equalsIgnoreCase(mode, "CBC") && isPkcs) return {Mode::kCbc, kCbcIvLength, false};
  if (equalsIgnoreCase(mode, "GCM") && isNone) return {Mode::kGcm, kGcmIvLength, true};
  unsupported("AES_MODE", "AES-" + std::string(mode) + " with the padding " + std::string(padding) +
                              " by the " + std::string(kFunctions) + " function.");
}

const EVP_CIPHER* cipherFor(Mode mode, std::size_t keyLength) {
  switch (mode) {
    case Mode::kEcb:
      return keyLength == 16 ? EVP_aes_128_ecb()
                             : (keyLength == 24 ? EVP_aes_192_ecb() : EVP_aes_256_ecb());
    case Mode::kCbc:
      return keyLength == 16 ? EVP_aes_128_cbc()
                             : (keyLength == 24 ? EVP_aes_192_cbc() : EVP_aes_256_cbc());
    case Mode::kGcm:
      return keyLength == 16 ? EVP_aes_128_gcm()
                             : (keyLength == 24 ? EVP_aes_192_gcm() : EVP_aes_256_gcm());
  }
  return nullptr;
}

// A failure of OpenSSL itself (not of the data): reported with OpenSSL's reason, as Spark
// would report whatever its JDK cipher threw.
[[noreturn]] void openSslFailure() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  cryptoError(reason != nullptr ? reason : "OpenSSL cipher failure");
}

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

CipherCtx startCipher(const ModeSpec& spec, std::string_view key, std::string_view iv,
                      bool encrypting) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) openSslFailure();
  // GCM's default IV length in OpenSSL is Spark's 12 bytes; ECB and CBC pad with PKCS#7 by
  // default, which is Spark's PKCS5Padding on 16-byte blocks.
  if (EVP_CipherInit_ex(ctx.get(), cipherFor(spec.mode, key.size()), nullptr, bytes(key),
                        iv.empty() ? nullptr : bytes(iv), encrypting ? 1 : 0) != 1) {
    openSslFailure();
  }
  return ctx;
}

// EVP lengths are ints: feed larger values in pieces. With out null the bytes are AAD.
void feed(EVP_CIPHER_CTX* ctx, std::string_view in, unsigned char* out, std::size_t& written) {
  constexpr std::size_t kPiece = std::size_t{1} << 30;
  while (!in.empty()) {
    const std::size_t n = std::min(in.size(), kPiece);
    int produced = 0;
    if (EVP_CipherUpdate(ctx, out == nullptr ? nullptr : out + written, &produced, bytes(in),
                         static_cast<int>(n)) != 1) {
      openSslFailure();
    }
    if (out != nullptr) written += static_cast<std::size_t>(produced);
    in.remove_prefix(n);
  }
}

void feedAad(EVP_CIPHER_CTX* ctx, std::string_view aad) {
  std::size_t unused = 0;
  feed(ctx, aad, nullptr, unused);
}

}  // namespace

std::string encrypt(std::string_view input, std::string_view key, std::string_view mode,
                    std::string_view padding, std::string_view iv, std::string_view aad) {
  checkKey(key);
  const ModeSpec spec = parseMode(mode, padding);
  std::string ivBytes(iv);
  if (ivBytes.empty()) {
    ivBytes.resize(spec.ivLength);
    if (!ivBytes.empty() && RAND_bytes(bytes(ivBytes), static_cast<int>(ivBytes.size())) != 1) {
      openSslFailure();
    }
  } else if (spec.ivLength == 0) {
    unsupported("AES_MODE_IV", "`aes_encrypt` with AES-" + std::string(mode) +
                                   " does not support initialization vectors (IVs).");
  }
  if (ivBytes.size() != spec.ivLength) {
    invalidParameter("AES_IV_LENGTH", "`iv`",
                     "supports 16-byte CBC IVs and 12-byte GCM IVs, but got " +
                         std::to_string(ivBytes.size()) + " bytes for " + std::string(mode) + ".");
  }
  if (!aad.empty() && !spec.takesAad) aadUnsupported(mode);

  CipherCtx ctx = startCipher(spec, key, ivBytes, true);
  if (!aad.empty()) feedAad(ctx.get(), aad);

  std::string out(ivBytes);
  const std::size_t ivLength = out.size();
  out.resize(ivLength + input.size() + kBlockLength + kGcmTagLength);
  std::size_t written = ivLength;
  feed(ctx.get(), input, bytes(out), written);
  int produced = 0;
  if (EVP_CipherFinal_ex(ctx.get(), bytes(out) + written, &produced) != 1) openSslFailure();
  written += static_cast<std::size_t>(produced);
  if (spec.mode == Mode::kGcm) {
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kGcmTagLength),
                            bytes(out) + written) != 1) {
      openSslFailure();
    }
    written += kGcmTagLength;
  }
  out.resize(written);
  return out;
}

std::string decrypt(std::string_view input, std::string_view key, std::string_view mode,
                    std::string_view padding, std::string_view aad) {
  checkKey(key);
  const ModeSpec spec = parseMode(mode, padding);
  std::string_view iv;
  std::string_view body = input;
  if (spec.ivLength != 0) {
    // The JDK rejects an input shorter than its IV with an IllegalArgumentException Spark does
    // not classify; it is reported here as the crypto error it amounts to.
    if (input.size() < spec.ivLength) cryptoError(kNoRoomForIv);
    iv = input.substr(0, spec.ivLength);
    body = input.substr(spec.ivLength);
    if (!aad.empty() && !spec.takesAad) aadUnsupported(mode);
  }
  // ECB decryption never looks at the AAD in Spark, so an AAD there is ignored, not refused.

  std::string_view tag;
  if (spec.mode == Mode::kGcm) {
    if (body.size() < kGcmTagLength) cryptoError(kNoRoomForTag);
    tag = body.substr(body.size() - kGcmTagLength);
    body.remove_suffix(kGcmTagLength);
  } else {
    if (body.size() % kBlockLength != 0) cryptoError(kNotWholeBlocks);
    // The JDK unpads no blocks to no bytes, where OpenSSL wants a final block.
    if (body.empty()) return {};
  }

  CipherCtx ctx = startCipher(spec, key, iv, false);
  if (!aad.empty() && spec.takesAad) feedAad(ctx.get(), aad);

  std::string out(body.size() + kBlockLength, '\0');
  std::size_t written = 0;
  feed(ctx.get(), body, bytes(out), written);
  if (spec.mode == Mode::kGcm) {
    std::string tagBytes(tag);  // the ctrl takes a mutable pointer
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kGcmTagLength),
                            bytes(tagBytes)) != 1) {
      openSslFailure();
    }
  }
  int produced = 0;
  if (EVP_CipherFinal_ex(ctx.get(), bytes(out) + written, &produced) != 1) {
    ERR_clear_error();
    cryptoError(spec.mode == Mode::kGcm ? kTagMismatch : kBadPadding);
  }
  written += static_cast<std::size_t>(produced);
  out.resize(written);
  return out;
}

}  // namespace clxs::kernel::spark_aes
