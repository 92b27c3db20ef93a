// The analysis plugin's implementation of the table comparison service.
#pragma once

#include <vector>

#include "clxs/services/table_comparison.hpp"

namespace clxs::analysis {

/// Serves services::TableComparer with compareTables(), summarize() and
/// evaluateThreshold().
class AnalysisTableComparer final : public services::TableComparer {
 public:
  services::TableComparison compare(Workspace& sourceWs, Workspace& destWs,
                                    const services::TablePair& pair,
                                    const services::ComparisonOptions& options,
                                    const CallOptions& call) override;
  Json summarize(const std::vector<services::TableComparison>& comparisons) override;
  Json evaluateThreshold(const Json& summary, double thresholdPct) override;
};

}  // namespace clxs::analysis
