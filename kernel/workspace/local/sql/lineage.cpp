// Column lineage: which source columns feed each target column of a CTAS, INSERT ... SELECT,
// MERGE or clone. The translated query is parsed by DuckDB (json_serialize_sql) and the
// column references of each select-list entry are traced to the tables the query read;
// what the parse cannot attribute (stars, set operations, CTEs) falls back to equal names.
#include <set>

#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

namespace {

void collectColumnRefs(const Json& node, std::vector<std::vector<std::string>>& out) {
  if (node.is_object()) {
    if (node.value("class", "") == "COLUMN_REF" && node.contains("column_names")) {
      std::vector<std::string> names;
      for (const auto& n : node["column_names"]) names.push_back(lowerAscii(n.get<std::string>()));
      out.push_back(std::move(names));
      return;
    }
    // Subqueries inside an expression read their own relations; their references still
    // point at columns of the sources, which is what lineage wants.
    for (const auto& [k, v] : node.items()) collectColumnRefs(v, out);
  } else if (node.is_array()) {
    for (const auto& v : node) collectColumnRefs(v, out);
  }
}

}  // namespace

void StatementExecutor::recordColumnLineage(const ObjectName& target, const std::string& duckSelect,
                                            const std::vector<std::string>& targetColumns) {
  if (relationAliases_.empty()) return;
  std::set<std::tuple<std::string, std::string, std::string>> edges;  // source, col, target col
  auto sourcesOf = [&](const std::vector<std::string>& ref) {
    std::vector<std::pair<std::string, std::string>> found;  // table, column
    const auto& column = ref.back();
    for (const auto& a : relationAliases_) {
      if (ref.size() >= 2 && ref[ref.size() - 2] != a.alias) continue;
      for (const auto& c : a.columns) {
        if (lowerAscii(c) == column) found.emplace_back(a.table, c);
      }
    }
    return found;
  };
  std::vector<bool> mapped(targetColumns.size(), false);
  try {
    const auto parsed = duck("SELECT json_serialize_sql(" + duckdbLiteral(duckSelect) + ")");
    const auto tree = Json::parse(parsed.rows.at(0).at(0).get<std::string>());
    const auto& node = tree.at("statements").at(0).at("node");
    if (!tree.value("error", true) && node.value("type", "") == "SELECT_NODE" &&
        node.value("cte_map", Json::object()).value("map", Json::array()).empty()) {
      const auto& list = node.at("select_list");
      for (std::size_t i = 0; i < list.size() && i < targetColumns.size(); ++i) {
        if (list[i].value("class", "") == "STAR") break;  // positions after a star are unknown
        std::vector<std::vector<std::string>> refs;
        collectColumnRefs(list[i], refs);
        for (const auto& ref : refs) {
          for (const auto& [table, col] : sourcesOf(ref))
            edges.emplace(table, col, targetColumns[i]);
        }
        mapped[i] = true;
      }
    }
  } catch (const std::exception&) {
    // Lineage is best effort: a query DuckDB cannot serialise keeps the name fallback.
  }
  for (std::size_t i = 0; i < targetColumns.size(); ++i) {
    if (mapped[i]) continue;
    for (const auto& [table, col] : sourcesOf({lowerAscii(targetColumns[i])})) {
      edges.emplace(table, col, targetColumns[i]);
    }
  }
  for (const auto& [table, col, targetCol] : edges) {
    columnLineage_.push_back({table, col, target.full(), targetCol});
  }
}

}  // namespace clxs::kernel
