// Digests as Spark returns them: lower-case hex text. sha2 supports the SHA-256 width only
// (0 and 256); other widths are refused rather than answered wrongly.
#include "kernel/workspace/local/engine_errors.hpp"
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
    {"md5", 1, 1, "md5($1)"},
    {"sha", 1, 1, "sha1($1)"},
    {"sha1", 1, 1, "sha1($1)"},
    {"sha2", 2, 2, {}, sha2},
};

}  // namespace

std::span<const BuiltinFunction> hashFunctions() {
  return kHashFunctions;
}

}  // namespace clxs::kernel
