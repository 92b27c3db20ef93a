#include "plugins/notebooks/notebook_export.hpp"

#include <gtest/gtest.h>

#include <string>

namespace clxs::notebooks {
namespace {

constexpr const char* kAt = "2024-05-01T10:00:00.000Z";

Json notebook(Json cells, std::string title = "Sales check") {
  return Json{{"id", "nb-1"}, {"title", std::move(title)}, {"cells", std::move(cells)}};
}

Json sql(std::string text) {
  return Json{{"id", "s"}, {"type", "sql"}, {"content", std::move(text)}};
}
Json md(std::string text) {
  return Json{{"id", "m"}, {"type", "markdown"}, {"content", std::move(text)}};
}

const std::string kHeader =
    "-- Notebook: Sales check\n-- Notebook id: nb-1\n-- Exported: 2024-05-01T10:00:00.000Z\n";

TEST(ExportSql, HeaderOnlyForAnEmptyNotebook) {
  EXPECT_EQ(exportSql(notebook(Json::array()), kAt), kHeader);
}

TEST(ExportSql, SqlCellsEndWithOneSemicolonSeparatedByBlankLines) {
  const std::string out =
      exportSql(notebook(Json::array({sql("SELECT 1"), sql("SELECT 2;\n\n"), sql("  ")})), kAt);
  EXPECT_EQ(out, kHeader + "\nSELECT 1;\n\nSELECT 2;\n");
}

TEST(ExportSql, MarkdownCellsBecomeCommentLines) {
  const std::string out = exportSql(
      notebook(Json::array({md("# Revenue\n\nBy region  \r\nonly"), sql("SELECT 1")})), kAt);
  EXPECT_EQ(out, kHeader + "\n-- # Revenue\n--\n-- By region\n-- only\n\nSELECT 1;\n");
}

TEST(ExportSql, MultiLineSqlKeepsItsLayout) {
  const std::string out =
      exportSql(notebook(Json::array({sql("\n  SELECT a,\n         b\n  FROM t\n")})), kAt);
  EXPECT_EQ(out, kHeader + "\n  SELECT a,\n         b\n  FROM t;\n");
}

TEST(ExportSql, SemicolonAfterATrailingLineCommentGoesOnItsOwnLine) {
  const std::string out = exportSql(notebook(Json::array({sql("SELECT 1 -- one")})), kAt);
  EXPECT_EQ(out, kHeader + "\nSELECT 1 -- one\n;\n");
}

TEST(ExportSql, CommentOnlySqlCellGetsNoEmptyStatement) {
  const std::string out = exportSql(notebook(Json::array({sql("-- todo\n  -- later")})), kAt);
  EXPECT_EQ(out, kHeader + "\n-- todo\n  -- later\n");
}

TEST(ExportSql, TitleWithLineBreaksStaysInTheHeaderComment) {
  const std::string out = exportSql(notebook(Json::array(), "Two\nlines\r\nDROP TABLE x"), kAt);
  EXPECT_NE(out.find("-- Notebook: Two lines  DROP TABLE x\n"), std::string::npos);
  // Every line of the header is a comment.
  std::size_t start = 0;
  while (start < out.size()) {
    EXPECT_EQ(out.compare(start, 3, "-- "), 0) << out.substr(start);
    start = out.find('\n', start) + 1;
  }
}

TEST(ExportFilename, KeepsSafeCharactersAndCollapsesTheRest) {
  EXPECT_EQ(exportFilename("Sales check: Q1/Q2", "id"), "Sales_check_Q1_Q2.sql");
  EXPECT_EQ(exportFilename("my-notebook_v2", "id"), "my-notebook_v2.sql");
  EXPECT_EQ(exportFilename("  ../../etc/passwd  ", "id"), "etc_passwd.sql");
  EXPECT_EQ(exportFilename("\"quoted\"; rm -rf", "id"), "quoted_rm_-rf.sql");
}

TEST(ExportFilename, FallsBackToTheIdWhenNothingIsLeft) {
  EXPECT_EQ(exportFilename("日本語", "0f8fad5b-d9cb"), "0f8fad5b-d9cb.sql");
  EXPECT_EQ(exportFilename("", "nb_1"), "nb_1.sql");
  EXPECT_EQ(exportFilename("", ""), "notebook.sql");
}

TEST(ExportFilename, CutsLongTitles) {
  const std::string name = exportFilename(std::string(300, 'a'), "id");
  EXPECT_EQ(name, std::string(100, 'a') + ".sql");
}

}  // namespace
}  // namespace clxs::notebooks
