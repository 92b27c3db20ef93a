// JSON text written directly, for the lines written once per request (the access log), where
// building a JSON object only to serialise it was most of the cost of an answer.
#pragma once

#include <string>
#include <string_view>

namespace clxs::kernel {

/// Appends `text` as a JSON string literal (quotes included): `"` and `\` and control
/// characters escaped, invalid UTF-8 replaced by U+FFFD, as the JSON library's dump() with
/// its replace handler writes it.
void appendJsonString(std::string& out, std::string_view text);

/// Appends `value` rounded to three decimals (`12.345`), the precision of a duration in ms.
void appendFixed3(std::string& out, double value);

}  // namespace clxs::kernel
