#include "plugins/clone/clone_run.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <exception>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "clxs/error.hpp"
#include "clxs/jobs.hpp"
#include "clxs/parallel.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/metadata_copy.hpp"
#include "plugins/clone/table_versions.hpp"
#include "plugins/clone/view_rewriter.hpp"

namespace clxs::clone {
namespace {

using Clock = std::chrono::steady_clock;

/// The outcome of one object.
struct ObjectResult {
  ObjectKind kind = ObjectKind::Table;
  std::string name;    // schema.object (schema for schemas, catalog for the catalog)
  std::string status;  // success, failed, skipped
  std::string error;   // failure text or skip reason
  double seconds = 0;
  std::optional<std::int64_t> bytes;
  std::vector<std::string> warnings;
};

struct SchemaPlan {
  SchemaInfo source;
  bool existsInDest = false;
  std::vector<TableInfo> tables;
  std::vector<TableInfo> views;
  std::vector<FunctionInfo> functions;
  std::vector<VolumeInfo> volumes;
  std::map<std::string, TableInfo> destTables;  // by lower-case name (views included)
  std::map<std::string, FunctionInfo> destFunctions;
  std::set<std::string> destVolumes;
};

class CloneRun {
 public:
  CloneRun(const CloneOptions& o, StatementRunner& runner, CloneStore* store, const RunIdentity& id,
           const ProgressFn& progress, services::TableComparer* comparer)
      : o_(o),
        runner_(runner),
        store_(store),
        comparer_(comparer),
        id_(id),
        progress_(progress),
        copier_(runner, o) {
    if (o.validateAfterClone && comparer == nullptr) {
      throw std::logic_error("validate_after_clone needs the table comparison service");
    }
    RE2::Options re;
    re.set_log_errors(false);
    if (!o.includeTablesRegex.empty()) include_ = std::make_unique<RE2>(o.includeTablesRegex, re);
    if (!o.excludeTablesRegex.empty()) exclude_ = std::make_unique<RE2>(o.excludeTablesRegex, re);
  }

  Json run() {
    started_ = Clock::now();
    for (const auto& w : o_.warnings) runner_.log("WARN " + w);
    discover();
    // Writes to the source are blocked for the run and allowed again however it ends.
    struct RegrantOnExit {
      CloneRun& run;
      ~RegrantOnExit() { run.regrant(); }
    } regrantOnExit{*this};
    if (o_.quiesceSource) quiesce();
    createCatalog();
    parallelFor(plans_.size(), runner_.dryRun() ? 1 : static_cast<std::size_t>(o_.maxWorkers),
                [&](std::size_t i) { cloneSchema(plans_[i]); });
    for (auto& plan : plans_) {
      functionsOf(plan);
      volumesOf(plan);
    }
    security();
    views();
    checks();
    deferredOwners();
    regrant();
    return result();
  }

 private:
  // ---- discovery ----------------------------------------------------------------------

  bool excludedSchema(const std::string& name) const {
    const auto n = lowerAscii(name);
    if (n == "information_schema") return true;
    for (const auto& e : o_.excludeSchemas) {
      if (lowerAscii(e) == n) return true;
    }
    if (!o_.includeSchemas.empty()) {
      bool listed = false;
      for (const auto& s : o_.includeSchemas) listed = listed || lowerAscii(s) == n;
      if (!listed) return true;
    }
    if (!o_.includeObjects.empty()) {
      bool listed = false;
      for (const auto& obj : o_.includeObjects) listed = listed || lowerAscii(obj.schemaName) == n;
      if (!listed) return true;
    }
    return false;
  }

  // Why an object is left out, or empty when it is cloned.
  std::string filterReason(ObjectKind kind, const std::string& schema,
                           const std::string& name) const {
    if (!o_.includeObjects.empty()) {
      bool listed = false;
      for (const auto& obj : o_.includeObjects) {
        listed = listed || (lowerAscii(obj.schemaName) == lowerAscii(schema) &&
                            lowerAscii(obj.name) == lowerAscii(name) &&
                            obj.type == lowerAscii(keyword(kind)));
      }
      if (!listed) return "not in include_objects";
    }
    if (kind == ObjectKind::Table || kind == ObjectKind::View) {
      if (include_ && !RE2::PartialMatch(name, *include_))
        return "not matched by include_tables_regex";
      if (exclude_ && RE2::PartialMatch(name, *exclude_)) return "matched by exclude_tables_regex";
    }
    if (id_.done.count(objectKey(kind, schema + "." + name)) != 0) {
      return "already cloned by job " + id_.resumedFrom;
    }
    return {};
  }

  void skip(ObjectKind kind, const std::string& name, const std::string& reason) {
    ObjectResult r;
    r.kind = kind;
    r.name = name;
    r.status = "skipped";
    r.error = reason;
    add(std::move(r), false);
  }

  void discover() {
    const auto catalogs = runner_.call(
        "list catalogs", [&](const CallOptions& c) { return runner_.workspace().catalogs(c); });
    std::optional<CatalogInfo> source;
    for (const auto& c : catalogs) {
      if (lowerAscii(c.name) == lowerAscii(o_.sourceCatalog)) source = c;
      if (lowerAscii(c.name) == lowerAscii(o_.destinationCatalog)) destExists_ = true;
    }
    if (!source) throw notFound("Source catalog '" + o_.sourceCatalog + "' does not exist");
    sourceCatalog_ = *source;
    const auto schemas = runner_.call("list schemas", [&](const CallOptions& c) {
      return runner_.workspace().schemas(o_.sourceCatalog, c);
    });
    std::set<std::string> destSchemas;
    if (destExists_) {
      for (const auto& s : runner_.call("list destination schemas", [&](const CallOptions& c) {
             return runner_.workspace().schemas(o_.destinationCatalog, c);
           })) {
        destSchemas.insert(lowerAscii(s.name));
      }
    }
    for (const auto& wanted : o_.includeSchemas) {
      bool found = false;
      for (const auto& s : schemas) found = found || lowerAscii(s.name) == lowerAscii(wanted);
      if (!found) {
        ObjectResult r;
        r.kind = ObjectKind::Schema;
        r.name = wanted;
        r.status = "failed";
        r.error = "schema '" + wanted + "' named in include_schemas does not exist in '" +
                  o_.sourceCatalog + "'";
        add(std::move(r), false);
      }
    }
    for (const auto& s : schemas) {
      if (excludedSchema(s.name)) continue;
      SchemaPlan plan;
      plan.source = s;
      plan.existsInDest = destSchemas.count(lowerAscii(s.name)) != 0;
      plans_.push_back(std::move(plan));
    }
    // The catalog-wide reads (filters, masks, keys) need nothing from the schemas, so they
    // run beside the schema listings instead of after them.
    auto security = std::async(std::launch::async, [this] { copier_.loadSecurity(); });
    auto keys = std::async(std::launch::async, [this] { copier_.loadKeys(); });
    std::exception_ptr failure;
    try {
      parallelFor(plans_.size(), static_cast<std::size_t>(o_.maxWorkers),
                  [&](std::size_t i) { discoverSchema(plans_[i]); });
    } catch (...) {
      failure = std::current_exception();
    }
    // Both are waited for before anything is rethrown: they use this run's members.
    for (auto* f : {&security, &keys}) {
      try {
        f->get();
      } catch (...) {
        if (!failure) failure = std::current_exception();
      }
    }
    if (failure) std::rethrow_exception(failure);
    for (const auto& p : plans_) {
      total_ += 1 + static_cast<std::int64_t>(p.tables.size() + p.views.size() +
                                              p.functions.size() + p.volumes.size());
    }
    runner_.log("Plan: " + std::to_string(plans_.size()) + " schemas, " +
                std::to_string(total_ - static_cast<std::int64_t>(plans_.size())) + " objects");
    report("discovered");
  }

  void discoverSchema(SchemaPlan& plan) {
    const auto& schema = plan.source.name;
    auto& ws = runner_.workspace();
    const auto objects = runner_.call("list tables", [&](const CallOptions& c) {
      return ws.tables(o_.sourceCatalog, schema, c);
    });
    if (plan.existsInDest) {
      for (auto& t : runner_.call("list destination tables", [&](const CallOptions& c) {
             return ws.tables(o_.destinationCatalog, schema, c);
           })) {
        plan.destTables[lowerAscii(t.name)] = t;
      }
      for (auto& f : runner_.call("list destination functions", [&](const CallOptions& c) {
             return ws.functions(o_.destinationCatalog, schema, c);
           })) {
        plan.destFunctions[lowerAscii(f.name)] = f;
      }
      for (auto& v : runner_.call("list destination volumes", [&](const CallOptions& c) {
             return ws.volumes(o_.destinationCatalog, schema, c);
           })) {
        plan.destVolumes.insert(lowerAscii(v.name));
      }
    }
    const bool incremental = o_.loadType == LoadType::Incremental;
    for (const auto& t : objects) {
      const bool view = t.tableType == "VIEW";
      const auto kind = view ? ObjectKind::View : ObjectKind::Table;
      const auto full = schema + "." + t.name;
      if (!view && t.tableType != "MANAGED" && t.tableType != "EXTERNAL") {
        skip(kind, full, "table type " + t.tableType + " is not cloneable");
        continue;
      }
      if (auto why = filterReason(kind, schema, t.name); !why.empty()) {
        skip(kind, full, why);
        continue;
      }
      if (incremental && plan.destTables.count(lowerAscii(t.name)) != 0) {
        skip(kind, full, "exists in the destination (load_type INCREMENTAL)");
        continue;
      }
      if (!view && !o_.pinnedBy.empty() && o_.tableVersions.count(lowerAscii(full)) == 0) {
        skip(kind, full, "not in " + o_.pinnedBy);
        continue;
      }
      (view ? plan.views : plan.tables).push_back(t);
    }
    if (o_.orderBySize != SizeOrder::None) orderBySize(plan);
    for (const auto& f : runner_.call("list functions", [&](const CallOptions& c) {
           return ws.functions(o_.sourceCatalog, schema, c);
         })) {
      const auto full = schema + "." + f.name;
      if (auto why = filterReason(ObjectKind::Function, schema, f.name); !why.empty()) {
        skip(ObjectKind::Function, full, why);
      } else if (incremental && plan.destFunctions.count(lowerAscii(f.name)) != 0) {
        skip(ObjectKind::Function, full, "exists in the destination (load_type INCREMENTAL)");
      } else {
        plan.functions.push_back(f);
      }
    }
    for (const auto& v : runner_.call("list volumes", [&](const CallOptions& c) {
           return ws.volumes(o_.sourceCatalog, schema, c);
         })) {
      const auto full = schema + "." + v.name;
      if (auto why = filterReason(ObjectKind::Volume, schema, v.name); !why.empty()) {
        skip(ObjectKind::Volume, full, why);
      } else if (incremental && plan.destVolumes.count(lowerAscii(v.name)) != 0) {
        skip(ObjectKind::Volume, full, "exists in the destination (load_type INCREMENTAL)");
      } else {
        plan.volumes.push_back(v);
      }
    }
  }

  void orderBySize(SchemaPlan& plan) {
    std::map<std::string, std::int64_t> sizes;
    for (const auto& t : plan.tables) {
      std::int64_t size = 0;
      if (t.sizeBytes) {
        size = *t.sizeBytes;
      } else {
        try {
          size = numberIn(runner_.read("DESCRIBE DETAIL " + quoted(src(t))), "sizeInBytes")
                     .value_or(0);
        } catch (const WorkspaceError&) {  // unknown size sorts as empty
        }
      }
      sizes[t.name] = size;
    }
    const bool asc = o_.orderBySize == SizeOrder::Ascending;
    std::stable_sort(plan.tables.begin(), plan.tables.end(),
                     [&](const TableInfo& a, const TableInfo& b) {
                       return asc ? sizes[a.name] < sizes[b.name] : sizes[a.name] > sizes[b.name];
                     });
  }

  // ---- names --------------------------------------------------------------------------

  std::vector<std::string> src(const TableInfo& t) const {
    return {o_.sourceCatalog, t.schema, t.name};
  }
  std::vector<std::string> dst(const std::string& schema, const std::string& name) const {
    return {o_.destinationCatalog, schema, name};
  }

  // ---- bookkeeping --------------------------------------------------------------------

  void add(ObjectResult r, bool counts) {
    std::lock_guard lock(mu_);
    if (counts) ++done_;
    if (r.status == "failed") errors_.push_back(r.name + ": " + r.error);
    results_.push_back(std::move(r));
  }

  void report(const std::string& phase, const std::string& current = {}) {
    std::int64_t done = 0;
    std::int64_t tables = 0;
    {
      std::lock_guard lock(mu_);
      done = done_;
      tables = tablesTouched_;
    }
    if (progress_) {
      progress_(done, total_, current,
                {{"phase", phase}, {"tables_done", tables}, {"objects_total", total_}});
    }
  }

  void recordRollback(const RollbackEntry& e) {
    if (runner_.dryRun() || !store_ || !o_.enableRollback) return;
    store_->record(id_.rollbackId, e);
  }

  void markDone(ObjectKind kind, const std::string& name, const ObjectResult& r) {
    if (runner_.dryRun() || !store_) return;
    store_->markObject(id_.jobId, kind, name, r.status, r.error);
  }

  // Stops the run when a guardrail is crossed; checked between schemas and tables.
  void guardrails() {
    if (aborted_) throw Aborted{};
    if (o_.maxDurationMin) {
      const auto minutes = std::chrono::duration<double>(Clock::now() - started_).count() / 60.0;
      if (minutes > *o_.maxDurationMin) abort("max_duration_min reached");
    }
    if (o_.maxTables) {
      std::lock_guard lock(mu_);
      if (tablesTouched_ >= *o_.maxTables) {
        // Written once, before aborted_ turns true: readers look at it only after that.
        if (!aborted_) abortReason_ = "max_tables (" + std::to_string(*o_.maxTables) + ") reached";
        aborted_ = true;
      }
    }
    if (aborted_) throw Aborted{};
  }
  struct Aborted {};
  void abort(const std::string& reason) {
    std::lock_guard lock(mu_);
    if (!aborted_) abortReason_ = reason;
    aborted_ = true;
  }

  // Runs one object's work, turning an error into a failed result.
  template <typename Fn>
  void object(ObjectKind kind, const std::string& name, Fn fn) {
    ObjectResult r;
    r.kind = kind;
    r.name = name;
    const auto t0 = Clock::now();
    try {
      fn(r);
      if (r.status.empty()) r.status = "success";
    } catch (const JobCancelled&) {
      throw;
    } catch (const Aborted&) {
      r.status = "skipped";
      r.error = "not started: " + abortReason_;
    } catch (const std::exception& e) {
      r.status = "failed";
      r.error = e.what();
      runner_.log("FAILED " + std::string(keyword(kind)) + " " + name + ": " + e.what());
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    markDone(kind, name, r);
    add(std::move(r), true);
    report(plural(kind), name);
  }

  // ---- quiesce ------------------------------------------------------------------------

  struct Revoked {
    std::string type;
    std::vector<std::string> name;
    std::string principal;
  };

  void quiesce() {
    std::vector<std::pair<std::string, std::vector<std::string>>> securables{
        {"CATALOG", {o_.sourceCatalog}}};
    for (const auto& p : plans_) {
      securables.push_back({"SCHEMA", {o_.sourceCatalog, p.source.name}});
      for (const auto& t : p.tables)
        securables.push_back({"TABLE", {o_.sourceCatalog, t.schema, t.name}});
    }
    for (const auto& securable : securables) {
      const auto& type = securable.first;
      const auto& name = securable.second;
      const auto grants = runner_.call("SHOW GRANTS " + quoted(name), [&](const CallOptions& c) {
        return runner_.workspace().grants(type, quoted(name), c);
      });
      for (const auto& g : grants) {
        if (lowerAscii(g.objectType) != lowerAscii(type)) continue;  // inherited: revoked where set
        if (g.privilege == "ALL PRIVILEGES") {
          quiesceWarnings_.push_back(g.principal + " holds ALL PRIVILEGES on " + quoted(name) +
                                     " and can still write during the clone");
          continue;
        }
        if (g.privilege != "MODIFY") continue;
        runner_.write("REVOKE MODIFY ON " + type + " " + quoted(name) + " FROM " +
                          quoteIdentifier(g.principal),
                      "REVOKE");
        runner_.log("Quiesce: revoked MODIFY on " + quoted(name) + " from " + g.principal);
        std::lock_guard lock(mu_);
        revoked_.push_back({type, name, g.principal});
      }
    }
    quiesceWarnings_.push_back(
        "owners keep write access to what they own; quiesce revokes granted MODIFY only");
  }

  void regrant() noexcept {
    std::vector<Revoked> revoked;
    {
      std::lock_guard lock(mu_);
      revoked.swap(revoked_);
    }
    for (const auto& r : revoked) {
      const auto sql = "GRANT MODIFY ON " + r.type + " " + quoted(r.name) + " TO " +
                       quoteIdentifier(r.principal);
      try {
        runner_.writeEvenIfCancelled(sql, "GRANT");
        std::lock_guard lock(mu_);
        regranted_.push_back(sql);
      } catch (const std::exception& e) {
        // Said loudly: a grant that could not be restored is the operator's to restore.
        runner_.log("ERROR could not re-grant (" + std::string(e.what()) + "); run: " + sql);
        std::lock_guard lock(mu_);
        notRegranted_.push_back(sql);
      } catch (...) {
        runner_.log("ERROR could not re-grant; run: " + sql);
        std::lock_guard lock(mu_);
        notRegranted_.push_back(sql);
      }
    }
  }

  // ---- catalog and schemas ------------------------------------------------------------

  void createCatalog() {
    const std::vector<std::string> d{o_.destinationCatalog};
    if (destExists_) {
      runner_.log("Destination catalog " + quoted(d) + " exists");
      return;
    }
    recordRollback({ObjectKind::Catalog, d, false, std::nullopt, nullptr});
    std::string sql = "CREATE CATALOG IF NOT EXISTS " + quoted(d);
    if (!o_.location.empty()) sql += " MANAGED LOCATION " + quoteLiteral(o_.location);
    runner_.write(sql, "CREATE_CATALOG");
    std::vector<std::string> warnings;
    const std::vector<std::string> s{o_.sourceCatalog};
    copier_.comment("CATALOG", sourceCatalog_.comment, d, warnings);
    copier_.grants("CATALOG", s, d, warnings);
    copier_.tags("CATALOG", s, d, warnings);
    std::lock_guard lock(mu_);
    catalogWarnings_ = warnings;
  }

  void cloneSchema(SchemaPlan& plan) {
    const auto& name = plan.source.name;
    try {
      guardrails();
    } catch (const Aborted&) {
      skipRest(plan);
      return;
    }
    bool ok = true;
    object(ObjectKind::Schema, name, [&](ObjectResult& r) {
      const std::vector<std::string> d{o_.destinationCatalog, name};
      if (plan.existsInDest) {
        r.error = "exists";
        return;
      }
      recordRollback({ObjectKind::Schema, d, false, std::nullopt, nullptr});
      try {
        runner_.write("CREATE SCHEMA IF NOT EXISTS " + quoted(d), "CREATE_SCHEMA");
      } catch (...) {
        ok = false;
        throw;
      }
      const std::vector<std::string> s{o_.sourceCatalog, name};
      copier_.comment("SCHEMA", plan.source.comment, d, r.warnings);
      copier_.grants("SCHEMA", s, d, r.warnings);
      copier_.tags("SCHEMA", s, d, r.warnings);
    });
    if (!ok) {
      for (const auto& t : plan.tables)
        skip(ObjectKind::Table, name + "." + t.name, "its schema could not be created");
      for (const auto& f : plan.functions)
        skip(ObjectKind::Function, name + "." + f.name, "its schema could not be created");
      for (const auto& v : plan.volumes)
        skip(ObjectKind::Volume, name + "." + v.name, "its schema could not be created");
      for (const auto& v : plan.views)
        skip(ObjectKind::View, name + "." + v.name, "its schema could not be created");
      plan.tables.clear();
      plan.functions.clear();
      plan.volumes.clear();
      plan.views.clear();
      return;
    }
    parallelFor(plan.tables.size(),
                runner_.dryRun() ? 1 : static_cast<std::size_t>(o_.parallelTables),
                [&](std::size_t i) { cloneTable(plan, plan.tables[i]); });
  }

  void skipRest(SchemaPlan& plan) {
    const auto reason = "not started: " + abortReason_;
    skip(ObjectKind::Schema, plan.source.name, reason);
    for (const auto& t : plan.tables) skip(ObjectKind::Table, t.schema + "." + t.name, reason);
    for (const auto& v : plan.views) skip(ObjectKind::View, v.schema + "." + v.name, reason);
    for (const auto& f : plan.functions)
      skip(ObjectKind::Function, plan.source.name + "." + f.name, reason);
    for (const auto& v : plan.volumes)
      skip(ObjectKind::Volume, plan.source.name + "." + v.name, reason);
    plan.tables.clear();
    plan.views.clear();
    plan.functions.clear();
    plan.volumes.clear();
  }

  // ---- tables -------------------------------------------------------------------------

  std::string timeTravel(const TableInfo& t) const {
    if (o_.icebergPhysical) return {};
    if (auto pin = o_.tableVersions.find(lowerAscii(t.schema + "." + t.name));
        pin != o_.tableVersions.end())
      return " VERSION AS OF " + std::to_string(pin->second);
    if (o_.asOfTimestamp) return " TIMESTAMP AS OF " + quoteLiteral(*o_.asOfTimestamp);
    if (o_.asOfVersion) return " VERSION AS OF " + std::to_string(*o_.asOfVersion);
    return {};
  }

  std::string inlineProperties() const {
    if (o_.cloneTblProperties.empty()) return {};
    std::string props;
    for (const auto& [k, v] : o_.cloneTblProperties)
      props += (props.empty() ? "" : ", ") + quoteLiteral(k) + " = " + quoteLiteral(v);
    return " TBLPROPERTIES (" + props + ")";
  }

  std::optional<std::string> predicateFor(const TableInfo& t) const {
    for (const auto& [key, predicate] : o_.whereClauses) {
      if (key == "*") continue;
      const auto parts = splitQualified(key);
      if (lowerAscii(parts[0]) == lowerAscii(t.schema) &&
          lowerAscii(parts[1]) == lowerAscii(t.name))
        return predicate;
    }
    if (auto it = o_.whereClauses.find("*"); it != o_.whereClauses.end()) return it->second;
    return std::nullopt;
  }

  void cloneTable(const SchemaPlan& plan, const TableInfo& t) {
    const auto name = t.schema + "." + t.name;
    try {
      guardrails();
    } catch (const Aborted&) {
      skip(ObjectKind::Table, name, "not started: " + abortReason_);
      return;
    }
    {
      std::lock_guard lock(mu_);
      ++tablesTouched_;
    }
    object(ObjectKind::Table, name, [&](ObjectResult& r) {
      const auto d = dst(t.schema, t.name);
      const auto existing = plan.destTables.find(lowerAscii(t.name));
      if (existing != plan.destTables.end() && existing->second.tableType == "VIEW") {
        throw conflict("the destination has a view named " + quoted(d));
      }
      RollbackEntry entry{ObjectKind::Table, d, existing != plan.destTables.end(), std::nullopt,
                          nullptr};
      if (entry.existed) {
        const auto history = runner_.call("history of " + quoted(d), [&](const CallOptions& c) {
          return runner_.workspace().history(quoted(d), 1, c);
        });
        if (!history.empty()) entry.preVersion = history.front().version;
      }
      recordRollback(entry);
      const auto predicate = predicateFor(t);
      const bool ctas = predicate.has_value() || o_.icebergPhysical;
      std::string sql;
      if (o_.icebergPhysical) {
        sql = "CREATE OR REPLACE TABLE " + quoted(d) + " USING ICEBERG" + inlineProperties() +
              " AS SELECT * FROM " + quoted(src(t)) +
              (predicate ? " WHERE (" + *predicate + ")" : "");
      } else if (predicate) {
        sql = "CREATE OR REPLACE TABLE " + quoted(d) + inlineProperties() + " AS SELECT * FROM " +
              quoted(src(t)) + timeTravel(t) + " WHERE (" + *predicate + ")";
      } else {
        sql = "CREATE OR REPLACE TABLE " + quoted(d) +
              (o_.cloneType == CloneType::Deep ? " DEEP CLONE " : " SHALLOW CLONE ") +
              quoted(src(t)) + timeTravel(t) + inlineProperties();
      }
      const auto rs = runner_.write(sql, ctas ? "CREATE_TABLE" : "CLONE");
      if (!runner_.dryRun()) {
        r.bytes = o_.cloneType == CloneType::Deep ? numberIn(rs, "copied_files_size")
                                                  : numberIn(rs, "source_table_size");
        runner_.log("Cloned " + quoted(src(t)) + " -> " + quoted(d));
      }
      if (o_.targetFormat == "ICEBERG" && !o_.icebergPhysical) {
        runner_.write("ALTER TABLE " + quoted(d) +
                          " SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name', "
                          "'delta.enableIcebergCompatV2' = 'true', "
                          "'delta.universalFormat.enabledFormats' = 'iceberg')",
                      "ALTER");
      }
      copier_.tableDetails(t, d, ctas, r.warnings);
      copier_.grants("TABLE", src(t), d, r.warnings);
      copier_.tags("TABLE", src(t), d, r.warnings);
      {
        std::lock_guard lock(mu_);
        cloned_.push_back(t);
        preState_[lowerAscii(name)] = entry;
      }
    });
  }

  // ---- checks after the clone ---------------------------------------------------------

  // Row count and NULL count per column, in one statement per side.
  std::vector<std::int64_t> profile(const std::vector<std::string>& table,
                                    const std::vector<ColumnInfo>& columns) {
    std::string sql = "SELECT count(*) AS n";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += ", count(" + quoteIdentifier(columns[i].name) + ") AS c" + std::to_string(i);
    }
    const auto rs = runner_.read(sql + " FROM " + quoted(table));
    std::vector<std::int64_t> out;
    if (rs.rows.empty()) return out;
    for (const auto& v : rs.rows[0]) {
      out.push_back(v.is_number() ? v.get<std::int64_t>()
                                  : std::stoll(v.is_string() ? v.get<std::string>() : "0"));
    }
    // Non-NULL counts become NULL counts.
    for (std::size_t i = 1; i < out.size(); ++i) out[i] = out[0] - out[i];
    return out;
  }

  // The largest difference between source and copy, in percent of the source's rows.
  double drift(const TableInfo& t) {
    const auto a = profile(src(t), t.columns);
    const auto b = profile(dst(t.schema, t.name), t.columns);
    if (a.empty() || b.size() != a.size()) return 100.0;
    const double rows = static_cast<double>(std::max<std::int64_t>(a[0], 1));
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      worst = std::max(worst, std::abs(static_cast<double>(a[i] - b[i])) * 100.0 / rows);
    }
    return worst;
  }

  void failAfterTheFact(const std::string& name, const std::string& error) {
    std::lock_guard lock(mu_);
    for (auto& r : results_) {
      if (r.kind == ObjectKind::Table && r.name == name) {
        r.status = "failed";
        r.error = error;
        errors_.push_back(name + ": " + error);
        if (!runner_.dryRun() && store_) {
          store_->markObject(id_.jobId, ObjectKind::Table, name, "failed", error);
        }
      }
    }
  }

  void checks() {
    if (runner_.dryRun() || (!o_.validateAfterClone && !o_.compareDqAfterClone)) return;
    std::vector<TableInfo> tables;
    {
      std::lock_guard lock(mu_);
      tables = cloned_;
    }
    if (o_.compareDqAfterClone) {
      for (const auto& t : tables) {
        const auto name = t.schema + "." + t.name;
        double pct = 0;
        try {
          pct = drift(t);
        } catch (const JobCancelled&) {
          throw;
        } catch (const std::exception& e) {
          failAfterTheFact(name, std::string("DQ comparison failed: ") + e.what());
          continue;
        }
        dq_[name] = pct;
        if (pct <= o_.dqDriftRollbackPct) continue;
        // Too far from the source: put the destination back as it was before this run.
        const auto& before = preState_.at(lowerAscii(name));
        std::string undo = "dropped";
        try {
          if (before.existed && before.preVersion) {
            runner_.write("RESTORE TABLE " + quoted(before.name) + " TO VERSION AS OF " +
                              std::to_string(*before.preVersion),
                          "RESTORE");
            undo = "restored to version " + std::to_string(*before.preVersion);
          } else {
            runner_.write("DROP TABLE IF EXISTS " + quoted(before.name), "DROP");
          }
        } catch (const JobCancelled&) {
          throw;
        } catch (const std::exception& e) {
          undo = std::string("could not be undone: ") + e.what();
        }
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.2f%% > %.2f%%", pct, o_.dqDriftRollbackPct);
        failAfterTheFact(name, std::string("DQ drift ") + buf + "; the destination was " + undo);
      }
    }
    if (o_.validateAfterClone) {
      std::map<std::string, std::map<std::string, TableInfo>> dest;
      std::vector<services::TableComparison> comparisons;
      for (const auto& t : tables) {
        if (dq_.count(t.schema + "." + t.name) != 0 &&
            dq_[t.schema + "." + t.name] > o_.dqDriftRollbackPct) {
          continue;  // already undone
        }
        auto& schemaTables = dest[lowerAscii(t.schema)];
        if (schemaTables.empty()) {
          for (auto& d : runner_.call("list destination tables", [&](const CallOptions& c) {
                 return runner_.workspace().tables(o_.destinationCatalog, t.schema, c);
               })) {
            schemaTables[lowerAscii(d.name)] = d;
          }
        }
        services::TablePair pair;
        pair.source = t;
        pair.source.catalog = o_.sourceCatalog;
        if (auto it = schemaTables.find(lowerAscii(t.name)); it != schemaTables.end()) {
          pair.destination = it->second;
        }
        pair.destinationCatalog = o_.destinationCatalog;
        comparisons.push_back(
            runner_.call("validate " + t.schema + "." + t.name, [&](const CallOptions& c) {
              return comparer_->compare(runner_.workspace(), runner_.workspace(), pair,
                                        {o_.validateChecksum}, c);
            }));
      }
      validation_ = comparer_->summarize(comparisons);
      validationEvaluation_ = comparer_->evaluateThreshold(validation_, o_.dqDriftRollbackPct);
    }
  }

  // ---- functions, volumes, security, views --------------------------------------------

  static bool safeTypeName(const std::string& type) {
    return !type.empty() && std::all_of(type.begin(), type.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ' ' || c == '(' ||
             c == ')' || c == ',' || c == '<' || c == '>' || c == ':';
    });
  }

  std::string functionSql(const std::vector<std::string>& d, const FunctionInfo& f) const {
    std::string params;
    for (const auto& p : f.parameters) {
      const auto type = jsonText(p["type"]);
      if (!safeTypeName(type)) throw badRequest("unexpected parameter type '" + type + "'");
      params += (params.empty() ? "" : ", ") + quoteIdentifier(jsonText(p["name"])) + " " + type;
    }
    if (!safeTypeName(f.returnType))
      throw badRequest("unexpected return type '" + f.returnType + "'");
    std::string sql =
        "CREATE OR REPLACE FUNCTION " + quoted(d) + "(" + params + ") RETURNS " + f.returnType;
    if (o_.copyComments && !f.comment.empty()) sql += " COMMENT " + quoteLiteral(f.comment);
    return sql + " RETURN " +
           rewriteCatalogReferences(f.body, o_.sourceCatalog, o_.destinationCatalog);
  }

  void functionsOf(const SchemaPlan& plan) {
    for (const auto& f : plan.functions) {
      const auto name = plan.source.name + "." + f.name;
      object(ObjectKind::Function, name, [&](ObjectResult& r) {
        guardrails();
        const auto d = dst(plan.source.name, f.name);
        RollbackEntry entry{ObjectKind::Function, d, false, std::nullopt, nullptr};
        if (auto it = plan.destFunctions.find(lowerAscii(f.name)); it != plan.destFunctions.end()) {
          entry.existed = true;
          entry.previous = {{"sql", functionSql(d, it->second)}};
        }
        recordRollback(entry);
        runner_.write(functionSql(d, f), "CREATE_FUNCTION");
        copier_.grants("FUNCTION", {o_.sourceCatalog, plan.source.name, f.name}, d, r.warnings);
        ownerLater("FUNCTION", f.owner, d);
      });
    }
  }

  void copyFiles(const std::string& from, const std::string& to, ObjectResult& r) {
    auto& ws = runner_.workspace();
    const auto entries = runner_.call(
        "list " + from, [&](const CallOptions& c) { return ws.listDirectory(from, c); });
    for (const auto& e : entries) {
      const auto name = e.path.substr(e.path.rfind('/') + 1);
      if (e.isDirectory) {
        copyFiles(from + "/" + name, to + "/" + name, r);
        continue;
      }
      runner_.planAction("COPY FILE " + e.path + " TO " + to + "/" + name, "COPY_FILE");
      if (runner_.dryRun()) continue;
      const auto bytes = runner_.call("read " + e.path,
                                      [&](const CallOptions& c) { return ws.readFile(e.path, c); });
      runner_.callVoid("write " + to + "/" + name, [&](const CallOptions& c) {
        ws.writeFile(to + "/" + name, bytes, true, c);
      });
      r.bytes = r.bytes.value_or(0) + static_cast<std::int64_t>(bytes.size());
    }
  }

  void volumesOf(const SchemaPlan& plan) {
    for (const auto& v : plan.volumes) {
      const auto name = plan.source.name + "." + v.name;
      object(ObjectKind::Volume, name, [&](ObjectResult& r) {
        guardrails();
        const auto d = dst(plan.source.name, v.name);
        const bool existed = plan.destVolumes.count(lowerAscii(v.name)) != 0;
        recordRollback({ObjectKind::Volume, d, existed, std::nullopt, nullptr});
        std::string sql = v.volumeType == "EXTERNAL" ? "CREATE EXTERNAL VOLUME IF NOT EXISTS "
                                                     : "CREATE VOLUME IF NOT EXISTS ";
        sql += quoted(d);
        if (v.volumeType == "EXTERNAL") sql += " LOCATION " + quoteLiteral(v.storageLocation);
        if (o_.copyComments && !v.comment.empty()) sql += " COMMENT " + quoteLiteral(v.comment);
        runner_.write(sql, "CREATE_VOLUME");
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

  void security() {
    std::vector<TableInfo> tables;
    {
      std::lock_guard lock(mu_);
      tables = cloned_;
    }
    // Keys once every table exists: a foreign key needs the table it references.
    for (const bool foreign : {false, true}) {
      for (const auto& t : tables) {
        std::vector<std::string> warnings;
        copier_.keys(t, dst(t.schema, t.name), foreign, warnings);
        if (!warnings.empty()) addWarnings(ObjectKind::Table, t.schema + "." + t.name, warnings);
      }
    }
    for (const auto& t : tables) {
      std::vector<std::string> warnings;
      copier_.security(t, dst(t.schema, t.name), warnings);
      ownerLater("TABLE", t.owner, dst(t.schema, t.name));
      if (!warnings.empty()) addWarnings(ObjectKind::Table, t.schema + "." + t.name, warnings);
    }
  }

  void addWarnings(ObjectKind kind, const std::string& name, const std::vector<std::string>& w) {
    std::lock_guard lock(mu_);
    for (auto& r : results_) {
      if (r.kind == kind && r.name == name) {
        r.warnings.insert(r.warnings.end(), w.begin(), w.end());
        return;
      }
    }
  }

  // Views in an order where each comes after the views it reads.
  std::vector<TableInfo> orderedViews() const {
    std::map<std::string, TableInfo> byKey;
    for (const auto& p : plans_) {
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
        if (ref.size() >= 3 && lowerAscii(ref[0]) == lowerAscii(o_.sourceCatalog)) {
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

  void views() {
    std::map<std::string, const SchemaPlan*> planOf;
    for (const auto& p : plans_) planOf[lowerAscii(p.source.name)] = &p;
    for (const auto& v : orderedViews()) {
      const auto name = v.schema + "." + v.name;
      object(ObjectKind::View, name, [&](ObjectResult& r) {
        guardrails();
        const auto d = dst(v.schema, v.name);
        const auto* plan = planOf.at(lowerAscii(v.schema));
        RollbackEntry entry{ObjectKind::View, d, false, std::nullopt, nullptr};
        if (auto it = plan->destTables.find(lowerAscii(v.name)); it != plan->destTables.end()) {
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
        sql +=
            " AS " + rewriteCatalogReferences(v.viewText, o_.sourceCatalog, o_.destinationCatalog);
        runner_.write(sql, "CREATE_VIEW");
        copier_.grants("TABLE", {o_.sourceCatalog, v.schema, v.name}, d, r.warnings);
        copier_.tags("TABLE", {o_.sourceCatalog, v.schema, v.name}, d, r.warnings);
        ownerLater("TABLE", v.owner, d);
      });
    }
  }

  // Owners go last: handing an object to someone else may take away the rights the run
  // needs to finish it.
  void ownerLater(const std::string& type, const std::string& owner,
                  const std::vector<std::string>& d) {
    std::lock_guard lock(mu_);
    owners_.push_back({type, owner, d});
  }

  void deferredOwners() {
    std::vector<std::string> warnings;
    for (const auto& p : plans_) {
      if (!p.existsInDest) {
        ownerLater("SCHEMA", p.source.owner, {o_.destinationCatalog, p.source.name});
      }
    }
    if (!destExists_) ownerLater("CATALOG", sourceCatalog_.owner, {o_.destinationCatalog});
    for (const auto& o : owners_) copier_.owner(o.type, o.owner, o.name, warnings);
    std::lock_guard lock(mu_);
    catalogWarnings_.insert(catalogWarnings_.end(), warnings.begin(), warnings.end());
  }

  // ---- result -------------------------------------------------------------------------

  Json result() {
    std::lock_guard lock(mu_);
    Json out{{"source_catalog", o_.sourceCatalog},
             {"destination_catalog", o_.destinationCatalog},
             {"clone_type", o_.cloneType == CloneType::Deep ? "DEEP" : "SHALLOW"},
             {"dry_run", runner_.dryRun()}};
    Json counts = Json::object();
    for (auto kind : {ObjectKind::Schema, ObjectKind::Table, ObjectKind::View, ObjectKind::Function,
                      ObjectKind::Volume}) {
      counts[plural(kind)] = {{"success", 0}, {"failed", 0}, {"skipped", 0}};
    }
    Json objects = Json::array();
    Json durations = Json::object();
    std::int64_t bytes = 0;
    for (const auto& r : results_) {
      auto& c = counts[plural(r.kind)][r.status];
      c = c.get<std::int64_t>() + 1;
      Json o{{"type", lowerAscii(keyword(r.kind))}, {"name", r.name}, {"status", r.status}};
      o["error"] = r.status == "failed" ? Json(r.error) : Json();
      if (r.status != "failed" && !r.error.empty()) o["reason"] = r.error;
      o["duration_seconds"] = r.seconds;
      o["bytes"] = r.bytes ? Json(*r.bytes) : Json();
      if (!r.warnings.empty()) o["warnings"] = r.warnings;
      if (r.bytes) bytes += *r.bytes;
      if (r.kind == ObjectKind::Schema) durations[r.name] = r.seconds;
      objects.push_back(std::move(o));
    }
    out["schemas_processed"] = counts["schemas"]["success"];
    for (const auto& [k, v] : counts.items()) out[k] = v;
    out["objects"] = std::move(objects);
    out["errors"] = errors_;
    Json warnings = o_.warnings;
    for (const auto& w : catalogWarnings_) warnings.push_back(w);
    out["warnings"] = warnings;
    out["schema_durations"] = durations;
    out["bytes_copied"] = bytes;
    out["duration_seconds"] = std::chrono::duration<double>(Clock::now() - started_).count();
    if (aborted_) out["aborted"] = abortReason_;
    if (o_.quiesceSource) {
      out["quiesce"] = {{"warnings", quiesceWarnings_}, {"not_regranted", notRegranted_}};
    }
    if (!validation_.is_null()) {
      out["validation"] = validation_;
      out["validation_evaluation"] = validationEvaluation_;
    }
    if (!dq_.empty()) {
      out["dq_comparison"] = {{"threshold_pct", o_.dqDriftRollbackPct}, {"max_drift_pct", dq_}};
    }
    const auto statements = runner_.statements();
    Json byCategory = Json::object();
    for (const auto& s : statements) {
      byCategory[s.category] = byCategory.value(s.category, 0) + 1;
    }
    out["sql_summary"] = {{"total_statements", statements.size()}, {"by_category", byCategory}};
    if (runner_.dryRun()) {
      Json list = Json::array();
      for (const auto& s : statements) list.push_back({{"sql", s.sql}, {"category", s.category}});
      out["sql_statements"] = list;
    }
    out["calls"] = runner_.counters();
    if (!runner_.dryRun() && o_.enableRollback && store_) out["rollback_id"] = id_.rollbackId;
    if (!id_.resumedFrom.empty()) out["resumed_from"] = id_.resumedFrom;
    return out;
  }

  struct DeferredOwner {
    std::string type;
    std::string owner;
    std::vector<std::string> name;
  };

  const CloneOptions& o_;
  StatementRunner& runner_;
  CloneStore* store_;
  services::TableComparer* comparer_;  // set when validate_after_clone is
  const RunIdentity& id_;
  const ProgressFn& progress_;
  MetadataCopier copier_;
  std::unique_ptr<RE2> include_;
  std::unique_ptr<RE2> exclude_;
  CatalogInfo sourceCatalog_;
  bool destExists_ = false;
  std::vector<SchemaPlan> plans_;
  Clock::time_point started_;
  std::mutex mu_;
  std::vector<ObjectResult> results_;
  std::vector<std::string> errors_;
  std::vector<std::string> catalogWarnings_;
  std::vector<TableInfo> cloned_;
  std::vector<Revoked> revoked_;
  std::vector<std::string> regranted_;
  std::vector<std::string> notRegranted_;
  std::vector<std::string> quiesceWarnings_;
  std::map<std::string, RollbackEntry> preState_;  // by lower-case schema.table
  std::map<std::string, double> dq_;               // drift by schema.table
  Json validation_;
  Json validationEvaluation_;
  std::vector<DeferredOwner> owners_;
  std::int64_t done_ = 0;
  std::int64_t total_ = 0;
  std::int64_t tablesTouched_ = 0;
  std::atomic<bool> aborted_{false};
  std::string abortReason_;
};

}  // namespace

RunnerSettings runnerSettings(const CloneOptions& options) {
  RunnerSettings settings;
  settings.dryRun = options.dryRun;
  settings.maxRps = options.maxRps;
  settings.retry = options.enableRetry;
  settings.maxRetries = options.maxRetries;
  settings.warehouseId = options.warehouseId;
  return settings;
}

Json runClone(const CloneOptions& options, StatementRunner& runner, CloneStore* store,
              const RunIdentity& identity, const ProgressFn& progress,
              services::TableComparer* comparer) {
  CloneRun run(options, runner, store, identity, progress, comparer);
  return run.run();
}

}  // namespace clxs::clone
