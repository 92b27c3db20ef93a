// A table's column profile (Deep Profiling › POST /api/profile-table): row count and, per
// column, nulls, distinct values, min/max/avg (numbers, dates), string lengths, a histogram of
// numbers and the most frequent values. One query reads every column's statistics; each
// histogram and top-values list is one more bounded query.
#pragma once

#include <cstdint>
#include <string>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::quality {

/// How to profile.
struct ProfileOptions {
  std::int64_t sampleLimit = 0;     ///< rows read (0: the whole table)
  std::int64_t topN = 10;           ///< most frequent values kept
  std::int64_t histogramBins = 20;  ///< buckets of a numeric histogram
  bool distributions = true;        ///< histograms and top values (one query each per column)
};

/// {table_fqn, row_count, profiled_at, columns[{column_name, data_type, null_count, null_pct,
/// distinct_count, distinct_pct, min, max, avg, min_length, max_length, avg_length,
/// histogram, top_values, error}]}; statistics that do not apply to a column are null.
/// Percentages are 0–100. `at` is the profile's time (ISO-8601).
Json profileTable(Workspace& ws, const std::string& tableFqn, const ProfileOptions& options,
                  const CallOptions& call, const std::string& at);

/// The same profile of the rows one query gives, `table_fqn` "(query)". `sql` must be one
/// SELECT (or WITH … SELECT, VALUES): anything else is a 400 and nothing runs. The query is
/// read as a subquery of the statistics query (and of each histogram and top-values query);
/// its rows never reach the server. sample_limit is not used.
Json profileQuery(Workspace& ws, const std::string& sql, const ProfileOptions& options,
                  const CallOptions& call, const std::string& at);

}  // namespace clxs::quality
