// The embedded engine's errors in Databricks' words: an error class, a message that names the
// object the way Databricks does, and a SQLSTATE; never the engine's own prefixes, caret
// lines, suggestions or lists of candidate functions.
#pragma once

#include <string>
#include <string_view>

namespace clxs::kernel {

/// The Databricks form of an engine error message (one that carries no `[CLASS]` yet).
/// `cancelled` and `timedOut` say how the statement ended when the text does not.
std::string databricksEngineError(std::string_view engineMessage, bool cancelled = false,
                                  bool timedOut = false);

/// Throws Databricks' UNSUPPORTED_FEATURE (SQLSTATE 0A000) with `sentence`, which says what
/// the local workspace does not take.
[[noreturn]] void throwUnsupportedFeature(const std::string& sentence);

/// Databricks' ARITHMETIC_OVERFLOW error: "`kind` overflow" ("integer", "long", "decimal"),
/// naming `tryFunction`, the try_ form that would answer NULL instead.
std::string arithmeticOverflowError(std::string_view kind, std::string_view tryFunction);

}  // namespace clxs::kernel
