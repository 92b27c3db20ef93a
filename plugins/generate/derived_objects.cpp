#include "plugins/generate/derived_objects.hpp"

#include <algorithm>
#include <string>

#include "clxs/sql.hpp"
#include "plugins/generate/demo_sql.hpp"

namespace clxs::generate {
namespace {

// The masking function applied to a PII column in masked views ({f} is the schema, as
// written before a function name).
std::string maskedColumn(const ColumnDef& c) {
  const std::string col = quoteIdentifier(c.name);
  switch (c.kind) {
    case ColumnKind::Email:
      return "{f}.mask_email(" + col + ") AS " + col;
    case ColumnKind::Phone:
      return "{f}.mask_phone(" + col + ") AS " + col;
    case ColumnKind::FirstName:
    case ColumnKind::LastName:
    case ColumnKind::FullName:
      return "{f}.mask_name(" + col + ") AS " + col;
    case ColumnKind::Ssn:
      return "{f}.mask_ssn(" + col + ") AS " + col;
    case ColumnKind::Street:
      return "{f}.mask_text(" + col + ") AS " + col;
    case ColumnKind::BirthDate:
      return "{f}.mask_date(" + col + ") AS " + col;
    default:
      return col;
  }
}

bool hasPii(const TableDef& t) {
  return std::any_of(t.columns.begin(), t.columns.end(),
                     [](const ColumnDef& c) { return isPii(c.kind); });
}

bool isFact(const TableDef& t) {
  return std::any_of(t.columns.begin(), t.columns.end(),
                     [](const ColumnDef& c) { return c.kind == ColumnKind::ForeignKey; });
}

ViewDef statusView(const TableDef& t) {
  const std::string st = quoteIdentifier(statusColumn(t));
  return {t.name + "_by_" + statusColumn(t), "Rows of " + t.name + " per " + statusColumn(t),
          "SELECT " + st + ", count(*) AS records FROM {s}." + quoteIdentifier(t.name) +
              " GROUP BY " + st};
}

ViewDef monthlyView(const TableDef& t) {
  const std::string d = quoteIdentifier(dateColumn(t));
  const std::string money = moneyColumn(t);
  std::string select = "SELECT year(" + d + ") AS yr, month(" + d + ") AS mo, count(*) AS records";
  if (!money.empty()) {
    select += ", sum(" + quoteIdentifier(money) + ") AS " + quoteIdentifier("total_" + money);
  }
  return {t.name + "_monthly", "Monthly activity of " + t.name,
          select + " FROM {s}." + quoteIdentifier(t.name) + " GROUP BY year(" + d + "), month(" +
              d + ")"};
}

ViewDef maskedView(const TableDef& t) {
  std::string cols;
  for (const auto& c : t.columns) cols += (cols.empty() ? "" : ", ") + maskedColumn(c);
  return {t.name + "_masked", t.name + " with personal data masked",
          "SELECT " + cols + " FROM {s}." + quoteIdentifier(t.name)};
}

}  // namespace

std::vector<FunctionDef> genericFunctions() {
  return {
      {"mask_email", "email STRING", "STRING", "Keeps the first letter and the domain",
       "CASE WHEN email IS NULL THEN NULL "
       "ELSE concat(left(email, 1), '***@', split_part(email, '@', 2)) END"},
      {"mask_phone", "phone STRING", "STRING", "Keeps the last four digits",
       "CASE WHEN phone IS NULL THEN NULL ELSE concat('***-***-', right(phone, 4)) END"},
      {"mask_name", "name STRING", "STRING", "Keeps the first letter of a name",
       "CASE WHEN name IS NULL THEN NULL "
       "ELSE concat(left(name, 1), repeat('*', greatest(length(name) - 1, 0))) END"},
      {"mask_ssn", "ssn STRING", "STRING", "Keeps the last four digits of an SSN",
       "CASE WHEN ssn IS NULL THEN NULL ELSE concat('***-**-', right(ssn, 4)) END"},
      {"mask_text", "value STRING", "STRING", "Redacts a free-text value",
       "CASE WHEN value IS NULL THEN NULL ELSE '[REDACTED]' END"},
      {"mask_date", "d DATE", "DATE", "Keeps only the year of a date", "make_date(year(d), 1, 1)"},
      {"amount_band", "amount DECIMAL(12,2)", "STRING", "Size band of an amount",
       "CASE WHEN amount < 100 THEN 'small' WHEN amount < 1000 THEN 'medium' "
       "WHEN amount < 10000 THEN 'large' ELSE 'very_large' END"},
      {"fiscal_quarter", "d DATE", "STRING", "Fiscal quarter label (FY2024-Q3)",
       "concat('FY', CAST(year(d) AS STRING), '-Q', CAST(quarter(d) AS STRING))"},
      {"year_month", "d DATE", "STRING", "Year and month (2024-07)",
       "concat(CAST(year(d) AS STRING), '-', lpad(CAST(month(d) AS STRING), 2, '0'))"},
      {"days_between", "start_date DATE, end_date DATE", "INT", "Days from start to end",
       "datediff(end_date, start_date)"},
      {"age_years", "dob DATE", "INT", "Age in whole years",
       "CAST(floor(datediff(current_date(), dob) / 365.25) AS INT)"},
      {"safe_divide", "numerator DOUBLE, denominator DOUBLE", "DOUBLE",
       "Division that answers NULL for a zero denominator",
       "CASE WHEN denominator IS NULL OR denominator = 0 THEN NULL "
       "ELSE numerator / denominator END"},
      {"pct_change", "old_value DOUBLE, new_value DOUBLE", "DOUBLE", "Change in percent",
       "CASE WHEN old_value IS NULL OR old_value = 0 THEN NULL "
       "ELSE round((new_value - old_value) * 100.0 / old_value, 2) END"},
      {"clamp_value", "x DOUBLE, lo DOUBLE, hi DOUBLE", "DOUBLE", "x limited to [lo, hi]",
       "least(greatest(x, lo), hi)"},
      {"surrogate_key", "id BIGINT", "STRING", "A stable SHA-256 surrogate of a key",
       "sha2(CAST(id AS STRING), 256)"},
  };
}

std::vector<FunctionDef> industryFunctions(const IndustryDef& ind) {
  std::vector<FunctionDef> out = ind.functions;
  for (auto& f : genericFunctions()) out.push_back(std::move(f));
  if (out.size() > kObjectsPerIndustry) out.resize(kObjectsPerIndustry);
  return out;
}

std::vector<ViewDef> industryViews(const IndustryDef& ind, bool withFunctions) {
  std::vector<ViewDef> out = ind.views;
  std::vector<ViewDef> derived;
  // In order of interest, since only the first ones fit: masked views (governance demos),
  // activity of the largest facts, then status counts.
  if (withFunctions) {
    for (const auto& t : ind.tables) {
      if (hasPii(t)) derived.push_back(maskedView(t));
    }
  }
  for (const auto* t : largestTables(ind, ind.tables.size())) {
    if (isFact(*t) && !dateColumn(*t).empty()) derived.push_back(monthlyView(*t));
  }
  for (const auto& t : ind.tables) {
    if (!statusColumn(t).empty()) derived.push_back(statusView(t));
  }
  for (auto& v : derived) {
    if (out.size() >= kObjectsPerIndustry) break;
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<const TableDef*> largestTables(const IndustryDef& ind, std::size_t n) {
  std::vector<const TableDef*> all;
  for (const auto& t : ind.tables) all.push_back(&t);
  std::stable_sort(all.begin(), all.end(),
                   [](const TableDef* a, const TableDef* b) { return a->baseRows > b->baseRows; });
  if (all.size() > n) all.resize(n);
  return all;
}

}  // namespace clxs::generate
