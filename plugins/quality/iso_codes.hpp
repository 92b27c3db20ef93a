// The ISO code lists the country, currency, language and subdivision checks compare with,
// read from Debian's iso-codes data (/usr/share/iso-codes/json) on first use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clxs::quality {

/// The standards the registry checks codes of.
enum class IsoStandard { Country, Currency, Language, Subdivision };

/// The sorted codes of `standard` in `format` ("alpha-2", "alpha-3" or "numeric" for
/// countries; "alphabetic" or "numeric" for currencies; "alpha-2" (ISO 639-1) or "alpha-3"
/// (ISO 639-3) for languages; "" for subdivisions). Throws HttpError 422 at
/// {"body","arguments","code_format"} for a format the standard does not have, and 503 when
/// the iso-codes data is not installed.
const std::vector<std::string>& isoCodes(IsoStandard standard, std::string_view format);

/// The formats `standard` has, for error messages ("alpha-2, alpha-3, numeric").
std::string isoFormats(IsoStandard standard);

}  // namespace clxs::quality
