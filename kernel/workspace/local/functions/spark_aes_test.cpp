#include "kernel/workspace/local/functions/spark_aes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace clxs::kernel::spark_aes {
namespace {

// Spark's examples are written with base64(), unbase64() and unhex(); these are the same.
constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string unbase64(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(kBase64.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string base64(std::string_view data) {
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, data.size() - i);
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      group = group << 8 | (j < n ? static_cast<unsigned char>(data[i + j]) : 0U);
    }
    for (std::size_t j = 0; j < 4; ++j) {
      out.push_back(j <= n ? kBase64[(group >> (18 - 6 * j)) & 63] : '=');
    }
  }
  return out;
}

std::string unhex(std::string_view text) {
  auto nibble = [](char c) {
    return c <= '9' ? c - '0' : (c <= 'F' ? c - 'A' + 10 : c - 'a' + 10);
  };
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(static_cast<char>(nibble(text[i]) << 4 | nibble(text[i + 1])));
  }
  return out;
}

std::string encryptB64(std::string_view input, std::string_view key, std::string_view mode,
                       std::string_view padding = "DEFAULT", std::string_view iv = "",
                       std::string_view aad = "") {
  return base64(encrypt(input, key, mode, padding, iv, aad));
}

std::string decryptB64(std::string_view b64, std::string_view key, std::string_view mode = "GCM",
                       std::string_view padding = "DEFAULT", std::string_view aad = "") {
  return decrypt(unbase64(b64), key, mode, padding, aad);
}

// The whole error line the call raises, or "" when it raises none.
template <typename F>
std::string errorOf(F&& call) {
  try {
    call();
  } catch (const AesError& e) {
    return e.what();
  }
  return "";
}

constexpr std::string_view kKey32 = "abcdefghijklmnop12345678ABCDEFGH";
constexpr std::string_view kLong =
    "This message is longer than a single AES block and should work fine.";

TEST(SparkAes, EncryptMatchesSparksDocumentedExamples) {
  EXPECT_EQ(encryptB64("Spark SQL", "1234567890abcdef", "ECB", "PKCS"), "3lmwu+Mw0H3fi5NDvcu9lg==");
  EXPECT_EQ(encryptB64("Spark", kKey32, "GCM", "DEFAULT", unhex("000000000000000000000000"),
                       "This is an AAD mixed into the input"),
            "AAAAAAAAAAAAAAAAQiYi+sTLm7KD9UcZ2nlRdYDe/PX4");
}

// Spark's own ExpressionImplUtilsSuite vectors: every key length, fixed IVs, several blocks.
TEST(SparkAes, EncryptMatchesSparksTestVectors) {
  EXPECT_EQ(encryptB64("Spark", "abcdefghijklmnop", "ECB"), "4Hv0UKCx6nfUeAoPZo1z+w==");
  EXPECT_EQ(encryptB64("Spark", "abcdefghijklmnop12345678", "ECB"), "NeTYNgA+PCQBN50DA//O2w==");
  EXPECT_EQ(encryptB64("Spark", kKey32, "ECB"), "9J3iZbIxnmaG+OIA9Amd+A==");
  EXPECT_EQ(encryptB64(kLong, kKey32, "ECB"),
            "agUfTbLT8KPsqbAmQn/YdpohvxqX5bBsfFjtxE5UwqvO6EWSUVyjeDA6r30XyS0ARebsBgXKSExaAVZ40NMgD"
            "LQa6/o9pieYwLT5YXI7flU=");
  EXPECT_EQ(encryptB64("Spark", kKey32, "CBC", "DEFAULT", std::string(16, '\0')),
            "AAAAAAAAAAAAAAAAAAAAAPSd4mWyMZ5mhvjiAPQJnfg=");
  EXPECT_EQ(encryptB64("Spark", kKey32, "GCM", "DEFAULT", std::string(12, '\0')),
            "AAAAAAAAAAAAAAAAQiYi+sRNYDAOTjdSEcYBFsAWPL1f");
}

TEST(SparkAes, DecryptMatchesSparksDocumentedExamples) {
  EXPECT_EQ(decryptB64("3lmwu+Mw0H3fi5NDvcu9lg==", "1234567890abcdef", "ECB", "PKCS"), "Spark SQL");
  EXPECT_EQ(decrypt(unhex("83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94"),
                    "0000111122223333", "GCM", "DEFAULT", ""),
            "Spark");
  EXPECT_EQ(
      decrypt(unhex("6E7CA17BBB468D3084B5744BCA729FB7B2B7BCB8E4472847D02670489D95FA97DBBA7D3210"),
              "0000111122223333", "GCM", "DEFAULT", ""),
      "Spark SQL");
  EXPECT_EQ(decryptB64("2NYmDCjgXTbbxGA3/SnJEfFC/JQ7olk2VQWReIAAFKo=", "1234567890abcdef", "CBC"),
            "Apache Spark");
  EXPECT_EQ(decryptB64("4A5jOAh9FNGwoMeuJukfllrLdHEZxA2DyuSQAWz77dfn", "abcdefghijklmnop"),
            "Spark");  // Databricks' example, GCM by default
}

TEST(SparkAes, DecryptMatchesSparksTestVectors) {
  EXPECT_EQ(decryptB64("y5la3muiuxN2suj6VsYXB+0XUFjtrUD0/zv5eDafsA3U", kKey32), "Spark");
  EXPECT_EQ(decryptB64("+MgyzJxhusYVGWCljk7fhhl6C6oUqWmtdqoaG93KvhY=", kKey32, "CBC"), "Spark");
  EXPECT_EQ(decryptB64("cxUKNdlZa/6hT6gdhp46OThPcdNONdBwJj/Ctl6z4gWVKfcA6DElJg84LbkueIifjNOTlodu"
                       "Kgidk9G9a4BDsn0NjlGLUeG8GH1moPWb/+knBC7oT/OOA06W6rJXudDo",
                       kKey32, "CBC"),
            kLong);
  EXPECT_EQ(decryptB64("73B0tHM3F7bvmG7yIZB9vMKnzHyuCYjD9PzAI7NJ+kDBWtaFO22n2cKlkNcCzr45a4Uol+s"
                       "NtQwQAV7iRhBdt6YmXoviemyXJWOZ89G279SgxabaomEIyN/HZwenxeN4",
                       kKey32, "GCM"),
            kLong);
  EXPECT_EQ(decryptB64("AAAAAAAAAAAAAAAAQiYi+sTLm7KD9UcZ2nlRdYDe/PX4", kKey32, "GCM", "DEFAULT",
                       "This is an AAD mixed into the input"),
            "Spark");
}

TEST(SparkAes, RandomIvsDifferAndRoundTrip) {
  for (const std::string_view mode : {"GCM", "CBC"}) {
    const std::string a = encrypt("Spark SQL", kKey32, mode, "DEFAULT", "", "");
    const std::string b = encrypt("Spark SQL", kKey32, mode, "DEFAULT", "", "");
    EXPECT_NE(a, b) << mode;
    EXPECT_EQ(decrypt(a, kKey32, mode, "DEFAULT", ""), "Spark SQL") << mode;
    EXPECT_EQ(decrypt(b, kKey32, mode, "DEFAULT", ""), "Spark SQL") << mode;
  }
  // Layouts: GCM 12 + n + 16; CBC 16 + n rounded up to a whole block, a full one when even.
  EXPECT_EQ(encrypt("Spark SQL", kKey32, "GCM", "NONE", "", "").size(), 12U + 9U + 16U);
  EXPECT_EQ(encrypt("Spark SQL", kKey32, "CBC", "PKCS", "", "").size(), 16U + 16U);
  EXPECT_EQ(encrypt(std::string(16, 'x'), kKey32, "CBC", "PKCS", "", "").size(), 16U + 32U);
  EXPECT_EQ(encrypt(std::string(16, 'x'), kKey32, "ECB", "PKCS", "", "").size(), 32U);
}

TEST(SparkAes, RoundTripsEveryModeKeyLengthAndSizeWithAad) {
  const std::string binary("\0\x01\xff\x80 bytes", 10);
  for (const std::string_view key : {std::string_view("0123456789abcdef"),
                                     std::string_view("0123456789abcdef01234567"), kKey32}) {
    for (const std::string_view mode : {"ECB", "CBC", "GCM"}) {
      for (const std::string& input : {std::string(), binary, std::string(kLong)}) {
        const std::string_view aad = mode == "GCM" ? "context" : "";
        const std::string cipher = encrypt(input, key, mode, "DEFAULT", "", aad);
        EXPECT_EQ(decrypt(cipher, key, mode, "DEFAULT", aad), input) << mode << key.size();
      }
    }
  }
}

TEST(SparkAes, ModeAndPaddingAreCaseInsensitive) {
  EXPECT_EQ(encryptB64("Spark SQL", "1234567890abcdef", "ecb", "pkcs"), "3lmwu+Mw0H3fi5NDvcu9lg==");
  EXPECT_EQ(encryptB64("Spark SQL", "1234567890abcdef", "Ecb", "Default"),
            "3lmwu+Mw0H3fi5NDvcu9lg==");
  EXPECT_EQ(
      decryptB64("2NYmDCjgXTbbxGA3/SnJEfFC/JQ7olk2VQWReIAAFKo=", "1234567890abcdef", "cbc", "Pkcs"),
      "Apache Spark");
  EXPECT_EQ(decryptB64("y5la3muiuxN2suj6VsYXB+0XUFjtrUD0/zv5eDafsA3U", kKey32, "gcm", "none"),
            "Spark");
}

TEST(SparkAes, EmptyCiphertextOfAPaddedModeDecryptsToEmptyAsTheJdkDoes) {
  EXPECT_EQ(decrypt("", "1234567890abcdef", "ECB", "PKCS", ""), "");
  EXPECT_EQ(decrypt(std::string(16, '\0'), "1234567890abcdef", "CBC", "PKCS", ""), "");
}

TEST(SparkAes, KeyLengthIsCheckedFirst) {
  EXPECT_EQ(errorOf([] { encrypt("Spark", "short", "GCM", "DEFAULT", "", ""); }),
            "[INVALID_PARAMETER_VALUE.AES_KEY_LENGTH] The value of parameter(s) `key` in "
            "`aes_encrypt`/`aes_decrypt` is invalid: expects a binary value with 16, 24 or 32 "
            "bytes, but got 5 bytes. SQLSTATE: 22023");
  // Before the mode: a bad key with a bad mode reports the key.
  EXPECT_NE(errorOf([] {
              decrypt("x", std::string(17, 'k'), "XTS", "NONE", "");
            }).find("AES_KEY_LENGTH] "),
            std::string::npos);
  EXPECT_NE(errorOf([] { decrypt("x", "", "GCM", "DEFAULT", ""); }).find("but got 0 bytes."),
            std::string::npos);
}

TEST(SparkAes, UnsupportedModeAndPaddingPairsEchoTheArguments) {
  EXPECT_EQ(errorOf([] { encrypt("Spark", kKey32, "GCM", "PKCS", "", ""); }),
            "[UNSUPPORTED_FEATURE.AES_MODE] The feature is not supported: AES-GCM with the padding "
            "PKCS by the `aes_encrypt`/`aes_decrypt` function. SQLSTATE: 0A000");
  EXPECT_EQ(errorOf([] { decrypt("x", kKey32, "GSM", "DEFAULT", ""); }),
            "[UNSUPPORTED_FEATURE.AES_MODE] The feature is not supported: AES-GSM with the padding "
            "DEFAULT by the `aes_encrypt`/`aes_decrypt` function. SQLSTATE: 0A000");
  EXPECT_NE(errorOf([] { encrypt("Spark", kKey32, "ECB", "NoPadding", "", ""); }), "");
  EXPECT_NE(errorOf([] { decrypt("x", kKey32, "ECB", "None", ""); }), "");
  EXPECT_NE(errorOf([] { decrypt("x", kKey32, "CBC", "NONE", ""); }), "");
}

TEST(SparkAes, IvMustFitTheMode) {
  EXPECT_EQ(errorOf([] { encrypt("Spark", kKey32, "ECB", "DEFAULT", std::string(16, '\0'), ""); }),
            "[UNSUPPORTED_FEATURE.AES_MODE_IV] The feature is not supported: `aes_encrypt` with "
            "AES-ECB does not support initialization vectors (IVs). SQLSTATE: 0A000");
  EXPECT_EQ(errorOf([] { encrypt("Spark", kKey32, "CBC", "DEFAULT", std::string(5, '\0'), ""); }),
            "[INVALID_PARAMETER_VALUE.AES_IV_LENGTH] The value of parameter(s) `iv` in "
            "`aes_encrypt`/`aes_decrypt` is invalid: supports 16-byte CBC IVs and 12-byte GCM "
            "IVs, but got 5 bytes for CBC. SQLSTATE: 22023");
  EXPECT_NE(errorOf([] {
              encrypt("Spark", kKey32, "GCM", "DEFAULT", std::string(16, '\0'), "");
            }).find("but got 16 bytes for GCM."),
            std::string::npos);
}

TEST(SparkAes, AadOnlyWithGcm) {
  EXPECT_EQ(errorOf([] { encrypt("Spark", kKey32, "ECB", "DEFAULT", "", "ECB does not"); }),
            "[UNSUPPORTED_FEATURE.AES_MODE_AAD] The feature is not supported: `aes_encrypt` with "
            "AES-ECB does not support additional authenticate data (AAD). SQLSTATE: 0A000");
  EXPECT_NE(errorOf([] {
              encrypt("Spark", kKey32, "CBC", "DEFAULT", "", "CBC doesn't");
            }).find("`aes_encrypt` with AES-CBC does not support additional"),
            std::string::npos);
  EXPECT_NE(errorOf([] {
              decryptB64("+MgyzJxhusYVGWCljk7fhhl6C6oUqWmtdqoaG93KvhY=", kKey32, "CBC", "DEFAULT",
                         "aad");
            }).find("UNSUPPORTED_FEATURE.AES_MODE_AAD"),
            std::string::npos);
  // Spark's ECB decryption never reads the AAD: it is ignored rather than refused.
  EXPECT_EQ(decryptB64("3lmwu+Mw0H3fi5NDvcu9lg==", "1234567890abcdef", "ECB", "PKCS", "ignored"),
            "Spark SQL");
}

TEST(SparkAes, UndecryptableInputIsACryptoErrorWithTheJdksDetail) {
  const std::string prefix =
      "[INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR] The value of parameter(s) `expr`, `key` in "
      "`aes_encrypt`/`aes_decrypt` is invalid: detail message: ";
  // Truncated CBC ciphertext (Spark's test case).
  EXPECT_EQ(errorOf([] { decryptB64("+MgyzJxhusYVGWCljk7fhhl6C6oUqWmtdqoaG93=", kKey32, "CBC"); }),
            prefix +
                "Input length must be multiple of 16 when decrypting with padded cipher "
                "SQLSTATE: 22023");
  // Corrupted GCM ciphertext, and a valid one under the wrong AAD.
  EXPECT_EQ(errorOf([] { decryptB64("y5la3muiuxN2suj6VsYXB+1XUFjtrUD0/zv5eDafsA3U", kKey32); }),
            prefix + "Tag mismatch SQLSTATE: 22023");
  EXPECT_EQ(errorOf([] {
              decryptB64("AAAAAAAAAAAAAAAAQiYi+sTLm7KD9UcZ2nlRdYDe/PX4", kKey32, "GCM", "DEFAULT",
                         "The ciphertext is valid, but the AAD is wrong");
            }),
            prefix + "Tag mismatch SQLSTATE: 22023");
  // The wrong key under ECB leaves bad padding.
  EXPECT_EQ(
      errorOf([] { decryptB64("3lmwu+Mw0H3fi5NDvcu9lg==", "1234567812345678", "ECB", "PKCS"); }),
      prefix +
          "Given final block not properly padded. Such issues can arise if a bad key is "
          "used during decryption. SQLSTATE: 22023");
  // Too short to hold GCM's IV and tag, or CBC's IV.
  EXPECT_NE(errorOf([] {
              decrypt(std::string(20, '\0'), kKey32, "GCM", "DEFAULT", "");
            }).find("AES_CRYPTO_ERROR"),
            std::string::npos);
  EXPECT_NE(errorOf([] { decrypt("short", kKey32, "GCM", "DEFAULT", ""); }).find("AES_CRYPTO"),
            std::string::npos);
  EXPECT_NE(errorOf([] { decrypt("short", kKey32, "CBC", "DEFAULT", ""); }).find("AES_CRYPTO"),
            std::string::npos);
}

}  // namespace
}  // namespace clxs::kernel::spark_aes
