#include "plugins/generate/demo_plan.hpp"

#include <algorithm>
#include <cmath>

#include "clxs/json.hpp"
#include "clxs/sql.hpp"
#include "plugins/generate/data_flaws.hpp"
#include "plugins/generate/derived_objects.hpp"
#include "plugins/generate/industry_catalog.hpp"
#include "plugins/generate/medallion.hpp"

namespace clxs::generate {
namespace {

Step sqlStep(std::string sql, std::string label, std::string object,
             Counter counts = Counter::None) {
  Step s;
  s.sql = std::move(sql);
  s.label = std::move(label);
  s.object = std::move(object);
  s.counts = counts;
  return s;
}

std::string dotted(const std::string& a, const std::string& b) {
  return a + "." + b;
}

Phase phase(const std::string& industry, const std::string& name, bool fatal = false) {
  Phase p;
  p.industry = industry;
  p.name = name;
  p.fatal = fatal;
  return p;
}

void addTablePhases(const GenContext& ctx, const DemoRequest& req, const IndustryDef& ind,
                    Plan& plan) {
  const std::string& cat = ctx.catalog;
  Phase tables = phase(ind.name, "tables");
  Phase keys = phase(ind.name, "keys");
  Phase data = phase(ind.name, "data");
  for (const auto& t : ind.tables) {
    const std::string object = dotted(ind.name, t.name);
    Chain chain;
    chain.push_back(sqlStep(createTableSql(ctx, ind, t), "create table " + object,
                            dotted(cat, object), Counter::Table));
    if (auto pk = primaryKeySql(ctx, ind, t); !pk.empty()) {
      chain.push_back(sqlStep(std::move(pk), "primary key of " + object, dotted(cat, object)));
    }
    if (auto check = checkConstraintSql(ctx, ind, t); !check.empty()) {
      chain.push_back(
          sqlStep(std::move(check), "check constraint of " + object, dotted(cat, object)));
    }
    chain.push_back(sqlStep(tableTagsSql(ctx, ind, t), "tags of " + object, dotted(cat, object)));
    for (auto& sql : columnTagsSql(ctx, ind, t)) {
      chain.push_back(sqlStep(std::move(sql), "column tags of " + object, dotted(cat, object)));
    }
    tables.chains.push_back(std::move(chain));

    Chain fks;
    for (auto& sql : foreignKeySql(ctx, ind, t)) {
      fks.push_back(sqlStep(std::move(sql), "foreign key of " + object, dotted(cat, object)));
    }
    if (!fks.empty()) keys.chains.push_back(std::move(fks));

    const std::int64_t rows = ctx.rows.at(t.name);
    for (const auto& b : splitBatches(rows, req.batchSize)) {
      Step s = sqlStep(insertBatchSql(ctx, ind, t, b),
                       "insert rows " + std::to_string(b.offset + 1) + "-" +
                           std::to_string(b.offset + b.count) + " into " + object,
                       dotted(cat, object), Counter::Rows);
      s.rows = b.count;
      s.table = object;
      data.chains.push_back({std::move(s)});
    }
    plan.tablesTotal += 1;
    plan.plannedRows += rows;
  }
  plan.phases.push_back(std::move(tables));
  if (!keys.chains.empty()) plan.phases.push_back(std::move(keys));
  plan.phases.push_back(std::move(data));

  Phase history = phase(ind.name, "history");
  for (const auto* t : largestTables(ind, ind.tables.size())) {
    if (history.chains.size() == kHistoryTablesPerIndustry) break;
    auto updates = historyUpdatesSql(ctx, ind, *t);
    if (updates.empty()) continue;
    Chain chain;
    for (auto& sql : updates) {
      chain.push_back(sqlStep(std::move(sql), "update status of " + dotted(ind.name, t->name),
                              dotted(cat, dotted(ind.name, t->name))));
    }
    history.chains.push_back(std::move(chain));
  }
  if (!history.chains.empty()) plan.phases.push_back(std::move(history));
}

// The flaws of data_flaws.hpp; `scd2Left` counts down the catalog's SCD2 tables.
void addFlawPhase(const GenContext& ctx, const DemoRequest& req, const IndustryDef& ind,
                  std::size_t& scd2Left, Plan& plan) {
  const std::string& cat = ctx.catalog;
  // The spike first, in a phase of its own: the flaws then touch generated keys only, so
  // their counts do not depend on it.
  if (req.seasonalSpikes) {
    for (const auto* t : largestTables(ind, ind.tables.size())) {
      auto sql = seasonalSpikeSql(ctx, ind, *t);
      if (sql.empty()) continue;
      const std::string object = dotted(ind.name, t->name);
      Phase spikes = phase(ind.name, "spikes");
      spikes.chains.push_back(
          {sqlStep(std::move(sql.front()), "seasonal spike in " + object, dotted(cat, object))});
      plan.phases.push_back(std::move(spikes));
      break;
    }
  }
  Phase flaws = phase(ind.name, "flaws");
  if (req.qualityIssues) {
    std::size_t flawed = 0;
    for (const auto* t : largestTables(ind, ind.tables.size())) {
      if (flawed == kFlawedTables) break;
      auto sql = qualityFlawsSql(ctx, ind, *t);
      if (sql.empty()) continue;
      ++flawed;
      Chain chain;
      for (auto& s : sql) {
        chain.push_back(sqlStep(std::move(s), "data-quality issues in " + dotted(ind.name, t->name),
                                dotted(cat, dotted(ind.name, t->name))));
      }
      flaws.chains.push_back(std::move(chain));
    }
  }
  for (const auto& t : ind.tables) {
    const std::string object = dotted(ind.name, t.name);
    Chain chain;
    if (req.nearDuplicates) {
      for (auto& s : nearDuplicatesSql(ctx, ind, t)) {
        chain.push_back(
            sqlStep(std::move(s), "near-duplicate people in " + object, dotted(cat, object)));
      }
    }
    if (req.scd2 && scd2Left > 0 && isScd2Candidate(t)) {
      --scd2Left;
      for (auto& s : scd2Sql(ctx, ind, t)) {
        chain.push_back(sqlStep(std::move(s), "SCD2 versions of " + object, dotted(cat, object)));
      }
    }
    if (!chain.empty()) flaws.chains.push_back(std::move(chain));
  }
  if (!flaws.chains.empty()) plan.phases.push_back(std::move(flaws));
}

void addViewAndFunctionPhases(const GenContext& ctx, const DemoRequest& req, const IndustryDef& ind,
                              Plan& plan) {
  const std::string& cat = ctx.catalog;
  // Functions first: the masked views call them.
  if (req.createFunctions) {
    Phase functions = phase(ind.name, "functions");
    for (const auto& f : industryFunctions(ind)) {
      const std::string object = dotted(ind.name, f.name);
      functions.chains.push_back(
          {sqlStep(createFunctionSql(cat, ind.name, f), "create function " + object,
                   dotted(cat, object), Counter::Function)});
    }
    plan.phases.push_back(std::move(functions));
  }
  Phase views = phase(ind.name, "views");
  for (const auto& v : industryViews(ind, req.createFunctions)) {
    const std::string object = dotted(ind.name, v.name);
    views.chains.push_back({sqlStep(createViewSql(cat, ind.name, ind.name, v),
                                    "create view " + object, dotted(cat, object), Counter::View)});
  }
  plan.phases.push_back(std::move(views));
}

void addMedallionPhases(const GenContext& ctx, const IndustryDef& ind, Plan& plan) {
  const std::string& cat = ctx.catalog;
  Phase bronze = phase(ind.name, "bronze");
  Phase silver = phase(ind.name, "silver");
  for (const auto* t : largestTables(ind, kBronzeTablesPerIndustry)) {
    const std::string b = dotted(kBronzeSchema, bronzeName(ind, *t));
    bronze.chains.push_back(
        {sqlStep(bronzeTableSql(ctx, ind, *t, bronzeRows(ctx.rows.at(t->name), kMinRows)),
                 "create bronze table " + b, dotted(cat, b), Counter::Table)});
    const std::string s = dotted(kSilverSchema, silverName(ind, *t));
    silver.chains.push_back({sqlStep(silverViewSql(cat, ind, *t), "create silver view " + s,
                                     dotted(cat, s), Counter::View)});
  }
  Phase gold = phase(ind.name, "gold");
  for (const auto& v : goldViews(cat, ind)) {
    const std::string g = dotted(kGoldSchema, v.name);
    gold.chains.push_back({sqlStep(createViewSql(cat, kGoldSchema, ind.name, v),
                                   "create gold view " + g, dotted(cat, g), Counter::View)});
  }
  plan.phases.push_back(std::move(bronze));
  plan.phases.push_back(std::move(silver));
  if (!gold.chains.empty()) plan.phases.push_back(std::move(gold));
}

std::string manifest(const GenContext& ctx, const IndustryDef& ind) {
  Json tables = Json::array();
  for (const auto& t : ind.tables) {
    Json cols = Json::array();
    for (const auto& c : t.columns) cols.push_back({{"name", c.name}, {"type", columnType(c)}});
    tables.push_back({{"name", t.name},
                      {"full_name", ctx.catalog + "." + ind.name + "." + t.name},
                      {"rows", ctx.rows.at(t.name)},
                      {"comment", t.comment},
                      {"columns", std::move(cols)}});
  }
  return Json{{"catalog", ctx.catalog},         {"industry", ind.name},
              {"description", ind.description}, {"generated_by", kGeneratedByValue},
              {"start_date", ctx.startDate},    {"end_date", ctx.endDate},
              {"tables", std::move(tables)}}
             .dump(2) +
         "\n";
}

void addVolumePhases(const GenContext& ctx, const IndustryDef& ind, Plan& plan) {
  const std::string& cat = ctx.catalog;
  Phase volumes = phase(ind.name, "volumes");
  const std::vector<std::pair<std::string, std::string>> defs = {
      {"sample_data", "Sample extracts of the largest " + ind.name + " tables (CSV and JSON)"},
      {"exports", "Exports of " + ind.name + ": a manifest of its tables"},
  };
  for (const auto& [name, comment] : defs) {
    const std::string object = dotted(ind.name, name);
    volumes.chains.push_back(
        {sqlStep(createVolumeSql(cat, ind.name, name, comment), "create volume " + object,
                 dotted(cat, object), Counter::Volume)});
  }
  plan.phases.push_back(std::move(volumes));

  Phase files = phase(ind.name, "files");
  const std::string sampleDir = volumePath(cat, ind.name, "sample_data");
  for (const auto* t : largestTables(ind, kSampleTablesPerIndustry)) {
    Step s =
        sqlStep("SELECT * FROM " + qualified(cat, ind.name, t->name) + " ORDER BY " +
                    quoteIdentifier(keyColumn(*t)) + " LIMIT " + std::to_string(kSampleFileRows),
                "write sample files of " + dotted(ind.name, t->name), sampleDir);
    s.kind = StepKind::WriteSample;
    s.path = sampleDir + "/" + t->name;
    files.chains.push_back({std::move(s)});
  }
  Step m;
  m.kind = StepKind::WriteFile;
  m.label = "write manifest of " + ind.name;
  m.path = volumePath(cat, ind.name, "exports") + "/manifest.json";
  m.object = m.path;
  m.content = manifest(ctx, ind);
  files.chains.push_back({std::move(m)});
  plan.phases.push_back(std::move(files));
}

}  // namespace

std::int64_t targetRows(std::int64_t baseRows, double scale) {
  const double rows = std::floor(static_cast<double>(baseRows) * scale);
  return std::max<std::int64_t>(kMinRows, static_cast<std::int64_t>(rows));
}

std::vector<Batch> splitBatches(std::int64_t rows, std::int64_t batchSize) {
  std::vector<Batch> out;
  if (rows <= 0) return out;
  const std::int64_t size = std::max<std::int64_t>(1, batchSize);
  for (std::int64_t offset = 0; offset < rows; offset += size) {
    out.push_back({offset, std::min(size, rows - offset)});
  }
  return out;
}

std::string volumePath(const std::string& catalog, const std::string& schema,
                       const std::string& volume) {
  return "/Volumes/" + catalog + "/" + schema + "/" + volume;
}

GenContext makeContext(const DemoRequest& request) {
  GenContext ctx;
  ctx.catalog = request.catalog;
  ctx.startDate = request.startDate;
  ctx.endDate = request.endDate;
  ctx.spanDays = daysBetween(request.startDate, request.endDate);
  for (const auto& name : request.industries) {
    const IndustryDef* ind = findIndustry(name);
    if (ind == nullptr) continue;
    for (const auto& t : ind->tables) {
      ctx.rows[t.name] = targetRows(t.baseRows, request.scaleFactor);
      ctx.keys[t.name] = keyColumn(t);
    }
  }
  return ctx;
}

Plan buildPlan(const DemoRequest& request) {
  Plan plan;
  std::vector<const IndustryDef*> inds;
  for (const auto& name : request.industries) {
    if (const auto* ind = findIndustry(name)) inds.push_back(ind);
  }
  const std::string& cat = request.catalog;

  Phase catalog = phase({}, "catalog", true);
  Chain create;
  if (request.dropExisting) {
    create.push_back(sqlStep(dropCatalogSql(cat), "drop existing catalog " + cat, cat));
  }
  create.push_back(sqlStep(createCatalogSql(cat, request.storageLocation.value_or("")),
                           "create catalog " + cat, cat));
  catalog.chains.push_back(std::move(create));
  plan.phases.push_back(std::move(catalog));

  Phase schemas = phase({}, "schemas", true);
  for (const auto* ind : inds) {
    schemas.chains.push_back(
        {sqlStep(createSchemaSql(cat, ind->name, ind->description), "create schema " + ind->name,
                 dotted(cat, ind->name), Counter::Schema)});
  }
  if (request.medallion) {
    const std::vector<std::pair<std::string, std::string>> layers = {
        {kBronzeSchema, "Bronze layer: raw samples with ingestion metadata"},
        {kSilverSchema, "Silver layer: cleaned views over bronze"},
        {kGoldSchema, "Gold layer: business aggregates over silver"},
    };
    for (const auto& [name, comment] : layers) {
      schemas.chains.push_back(
          {sqlStep(createSchemaSql(cat, name, comment), "create schema " + name, dotted(cat, name),
                   Counter::Schema)});
    }
  }
  plan.phases.push_back(std::move(schemas));

  // Foreign keys of one industry draw from the target rows of its own tables; industries
  // reuse table names (customers, products), so each gets a context of its own.
  std::size_t scd2Left = kScd2Tables;
  for (const auto* ind : inds) {
    DemoRequest one = request;
    one.industries = {ind->name};
    const GenContext ctx = makeContext(one);
    addTablePhases(ctx, request, *ind, plan);
    addFlawPhase(ctx, request, *ind, scd2Left, plan);
    addViewAndFunctionPhases(ctx, request, *ind, plan);
    if (request.medallion) addMedallionPhases(ctx, *ind, plan);
    if (request.createVolumes) addVolumePhases(ctx, *ind, plan);
  }

  if (request.crossIndustry) {
    Phase cross = phase({}, "cross_industry");
    Chain chain;
    for (auto& [object, sql] : crossIndustrySql(cat, inds)) {
      const bool schema = object == "cross_industry";
      chain.push_back(sqlStep(std::move(sql),
                              schema ? "create schema cross_industry" : "create view " + object,
                              dotted(cat, object), schema ? Counter::Schema : Counter::View));
    }
    if (!chain.empty()) {
      cross.chains.push_back(std::move(chain));
      plan.phases.push_back(std::move(cross));
    }
  }

  if (request.dataCatalog) {
    Phase inventory = phase({}, "data_catalog");
    Chain chain;
    for (auto& [object, sql] : dataCatalogSql(cat)) {
      const bool schema = object == "data_catalog";
      chain.push_back(sqlStep(std::move(sql),
                              schema ? "create schema data_catalog" : "create view " + object,
                              dotted(cat, object), schema ? Counter::Schema : Counter::View));
    }
    inventory.chains.push_back(std::move(chain));
    plan.phases.push_back(std::move(inventory));
  }

  if (request.owner) {
    Phase owner = phase({}, "owner");
    owner.chains.push_back({sqlStep(catalogOwnerSql(cat, *request.owner),
                                    "set owner of " + cat + " to " + *request.owner, cat)});
    plan.phases.push_back(std::move(owner));
  }

  for (const auto& p : plan.phases) {
    for (const auto& c : p.chains) plan.totalSteps += static_cast<std::int64_t>(c.size());
  }
  return plan;
}

}  // namespace clxs::generate
