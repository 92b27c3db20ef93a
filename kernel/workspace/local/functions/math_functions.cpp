// Numbers as Spark computes them: pmod's sign, log(base, x) and ln for one argument, ceil
// and floor as BIGINT, signum as DOUBLE, factorial NULL outside 0..20, bitwise shifts.
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

std::string log(const FunctionArgs& a) {
  if (a.size() == 1) return "ln((" + a[0] + "))";
  return "(ln((" + a[1] + ")) / ln((" + a[0] + ")))";
}

// ceil and floor to a number of decimal places (negative: tens, hundreds, ...).
std::string rounded(const FunctionArgs& a, const char* fn) {
  if (a.size() == 1) return std::string("CAST(") + fn + "((" + a[0] + ")) AS BIGINT)";
  return std::string("(") + fn + "((" + a[0] + ") * pow(10, (" + a[1] + "))) / pow(10, (" + a[1] +
         ")))";
}
std::string ceil(const FunctionArgs& a) {
  return rounded(a, "ceil");
}
std::string floor(const FunctionArgs& a) {
  return rounded(a, "floor");
}

// Whether the argument is an interval literal as the translator writes it. The engine's abs,
// sign and arithmetic take no intervals, and only a literal shows its type here (a Delta
// table has no interval columns).
bool intervalLiteral(const std::string& arg) {
  return arg.starts_with("INTERVAL '");
}

std::string abs(const FunctionArgs& a) {
  if (!intervalLiteral(a[0])) return "abs(" + a[0] + ")";
  return "CASE WHEN " + a[0] + " < INTERVAL '0 days' THEN -" + a[0] + " ELSE " + a[0] + " END";
}

// sign/signum: -1.0, 0.0 or 1.0, of numbers and of intervals.
std::string sign(const FunctionArgs& a) {
  if (!intervalLiteral(a[0])) return "CAST(sign(" + a[0] + ") AS DOUBLE)";
  return "CASE WHEN " + a[0] + " < INTERVAL '0 days' THEN -1.0::DOUBLE WHEN " + a[0] +
         " > INTERVAL '0 days' THEN 1.0::DOUBLE ELSE 0.0::DOUBLE END";
}

// width_bucket(v, min, max, n): the bucket of v among n equal buckets from min to max (which
// may run downwards); 0 below the range, n + 1 above it, NULL for no buckets or an empty range.
constexpr const char* kWidthBucket =
    "CASE WHEN $4 <= 0 OR $2 = $3 THEN NULL WHEN $2 < $3 THEN (CASE WHEN $1 < $2 THEN 0 "
    "WHEN $1 >= $3 THEN CAST($4 AS BIGINT) + 1 ELSE CAST(floor((CAST($1 AS DOUBLE) - $2) / "
    "(CAST($3 AS DOUBLE) - $2) * $4) AS BIGINT) + 1 END) ELSE (CASE WHEN $1 > $2 THEN 0 "
    "WHEN $1 <= $3 THEN CAST($4 AS BIGINT) + 1 ELSE CAST(floor((CAST($2 AS DOUBLE) - $1) / "
    "(CAST($2 AS DOUBLE) - $3) * $4) AS BIGINT) + 1 END) END";

// shiftrightunsigned: a negative INT shifts as its 32-bit pattern, a negative BIGINT as its
// 64-bit one.
constexpr const char* kShiftRightUnsigned =
    "CASE WHEN $1 >= 0 OR $2 % 64 = 0 THEN $1 >> ($2 % 64) WHEN typeof($1) IN ('INTEGER', "
    "'SMALLINT', 'TINYINT') THEN CAST(((CAST($1 AS BIGINT) & 4294967295) >> ($2 % 32)) AS "
    "INTEGER) ELSE CAST(((CAST($1 AS HUGEINT) & 18446744073709551615) >> ($2 % 64)) AS BIGINT) "
    "END";

// uniform(min, max[, seed]): a random value in [min, max), an integer when both bounds are
// integer literals. The engine's generator takes no per-call seed, so a seed is accepted and
// the value is not the one Spark's seeded generator gives.
// width_bucket of intervals buckets their lengths (a month is 30 days, as the engine
// compares intervals).
std::string widthBucket(const FunctionArgs& a) {
  FunctionArgs args = a;
  if (intervalLiteral(a[0]) && intervalLiteral(a[1]) && intervalLiteral(a[2])) {
    for (std::size_t i = 0; i < 3; ++i) args[i] = "epoch(" + a[i] + ")";
  }
  constexpr BuiltinFunction kPattern{"width_bucket", 4, 4, kWidthBucket};
  return writeBuiltin(kPattern, args);
}

std::string uniform(const FunctionArgs& a) {
  const auto integral = [](const std::string& s) {
    return !s.empty() && s.find_first_not_of("-0123456789") == std::string::npos;
  };
  const std::string value = "((" + a[0] + ") + random() * ((" + a[1] + ") - (" + a[0] + ")))";
  if (integral(a[0]) && integral(a[1])) return "CAST(floor" + value + " AS INTEGER)";
  return value;
}

constexpr BuiltinFunction kMathFunctions[] = {
    {"conv", 3, 3, "clxs_spark_conv(CAST($1 AS VARCHAR), $2, $3)"},
    {"uniform", 2, 3, {}, uniform},
    {"acos", 1, 1, "CASE WHEN abs($1) > 1 THEN CAST('NaN' AS DOUBLE) ELSE acos($1) END"},
    {"asin", 1, 1, "CASE WHEN abs($1) > 1 THEN CAST('NaN' AS DOUBLE) ELSE asin($1) END"},
    {"bin", 1, 1, "bin(CAST($1 AS BIGINT))"},
    {"bit_get", 2, 2, "(($1 >> $2) & 1)"},
    {"getbit", 2, 2, "(($1 >> $2) & 1)"},
    {"bround", 1, 2, "round_even($1, coalesce($2, 0))"},
    {"ceil", 1, 2, {}, ceil},
    {"ceiling", 1, 2, {}, ceil},
    {"cot", 1, 1, "(1.0 / tan($1))"},
    {"csc", 1, 1, "(1.0 / sin($1))"},
    {"e", 0, 0, "exp(1)"},
    {"expm1", 1, 1, "(exp($1) - 1)"},
    {"factorial", 1, 1,
     "CASE WHEN $1 BETWEEN 0 AND 20 THEN CAST(factorial(CAST($1 AS INTEGER)) AS BIGINT) END"},
    {"floor", 1, 2, {}, floor},
    {"hypot", 2, 2, "sqrt(CAST($1 AS DOUBLE) * $1 + CAST($2 AS DOUBLE) * $2)"},
    {"ln", 1, 1, "ln($1)"},
    {"log", 1, 2, {}, log},
    {"log1p", 1, 1, "ln(1 + $1)"},
    {"nanvl", 2, 2, "CASE WHEN isnan($1) THEN $2 ELSE $1 END"},
    {"negative", 1, 1, "(-$1)"},
    {"mod", 2, 2, "($1 % CASE WHEN ($2) = 0 THEN error('Division by zero') ELSE ($2) END)"},
    {"pmod", 2, 2,
     "((($1 % CASE WHEN ($2) = 0 THEN error('Division by zero') ELSE ($2) END) + $2) % $2)"},
    {"positive", 1, 1, "(+$1)"},
    {"rint", 1, 1, "CAST(round_even($1, 0) AS DOUBLE)"},
    {"sec", 1, 1, "(1.0 / cos($1))"},
    {"shiftleft", 2, 2, "($1 << $2)"},
    {"shiftright", 2, 2, "($1 >> $2)"},
    {"abs", 1, 1, {}, abs},
    {"sign", 1, 1, {}, sign},
    {"signum", 1, 1, {}, sign},
    {"shiftrightunsigned", 2, 2, kShiftRightUnsigned},
    {"try_add", 2, 2, "TRY($1 + $2)"},
    {"try_divide", 2, 2, "CASE WHEN $2 = 0 THEN NULL ELSE $1 / $2 END"},
    {"try_mod", 2, 2, "TRY(CASE WHEN $2 = 0 THEN NULL ELSE $1 % $2 END)"},
    {"try_multiply", 2, 2, "TRY($1 * $2)"},
    {"try_subtract", 2, 2, "TRY($1 - $2)"},
    {"width_bucket", 4, 4, {}, widthBucket},
};

}  // namespace

std::span<const BuiltinFunction> mathFunctions() {
  return kMathFunctions;
}

}  // namespace clxs::kernel
