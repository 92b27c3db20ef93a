#include "plugins/quality/nl_rules.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/sql_guard.hpp"
#include "clxs/text.hpp"
#include "plugins/quality/check_registry.hpp"

namespace clxs::quality {
namespace {

// Longer text is not a rule anyone typed; the bound keeps the edit-distance work small.
constexpr std::size_t kNlMaxChars = 4096;
constexpr double kNlExact = 1.0;
constexpr double kNlFolded = 0.9;
constexpr double kNlPlural = 0.8;
constexpr double kNlEdit = 0.6;
constexpr double kNlPart = 0.5;
constexpr double kNlLeftoverPenalty = 0.2;
constexpr std::int64_t kNlMaxAmount = 1'000'000'000;

bool nlIn(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

std::string nlTrim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])) != 0) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])) != 0) --e;
  return std::string(s.substr(b, e - b));
}

std::string nlJoin(const std::vector<std::string>& parts, std::string_view sep,
                   std::string_view lastSep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? lastSep : sep;
    out += parts[i];
  }
  return out;
}

// ---- names ----

bool nlIsIdentifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])) != 0) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (std::isalnum(static_cast<unsigned char>(c)) != 0 &&
            static_cast<unsigned char>(c) < 0x80) ||
           c == '_';
  });
}

// What the registry's columnSql reads as a (struct) column path rather than an expression.
bool nlIsIdentifierPath(std::string_view s) {
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    if (!nlIsIdentifier(s.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string nlBacktick(std::string_view name) {
  std::string out = "`";
  for (const char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  return out + "`";
}

// A column as an argument: the registry reads a plain path as a column and anything else as an
// expression, so a name that is not a path is backtick-quoted to stay a name.
std::string nlArgName(std::string_view name) {
  return nlIsIdentifierPath(name) ? std::string(name) : nlBacktick(name);
}

// The name inside an argument nlArgName wrote.
std::string nlUnquoteArg(std::string_view arg) {
  if (arg.size() < 2 || arg.front() != '`' || arg.back() != '`') return std::string(arg);
  std::string out;
  for (std::size_t i = 1; i + 1 < arg.size(); ++i) {
    out.push_back(arg[i]);
    if (arg[i] == '`' && i + 2 < arg.size() && arg[i + 1] == '`') ++i;
  }
  return out;
}

std::string nlColumnSql(std::string_view name) {
  if (!nlIsIdentifierPath(name)) return quoteIdentifier(name);
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot = name.find('.'); dot != std::string_view::npos;
       dot = name.find('.', start)) {
    parts.emplace_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  parts.emplace_back(name.substr(start));
  return quoteQualified(parts);
}

std::string nlFold(std::string_view s) {
  std::string out = lowerAscii(s);
  for (auto& c : out) {
    if (c == ' ' || c == '-') c = '_';
  }
  return out;
}

std::string nlSingular(const std::string& w) {
  const auto ends = [&](std::string_view s) {
    return w.size() > s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (w.size() > 4 && ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("shes") || ends("ches") || ends("xes") || ends("zes") || ends("uses")) {
    return w.substr(0, w.size() - 2);
  }
  if (ends("ss") || ends("us") || ends("is")) return w;
  if (ends("s")) return w.substr(0, w.size() - 1);
  return w;
}

std::vector<std::string> nlNameParts(std::string_view folded) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= folded.size()) {
    const std::size_t us = folded.find('_', start);
    const std::size_t end = us == std::string_view::npos ? folded.size() : us;
    if (end > start) parts.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::vector<std::string> nlSingularParts(std::string_view folded) {
  std::vector<std::string> parts = nlNameParts(folded);
  for (auto& p : parts) p = nlSingular(p);
  return parts;
}

// Levenshtein distance with adjacent transpositions counted as one edit ("emial").
std::size_t nlEditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// Whether a typed word abbreviates a name's word: "qty" quantity, "amt" amount (its letters in
// order, same first letter), "ship" shipping, "shipping" ship (a stem of at least 3 letters).
bool nlAbbreviates(std::string_view w, std::string_view part) {
  if (w == part) return true;
  if (w.size() >= 3 && part.size() >= 3 && (part.starts_with(w) || w.starts_with(part))) {
    return true;
  }
  if (w.size() < 2 || w.size() >= part.size() || w[0] != part[0]) return false;
  std::size_t k = 0;
  for (const char c : part) {
    if (k < w.size() && w[k] == c) ++k;
  }
  return k == w.size();
}

// Words that name the grammar's parts: a column spelt like one is written in backticks.
bool nlIsKeyword(std::string_view w) {
  static const std::set<std::string_view> kWords{
      "a",         "above",      "absent",   "after",    "all",         "always",  "among",
      "an",        "and",        "any",      "are",      "as",          "at",      "average",
      "avg",       "be",         "before",   "below",    "between",     "blank",   "by",
      "can",       "check",      "column",   "columns",  "combination", "count",   "data",
      "dataset",   "date",       "does",     "each",     "either",      "email",   "empty",
      "ensure",    "equal",      "equals",   "error",    "every",       "exactly", "exceed",
      "exceeds",   "exist",      "exists",   "fail",     "field",       "for",     "fresh",
      "from",      "has",        "have",     "if",       "in",          "is",      "it",
      "less",      "match",      "matches",  "max",      "maximum",     "mean",    "median",
      "min",       "minimum",    "missing",  "more",     "must",        "never",   "no",
      "not",       "now",        "null",     "number",   "of",          "on",      "one",
      "or",        "outside",    "per",      "positive", "negative",    "records", "record",
      "reference", "references", "required", "row",      "rows",        "satisfy", "satisfies",
      "should",    "stddev",     "sum",      "table",    "the",         "there",   "to",
      "today",     "total",      "true",     "false",    "unique",      "unless",  "updated",
      "values",    "value",      "variance", "verify",   "warn",        "warning", "was",
      "when",      "whenever",   "where",    "with",     "within",      "zero",    "distinct",
      "grouped",   "than",       "least",    "most",     "that",        "time",    "timestamp",
      "uuid",      "ipv4",       "ip",       "ipv6",     "json",        "cidr",    "query",
      "case"};
  return kWords.contains(w);
}

// A column as the explanation writes it: plain when the parser reads it back as that name.
std::string nlWriteName(std::string_view name) {
  const std::string low = lowerAscii(name);
  if (low == name && nlIsIdentifierPath(name) && !nlIsKeyword(low)) return std::string(name);
  return nlBacktick(name);
}

// ---- tokens ----

enum class NlKind { Word, Number, Date, Quoted, Backticked, Regex, Punct };

struct NlToken {
  NlKind kind = NlKind::Word;
  std::string raw;  ///< as written; the content for quoted tokens and regexes
  std::string low;  ///< lower case; operators in one spelling
  std::size_t begin = 0;
  std::size_t end = 0;
  int depth = 0;  ///< brackets around the token
};

bool nlWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || u >= 0x80;
}

bool nlDigitAt(std::string_view s, std::size_t i) {
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

std::size_t nlDigitsEnd(std::string_view s, std::size_t i) {
  while (nlDigitAt(s, i)) ++i;
  return i;
}

// Length of the ISO date or timestamp at i, in the forms the registry reads as DATE and
// TIMESTAMP literals, or 0.
std::size_t nlDateLength(std::string_view s, std::size_t i) {
  for (const std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!nlDigitAt(s, i + k)) return 0;
  }
  if (s[i + 4] != '-' || s[i + 7] != '-') return 0;
  std::size_t j = i + 10;
  if (j < s.size() && (s[j] == 'T' || s[j] == ' ') && nlDigitAt(s, j + 1) && nlDigitAt(s, j + 2) &&
      j + 3 < s.size() && s[j + 3] == ':' && nlDigitAt(s, j + 4) && nlDigitAt(s, j + 5)) {
    j += 6;
    if (j < s.size() && s[j] == ':' && nlDigitAt(s, j + 1) && nlDigitAt(s, j + 2)) {
      j += 3;
      if (j < s.size() && s[j] == '.' && nlDigitAt(s, j + 1)) j = nlDigitsEnd(s, j + 1);
    }
    if (j < s.size() && s[j] == 'Z') {
      ++j;
    } else if (j < s.size() && (s[j] == '+' || s[j] == '-') && nlDigitAt(s, j + 1) &&
               nlDigitAt(s, j + 2)) {
      std::size_t k = j + 3;
      if (k < s.size() && s[k] == ':') ++k;
      if (nlDigitAt(s, k) && nlDigitAt(s, k + 1)) j = k + 2;
    }
  }
  if (j < s.size() && nlWordByte(s[j])) return 0;
  return j - i;
}

bool nlIsDateText(std::string_view s) {
  return s.size() >= 10 && nlDateLength(s, 0) == s.size();
}

std::size_t nlNumberLength(std::string_view s, std::size_t i) {
  std::size_t j = i;
  if (s[j] == '-' || s[j] == '+') ++j;
  j = nlDigitsEnd(s, j);
  if (j < s.size() && s[j] == '.' && nlDigitAt(s, j + 1)) j = nlDigitsEnd(s, j + 1);
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    std::size_t k = j + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    const std::size_t d = nlDigitsEnd(s, k);
    if (d > k && (d == s.size() || !nlWordByte(s[d]))) j = d;
  }
  return j - i;
}

// A number as JSON: an integer stays an integer; nothing for one out of range.
std::optional<Json> nlNumberJson(const std::string& s) {
  if (s.find_first_of(".eE") == std::string::npos) {
    const char* b = s.data() + (s.front() == '+' ? 1 : 0);
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size()) return Json(v);
  }
  const double d = std::strtod(s.c_str(), nullptr);
  if (!std::isfinite(d)) return std::nullopt;
  return Json(d);
}

// The end of a quoted run at i (the quote doubled inside stands for itself), or npos.
std::size_t nlQuoteEnd(std::string_view s, std::size_t i, std::string& content) {
  const char q = s[i];
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] != q) {
      content.push_back(s[j]);
      continue;
    }
    if (j + 1 < s.size() && s[j + 1] == q) {
      content.push_back(q);
      ++j;
      continue;
    }
    return j + 1;
  }
  return std::string_view::npos;
}

// The end of a /regex/ at i (a backslash keeps the next character in it), or npos.
std::size_t nlRegexEnd(std::string_view s, std::size_t i, std::string& content) {
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\' && j + 1 < s.size()) {
      content.push_back(s[j]);
      content.push_back(s[++j]);
      continue;
    }
    if (s[j] == '/') return j + 1;
    content.push_back(s[j]);
  }
  return std::string_view::npos;
}

std::size_t nlWordEnd(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size()) {
    if (nlWordByte(s[j])) {
      ++j;
      continue;
    }
    const bool joiner = s[j] == '.' || s[j] == '-' ||
                        (s[j] == '\'' && std::isalpha(static_cast<unsigned char>(s[j - 1])) != 0);
    if (joiner && j + 1 < s.size() && nlWordByte(s[j + 1])) {
      ++j;
      continue;
    }
    break;
  }
  return j;
}

std::vector<NlToken> nlTokenize(std::string_view s) {
  std::vector<NlToken> out;
  // Open brackets, as the closing character each needs. A closing bracket closes its opener
  // and any left open inside it ("(a [)"); one that closes nothing is plain punctuation
  // ("(a ])"), so a bracketed run always ends where its own closer is.
  std::string open;
  const auto add = [&](NlKind kind, std::string raw, std::size_t b, std::size_t e) {
    NlToken t;
    t.kind = kind;
    t.low = lowerAscii(raw);
    t.raw = std::move(raw);
    t.begin = b;
    t.end = e;
    t.depth = static_cast<int>(open.size());
    if (kind == NlKind::Punct) {
      const char c = t.low.size() == 1 ? t.low[0] : '\0';
      if (c == '(' || c == '[' || c == '{') {
        open.push_back(c == '(' ? ')' : c == '[' ? ']' : '}');
      } else if (const auto at = c == '\0' ? std::string::npos : open.rfind(c);
                 at != std::string::npos) {
        open.resize(at);
        t.depth = static_cast<int>(open.size());
      } else if (t.low == "==") {
        t.low = "=";
      } else if (t.low == "<>") {
        t.low = "!=";
      } else if (t.low == "=>") {
        t.low = ">=";
      } else if (t.low == "=<") {
        t.low = "<=";
      }
    }
    out.push_back(std::move(t));
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) != 0 || u < 0x20 || u == 0x7f) {
      ++i;
      continue;
    }
    const char prev = i > 0 ? s[i - 1] : ' ';
    const bool sign = (c == '-' || c == '+') && nlDigitAt(s, i + 1) &&
                      (std::isspace(static_cast<unsigned char>(prev)) != 0 ||
                       std::string_view("(,[=<>:").find(prev) != std::string_view::npos);
    if (nlDigitAt(s, i) || sign) {
      const std::size_t date = sign ? 0 : nlDateLength(s, i);
      const std::size_t n = date > 0 ? date : nlNumberLength(s, i);
      add(date > 0 ? NlKind::Date : NlKind::Number, std::string(s.substr(i, n)), i, i + n);
      i += n;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      std::string content;
      const std::size_t e = nlQuoteEnd(s, i, content);
      if (e != std::string_view::npos) {
        add(c == '`' ? NlKind::Backticked : NlKind::Quoted, std::move(content), i, e);
        i = e;
        continue;
      }
    }
    if (c == '/' && !out.empty() && out.back().kind == NlKind::Word &&
        nlIn(out.back().low, {"match", "matches", "matching", "regex", "pattern", "expression"})) {
      std::string content;
      const std::size_t e = nlRegexEnd(s, i, content);
      if (e != std::string_view::npos) {
        add(NlKind::Regex, std::move(content), i, e);
        i = e;
        continue;
      }
    }
    if (nlWordByte(c)) {
      const std::size_t e = nlWordEnd(s, i);
      add(NlKind::Word, std::string(s.substr(i, e - i)), i, e);
      i = e;
      continue;
    }
    const std::string_view two = s.substr(i, 2);
    if (nlIn(two, {">=", "<=", "!=", "<>", "==", "=>", "=<"})) {
      add(NlKind::Punct, std::string(two), i, i + 2);
      i += 2;
      continue;
    }
    add(NlKind::Punct, std::string(1, c), i, i + 1);
    ++i;
  }
  return out;
}

// ---- canonical words of a predicate ----

struct NlWord {
  std::string w;        ///< canonical word; empty for a value token
  std::size_t src = 0;  ///< its token
};

std::vector<std::string> nlCanonicalWord(std::string_view w) {
  static const std::set<std::string_view> kFillers{
      "is",       "are",     "be",        "been",      "being",       "was",        "were",
      "must",     "should",  "shall",     "will",      "would",       "always",     "the",
      "a",        "an",      "column",    "columns",   "field",       "fields",     "values",
      "value",    "does",    "do",        "did",       "please",      "valid",      "proper",
      "properly", "correct", "correctly", "formatted", "well-formed", "strictly",   "also",
      "has",      "have",    "had",       "contain",   "contains",    "containing", "include",
      "includes", "need",    "needs",     "ought",     "only",        "can",        "could",
      "looks",    "look",    "like",      "lies",      "lie",         "falls",      "fall",
      "ranges",   "that",    "it",        "entries",   "entry",       "its",        "integer",
      "integers", "number",  "numeric",   "decimal",   "whole"};
  static const std::map<std::string_view, std::string_view> kSynonyms{
      {"e-mail", "email"},         {"emails", "email"},
      {"nulls", "null"},           {"blanks", "blank"},
      {"duplicates", "duplicate"}, {"duplicated", "duplicate"},
      {"dupes", "duplicate"},      {"dupe", "duplicate"},
      {"repeated", "duplicate"},   {"matches", "match"},
      {"matching", "match"},       {"follows", "follow"},
      {"exists", "exist"},         {"existing", "exist"},
      {"references", "reference"}, {"referencing", "reference"},
      {"refers", "reference"},     {"refer", "reference"},
      {"equals", "equal"},         {"exceeds", "exceed"},
      {"exceeding", "exceed"},     {"satisfies", "satisfy"},
      {"satisfying", "satisfy"},   {"greater", "more"},
      {"larger", "more"},          {"bigger", "more"},
      {"higher", "more"},          {"fewer", "less"},
      {"lower", "less"},           {"smaller", "less"},
      {"over", "above"},           {"under", "below"},
      {"uuids", "uuid"},           {"guid", "uuid"},
      {"guids", "uuid"},           {"timestamps", "timestamp"},
      {"datetime", "timestamp"},   {"datetimes", "timestamp"},
      {"dates", "date"},           {"emailaddress", "email"},
      {"occurs", "occur"},         {"times", "time"},
      {"appears", "appear"}};
  if (kFillers.contains(w)) return {};
  if (nlIn(w, {"never", "no", "cannot", "can't", "isn't", "aren't", "mustn't", "shouldn't",
               "doesn't", "don't", "won't", "wasn't", "weren't", "invalid", "non"})) {
    return {"not"};
  }
  if (w.size() > 4 && w.starts_with("non-")) {
    auto rest = nlCanonicalWord(w.substr(4));
    rest.insert(rest.begin(), "not");
    return rest;
  }
  if (w.size() > 3 && w.starts_with("non") &&
      nlIn(w.substr(3), {"negative", "empty", "null", "blank", "positive", "zero"})) {
    return {"not", std::string(w.substr(3))};
  }
  if (const auto it = kSynonyms.find(w); it != kSynonyms.end()) return {std::string(it->second)};
  return {std::string(w)};
}

class NlCursor {
 public:
  NlCursor(std::vector<NlWord> words, std::size_t rawEnd)
      : words_(std::move(words)), rawEnd_(rawEnd) {}

  [[nodiscard]] bool done() const { return pos_ >= words_.size(); }
  [[nodiscard]] std::string_view word(std::size_t off = 0) const {
    return pos_ + off < words_.size() ? std::string_view(words_[pos_ + off].w) : std::string_view();
  }
  /// Consumes `seq` when the words here spell it, and nothing otherwise.
  bool accept(std::initializer_list<std::string_view> seq) {
    std::size_t k = 0;
    for (const auto w : seq) {
      if (pos_ + k >= words_.size() || words_[pos_ + k].w != w) return false;
      ++k;
    }
    pos_ += k;
    return true;
  }
  /// Consumes one word when it is one of `set`.
  bool acceptAny(std::initializer_list<std::string_view> set) {
    if (done() || word().empty() || !nlIn(word(), set)) return false;
    ++pos_;
    return true;
  }
  void next() {
    if (!done()) ++pos_;
  }
  /// The token under the cursor (the region's end when done), for values read from tokens.
  [[nodiscard]] std::size_t raw() const { return done() ? rawEnd_ : words_[pos_].src; }
  /// The token of the word `off` ahead (the region's end past the last).
  [[nodiscard]] std::size_t rawAt(std::size_t off) const {
    return pos_ + off < words_.size() ? words_[pos_ + off].src : rawEnd_;
  }
  /// The token after the last word consumed: lists start there, since a filler word ("a") may
  /// be one of their values.
  [[nodiscard]] std::size_t rawNext() const {
    if (pos_ == 0) return raw();
    return std::min(words_[pos_ - 1].src + 1, rawEnd_);
  }
  /// Moves past the words of tokens before `r`, after a value read from tokens.
  void seekRaw(std::size_t r) {
    while (pos_ < words_.size() && words_[pos_].src < r) ++pos_;
  }
  void finish() { pos_ = words_.size(); }
  [[nodiscard]] std::size_t mark() const { return pos_; }
  void reset(std::size_t m) { pos_ = m; }
  /// "warn if X is null" states the failing case; the check is its negation.
  void toggleNot() {
    if (!words_.empty() && words_.front().w == "not") {
      words_.erase(words_.begin());
      return;
    }
    const std::size_t src = words_.empty() ? rawEnd_ : words_.front().src;
    words_.insert(words_.begin(), NlWord{"not", src});
  }

 private:
  std::vector<NlWord> words_;
  std::size_t rawEnd_;
  std::size_t pos_ = 0;
};

enum class NlCmp { Ge, Le, Gt, Lt, Eq, Ne };

std::optional<NlCmp> nlComparator(NlCursor& c) {
  const std::size_t m = c.mark();
  const bool neg = c.accept({"not"});
  std::optional<NlCmp> base;
  if (c.accept({">="}) || c.accept({"at", "least"}) ||
      c.accept({"more", "than", "or", "equal", "to"}) || c.accept({"minimum", "of"}) ||
      c.accept({"minimum"}) || c.accept({"min"}) || c.accept({"on", "or", "after"})) {
    base = NlCmp::Ge;
  } else if (c.accept({"<="}) || c.accept({"at", "most"}) ||
             c.accept({"less", "than", "or", "equal", "to"}) || c.accept({"maximum", "of"}) ||
             c.accept({"maximum"}) || c.accept({"max"}) || c.accept({"up", "to"}) ||
             c.accept({"on", "or", "before"})) {
    base = NlCmp::Le;
  } else if (c.accept({">"}) || c.accept({"more", "than"}) || c.accept({"above"}) ||
             c.accept({"exceed"}) || c.accept({"after"})) {
    base = NlCmp::Gt;
  } else if (c.accept({"<"}) || c.accept({"less", "than"}) || c.accept({"below"}) ||
             c.accept({"before"})) {
    base = NlCmp::Lt;
  } else if (c.accept({"="}) || c.accept({"equal", "to"}) || c.accept({"equal"}) ||
             c.accept({"exactly"}) || c.accept({"same", "as"})) {
    base = NlCmp::Eq;
  } else if (c.accept({"!="}) || c.accept({"different", "from"}) ||
             c.accept({"different", "than"})) {
    base = NlCmp::Ne;
  }
  if (!base) {
    c.reset(m);
    return std::nullopt;
  }
  if (!neg) return base;
  switch (*base) {
    case NlCmp::Ge:
      return NlCmp::Lt;
    case NlCmp::Le:
      return NlCmp::Gt;
    case NlCmp::Gt:
      return NlCmp::Le;
    case NlCmp::Lt:
      return NlCmp::Ge;
    case NlCmp::Eq:
      return NlCmp::Ne;
    case NlCmp::Ne:
      return NlCmp::Eq;
  }
  return std::nullopt;
}

std::optional<std::int64_t> nlNumberWord(std::string_view w) {
  static const std::map<std::string_view, std::int64_t> kWords{
      {"one", 1},     {"two", 2},      {"three", 3},   {"four", 4},   {"five", 5},
      {"six", 6},     {"seven", 7},    {"eight", 8},   {"nine", 9},   {"ten", 10},
      {"twelve", 12}, {"fifteen", 15}, {"twenty", 20}, {"thirty", 30}};
  const auto it = kWords.find(w);
  if (it == kWords.end()) return std::nullopt;
  return it->second;
}

std::int64_t nlUnitSeconds(std::string_view w) {
  if (nlIn(w, {"second", "seconds", "sec", "secs", "s"})) return 1;
  if (nlIn(w, {"minute", "minutes", "min", "mins"})) return 60;
  if (nlIn(w, {"hour", "hours", "hr", "hrs", "h"})) return 3600;
  if (nlIn(w, {"day", "days", "d"})) return 86400;
  if (nlIn(w, {"week", "weeks", "wk", "wks", "w"})) return 604800;
  return 0;
}

// The largest unit that divides `seconds`, for the explanation.
std::string nlWriteSeconds(std::int64_t seconds) {
  static constexpr std::pair<std::int64_t, std::string_view> kUnits[] = {
      {86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};
  for (const auto& [size, name] : kUnits) {
    if (seconds % size == 0) {
      const std::int64_t n = seconds / size;
      return std::to_string(n) + " " + std::string(name) + (n == 1 ? "" : "s");
    }
  }
  return std::to_string(seconds) + " seconds";
}

enum class NlUse { Limit, Equality, Item };

enum class NlSubjectKind { Columns, Rows, Aggregate };

struct NlSubject {
  NlSubjectKind kind = NlSubjectKind::Columns;
  std::vector<std::string> columns;  ///< as arguments (nlArgName)
  std::vector<std::string> names;    ///< as the table spells them
  std::vector<std::string> group;    ///< group_by arguments
  std::string aggr;                  ///< aggregate type
  std::string aggrColumn;            ///< its column argument, or "*"
  bool rowsWord = false;             ///< named rows ("each row"), so "satisfy" reads
  bool needsRowsWord = false;        ///< "the table", "there": a count names rows
};

struct NlDraft {
  std::string function;
  Json arguments = Json::object();
};

struct NlOption {
  std::string name;
  std::size_t begin = 0;  ///< its value's tokens
  std::size_t end = 0;
};

struct NlList {
  Json items = Json::array();
  bool bracketed = false;
};

class NlParser {
 public:
  NlParser(std::string_view text, const std::vector<std::string>& columns)
      : text_(text), columns_(columns) {}

  ParsedRule run() {
    ParsedRule out;
    try {
      out.rule = parse();
    } catch (const HttpError& e) {
      note(e.what());
      out.rule.reset();
    } catch (const std::exception& e) {
      // A JSON type error from an argument the registry cannot use: still no rule, never a
      // crash, whatever the text.
      note(std::string("not a usable rule: ") + e.what());
      out.rule.reset();
    }
    out.unparsed = std::move(unparsed_);
    if (!out.rule) return out;
    out.matchedColumns = std::move(matched_);
    const double c = level_ - (leftover_ ? kNlLeftoverPenalty : 0.0);
    out.confidence = std::clamp(std::round(c * 100) / 100, 0.0, 1.0);
    return out;
  }

 private:
  std::string_view text_;
  const std::vector<std::string>& columns_;
  std::vector<NlToken> tok_;
  std::size_t end_ = 0;  ///< the condition's end
  double level_ = kNlExact;
  bool leftover_ = false;
  bool hardFail_ = false;  ///< a pattern began and failed; no other pattern is tried
  std::vector<std::string> matched_;
  std::vector<std::string> unparsed_;

  void note(std::string s) {
    if (std::find(unparsed_.begin(), unparsed_.end(), s) == unparsed_.end()) {
      unparsed_.push_back(std::move(s));
    }
  }
  void fail(std::string s) {
    note(std::move(s));
    hardFail_ = true;
  }

  [[nodiscard]] std::string slice(std::size_t b, std::size_t e) const {
    if (b >= e || e > tok_.size()) return "";
    return std::string(text_.substr(tok_[b].begin, tok_[e - 1].end - tok_[b].begin));
  }
  [[nodiscard]] bool isWord(std::size_t i, std::initializer_list<std::string_view> set) const {
    return i < tok_.size() && tok_[i].kind == NlKind::Word && nlIn(tok_[i].low, set);
  }
  [[nodiscard]] bool isPunct(std::size_t i, std::initializer_list<std::string_view> set) const {
    return i < tok_.size() && tok_[i].kind == NlKind::Punct && nlIn(tok_[i].low, set);
  }
  // Whether the tokens before `e` spell `seq` (words and punctuation only).
  [[nodiscard]] bool tailIs(std::size_t b, std::size_t e,
                            const std::vector<std::string_view>& seq) const {
    if (e < b + seq.size()) return false;
    std::size_t i = e - seq.size();
    for (const auto w : seq) {
      const NlToken& t = tok_[i++];
      if ((t.kind != NlKind::Word && t.kind != NlKind::Punct) || t.low != w) return false;
    }
    return true;
  }
  // The closing bracket of the one at i, or npos.
  [[nodiscard]] std::size_t closing(std::size_t i, std::size_t e) const {
    const std::string_view close = tok_[i].low == "(" ? ")" : tok_[i].low == "[" ? "]" : "}";
    for (std::size_t k = i + 1; k < e; ++k) {
      if (tok_[k].depth == tok_[i].depth && tok_[k].kind == NlKind::Punct && tok_[k].low == close) {
        return k;
      }
    }
    return std::string_view::npos;
  }

  std::optional<Check> parse() {
    if (text_.size() > kNlMaxChars) {
      note("the rule is longer than " + std::to_string(kNlMaxChars) + " characters");
      return std::nullopt;
    }
    tok_ = nlTokenize(text_);
    std::size_t b = 0;
    std::size_t e = tok_.size();
    trimEnds(b, e);
    Check check;
    bool negated = false;
    readPrefix(b, e, check.criticality, negated);
    readSuffix(b, e, check.criticality);
    trimEnds(b, e);
    if (!readFilter(b, e, check.filter)) return std::nullopt;
    readSuffix(b, e, check.criticality);
    trimEnds(b, e);
    const std::vector<NlOption> options = readOptions(b, e);
    const bool ignoreCase = readIgnoreCase(b, e);
    trimEnds(b, e);
    if (b >= e) {
      note("no condition found");
      return std::nullopt;
    }
    end_ = e;
    std::optional<NlDraft> draft = condition(b, e, negated);
    if (!draft) return std::nullopt;
    if (ignoreCase) {
      if (nlIn(draft->function, {"is_in_list", "is_not_in_list", "is_not_null_and_is_in_list"})) {
        draft->arguments["case_sensitive"] = false;
      } else {
        note("ignoring case");
        leftover_ = true;
      }
    }
    applyOptions(*draft, options);
    check.function = draft->function;
    check.arguments = std::move(draft->arguments);
    Check probe = check;
    probe.tableFqn = "nl.rules.probe";
    validateCheck(probe);
    return check;
  }

  void trimEnds(std::size_t& b, std::size_t& e) const {
    while (b < e && tok_[b].depth == 0 && isPunct(b, {".", ",", ";", ":", "-", "*", "!", "?"})) {
      ++b;
    }
    while (e > b && tok_[e - 1].depth == 0 && isPunct(e - 1, {".", ",", ";", ":", "!", "?"})) {
      --e;
    }
  }

  // "warn if …" / "warning: …" / "error: …" / "fail when …"; "ensure that …".
  void readPrefix(std::size_t& b, std::size_t e, Criticality& crit, bool& negated) const {
    if (b + 1 < e) {
      const bool warn = isWord(b, {"warn", "warning", "warnings"});
      const bool error = isWord(b, {"error", "err", "fail", "failure", "critical", "reject"});
      if (warn || error) {
        const Criticality c = warn ? Criticality::Warn : Criticality::Error;
        if (isPunct(b + 1, {":", "-"})) {
          crit = c;
          b += 2;
        } else if (isWord(b + 1, {"if", "when", "whenever"})) {
          crit = c;
          negated = true;
          b += 2;
        } else if (isWord(b + 1, {"unless"}) || (warn && isWord(b + 1, {"that"}))) {
          crit = c;
          b += 2;
        }
      }
    }
    if (b + 1 < e && isWord(b, {"ensure", "check", "verify", "assert", "expect", "confirm"}) &&
        !isWord(b + 1, {"is", "are", "must", "should", "has"})) {
      ++b;
    } else if (b + 2 < e && isWord(b, {"make"}) && isWord(b + 1, {"sure"})) {
      b += 2;
    }
    if (b + 1 < e && isWord(b, {"that"})) ++b;
  }

  // "… (warn)", "… as a warning".
  void readSuffix(std::size_t b, std::size_t& e, Criticality& crit) const {
    for (const auto& [open, close] : {std::pair{"(", ")"}, std::pair{"[", "]"}}) {
      for (const char* word : {"warn", "warning", "error"}) {
        // "rows must satisfy (warning)" is an expression, not a criticality
        if (tailIs(b, e, {open, word, close}) &&
            !(e >= b + 4 && isWord(e - 4, {"satisfy", "satisfies", "query", "match", "matches"}))) {
          crit = std::string_view(word) == "error" ? Criticality::Error : Criticality::Warn;
          e -= 3;
          return;
        }
      }
    }
    static const std::vector<std::pair<std::vector<std::string_view>, Criticality>> kTails{
        {{"as", "a", "warning"}, Criticality::Warn},
        {{"as", "warning"}, Criticality::Warn},
        {{"as", "an", "error"}, Criticality::Error},
        {{"as", "error"}, Criticality::Error}};
    for (const auto& [seq, c] : kTails) {
      if (tailIs(b, e, seq)) {
        crit = c;
        e -= seq.size();
        return;
      }
    }
  }

  // "… where <predicate>": the predicate as written, if it is one SQL expression.
  bool readFilter(std::size_t b, std::size_t& e, std::string& filter) {
    for (std::size_t i = b + 1; i < e; ++i) {
      const NlToken& t = tok_[i];
      if (t.depth != 0 || !isWord(i, {"where", "when", "whenever", "if"})) continue;
      if (i + 1 >= e) {
        note("nothing follows '" + t.raw + "'");
        return false;
      }
      filter = nlTrim(slice(i + 1, e));
      try {
        requireSingleExpression(filter);
      } catch (const HttpError& err) {
        note("the filter '" + filter + "' is not one SQL expression: " + err.what());
        return false;
      }
      e = i;
      while (e > b) {
        if (isPunct(e - 1, {","}) || isWord(e - 1, {"only", "but"})) {
          --e;
        } else if (tailIs(b, e, {"for", "rows"}) || tailIs(b, e, {"for", "records"}) ||
                   tailIs(b, e, {"on", "rows"})) {
          e -= 2;
        } else if (tailIs(b, e, {"for", "all", "rows"}) || tailIs(b, e, {"for", "each", "row"}) ||
                   tailIs(b, e, {"for", "every", "row"}) ||
                   tailIs(b, e, {"for", "those", "rows"})) {
          e -= 3;
        } else {
          break;
        }
      }
      return true;
    }
    return true;
  }

  static bool isOptionName(std::string_view name) {
    static const std::set<std::string, std::less<>> kNames = [] {
      std::set<std::string, std::less<>> out;
      for (const auto& f : checkFunctions()) {
        for (const auto& a : f.args) {
          if (!a.required) out.emplace(a.name);
        }
      }
      return out;
    }();
    return kNames.contains(name);
  }

  // "… with <argument> <value> (and <argument> <value>)": optional arguments by name.
  std::vector<NlOption> readOptions(std::size_t b, std::size_t& e) {
    std::vector<NlOption> out;
    std::size_t i = b + 1;
    while (i + 1 < e && !(tok_[i].depth == 0 && isWord(i, {"with"}) &&
                          tok_[i + 1].kind == NlKind::Word && isOptionName(tok_[i + 1].low))) {
      ++i;
    }
    if (i + 1 >= e) return out;
    const std::size_t start = i;
    while (i < e && (isWord(i, {"with", "and"}) || isPunct(i, {","}))) {
      if (i + 1 >= e || tok_[i + 1].kind != NlKind::Word || !isOptionName(tok_[i + 1].low)) break;
      NlOption o;
      o.name = tok_[i + 1].low;
      o.begin = i + 2;
      if (o.begin >= e) break;
      o.end = o.begin + 1;
      if (isPunct(o.begin, {"(", "["})) {
        const std::size_t close = closing(o.begin, e);
        if (close == std::string_view::npos) break;
        o.end = close + 1;
      }
      out.push_back(o);
      i = o.end;
    }
    if (i < e) {
      note(slice(i, e));
      leftover_ = true;
    }
    e = start;
    return out;
  }

  bool readIgnoreCase(std::size_t b, std::size_t& e) const {
    static const std::vector<std::vector<std::string_view>> kTails{
        {"(", "case", "insensitive", ")"},
        {"(", "case-insensitive", ")"},
        {"(", "ignoring", "case", ")"},
        {"regardless", "of", "case"},
        {"ignoring", "case"},
        {"ignore", "case"},
        {"case", "insensitive"},
        {"case", "insensitively"},
        {"case-insensitive"}};
    for (const auto& seq : kTails) {
      if (tailIs(b, e, seq)) {
        e -= seq.size();
        return true;
      }
    }
    return false;
  }

  // ---- column binding ----

  std::optional<std::string> take(const std::string& column, double level) {
    level_ = std::min(level_, level);
    if (std::find(matched_.begin(), matched_.end(), column) == matched_.end()) {
      matched_.push_back(column);
    }
    return column;
  }

  std::optional<std::string> pick(const std::string& phrase,
                                  const std::vector<const std::string*>& hits, double level) {
    if (hits.size() == 1) return take(*hits.front(), level);
    std::vector<std::string> names;
    for (const auto* h : hits) names.push_back(*h);
    fail("'" + phrase + "' could be " + nlJoin(names, ", ", " or "));
    return std::nullopt;
  }

  // Binds the words [b, e) to one column: exact, case-folded (and multi-word), singular or
  // plural, edit distance, part of a name, in that order and no weaker than `floor`; a tie at
  // the first level that matches binds nothing.
  std::optional<std::string> bind(std::size_t b, std::size_t e, double floor, bool quiet) {
    if (b >= e) return std::nullopt;
    if (e - b == 1 && tok_[b].kind == NlKind::Backticked) {
      const std::string& name = tok_[b].raw;
      if (name.empty()) return std::nullopt;
      if (columns_.empty()) return take(name, kNlExact);
      for (const auto& col : columns_) {
        if (col == name) return take(col, kNlExact);
      }
      std::vector<const std::string*> hits;
      for (const auto& col : columns_) {
        if (sameName(col, name)) hits.push_back(&col);
      }
      if (!hits.empty()) return pick(name, hits, kNlFolded);
      if (!quiet) fail("`" + name + "` is not a column of the table");
      return std::nullopt;
    }
    std::vector<std::string> words;
    for (std::size_t i = b; i < e; ++i) {
      if (tok_[i].kind != NlKind::Word && tok_[i].kind != NlKind::Number) {
        if (!quiet) fail("'" + slice(b, e) + "' is not a column name");
        return std::nullopt;
      }
      std::string w = tok_[i].raw;
      if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) w.resize(w.size() - 2);
      words.push_back(std::move(w));
    }
    const std::string phrase = slice(b, e);
    const std::string folded = nlFold(nlJoin(words, "_", "_"));
    if (columns_.empty()) {
      if (!nlIsIdentifierPath(folded) || folded.size() > 255) {
        if (!quiet) fail("'" + phrase + "' is not a column name");
        return std::nullopt;
      }
      return take(folded, kNlExact);
    }
    std::vector<const std::string*> hits;
    const auto level = [&](const auto& matches) {
      hits.clear();
      for (const auto& col : columns_) {
        if (matches(col) && std::find_if(hits.begin(), hits.end(), [&](const std::string* h) {
                              return *h == col;
                            }) == hits.end()) {
          hits.push_back(&col);
        }
      }
      return !hits.empty();
    };
    if (words.size() == 1 && level([&](const std::string& col) { return col == words[0]; })) {
      return pick(phrase, hits, kNlExact);
    }
    if (level([&](const std::string& col) { return nlFold(col) == folded; })) {
      return pick(phrase, hits, kNlFolded);
    }
    const std::vector<std::string> parts = nlSingularParts(folded);
    if (floor <= kNlPlural &&
        level([&](const std::string& col) { return nlSingularParts(nlFold(col)) == parts; })) {
      return pick(phrase, hits, kNlPlural);
    }
    if (floor <= kNlEdit && folded.size() <= 64) {
      const std::size_t allowed = folded.size() >= 6 ? 2 : folded.size() >= 4 ? 1 : 0;
      std::size_t best = allowed + 1;
      for (const auto& col : columns_) {
        const std::string f = nlFold(col);
        if (f.size() > 64 || f.size() + allowed < folded.size() ||
            folded.size() + allowed < f.size()) {
          continue;
        }
        best = std::min(best, nlEditDistance(folded, f));
      }
      if (best <= allowed && level([&](const std::string& col) {
            const std::string f = nlFold(col);
            return f.size() <= 64 && nlEditDistance(folded, f) == best;
          })) {
        return pick(phrase, hits, kNlEdit);
      }
    }
    // One level for part of a name and abbreviations, so "amt" with amount and amt_due ties.
    const std::vector<std::string> typed = nlNameParts(folded);
    if (floor <= kNlPart && level([&](const std::string& col) {
          const std::vector<std::string> cp = nlSingularParts(nlFold(col));
          if (!parts.empty() && parts.size() < cp.size() &&
              std::search(cp.begin(), cp.end(), parts.begin(), parts.end()) != cp.end()) {
            return true;
          }
          const std::vector<std::string> names = nlNameParts(nlFold(col));
          if (typed.empty() || typed.size() != names.size()) return false;
          for (std::size_t i = 0; i < names.size(); ++i) {
            if (!nlAbbreviates(typed[i], names[i])) return false;
          }
          return true;
        })) {
      return pick(phrase, hits, kNlPart);
    }
    if (!quiet) fail("'" + phrase + "' is not a column of the table");
    return std::nullopt;
  }

  // Phrases separated by commas, "and" or "&", each bound to a column (as arguments).
  bool phraseList(std::size_t b, std::size_t e, std::vector<std::string>& args,
                  std::vector<std::string>* names = nullptr) {
    std::size_t start = b;
    for (std::size_t i = b; i <= e; ++i) {
      if (i < e && !(tok_[i].depth == 0 && (isPunct(i, {",", "&"}) || isWord(i, {"and"})))) {
        continue;
      }
      std::size_t pb = start;
      while (pb < i && isWord(pb, {"the", "column", "columns", "field"})) ++pb;
      if (pb < i) {
        const auto col = bind(pb, i, kNlPart, false);
        if (!col) return false;
        args.push_back(nlArgName(*col));
        if (names != nullptr) names->push_back(*col);
      }
      start = i + 1;
    }
    if (args.empty()) fail("no column named");
    return !args.empty();
  }

  // ---- values ----

  // One value at token r (advancing r): a number, a date, 'literal', `column`, a column word,
  // (expression), today/now; nothing else, so no text reaches SQL unquoted and unchecked.
  std::optional<Json> valueAt(std::size_t& r, std::size_t e, NlUse use) {
    if (r >= e) return std::nullopt;
    const NlToken& t = tok_[r];
    switch (t.kind) {
      case NlKind::Number: {
        auto v = nlNumberJson(t.raw);
        if (v) ++r;
        return v;
      }
      case NlKind::Date:
        ++r;
        return Json(t.raw);
      case NlKind::Quoted:
        ++r;
        return use == NlUse::Item ? Json(t.raw) : Json("'" + t.raw + "'");
      case NlKind::Backticked: {
        if (use == NlUse::Item) {
          ++r;
          return Json(t.raw);
        }
        const auto col = bind(r, r + 1, kNlFolded, false);
        if (!col) return std::nullopt;
        ++r;
        return Json(nlArgName(*col));
      }
      case NlKind::Punct: {
        if (t.low != "(" || use == NlUse::Item) return std::nullopt;
        const std::size_t close = closing(r, e);
        if (close == std::string_view::npos || close == r + 1) return std::nullopt;
        if (close == r + 2 &&
            (tok_[r + 1].kind == NlKind::Number || tok_[r + 1].kind == NlKind::Date)) {
          std::size_t inner = r + 1;
          auto v = valueAt(inner, close, use);
          if (v) r = close + 1;
          return v;
        }
        const std::string inner = nlTrim(text_.substr(t.end, tok_[close].begin - t.end));
        if (close == r + 2 && tok_[r + 1].kind == NlKind::Word && nlIsIdentifierPath(inner)) {
          // "(order_date)" names a column as `order_date` does
          const auto col = bind(r + 1, r + 2, columns_.empty() ? kNlExact : kNlFolded, false);
          if (!col) return std::nullopt;
          r = close + 1;
          return Json(nlArgName(*col));
        }
        try {
          requireSingleExpression(inner);
        } catch (const HttpError& err) {
          fail("'" + inner + "' is not one SQL expression: " + err.what());
          return std::nullopt;
        }
        r = close + 1;
        return Json(inner);
      }
      case NlKind::Word:
        break;
      default:
        return std::nullopt;
    }
    if (t.low == "zero") return ++r, Json(0);
    if (t.low == "true" || t.low == "false") return ++r, Json(t.low == "true");
    if (use == NlUse::Item) return std::nullopt;
    if (t.low == "today") return ++r, Json("current_date()");
    if (t.low == "now") return ++r, Json("current_timestamp()");
    if (!columns_.empty()) {
      std::size_t last = r;
      while (last < e && last < r + 4 && tok_[last].kind == NlKind::Word) ++last;
      for (std::size_t k = last; k > r; --k) {
        if (const auto col = bind(r, k, kNlPlural, true)) {
          r = k;
          return Json(nlArgName(*col));
        }
        if (hardFail_) return std::nullopt;
      }
    }
    if (use == NlUse::Equality) return ++r, Json("'" + t.raw + "'");
    return std::nullopt;
  }

  std::optional<Json> value(NlCursor& c, NlUse use) {
    std::size_t r = c.raw();
    auto v = valueAt(r, end_, use);
    if (v) c.seekRaw(r);
    return v;
  }

  // Values separated by commas, "or", "and", "/" or "|", in brackets or not; runs of words
  // are one value ("in transit").
  std::optional<NlList> listAt(std::size_t b, std::size_t e) {
    NlList out;
    while (b < e && isPunct(b, {":"})) ++b;
    if (b < e && isPunct(b, {"(", "[", "{"}) && closing(b, e) == e - 1) {
      out.bracketed = true;
      ++b;
      --e;
    }
    std::vector<std::string> run;
    const auto flush = [&] {
      if (run.empty()) return;
      const std::string joined = nlJoin(run, " ", " ");
      const std::string low = lowerAscii(joined);
      if (run.size() == 1 && (low == "true" || low == "false")) {
        out.items.push_back(low == "true");
      } else {
        out.items.push_back(joined);
      }
      run.clear();
    };
    for (std::size_t i = b; i < e; ++i) {
      const NlToken& t = tok_[i];
      if (isPunct(i, {",", "/", "|", ";"}) || isWord(i, {"or", "and", "nor"})) {
        if (isPunct(i, {";"})) return std::nullopt;
        flush();
        continue;
      }
      if (t.kind == NlKind::Word) {
        run.push_back(t.raw);
        continue;
      }
      flush();
      std::size_t r = i;
      auto v = valueAt(r, e, NlUse::Item);
      if (!v || r != i + 1) return std::nullopt;
      out.items.push_back(std::move(*v));
    }
    flush();
    if (out.items.empty()) return std::nullopt;
    return out;
  }

  // A value as SQL, for "X > V": only the forms valueAt reads.
  static std::string valueSql(const Json& v) {
    if (v.is_boolean()) return v.get<bool>() ? "TRUE" : "FALSE";
    if (v.is_number()) return v.dump();
    const std::string s = v.get<std::string>();
    if (nlIsDateText(s)) return (s.size() == 10 ? "DATE " : "TIMESTAMP ") + quoteLiteral(s);
    if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') {
      return quoteLiteral(s.substr(1, s.size() - 2));
    }
    if (nlIsIdentifierPath(s)) return nlColumnSql(s);
    if (s.size() >= 2 && s.front() == '`' && s.back() == '`') return s;
    return "(" + requireSingleExpression(s) + ")";
  }

  // ---- the condition ----

  std::size_t verbIndex(std::size_t b, std::size_t e) const {
    if (isWord(b, {"at", "no", "more", "fewer", "less", "exactly", "over", "under", "minimum",
                   "maximum", "up", "between"})) {
      return b;
    }
    for (std::size_t i = b; i < e; ++i) {
      if (tok_[i].depth != 0) continue;
      if (isPunct(i, {">=", "<=", ">", "<", "=", "!="})) return i;
      if (isWord(i,
                 {"is",       "are",     "be",      "must",      "should",  "shall",      "will",
                  "has",      "have",    "was",     "were",      "can",     "cannot",     "can't",
                  "may",      "does",    "do",      "doesn't",   "don't",   "never",      "always",
                  "isn't",    "aren't",  "mustn't", "shouldn't", "won't",   "wasn't",     "needs",
                  "need",     "matches", "match",   "exists",    "exist",   "references", "refers",
                  "equals",   "exceeds", "lies",    "falls",     "ranges",  "satisfies",  "satisfy",
                  "contains", "contain", "looks",   "follows",   "between", "lie",        "fall",
                  "look",     "follow",  "appears", "appear",    "occurs",  "occur"})) {
        return i;
      }
    }
    return e;
  }

  std::vector<NlWord> canonical(std::size_t b, std::size_t e) const {
    std::vector<NlWord> words;
    for (std::size_t i = b; i < e; ++i) {
      const NlToken& t = tok_[i];
      if (t.kind == NlKind::Punct) {
        if (!nlIn(t.low, {".", ":", "!", "?"})) words.push_back({t.low, i});
        continue;
      }
      if (t.kind != NlKind::Word) {
        words.push_back({"", i});
        continue;
      }
      if (t.low == "to" && i > b &&
          isWord(i - 1, {"has", "have", "need", "needs", "ought", "expected", "supposed",
                         "required", "going", "got"})) {
        if (!words.empty() && words.back().src == i - 1) words.pop_back();
        continue;
      }
      for (auto& w : nlCanonicalWord(t.low)) words.push_back({std::move(w), i});
    }
    std::vector<NlWord> out;
    for (std::size_t k = 0; k < words.size(); ++k) {
      const std::string_view next =
          k + 1 < words.size() ? std::string_view(words[k + 1].w) : std::string_view();
      if (words[k].w == "later" && next == "than") {
        out.push_back({"after", words[k].src});
        ++k;
      } else if (words[k].w == "earlier" && next == "than") {
        out.push_back({"before", words[k].src});
        ++k;
      } else if (words[k].w == "may" && next == "not") {
        continue;
      } else if (words[k].w == "not" && !out.empty() && out.back().w == "not") {
        out.pop_back();
      } else {
        out.push_back(words[k]);
      }
    }
    return out;
  }

  std::optional<NlDraft> condition(std::size_t b, std::size_t e, bool negated) {
    const std::size_t v = verbIndex(b, e);
    if (v >= e) {
      note("no condition in '" + slice(b, e) + "'");
      return std::nullopt;
    }
    NlSubject s;
    if (!subject(b, v, s)) {
      if (unparsed_.empty()) note("'" + slice(b, v) + "' names no column");
      return std::nullopt;
    }
    NlCursor c(canonical(v, e), e);
    if (negated) c.toggleNot();
    std::optional<NlDraft> d;
    if (s.kind == NlSubjectKind::Columns) {
      d = columnRule(s, c);
    } else if (s.kind == NlSubjectKind::Rows) {
      d = rowsRule(s, c);
    } else {
      d = aggregateRule(s, c);
    }
    if (!d) {
      if (!hardFail_) note("'" + slice(v, e) + "' is not a condition this grammar reads");
      return std::nullopt;
    }
    if (!c.done()) {
      note(slice(c.raw(), e));
      leftover_ = true;
    }
    return d;
  }

  bool subject(std::size_t b, std::size_t e, NlSubject& s) {
    while (b < e && isWord(b, {"the", "column", "columns", "field", "fields", "each", "every",
                               "all", "values", "value", "of", "a", "an", "its", "their"})) {
      ++b;
    }
    while (e > b &&
           isWord(e - 1, {"column", "columns", "field", "fields", "values", "value", "entries"})) {
      --e;
    }
    if (b == e) {
      s.kind = NlSubjectKind::Rows;
      s.needsRowsWord = true;
      return true;
    }
    const auto single = [&](const std::string& col) {
      s.kind = NlSubjectKind::Columns;
      s.columns = {nlArgName(col)};
      s.names = {col};
      return true;
    };
    if (e - b == 1 && tok_[b].kind == NlKind::Backticked) {
      const auto col = bind(b, e, kNlFolded, false);
      return col && single(*col);
    }
    if (!columns_.empty()) {
      if (const auto col = bind(b, e, kNlFolded, true)) return single(*col);
      if (hardFail_) return false;
    }
    std::size_t k = e;
    std::size_t g = e;
    for (std::size_t i = b + 1; i < e; ++i) {
      if (tok_[i].depth != 0) continue;
      if (isWord(i, {"per"})) {
        k = i;
        g = i + 1;
        break;
      }
      if ((isWord(i, {"for", "in"}) && isWord(i + 1, {"each", "every"})) ||
          (isWord(i, {"grouped"}) && isWord(i + 1, {"by"}))) {
        k = i;
        g = i + 2;
        break;
      }
    }
    if (k < e && !phraseList(g, e, s.group)) return false;
    std::string phrase;
    for (std::size_t i = b; i < k; ++i) phrase += (phrase.empty() ? "" : " ") + tok_[i].low;
    if (nlIn(phrase, {"table", "dataset", "data", "data set", "there", "it", "source"})) {
      s.kind = NlSubjectKind::Rows;
      s.needsRowsWord = true;
      return true;
    }
    if (nlIn(phrase, {"rows", "row", "records", "record", "row count", "record count",
                      "number of rows", "number of records", "count of rows", "count of records",
                      "table row count", "total rows", "total number of rows", "count ( * )",
                      "table's row count", "rowcount"})) {
      s.kind = NlSubjectKind::Rows;
      s.rowsWord = nlIn(phrase, {"rows", "row", "records", "record"});
      return true;
    }
    if (isWord(b, {"combination"}) && isWord(b + 1, {"of"})) {
      s.kind = NlSubjectKind::Columns;
      return phraseList(b + 2, k, s.columns, &s.names);
    }
    if (const auto agg = aggregateSubject(b, k, s)) return *agg;
    s.kind = NlSubjectKind::Columns;
    return phraseList(b, k, s.columns, &s.names);
  }

  // "the sum of amount", "average amount", "max(amount)", "number of distinct customer_id".
  std::optional<bool> aggregateSubject(std::size_t b, std::size_t e, NlSubject& s) {
    static const std::vector<std::pair<std::vector<std::string_view>, std::string_view>> kAggr{
        {{"number", "of", "distinct"}, "count_distinct"},
        {{"count", "of", "distinct"}, "count_distinct"},
        {{"distinct", "count", "of"}, "count_distinct"},
        {{"count", "distinct"}, "count_distinct"},
        {{"distinct", "count"}, "count_distinct"},
        {{"count_distinct"}, "count_distinct"},
        {{"approx_count_distinct"}, "approx_count_distinct"},
        {{"number", "of"}, "count"},
        {{"count"}, "count"},
        {{"sum"}, "sum"},
        {{"total"}, "sum"},
        {{"avg"}, "avg"},
        {{"average"}, "avg"},
        {{"mean"}, "avg"},
        {{"min"}, "min"},
        {{"minimum"}, "min"},
        {{"lowest"}, "min"},
        {{"smallest"}, "min"},
        {{"earliest"}, "min"},
        {{"max"}, "max"},
        {{"maximum"}, "max"},
        {{"highest"}, "max"},
        {{"largest"}, "max"},
        {{"latest"}, "max"},
        {{"median"}, "median"},
        {{"stddev"}, "stddev"},
        {{"standard", "deviation"}, "stddev"},
        {{"variance"}, "variance"}};
    for (const auto& [seq, type] : kAggr) {
      std::size_t i = b;
      bool match = true;
      for (const auto w : seq) {
        if (!isWord(i, {w})) {
          match = false;
          break;
        }
        ++i;
      }
      if (!match || i >= e) continue;
      if (isWord(i, {"of"})) ++i;
      std::size_t pe = e;
      if (isPunct(i, {"("}) && closing(i, e) == e - 1) {
        ++i;
        --pe;
      }
      while (i < pe && isWord(i, {"the", "column", "all"})) ++i;
      if (i >= pe) continue;
      s.kind = NlSubjectKind::Aggregate;
      s.aggr = std::string(type);
      if (pe == i + 1 && isPunct(i, {"*"})) {
        s.aggrColumn = "*";
        return true;
      }
      const auto col = bind(i, pe, kNlPart, false);
      if (!col) return false;
      s.aggrColumn = nlArgName(*col);
      return true;
    }
    return std::nullopt;
  }

  // "per Y", "for each Y", "grouped by Y" at the end of a predicate.
  bool readGroup(NlCursor& c, std::vector<std::string>& group) {
    if (!(c.accept({"per"}) || c.accept({"for", "each"}) || c.accept({"in", "each"}) ||
          c.accept({"grouped", "by"}) || c.accept({"by"}))) {
      return true;
    }
    const bool ok = phraseList(c.raw(), end_, group);
    c.finish();
    return ok;
  }

  // ---- predicates over columns ----

  std::optional<NlDraft> columnRule(const NlSubject& s, NlCursor& c) {
    using Try = std::optional<NlDraft> (NlParser::*)(const NlSubject&, NlCursor&);
    static constexpr Try kAny[] = {&NlParser::uniqueRule, &NlParser::foreignKeyRule,
                                   &NlParser::occurrenceRule};
    static constexpr Try kOne[] = {
        &NlParser::reconcileRule,   &NlParser::aggrOutlierRule, &NlParser::windowRule,
        &NlParser::regexRule,       &NlParser::rangeRule,       &NlParser::timeRule,
        &NlParser::jsonKeysRule,    &NlParser::cidrRule,        &NlParser::listRule,
        &NlParser::beforeAfterRule, &NlParser::wordRule,        &NlParser::comparisonRule,
        &NlParser::equalityRule};
    for (const Try t : kAny) {
      if (auto d = (this->*t)(s, c)) return d;
      if (hardFail_) return std::nullopt;
    }
    if (!s.group.empty()) {
      fail("'per' groups only a uniqueness rule or a row count");
      return std::nullopt;
    }
    if (s.columns.size() != 1) {
      fail("only uniqueness and foreign keys take several columns; write one rule per column");
      return std::nullopt;
    }
    for (const Try t : kOne) {
      if (auto d = (this->*t)(s, c)) return d;
      if (hardFail_) return std::nullopt;
    }
    return std::nullopt;
  }

  static NlDraft columnDraft(std::string_view function, const NlSubject& s) {
    NlDraft d;
    d.function = std::string(function);
    d.arguments["column"] = s.columns.front();
    return d;
  }

  std::optional<NlDraft> uniqueRule(const NlSubject& s, NlCursor& c) {
    if (!(c.accept({"unique"}) || c.accept({"distinct"}) || c.accept({"not", "duplicate"}))) {
      return std::nullopt;
    }
    c.accept({"key"});
    std::vector<std::string> cols = s.columns;
    cols.insert(cols.end(), s.group.begin(), s.group.end());
    if (c.accept({"together"}) || c.accept({"as", "combination"}) || c.accept({"combination"})) {
      // the subject's columns are the key
    } else if (c.accept({"per"}) || c.accept({"for", "each"}) || c.accept({"within"}) ||
               c.accept({"in", "each"}) || c.accept({"by"}) || c.accept({"across"})) {
      if (!phraseList(c.raw(), end_, cols)) return std::nullopt;
      c.finish();
    }
    NlDraft d;
    d.function = "is_unique";
    d.arguments["columns"] = cols;
    return d;
  }

  // "customer_id appears at most 100 times": a row count per value of the columns.
  std::optional<NlDraft> occurrenceRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    if (!c.acceptAny({"appear", "occur"})) return std::nullopt;
    if (c.accept({"once"}) || c.accept({"at", "most", "once"})) {
      return aggregateDraft("*", "count", NlCmp::Le, 1, s.columns);
    }
    const auto cmp = nlComparator(c);
    const auto n = cmp ? value(c, NlUse::Limit) : std::nullopt;
    if (!n || !n->is_number_integer()) {
      c.reset(m);
      return std::nullopt;
    }
    c.accept({"time"});
    return aggregateDraft("*", "count", *cmp, *n, s.columns);
  }

  [[nodiscard]] bool looksLikeTable(std::size_t r) const {
    if (r >= end_) return false;
    if (tok_[r].kind == NlKind::Word) {
      return std::count(tok_[r].raw.begin(), tok_[r].raw.end(), '.') >= 2 ||
             (isPunct(r + 1, {"."}) && tok_[r + 1].begin == tok_[r].end);
    }
    return tok_[r].kind == NlKind::Backticked && isPunct(r + 1, {"."});
  }

  static std::string tablePart(std::string_view p) {
    return nlIsIdentifier(p) ? std::string(p) : nlBacktick(p);
  }

  // The dotted parts of a name written from token `r` on (c.s.t, `c`.s.t, c.s.t.col); `r`
  // ends after it.
  std::vector<std::string> nameParts(std::size_t& r) const {
    std::vector<std::string> parts;
    while (r < end_) {
      const NlToken& t = tok_[r];
      if (t.kind == NlKind::Backticked) {
        parts.push_back(t.raw);
      } else if (t.kind == NlKind::Word) {
        std::size_t start = 0;
        for (std::size_t dot = t.raw.find('.'); dot != std::string::npos;
             dot = t.raw.find('.', start)) {
          parts.push_back(t.raw.substr(start, dot - start));
          start = dot + 1;
        }
        parts.push_back(t.raw.substr(start));
      } else {
        break;
      }
      ++r;
      if (!(isPunct(r, {"."}) && tok_[r].begin == tok_[r - 1].end && r + 1 < end_ &&
            tok_[r + 1].begin == tok_[r].end)) {
        break;
      }
      ++r;
    }
    return parts;
  }

  // "amount must reconcile with main.fin.ledger": aggr_matches_dataset (its aggregate and
  // groups come as options: "with aggr_type 'sum'").
  std::optional<NlDraft> reconcileRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    if (!(c.accept({"reconcile", "with"}) || c.accept({"reconcile", "to"}))) return std::nullopt;
    std::size_t r = c.raw();
    const auto parts = nameParts(r);
    if (parts.size() != 3 ||
        std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) {
      c.reset(m);
      fail("'reconcile with' takes a table: catalog.schema.table");
      return std::nullopt;
    }
    c.seekRaw(r);
    NlDraft d = columnDraft("aggr_matches_dataset", s);
    d.arguments["ref_table"] =
        tablePart(parts[0]) + "." + tablePart(parts[1]) + "." + tablePart(parts[2]);
    return d;
  }

  // "amount must not have aggregate outliers over order_date": has_no_aggr_outliers.
  std::optional<NlDraft> aggrOutlierRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    // "no" reads as "not" and "over" as "above" (nlCanonicalWord).
    if (!(c.accept({"not", "aggregate", "outliers", "above"}) ||
          c.accept({"not", "aggregate", "outlier", "above"}) ||
          c.accept({"not", "aggregate", "outliers", "in"}))) {
      return std::nullopt;
    }
    std::vector<std::string> time;
    if (!phraseList(c.raw(), end_, time) || time.size() != 1) {
      c.reset(m);
      fail("'aggregate outliers over' takes one date or timestamp column");
      return std::nullopt;
    }
    c.finish();
    NlDraft d = columnDraft("has_no_aggr_outliers", s);
    d.arguments["time_column"] = time.front();
    return d;
  }

  // "created_at must have at least 5 rows every 10 minutes" (is_data_fresh_per_time_window);
  // "created_at must have no gaps of 10 minutes" (has_no_gaps_per_time_window).
  std::optional<NlDraft> windowRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    if (c.accept({"not", "gaps", "of"}) || c.accept({"not", "gap", "of"}) ||
        c.accept({"not", "gaps", "longer", "than"})) {
      const auto secs = amount(c);
      if (!secs || *secs <= 0 || *secs % 60 != 0) {
        fail("'no gaps of' takes whole minutes, hours or days: 'no gaps of 10 minutes'");
        return std::nullopt;
      }
      NlDraft d = columnDraft("has_no_gaps_per_time_window", s);
      d.arguments["window_minutes"] = *secs / 60;
      return d;
    }
    if (!c.accept({"at", "least"})) return std::nullopt;
    const auto n = value(c, NlUse::Limit);
    if (!n || !n->is_number_integer() || !c.acceptAny({"rows", "row", "records", "record"}) ||
        !(c.accept({"every"}) || c.accept({"in", "every"}) || c.accept({"per"}))) {
      c.reset(m);
      return std::nullopt;
    }
    const auto secs = amount(c);
    if (!secs || *secs <= 0 || *secs % 60 != 0) {
      fail("the window takes whole minutes, hours or days: 'at least 5 rows every 10 minutes'");
      return std::nullopt;
    }
    NlDraft d = columnDraft("is_data_fresh_per_time_window", s);
    d.arguments["window_minutes"] = *secs / 60;
    d.arguments["min_records_per_window"] = *n;
    return d;
  }

  std::optional<NlDraft> foreignKeyRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    const bool neg = c.accept({"not"});
    // "… must mirror c.s.t(k)": the rows of a reference table, compared column by column
    // (compare_datasets), rather than a key that must exist there.
    const bool mirror = !neg && c.word() == "mirror" && looksLikeTable(c.raw() + 1);
    if (mirror) {
      c.accept({"mirror"});
    } else if (c.word() == "match" || c.word() == "exist") {
      // "match an id in main.crm.customers(id)", "exist as a key in …"
      for (std::size_t k = 1; k <= 4; ++k) {
        if (c.word(k) == "in" && looksLikeTable(c.rawAt(k + 1))) {
          for (std::size_t i = 0; i <= k; ++i) c.next();
          break;
        }
      }
    }
    if (mirror || c.mark() > m + (neg ? 1 : 0)) {
      // consumed above
    } else if (!(c.accept({"exist", "in"}) || c.accept({"reference", "to"}) ||
                 c.accept({"reference"}) || c.accept({"foreign", "key", "to"}) ||
                 c.accept({"foreign", "key", "reference"}) || c.accept({"foreign", "key", "of"}) ||
                 c.accept({"found", "in"}) || c.accept({"present", "in"}) ||
                 (looksLikeTable(c.raw() + 1) && c.accept({"in"})))) {
      c.reset(m);
      return std::nullopt;
    }
    std::size_t r = c.raw();
    std::vector<std::string> parts = nameParts(r);
    std::vector<std::string> refs;
    if (isPunct(r, {"("})) {
      const std::size_t close = closing(r, end_);
      if (close == std::string_view::npos) {
        fail("the reference columns' bracket is not closed");
        return std::nullopt;
      }
      for (std::size_t i = r + 1; i < close; ++i) {
        if (isPunct(i, {","})) continue;
        if (tok_[i].kind != NlKind::Word && tok_[i].kind != NlKind::Backticked) {
          fail("'" + slice(r, close + 1) + "' does not list reference columns");
          return std::nullopt;
        }
        refs.push_back(nlArgName(tok_[i].raw));
      }
      r = close + 1;
    } else if (parts.size() == 4) {
      refs.push_back(nlArgName(parts.back()));
      parts.pop_back();
    } else if (parts.size() == 3) {
      for (const auto& n : s.names) refs.push_back(nlArgName(n));
    }
    if (parts.size() != 3 ||
        std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) {
      fail("a reference is catalog.schema.table.column or catalog.schema.table(column)");
      return std::nullopt;
    }
    if (refs.size() != s.columns.size()) {
      fail("the reference names " + std::to_string(refs.size()) + " columns for " +
           std::to_string(s.columns.size()));
      return std::nullopt;
    }
    c.seekRaw(r);
    NlDraft d;
    if (mirror) {
      d.function = "compare_datasets";
      d.arguments["columns"] = s.columns;
      d.arguments["ref_columns"] = refs;
      d.arguments["ref_table"] =
          tablePart(parts[0]) + "." + tablePart(parts[1]) + "." + tablePart(parts[2]);
      return d;
    }
    d.function = "foreign_key";
    d.arguments["columns"] = s.columns;
    d.arguments["ref_table"] =
        tablePart(parts[0]) + "." + tablePart(parts[1]) + "." + tablePart(parts[2]);
    d.arguments["ref_columns"] = refs;
    if (neg) d.arguments["negate"] = true;
    return d;
  }

  std::optional<NlDraft> regexRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    const bool neg = c.accept({"not"});
    if (!(c.accept({"match"}) || c.accept({"follow"}))) {
      c.reset(m);
      return std::nullopt;
    }
    if (!(c.accept({"regex"}) || c.accept({"regular", "expression"}) || c.accept({"pattern"}))) {
      c.accept({"expression"});
    }
    const std::size_t r = c.raw();
    std::string re;
    if (r < end_ && (tok_[r].kind == NlKind::Regex || tok_[r].kind == NlKind::Quoted)) {
      re = tok_[r].raw;
      c.seekRaw(r + 1);
    } else {
      re = nlTrim(slice(r, end_));
      c.finish();
    }
    if (re.empty()) {
      fail("no regular expression after 'matches'");
      return std::nullopt;
    }
    NlDraft d = columnDraft("regex_match", s);
    d.arguments["regex"] = re;
    if (neg) d.arguments["negate"] = true;
    return d;
  }

  std::optional<NlDraft> rangeRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    bool neg = c.accept({"not"});
    if (c.accept({"outside"})) {
      neg = !neg;
      if (!c.accept({"range", "of"})) c.accept({"range"}) || c.accept({"of"});
    } else if (c.accept({"between"}) || c.accept({"in", "range", "of"}) ||
               c.accept({"in", "range"}) || c.accept({"within", "range", "of"}) ||
               c.accept({"within", "range"}) || c.accept({"from"})) {
      c.accept({"from"});
    } else {
      c.reset(m);
      return std::nullopt;
    }
    const auto lo = value(c, NlUse::Limit);
    const bool sep = lo && (c.accept({"and"}) || c.accept({"to"}) || c.accept({"-"}) ||
                            c.accept({","}) || c.accept({"through"}));
    const auto hi = sep ? value(c, NlUse::Limit) : std::nullopt;
    if (!hi) {
      if (!hardFail_) fail("a range needs two values: between A and B");
      return std::nullopt;
    }
    c.accept({"inclusive"}) || c.accept({"both", "inclusive"}) || c.accept({"inclusively"});
    NlDraft d = columnDraft(neg ? "is_not_in_range" : "is_in_range", s);
    d.arguments["min_limit"] = *lo;
    d.arguments["max_limit"] = *hi;
    return d;
  }

  // "N <unit>" (or "a <unit>"), in seconds.
  std::optional<std::int64_t> amount(NlCursor& c) {
    const std::size_t m = c.mark();
    std::int64_t n = 1;
    const std::size_t r = c.raw();
    if (r < end_ && tok_[r].kind == NlKind::Number) {
      const auto j = nlNumberJson(tok_[r].raw);
      if (!j || !j->is_number_integer() || j->get<std::int64_t>() < 0 ||
          j->get<std::int64_t>() > kNlMaxAmount) {
        return std::nullopt;
      }
      n = j->get<std::int64_t>();
      c.seekRaw(r + 1);
    } else if (const auto w = nlNumberWord(c.word())) {
      n = *w;
      c.next();
    }
    const std::int64_t unit = nlUnitSeconds(c.word());
    if (unit == 0) {
      c.reset(m);
      return std::nullopt;
    }
    c.next();
    return n * unit;
  }

  std::optional<NlDraft> timeRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    if (c.accept({"not", "in", "future"}) || c.accept({"in", "past"}) ||
        c.accept({"not", "future"})) {
      return columnDraft("is_not_in_future", s);
    }
    if (c.accept({"not", "in", "near", "future"})) return columnDraft("is_not_in_near_future", s);
    if (c.accept({"not", "in", "next"}) || c.accept({"not", "within", "next"})) {
      const auto secs = amount(c);
      if (!secs) {
        fail("'in the next' needs an amount of time, such as 2 hours");
        return std::nullopt;
      }
      NlDraft d = columnDraft("is_not_in_near_future", s);
      d.arguments["offset"] = *secs;
      return d;
    }
    if (c.accept({"not", "more", "than"}) || c.accept({"at", "most"}) || c.accept({"up", "to"}) ||
        c.accept({"not", "above"})) {
      const auto secs = amount(c);
      if (secs &&
          (c.accept({"in", "future"}) || c.accept({"into", "future"}) || c.accept({"ahead"}))) {
        NlDraft d = columnDraft("is_not_in_future", s);
        d.arguments["offset"] = *secs;
        return d;
      }
      c.reset(m);
    }
    {
      const bool neg = c.accept({"not"});
      if (c.accept({"older", "than"})) {
        const auto secs = amount(c);
        if (secs && *secs % 86400 == 0) return olderDraft(s, *secs / 86400, neg);
        if (secs && neg && *secs % 60 == 0) return freshDraft(s, *secs / 60);
        fail("'older than' takes days or weeks (or 'not older than N hours')");
        return std::nullopt;
      }
      if (c.accept({"more", "than"})) {
        const auto secs = amount(c);
        if (secs && c.accept({"old"})) {
          if (!neg && *secs % 86400 == 0) return olderDraft(s, *secs / 86400, false);
          if (neg && *secs % 60 == 0) return freshDraft(s, *secs / 60);
        }
      }
      c.reset(m);
    }
    if (c.accept({"at", "most"}) || c.accept({"less", "than"}) || c.accept({"up", "to"})) {
      const auto secs = amount(c);
      if (secs && c.accept({"old"}) && *secs % 60 == 0) return freshDraft(s, *secs / 60);
      c.reset(m);
    }
    while (c.acceptAny({"updated", "refreshed", "loaded", "modified", "changed", "written", "fresh",
                        "recent", "ingested", "arrived"})) {
    }
    bool within = c.accept({"within"});
    if (within) {
      c.accept({"last"}) || c.accept({"past"});
    } else {
      within = c.accept({"in", "last"}) || c.accept({"in", "past"}) || c.accept({"during", "last"});
    }
    if (!within) {
      c.reset(m);
      return std::nullopt;
    }
    const auto secs = amount(c);
    if (!secs || *secs % 60 != 0) {
      fail("freshness takes whole minutes, hours or days: 'updated within 2 hours'");
      return std::nullopt;
    }
    return freshDraft(s, *secs / 60);
  }

  static NlDraft olderDraft(const NlSubject& s, std::int64_t days, bool negate) {
    NlDraft d = columnDraft("is_older_than_n_days", s);
    d.arguments["days"] = days;
    if (negate) d.arguments["negate"] = true;
    return d;
  }

  static NlDraft freshDraft(const NlSubject& s, std::int64_t minutes) {
    NlDraft d = columnDraft("is_data_fresh", s);
    d.arguments["max_age_minutes"] = minutes;
    return d;
  }

  // "X is an ipv4 address in cidr '10.0.0.0/8'" / "X is in cidr 10.0.0.0/8".
  std::optional<NlDraft> cidrRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    const bool ip = c.accept({"ipv4", "address"}) || c.accept({"ipv4"}) ||
                    c.accept({"ip", "address"}) || c.accept({"ip"});
    const bool in = ip ? (c.accept({"in", "cidr", "block"}) || c.accept({"in", "cidr"}) ||
                          c.accept({"within", "cidr"}) || c.accept({"in", "block"}) ||
                          c.accept({"in"}) || c.accept({"within"}))
                       : (c.accept({"in", "cidr", "block"}) || c.accept({"in", "cidr"}) ||
                          c.accept({"within", "cidr"}));
    if (!in) {
      c.reset(m);
      return std::nullopt;
    }
    const std::size_t r = c.raw();
    std::string block;
    if (r < end_ && tok_[r].kind == NlKind::Quoted) {
      block = tok_[r].raw;
      c.seekRaw(r + 1);
    } else {
      block = nlTrim(slice(r, end_));
      c.finish();
    }
    if (block.empty()) {
      fail("no CIDR block after 'in cidr'");
      return std::nullopt;
    }
    NlDraft d = columnDraft("is_ipv4_address_in_cidr", s);
    d.arguments["cidr_block"] = block;
    return d;
  }

  std::optional<NlDraft> listRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    const bool notNull = c.accept({"not", "null", "and"}) || c.accept({"required", "and"}) ||
                         c.accept({"present", "and"});
    bool neg = c.accept({"not"});
    bool bare = false;
    if (c.accept({"one", "of"}) || c.accept({"any", "of"}) || c.accept({"either"}) ||
        c.accept({"among"}) || c.accept({"in", "list"}) || c.accept({"in", "set"})) {
      // a list follows
    } else if (c.accept({"none", "of"})) {
      if (neg) {
        c.reset(m);
        return std::nullopt;
      }
      neg = true;
    } else if (c.word() == "in" &&
               !nlIn(c.word(1), {"range", "future", "past", "next", "last", "each", "near"})) {
      c.next();
      bare = true;
    } else {
      c.reset(m);
      return std::nullopt;
    }
    c.accept({"following"}) || c.accept({"these"}) || c.accept({"list"});
    const auto list = listAt(c.rawNext(), end_);
    if (!list || (bare && !list->bracketed && list->items.size() < 2)) {
      if (bare) {
        c.reset(m);
        return std::nullopt;
      }
      fail("the list of values is empty or unreadable: '" + slice(c.rawNext(), end_) + "'");
      return std::nullopt;
    }
    if (notNull && neg) {
      fail("'not null and not one of' is two rules");
      return std::nullopt;
    }
    c.finish();
    NlDraft d = columnDraft(
        notNull ? "is_not_null_and_is_in_list" : (neg ? "is_not_in_list" : "is_in_list"), s);
    d.arguments[neg ? "forbidden" : "allowed"] = list->items;
    return d;
  }

  // "X is before Y" / "X is more than N days before Y" / "X is after Y", Y a column.
  std::optional<NlDraft> beforeAfterRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    std::int64_t days = 0;
    bool after = false;
    if (c.accept({"more", "than"})) {
      const auto secs = amount(c);
      if (!secs || *secs % 86400 != 0) {
        c.reset(m);
        return std::nullopt;
      }
      days = *secs / 86400;
      if (!c.acceptAny({"before", "after"})) {
        c.reset(m);
        return std::nullopt;
      }
      after = tok_[c.raw() - 1].low == "after";
    } else if (c.accept({"before"})) {
      after = false;
    } else if (c.accept({"after"})) {
      after = true;
    } else {
      return std::nullopt;
    }
    std::size_t r = c.raw();
    if (r >= end_ || isWord(r, {"today", "now", "zero", "true", "false"}) ||
        (tok_[r].kind != NlKind::Word && tok_[r].kind != NlKind::Backticked)) {
      c.reset(m);
      return std::nullopt;
    }
    std::size_t last = r + 1;
    if (tok_[r].kind == NlKind::Word) {
      while (last < end_ && last < r + 4 && tok_[last].kind == NlKind::Word) ++last;
    }
    std::optional<std::string> other;
    for (std::size_t k = last; k > r && !other; --k) {
      other = bind(r, k, columns_.empty() ? kNlExact : kNlPlural, true);
      if (other) r = k;
      if (hardFail_) return std::nullopt;
    }
    if (!other) {
      c.reset(m);
      return std::nullopt;
    }
    c.seekRaw(r);
    const std::string mine = s.columns.front();
    NlDraft d;
    d.function = "is_older_than_col2_for_n_days";
    d.arguments["column1"] = after ? nlArgName(*other) : mine;
    d.arguments["column2"] = after ? mine : nlArgName(*other);
    d.arguments["days"] = days;
    return d;
  }

  std::optional<NlDraft> wordRule(const NlSubject& s, NlCursor& c) {
    using Seq = std::vector<std::string_view>;
    static const std::vector<std::pair<Seq, std::string_view>> kRules{
        {{"country", "code"}, "is_valid_country_code"},
        {{"currency", "code"}, "is_valid_currency_code"},
        {{"language", "code"}, "is_valid_language_code"},
        {{"subdivision", "code"}, "is_valid_subdivision_code"},
        {{"national", "id"}, "is_valid_national_id"},
        {{"national", "identifier"}, "is_valid_national_id"},
        {{"not", "empty", "array"}, "is_not_null_and_not_empty_array"},
        {{"not", "empty", "list"}, "is_not_null_and_not_empty_array"},
        {{"not", "empty", "string"}, "is_not_empty"},
        {{"empty", "string"}, "is_empty"},
        {{"not", "null", "and", "not", "empty"}, "is_not_null_and_not_empty"},
        {{"not", "null", "and", "not", "blank"}, "is_not_null_and_not_empty"},
        {{"not", "null", "or", "empty"}, "is_not_null_and_not_empty"},
        {{"not", "null", "or", "blank"}, "is_not_null_and_not_empty"},
        {{"not", "empty", "or", "null"}, "is_not_null_and_not_empty"},
        {{"not", "blank", "or", "null"}, "is_not_null_and_not_empty"},
        {{"null", "or", "empty"}, "is_null_or_empty"},
        {{"null", "or", "blank"}, "is_null_or_empty"},
        {{"empty", "or", "null"}, "is_null_or_empty"},
        {{"blank", "or", "null"}, "is_null_or_empty"},
        {{"not", "empty"}, "is_not_null_and_not_empty"},
        {{"not", "blank"}, "is_not_null_and_not_empty"},
        {{"empty"}, "is_null_or_empty"},
        {{"blank"}, "is_null_or_empty"},
        {{"not", "null"}, "is_not_null"},
        {{"not", "missing"}, "is_not_null"},
        {{"not", "absent"}, "is_not_null"},
        {{"required"}, "is_not_null"},
        {{"mandatory"}, "is_not_null"},
        {{"present"}, "is_not_null"},
        {{"populated"}, "is_not_null"},
        {{"provided"}, "is_not_null"},
        {{"filled", "in"}, "is_not_null"},
        {{"filled"}, "is_not_null"},
        {{"set"}, "is_not_null"},
        {{"known"}, "is_not_null"},
        {{"specified"}, "is_not_null"},
        {{"defined"}, "is_not_null"},
        {{"given"}, "is_not_null"},
        {{"null"}, "is_null"},
        {{"missing"}, "is_null"},
        {{"absent"}, "is_null"},
        {{"not", "present"}, "is_null"},
        {{"not", "populated"}, "is_null"},
        {{"not", "provided"}, "is_null"},
        {{"not", "set"}, "is_null"},
        {{"not", "filled"}, "is_null"},
        {{"email", "address"}, "is_valid_email"},
        {{"email"}, "is_valid_email"},
        {{"ipv4", "address"}, "is_valid_ipv4_address"},
        {{"ipv4"}, "is_valid_ipv4_address"},
        {{"ip", "address"}, "is_valid_ipv4_address"},
        {{"ip"}, "is_valid_ipv4_address"},
        {{"uuid"}, "is_valid_uuid"},
        {{"ipv6", "address"}, "is_valid_ipv6_address"},
        {{"ipv6"}, "is_valid_ipv6_address"},
        {{"json", "document"}, "is_valid_json"},
        {{"json"}, "is_valid_json"},
        {{"not", "outliers"}, "has_no_outliers"},
        {{"not", "outlier"}, "has_no_outliers"},
        {{"in", "upper", "case"}, "upper"},
        {{"upper", "case"}, "upper"},
        {{"uppercase"}, "upper"},
        {{"in", "lower", "case"}, "lower"},
        {{"lower", "case"}, "lower"},
        {{"lowercase"}, "lower"},
        {{"in", "title", "case"}, "title"},
        {{"title", "case"}, "title"},
        {{"in", "sentence", "case"}, "sentence"},
        {{"sentence", "case"}, "sentence"},
        {{"timestamp"}, "is_valid_timestamp"},
        {{"date", "time"}, "is_valid_timestamp"},
        {{"date"}, "is_valid_date"},
        {{"positive"}, ">"},
        {{"negative"}, "<"},
        {{"not", "positive"}, "is_not_greater_than"},
        {{"not", "negative"}, "is_not_less_than"},
        {{"zero", "or", "positive"}, "is_not_less_than"},
        {{"positive", "or", "zero"}, "is_not_less_than"},
        {{"zero", "or", "negative"}, "is_not_greater_than"},
        {{"negative", "or", "zero"}, "is_not_greater_than"}};
    for (const auto& [seq, function] : kRules) {
      std::size_t k = 0;
      while (k < seq.size() && c.word(k) == seq[k]) ++k;
      if (k < seq.size()) continue;
      for (std::size_t i = 0; i < k; ++i) c.next();
      if (function == ">" || function == "<") {
        NlDraft d;
        d.function = "sql_expression";
        d.arguments["expression"] =
            nlColumnSql(s.names.front()) + " " + std::string(function) + " 0";
        return d;
      }
      if (nlIn(function, {"upper", "lower", "title", "sentence"})) {
        NlDraft d = columnDraft("has_valid_string_case", s);
        d.arguments["case"] = std::string(function);
        return d;
      }
      NlDraft d = columnDraft(function, s);
      if (function == "is_not_less_than" || function == "is_not_greater_than") {
        d.arguments["limit"] = 0;
      }
      if (function == "is_valid_date" || function == "is_valid_timestamp") {
        const std::size_t m = c.mark();
        if (c.accept({"in", "format"}) || c.accept({"with", "format"}) ||
            c.accept({"of", "format"}) || c.accept({"format"})) {
          const std::size_t r = c.raw();
          if (r < end_ && tok_[r].kind == NlKind::Quoted) {
            d.arguments[function == "is_valid_date" ? "date_format" : "timestamp_format"] =
                tok_[r].raw;
            c.seekRaw(r + 1);
          } else {
            c.reset(m);
          }
        }
      }
      return d;
    }
    return std::nullopt;
  }

  std::optional<NlDraft> jsonKeysRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    const bool any = c.accept({"any", "of", "json", "keys"}) || c.accept({"any", "json", "keys"}) ||
                     c.accept({"any", "of", "keys"}) || c.accept({"any", "of", "json", "key"});
    if (!any && !(c.accept({"all", "of", "json", "keys"}) || c.accept({"json", "keys"}) ||
                  c.accept({"json", "key"}) || c.accept({"keys"}))) {
      c.reset(m);
      return std::nullopt;
    }
    const auto list = listAt(c.rawNext(), end_);
    if (!list) {
      fail("no keys listed after 'keys'");
      return std::nullopt;
    }
    Json keys = Json::array();
    for (const auto& k : list->items)
      keys.push_back(k.is_string() ? k.get<std::string>() : k.dump());
    c.finish();
    NlDraft d = columnDraft("has_json_keys", s);
    d.arguments["keys"] = keys;
    if (any) d.arguments["require_all"] = false;
    return d;
  }

  std::optional<NlDraft> comparisonRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    const auto cmp = nlComparator(c);
    if (!cmp) return std::nullopt;
    const bool eq = *cmp == NlCmp::Eq || *cmp == NlCmp::Ne;
    const auto v = value(c, eq ? NlUse::Equality : NlUse::Limit);
    if (!v) {
      if (!hardFail_) c.reset(m);
      return std::nullopt;
    }
    if (*cmp == NlCmp::Ge) {
      const std::size_t m2 = c.mark();
      if (c.accept({"and"}) || c.accept({","})) {
        if (nlComparator(c) == NlCmp::Le) {
          if (const auto hi = value(c, NlUse::Limit)) {
            NlDraft d = columnDraft("is_in_range", s);
            d.arguments["min_limit"] = *v;
            d.arguments["max_limit"] = *hi;
            return d;
          }
        }
      }
      c.reset(m2);
    }
    switch (*cmp) {
      case NlCmp::Ge:
      case NlCmp::Le: {
        NlDraft d = columnDraft(*cmp == NlCmp::Ge ? "is_not_less_than" : "is_not_greater_than", s);
        d.arguments["limit"] = *v;
        return d;
      }
      case NlCmp::Gt:
      case NlCmp::Lt: {
        NlDraft d;
        d.function = "sql_expression";
        d.arguments["expression"] =
            nlColumnSql(s.names.front()) + (*cmp == NlCmp::Gt ? " > " : " < ") + valueSql(*v);
        return d;
      }
      case NlCmp::Eq:
      case NlCmp::Ne: {
        NlDraft d = columnDraft(*cmp == NlCmp::Eq ? "is_equal_to" : "is_not_equal_to", s);
        d.arguments["value"] = *v;
        return d;
      }
    }
    return std::nullopt;
  }

  // "status must be 'paid'" / "… not 'paid'"; "status can only be new, paid or shipped".
  std::optional<NlDraft> equalityRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    const bool neg = c.accept({"not"});
    const std::size_t r = c.raw();
    if (r < end_ && tok_[r].kind == NlKind::Word) {
      bool separated = false;
      for (std::size_t i = r; i < end_; ++i)
        separated = separated || isPunct(i, {","}) || isWord(i, {"or"});
      const auto list = separated ? listAt(r, end_) : std::nullopt;
      if (list && list->items.size() > 1) {
        c.finish();
        NlDraft d = columnDraft(neg ? "is_not_in_list" : "is_in_list", s);
        d.arguments[neg ? "forbidden" : "allowed"] = list->items;
        return d;
      }
    }
    if (r >= end_ || !(tok_[r].kind == NlKind::Number || tok_[r].kind == NlKind::Date ||
                       tok_[r].kind == NlKind::Quoted)) {
      c.reset(m);
      return std::nullopt;
    }
    if (c.word(1) == "or" || (c.word(1) == "," && !neg)) {
      // "status is 'paid' or 'shipped'" lists the allowed values
      if (const auto list = listAt(r, end_); list && list->items.size() > 1) {
        c.finish();
        NlDraft d = columnDraft(neg ? "is_not_in_list" : "is_in_list", s);
        d.arguments[neg ? "forbidden" : "allowed"] = list->items;
        return d;
      }
    }
    const auto v = value(c, NlUse::Equality);
    if (!v) {
      c.reset(m);
      return std::nullopt;
    }
    NlDraft d = columnDraft(neg ? "is_not_equal_to" : "is_equal_to", s);
    d.arguments["value"] = *v;
    return d;
  }

  // ---- predicates over rows and aggregates ----

  std::optional<NlDraft> aggregateDraft(const std::string& column, const std::string& aggr,
                                        NlCmp cmp, Json limit,
                                        const std::vector<std::string>& group) {
    std::string function;
    switch (cmp) {
      case NlCmp::Ge:
        function = "is_aggr_not_less_than";
        break;
      case NlCmp::Le:
        function = "is_aggr_not_greater_than";
        break;
      case NlCmp::Eq:
        function = "is_aggr_equal";
        break;
      case NlCmp::Ne:
        function = "is_aggr_not_equal";
        break;
      case NlCmp::Gt:
      case NlCmp::Lt: {
        // The aggregate checks are inclusive; a count's strict bound is the next whole number.
        const bool counting = nlIn(aggr, {"count", "count_distinct", "approx_count_distinct"});
        const std::int64_t n = limit.is_number_integer() ? limit.get<std::int64_t>() : 0;
        if (!counting || !limit.is_number_integer() ||
            (cmp == NlCmp::Gt && n == std::numeric_limits<std::int64_t>::max()) ||
            (cmp == NlCmp::Lt && n < 1)) {
          fail("an aggregate is compared with at least, at most or exactly");
          return std::nullopt;
        }
        function = cmp == NlCmp::Gt ? "is_aggr_not_less_than" : "is_aggr_not_greater_than";
        limit = cmp == NlCmp::Gt ? n + 1 : n - 1;
        break;
      }
    }
    NlDraft d;
    d.function = function;
    d.arguments["column"] = column;
    d.arguments["aggr_type"] = aggr;
    d.arguments["limit"] = std::move(limit);
    if (!group.empty()) d.arguments["group_by"] = group;
    return d;
  }

  std::optional<NlDraft> rowsRule(const NlSubject& s, NlCursor& c) {
    const std::size_t m = c.mark();
    if (s.rowsWord) {
      const bool neg = c.accept({"not"});
      if ((c.accept({"satisfy", "query"}) || c.accept({"pass", "query"})) && c.raw() < end_ &&
          tok_[c.raw()].kind == NlKind::Quoted) {
        NlDraft d;
        d.function = "sql_query";
        d.arguments["query"] = tok_[c.raw()].raw;
        if (neg) d.arguments["negate"] = true;
        c.seekRaw(c.raw() + 1);
        return d;
      }
      c.reset(m);
      c.accept({"not"});
      if (c.accept({"satisfy"}) || c.accept({"match"})) {
        c.accept({"expression"}) || c.accept({"condition"});
        std::size_t b = c.raw();
        std::size_t e = end_;
        if (b < e && isPunct(b, {"("}) && closing(b, e) == e - 1) {
          ++b;
          --e;
        }
        const std::string expr =
            b < e ? nlTrim(text_.substr(tok_[b].begin, tok_[e - 1].end - tok_[b].begin)) : "";
        if (expr.empty()) {
          fail("no SQL condition after 'satisfy'");
          return std::nullopt;
        }
        try {
          requireSingleExpression(expr);
        } catch (const HttpError& err) {
          fail("'" + expr + "' is not one SQL expression: " + err.what());
          return std::nullopt;
        }
        c.finish();
        NlDraft d;
        d.function = "sql_expression";
        d.arguments["expression"] = expr;
        if (neg) d.arguments["negate"] = true;
        return d;
      }
      c.reset(m);
    }
    if (s.needsRowsWord) {
      if (c.accept({"schema"})) {
        NlDraft d;
        d.function = "has_valid_schema";
        return d;
      }
      if (c.accept({"not", "empty"})) return aggregateDraft("*", "count", NlCmp::Ge, 1, s.group);
      if (c.accept({"empty"})) return aggregateDraft("*", "count", NlCmp::Le, 0, s.group);
    }
    const auto cmp = nlComparator(c);
    if (!cmp) return std::nullopt;
    auto limit = value(c, NlUse::Limit);
    if (!limit) {
      c.reset(m);
      return std::nullopt;
    }
    const bool rows = c.acceptAny({"rows", "row", "records", "record"});
    if (s.needsRowsWord && !rows) {
      c.reset(m);
      return std::nullopt;
    }
    std::vector<std::string> group = s.group;
    if (!readGroup(c, group)) return std::nullopt;
    return aggregateDraft("*", "count", *cmp, std::move(*limit), group);
  }

  std::optional<NlDraft> aggregateRule(const NlSubject& s, NlCursor& c) {
    std::optional<NlCmp> cmp = nlComparator(c);
    const std::size_t r = c.raw();
    if (!cmp && r < end_ && (tok_[r].kind == NlKind::Number || tok_[r].kind == NlKind::Date)) {
      // "the maximum discount is 0.9" caps it; "the minimum quantity is 1" floors it
      cmp = s.aggr == "max" ? NlCmp::Le : s.aggr == "min" ? NlCmp::Ge : NlCmp::Eq;
    }
    if (!cmp) return std::nullopt;
    auto limit = value(c, NlUse::Limit);
    if (!limit) return std::nullopt;
    std::vector<std::string> group = s.group;
    if (!readGroup(c, group)) return std::nullopt;
    return aggregateDraft(s.aggrColumn, s.aggr, *cmp, std::move(*limit), group);
  }

  // ---- optional arguments ----

  void applyOptions(NlDraft& d, const std::vector<NlOption>& options) {
    const FunctionSpec* f = findCheckFunction(d.function);
    for (const auto& o : options) {
      const ArgSpec* spec = nullptr;
      if (f != nullptr) {
        for (const auto& a : f->args) {
          if (a.name == o.name && !a.required) spec = &a;
        }
      }
      if (spec == nullptr) {
        note("'with " + slice(o.begin - 1, o.end) + "' does not apply to " + d.function);
        leftover_ = true;
        continue;
      }
      auto v = optionValue(spec->type, o);
      if (!v) {
        note("'with " + slice(o.begin - 1, o.end) + "' is not a " +
             std::string(argTypeName(spec->type)));
        leftover_ = true;
        continue;
      }
      d.arguments[o.name] = std::move(*v);
    }
  }

  std::optional<Json> optionValue(ArgType type, const NlOption& o) {
    const NlToken& t = tok_[o.begin];
    const bool one = o.end == o.begin + 1;
    switch (type) {
      case ArgType::Boolean:
        if (one && isWord(o.begin, {"true", "false"})) return Json(t.low == "true");
        return std::nullopt;
      case ArgType::Integer:
      case ArgType::Number: {
        if (!one || t.kind != NlKind::Number) return std::nullopt;
        auto v = nlNumberJson(t.raw);
        if (v && type == ArgType::Integer && !v->is_number_integer()) return std::nullopt;
        return v;
      }
      case ArgType::Text:
        if (one && (t.kind == NlKind::Quoted || t.kind == NlKind::Word)) return Json(t.raw);
        return std::nullopt;
      case ArgType::Value: {
        std::size_t r = o.begin;
        auto v = valueAt(r, o.end, NlUse::Limit);
        if (r != o.end) return std::nullopt;
        return v;
      }
      case ArgType::Values: {
        auto list = listAt(o.begin, o.end);
        if (!list) return std::nullopt;
        return list->items;
      }
      case ArgType::Columns: {
        Json names = Json::array();
        for (std::size_t i = o.begin; i < o.end; ++i) {
          if (isPunct(i, {"[", "]", ","})) continue;
          if (tok_[i].kind != NlKind::Word && tok_[i].kind != NlKind::Backticked) {
            return std::nullopt;
          }
          names.push_back(nlArgName(tok_[i].raw));
        }
        if (names.empty()) return std::nullopt;
        return names;
      }
      default:
        return std::nullopt;
    }
  }
};

// ---- explanation ----

[[noreturn]] void nlBadRule(const std::string& field, const std::string& msg) {
  Json loc = Json::array({"body", "rule"});
  if (!field.empty()) loc.push_back(field);
  throw unprocessable(std::move(loc), msg, "value_error");
}

std::string nlQuote(std::string_view s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out + "'";
}

std::string nlWriteValue(const Json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  if (!v.is_string()) nlBadRule("arguments", "a value must be a number, a date or a string");
  const std::string s = v.get<std::string>();
  if (s == "current_date()") return "today";
  if (s == "current_timestamp()") return "now";
  if (nlIsDateText(s)) return s;
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') {
    return nlQuote(s.substr(1, s.size() - 2));
  }
  if (nlIsIdentifierPath(s)) return nlBacktick(s);
  if (s.size() >= 2 && s.front() == '`' && s.back() == '`') return s;
  return "(" + s + ")";
}

std::string nlWriteItem(const Json& v) {
  if (v.is_string()) return nlQuote(v.get<std::string>());
  if (v.is_number() || v.is_boolean()) return v.dump();
  nlBadRule("arguments", "a list holds numbers, booleans and strings");
}

std::string nlWriteItems(const Json& v) {
  if (!v.is_array() || v.empty()) nlBadRule("arguments", "a list of values must not be empty");
  std::vector<std::string> items;
  for (const auto& i : v) items.push_back(nlWriteItem(i));
  return nlJoin(items, ", ", ", ");
}

std::string nlWriteColumn(const Json& v) {
  if (!v.is_string() || v.get<std::string>().empty()) {
    nlBadRule("arguments", "a column must be a name");
  }
  return nlWriteName(nlUnquoteArg(v.get<std::string>()));
}

std::string nlWriteColumns(const Json& v) {
  if (!v.is_array() || v.empty()) nlBadRule("arguments", "a list of columns must not be empty");
  std::vector<std::string> names;
  for (const auto& n : v) names.push_back(nlWriteColumn(n));
  return nlJoin(names, ", ", " and ");
}

std::string nlWriteTyped(ArgType type, const Json& v) {
  switch (type) {
    case ArgType::Boolean:
      if (!v.is_boolean()) nlBadRule("arguments", "a flag must be true or false");
      return v.dump();
    case ArgType::Integer:
      if (!v.is_number_integer()) nlBadRule("arguments", "a count must be a whole number");
      return v.dump();
    case ArgType::Number:
      if (!v.is_number()) nlBadRule("arguments", "a tolerance must be a number");
      return v.dump();
    case ArgType::Text:
      if (!v.is_string()) nlBadRule("arguments", "a text argument must be a string");
      return nlQuote(v.get<std::string>());
    case ArgType::Values:
      return "[" + nlWriteItems(v) + "]";
    case ArgType::Columns: {
      if (!v.is_array() || v.empty()) nlBadRule("arguments", "a list of columns is empty");
      std::vector<std::string> names;
      for (const auto& n : v) names.push_back(nlWriteColumn(n));
      return "[" + nlJoin(names, ", ", ", ") + "]";
    }
    default:
      return nlWriteValue(v);
  }
}

// The length of a backticked name at i with no dot inside (a single column), or 0.
std::size_t nlSimpleQuotedName(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '`') return 0;
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '.') return 0;
    if (s[j] != '`') continue;
    if (j + 1 < s.size() && s[j + 1] == '`') {
      ++j;
      continue;
    }
    return j > i + 1 ? j + 1 - i : 0;
  }
  return 0;
}

// Writes back the cosmetic form of what comparisons parse to ("`x` > 0", "`d` < DATE '…'",
// "`a` > `b`"); anything else is written as "rows must satisfy (…)".
std::optional<std::string> nlWriteComparison(std::string_view expr) {
  const std::size_t n = nlSimpleQuotedName(expr, 0);
  if (n == 0 || expr.size() < n + 4 || expr[n] != ' ' || expr[n + 2] != ' ') return std::nullopt;
  const char op = expr[n + 1];
  if (op != '<' && op != '>') return std::nullopt;
  const std::string name = nlUnquoteArg(expr.substr(0, n));
  const std::string_view rest = expr.substr(n + 3);
  const bool greater = op == '>';
  if (rest.size() == 17 && rest.starts_with("DATE '") && rest.back() == '\'' &&
      nlIsDateText(rest.substr(6, 10))) {
    return nlWriteName(name) + (greater ? " must be after " : " must be before ") +
           std::string(rest.substr(6, 10));
  }
  const bool column = nlSimpleQuotedName(rest, 0) == rest.size();
  std::size_t digits = rest.starts_with('-') ? 1 : 0;
  const std::size_t intEnd = nlDigitsEnd(rest, digits);
  std::size_t end = intEnd;
  if (end < rest.size() && rest[end] == '.') end = nlDigitsEnd(rest, end + 1);
  const bool number = intEnd > digits && end == rest.size() && rest.back() != '.';
  if (!column && !number) return std::nullopt;
  return nlWriteName(name) + (greater ? " must be greater than " : " must be less than ") +
         std::string(rest);
}

std::optional<std::string> nlExplainCore(const Check& r, std::vector<std::string>& used) {
  const auto has = [&](const char* name) {
    const auto it = r.arguments.find(name);
    return it != r.arguments.end() && !it->is_null();
  };
  const auto arg = [&](const char* name) -> const Json& {
    const auto it = r.arguments.find(name);
    if (it == r.arguments.end() || it->is_null()) {
      nlBadRule("arguments", r.function + " needs the argument '" + name + "'");
    }
    used.emplace_back(name);
    return *it;
  };
  const auto isTrue = [&](const char* name) {
    if (!has(name) || !r.arguments.find(name)->is_boolean()) return false;
    const bool v = r.arguments.find(name)->get<bool>();
    if (v) used.emplace_back(name);
    return v;
  };
  const auto col = [&](const char* name = "column") { return nlWriteColumn(arg(name)); };
  const std::string& f = r.function;
  if (f == "is_not_null") return col() + " must not be null";
  if (f == "is_null") return col() + " must be null";
  if (f == "is_not_empty") return col() + " must not be an empty string";
  if (f == "is_empty") return col() + " must be an empty string";
  if (f == "is_not_null_and_not_empty") return col() + " must not be empty";
  if (f == "is_null_or_empty") return col() + " must be null or empty";
  if (f == "is_not_null_and_not_empty_array") return col() + " must not be an empty array";
  if (f == "is_in_list" || f == "is_not_in_list" || f == "is_not_null_and_is_in_list") {
    const std::string subject = col();
    const std::string list = nlWriteItems(arg(f == "is_not_in_list" ? "forbidden" : "allowed"));
    std::string out = subject +
                      (f == "is_not_in_list"               ? " must not be one of "
                       : f == "is_not_null_and_is_in_list" ? " must be not null and one of "
                                                           : " must be one of ") +
                      list;
    if (has("case_sensitive") && r.arguments.find("case_sensitive")->is_boolean() &&
        !r.arguments.find("case_sensitive")->get<bool>()) {
      used.emplace_back("case_sensitive");
      out += ", ignoring case";
    }
    return out;
  }
  if (f == "sql_expression") {
    const Json& e = arg("expression");
    if (!e.is_string()) nlBadRule("arguments", "expression must be a string");
    const bool negate = isTrue("negate");
    if (!negate) {
      if (auto short_ = nlWriteComparison(e.get<std::string>())) return short_;
    }
    return std::string("rows must ") + (negate ? "not " : "") + "satisfy (" + e.get<std::string>() +
           ")";
  }
  if (f == "is_equal_to") return col() + " must equal " + nlWriteValue(arg("value"));
  if (f == "is_not_equal_to") return col() + " must not equal " + nlWriteValue(arg("value"));
  if (f == "is_not_less_than") return col() + " must be at least " + nlWriteValue(arg("limit"));
  if (f == "is_not_greater_than") return col() + " must be at most " + nlWriteValue(arg("limit"));
  if (f == "is_in_range" || f == "is_not_in_range") {
    const std::string subject = col();
    const std::string lo = nlWriteValue(arg("min_limit"));
    return subject + (f == "is_in_range" ? " must be between " : " must not be between ") + lo +
           " and " + nlWriteValue(arg("max_limit"));
  }
  if (f == "regex_match") {
    const std::string subject = col();
    const Json& re = arg("regex");
    if (!re.is_string()) nlBadRule("arguments", "regex must be a string");
    return subject + (isTrue("negate") ? " must not match " : " must match ") +
           nlQuote(re.get<std::string>());
  }
  if (f == "is_valid_date" || f == "is_valid_timestamp") {
    const char* format = f == "is_valid_date" ? "date_format" : "timestamp_format";
    std::string out =
        col() + (f == "is_valid_date" ? " must be a valid date" : " must be a valid timestamp");
    if (has(format) && r.arguments.find(format)->is_string()) {
      out += " in format " + nlQuote(arg(format).get<std::string>());
    }
    return out;
  }
  if (f == "is_valid_ipv4_address") return col() + " must be a valid ipv4 address";
  if (f == "is_valid_ipv6_address") return col() + " must be a valid ipv6 address";
  if (f == "is_valid_json") return col() + " must be valid json";
  if (f == "has_no_outliers") return col() + " must not have outliers";
  if (f == "is_ipv4_address_in_cidr") {
    const std::string subject = col();
    const Json& block = arg("cidr_block");
    if (!block.is_string()) nlBadRule("arguments", "cidr_block must be a string");
    return subject + " must be an ipv4 address in cidr " + nlQuote(block.get<std::string>());
  }
  if (f == "has_valid_string_case") {
    const std::string subject = col();
    const Json& kind = arg("case");
    if (!kind.is_string() ||
        !nlIn(kind.get<std::string>(), {"upper", "lower", "title", "sentence"})) {
      nlBadRule("arguments", "case must be one of upper, lower, title, sentence");
    }
    return subject + " must be in " + kind.get<std::string>() + " case";
  }
  if (f == "sql_query") {
    const Json& q = arg("query");
    if (!q.is_string()) nlBadRule("arguments", "query must be a string");
    return std::string("rows must ") + (isTrue("negate") ? "not " : "") + "satisfy query " +
           nlQuote(q.get<std::string>());
  }
  if (f == "is_valid_email") return col() + " must be a valid email";
  if (f == "is_valid_country_code") return col() + " must be a valid country code";
  if (f == "is_valid_currency_code") return col() + " must be a valid currency code";
  if (f == "is_valid_language_code") return col() + " must be a valid language code";
  if (f == "is_valid_subdivision_code") return col() + " must be a valid subdivision code";
  if (f == "is_valid_national_id") return col() + " must be a valid national id";
  if (f == "has_valid_schema") return "the table must have a valid schema";
  if (f == "has_no_aggr_outliers") {
    const std::string subject = col();
    return subject + " must not have aggregate outliers over " + col("time_column");
  }
  if (f == "aggr_matches_dataset") {
    const std::string subject = col();
    const Json& table = arg("ref_table");
    std::vector<std::string> parts;
    try {
      if (table.is_string()) parts = splitQualified(table.get<std::string>());
    } catch (const HttpError&) {
      parts.clear();
    }
    if (parts.size() != 3) nlBadRule("arguments", "ref_table must be catalog.schema.table");
    std::vector<std::string> written;
    for (const auto& p : parts) written.push_back(nlIsIdentifier(p) ? p : nlBacktick(p));
    return subject + " must reconcile with " + nlJoin(written, ".", ".");
  }
  if (f == "is_data_fresh_per_time_window" || f == "has_no_gaps_per_time_window") {
    const std::string subject = col();
    const Json& minutes = arg("window_minutes");
    if (!minutes.is_number_integer() || minutes.get<std::int64_t>() <= 0 ||
        minutes.get<std::int64_t>() > kNlMaxAmount) {
      nlBadRule("arguments", "window_minutes must be a positive whole number");
    }
    const std::string window = nlWriteSeconds(minutes.get<std::int64_t>() * 60);
    if (f == "has_no_gaps_per_time_window") return subject + " must have no gaps of " + window;
    const Json& least = arg("min_records_per_window");
    if (!least.is_number_integer() || least.get<std::int64_t>() <= 0) {
      nlBadRule("arguments", "min_records_per_window must be a positive whole number");
    }
    return subject + " must have at least " + least.dump() +
           (least.get<std::int64_t>() == 1 ? " row" : " rows") + " every " + window;
  }
  if (f == "is_valid_uuid") return col() + " must be a valid uuid";
  const auto positive = [&](const char* name) -> std::optional<std::int64_t> {
    if (!has(name)) return std::nullopt;
    const Json& v = *r.arguments.find(name);
    if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) return std::nullopt;
    used.emplace_back(name);
    return v.get<std::int64_t>();
  };
  if (f == "is_not_in_future") {
    const std::string subject = col();
    if (const auto offset = positive("offset")) {
      return subject + " must not be more than " + nlWriteSeconds(*offset) + " in the future";
    }
    return subject + " must not be in the future";
  }
  if (f == "is_not_in_near_future") {
    const std::string subject = col();
    if (const auto offset = positive("offset")) {
      return subject + " must not be in the next " + nlWriteSeconds(*offset);
    }
    return subject + " must not be in the near future";
  }
  if (f == "is_older_than_n_days") {
    const std::string subject = col();
    const Json& days = arg("days");
    if (!days.is_number_integer()) nlBadRule("arguments", "days must be a whole number");
    return subject + (isTrue("negate") ? " must not be older than " : " must be older than ") +
           days.dump() + " days";
  }
  if (f == "is_older_than_col2_for_n_days") {
    const std::string first = col("column1");
    const std::string second = col("column2");
    std::int64_t days = 0;
    if (has("days")) {
      const Json& d = arg("days");
      if (!d.is_number_integer() || d.get<std::int64_t>() < 0) {
        nlBadRule("arguments", "days must be a whole number");
      }
      days = d.get<std::int64_t>();
    }
    if (days == 0) return first + " must be before " + second;
    return first + " must be more than " + std::to_string(days) + " days before " + second;
  }
  if (f == "is_data_fresh") {
    const std::string subject = col();
    const Json& minutes = arg("max_age_minutes");
    if (!minutes.is_number_integer() || minutes.get<std::int64_t>() < 0 ||
        minutes.get<std::int64_t>() > kNlMaxAmount) {
      nlBadRule("arguments", "max_age_minutes must be a whole number");
    }
    return subject + " must be updated within " + nlWriteSeconds(minutes.get<std::int64_t>() * 60);
  }
  if (f == "has_json_keys") {
    const std::string subject = col();
    const std::string keys = nlWriteItems(arg("keys"));
    bool all = true;
    if (has("require_all") && r.arguments.find("require_all")->is_boolean() &&
        !r.arguments.find("require_all")->get<bool>()) {
      used.emplace_back("require_all");
      all = false;
    }
    return subject + (all ? " must have json keys " : " must have any of json keys ") + keys;
  }
  if (f == "is_unique") {
    const Json& cols = arg("columns");
    const std::string names = nlWriteColumns(cols);
    return names + (cols.size() == 1 ? " must be unique" : " must be unique together");
  }
  if (f == "foreign_key" || f == "compare_datasets") {
    const std::string names = nlWriteColumns(arg("columns"));
    const Json& table = arg("ref_table");
    if (!table.is_string()) nlBadRule("arguments", "ref_table must be catalog.schema.table");
    std::vector<std::string> parts;
    try {
      parts = splitQualified(table.get<std::string>());
    } catch (const HttpError&) {
      parts.clear();
    }
    if (parts.size() != 3) nlBadRule("arguments", "ref_table must be catalog.schema.table");
    std::vector<std::string> written;
    for (const auto& p : parts) written.push_back(nlIsIdentifier(p) ? p : nlBacktick(p));
    const Json& refs = arg("ref_columns");
    if (!refs.is_array() || refs.empty()) nlBadRule("arguments", "ref_columns must name columns");
    std::vector<std::string> refNames;
    for (const auto& n : refs) {
      if (!n.is_string()) nlBadRule("arguments", "ref_columns must name columns");
      const std::string name = nlUnquoteArg(n.get<std::string>());
      refNames.push_back(nlIsIdentifier(name) ? name : nlBacktick(name));
    }
    const std::string reference =
        nlJoin(written, ".", ".") + "(" + nlJoin(refNames, ", ", ", ") + ")";
    if (f == "compare_datasets") return names + " must mirror " + reference;
    return names + (isTrue("negate") ? " must not exist in " : " must exist in ") + reference;
  }
  if (f == "is_aggr_not_less_than" || f == "is_aggr_not_greater_than" || f == "is_aggr_equal" ||
      f == "is_aggr_not_equal") {
    const Json& column = arg("column");
    const Json& limit = arg("limit");
    std::string aggr = "count";
    if (has("aggr_type")) {
      const Json& a = arg("aggr_type");
      if (!a.is_string()) nlBadRule("arguments", "aggr_type must be a string");
      aggr = a.get<std::string>();
    }
    const std::string group = has("group_by") ? " per " + nlWriteColumns(arg("group_by")) : "";
    const bool star = column.is_string() && column.get<std::string>() == "*";
    const bool rows = star && aggr == "count";
    const bool ge = f == "is_aggr_not_less_than";
    const bool le = f == "is_aggr_not_greater_than";
    const bool ne = f == "is_aggr_not_equal";
    if (rows && limit.is_number_integer()) {
      return std::string("the table must ") + (ne ? "not " : "") + "have " +
             (ge   ? "at least "
              : le ? "at most "
                   : "exactly ") +
             limit.dump() + (limit == 1 ? " row" : " rows") + group;
    }
    const std::string target = star ? std::string("*") : nlWriteColumn(column);
    const std::string subject = rows                       ? "the number of rows"
                                : aggr == "count_distinct" ? "the number of distinct " + target
                                : aggr == "avg"            ? "the average of " + target
                                                           : "the " + aggr + " of " + target;
    const std::string verb = ge   ? " must be at least "
                             : le ? " must be at most "
                             : ne ? " must not equal "
                                  : " must equal ";
    return subject + group + verb + nlWriteValue(limit);
  }
  return std::nullopt;
}

}  // namespace

ParsedRule parseNaturalLanguageRule(std::string_view text,
                                    const std::vector<std::string>& columns) {
  NlParser parser(text, columns);
  return parser.run();
}

std::string explainRule(const Check& rule) {
  const FunctionSpec* spec = findCheckFunction(rule.function);
  if (!rule.arguments.is_object()) nlBadRule("arguments", "arguments must be an object");
  std::vector<std::string> used;
  std::optional<std::string> core;
  if (spec != nullptr) core = nlExplainCore(rule, used);
  if (!core) {
    nlBadRule("function",
              "There is no English template for the check function '" + rule.function + "'.");
  }
  std::string out = *core;
  for (const auto& item : rule.arguments.items()) {
    const std::string& name = item.key();
    const Json& value = item.value();
    if (value.is_null() || std::find(used.begin(), used.end(), name) != used.end()) continue;
    const auto a = std::find_if(spec->args.begin(), spec->args.end(),
                                [&](const ArgSpec& s) { return s.name == name; });
    if (a == spec->args.end() || a->required) {
      nlBadRule("arguments",
                "'" + name + "' is not an argument " + rule.function + " can be explained with");
    }
    out += " with " + name + " " + nlWriteTyped(a->type, value);
  }
  if (!rule.filter.empty()) out += " where " + rule.filter;
  if (rule.criticality == Criticality::Warn) out = "warning: " + out;
  return out;
}

}  // namespace clxs::quality
