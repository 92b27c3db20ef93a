// Numbers as Java's toString writes them, which Spark's messages and text outputs (to_csv,
// CAST_OVERFLOW) use.
#pragma once

#include <string>

namespace clxs::kernel {

/// Double.toString: the shortest digits that read back; plain between 1e-3 and 1e7
/// (`19.95`, `100.0`), else `d.dddE±n` (`1.0E20`, `1.5E-5`); `NaN`, `Infinity`, `-Infinity`.
std::string javaDoubleText(double d);

/// Float.toString: as javaDoubleText, with a float's shortest digits (`1.1`, not
/// `1.100000023841858`).
std::string javaFloatText(float f);

}  // namespace clxs::kernel
