#include "plugins/clone/clone_execution.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <functional>
#include <mutex>
#include <set>

#include "clxs/error.hpp"
#include "clxs/jobs.hpp"
#include "clxs/parallel.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/table_versions.hpp"
#include "plugins/clone/view_rewriter.hpp"

namespace clxs::clone {
namespace {

/// Thrown once a guardrail stopped the run: the object at hand is skipped, not failed.
struct RunAborted {};

/// Stops a run when max_duration_min or max_tables is crossed; checked between objects.
class RunGuardrails {
 public:
  RunGuardrails(const CloneOptions& options, RunClock::time_point started)
      : o_(options), started_(started) {}

  // Throws RunAborted when the run is, or now gets, stopped.
  void check(const CloneLedger& ledger) {
    if (aborted_) throw RunAborted{};
    if (o_.maxDurationMin) {
      const auto minutes = std::chrono::duration<double>(RunClock::now() - started_).count() / 60.0;
      if (minutes > *o_.maxDurationMin) abort("max_duration_min reached");
    }
    if (o_.maxTables && ledger.tablesStarted() >= *o_.maxTables) {
      abort("max_tables (" + std::to_string(*o_.maxTables) + ") reached");
    }
    if (aborted_) throw RunAborted{};
  }

  [[nodiscard]] bool aborted() const { return aborted_; }
  // Written once, before aborted_ turns true: read only after that.
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  void abort(const std::string& reason) {
    std::lock_guard lock(mu_);
    if (!aborted_) reason_ = reason;
    aborted_ = true;
  }

  const CloneOptions& o_;
  RunClock::time_point started_;
  std::mutex mu_;
  std::atomic<bool> aborted_{false};
  std::string reason_;
};

// The time travel clause of a table's clone, as the options pin it.
std::string timeTravelClause(const CloneOptions& o, const TableInfo& t) {
  if (o.icebergPhysical) return {};
  if (auto pin = o.tableVersions.find(lowerAscii(t.schema + "." + t.name));
      pin != o.tableVersions.end())
    return " VERSION AS OF " + std::to_string(pin->second);
  if (o.asOfTimestamp) return " TIMESTAMP AS OF " + quoteLiteral(*o.asOfTimestamp);
  if (o.asOfVersion) return " VERSION AS OF " + std::to_string(*o.asOfVersion);
  return {};
}

std::string clonedTblProperties(const CloneOptions& o) {
  if (o.cloneTblProperties.empty()) return {};
  std::string props;
  for (const auto& [k, v] : o.cloneTblProperties)
    props += (props.empty() ? "" : ", ") + quoteLiteral(k) + " = " + quoteLiteral(v);
  return " TBLPROPERTIES (" + props + ")";
}

// The where_clauses predicate of a table, its own before the catalog-wide one.
std::optional<std::string> tablePredicate(const CloneOptions& o, const TableInfo& t) {
  for (const auto& [key, predicate] : o.whereClauses) {
    if (key == "*") continue;
    const auto parts = splitQualified(key);
    if (lowerAscii(parts[0]) == lowerAscii(t.schema) && lowerAscii(parts[1]) == lowerAscii(t.name))
      return predicate;
  }
  if (auto it = o.whereClauses.find("*"); it != o.whereClauses.end()) return it->second;
  return std::nullopt;
}

bool isPlainSqlType(const std::string& type) {
  return !type.empty() && std::all_of(type.begin(), type.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ' ' || c == '(' ||
           c == ')' || c == ',' || c == '<' || c == '>' || c == ':';
  });
}

std::string createFunctionSql(const CloneOptions& o, const std::vector<std::string>& d,
                              const FunctionInfo& f) {
  std::string params;
  for (const auto& p : f.parameters) {
    const auto type = jsonText(p["type"]);
    if (!isPlainSqlType(type)) throw badRequest("unexpected parameter type '" + type + "'");
    params += (params.empty() ? "" : ", ") + quoteIdentifier(jsonText(p["name"])) + " " + type;
  }
  if (!isPlainSqlType(f.returnType))
    throw badRequest("unexpected return type '" + f.returnType + "'");
  std::string sql =
      "CREATE OR REPLACE FUNCTION " + quoted(d) + "(" + params + ") RETURNS " + f.returnType;
  if (o.copyComments && !f.comment.empty()) sql += " COMMENT " + quoteLiteral(f.comment);
  return sql + " RETURN " + rewriteCatalogReferences(f.body, o.sourceCatalog, o.destinationCatalog);
}

// Views in an order where each comes after the views of `plan` it reads.
std::vector<TableInfo> viewsInDependencyOrder(const ClonePlan& plan,
                                              const std::string& sourceCatalog) {
  std::map<std::string, TableInfo> byKey;
  for (const auto& p : plan.schemas) {
    for (const auto& v : p.views) byKey[lowerAscii(v.schema + "." + v.name)] = v;
  }
  std::vector<TableInfo> out;
  std::set<std::string> placed;
  std::set<std::string> visiting;
  std::function<void(const std::string&)> visit = [&](const std::string& key) {
    if (placed.count(key) != 0 || visiting.count(key) != 0) return;  // cycles: keep going
    visiting.insert(key);
    const auto& v = byKey.at(key);
    for (const auto& ref : referencedNames(v.viewText)) {
      std::string dep;
      if (ref.size() >= 3 && lowerAscii(ref[0]) == lowerAscii(sourceCatalog)) {
        dep = lowerAscii(ref[1] + "." + ref[2]);
      } else if (ref.size() == 2) {
        dep = lowerAscii(ref[0] + "." + ref[1]);
      } else if (ref.size() == 1) {
        dep = lowerAscii(v.schema + "." + ref[0]);
      }
      if (!dep.empty() && dep != key && byKey.count(dep) != 0) visit(dep);
    }
    visiting.erase(key);
    placed.insert(key);
    out.push_back(v);
  };
  for (const auto& [key, v] : byKey) visit(key);
  return out;
}

class CloneExecutor {
 public:
  CloneExecutor(const CloneRunInputs& in, MetadataCopier& copier, CloneLedger& ledger,
                RunClock::time_point started)
      : in_(in), o_(in.options), copier_(copier), ledger_(ledger), guardrails_(o_, started) {}

  ExecutionOutcome run(ClonePlan& plan) {
    createCatalog(plan);
    parallelFor(plan.schemas.size(),
                in_.runner.dryRun() ? 1 : static_cast<std::size_t>(o_.maxWorkers),
                [&](std::size_t i) { cloneSchema(plan.schemas[i]); });
    for (const auto& schema : plan.schemas) {
      functionsOf(schema);
      volumesOf(schema);
    }
    keysAndSecurity();
    views(plan);
    if (guardrails_.aborted()) out_.abortReason = guardrails_.reason();
    return std::move(out_);
  }

 private:
  // Runs one object's work, turning an error into a failed result.
  template <typename Fn>
  void object(ObjectKind kind, const std::string& name, Fn fn) {
    ObjectResult r;
    r.kind = kind;
    r.name = name;
    const auto t0 = RunClock::now();
    try {
      fn(r);
      if (r.status.empty()) r.status = "success";
    } catch (const JobCancelled&) {
      throw;
    } catch (const RunAborted&) {
      r.status = "skipped";
      r.error = "not started: " + guardrails_.reason();
    } catch (const std::exception& e) {
      r.status = "failed";
      r.error = e.what();
      in_.runner.log("FAILED " + std::string(keyword(kind)) + " " + name + ": " + e.what());
    }
    r.seconds = std::chrono::duration<double>(RunClock::now() - t0).count();
    if (!in_.runner.dryRun() && in_.store) {
      in_.store->markObject(in_.identity.jobId, kind, name, r.status, r.error);
    }
    ledger_.add(std::move(r), true);
    ledger_.report(plural(kind), name);
  }

  void guard() { guardrails_.check(ledger_); }

  void recordRollback(const RollbackEntry& e) {
    if (in_.runner.dryRun() || !in_.store || !o_.enableRollback) return;
    in_.store->record(in_.identity.rollbackId, e);
  }

  void ownerLater(const std::string& type, const std::string& owner,
                  const std::vector<std::string>& d) {
    std::lock_guard lock(mu_);
    out_.owners.push_back({type, owner, d});
  }

  void createCatalog(const ClonePlan& plan) {
    const std::vector<std::string> d{o_.destinationCatalog};
    if (plan.destinationExists) {
      in_.runner.log("Destination catalog " + quoted(d) + " exists");
      return;
    }
    recordRollback({ObjectKind::Catalog, d, false, std::nullopt, nullptr});
    std::string sql = "CREATE CATALOG IF NOT EXISTS " + quoted(d);
    if (!o_.location.empty()) sql += " MANAGED LOCATION " + quoteLiteral(o_.location);
    in_.runner.write(sql, "CREATE_CATALOG");
    std::vector<std::string> warnings;
    const std::vector<std::string> s{o_.sourceCatalog};
    copier_.comment("CATALOG", plan.sourceCatalog.comment, d, warnings);
    copier_.grants("CATALOG", s, d, warnings);
    copier_.tags("CATALOG", s, d, warnings);
    std::lock_guard lock(mu_);
    out_.catalogWarnings = warnings;
  }

  void cloneSchema(SchemaPlan& plan) {
    try {
      guard();
    } catch (const RunAborted&) {
      skipRest(plan);
      return;
    }
    if (!createSchema(plan)) {
      skipUncreatedSchema(plan);
      return;
    }
    parallelFor(plan.tables.size(),
                in_.runner.dryRun() ? 1 : static_cast<std::size_t>(o_.parallelTables),
                [&](std::size_t i) { cloneTable(plan, plan.tables[i]); });
  }

  // Whether the schema is there to clone into (its metadata may still have failed to copy).
  bool createSchema(const SchemaPlan& plan) {
    const auto& name = plan.source.name;
    bool ok = true;
    object(ObjectKind::Schema, name, [&](ObjectResult& r) {
      const std::vector<std::string> d{o_.destinationCatalog, name};
      if (plan.existsInDest) {
        r.error = "exists";
        return;
      }
      recordRollback({ObjectKind::Schema, d, false, std::nullopt, nullptr});
      try {
        in_.runner.write("CREATE SCHEMA IF NOT EXISTS " + quoted(d), "CREATE_SCHEMA");
      } catch (...) {
        ok = false;
        throw;
      }
      const std::vector<std::string> s{o_.sourceCatalog, name};
      copier_.comment("SCHEMA", plan.source.comment, d, r.warnings);
      copier_.grants("SCHEMA", s, d, r.warnings);
      copier_.tags("SCHEMA", s, d, r.warnings);
    });
    return ok;
  }

  void skipUncreatedSchema(SchemaPlan& plan) {
    const auto& name = plan.source.name;
    const std::string reason = "its schema could not be created";
    for (const auto& t : plan.tables) ledger_.skip(ObjectKind::Table, name + "." + t.name, reason);
    for (const auto& f : plan.functions)
      ledger_.skip(ObjectKind::Function, name + "." + f.name, reason);
    for (const auto& v : plan.volumes)
      ledger_.skip(ObjectKind::Volume, name + "." + v.name, reason);
    for (const auto& v : plan.views) ledger_.skip(ObjectKind::View, name + "." + v.name, reason);
    plan.tables.clear();
    plan.functions.clear();
    plan.volumes.clear();
    plan.views.clear();
  }

  void skipRest(SchemaPlan& plan) {
    const auto reason = "not started: " + guardrails_.reason();
    ledger_.skip(ObjectKind::Schema, plan.source.name, reason);
    for (const auto& t : plan.tables)
      ledger_.skip(ObjectKind::Table, t.schema + "." + t.name, reason);
    for (const auto& v : plan.views)
      ledger_.skip(ObjectKind::View, v.schema + "." + v.name, reason);
    for (const auto& f : plan.functions)
      ledger_.skip(ObjectKind::Function, plan.source.name + "." + f.name, reason);
    for (const auto& v : plan.volumes)
      ledger_.skip(ObjectKind::Volume, plan.source.name + "." + v.name, reason);
    plan.tables.clear();
    plan.views.clear();
    plan.functions.clear();
    plan.volumes.clear();
  }

  void cloneTable(const SchemaPlan& plan, const TableInfo& t) {
    const auto name = t.schema + "." + t.name;
    try {
      guard();
    } catch (const RunAborted&) {
      ledger_.skip(ObjectKind::Table, name, "not started: " + guardrails_.reason());
      return;
    }
    ledger_.tableStarted();
    object(ObjectKind::Table, name, [&](ObjectResult& r) {
      const auto d = in_.destination(t.schema, t.name);
      const auto entry = tableBefore(plan, t, d);
      recordRollback(entry);
      const auto predicate = tablePredicate(o_, t);
      const bool ctas = predicate.has_value() || o_.icebergPhysical;
      const auto rs = in_.runner.write(tableSql(t, d, predicate), ctas ? "CREATE_TABLE" : "CLONE");
      if (!in_.runner.dryRun()) {
        r.bytes = o_.cloneType == CloneType::Deep ? numberIn(rs, "copied_files_size")
                                                  : numberIn(rs, "source_table_size");
        in_.runner.log("Cloned " + quoted(in_.source(t)) + " -> " + quoted(d));
      }
      if (o_.targetFormat == "ICEBERG" && !o_.icebergPhysical) {
        in_.runner.write("ALTER TABLE " + quoted(d) +
                             " SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name', "
                             "'delta.enableIcebergCompatV2' = 'true', "
                             "'delta.universalFormat.enabledFormats' = 'iceberg')",
                         "ALTER");
      }
      copier_.tableDetails(t, d, ctas, r.warnings);
      copier_.grants("TABLE", in_.source(t), d, r.warnings);
      copier_.tags("TABLE", in_.source(t), d, r.warnings);
      std::lock_guard lock(mu_);
      out_.clonedTables.push_back(t);
      out_.tablesBefore[lowerAscii(name)] = entry;
    });
  }

  // What the destination had under the table's name before this run.
  RollbackEntry tableBefore(const SchemaPlan& plan, const TableInfo& t,
                            const std::vector<std::string>& d) {
    const auto existing = plan.destTables.find(lowerAscii(t.name));
    if (existing != plan.destTables.end() && existing->second.tableType == "VIEW") {
      throw conflict("the destination has a view named " + quoted(d));
    }
    RollbackEntry entry{ObjectKind::Table, d, existing != plan.destTables.end(), std::nullopt,
                        nullptr};
    if (entry.existed) {
      const auto history = in_.runner.call("history of " + quoted(d), [&](const CallOptions& c) {
        return in_.runner.workspace().catalog().history(ObjectName::fromParts(d), 1, c);
      });
      if (!history.empty()) entry.preVersion = history.front().version;
    }
    return entry;
  }

  std::string tableSql(const TableInfo& t, const std::vector<std::string>& d,
                       const std::optional<std::string>& predicate) const {
    const auto from = quoted(in_.source(t));
    if (o_.icebergPhysical) {
      return "CREATE OR REPLACE TABLE " + quoted(d) + " USING ICEBERG" + clonedTblProperties(o_) +
             " AS SELECT * FROM " + from + (predicate ? " WHERE (" + *predicate + ")" : "");
    }
    if (predicate) {
      return "CREATE OR REPLACE TABLE " + quoted(d) + clonedTblProperties(o_) +
             " AS SELECT * FROM " + from + timeTravelClause(o_, t) + " WHERE (" + *predicate + ")";
    }
    return "CREATE OR REPLACE TABLE " + quoted(d) +
           (o_.cloneType == CloneType::Deep ? " DEEP CLONE " : " SHALLOW CLONE ") + from +
           timeTravelClause(o_, t) + clonedTblProperties(o_);
  }

  void functionsOf(const SchemaPlan& plan) {
    for (const auto& f : plan.functions) {
      object(ObjectKind::Function, plan.source.name + "." + f.name, [&](ObjectResult& r) {
        guard();
        const auto d = in_.destination(plan.source.name, f.name);
        RollbackEntry entry{ObjectKind::Function, d, false, std::nullopt, nullptr};
        if (auto it = plan.destFunctions.find(lowerAscii(f.name)); it != plan.destFunctions.end()) {
          entry.existed = true;
          entry.previous = {{"sql", createFunctionSql(o_, d, it->second)}};
        }
        recordRollback(entry);
        in_.runner.write(createFunctionSql(o_, d, f), "CREATE_FUNCTION");
        copier_.grants("FUNCTION", {o_.sourceCatalog, plan.source.name, f.name}, d, r.warnings);
        ownerLater("FUNCTION", f.owner, d);
      });
    }
  }

  void volumesOf(const SchemaPlan& plan) {
    for (const auto& v : plan.volumes) {
      object(ObjectKind::Volume, plan.source.name + "." + v.name, [&](ObjectResult& r) {
        guard();
        const auto d = in_.destination(plan.source.name, v.name);
        const bool existed = plan.destVolumes.count(lowerAscii(v.name)) != 0;
        recordRollback({ObjectKind::Volume, d, existed, std::nullopt, nullptr});
        std::string sql = v.volumeType == "EXTERNAL" ? "CREATE EXTERNAL VOLUME IF NOT EXISTS "
                                                     : "CREATE VOLUME IF NOT EXISTS ";
        sql += quoted(d);
        if (v.volumeType == "EXTERNAL") sql += " LOCATION " + quoteLiteral(v.storageLocation);
        if (o_.copyComments && !v.comment.empty()) sql += " COMMENT " + quoteLiteral(v.comment);
        in_.runner.write(sql, "CREATE_VOLUME");
        // An external volume shares its storage; a managed one gets a copy of the files.
        if (v.volumeType != "EXTERNAL") {
          copyFiles("/Volumes/" + o_.sourceCatalog + "/" + plan.source.name + "/" + v.name,
                    "/Volumes/" + o_.destinationCatalog + "/" + plan.source.name + "/" + v.name, r);
        }
        copier_.grants("VOLUME", {o_.sourceCatalog, plan.source.name, v.name}, d, r.warnings);
        ownerLater("VOLUME", v.owner, d);
      });
    }
  }

  void copyFiles(const std::string& from, const std::string& to, ObjectResult& r) {
    auto& ws = in_.runner.workspace();
    const auto entries = in_.runner.call(
        "list " + from, [&](const CallOptions& c) { return ws.files().listDirectory(from, c); });
    for (const auto& e : entries) {
      const auto name = e.path.substr(e.path.rfind('/') + 1);
      if (e.isDirectory) {
        copyFiles(from + "/" + name, to + "/" + name, r);
        continue;
      }
      in_.runner.planAction("COPY FILE " + e.path + " TO " + to + "/" + name, "COPY_FILE");
      if (in_.runner.dryRun()) continue;
      const auto bytes = in_.runner.call(
          "read " + e.path, [&](const CallOptions& c) { return ws.files().readFile(e.path, c); });
      in_.runner.callVoid("write " + to + "/" + name, [&](const CallOptions& c) {
        ws.files().writeFile(to + "/" + name, bytes, true, c);
      });
      r.bytes = r.bytes.value_or(0) + static_cast<std::int64_t>(bytes.size());
    }
  }

  void keysAndSecurity() {
    // Keys once every table exists: a foreign key needs the table it references.
    for (const bool foreign : {false, true}) {
      for (const auto& t : out_.clonedTables) {
        std::vector<std::string> warnings;
        copier_.keys(t, in_.destination(t.schema, t.name), foreign, warnings);
        if (!warnings.empty())
          ledger_.addWarnings(ObjectKind::Table, t.schema + "." + t.name, warnings);
      }
    }
    for (const auto& t : out_.clonedTables) {
      std::vector<std::string> warnings;
      copier_.security(t, in_.destination(t.schema, t.name), warnings);
      ownerLater("TABLE", t.owner, in_.destination(t.schema, t.name));
      if (!warnings.empty())
        ledger_.addWarnings(ObjectKind::Table, t.schema + "." + t.name, warnings);
    }
  }

  void views(const ClonePlan& plan) {
    std::map<std::string, const SchemaPlan*> planOf;
    for (const auto& p : plan.schemas) planOf[lowerAscii(p.source.name)] = &p;
    for (const auto& v : viewsInDependencyOrder(plan, o_.sourceCatalog)) {
      object(ObjectKind::View, v.schema + "." + v.name, [&](ObjectResult& r) {
        guard();
        createView(*planOf.at(lowerAscii(v.schema)), v, r);
      });
    }
  }

  void createView(const SchemaPlan& plan, const TableInfo& v, ObjectResult& r) {
    const auto d = in_.destination(v.schema, v.name);
    RollbackEntry entry{ObjectKind::View, d, false, std::nullopt, nullptr};
    if (auto it = plan.destTables.find(lowerAscii(v.name)); it != plan.destTables.end()) {
      if (it->second.tableType != "VIEW") {
        throw conflict("the destination has a table named " + quoted(d));
      }
      entry.existed = true;
      entry.previous = {
          {"sql", "CREATE OR REPLACE VIEW " + quoted(d) + " AS " + it->second.viewText}};
    }
    recordRollback(entry);
    std::string sql = "CREATE OR REPLACE VIEW " + quoted(d);
    if (o_.copyComments && !v.comment.empty()) sql += " COMMENT " + quoteLiteral(v.comment);
    sql += " AS " + rewriteCatalogReferences(v.viewText, o_.sourceCatalog, o_.destinationCatalog);
    in_.runner.write(sql, "CREATE_VIEW");
    copier_.grants("TABLE", {o_.sourceCatalog, v.schema, v.name}, d, r.warnings);
    copier_.tags("TABLE", {o_.sourceCatalog, v.schema, v.name}, d, r.warnings);
    ownerLater("TABLE", v.owner, d);
  }

  const CloneRunInputs& in_;
  const CloneOptions& o_;
  MetadataCopier& copier_;
  CloneLedger& ledger_;
  RunGuardrails guardrails_;
  std::mutex mu_;  // out_, written by the schemas and tables cloned in parallel
  ExecutionOutcome out_;
};

}  // namespace

ExecutionOutcome executeClone(const CloneRunInputs& in, MetadataCopier& copier, CloneLedger& ledger,
                              ClonePlan& plan, RunClock::time_point started) {
  return CloneExecutor(in, copier, ledger, started).run(plan);
}

void handOverOwners(const CloneRunInputs& in, MetadataCopier& copier, const ClonePlan& plan,
                    ExecutionOutcome& execution) {
  const auto& o = in.options;
  for (const auto& p : plan.schemas) {
    if (!p.existsInDest) {
      execution.owners.push_back({"SCHEMA", p.source.owner, {o.destinationCatalog, p.source.name}});
    }
  }
  if (!plan.destinationExists) {
    execution.owners.push_back({"CATALOG", plan.sourceCatalog.owner, {o.destinationCatalog}});
  }
  std::vector<std::string> warnings;
  for (const auto& owner : execution.owners) {
    copier.owner(owner.type, owner.owner, owner.name, warnings);
  }
  execution.catalogWarnings.insert(execution.catalogWarnings.end(), warnings.begin(),
                                   warnings.end());
}

}  // namespace clxs::clone
