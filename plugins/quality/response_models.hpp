// The quality routes' response models, for OpenAPI (/openapi.json) and the admin view.
#pragma once

#include <string>

#include "clxs/model.hpp"

namespace clxs::quality {

/// A check function of GET …/dqx/functions.
Model functionModel();
/// A stored DQX check.
Model checkModel();
/// {status, <idField>} and any extra integer/boolean fields the route names.
Model statusModel(const std::string& name, const std::string& idField);
/// A DQX run result.
Model runModel();
/// An entry of the checks' audit log.
Model auditModel();
/// A stored data-quality rule.
Model ruleModel();
/// One rule's result of a run.
Model ruleResultModel();
/// A day of one rule's history.
Model historyModel();
/// A suite with its items.
Model suiteModel();
/// GET …/suites: {suites: [...]}.
Model suiteListModel();
/// A suite run.
Model suiteRunModel();
/// The quality gate's verdict.
Model gateModel();
/// POST …/checks/delete-bulk's answer.
Model bulkDeleteModel();

}  // namespace clxs::quality
