#include "plugins/observability/request_values.hpp"

#include <algorithm>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"

namespace clxs::observability {

CallOptions callOptions(const Request& req, const Clock& clock, std::chrono::seconds deadline) {
  CallOptions c;
  c.deadline = clock.steadyNow() + deadline;
  c.warehouseId = req.credentials().warehouseId;
  return c;
}

ObjectName tableNameOf(const std::string& fqn) {
  const auto parts = splitQualified(fqn);
  if (parts.size() != 3 ||
      std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.empty(); })) {
    throw badRequest("table_fqn must name a table as catalog.schema.table, not '" + fqn + "'");
  }
  return {parts[0], parts[1], parts[2]};
}

std::string queryText(const Request& req, const char* name) {
  const Json& q = req.query();
  if (!q.is_object()) return {};
  const auto it = q.find(name);
  return it != q.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double queryNumber(const Request& req, const char* name, double fallback) {
  const Json& q = req.query();
  if (!q.is_object()) return fallback;
  const auto it = q.find(name);
  return it != q.end() && it->is_number() ? it->get<double>() : fallback;
}

std::optional<double> numberOf(const Json& cell) {
  if (cell.is_number()) return cell.get<double>();
  if (!cell.is_string()) return std::nullopt;
  try {
    std::size_t used = 0;
    const auto text = cell.get<std::string>();
    const double v = std::stod(text, &used);
    return used == text.size() ? std::optional<double>(v) : std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace clxs::observability
