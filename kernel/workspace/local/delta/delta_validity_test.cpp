// What the local workspace leaves on disk must be a valid Delta table (reader 1 / writer 2)
// that another reader can use with nothing but the log and the Parquet files. The checks here
// parse and replay the log themselves, on purpose without DeltaLog or DeltaTable, so a bug
// shared by the writer and the product's own reader cannot hide itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "kernel/workspace/local/delta/deletion_vector.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"
#include "kernel/workspace/local/local_workspace.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;

// Every time field in the log is epoch milliseconds; a value outside this window means
// seconds, micros or nanos were written (the classic retention-math bug).
constexpr std::int64_t kMsLow = 946684800000;    // 2000-01-01
constexpr std::int64_t kMsHigh = 4102444800000;  // 2100-01-01

const std::set<std::string> kActionKeys = {"commitInfo", "protocol", "metaData", "add",
                                           "remove",     "txn",      "cdc",      "domainMetadata"};

// The statements, in order: every kind of commit the local workspace writes.
const std::vector<std::string> kStatements = {
    "CREATE TABLE items (id BIGINT NOT NULL, name STRING, price DECIMAL(10,2), d DATE, "
    "ts TIMESTAMP) TBLPROPERTIES ('quality' = 'gold')",
    "INSERT INTO items VALUES (1, 'apple', 1.25, DATE '2024-01-01', "
    "TIMESTAMP '2024-01-01 10:11:12.345'), (2, NULL, NULL, NULL, NULL)",
    "INSERT INTO items SELECT id, 'n' || id, id * 1.5, DATE '2024-01-01' + CAST(id AS INT), "
    "TIMESTAMP '2024-02-03 04:05:06' + INTERVAL 1 SECOND * id FROM range(10, 60) AS r(id)",
    "INSERT INTO items VALUES (3, 'a name longer than thirty-two characters, with ''quotes''', "
    "3.00, DATE '1999-12-31', TIMESTAMP '1999-12-31 23:59:59.999999')",
    "CREATE TABLE cheap AS SELECT id, name, price FROM items WHERE price < 20",
    "UPDATE items SET price = price + 1 WHERE id % 3 = 0",
    "DELETE FROM items WHERE id BETWEEN 40 AND 45",
    "MERGE INTO items t USING (SELECT 1 AS id, 'apple2' AS name UNION ALL SELECT 100, 'new') s "
    "ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.name = s.name WHEN NOT MATCHED THEN INSERT "
    "(id, name, price, d, ts) VALUES (s.id, s.name, 0.01, DATE '2030-06-30', "
    "TIMESTAMP '2030-06-30 00:00:00')",
    "CREATE TABLE items_copy LIKE items",
    "INSERT OVERWRITE items_copy SELECT * FROM items",
    "INSERT OVERWRITE TABLE items_copy SELECT * FROM items WHERE id < 20",
    "TRUNCATE TABLE items_copy",
    "INSERT INTO items_copy SELECT * FROM items WHERE id < 5",
    "ALTER TABLE items SET TBLPROPERTIES ('owner.team' = 'grocery')",
    "ALTER TABLE items ADD COLUMN stock INT",
    "UPDATE items SET stock = 7 WHERE id < 20",
    "RESTORE TABLE items TO VERSION AS OF 6",
    "INSERT INTO items VALUES (200, 'late', 2.00, DATE '2025-05-05', "
    "TIMESTAMP '2025-05-05 05:05:05')",
    "OPTIMIZE items",
    "CREATE TABLE deep_c DEEP CLONE items",
    "CREATE TABLE shallow_c SHALLOW CLONE items",
    "SET spark.databricks.delta.retentionDurationCheck.enabled = false",
    "VACUUM items RETAIN 0 HOURS",
    "VACUUM items_copy RETAIN 0 HOURS",
    "INSERT INTO items VALUES (300, 'after vacuum', 3.00, DATE '2026-01-01', "
    "TIMESTAMP '2026-01-01 00:00:00')",
    "INSERT INTO shallow_c VALUES (400, 'clone only', 4.00, NULL, NULL)",
};

const std::vector<std::string> kTables = {"cheap", "deep_c", "items", "items_copy", "shallow_c"};

struct Field {
  std::string name;
  std::string type;
};

struct Commit {
  std::int64_t version = 0;
  fs::path file;
  std::vector<Json> actions;
};

std::string quoteSql(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  return out + "'";
}

// Paths in the log are URIs: %XX decoded once.
std::string decodePath(const std::string& p) {
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '%' && i + 2 < p.size() && std::isxdigit(static_cast<unsigned char>(p[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(p[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(p.substr(i + 1, 2), nullptr, 16)));
      i += 2;
      continue;
    }
    out.push_back(p[i]);
  }
  return out;
}

// Relative paths are under the table root; absolute ones (shallow clones) may be `/abs` or
// `file:/abs` / `file:///abs`.
fs::path resolveDataFile(const fs::path& root, const std::string& logPath) {
  std::string p = decodePath(logPath);
  if (p.rfind("file:", 0) == 0) {
    p = p.substr(5);
    while (p.size() > 1 && p[0] == '/' && p[1] == '/') p.erase(0, 1);
  }
  const fs::path path(p);
  return path.is_absolute() ? path : root / path;
}

bool isIntegral(const std::string& type) {
  return type == "long" || type == "integer" || type == "short" || type == "byte";
}

// Fields of a metaData action's schemaString, checking the serialization on the way.
std::vector<Field> schemaFields(const Json& metaData, const std::string& where) {
  std::vector<Field> out;
  if (!metaData.contains("schemaString") || !metaData["schemaString"].is_string()) {
    ADD_FAILURE() << where << ": metaData.schemaString is not a string";
    return out;
  }
  const auto schema = Json::parse(metaData["schemaString"].get<std::string>(), nullptr, false);
  if (schema.is_discarded() || !schema.is_object() || schema.value("type", "") != "struct" ||
      !schema.contains("fields") || !schema["fields"].is_array()) {
    ADD_FAILURE() << where << ": schemaString is not a struct type: " << metaData["schemaString"];
    return out;
  }
  std::set<std::string> lowerNames;
  for (const auto& f : schema["fields"]) {
    const bool ok = f.is_object() && f.size() == 4 && f.contains("name") && f["name"].is_string() &&
                    f.contains("type") && (f["type"].is_string() || f["type"].is_object()) &&
                    f.contains("nullable") && f["nullable"].is_boolean() &&
                    f.contains("metadata") && f["metadata"].is_object();
    if (!ok) {
      ADD_FAILURE() << where << ": schema field is not {name,type,nullable,metadata}: " << f;
      continue;
    }
    auto lower = f["name"].get<std::string>();
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    EXPECT_TRUE(lowerNames.insert(lower).second) << where << ": duplicate column " << f["name"];
    out.push_back({f["name"].get<std::string>(),
                   f["type"].is_string() ? f["type"].get<std::string>() : f["type"].dump()});
  }
  return out;
}

bool isMs(const Json& v) {
  return v.is_number_integer() && v.get<std::int64_t>() > kMsLow && v.get<std::int64_t>() < kMsHigh;
}

// JSON values from the two read paths compared as text (wide integers and decimals arrive
// as strings, small integers as numbers).
std::string text(const Json& v) {
  if (v.is_null()) return "NULL";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::vector<std::string> sortedRows(const ResultSet& r) {
  std::vector<std::string> out;
  for (const auto& row : r.rows) {
    std::string line;
    for (const auto& v : row) line += text(v) + "\x1f";
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// An aggregate row that changes when any value changes: portable between Databricks SQL
// (through the workspace) and DuckDB (reading the files directly).
std::string aggregatesFor(const std::vector<Field>& fields) {
  std::string out = "count(*) AS n";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& c = fields[i].name;
    const auto& t = fields[i].type;
    const auto k = std::to_string(i);
    out += ", count(" + c + ") AS c" + k;
    if (isIntegral(t)) {
      out +=
          ", sum(" + c + ") AS s" + k + ", min(" + c + ") AS lo" + k + ", max(" + c + ") AS hi" + k;
    } else if (t == "string") {
      out += ", sum(length(" + c + ")) AS s" + k + ", min(" + c + ") AS lo" + k;
    } else if (t.rfind("decimal(", 0) == 0) {
      out += ", sum(" + c + ") AS s" + k + ", max(" + c + ") AS hi" + k;
    } else if (t == "date") {
      out += ", sum(year(" + c + ") * 10000 + month(" + c + ") * 100 + day(" + c + ")) AS s" + k;
    } else if (t == "timestamp") {
      out += ", sum(second(" + c + ") + 60 * minute(" + c + ")) AS s" + k + ", count(DISTINCT " +
             c + ") AS u" + k;
    }
  }
  return out;
}

std::string columnList(const std::vector<Field>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

class DeltaValidityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LocalWorkspaceOptions options;
    options.root = dir.path();
    options.currentUser = "tester@example.com";
    ws = std::make_unique<LocalWorkspace>(options);
    conn = engine.connect();
  }

  ResultSet run(const std::string& sql) {
    try {
      return ws->execute(sql, session);
    } catch (const WorkspaceError& e) {
      ADD_FAILURE() << sql << "\n  failed: " << e.what();
      return {};
    }
  }

  [[nodiscard]] fs::path tableRoot(const std::string& table) const {
    return dir.path() / "warehouse" / "main" / "default" / table;
  }

  // Commit files, checked for names and contiguity, each parsed line by line.
  std::vector<Commit> readLog(const fs::path& root) {
    static const std::regex kCommitName("^[0-9]{20}\\.json$");
    std::vector<Commit> commits;
    for (const auto& e : fs::directory_iterator(root / "_delta_log")) {
      const auto name = e.path().filename().string();
      if (std::regex_match(name, kCommitName)) {
        Commit c;
        c.version = std::stoll(name.substr(0, 20));
        c.file = e.path();
        commits.push_back(std::move(c));
        continue;
      }
      ADD_FAILURE() << "unexpected entry in " << root / "_delta_log"
                    << ": " << name
                    << " (a leftover temporary file means a commit was not cleaned up)";
    }
    std::sort(commits.begin(), commits.end(),
              [](const Commit& a, const Commit& b) { return a.version < b.version; });
    for (std::size_t i = 0; i < commits.size(); ++i) {
      EXPECT_EQ(commits[i].version, static_cast<std::int64_t>(i))
          << root << ": commit versions are not contiguous from 0";
    }
    for (auto& c : commits) {
      std::ifstream in(c.file, std::ios::binary);
      std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_TRUE(!content.empty() && content.back() == '\n')
          << c.file << ": each action line ends with a newline";
      std::size_t start = 0;
      while (start < content.size()) {
        auto end = content.find('\n', start);
        if (end == std::string::npos) end = content.size();
        const auto line = content.substr(start, end - start);
        start = end + 1;
        auto action = Json::parse(line, nullptr, false);
        if (action.is_discarded() || !action.is_object()) {
          ADD_FAILURE() << c.file << ": a line is not a JSON object: " << line;
          continue;
        }
        c.actions.push_back(std::move(action));
      }
    }
    return commits;
  }

  // Checks one file's stats against the file itself.
  void checkStats(const fs::path& file, const Json& stats, const std::vector<Field>& fields,
                  const std::string& where) {
    std::string sql = "SELECT count(*) AS n";
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const auto& c = fields[i].name;
      const auto k = std::to_string(i);
      sql += ", count(*) - count(" + c + ") AS null" + k;
      if (isIntegral(fields[i].type) || fields[i].type.rfind("decimal(", 0) == 0) {
        sql += ", CAST(min(" + c + ") AS DOUBLE) AS min" + k + ", CAST(max(" + c +
               ") AS DOUBLE) AS max" + k;
      } else if (fields[i].type == "date" || fields[i].type == "string") {
        sql += ", CAST(min(" + c + ") AS VARCHAR) AS min" + k + ", CAST(max(" + c +
               ") AS VARCHAR) AS max" + k;
      }
    }
    const auto actual =
        conn->query(sql + " FROM read_parquet(" + quoteSql(file.string()) + ")").objects()[0];
    EXPECT_EQ(stats["numRecords"].get<std::int64_t>(), actual["n"].get<std::int64_t>())
        << where << ": stats.numRecords differs from the rows in " << file;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const auto& name = fields[i].name;
      const auto k = std::to_string(i);
      if (stats["nullCount"].contains(name)) {
        EXPECT_EQ(stats["nullCount"][name], actual["null" + k]) << where << ": nullCount." << name;
      }
      for (const auto& [statKey, col, isMin] :
           {std::tuple{"minValues", "min" + k, true}, std::tuple{"maxValues", "max" + k, false}}) {
        if (!stats[statKey].contains(name) || !actual.contains(col)) continue;
        const auto& stat = stats[statKey][name];
        const auto& real = actual[col];
        if (real.is_null()) {
          ADD_FAILURE() << where << ": " << statKey << "." << name << " for an all-null column";
          continue;
        }
        if (real.is_number()) {
          ASSERT_TRUE(stat.is_number()) << where << ": " << statKey << "." << name;
          EXPECT_DOUBLE_EQ(stat.get<double>(), real.get<double>())
              << where << ": " << statKey << "." << name;
        } else if (fields[i].type == "date") {
          EXPECT_EQ(stat, real) << where << ": " << statKey << "." << name;
        } else {
          // A string stat may be a truncated prefix; it must still bound the real value.
          ASSERT_TRUE(stat.is_string()) << where << ": " << statKey << "." << name;
          if (isMin) {
            EXPECT_LE(stat.get<std::string>(), real.get<std::string>()) << where << ": " << name;
          } else {
            EXPECT_GE(stat.get<std::string>(), real.get<std::string>()) << where << ": " << name;
          }
        }
      }
    }
  }

  // Checks every commit of one table and replays it: the live files and schema per version.
  struct Replay {
    std::vector<std::map<std::string, Json>> live;  // decoded path -> add, per version
    std::vector<std::vector<Field>> schema;         // per version
    std::set<fs::path> everAdded;
  };

  Replay checkTable(const std::string& table) {
    const auto root = tableRoot(table);
    const auto commits = readLog(root);
    Replay r;
    if (commits.empty()) {
      ADD_FAILURE() << table << " has no commits";
      return r;
    }
    std::map<std::string, Json> live;
    std::vector<Field> fields;
    std::string tableId;
    std::int64_t previousMtime = 0;
    for (const auto& c : commits) {
      const std::string where = table + " v" + std::to_string(c.version);
      int commitInfos = 0;
      int protocols = 0;
      int metaDatas = 0;
      std::set<std::string> added;
      std::set<std::string> removed;
      for (const auto& a : c.actions) {
        if (a.size() != 1 || !kActionKeys.count(a.begin().key())) {
          ADD_FAILURE() << where << ": a line must hold exactly one known action: " << a;
          continue;
        }
        const auto& key = a.begin().key();
        const auto& v = a.begin().value();
        if (!v.is_object()) {
          ADD_FAILURE() << where << ": " << key << " is not an object";
          continue;
        }
        if (key == "commitInfo") {
          ++commitInfos;
          EXPECT_TRUE(isMs(v["timestamp"])) << where << ": commitInfo.timestamp " << v;
          EXPECT_TRUE(v.contains("operation") && v["operation"].is_string() &&
                      !v["operation"].get<std::string>().empty())
              << where << ": commitInfo.operation";
          if (v.contains("operationMetrics")) {
            for (const auto& [m, val] : v["operationMetrics"].items()) {
              EXPECT_TRUE(val.is_string()) << where << ": operationMetrics." << m << " = " << val;
            }
          }
        } else if (key == "protocol") {
          ++protocols;
          EXPECT_EQ(v, (Json{{"minReaderVersion", 1}, {"minWriterVersion", 2}}))
              << where << ": protocol must be reader 1 / writer 2 with no feature lists";
        } else if (key == "metaData") {
          ++metaDatas;
          EXPECT_TRUE(v.contains("id") && v["id"].is_string() &&
                      !v["id"].get<std::string>().empty())
              << where;
          if (tableId.empty()) tableId = v.value("id", "");
          EXPECT_EQ(v.value("id", ""), tableId) << where << ": metaData.id changed";
          EXPECT_TRUE(v.contains("format") && v["format"].is_object() &&
                      v["format"].value("provider", "") == "parquet")
              << where << ": format.provider";
          EXPECT_TRUE(v.contains("partitionColumns") && v["partitionColumns"].is_array()) << where;
          EXPECT_TRUE(v.contains("configuration") && v["configuration"].is_object()) << where;
          const auto configuration = v.value("configuration", Json::object());
          for (const auto& [k, val] : configuration.items()) {
            EXPECT_TRUE(val.is_string()) << where << ": configuration." << k << " = " << val;
          }
          EXPECT_TRUE(isMs(v["createdTime"])) << where << ": metaData.createdTime";
          fields = schemaFields(v, where);
        } else if (key == "add") {
          EXPECT_TRUE(v.contains("path") && v["path"].is_string() &&
                      !v["path"].get<std::string>().empty())
              << where << ": add.path " << v;
          const auto path = decodePath(v.value("path", ""));
          EXPECT_TRUE(added.insert(path).second) << where << ": " << path << " added twice";
          EXPECT_TRUE(v.contains("partitionValues") && v["partitionValues"].is_object()) << where;
          EXPECT_TRUE(isMs(v["modificationTime"])) << where << ": add.modificationTime " << v;
          EXPECT_TRUE(v.contains("dataChange") && v["dataChange"].is_boolean()) << where;
          if (!v.contains("size") || !v["size"].is_number_integer()) {
            ADD_FAILURE() << where << ": add.size " << v;
            continue;
          }
          EXPECT_GT(v["size"].get<std::int64_t>(), 0) << where << ": add.size";
          const auto stats = v.contains("stats") && v["stats"].is_string()
                                 ? Json::parse(v["stats"].get<std::string>(), nullptr, false)
                                 : Json();
          const bool statsOk = stats.is_object() && stats.contains("numRecords") &&
                               stats["numRecords"].is_number_integer() &&
                               stats.contains("minValues") && stats["minValues"].is_object() &&
                               stats.contains("maxValues") && stats["maxValues"].is_object() &&
                               stats.contains("nullCount") && stats["nullCount"].is_object();
          EXPECT_TRUE(statsOk) << where << ": add.stats must be JSON text with numRecords, "
                               << "minValues, maxValues and nullCount: " << v;
          const auto file = resolveDataFile(root, v.value("path", ""));
          r.everAdded.insert(file);
          std::error_code ec;
          if (fs::exists(file, ec)) {
            EXPECT_EQ(v["size"].get<std::int64_t>(), static_cast<std::int64_t>(fs::file_size(file)))
                << where << ": add.size differs from the size of " << file;
            if (statsOk) checkStats(file, stats, fields, where);
          }
          live[path] = v;
        } else if (key == "remove") {
          EXPECT_TRUE(v.contains("path") && v["path"].is_string()) << where << ": " << v;
          EXPECT_TRUE(isMs(v["deletionTimestamp"])) << where << ": remove.deletionTimestamp";
          EXPECT_TRUE(v.contains("dataChange") && v["dataChange"].is_boolean()) << where;
          const auto path = decodePath(v.value("path", ""));
          removed.insert(path);
          EXPECT_TRUE(live.count(path)) << where << ": removes " << path << ", which is not live";
          live.erase(path);
        }
      }
      EXPECT_EQ(commitInfos, 1) << where << ": one commitInfo per commit";
      EXPECT_LE(protocols, 1) << where;
      EXPECT_LE(metaDatas, 1) << where;
      if (c.version == 0) {
        EXPECT_EQ(protocols, 1) << where << ": version 0 has the protocol";
        EXPECT_EQ(metaDatas, 1) << where << ": version 0 has the metadata";
      }
      for (const auto& p : added) {
        EXPECT_FALSE(removed.count(p)) << where << ": " << p << " both added and removed";
      }
      // Timestamp time travel orders commits by file mtime, so it must increase.
      const auto mtime = fs::last_write_time(c.file).time_since_epoch().count();
      if (c.version > 0) {
        EXPECT_GT(mtime, previousMtime) << where << ": commit mtimes must increase";
      }
      previousMtime = mtime;
      r.live.push_back(live);
      r.schema.push_back(fields);
    }
    return r;
  }

  // Reads `table` at `version` from the files the log names and through the workspace;
  // returns false when the version cannot be read from disk any more (vacuumed files).
  bool compareVersion(const std::string& table, std::int64_t version, const Replay& r) {
    const std::string where = table + " VERSION AS OF " + std::to_string(version);
    const auto& live = r.live[static_cast<std::size_t>(version)];
    const auto& fields = r.schema[static_cast<std::size_t>(version)];
    const std::string product =
        " FROM main.default." + table + " VERSION AS OF " + std::to_string(version);
    std::string list;
    bool complete = true;
    for (const auto& [path, add] : live) {
      const auto file = resolveDataFile(tableRoot(table), add["path"].get<std::string>());
      complete = complete && fs::exists(file);
      list += (list.empty() ? "" : ", ") + quoteSql(file.string());
    }
    if (!complete) {
      // The workspace must refuse rather than return partial data.
      try {
        ws->execute("SELECT count(*) AS n" + product, session);
        ADD_FAILURE() << where << ": a version with vacuumed files must not be readable";
      } catch (const WorkspaceError& e) {
        EXPECT_NE(std::string(e.what()).find("[DELTA_FILE_NOT_FOUND]"), std::string::npos)
            << where << ": " << e.what();
      }
      return false;
    }
    const auto aggregates = aggregatesFor(fields);
    const auto viaWorkspace = run("SELECT " + aggregates + product);
    if (live.empty()) {
      EXPECT_TRUE(!viaWorkspace.rows.empty() && text(viaWorkspace.rows[0][0]) == "0")
          << where << ": no live files, no rows";
      return true;
    }
    const std::string files = " FROM read_parquet([" + list + "], union_by_name = true)";
    const auto direct = conn->query("SELECT " + aggregates + files);
    EXPECT_EQ(sortedRows(viaWorkspace), sortedRows(direct))
        << where << ": aggregates (" << aggregates << ") differ between the workspace and "
        << "the files named by the log";
    const auto cols = columnList(fields);
    EXPECT_EQ(sortedRows(run("SELECT " + cols + product)),
              sortedRows(conn->query("SELECT " + cols + files)))
        << where << ": rows differ between the workspace and the files named by the log";
    return true;
  }

  clxs::testing::TempDir dir;
  std::unique_ptr<LocalWorkspace> ws;
  LocalSession session;
  DuckDbEngine engine;
  std::unique_ptr<DuckDbConnection> conn;
};

TEST_F(DeltaValidityTest, EveryCommitFollowsTheProtocolAndTheLogAloneReadsEveryVersion) {
  for (const auto& sql : kStatements) {
    run(sql);
    ASSERT_FALSE(HasFailure()) << "setup statement failed";
  }
  // A refused write leaves no commit behind.
  const auto before = readLog(tableRoot("items")).size();
  EXPECT_THROW(ws->execute("INSERT INTO items VALUES (NULL, 'ghost', 1, NULL, NULL)", session),
               WorkspaceError);
  EXPECT_EQ(readLog(tableRoot("items")).size(), before) << "a failed INSERT committed";

  std::vector<std::string> onDisk;
  for (const auto& e : fs::directory_iterator(dir.path() / "warehouse" / "main" / "default")) {
    onDisk.push_back(e.path().filename().string());
  }
  std::sort(onDisk.begin(), onDisk.end());
  EXPECT_EQ(onDisk, kTables);

  int olderVersionsRead = 0;
  for (const auto& table : kTables) {
    SCOPED_TRACE(table);
    const auto r = checkTable(table);
    ASSERT_FALSE(r.live.empty());
    const auto latest = static_cast<std::int64_t>(r.live.size()) - 1;
    EXPECT_TRUE(compareVersion(table, latest, r)) << "the latest version must be readable";
    for (std::int64_t v = 0; v < latest; ++v) {
      if (compareVersion(table, v, r)) ++olderVersionsRead;
    }
    // VACUUM RETAIN 0 HOURS keeps exactly the live files; the other tables keep every file.
    std::set<fs::path> liveFiles;
    for (const auto& [path, add] : r.live.back()) {
      liveFiles.insert(resolveDataFile(tableRoot(table), add["path"].get<std::string>()));
    }
    std::set<fs::path> parquetOnDisk;
    for (const auto& e : fs::recursive_directory_iterator(tableRoot(table))) {
      if (e.path().extension() == ".parquet") parquetOnDisk.insert(e.path());
    }
    if (table == "items" || table == "items_copy") {
      std::set<fs::path> ownLive;
      for (const auto& f : liveFiles) {
        if (f.parent_path() == tableRoot(table)) ownLive.insert(f);
      }
      EXPECT_EQ(parquetOnDisk, ownLive) << "VACUUM RETAIN 0 HOURS leaves exactly the live files";
    }
    for (const auto& f : parquetOnDisk) {
      EXPECT_TRUE(r.everAdded.count(f)) << f << " is in the table directory but in no add";
    }
  }
  // items: v1..v12 are gone after the vacuum except the ones still sharing live files; the
  // other tables keep their history, so many older versions were read from the files.
  EXPECT_GE(olderVersionsRead, 8);
}

TEST_F(DeltaValidityTest, TheSchemaStringRoundTripsEveryColumnType) {
  run("CREATE TABLE kinds (a BIGINT NOT NULL, b INT, c SMALLINT, e TINYINT, f DOUBLE, "
      "g FLOAT, h BOOLEAN, i STRING, j DECIMAL(38,10), k DATE, l TIMESTAMP, m BINARY) "
      "COMMENT 'all kinds'");
  run("INSERT INTO kinds VALUES (1, 2, 3, 4, 5.5, 6.5, true, 'x', 1.0000000001, "
      "DATE '2024-02-29', TIMESTAMP '2024-02-29 12:00:00', X'00FF')");
  ASSERT_FALSE(HasFailure());
  const auto commits = readLog(tableRoot("kinds"));
  ASSERT_EQ(commits.size(), 2u);
  Json meta;
  for (const auto& a : commits[0].actions) {
    if (a.contains("metaData")) meta = a["metaData"];
  }
  const auto fields = schemaFields(meta, "kinds v0");
  std::vector<std::string> types;
  for (const auto& f : fields) types.push_back(f.type);
  EXPECT_EQ(types, (std::vector<std::string>{"long", "integer", "short", "byte", "double", "float",
                                             "boolean", "string", "decimal(38,10)", "date",
                                             "timestamp", "binary"}));
  const auto r = checkTable("kinds");
  ASSERT_EQ(r.live.size(), 2u);
  EXPECT_TRUE(compareVersion("kinds", 1, r));
  // Delta `timestamp` is Parquet TIMESTAMP(isAdjustedToUTC=true): DuckDB reads it back as
  // TIMESTAMP WITH TIME ZONE, never as a naive timestamp.
  ASSERT_EQ(r.live[1].size(), 1u);
  const auto file =
      resolveDataFile(tableRoot("kinds"), r.live[1].begin()->second["path"].get<std::string>());
  const auto types2 =
      conn->query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(" +
                  quoteSql(file.string()) + ")) WHERE column_name = 'l'");
  ASSERT_EQ(types2.rows.size(), 1u);
  EXPECT_EQ(types2.rows[0][1], "TIMESTAMP WITH TIME ZONE");
}

// Deletion vectors and change files, replayed from the log alone: every version's rows are the
// live files' rows less the positions their vectors name (decoded from the vector files with
// the protocol's format, without DeltaTable), and every version's change rows are its change
// files' rows (or its added files' rows as inserts).
TEST_F(DeltaValidityTest, DeletionVectorsAndChangeFilesReadBackFromTheLogAlone) {
  for (const auto* sql : {
           "CREATE TABLE dvc (id BIGINT, name STRING) TBLPROPERTIES "
           "('delta.enableDeletionVectors' = 'true', 'delta.enableChangeDataFeed' = 'true')",
           "INSERT INTO dvc SELECT range, 'n' || range FROM range(50)",
           "INSERT INTO dvc SELECT range, 'm' || range FROM range(50, 80)",
           "DELETE FROM dvc WHERE id % 7 = 0",
           "DELETE FROM dvc WHERE id BETWEEN 60 AND 64",
           "UPDATE dvc SET name = 'u' WHERE id % 5 = 1",
           "MERGE INTO dvc t USING (SELECT 3 AS id, 'x' AS name UNION ALL SELECT 500, 'y') s "
           "ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED THEN "
           "INSERT (id, name) VALUES (s.id, s.name)",
       }) {
    run(sql);
    ASSERT_FALSE(HasFailure()) << "setup statement failed";
  }
  const auto root = tableRoot("dvc");
  const auto commits = readLog(root);
  std::map<std::string, Json> live;
  bool sawVector = false;
  bool sawChangeFile = false;
  for (const auto& c : commits) {
    SCOPED_TRACE("version " + std::to_string(c.version));
    std::vector<std::string> changes;
    std::vector<std::string> inserted;
    bool hasCdc = false;
    for (const auto& a : c.actions) {
      if (a.contains("protocol") && c.version == 0) {
        EXPECT_EQ(a["protocol"].value("minReaderVersion", 0), 3);
        EXPECT_EQ(a["protocol"].value("minWriterVersion", 0), 7);
      }
      if (a.contains("remove")) live.erase(decodePath(a["remove"]["path"].get<std::string>()));
      if (a.contains("add")) {
        live[decodePath(a["add"]["path"].get<std::string>())] = a["add"];
        if (a["add"].value("dataChange", false)) {
          const auto file = resolveDataFile(root, a["add"]["path"].get<std::string>());
          for (const auto& row :
               conn->query("SELECT id FROM read_parquet(" + quoteSql(file.string()) + ")").rows) {
            inserted.push_back(text(row[0]) + " insert");
          }
        }
      }
      if (a.contains("cdc")) {
        hasCdc = sawChangeFile = true;
        EXPECT_FALSE(a["cdc"].value("dataChange", true));
        const auto file = resolveDataFile(root, a["cdc"]["path"].get<std::string>());
        for (const auto& row : conn->query("SELECT id, _change_type FROM read_parquet(" +
                                           quoteSql(file.string()) + ")")
                                   .rows) {
          changes.push_back(text(row[0]) + " " + text(row[1]));
        }
      }
    }
    // The rows of this version, from the files and their vectors.
    std::vector<std::string> expected;
    for (const auto& [path, add] : live) {
      const auto file = resolveDataFile(root, add["path"].get<std::string>());
      deletion_vector::Positions deleted;
      if (add.contains("deletionVector")) {
        sawVector = true;
        const auto& dv = add["deletionVector"];
        ASSERT_EQ(dv.value("storageType", ""), "u");
        const auto dvFile =
            root / deletion_vector::relativePathOfUuidDv(dv["pathOrInlineDv"].get<std::string>());
        std::ifstream in(dvFile, std::ios::binary);
        ASSERT_TRUE(in) << dvFile;
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        deleted = deletion_vector::readFromFile(bytes, dv["offset"].get<std::int32_t>(),
                                                dv["sizeInBytes"].get<std::int32_t>());
        EXPECT_EQ(static_cast<std::int64_t>(deleted.size()), dv["cardinality"].get<std::int64_t>());
      }
      const auto rows = conn->query("SELECT id, file_row_number FROM read_parquet(" +
                                    quoteSql(file.string()) + ", file_row_number = true)");
      for (const auto& row : rows.rows) {
        if (!std::binary_search(deleted.begin(), deleted.end(), row[1].get<std::uint64_t>())) {
          expected.push_back(text(row[0]));
        }
      }
    }
    std::sort(expected.begin(), expected.end());
    std::vector<std::string> got;
    for (const auto& row :
         run("SELECT id FROM dvc VERSION AS OF " + std::to_string(c.version)).rows) {
      got.push_back(text(row[0]));
    }
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected);
    // The change rows of this version.
    if (c.version == 0) continue;
    if (!hasCdc) changes = inserted;
    std::sort(changes.begin(), changes.end());
    std::vector<std::string> feed;
    const auto v = std::to_string(c.version);
    for (const auto& row :
         run("SELECT id, _change_type FROM table_changes('dvc', " + v + ", " + v + ")").rows) {
      feed.push_back(text(row[0]) + " " + text(row[1]));
    }
    std::sort(feed.begin(), feed.end());
    EXPECT_EQ(feed, changes);
  }
  EXPECT_TRUE(sawVector) << "the DELETEs wrote deletion vectors";
  EXPECT_TRUE(sawChangeFile) << "the DML wrote change files";
}

}  // namespace
}  // namespace clxs::kernel
