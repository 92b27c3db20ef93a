// Functions about values rather than of them, and the odd ones out: typeof names a value's
// type as Spark does (`int`, `array<int>`, `struct<a:int>`); AES encryption and Spark's bitmaps
// are engine functions; reflect calls the few Java methods people call through it.
#include "clxs/text.hpp"
#include "kernel/workspace/local/engine/engine_errors.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"
#include "kernel/workspace/local/functions/sql_keywords.hpp"

namespace clxs::kernel {

namespace {

// reflect(class, method, args…) (java_method, try_reflect): there is no JVM here, so the
// static methods people reach for through it are written out; the class and method must be
// literals. A URL decoder error is NULL in the try_ form and Spark's error otherwise.
std::string reflect(const FunctionArgs& a, bool orNull) {
  std::string cls;
  std::string method;
  if (!literalText(a[0], cls) || !literalText(a[1], method)) {
    throwUnsupportedFeature(
        "reflect takes its class and method as literals on the local "
        "workspace.");
  }
  const std::string target = cls + "." + method;
  const std::size_t args = a.size() - 2;
  if (target == "java.util.UUID.randomUUID" && args == 0) return "CAST(uuid() AS VARCHAR)";
  if (target == "java.util.UUID.fromString" && args == 1) {
    return "CAST(CAST(" + a[2] + " AS UUID) AS VARCHAR)";
  }
  if (target == "java.net.URLEncoder.encode" && (args == 1 || args == 2)) {
    return writeBuiltin(*findBuiltin("url_encode"), {a[2]});
  }
  if (target == "java.net.URLDecoder.decode" && (args == 1 || args == 2)) {
    return urlDecodeSql(a[2], orNull);
  }
  throwUnsupportedFeature(
      "reflect calls java.util.UUID.randomUUID, java.util.UUID.fromString, "
      "java.net.URLEncoder.encode and java.net.URLDecoder.decode on the "
      "local workspace, not " +
      target + ".");
}
// sql_keywords(): the keywords of Spark's SQL, as a relation (keyword, reserved).
std::string sqlKeywordsRelation(const FunctionArgs& /*a*/) {
  std::string rows;
  for (const auto& k : sqlKeywords()) {
    rows += (rows.empty() ? "" : ", ") + std::string("('") + std::string(k.keyword) + "', " +
            (k.reserved ? "true" : "false") + ")";
  }
  return "(SELECT * FROM (VALUES " + rows + ") AS __clxs_k(keyword, reserved))";
}

std::string reflectOrError(const FunctionArgs& a) {
  return reflect(a, false);
}
std::string tryReflect(const FunctionArgs& a) {
  return reflect(a, true);
}

constexpr BuiltinFunction kMiscFunctions[] = {
    {"aes_decrypt", 2, 5, "clxs_spark_aes_decrypt($*)"},
    {"aes_encrypt", 2, 6, "clxs_spark_aes_encrypt($*)"},
    {"bitmap_bit_position", 1, 1, "clxs_spark_bitmap_bit_position($1)"},
    {"bitmap_bucket_number", 1, 1, "clxs_spark_bitmap_bucket_number($1)"},
    {"bitmap_count", 1, 1, "clxs_spark_bitmap_count($1)"},
    {"java_method", 2, -1, {}, reflectOrError},
    {"reflect", 2, -1, {}, reflectOrError},
    {"sql_keywords", 0, 0, {}, sqlKeywordsRelation},
    {"try_aes_decrypt", 2, 5, "TRY(clxs_spark_aes_decrypt($*))"},
    {"try_reflect", 2, -1, {}, tryReflect},
    {"typeof", 1, 1, "clxs_spark_typeof($1)"},
};

}  // namespace

std::span<const BuiltinFunction> miscFunctions() {
  return kMiscFunctions;
}

}  // namespace clxs::kernel
