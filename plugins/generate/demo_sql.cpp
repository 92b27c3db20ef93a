#include "plugins/generate/demo_sql.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <regex>
#include <string_view>

#include "clxs/sql.hpp"

namespace clxs::generate {
namespace {

// Value lists for people and places. City and state are aligned by index and drawn with the
// same hash, so a row's city lies in its state; names likewise agree with the e-mail.
const std::vector<std::string>& firstNames() {
  static const std::vector<std::string> k = {
      "James",  "Mary",   "Robert", "Patricia",  "John",   "Jennifer", "Michael", "Linda",
      "David",  "Maria",  "Wei",    "Elizabeth", "Carlos", "Susan",    "Ahmed",   "Jessica",
      "Daniel", "Sarah",  "Kenji",  "Karen",     "Raj",    "Nancy",    "Luis",    "Aisha",
      "Thomas", "Olivia", "Ivan",   "Emma",      "Noah",   "Sofia"};
  return k;
}
const std::vector<std::string>& lastNames() {
  static const std::vector<std::string> k = {
      "Smith",     "Johnson",  "Williams",  "Brown",  "Jones",  "Garcia", "Miller",   "Davis",
      "Rodriguez", "Martinez", "Hernandez", "Lopez",  "Nguyen", "Wilson", "Anderson", "Thomas",
      "Taylor",    "Moore",    "Jackson",   "Martin", "Lee",    "Patel",  "Chen",     "Kim",
      "Singh",     "Clark",    "Lewis",     "Walker", "Young",  "Allen"};
  return k;
}
const std::vector<std::string>& domains() {
  static const std::vector<std::string> k = {"example.com", "example.org", "example.net",
                                             "mail.example.com", "demo.example"};
  return k;
}
const std::vector<std::string>& streetNames() {
  static const std::vector<std::string> k = {"Oak",     "Maple",  "Cedar", "Pine",   "Elm",
                                             "Main",    "Park",   "Lake",  "Hill",   "Washington",
                                             "Lincoln", "Sunset", "River", "Church", "Mill"};
  return k;
}
const std::vector<std::string>& streetSuffixes() {
  static const std::vector<std::string> k = {"St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct"};
  return k;
}
const std::vector<std::string>& cities() {
  static const std::vector<std::string> k = {
      "New York",     "Los Angeles", "Chicago",   "Houston",   "Phoenix",
      "Philadelphia", "San Antonio", "San Diego", "Dallas",    "Austin",
      "Seattle",      "Denver",      "Boston",    "Atlanta",   "Miami",
      "Portland",     "Nashville",   "Columbus",  "Charlotte", "Minneapolis"};
  return k;
}
const std::vector<std::string>& states() {
  static const std::vector<std::string> k = {"NY", "CA", "IL", "TX", "AZ", "PA", "TX",
                                             "CA", "TX", "TX", "WA", "CO", "MA", "GA",
                                             "FL", "OR", "TN", "OH", "NC", "MN"};
  return k;
}

// Fixed salts: columns of the same kind in one row must agree (names with e-mail, city with
// state), so they hash the row number with the same salt.
constexpr int kFirstNameSalt = 101;
constexpr int kLastNameSalt = 102;
constexpr int kPhoneAreaSalt = 103;
constexpr int kPhoneLineSalt = 104;
constexpr int kStreetNumberSalt = 105;
constexpr int kStreetNameSalt = 106;
constexpr int kCitySalt = 107;
constexpr int kZipSalt = 109;
constexpr int kSsnSalt = 110;
constexpr int kDomainSalt = 113;
constexpr int kSuffixSalt = 114;

constexpr std::int64_t kBirthDaySpan = 22'645;  // 1940-01-01 .. 2001-12-31

std::vector<std::string> splitValues(const std::string& list) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : list) {
    if (c == '|') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

// A stable salt per table and column (std::hash is not stable across builds).
int saltOf(const std::string& table, const std::string& column) {
  std::uint32_t h = 2166136261u;
  for (char c : table + "." + column) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return static_cast<int>(h % 1'000'000) + 1'000;
}

std::string bucket(int salt, std::size_t n) {
  return "abs(hash(id, " + std::to_string(salt) + ") % " + std::to_string(n) + ")";
}

// One of `values`, chosen by hashing the row number (rand() cannot feed a CASE: engines
// may evaluate the operand once per WHEN).
std::string pick(const std::vector<std::string>& values, int salt) {
  if (values.size() == 1) return quoteLiteral(values.front());
  std::string out = "CASE " + bucket(salt, values.size());
  for (std::size_t i = 0; i + 1 < values.size(); ++i) {
    out += " WHEN " + std::to_string(i) + " THEN " + quoteLiteral(values[i]);
  }
  return out + " ELSE " + quoteLiteral(values.back()) + " END";
}

std::string padded(const std::string& numberExpr, int width) {
  return "lpad(CAST(" + numberExpr + " AS STRING), " + std::to_string(width) + ", '0')";
}

std::string dateLiteral(const std::string& ymd) {
  return "DATE " + quoteLiteral(ymd);
}

std::string uniformDays(const std::string& start, std::int64_t days) {
  return "date_add(" + dateLiteral(start) + ", CAST(floor(rand() * " + std::to_string(days) +
         ") AS INT))";
}

int digitsOf(std::int64_t n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

std::string humanize(const std::string& name) {
  std::string out = name;
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::int64_t rowsOf(const GenContext& ctx, const std::string& table) {
  const auto it = ctx.rows.find(table);
  return it == ctx.rows.end() ? 1 : std::max<std::int64_t>(1, it->second);
}

std::string slaTierOf(const TableDef& t) {
  if (t.baseRows >= 50'000'000) return "gold";
  if (t.baseRows >= 1'000'000) return "silver";
  return "bronze";
}

std::string tableName(const GenContext& ctx, const IndustryDef& ind, const TableDef& t) {
  return qualified(ctx.catalog, ind.name, t.name);
}

std::string addConstraint(const std::string& table, const std::string& name,
                          const std::string& body) {
  return "ALTER TABLE " + table + " ADD CONSTRAINT " + quoteIdentifier(name) + " " + body;
}

}  // namespace

std::string numberLiteral(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s(buf);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string substitute(const std::string& text, const std::string& placeholder,
                       const std::string& replacement) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto hit = text.find(placeholder, pos);
    if (hit == std::string::npos) break;
    out.append(text, pos, hit - pos);
    out += replacement;
    pos = hit + placeholder.size();
  }
  out.append(text, pos, std::string::npos);
  return out;
}

std::string columnType(const ColumnDef& c) {
  switch (c.kind) {
    case ColumnKind::Key:
    case ColumnKind::ForeignKey:
      return "BIGINT";
    case ColumnKind::Date:
    case ColumnKind::BirthDate:
      return "DATE";
    case ColumnKind::Timestamp:
      return "TIMESTAMP";
    case ColumnKind::Money:
      return "DECIMAL(12,2)";
    case ColumnKind::Integer:
      return "INT";
    case ColumnKind::Number:
      return "DOUBLE";
    case ColumnKind::Flag:
      return "BOOLEAN";
    default:
      return "STRING";
  }
}

std::string columnComment(const ColumnDef& c) {
  if (!c.comment.empty()) return c.comment;
  switch (c.kind) {
    case ColumnKind::Key:
      return "Primary key";
    case ColumnKind::ForeignKey:
      return "References " + c.ref;
    default:
      return humanize(c.name);
  }
}

std::string columnExpr(const ColumnDef& c, const TableDef& t, const GenContext& ctx) {
  const std::string first = pick(firstNames(), kFirstNameSalt);
  const std::string last = pick(lastNames(), kLastNameSalt);
  switch (c.kind) {
    case ColumnKind::Key:
      return "id";
    case ColumnKind::ForeignKey: {
      const std::int64_t n = rowsOf(ctx, c.ref);
      if (n <= 1) return "CAST(1 AS BIGINT)";
      return "CAST(floor(rand() * " + std::to_string(n) + ") + 1 AS BIGINT)";
    }
    case ColumnKind::Date:
      return uniformDays(ctx.startDate, ctx.spanDays + 1);
    case ColumnKind::Timestamp:
      return "CAST(" + dateLiteral(ctx.startDate) + " AS TIMESTAMP) + (INTERVAL 1 SECOND * " +
             "CAST(floor(rand() * " + std::to_string(ctx.spanDays * 86'400) + ") AS BIGINT))";
    case ColumnKind::BirthDate:
      return uniformDays("1940-01-01", kBirthDaySpan);
    case ColumnKind::Money:
      return "CAST(round(" + numberLiteral(c.low) + " + rand() * " + numberLiteral(c.high - c.low) +
             ", 2) AS DECIMAL(12,2))";
    case ColumnKind::Integer:
      return "CAST(floor(" + numberLiteral(c.low) + " + rand() * " +
             numberLiteral(c.high - c.low + 1) + ") AS INT)";
    case ColumnKind::Number:
      return "round(" + numberLiteral(c.low) + " + rand() * " + numberLiteral(c.high - c.low) +
             ", 2)";
    case ColumnKind::Choice:
    case ColumnKind::Status:
      return pick(splitValues(c.ref), saltOf(t.name, c.name));
    case ColumnKind::Flag:
      return "rand() < " + numberLiteral(c.low);
    case ColumnKind::Code: {
      // Never narrower than the key, or lpad would truncate and codes would repeat.
      const int width = std::max(static_cast<int>(c.high), digitsOf(rowsOf(ctx, t.name)));
      return "concat(" + quoteLiteral(c.ref) + ", " + padded("id", width) + ")";
    }
    case ColumnKind::FirstName:
      return first;
    case ColumnKind::LastName:
      return last;
    case ColumnKind::FullName:
      return "concat(" + first + ", ' ', " + last + ")";
    case ColumnKind::Email:
      return "lower(concat(" + first + ", '.', " + last + ", CAST(id AS STRING), '@', " +
             pick(domains(), kDomainSalt) + "))";
    case ColumnKind::Phone:
      return "concat('(', CAST(200 + " + bucket(kPhoneAreaSalt, 800) + " AS STRING), ') 555-', " +
             padded(bucket(kPhoneLineSalt, 10'000), 4) + ")";
    case ColumnKind::Street:
      return "concat(CAST(1 + " + bucket(kStreetNumberSalt, 9'899) + " AS STRING), ' ', " +
             pick(streetNames(), kStreetNameSalt) + ", ' ', " +
             pick(streetSuffixes(), kSuffixSalt) + ")";
    case ColumnKind::City:
      return pick(cities(), kCitySalt);
    case ColumnKind::State:
      return pick(states(), kCitySalt);
    case ColumnKind::Zip:
      return padded("1000 + " + bucket(kZipSalt, 98'000), 5);
    case ColumnKind::Ssn:
      return "concat('9', " + padded(bucket(kSsnSalt, 100), 2) + ", '-', " +
             padded(bucket(kSsnSalt + 1, 100), 2) + ", '-', " +
             padded(bucket(kSsnSalt + 2, 10'000), 4) + ")";
  }
  return "NULL";
}

namespace {
std::string firstOfKind(const TableDef& t, std::initializer_list<ColumnKind> kinds) {
  for (const auto& c : t.columns) {
    for (auto k : kinds) {
      if (c.kind == k) return c.name;
    }
  }
  return {};
}
}  // namespace

std::string keyColumn(const TableDef& t) {
  return firstOfKind(t, {ColumnKind::Key});
}
std::string statusColumn(const TableDef& t) {
  return firstOfKind(t, {ColumnKind::Status});
}
std::string dateColumn(const TableDef& t) {
  return firstOfKind(t, {ColumnKind::Date, ColumnKind::Timestamp});
}
std::string moneyColumn(const TableDef& t) {
  return firstOfKind(t, {ColumnKind::Money});
}

std::string qualified(const std::string& catalog, const std::string& schema,
                      const std::string& name) {
  return quoteQualified({catalog, schema, name});
}

std::string createCatalogSql(const std::string& catalog, const std::string& location) {
  std::string sql = "CREATE CATALOG " + quoteIdentifier(catalog);
  if (!location.empty()) sql += " MANAGED LOCATION " + quoteLiteral(location);
  return sql + " COMMENT " + quoteLiteral("Demo catalog with synthetic data generated by clone-xs");
}

std::string dropCatalogSql(const std::string& catalog) {
  return "DROP CATALOG IF EXISTS " + quoteIdentifier(catalog) + " CASCADE";
}

std::string catalogOwnerSql(const std::string& catalog, const std::string& owner) {
  return "ALTER CATALOG " + quoteIdentifier(catalog) + " OWNER TO " + quoteIdentifier(owner);
}

std::string createSchemaSql(const std::string& catalog, const std::string& schema,
                            const std::string& comment) {
  return "CREATE SCHEMA " + quoteQualified({catalog, schema}) + " COMMENT " + quoteLiteral(comment);
}

std::string tablePropertiesClause(const IndustryDef& ind, const std::string& slaTier) {
  const std::vector<std::pair<std::string, std::string>> props = {
      {kGeneratedByKey, kGeneratedByValue},
      {"demo.industry", ind.name},
      {"owner_team", ind.ownerTeam},
      {"refresh_frequency", "daily"},
      {"sla_tier", slaTier},
      {"data_quality_score", "95"},
      {"retention_days", "365"},
      {"delta.autoOptimize.optimizeWrite", "true"},
  };
  std::string out = "TBLPROPERTIES (";
  for (std::size_t i = 0; i < props.size(); ++i) {
    if (i > 0) out += ", ";
    out += quoteLiteral(props[i].first) + " = " + quoteLiteral(props[i].second);
  }
  return out + ")";
}

std::string createTableSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t) {
  std::string sql = "CREATE TABLE " + tableName(ctx, ind, t) + " (";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const auto& c = t.columns[i];
    if (i > 0) sql += ", ";
    sql += quoteIdentifier(c.name) + " " + columnType(c);
    if (c.kind == ColumnKind::Key) sql += " NOT NULL";
    sql += " COMMENT " + quoteLiteral(columnComment(c));
  }
  sql += ") USING DELTA";
  // Partitioning pays off only for large loads; small ones would just make tiny files.
  if (!t.partitionBy.empty() && rowsOf(ctx, t.name) >= 10'000'000) {
    sql += " PARTITIONED BY (" + quoteIdentifier(t.partitionBy) + ")";
  }
  sql += " COMMENT " + quoteLiteral(t.comment);
  return sql + " " + tablePropertiesClause(ind, slaTierOf(t));
}

std::string insertBatchSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t,
                           const Batch& batch) {
  std::string cols;
  std::string exprs;
  for (const auto& c : t.columns) {
    if (!cols.empty()) {
      cols += ", ";
      exprs += ", ";
    }
    cols += quoteIdentifier(c.name);
    exprs += columnExpr(c, t, ctx);
  }
  // range(start, end) with a column alias: Databricks names the column `id` already, the alias
  // makes that explicit for engines that name it otherwise.
  return "INSERT INTO " + tableName(ctx, ind, t) + " (" + cols + ") SELECT " + exprs +
         " FROM range(" + std::to_string(batch.offset + 1) + ", " +
         std::to_string(batch.offset + batch.count + 1) + ") AS r(id)";
}

std::string primaryKeySql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t) {
  const std::string key = keyColumn(t);
  if (key.empty()) return {};
  return addConstraint(tableName(ctx, ind, t), t.name + "_pk",
                       "PRIMARY KEY (" + quoteIdentifier(key) + ")");
}

std::vector<std::string> foreignKeySql(const GenContext& ctx, const IndustryDef& ind,
                                       const TableDef& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) {
    if (c.kind != ColumnKind::ForeignKey) continue;
    const auto key = ctx.keys.find(c.ref);
    if (key == ctx.keys.end() || key->second.empty()) continue;
    out.push_back(addConstraint(tableName(ctx, ind, t), t.name + "_" + c.name + "_fk",
                                "FOREIGN KEY (" + quoteIdentifier(c.name) + ") REFERENCES " +
                                    qualified(ctx.catalog, ind.name, c.ref) + " (" +
                                    quoteIdentifier(key->second) + ")"));
  }
  return out;
}

std::string checkConstraintSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t) {
  for (const auto& c : t.columns) {
    if (c.kind != ColumnKind::Money || c.low < 0) continue;
    return addConstraint(tableName(ctx, ind, t), t.name + "_" + c.name + "_non_negative",
                         "CHECK (" + quoteIdentifier(c.name) + " >= 0)");
  }
  return {};
}

std::string tableTagsSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t) {
  const bool pii = std::any_of(t.columns.begin(), t.columns.end(),
                               [](const ColumnDef& c) { return isPii(c.kind); });
  return "ALTER TABLE " + tableName(ctx, ind, t) + " SET TAGS (" +
         quoteLiteral("data_classification") + " = " +
         quoteLiteral(pii ? "confidential" : "internal") + ", " + quoteLiteral("domain") + " = " +
         quoteLiteral(ind.name) + ")";
}

std::vector<std::string> columnTagsSql(const GenContext& ctx, const IndustryDef& ind,
                                       const TableDef& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) {
    if (!isPii(c.kind)) continue;
    out.push_back("ALTER TABLE " + tableName(ctx, ind, t) + " ALTER COLUMN " +
                  quoteIdentifier(c.name) + " SET TAGS (" + quoteLiteral("pii") + " = " +
                  quoteLiteral(piiTag(c.kind)) + ")");
  }
  return out;
}

std::vector<std::string> historyUpdatesSql(const GenContext& ctx, const IndustryDef& ind,
                                           const TableDef& t) {
  const std::string key = keyColumn(t);
  for (const auto& c : t.columns) {
    if (c.kind != ColumnKind::Status || key.empty()) continue;
    const auto values = splitValues(c.ref);
    const std::string table = tableName(ctx, ind, t);
    const std::string col = quoteIdentifier(c.name);
    const std::string k = quoteIdentifier(key);
    return {"UPDATE " + table + " SET " + col + " = " + quoteLiteral(values.front()) + " WHERE " +
                k + " % 20 = 0",
            "UPDATE " + table + " SET " + col + " = " + quoteLiteral(values.back()) + " WHERE " +
                k + " % 50 = 1"};
  }
  return {};
}

std::string createViewSql(const std::string& catalog, const std::string& schema,
                          const std::string& industry, const ViewDef& v) {
  // The local workspace does not resolve a function call whose catalog part is quoted
  // (`c`.`s`.f(x)), so function references leave the catalog bare. That is safe: demo
  // catalog names are plain identifiers ([a-zA-Z_][a-zA-Z0-9_]*); any other name is quoted.
  static const std::regex kPlain("[a-zA-Z_][a-zA-Z0-9_]*");
  const std::string functionSchema =
      (std::regex_match(catalog, kPlain) ? catalog : quoteIdentifier(catalog)) + "." +
      quoteIdentifier(industry);
  const std::string select = substitute(v.sql, "{s}", quoteQualified({catalog, industry}));
  return "CREATE OR REPLACE VIEW " + qualified(catalog, schema, v.name) + " COMMENT " +
         quoteLiteral(v.comment) + " AS " + substitute(select, "{f}", functionSchema);
}

std::string createFunctionSql(const std::string& catalog, const std::string& schema,
                              const FunctionDef& f) {
  return "CREATE OR REPLACE FUNCTION " + qualified(catalog, schema, f.name) + "(" + f.params +
         ") RETURNS " + f.returns + " COMMENT " + quoteLiteral(f.comment) + " RETURN " + f.body;
}

std::string createVolumeSql(const std::string& catalog, const std::string& schema,
                            const std::string& volume, const std::string& comment) {
  return "CREATE VOLUME IF NOT EXISTS " + qualified(catalog, schema, volume) + " COMMENT " +
         quoteLiteral(comment);
}

}  // namespace clxs::generate
