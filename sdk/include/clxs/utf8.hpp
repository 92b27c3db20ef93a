// UTF-8 well-formedness as Unicode defines it (RFC 3629, Unicode table 3-7): no overlong
// forms, no surrogates, nothing above U+10FFFF. Text from a workspace, a file or a client can
// hold any bytes; JSON, logs and SQL string functions need well-formed text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace clxs {

/// One UTF-8 sequence at the start of a text.
struct Utf8Sequence {
  std::size_t length;  ///< bytes it spans; an ill-formed one spans its maximal valid prefix (>= 1)
  bool valid;          ///< whether it is a well-formed character
};

/// The sequence at the start of `text` (which must not be empty).
Utf8Sequence utf8SequenceAt(std::string_view text);

/// Appends the sequence at the start of `text` (not empty) to `out`, or U+FFFD in place of an
/// ill-formed one; returns how many bytes of `text` it took.
std::size_t appendUtf8Sequence(std::string& out, std::string_view text);

/// Whether all of `text` is well-formed UTF-8.
bool isValidUtf8(std::string_view text);

/// `text` with each ill-formed sequence (its maximal valid prefix, as Unicode recommends)
/// replaced by U+FFFD.
std::string makeValidUtf8(std::string_view text);

}  // namespace clxs
