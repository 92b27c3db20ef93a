// Digests as Spark returns them: lower-case hex text. sha2 supports the SHA-256 width only
// (0 and 256); other widths are refused rather than answered wrongly. hash, xxhash64 and
// crc32 are Spark's values, computed by the engine functions (engine_functions.cpp).
#include "kernel/workspace/local/engine/engine_errors.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

std::string sha2(const FunctionArgs& a) {
  if (a[1] != "256" && a[1] != "0") {
    throwUnsupportedFeature("sha2 with a bit length of " + a[1] +
                            " is not supported by the local workspace (256 is).");
  }
  return "sha256((" + a[0] + "))";
}

constexpr BuiltinFunction kHashFunctions[] = {
    {"crc32", 1, 1, "clxs_spark_crc32($1)"},
    {"hash", 0, -1, "clxs_spark_hash($*)"},
    {"md5", 1, 1, "md5($1)"},
    {"sha", 1, 1, "sha1($1)"},
    {"sha1", 1, 1, "sha1($1)"},
    {"sha2", 2, 2, {}, sha2},
    {"xxhash64", 0, -1, "clxs_spark_xxhash64($*)"},
};

}  // namespace

std::span<const BuiltinFunction> hashFunctions() {
  return kHashFunctions;
}

}  // namespace clxs::kernel
