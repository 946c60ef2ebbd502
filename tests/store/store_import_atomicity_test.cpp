// What --strict, --dry-run and a file found broken mid-way leave in the database file, and
// the county every member row carries after its household moves.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "store/sqlite_probe.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

class StoreImportAtomicityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImportSmallRegions(db_);
    WriteFileBytes(households_, SampleHouseholdsCsv());
    Row bad = SampleHouseholds()[0];
    bad[0] = "GC009";
    bad[2] = MakeId("620123", "19660606", 141);
    bad[4] = "九组";  // a group that would be created
    bad[7] = "富裕户";
    Row new_group = SampleHouseholds()[1];
    new_group[0] = "GC010";
    new_group[2] = MakeId("620123", "19670707", 152);
    new_group[4] = "十组";
    WriteFileBytes(with_bad_row_, SampleHouseholdsCsv() + CsvText({bad, new_group}));
  }

  // Everything an import may write, as one comparable text.
  std::string Snapshot() {
    Connection connection = OpenReadOnly(db_);
    std::string text;
    for (const char* table : {"regions", "households", "persons"}) {
      text += std::string(table) + "=" +
              QueryText(connection.get(), std::string("SELECT count(*) FROM ") + table) + ";";
    }
    text +=
        QueryText(connection.get(),
                  "SELECT group_concat(household_no || ':' || phone || ':' || row_hash, ',') FROM "
                  "(SELECT * FROM households ORDER BY household_no)");
    return text;
  }

  TempDir dir_;
  std::string db_ = dir_.File("registry.db");
  std::string households_ = dir_.File("households.csv");
  std::string with_bad_row_ = dir_.File("with-bad-row.csv");
};

TEST_F(StoreImportAtomicityTest, StrictStoresNothingNotEvenNewGroups) {
  const std::string before = Snapshot();
  const ProcessResult strict = ImportFile(db_, "households", with_bad_row_, {"--strict"});
  EXPECT_EQ(strict.exit_code, 3) << strict.Describe();
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(Count(db_, "households"), 0);

  ASSERT_EQ(ImportFile(db_, "households", households_).exit_code, 0);
  const std::string stored = Snapshot();
  const std::string edited = dir_.File("edited.csv");
  std::string text = ReadFileBytes(with_bad_row_);
  text.replace(text.find("13912345678"), 11, "13700000000");
  WriteFileBytes(edited, text);
  EXPECT_EQ(ImportFile(db_, "households", edited, {"--strict", "--batch-size", "2"}).exit_code, 3);
  EXPECT_EQ(Snapshot(), stored);
}

TEST_F(StoreImportAtomicityTest, DryRunStoresNothing) {
  const std::string before = Snapshot();
  const ProcessResult dry = ImportFile(db_, "households", households_, {"--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.Describe();
  EXPECT_EQ(IntAt(ParseJsonOutput(dry), "rejected"), 0);
  EXPECT_EQ(Snapshot(), before);
  const ProcessResult dry_bad =
      ImportFile(db_, "households", with_bad_row_, {"--dry-run", "--batch-size", "2"});
  EXPECT_EQ(dry_bad.exit_code, 3) << dry_bad.Describe();
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(StoreImportAtomicityTest, FileFoundBrokenAfterRowsWereWrittenStoresNothing) {
  // Over 1 MiB, so the reader meets the unterminated quote at the end after the rows before
  // it were written in the batch, new groups included: the batch must roll back.
  std::vector<Row> rows = {
      {"户编号", "户主姓名", "户主证件号码", "所属村代码", "村民小组", "户属性"}};
  for (int index = 0; index < 20000; ++index) {
    char birth[16];
    std::snprintf(birth, sizeof birth, "19%02d0%d%02d", 40 + index / 9000 % 50, 1 + index / 999 % 9,
                  1 + index % 28);
    rows.push_back({"T" + std::to_string(100000 + index), "农户",
                    MakeId("620123", birth, index % 999 + 1), kVillageB,
                    std::to_string(index % 7 + 1) + "组", "一般农户"});
  }
  const std::string text = CsvText(rows) + "T99999,\"王,";
  ASSERT_GT(text.size(), 1u << 20);
  const std::string before = Snapshot();
  const std::string truncated = dir_.File("truncated.csv");
  WriteFileBytes(truncated, text);
  const ProcessResult result = ImportFile(db_, "households", truncated);
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(StoreImportAtomicityTest, MembersFollowTheirHouseholdToAnotherCounty) {
  // Regression (fixed): src/store/household_store.cpp HouseholdStore::UpsertBatch updates a
  // household's village_code and county_code when a re-import corrects its 所属村代码, but leaves
  // persons.county_code (the distribution column every large table carries) at the old
  // county for all of its members.
  const std::string other_county = dir_.File("other-county.csv");
  WriteFileBytes(other_county,
                 "code,name,parent_code\r\n6209,酒泉市,62\r\n620902,肃州区,6209\r\n"
                 "620902108,泉湖镇,620902\r\n620902108201,四坝村,620902108\r\n");
  ASSERT_EQ(RunShuanglian({"regions", "import", other_county, "--db", db_}).exit_code, 0);
  ASSERT_EQ(ImportFile(db_, "households", households_).exit_code, 0);
  const std::string persons = dir_.File("persons.csv");
  WriteFileBytes(persons, SamplePersonsCsv());
  ASSERT_EQ(ImportFile(db_, "persons", persons).exit_code, 0);

  std::vector<Row> moved = {HouseholdHeader()};
  for (Row row : SampleHouseholds()) {
    if (row[0] == "GC001") {
      row[3] = "620902108201";  // the office corrects the village code
    }
    moved.push_back(row);
  }
  const std::string corrected = dir_.File("corrected.csv");
  WriteFileBytes(corrected, CsvText(moved));
  const ProcessResult result = ImportFile(db_, "households", corrected);
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_EQ(IntAt(ParseJsonOutput(result), "updated"), 1);

  Connection connection = OpenReadOnly(db_);
  EXPECT_EQ(QueryText(connection.get(),
                      "SELECT county_code FROM households WHERE household_no = 'GC001'"),
            "620902");
  EXPECT_EQ(QueryInt(connection.get(),
                     "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id "
                     "WHERE p.county_code <> h.county_code"),
            0);
  // And so do its counts (regression: their county stayed behind, and a later transfer to
  // PostgreSQL then failed on the counts' foreign key to (county_code, id)).
  EXPECT_EQ(QueryInt(connection.get(),
                     "SELECT count(*) FROM household_counts c JOIN households h ON h.id = "
                     "c.household_id WHERE h.household_no = 'GC001' AND c.county_code = "
                     "h.county_code AND c.member_count = 3"),
            1);
  EXPECT_EQ(QueryInt(connection.get(),
                     "SELECT count(*) FROM household_counts c JOIN households h ON h.id = "
                     "c.household_id WHERE c.county_code <> h.county_code"),
            0);
  EXPECT_EQ(IntAt(StatsOf(db_, "620902108201"), "persons"), 3);
}

}  // namespace
}  // namespace shuanglian::testing
