// The bronze/silver/gold layer over an industry: raw samples with ingestion columns, cleaned
// views over them, and aggregate views over those.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plugins/generate/demo_sql.hpp"
#include "plugins/generate/industry_model.hpp"

namespace clxs::generate {

/// Schema of raw samples.
inline constexpr const char* kBronzeSchema = "bronze";
/// Schema of cleaned views.
inline constexpr const char* kSilverSchema = "silver";
/// Schema of aggregate views.
inline constexpr const char* kGoldSchema = "gold";
/// Tables per industry that get a bronze sample (the largest ones).
inline constexpr std::size_t kBronzeTablesPerIndustry = 5;

/// Name of the bronze table of `t`: <industry>_raw_<table>.
std::string bronzeName(const IndustryDef& ind, const TableDef& t);
/// Name of the silver view of `t`: <industry>_clean_<table>.
std::string silverName(const IndustryDef& ind, const TableDef& t);
/// Rows sampled into bronze: a tenth of the table, at least `minRows`.
std::int64_t bronzeRows(std::int64_t targetRows, std::int64_t minRows);

/// CTAS of the bronze sample: the table's columns plus _ingested_at, _source_file, _raw_id.
std::string bronzeTableSql(const GenContext& ctx, const IndustryDef& ind, const TableDef& t,
                           std::int64_t rows);
/// The silver view: the table's columns (without _source_file and _raw_id) and processed_at.
std::string silverViewSql(const std::string& catalog, const IndustryDef& ind, const TableDef& t);
/// Aggregate gold views over the two largest silver views: daily and per-status summaries.
std::vector<ViewDef> goldViews(const std::string& catalog, const IndustryDef& ind);

}  // namespace clxs::generate
