// The text side of Spark's CSV functions `from_csv(str, schema[, options])`,
// `schema_of_csv(str[, options])` and `to_csv(struct[, options])` (Spark 3.5 / Databricks):
// reading one record into fields, inferring one record's schema and writing one record. Spark
// hands this work to the univocity 2.9.1 parser and writer with the settings CSVOptions builds,
// and users compare our answers with Databricks' character for character, so univocity's odd
// corners are kept on purpose (an unescaped quote keeps the raw text, `"a""b"` is not `a"b`
// with the default escape, a first field starting with '#' is quoted on writing). Casting fields
// to the schema's types and formatting dates and timestamps is the caller's job.
//
// Text is UTF-8; univocity works on UTF-16 units, which only shows where a "one character"
// option is checked (counted in UTF-16 units, as Java does) and in that quote, escape, comment
// and charToEscapeQuoteEscaping must be ASCII here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clxs::kernel::spark_csv {

/// Spark's `mode` option. from_csv accepts PERMISSIVE and FAILFAST only; rejecting
/// DROPMALFORMED, and what a malformed record becomes, is the caller's job.
enum class ParseMode { kPermissive, kDropMalformed, kFailFast };

/// CSV options as CSVOptions resolves them. Options that only matter to whole files (header,
/// inferSchema, multiLine, encoding, compression, samplingRatio, enforceSchema, ...) are
/// checked the way Spark checks them and then dropped. The defaults here are the reading
/// defaults; parseOptions(…, true) gives the writing ones.
struct Options {
  /// The field separator after CSVExprUtils.toDelimiterStr's unescaping; may be several
  /// characters (Spark 3 allows "||"). A separator of more than one byte (a non-ASCII
  /// character too) follows univocity's multi-character rules.
  std::string sep = ",";
  /// '\0' turns quoting off (Spark maps quote "" to U+0000).
  char quote = '"';
  /// Escapes the quote inside a quoted field; '\0' for escape "".
  char escape = '\\';
  /// The character that escapes the escape; unset means univocity's default: '\0' when
  /// quote == escape, else the escape itself (so `\\` reads as `\` by default).
  std::optional<char> charToEscapeQuoteEscaping;
  /// Set only when the option is exactly one character (Spark's isCommentSet). Reading: a
  /// record starting with it is skipped. Writing: univocity quotes a first field starting with
  /// it, and with '#' when unset.
  std::optional<char> comment;
  /// Reading: a field equal to it (quoted or not, compared after unquoting) is NULL. Writing:
  /// what NULL is written as.
  std::string nullValue;
  /// The emptyValue option as given. Reading: what `""` becomes (default ""). Writing: what an
  /// empty string is written as (default `""`).
  std::optional<std::string> emptyValue;
  /// Spark defaults: false for reading, true for writing. Whitespace is every char <= ' '.
  bool ignoreLeadingWhiteSpace = false;
  /// Spark defaults: false for reading, true for writing.
  bool ignoreTrailingWhiteSpace = false;
  /// Writing: quote every field; univocity's quoteNulls makes a NULL `""` too.
  bool quoteAll = false;
  /// Writing: quote (and escape) fields that contain the quote; false writes them raw unless
  /// something else needs quoting.
  bool escapeQuotes = true;
  /// Reading, unescapedQuoteHandling: true for STOP_AT_DELIMITER (the default), false for
  /// STOP_AT_CLOSING_QUOTE. The other three handlings are rejected by parseOptions.
  bool unescapedQuoteStopsAtDelimiter = true;
  /// Writing only: the record separator (1 or 2 characters). from_csv and schema_of_csv
  /// replace it with U+FFFF, so a newline inside a record they read is plain data.
  std::optional<std::string> lineSep;
  /// Inference: these read as DOUBLE.
  std::string nanValue = "NaN";
  /// Inference: reads as DOUBLE.
  std::string positiveInf = "Inf";
  /// Inference: reads as DOUBLE.
  std::string negativeInf = "-Inf";
  /// Inference: try DATE (yyyy-MM-dd) before TIMESTAMP.
  bool preferDate = true;
  /// Not an option: set it when spark.sql.timestampType is TIMESTAMP_NTZ, so that zone-less
  /// timestamps infer as TIMESTAMP_NTZ as in Spark.
  bool inferTimestampNtz = false;
  /// Kept for the caller's casts and formatting; inference here knows only the defaults.
  std::optional<std::string> dateFormat;
  /// Kept for the caller; see dateFormat.
  std::optional<std::string> timestampFormat;
  /// Kept for the caller; see dateFormat.
  std::optional<std::string> timestampNTZFormat;
  /// Kept for the caller (the `timeZone` option).
  std::optional<std::string> timeZone;
  /// Kept for the caller (the `locale` option); inference always parses numbers as en-US.
  std::optional<std::string> locale;
  /// The `mode` option; an unknown name is PERMISSIVE, as Spark does after a warning.
  ParseMode mode = ParseMode::kPermissive;
  /// The `columnNameOfCorruptRecord` option, for the caller.
  std::optional<std::string> columnNameOfCorruptRecord;
};

/// Options from the SQL options map, for reading (forWriting=false: from_csv, schema_of_csv)
/// or writing (to_csv). Keys are case-insensitive, a later duplicate wins, unknown keys are
/// ignored, and `sep` wins over `delimiter`, as in Spark. A value Spark rejects throws
/// std::invalid_argument with Spark's message: an empty separator, a lone or unknown backslash
/// escape in it ("[INVALID_DELIMITER_VALUE.…] … SQLSTATE: 42602"), "quote cannot be more than
/// one character.", "escapeQuotes flag can be true or false.", "maxColumns should be an
/// integer. Found x.", a bad lineSep when writing, an unknown unescapedQuoteHandling. Also
/// throws for what this module does not do: a non-ASCII quote, escape or comment, and the
/// unescapedQuoteHandling values BACK_TO_DELIMITER, SKIP_VALUE and RAISE_ERROR.
Options parseOptions(const std::vector<std::pair<std::string, std::string>>& map, bool forWriting);

/// One record as Spark's reader (univocity's parseLine) splits it, fields in order; nullopt
/// for a field equal to nullValue (so by default an empty field and `""` are both NULL, as in
/// Spark). An empty vector means there is no record: empty text, or a comment line; Spark then
/// treats the record as malformed (every column NULL in PERMISSIVE mode). When the vector is
/// shorter than the schema the missing columns are NULL, and extra fields are dropped; Spark
/// flags both as malformed (FAILFAST fails) while still returning that partial row.
std::vector<std::optional<std::string>> readRecord(std::string_view text, const Options& o);

/// The type CSVInferSchema gives one field of a fresh column, as Databricks DDL text: INT,
/// BIGINT, DECIMAL(p,0) (integers past BIGINT, p <= 38), DOUBLE (anything Java's
/// Double.parseDouble takes, so " 1" and "1d" too, plus nanValue and the infinities), DATE
/// (strict yyyy-MM-dd when preferDate), TIMESTAMP_NTZ (only with inferTimestampNtz),
/// TIMESTAMP (what a string-to-timestamp cast accepts: yyyy[-[m]m[-[d]d]] with an optional
/// [T ]h[h]:m[m][:s[s][.fraction]][zone], or a time alone), BOOLEAN (true/false in any case),
/// else STRING. NULL, "" and nullValue give STRING, where Spark's NullType ends up. Custom
/// dateFormat/timestampFormat patterns and non-US locales are not applied.
std::string inferFieldType(const std::optional<std::string>& field, const Options& o);

/// schema_of_csv's answer: "STRUCT<_c0: INT, _c1: STRING>". Throws std::invalid_argument when
/// the text holds no record (empty, or a comment line), where Spark fails an assertion.
std::string schemaOf(std::string_view text, const Options& o);

/// One record as to_csv writes it (univocity's CsvWriter under Spark's settings), each cell
/// already rendered as text, nullopt for NULL (written as nullValue), without a line
/// separator. Trims whitespace per the ignore…WhiteSpace flags, writes an empty (or, with
/// ignoreLeadingWhiteSpace, all-blank) string as emptyValue, and quotes a field that contains
/// the separator, a CR, an LF or (with escapeQuotes) the quote, that starts with the quote, or
/// with the comment character in the first column, or every field (NULL too) with quoteAll;
/// inside quotes the quote is preceded by escape and escape by charToEscapeQuoteEscaping.
/// Returns nullopt when nothing at all would be written (no cells, or one NULL cell with an
/// empty nullValue): univocity then returns null and to_csv gives NULL.
std::optional<std::string> writeRecord(const std::vector<std::optional<std::string>>& cells,
                                       const Options& o);

}  // namespace clxs::kernel::spark_csv
