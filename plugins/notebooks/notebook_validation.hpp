// Checks on notebook titles and cells, shared by create and update. The kernel validates
// bodies against the declared models first; these checks hold the invariants the models
// cannot express (a title that is only blanks) and normalise cells for storage.
#pragma once

#include <functional>
#include <string>

#include "clxs/json.hpp"

namespace clxs::notebooks {

/// Longest accepted title, in characters.
inline constexpr std::size_t kMaxTitleLength = 500;

/// Returns the title when it is a string with a non-blank character and at most
/// kMaxTitleLength characters; otherwise throws a 422 with loc ["body","title"].
std::string validateTitle(const Json& title);

/// Returns the cells as stored: an array of {id, type, content} with `type` lower-cased
/// and missing ids filled by `newId`. Unknown cell fields are dropped. Throws a 422 with
/// loc ["body","cells",index,field] for the first bad cell.
Json normaliseCells(const Json& cells, const std::function<std::string()>& newId);

}  // namespace clxs::notebooks
