// The whole generation as data: phases of statement chains, computed up front from the
// request, so progress has a true total and the SQL can be tested without a workspace.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plugins/generate/demo_request.hpp"
#include "plugins/generate/demo_sql.hpp"
#include "plugins/generate/industry_model.hpp"

namespace clxs::generate {

/// Fewest rows a table gets, however small the scale (keeps every table and FK non-empty).
inline constexpr std::int64_t kMinRows = 10;
/// Rows of each sample file written into a volume.
inline constexpr std::int64_t kSampleFileRows = 100;
/// Tables per industry whose samples are written into its volume.
inline constexpr std::size_t kSampleTablesPerIndustry = 3;
/// Tables per industry whose status is updated twice to give them version history.
inline constexpr std::size_t kHistoryTablesPerIndustry = 2;

/// What a step does.
enum class StepKind {
  Sql,          ///< runs `sql`
  WriteSample,  ///< runs `sql` (a SELECT) and writes the rows to `path`.csv and `path`.json
  WriteFile,    ///< writes `content` to `path`
};

/// Which result counter a successful step increments.
enum class Counter { None, Schema, Table, View, Function, Volume, Rows };

/// One unit of work.
struct Step {
  StepKind kind = StepKind::Sql;   ///< what it does
  std::string sql;                 ///< statement (Sql, WriteSample)
  std::string label;               ///< short description for progress, logs and errors
  std::string object;              ///< the object it creates or changes (catalog.schema.name)
  Counter counts = Counter::None;  ///< counter to increment on success
  std::int64_t rows = 0;           ///< rows an INSERT is planned to add
  std::string table;               ///< industry.table an INSERT fills (for tables_done)
  std::string path;                ///< /Volumes/... file (WriteFile) or path prefix (WriteSample)
  std::string content;             ///< file contents (WriteFile)
};

/// Steps that must run in order (e.g. a table's DDL, then its constraints).
using Chain = std::vector<Step>;

/// Chains that may run in parallel; phases run one after another.
struct Phase {
  std::string industry;       ///< industry it belongs to (empty for catalog-wide phases)
  std::string name;           ///< "catalog", "tables", "keys", "data", ...
  std::vector<Chain> chains;  ///< independent chains
  bool fatal = false;         ///< a failure here stops the job (nothing after it can work)
};

/// Everything a request will do.
struct Plan {
  std::vector<Phase> phases;     ///< in execution order
  std::int64_t totalSteps = 0;   ///< steps in all phases
  std::int64_t tablesTotal = 0;  ///< industry tables to fill
  std::int64_t plannedRows = 0;  ///< rows all INSERTs will add
};

/// Rows of a table at `scale`: floor(base * scale), at least kMinRows.
std::int64_t targetRows(std::int64_t baseRows, double scale);

/// Splits `rows` into batches of at most `batchSize` (the last one takes the remainder).
std::vector<Batch> splitBatches(std::int64_t rows, std::int64_t batchSize);

/// The context of a request: dates, span and the target rows and keys of its tables.
GenContext makeContext(const DemoRequest& request);

/// The plan of a request.
Plan buildPlan(const DemoRequest& request);

/// The /Volumes/<catalog>/<schema>/<volume> path of a volume.
std::string volumePath(const std::string& catalog, const std::string& schema,
                       const std::string& volume);

}  // namespace clxs::generate
