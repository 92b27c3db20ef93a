// Copying what a CLONE does not carry: grants, owners, tags, properties, comments, CHECK
// constraints, row filters and column masks.
#pragma once

#include <string>
#include <vector>

#include "clxs/workspace.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/statement_runner.hpp"

namespace clxs::clone {

/// Dotted names with each part quoted.
std::string quoted(const std::vector<std::string>& parts);

/// Copies metadata of one securable from source to destination, as the options ask.
/// Failures are collected as warnings; they never fail the object itself.
class MetadataCopier {
 public:
  /// Copies with `runner`, from catalog `source` into `destination`.
  MetadataCopier(StatementRunner& runner, const CloneOptions& options);

  /// Grants on a securable (`type` is CATALOG, SCHEMA, TABLE, VIEW, FUNCTION or VOLUME).
  void grants(const std::string& type, const std::vector<std::string>& src,
              const std::vector<std::string>& dst, std::vector<std::string>& warnings);
  /// Tags on a catalog, schema or table (with its column tags).
  void tags(const std::string& type, const std::vector<std::string>& src,
            const std::vector<std::string>& dst, std::vector<std::string>& warnings);
  /// The owner, unless it is a system principal or the current user.
  void owner(const std::string& type, const std::string& owner, const std::vector<std::string>& dst,
             std::vector<std::string>& warnings);
  /// Table properties (user keys only), comments, and CHECK constraints when `ctas`.
  void tableDetails(const TableInfo& src, const std::vector<std::string>& dst, bool ctas,
                    std::vector<std::string>& warnings);
  /// A comment on a catalog, schema or volume.
  void comment(const std::string& type, const std::string& text,
               const std::vector<std::string>& dst, std::vector<std::string>& warnings);

  /// Primary and foreign keys of the source catalog, read once (a CLONE does not carry
  /// these Unity Catalog constraints).
  void loadKeys();
  /// Adds the source table's primary key (`foreign` false) or its foreign keys (true); a
  /// foreign key into the source catalog references the destination catalog instead.
  void keys(const TableInfo& src, const std::vector<std::string>& dst, bool foreign,
            std::vector<std::string>& warnings);

  /// Row filters and column masks of the source catalog, read once.
  void loadSecurity();
  /// Applies the source table's row filter and column masks (functions of the source
  /// catalog are mapped to the destination catalog).
  void security(const TableInfo& src, const std::vector<std::string>& dst,
                std::vector<std::string>& warnings);

 private:
  void attempt(const std::string& what, const std::function<void()>& fn,
               std::vector<std::string>& warnings);
  [[nodiscard]] std::vector<std::string> remap(const std::string& functionName) const;

  StatementRunner& runner_;
  const CloneOptions& options_;
  std::string currentUser_;
  ResultSet tableConstraints_;
  ResultSet keyColumns_;
  ResultSet referencedColumns_;
  ResultSet rowFilters_;
  ResultSet columnMasks_;
};

}  // namespace clxs::clone
