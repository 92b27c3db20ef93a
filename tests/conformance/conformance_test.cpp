// Runs tests/conformance/*.sql on a fresh local workspace each. Before a statement, a
// comment says what it must give:
//   -- rows: [[1, "a"], [2, null]]     exactly these rows, in order (values compared as text)
//   -- count: 3                        this many rows
//   -- error: TABLE_OR_VIEW_NOT_FOUND  fails with this error class
//   -- contains: text                  some cell of the result contains `text`
//   -- columns: a, b                   the result's column names, in order
// A statement without an expectation must succeed. `${ROOT}` in a statement is the test's
// temporary directory. One file-system step exists, for setting up CONVERT TO DELTA:
//   -- remove-dir: ${ROOT}/dir/_delta_log  removes that directory (only under ${ROOT})
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "kernel/workspace/local/local_workspace.hpp"
#include "kernel/workspace/local/sql/sql_lexer.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

struct Step {
  std::string sql;
  std::string kind;  // rows, count, error, contains, columns or ""
  std::string arg;
  int line = 0;
};

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// Statements end with a line whose last character is ';' (outside quotes is not checked:
// the scripts keep one statement per block).
std::vector<Step> parse(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<Step> steps;
  Step cur;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    const auto t = trim(line);
    if (t.rfind("-- ", 0) == 0 && cur.sql.empty()) {
      const auto body = t.substr(3);
      const auto colon = body.find(':');
      const auto key = body.substr(0, colon);
      if (colon != std::string::npos && key == "remove-dir") {
        steps.push_back(Step{"", key, trim(body.substr(colon + 1)), n});
        continue;
      }
      if (colon != std::string::npos && (key == "rows" || key == "count" || key == "error" ||
                                         key == "contains" || key == "columns")) {
        cur.kind = key;
        cur.arg = trim(body.substr(colon + 1));
      }
      continue;
    }
    if (t.empty() && cur.sql.empty()) continue;
    if (cur.sql.empty()) cur.line = n;
    cur.sql += line + "\n";
    if (!t.empty() && t.back() == ';') {
      steps.push_back(cur);
      cur = Step{};
    }
  }
  if (!trim(cur.sql).empty()) steps.push_back(cur);
  return steps;
}

std::string text(const Json& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, Script) {
  const std::filesystem::path file = std::filesystem::path(CLXS_CONFORMANCE_DIR) / GetParam();
  clxs::testing::TempDir dir;
  LocalWorkspaceOptions options;
  options.root = dir.path() / "local";
  options.currentUser = "tester@example.com";
  LocalWorkspace ws(options);
  LocalSession session;
  for (auto step : parse(file)) {
    // Scripts may name their temporary directory: ${ROOT} is the test's own one.
    for (auto* text : {&step.sql, &step.arg}) {
      for (auto at = text->find("${ROOT}"); at != std::string::npos; at = text->find("${ROOT}")) {
        text->replace(at, 7, dir.path().string());
      }
    }
    if (step.kind == "remove-dir") {
      const auto target = std::filesystem::path(step.arg).lexically_normal();
      ASSERT_EQ(target.string().rfind(dir.path().string() + "/", 0), 0u) << step.arg;
      std::filesystem::remove_all(target);
      continue;
    }
    SCOPED_TRACE(GetParam() + ":" + std::to_string(step.line) + ": " + trim(step.sql));
    ResultSet result;
    try {
      result = ws.execute(step.sql, session);
    } catch (const WorkspaceError& e) {
      const std::string msg = e.what();
      if (step.kind == "error") {
        EXPECT_EQ(msg.rfind("[" + step.arg + "]", 0), 0u) << msg;
        // No text of the embedded engine's reaches a user: its prefixes, suggestions,
        // signature lists, or the names the function library gives its own helpers.
        // (After the class: a class may hold a word such as NON_STRING_LITERAL.)
        const std::string text = msg.substr(msg.find(']') + 1);
        for (const char* internal : {"Error: ", "Did you mean", "Candidate functions", "clxs_",
                                     "__clxs", "LINE 1:", "_LITERAL"}) {
          EXPECT_EQ(text.find(internal), std::string::npos) << msg;
        }
      } else {
        ADD_FAILURE() << "failed: " << msg;
      }
      continue;
    }
    if (step.kind == "error") {
      ADD_FAILURE() << "expected error " << step.arg << ", got " << result.objects().dump();
    } else if (step.kind == "count") {
      EXPECT_EQ(result.rows.size(), std::stoul(step.arg)) << result.objects().dump();
    } else if (step.kind == "rows") {
      const Json want = Json::parse(step.arg);
      ASSERT_TRUE(want.is_array());
      ASSERT_EQ(result.rows.size(), want.size()) << result.objects().dump();
      for (std::size_t r = 0; r < want.size(); ++r) {
        ASSERT_EQ(result.rows[r].size(), want[r].size()) << "row " << r;
        for (std::size_t c = 0; c < want[r].size(); ++c) {
          EXPECT_EQ(text(result.rows[r][c]), text(want[r][c])) << "row " << r << " col " << c;
        }
      }
    } else if (step.kind == "columns") {
      std::string names;
      for (const auto& c : result.columns) names += (names.empty() ? "" : ", ") + c.name;
      EXPECT_EQ(names, step.arg);
    } else if (step.kind == "contains") {
      bool found = false;
      for (const auto& row : result.rows) {
        for (const auto& v : row) found |= text(v).find(step.arg) != std::string::npos;
      }
      EXPECT_TRUE(found) << result.objects().dump();
    }
  }
}

std::vector<std::string> scripts() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(CLXS_CONFORMANCE_DIR)) {
    if (e.path().extension() == ".sql") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

INSTANTIATE_TEST_SUITE_P(Scripts, Conformance, ::testing::ValuesIn(scripts()),
                         [](const auto& info) {
                           std::string name = info.param.substr(0, info.param.size() - 4);
                           for (auto& c : name) {
                             if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace clxs::kernel
