// The vocabulary of the demo-data definitions: an industry is data (tables, views, functions),
// never code, so adding one means adding a table of definitions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace clxs::generate {

/// How a column's values are generated (see demo_sql.hpp for the SQL of each kind).
enum class ColumnKind {
  Key,         ///< the table's primary key: 1..rows, unique
  ForeignKey,  ///< a key of `ref`, uniform over that table's rows at the chosen scale
  Date,        ///< a DATE within [start_date, end_date]
  Timestamp,   ///< a TIMESTAMP within [start_date, end_date)
  BirthDate,   ///< a DATE between 1940 and 2002 (independent of the request's dates)
  Money,       ///< DECIMAL(12,2) uniform in [low, high]
  Integer,     ///< INT uniform in [low, high]
  Number,      ///< DOUBLE uniform in [low, high], two decimals
  Choice,      ///< one of `ref`'s '|'-separated values (repeat a value to weight it)
  Status,      ///< like Choice; the table's lifecycle status (UPDATEs and status views use it)
  Flag,        ///< BOOLEAN, true with probability `low`
  Code,        ///< `ref` followed by the key zero-padded to `high` digits: unique per row
  FirstName,   ///< PII: a first name (agrees with LastName/FullName/Email of the same row)
  LastName,    ///< PII: a last name
  FullName,    ///< PII: "First Last"
  Email,       ///< PII: first.last<key>@domain
  Phone,       ///< PII: (NXX) 555-XXXX
  Street,      ///< PII: "123 Oak St"
  City,        ///< a US city (agrees with State of the same row)
  State,       ///< a US state code
  Zip,         ///< a five-digit ZIP code
  Ssn,         ///< PII: a 9XX-XX-XXXX number (the 9XX area is never issued)
};

/// One column of a demo table.
struct ColumnDef {
  std::string name;                   ///< column name
  ColumnKind kind = ColumnKind::Key;  ///< value generator
  std::string ref;                    ///< referenced table, choice list or code prefix
  double low = 0;                     ///< lower bound (Flag: probability of true)
  double high = 0;                    ///< upper bound (Code: digits)
  std::string comment;                ///< column comment (a default is derived when empty)
};

/// One table: base row count at scale 1.0 and its columns (the first Key column is the PK).
struct TableDef {
  std::string name;                ///< table name
  std::int64_t baseRows = 0;       ///< rows at scale_factor 1.0
  std::string comment;             ///< table comment
  std::vector<ColumnDef> columns;  ///< columns in order
  std::string partitionBy;         ///< partition column for large loads (may be empty)
};

/// A view over the industry's tables. `sql` is the SELECT; `{s}` stands for the quoted
/// industry schema (`catalog`.`industry`).
struct ViewDef {
  std::string name;     ///< view name
  std::string comment;  ///< view comment
  std::string sql;      ///< SELECT text with {s} placeholders
};

/// A SQL UDF: CREATE FUNCTION name(params) RETURNS returns COMMENT comment RETURN body.
struct FunctionDef {
  std::string name;     ///< function name
  std::string params;   ///< parameter list, e.g. "amount DECIMAL(12,2), rate DOUBLE"
  std::string returns;  ///< return type
  std::string comment;  ///< function comment
  std::string body;     ///< the RETURN expression
};

/// One industry: its schema of tables, plus hand-written views and functions (generic ones
/// are derived from the tables, see demo_plan.hpp).
struct IndustryDef {
  std::string name;                    ///< schema name, e.g. "healthcare"
  std::string description;             ///< schema comment
  std::string ownerTeam;               ///< owner_team table property
  std::vector<TableDef> tables;        ///< dimension tables first, then facts
  std::vector<ViewDef> views;          ///< industry-specific views
  std::vector<FunctionDef> functions;  ///< industry-specific functions
};

/// Column constructors that keep the industry tables compact.
namespace col {
/// The primary key.
ColumnDef key(std::string name, std::string comment = {});
/// A foreign key into `table` (whose first column is its key).
ColumnDef ref(std::string name, std::string table, std::string comment = {});
/// A date within the request's range.
ColumnDef date(std::string name, std::string comment = {});
/// A timestamp within the request's range.
ColumnDef timestamp(std::string name, std::string comment = {});
/// A date of birth.
ColumnDef birthDate(std::string name = "date_of_birth");
/// An amount in [low, high].
ColumnDef money(std::string name, double low, double high, std::string comment = {});
/// An integer in [low, high].
ColumnDef integer(std::string name, double low, double high, std::string comment = {});
/// A DOUBLE in [low, high].
ColumnDef number(std::string name, double low, double high, std::string comment = {});
/// One of the '|'-separated `values`.
ColumnDef choice(std::string name, std::string values, std::string comment = {});
/// The table's status, one of the '|'-separated `values`.
ColumnDef status(std::string name, std::string values);
/// A boolean, true with probability `p`.
ColumnDef flag(std::string name, double p, std::string comment = {});
/// `prefix` + key padded to `digits` digits.
ColumnDef code(std::string name, std::string prefix, int digits, std::string comment = {});
/// A first name.
ColumnDef firstName(std::string name = "first_name");
/// A last name.
ColumnDef lastName(std::string name = "last_name");
/// A full name.
ColumnDef fullName(std::string name);
/// An e-mail address.
ColumnDef email(std::string name = "email");
/// A phone number.
ColumnDef phone(std::string name = "phone");
/// A street address.
ColumnDef street(std::string name = "address");
/// A city.
ColumnDef city(std::string name = "city");
/// A state code.
ColumnDef state(std::string name = "state");
/// A ZIP code.
ColumnDef zip(std::string name = "zip_code");
/// A social security number.
ColumnDef ssn(std::string name = "ssn");
}  // namespace col

/// Whether values of `kind` identify a person (they get a `pii` tag and a masked view).
bool isPii(ColumnKind kind);
/// The `pii` tag value for a PII kind ("email", "phone", "name", "address", "ssn", "dob").
std::string piiTag(ColumnKind kind);

}  // namespace clxs::generate
