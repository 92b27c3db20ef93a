#include "plugins/clone/metadata_copy.hpp"

#include <algorithm>
#include <cctype>

#include "clxs/jobs.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::clone {
namespace {

// Property keys that belong to the engine, not to the user; the clone sets its own.
bool engineProperty(const std::string& key) {
  for (const char* prefix : {"delta.", "spark.", "option.", "clusteringColumns"}) {
    if (key.rfind(prefix, 0) == 0) return true;
  }
  return key == "transient_lastDdlTime";
}

std::vector<std::string> commaList(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    auto item = s.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

// Privileges cannot be quoted in GRANT, so only plain upper-case words pass.
bool isPrivilegeName(const std::string& p) {
  if (p.empty() || p.front() == ' ') return false;
  return std::all_of(p.begin(), p.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || c == '_' || c == ' '; });
}

}  // namespace

std::string quoted(const std::vector<std::string>& parts) {
  return quoteQualified(parts);
}

MetadataCopier::MetadataCopier(StatementRunner& runner, const CloneOptions& options)
    : runner_(runner), options_(options) {
  currentUser_ = runner_.call("current user", [&](const CallOptions& o) {
    return runner_.workspace().identity().currentUser(o);
  });
}

void MetadataCopier::attempt(const std::string& what, const std::function<void()>& fn,
                             std::vector<std::string>& warnings) {
  try {
    fn();
  } catch (const JobCancelled&) {
    throw;
  } catch (const std::exception& e) {
    warnings.push_back(what + ": " + e.what());
    runner_.log("WARN " + what + ": " + e.what());
  }
}

void MetadataCopier::grants(const std::string& type, const std::vector<std::string>& src,
                            const std::vector<std::string>& dst,
                            std::vector<std::string>& warnings) {
  if (!options_.copyPermissions) return;
  attempt(
      "copy grants of " + quoted(dst),
      [&] {
        const auto list = runner_.call("SHOW GRANTS " + quoted(src), [&](const CallOptions& o) {
          return runner_.workspace().catalog().grants(type, quoted(src), o);
        });
        for (const auto& g : list) {
          // Inherited grants are listed on children too; they are copied where they are set.
          if (!sameName(g.objectType, type)) continue;
          if (!isPrivilegeName(g.privilege)) {
            warnings.push_back("skipped privilege '" + g.privilege + "' on " + quoted(dst) +
                               ": not a privilege name");
            continue;
          }
          runner_.write("GRANT " + g.privilege + " ON " + type + " " + quoted(dst) + " TO " +
                            quoteIdentifier(g.principal),
                        "GRANT");
        }
      },
      warnings);
}

void MetadataCopier::tags(const std::string& type, const std::vector<std::string>& src,
                          const std::vector<std::string>& dst, std::vector<std::string>& warnings) {
  if (!options_.copyTags) return;
  attempt(
      "copy tags of " + quoted(dst),
      [&] {
        const auto list = runner_.call("tags of " + quoted(src), [&](const CallOptions& o) {
          return runner_.workspace().catalog().tags(type, quoted(src), o);
        });
        for (const auto& t : list) {
          const std::string pair = quoteLiteral(t.key) + " = " + quoteLiteral(t.value);
          if (t.column.empty()) {
            runner_.write("ALTER " + type + " " + quoted(dst) + " SET TAGS (" + pair + ")",
                          "ALTER");
          } else {
            runner_.write("ALTER TABLE " + quoted(dst) + " ALTER COLUMN " +
                              quoteIdentifier(t.column) + " SET TAGS (" + pair + ")",
                          "ALTER");
          }
        }
      },
      warnings);
}

void MetadataCopier::owner(const std::string& type, const std::string& owner,
                           const std::vector<std::string>& dst,
                           std::vector<std::string>& warnings) {
  if (!options_.copyOwnership || owner.empty()) return;
  if (sameName(owner, "system user") || sameName(owner, "system") || owner == currentUser_) {
    return;
  }
  attempt(
      "set owner of " + quoted(dst),
      [&] {
        runner_.write("ALTER " + type + " " + quoted(dst) + " OWNER TO " + quoteIdentifier(owner),
                      "ALTER");
      },
      warnings);
}

void MetadataCopier::comment(const std::string& type, const std::string& text,
                             const std::vector<std::string>& dst,
                             std::vector<std::string>& warnings) {
  if (!options_.copyComments || text.empty()) return;
  attempt(
      "copy comment of " + quoted(dst),
      [&] {
        runner_.write("COMMENT ON " + type + " " + quoted(dst) + " IS " + quoteLiteral(text),
                      "ALTER");
      },
      warnings);
}

void MetadataCopier::tableDetails(const TableInfo& src, const std::vector<std::string>& dst,
                                  bool ctas, std::vector<std::string>& warnings) {
  if (options_.copyProperties) {
    std::string props;
    for (const auto& [key, value] : src.properties.items()) {
      if (engineProperty(key)) continue;
      props += (props.empty() ? "" : ", ") + quoteLiteral(key) + " = " +
               quoteLiteral(value.is_string() ? value.get<std::string>() : value.dump());
    }
    if (!props.empty()) {
      attempt(
          "copy properties of " + quoted(dst),
          [&] {
            runner_.write("ALTER TABLE " + quoted(dst) + " SET TBLPROPERTIES (" + props + ")",
                          "ALTER");
          },
          warnings);
    }
  }
  if (options_.copyComments) {
    if (!src.comment.empty()) comment("TABLE", src.comment, dst, warnings);
    for (const auto& c : src.columns) {
      if (c.comment.empty()) continue;
      attempt(
          "copy comment of column " + c.name + " of " + quoted(dst),
          [&] {
            runner_.write("ALTER TABLE " + quoted(dst) + " ALTER COLUMN " +
                              quoteIdentifier(c.name) + " COMMENT " + quoteLiteral(c.comment),
                          "ALTER");
          },
          warnings);
    }
  }
  // A CLONE carries CHECK constraints (they are Delta properties); a CTAS does not.
  if (options_.copyConstraints && ctas) {
    static constexpr std::string_view kPrefix = "delta.constraints.";
    for (const auto& [key, value] : src.properties.items()) {
      if (key.rfind(kPrefix, 0) != 0 || !value.is_string()) continue;
      const auto name = key.substr(kPrefix.size());
      const auto check = value.get<std::string>();
      attempt(
          "copy constraint " + name + " of " + quoted(dst),
          [&] {
            runner_.write("ALTER TABLE " + quoted(dst) + " ADD CONSTRAINT " +
                              quoteIdentifier(name) + " CHECK (" + check + ")",
                          "ALTER");
          },
          warnings);
    }
  }
}

void MetadataCopier::loadKeys() {
  if (!options_.copyConstraints) return;
  const auto cat = quoteIdentifier(options_.sourceCatalog);
  tableConstraints_ = runner_.read(
      "SELECT constraint_schema, constraint_name, table_schema, table_name, constraint_type "
      "FROM " +
      cat + ".information_schema.table_constraints");
  keyColumns_ = runner_.read(
      "SELECT constraint_schema, constraint_name, column_name, ordinal_position FROM " + cat +
      ".information_schema.key_column_usage ORDER BY constraint_schema, constraint_name, "
      "ordinal_position");
  referencedColumns_ = runner_.read(
      "SELECT constraint_schema, constraint_name, table_catalog, table_schema, table_name, "
      "column_name FROM " +
      cat + ".information_schema.constraint_column_usage");
}

void MetadataCopier::keys(const TableInfo& src, const std::vector<std::string>& dst, bool foreign,
                          std::vector<std::string>& warnings) {
  if (!options_.copyConstraints) return;
  const std::string wanted = foreign ? "FOREIGN KEY" : "PRIMARY KEY";
  for (const auto& c : tableConstraints_.rows) {
    if (c.size() < 5 || !sameName(jsonText(c[2]), src.schema) ||
        !sameName(jsonText(c[3]), src.name) || jsonText(c[4]) != wanted) {
      continue;
    }
    const auto schema = jsonText(c[0]);
    const auto name = jsonText(c[1]);
    auto same = [&](const std::vector<Json>& row) {
      return sameName(jsonText(row[0]), schema) && jsonText(row[1]) == name;
    };
    std::string cols;
    for (const auto& k : keyColumns_.rows) {
      if (same(k)) cols += (cols.empty() ? "" : ", ") + quoteIdentifier(jsonText(k[2]));
    }
    std::string sql = "ALTER TABLE " + quoted(dst) + " ADD CONSTRAINT " + quoteIdentifier(name) +
                      " " + wanted + " (" + cols + ")";
    if (foreign) {
      std::vector<std::string> target;
      std::string refCols;
      for (const auto& r : referencedColumns_.rows) {
        if (!same(r)) continue;
        if (target.empty()) target = {jsonText(r[2]), jsonText(r[3]), jsonText(r[4])};
        refCols += (refCols.empty() ? "" : ", ") + quoteIdentifier(jsonText(r[5]));
      }
      if (target.empty()) continue;
      if (sameName(target[0], options_.sourceCatalog)) target[0] = options_.destinationCatalog;
      sql += " REFERENCES " + quoted(target) + " (" + refCols + ")";
    }
    attempt(
        "copy constraint " + name + " of " + quoted(dst), [&] { runner_.write(sql, "ALTER"); },
        warnings);
  }
}

void MetadataCopier::loadSecurity() {
  if (!options_.copySecurity) return;
  const auto cat = quoteIdentifier(options_.sourceCatalog);
  rowFilters_ = runner_.read("SELECT table_schema, table_name, filter_name, target_columns FROM " +
                             cat + ".information_schema.row_filters");
  columnMasks_ =
      runner_.read("SELECT table_schema, table_name, column_name, mask_name, using_columns FROM " +
                   cat + ".information_schema.column_masks");
}

std::vector<std::string> MetadataCopier::remap(const std::string& functionName) const {
  auto parts = splitQualified(functionName);
  if (parts.size() == 3 && sameName(parts[0], options_.sourceCatalog)) {
    parts[0] = options_.destinationCatalog;
  }
  return parts;
}

void MetadataCopier::security(const TableInfo& src, const std::vector<std::string>& dst,
                              std::vector<std::string>& warnings) {
  if (!options_.copySecurity) return;
  auto matches = [&](const ResultSet& rs, const std::vector<Json>& row) {
    const auto s = rs.columnIndex("table_schema");
    const auto t = rs.columnIndex("table_name");
    return s && t && sameName(jsonText(row[*s]), src.schema) &&
           sameName(jsonText(row[*t]), src.name);
  };
  for (const auto& row : rowFilters_.rows) {
    if (!matches(rowFilters_, row)) continue;
    attempt(
        "copy row filter of " + quoted(dst),
        [&] {
          std::string cols;
          for (const auto& c : commaList(jsonText(row[3])))
            cols += (cols.empty() ? "" : ", ") + quoteIdentifier(c);
          runner_.write("ALTER TABLE " + quoted(dst) + " SET ROW FILTER " +
                            quoted(remap(jsonText(row[2]))) + " ON (" + cols + ")",
                        "ALTER");
        },
        warnings);
  }
  for (const auto& row : columnMasks_.rows) {
    if (!matches(columnMasks_, row)) continue;
    attempt(
        "copy column mask of " + quoted(dst),
        [&] {
          std::string sql = "ALTER TABLE " + quoted(dst) + " ALTER COLUMN " +
                            quoteIdentifier(jsonText(row[2])) + " SET MASK " +
                            quoted(remap(jsonText(row[3])));
          const auto using_ = commaList(jsonText(row[4]));
          if (!using_.empty()) {
            std::string cols;
            for (const auto& c : using_) cols += (cols.empty() ? "" : ", ") + quoteIdentifier(c);
            sql += " USING COLUMNS (" + cols + ")";
          }
          runner_.write(sql, "ALTER");
        },
        warnings);
  }
}

}  // namespace clxs::clone
