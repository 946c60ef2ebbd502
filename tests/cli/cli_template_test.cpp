// `shuanglian template households|persons -o FILE`: an empty template whose header the
// import recognises (issue 2, item 5). The XLSX sheets are read in
// tests/ingest/import_xlsx_cli_test.cpp.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

class CliTemplateTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db_ = dir_.File("registry.db");
};

TEST_F(CliTemplateTest, EmptyTemplatesImportAsZeroRows) {
  for (const std::string kind : {"households", "persons"}) {
    for (const std::string extension : {"csv", "xlsx"}) {
      SCOPED_TRACE(kind + "." + extension);
      const std::string path = dir_.File(kind + "-template." + extension);
      const ProcessResult made = RunShuanglian({"template", kind, "-o", path, "--db", db_});
      ASSERT_EQ(made.exit_code, 0) << made.Describe();
      ASSERT_TRUE(std::filesystem::exists(path));
      const ProcessResult imported = ImportFile(db_, kind, path);
      EXPECT_EQ(imported.exit_code, 0) << imported.Describe();
      const boost::json::value summary = ParseJsonOutput(imported);
      EXPECT_EQ(IntAt(summary, "rows"), 0);
      EXPECT_EQ(IntAt(summary, "rejected"), 0);
      EXPECT_TRUE(summary.at("warnings").as_array().empty()) << WarningsText(summary);
      EXPECT_NE(TextAt(summary, "format").find(extension == "csv" ? "CSV" : "XLSX"),
                std::string::npos);
    }
  }
}

TEST_F(CliTemplateTest, CsvTemplateHeaderNamesEveryRequiredColumn) {
  const std::string path = dir_.File("households.csv");
  ASSERT_EQ(RunShuanglian({"template", "households", "-o", path, "--db", db_}).exit_code, 0);
  const auto rows = ParseSimpleCsv(ReadFileBytes(path));
  ASSERT_EQ(rows.size(), 1u);
  for (const std::string required :
       {"户编号*", "户主姓名*", "户主证件号码*", "所属村代码*", "户属性*"}) {
    EXPECT_NE(std::find(rows[0].begin(), rows[0].end(), required), rows[0].end()) << required;
  }
  for (const std::string optional :
       {"村民小组", "家庭人口数", "联系电话", "主要致贫原因", "其他致贫原因", "人均纯收入",
        "耕地面积", "是否危房", "识别年度", "脱贫状态"}) {
    EXPECT_NE(std::find(rows[0].begin(), rows[0].end(), optional), rows[0].end()) << optional;
  }
}

TEST_F(CliTemplateTest, FilledCsvTemplateImports) {
  // An office fills the template's columns: the starred header is the import's header.
  ImportSmallRegions(db_);
  const std::string path = dir_.File("households.csv");
  ASSERT_EQ(RunShuanglian({"template", "households", "-o", path, "--db", db_}).exit_code, 0);
  const Row header = ParseSimpleCsv(ReadFileBytes(path))[0];
  std::vector<Row> rows = {header};
  for (const Row& household : SampleHouseholds()) {
    Row row(header.size());
    for (std::size_t column = 0; column < header.size(); ++column) {
      std::string name = header[column];
      if (!name.empty() && name.back() == '*') {
        name.pop_back();
      }
      const auto found = std::find(HouseholdHeader().begin(), HouseholdHeader().end(), name);
      if (found != HouseholdHeader().end()) {
        row[column] = household[static_cast<std::size_t>(found - HouseholdHeader().begin())];
      }
    }
    rows.push_back(row);
  }
  WriteFileBytes(path, "\xEF\xBB\xBF" + CsvText(rows));
  const ProcessResult result = ImportFile(db_, "households", path);
  EXPECT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_EQ(IntAt(ParseJsonOutput(result), "imported"), kSampleHouseholds);
}

TEST_F(CliTemplateTest, WrongExtensionOrKindExitsTwo) {
  const ProcessResult extension =
      RunShuanglian({"template", "households", "-o", dir_.File("t.txt"), "--db", db_});
  EXPECT_EQ(extension.exit_code, 2) << extension.Describe();
  EXPECT_NE(extension.err.find(".xlsx"), std::string::npos) << extension.err;
  const ProcessResult kind =
      RunShuanglian({"template", "villagers", "-o", dir_.File("t.csv"), "--db", db_});
  EXPECT_EQ(kind.exit_code, 2) << kind.Describe();
  EXPECT_FALSE(std::filesystem::exists(dir_.File("t.csv")));
}

}  // namespace
}  // namespace shuanglian::testing
