// Natural-language data-quality rules without a language model: a small deterministic English
// grammar read into the registry's checks, and English written in that same grammar, so a rule
// a user typed, stored, and explained back reads the same and parses to the same check.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/quality/check.hpp"

namespace clxs::quality {

/// What one English rule became. A caller shows `unparsed` and asks for confirmation when
/// `confidence` is below 1, since a fuzzy column binding or ignored words may not be what the
/// user meant.
struct ParsedRule {
  /// The check: function, arguments, criticality and filter; the name is left for the caller
  /// (DQX's auto-name applies when it stays empty). Nothing when the text did not read as a
  /// rule.
  std::optional<Check> rule;
  /// 0..1, the weakest column binding: 1 exact names, 0.9 case-folded or multi-word ("order
  /// date"), 0.8 a singular/plural form, 0.6 within edit distance 2, 0.5 part of one column's
  /// name or an abbreviation ("email", "qty"); 0.2 less when words were left over; 0 without
  /// a rule.
  double confidence = 0;
  /// The table's columns the rule binds, as the table spells them (the foreign key's
  /// reference columns belong to another table and are not listed).
  std::vector<std::string> matchedColumns;
  /// Words the grammar did not read, and why a binding failed ("'date' could be order_date or
  /// ship_date"), so the user can rephrase.
  std::vector<std::string> unparsed;
};

/// Parses one English rule against the table's columns; with an empty `columns`, names are
/// taken as written (lower-cased, spaces as underscores). Never throws: text it cannot read
/// (any length, any characters) gives no rule and says why in `unparsed`. Every rule it gives
/// passes validateCheck, so nothing but quoted names, literals and validated SQL expressions
/// reaches the engine.
ParsedRule parseNaturalLanguageRule(std::string_view text, const std::vector<std::string>& columns);

/// English for a rule, one template per registry function, written in the grammar
/// parseNaturalLanguageRule reads, so parsing the English (with the same columns) gives the
/// same function, arguments, criticality and filter back. Arguments a template does not word
/// are written as "with <argument> <value>", which the parser reads too. Throws HttpError 422
/// for a function without a template, a missing required argument or one of the wrong type.
std::string explainRule(const Check& rule);

}  // namespace clxs::quality
