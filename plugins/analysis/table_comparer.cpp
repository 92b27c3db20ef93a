#include "plugins/analysis/table_comparer.hpp"

#include "plugins/analysis/catalog_validation.hpp"
#include "plugins/analysis/table_comparison.hpp"

namespace clxs::analysis {

services::TableComparison AnalysisTableComparer::compare(Workspace& sourceWs, Workspace& destWs,
                                                         const services::TablePair& pair,
                                                         const services::ComparisonOptions& options,
                                                         const CallOptions& call) {
  return compareTables(sourceWs, destWs, pair, options, call);
}

Json AnalysisTableComparer::summarize(const std::vector<services::TableComparison>& comparisons) {
  return analysis::summarize(comparisons);
}

Json AnalysisTableComparer::evaluateThreshold(const Json& summary, double thresholdPct) {
  return analysis::evaluateThreshold(summary, thresholdPct);
}

}  // namespace clxs::analysis
