// Every validation rule of an import, one bad row per rule, each reported on its spreadsheet
// row with its column and code (issue 2, "Every row is validated").

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

struct ExpectedError {
  std::int64_t row;
  std::string column;
  std::string code;
};

// Every rule runs on both backends: an import into PostgreSQL reports the same rows,
// columns and codes as one into SQLite (issue 3).
class CliImportRulesTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    SHUANGLIAN_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<TestDatabase>(GetParam());
    db_ = database_->target();
    ImportSmallRegions(db_);
  }

  std::string WriteCsv(const std::string& name, const std::vector<Row>& rows) {
    const std::string path = dir_.File(name);
    WriteFileBytes(path, CsvText(rows));
    return path;
  }

  void ImportSample() {
    const std::string households = dir_.File("sample-households.csv");
    WriteFileBytes(households, SampleHouseholdsCsv());
    const ProcessResult result = ImportFile(db_, "households", households);
    ASSERT_EQ(result.exit_code, 0) << result.Describe();
  }

  // Each expected error is present, and every row listed as bad is the only one rejected.
  static void ExpectErrors(const boost::json::value& summary,
                           const std::vector<ExpectedError>& expected) {
    const std::vector<ReportedError> errors = ErrorsOf(summary);
    for (const ExpectedError& want : expected) {
      EXPECT_NE(FindError(errors, want.row, want.column, want.code), nullptr)
          << "missing error: row " << want.row << " [" << want.column << "] " << want.code
          << "\nreported:\n"
          << DescribeErrors(errors);
    }
    std::set<std::int64_t> expected_rows;
    for (const ExpectedError& want : expected) {
      expected_rows.insert(want.row);
    }
    for (const ReportedError& error : errors) {
      EXPECT_TRUE(expected_rows.contains(error.row))
          << "unexpected error on row " << error.row << ": [" << error.column << "] " << error.code
          << " " << error.message;
    }
    EXPECT_EQ(IntAt(summary, "rejected"), static_cast<std::int64_t>(expected_rows.size()));
  }

  TempDir dir_;
  std::unique_ptr<TestDatabase> database_;
  std::string db_;
};

TEST_P(CliImportRulesTest, EveryHouseholdRuleReportsItsRowColumnAndCode) {
  const SampleIds& id = Ids();
  const Row good = SampleHouseholds()[0];  // GC001, row 2
  const auto variant = [&](const std::string& number, int field, const std::string& value,
                           const std::string& head_id) {
    Row row = good;
    row[0] = number;
    row[2] = head_id;
    row[static_cast<std::size_t>(field)] = value;
    return row;
  };
  // A fresh head for each bad row, so that only the rule under test can fail.
  int sequence = 300;
  const auto head = [&] { return MakeId("620123", "19700101", sequence += 2); };
  const std::vector<Row> rows = {
      HouseholdHeader(),
      good,                                                    // 2: valid
      variant("R03", 2, WithWrongCheck(head()), ""),           // 3
      variant("R04", 2, "6.20902E+17", ""),                    // 4
      variant("R05", 3, "620123105299", head()),               // 5: no such village
      variant("R06", 3, kTownship, head()),                    // 6: a township, not a village
      variant("R07", 7, "富裕户", head()),                     // 7: not in the dictionary
      variant("R08", 10, "-100", head()),                      // 8: negative income
      variant("R09", 11, "-2.5", head()),                      // 9: negative land
      variant("GC001", 1, "张建业", head()),                   // 10: number repeated in file
      variant("R11", 1, "张重复", id.zhang_head),              // 11: head of row 2 again
      variant("R12", 1, "", head()),                           // 12: required name missing
      variant("R13", 12, "也许", head()),                      // 13: yes/no dictionary
      variant("R14", 2, MakeId("620123", "20300101", 1), ""),  // 14: born in the future
      variant("R15", 2, "620123198002300019", ""),             // 15: no 30 February
      variant("R16", 13, "2030", head()),                      // 16: year after today
      variant("R17", 6, "12345", head()),                      // 17: not a phone number
      variant("R18", 5, "0", head()),                          // 18: members out of range
      variant("R19", 8, "因懒", head()),                       // 19: cause not in dictionary
      variant("R20", 9, "因病、因穷", head()),                 // 20: one of the causes unknown
      variant("R21", 3, "6.20123E+11", head()),                // 21: village code as number
  };
  const ProcessResult result = ImportFile(db_, "households", WriteCsv("rules.csv", rows));
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(IntAt(summary, "rows"), 20);
  EXPECT_EQ(IntAt(summary, "imported"), 1);
  ExpectErrors(summary, {
                            {3, "户主证件号码", "id_check_digit"},
                            {4, "户主证件号码", "id_excel_number"},
                            {5, "所属村代码", "unknown_village"},
                            {6, "所属村代码", "bad_village_code"},
                            {7, "户属性", "not_in_dictionary"},
                            {8, "人均纯收入", "negative"},
                            {9, "耕地面积", "negative"},
                            {10, "户编号", "duplicate_in_file"},
                            {11, "户主证件号码", "head_heads_other_household"},
                            {12, "户主姓名", "required"},
                            {13, "是否危房", "not_in_dictionary"},
                            {14, "户主证件号码", "id_birth_future"},
                            {15, "户主证件号码", "id_birth_date"},
                            {16, "识别年度", "out_of_range"},
                            {17, "联系电话", "bad_phone"},
                            {18, "家庭人口数", "out_of_range"},
                            {19, "主要致贫原因", "not_in_dictionary"},
                            {20, "其他致贫原因", "not_in_dictionary"},
                            {21, "所属村代码", "village_code_excel_number"},
                        });
  // The Excel message tells the office what to do: format the column as text.
  const auto errors = ErrorsOf(summary);
  const ReportedError* excel = FindError(errors, 4, "户主证件号码", "id_excel_number");
  ASSERT_NE(excel, nullptr);
  EXPECT_NE(excel->message.find("文本"), std::string::npos) << excel->message;
  EXPECT_NE(excel->message.find("6.20902E+17"), std::string::npos) << excel->message;
  const ReportedError* repeat = FindError(errors, 10, "户编号", "duplicate_in_file");
  ASSERT_NE(repeat, nullptr);
  EXPECT_NE(repeat->message.find("第 2 行"), std::string::npos) << repeat->message;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{1, 0}));
}

TEST_P(CliImportRulesTest, ExcelNumberWithLostDigitsIsRejectedWithTextColumnAdvice) {
  // Excel keeps 15 significant digits: 620123198511110714 becomes 620123198511110000.
  Row row = SampleHouseholds()[3];
  row[2] = "620123198511110000";
  const ProcessResult result =
      ImportFile(db_, "households", WriteCsv("lost.csv", {HouseholdHeader(), row}));
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const auto errors = ErrorsOf(ParseJsonOutput(result));
  ASSERT_EQ(errors.size(), 1u) << DescribeErrors(errors);
  EXPECT_EQ(errors[0].row, 2);
  EXPECT_EQ(errors[0].column, "户主证件号码");
  EXPECT_NE(errors[0].message.find("文本"), std::string::npos) << errors[0].message;
}

TEST_P(CliImportRulesTest, HeadAlreadyHeadingAStoredHouseholdIsRejected) {
  ImportSample();
  Row row = SampleHouseholds()[3];  // GC004's head, under a new number
  row[0] = "GC201";
  const ProcessResult result =
      ImportFile(db_, "households", WriteCsv("second.csv", {HouseholdHeader(), row}));
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  ExpectErrors(summary, {{2, "户主证件号码", "head_heads_other_household"}});
  const auto errors = ErrorsOf(summary);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].message.find("GC004"), std::string::npos) << errors[0].message;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, 0}));
}

TEST_P(CliImportRulesTest, DuplicateHouseholdNumberIsFoundInOneBatchAndAcrossBatches) {
  const std::vector<Row> sample = SampleHouseholds();
  Row repeat_first = sample[0];
  repeat_first[1] = "张另一";
  repeat_first[2] = MakeId("620123", "19770707", 201);
  Row repeat_second = sample[1];
  repeat_second[1] = "李另一";
  repeat_second[2] = MakeId("620123", "19770707", 211);
  const std::vector<Row> rows = {
      HouseholdHeader(),
      sample[0],      // 2  batch 1
      repeat_first,   // 3  batch 1: the same number in the same batch
      sample[1],      // 4  batch 2
      sample[2],      // 5  batch 2
      repeat_second,  // 6  batch 3: the number of row 4, committed in an earlier batch
      sample[3],      // 7
  };
  const ProcessResult result =
      ImportFile(db_, "households", WriteCsv("repeats.csv", rows), {"--batch-size", "2"});
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "imported"), 4);
  ExpectErrors(summary, {{3, "户编号", "duplicate_in_file"}, {6, "户编号", "duplicate_in_file"}});
  const auto errors = ErrorsOf(summary);
  const ReportedError* within = FindError(errors, 3, "户编号", "duplicate_in_file");
  const ReportedError* across = FindError(errors, 6, "户编号", "duplicate_in_file");
  ASSERT_NE(within, nullptr);
  ASSERT_NE(across, nullptr);
  EXPECT_NE(within->message.find("第 2 行"), std::string::npos) << within->message;
  EXPECT_NE(across->message.find("第 4 行"), std::string::npos) << across->message;

  // The same file again: the stored rows are unchanged and the repeats are still repeats.
  const ProcessResult again =
      ImportFile(db_, "households", dir_.File("repeats.csv"), {"--batch-size", "2"});
  const boost::json::value second = ParseJsonOutput(again);
  EXPECT_EQ(IntAt(second, "unchanged"), 4);
  EXPECT_EQ(IntAt(second, "imported"), 0);
  EXPECT_EQ(IntAt(second, "updated"), 0);
  ExpectErrors(second, {{3, "户编号", "duplicate_in_file"}, {6, "户编号", "duplicate_in_file"}});
}

TEST_P(CliImportRulesTest, EveryPersonRuleReportsItsRowColumnAndCode) {
  ImportSample();
  const SampleIds& id = Ids();
  const std::vector<Row> persons = SamplePersons();
  const auto person = [&](std::size_t index, int field, const std::string& value) {
    Row row = persons[index];
    row[static_cast<std::size_t>(field)] = value;
    return row;
  };
  Row second_head = persons[2];
  second_head[1] = "张二";
  second_head[2] = MakeId("620123", "19700101", 151);
  second_head[3] = "户主";
  Row male_spouse = persons[7];
  male_spouse[2] = MakeId("620123", "19860101", 161);  // odd: a man, like the head
  male_spouse[4] = "";
  Row unknown_household = persons[0];
  unknown_household[0] = "GC999";
  unknown_household[2] = MakeId("620123", "19700101", 171);
  unknown_household[4] = "";
  unknown_household[5] = "";
  Row repeated_id = persons[11];
  repeated_id[2] = id.wang_head;
  Row wrong_head = persons[10];
  wrong_head[2] = MakeId("620123", "19900909", 113);
  Row second_spouse = persons[1];
  second_spouse[1] = "第二配偶";
  second_spouse[2] = MakeId("620123", "19830303", 182);
  Row excel_id = persons[9];
  excel_id[2] = "6.20123E+17";

  const std::vector<Row> rows = {
      PersonHeader(),
      persons[0],                   // 2  GC001 户主
      persons[1],                   // 3  GC001 配偶
      person(2, 5, "2010-07-08"),   // 4  birth date not the ID's 2010-07-07
      person(3, 4, "男"),           // 5  李秀英's ID says woman
      second_head,                  // 6  GC001 has a 户主 (row 2)
      persons[6],                   // 7  GC004 户主, a man
      male_spouse,                  // 8  GC004 配偶, also a man
      unknown_household,            // 9  GC999 is not imported
      excel_id,                     // 10 ID turned into a number
      person(4, 7, "博士后"),       // 11 education not in the dictionary
      persons[5],                   // 12 GC003 户主
      repeated_id,                  // 13 the ID of row 12 again
      wrong_head,                   // 14 GC005 户主 is not the household's head
      person(8, 12, "13"),          // 15 13 months of work
      second_spouse,                // 16 GC001 has a 配偶 (row 3)
      person(12, 5, "2015-13-01"),  // 17 not a date
  };
  const ProcessResult result = ImportFile(db_, "persons", WriteCsv("person-rules.csv", rows));
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(IntAt(summary, "rows"), 16);
  EXPECT_EQ(IntAt(summary, "imported"), 4);
  ExpectErrors(summary, {
                            {4, "出生日期", "birth_date_disagrees_with_id"},
                            {5, "性别", "sex_disagrees_with_id"},
                            {6, "与户主关系", "second_head"},
                            {8, "性别", "spouse_same_sex"},
                            {9, "户编号", "unknown_household"},
                            {10, "证件号码", "id_excel_number"},
                            {11, "文化程度", "not_in_dictionary"},
                            {13, "证件号码", "duplicate_in_file"},
                            {14, "证件号码", "head_not_household_head"},
                            {15, "务工时间", "out_of_range"},
                            {16, "与户主关系", "second_spouse"},
                            {17, "出生日期", "bad_date"},
                        });
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, 4}));
}

TEST_P(CliImportRulesTest, RolesAreCheckedAgainstMembersStoredByEarlierImports) {
  ImportSample();
  const std::vector<Row> persons = SamplePersons();
  const ProcessResult first =
      ImportFile(db_, "persons", WriteCsv("heads.csv", {PersonHeader(), persons[0], persons[6]}));
  ASSERT_EQ(first.exit_code, 0) << first.Describe();

  Row second_head = persons[2];
  second_head[3] = "户主";
  Row male_spouse = persons[7];
  male_spouse[2] = MakeId("620123", "19860101", 161);
  const ProcessResult second =
      ImportFile(db_, "persons", WriteCsv("later.csv", {PersonHeader(), second_head, male_spouse}));
  EXPECT_EQ(second.exit_code, 3) << second.Describe();
  ExpectErrors(ParseJsonOutput(second),
               {{2, "与户主关系", "second_head"}, {3, "性别", "spouse_same_sex"}});
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, 2}));
}

TEST_P(CliImportRulesTest, DuplicatePersonIdIsFoundAcrossBatches) {
  ImportSample();
  const std::vector<Row> persons = SamplePersons();
  Row repeated = persons[4];
  repeated[2] = persons[0][2];
  repeated[3] = "之女";
  const std::vector<Row> rows = {PersonHeader(), persons[0], persons[1], persons[3], repeated};
  const ProcessResult result =
      ImportFile(db_, "persons", WriteCsv("id-repeat.csv", rows), {"--batch-size", "2"});
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  ExpectErrors(summary, {{5, "证件号码", "duplicate_in_file"}});
  EXPECT_EQ(IntAt(summary, "imported"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, CliImportRulesTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         [](const ::testing::TestParamInfo<TestBackend>& backend) {
                           return BackendName(backend.param);
                         });

}  // namespace
}  // namespace shuanglian::testing
