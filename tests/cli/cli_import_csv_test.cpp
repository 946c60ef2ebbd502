// `shuanglian import households|persons FILE` on CSV files as offices make them: the JSON
// summary, encodings, columns found by header, files that cannot be read, re-import,
// --strict, --dry-run and --report (issue 2, item 5).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

bool IsUtf8(std::string_view bytes) {
  return Convert(bytes, "UTF-8", "UTF-16LE").has_value();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "no “" << from << "” in " << text;
    return text;
  }
  return text.replace(at, from.size(), to);
}

class CliImportCsvTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportSmallRegions(db_); }

  std::string Write(const std::string& name, std::string_view bytes) {
    const std::string path = dir_.File(name);
    WriteFileBytes(path, bytes);
    return path;
  }

  // The sample households plus two rows that fail: 户属性 and 人均纯收入.
  std::string SampleWithTwoBadRows() {
    Row unknown_category = SampleHouseholds()[0];
    unknown_category[0] = "GC006";
    unknown_category[2] = MakeId("620123", "19660606", 141);
    unknown_category[7] = "富裕户";
    Row negative_income = SampleHouseholds()[1];
    negative_income[0] = "GC007";
    negative_income[2] = MakeId("620123", "19670707", 152);
    negative_income[10] = "-5";
    return SampleHouseholdsCsv() + CsvText({unknown_category, negative_income});
  }

  TempDir dir_;
  std::string db_ = dir_.File("registry.db");
};

TEST_F(CliImportCsvTest, JsonSummaryHasTheDocumentedKeys) {
  const std::string path = Write("households.csv", SampleWithTwoBadRows());
  const ProcessResult result = ImportFile(db_, "households", path);
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  ASSERT_TRUE(summary.is_object());
  const std::set<std::string> documented = {"file",      "rows",     "imported", "updated",
                                            "unchanged", "rejected", "warnings", "errors"};
  const std::set<std::string> extras = {"format", "job", "committed"};
  std::set<std::string> expected = documented;
  expected.insert(extras.begin(), extras.end());
  EXPECT_EQ(KeysOf(summary), expected);
  EXPECT_EQ(TextAt(summary, "file"), path);
  EXPECT_EQ(IntAt(summary, "rows"), 7);
  EXPECT_EQ(IntAt(summary, "imported"), 5);
  EXPECT_EQ(IntAt(summary, "updated"), 0);
  EXPECT_EQ(IntAt(summary, "unchanged"), 0);
  EXPECT_EQ(IntAt(summary, "rejected"), 2);
  EXPECT_TRUE(summary.at("warnings").is_array());
  ASSERT_TRUE(summary.at("errors").is_array());
  ASSERT_EQ(summary.at("errors").as_array().size(), 2u);
  for (const boost::json::value& error : summary.at("errors").as_array()) {
    EXPECT_EQ(KeysOf(error), (std::set<std::string>{"row", "column", "code", "message"}));
    EXPECT_TRUE(error.at("row").is_int64());
  }
  const auto errors = ErrorsOf(summary);
  EXPECT_NE(FindError(errors, 7, "户属性", "not_in_dictionary"), nullptr) << DescribeErrors(errors);
  EXPECT_NE(FindError(errors, 8, "人均纯收入", "negative"), nullptr) << DescribeErrors(errors);
  // Nothing but the JSON object on stdout.
  EXPECT_EQ(result.out.find('\n'), result.out.size() - 1) << result.out;

  const ProcessResult clean = ImportFile(db_, "households", Write("ok.csv", SampleHouseholdsCsv()));
  EXPECT_EQ(clean.exit_code, 0) << clean.Describe();
  EXPECT_TRUE(ParseJsonOutput(clean).at("errors").as_array().empty());
}

TEST_F(CliImportCsvTest, HumanOutputNamesRowColumnAndReason) {
  const std::string path = Write("households.csv", SampleWithTwoBadRows());
  const ProcessResult result = RunShuanglian({"import", "households", path, "--db", db_});
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  EXPECT_NE(result.out.find("第 7 行 [户属性]"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("富裕户"), std::string::npos) << result.out;
}

TEST_F(CliImportCsvTest, GbkFixtureIsDetectedAndDecoded) {
  const std::string fixture = FixturePath("households_gbk.csv");
  ASSERT_FALSE(IsUtf8(ReadFileBytes(fixture))) << "the fixture must be GBK bytes";
  const ProcessResult result = ImportFile(db_, "households", fixture);
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  ASSERT_TRUE(summary.is_object());
  EXPECT_NE(TextAt(summary, "format").find("GBK"), std::string::npos);
  EXPECT_EQ(IntAt(summary, "rows"), 6);
  EXPECT_EQ(IntAt(summary, "imported"), 5);
  EXPECT_EQ(IntAt(summary, "rejected"), 1);
  const auto errors = ErrorsOf(summary);
  const ReportedError* error = FindError(errors, 7, "户属性", "not_in_dictionary");
  ASSERT_NE(error, nullptr) << DescribeErrors(errors);
  EXPECT_NE(error->message.find("富裕户"), std::string::npos) << error->message;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{5, 0}));

  // The GBK file holds the same households as the UTF-8 sample: importing that changes nothing.
  const ProcessResult utf8 =
      ImportFile(db_, "households", Write("utf8.csv", SampleHouseholdsCsv()));
  const boost::json::value same = ParseJsonOutput(utf8);
  EXPECT_EQ(IntAt(same, "unchanged"), kSampleHouseholds) << utf8.Describe();
  EXPECT_EQ(IntAt(same, "updated"), 0) << utf8.Describe();
}

TEST_F(CliImportCsvTest, ReportOfGbkInputIsGbkAndImportsOnceFixed) {
  const std::string report = dir_.File("rejected.csv");
  const ProcessResult result =
      ImportFile(db_, "households", FixturePath("households_gbk.csv"), {"--report", report});
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const std::string bytes = ReadFileBytes(report);
  ASSERT_FALSE(bytes.empty());
  EXPECT_FALSE(IsUtf8(bytes)) << "a report of a GBK file must be GBK";
  const auto text = Convert(bytes, "GBK", "UTF-8");
  ASSERT_TRUE(text.has_value());
  const auto rows = ParseSimpleCsv(*text);
  ASSERT_EQ(rows.size(), 2u) << *text;
  ASSERT_EQ(rows[0].size(), HouseholdHeader().size() + 1);
  EXPECT_EQ(rows[0].back(), "错误原因");
  EXPECT_EQ(rows[1][0], "GC006");
  EXPECT_EQ(rows[1][7], "富裕户");  // as it was
  EXPECT_NE(rows[1].back().find("户属性"), std::string::npos) << rows[1].back();

  const auto fixed = Convert(Replace(*text, ",富裕户,", ",一般农户,"), "UTF-8", "GBK");
  ASSERT_TRUE(fixed.has_value());
  const ProcessResult again = ImportFile(db_, "households", Write("fixed.csv", *fixed));
  EXPECT_EQ(again.exit_code, 0) << again.Describe();
  const boost::json::value summary = ParseJsonOutput(again);
  EXPECT_EQ(IntAt(summary, "imported"), 1);
  EXPECT_EQ(IntAt(summary, "rejected"), 0);
  EXPECT_EQ(WarningsText(summary).find("错误原因"), std::string::npos) << WarningsText(summary);
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{6, 0}));
}

TEST_F(CliImportCsvTest, Utf8WithByteOrderMarkIsRead) {
  const ProcessResult result =
      ImportFile(db_, "households", Write("bom.csv", "\xEF\xBB\xBF" + SampleHouseholdsCsv()));
  EXPECT_EQ(result.exit_code, 0) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_NE(TextAt(summary, "format").find("UTF-8"), std::string::npos);
  EXPECT_EQ(IntAt(summary, "imported"), kSampleHouseholds);
  EXPECT_EQ(WarningsText(summary).find("未识别"), std::string::npos) << WarningsText(summary);
}

TEST_F(CliImportCsvTest, Gb18030CharactersOutsideGbkAreRead) {
  // 𠮷 (U+20BB7) has no GBK code; GB18030 writes it in four bytes.
  ASSERT_FALSE(Convert("𠮷", "UTF-8", "GBK").has_value());
  Row household = SampleHouseholds()[0];
  household[1] = "𠮷祥";
  Row bad = SampleHouseholds()[1];
  bad[1] = "𠮷祥2";  // a digit in a name: the message quotes the name
  const auto bytes = Convert(CsvText({HouseholdHeader(), household, bad}), "UTF-8", "GB18030");
  ASSERT_TRUE(bytes.has_value());
  ASSERT_FALSE(IsUtf8(*bytes));
  const ProcessResult result = ImportFile(db_, "households", Write("gb18030.csv", *bytes));
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "imported"), 1);
  const auto errors = ErrorsOf(summary);
  const ReportedError* error = FindError(errors, 3, "户主姓名", "bad_name");
  ASSERT_NE(error, nullptr) << DescribeErrors(errors);
  EXPECT_NE(error->message.find("𠮷祥2"), std::string::npos) << error->message;
}

TEST_F(CliImportCsvTest, ColumnsInAnyOrderWithEnglishAliases) {
  // household_no, head_name ... : the API keys and English aliases, in another order.
  const Row header = {"village",   "category",          "head id", "household number",
                      "head_name", "per capita income", "group"};
  std::vector<Row> rows = {header};
  for (const Row& household : SampleHouseholds()) {
    rows.push_back({household[3], household[7], household[2], household[0], household[1],
                    household[10], household[4]});
  }
  Row negative = rows[1];
  negative[3] = "GC009";
  negative[2] = MakeId("620123", "19661212", 191);
  negative[5] = "-1";
  rows.push_back(negative);
  const ProcessResult result = ImportFile(db_, "households", Write("english.csv", CsvText(rows)));
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "imported"), kSampleHouseholds);
  EXPECT_EQ(WarningsText(summary).find("未识别"), std::string::npos) << WarningsText(summary);
  // Errors name the field by its Chinese column name, whatever the header said.
  const auto errors = ErrorsOf(summary);
  EXPECT_NE(FindError(errors, 7, "人均纯收入", "negative"), nullptr) << DescribeErrors(errors);
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, 0}));
}

TEST_F(CliImportCsvTest, UnknownColumnIsIgnoredWithAWarning) {
  std::vector<Row> rows = {HouseholdHeader()};
  rows[0].insert(rows[0].begin() + 2, "备注说明");
  for (Row household : SampleHouseholds()) {
    household.insert(household.begin() + 2, "随便写点什么");
    rows.push_back(household);
  }
  const ProcessResult result = ImportFile(db_, "households", Write("extra.csv", CsvText(rows)));
  EXPECT_EQ(result.exit_code, 0) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "imported"), kSampleHouseholds);
  EXPECT_NE(WarningsText(summary).find("备注说明"), std::string::npos) << WarningsText(summary);
}

struct UnreadableCase {
  std::string name;
  std::string bytes;
  std::string message;  // a part of the one message on stderr
};

TEST_F(CliImportCsvTest, FilesThatCannotBeReadExitTwoWithOneMessageAndStoreNothing) {
  const std::string data_only = CsvText(SampleHouseholds());
  const std::vector<UnreadableCase> cases = {
      {"headerless.csv", data_only, "找不到表头"},
      {"empty.csv", "", "空"},
      {"blank-lines.csv", "\r\n\r\n , , \r\n", "空"},
      {"picture.csv", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "不是 CSV 或 XLSX"},
      {"old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12), ".xls"},
      {"garbage.csv", "\x80\x81\xFF\xFD not text \xFF\xFF\x80", "编码"},
      {"bad-gbk.csv", "户编号,户主姓名\r\n\xFF\x81\x30\xFF,x\r\n", "编码"},
      {"binary.csv", std::string("abc\0def\0ghi", 11), "二进制"},
      {"missing-column.csv", "户编号,户主姓名,户属性\r\nGC001,张建国,扶贫户\r\n", "缺少必填列"},
  };
  for (const UnreadableCase& file : cases) {
    SCOPED_TRACE(file.name);
    const ProcessResult result = ImportFile(db_, "households", Write(file.name, file.bytes));
    EXPECT_EQ(result.exit_code, 2) << result.Describe();
    EXPECT_EQ(result.signal, 0);
    EXPECT_NE(result.err.find(file.message), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("内部错误"), std::string::npos) << result.err;
    // One message: a single line.
    EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << result.err;
  }
  const ProcessResult missing = ImportFile(db_, "persons", dir_.File("no-such-file.csv"));
  EXPECT_EQ(missing.exit_code, 2) << missing.Describe();
  EXPECT_NE(missing.err.find("找不到文件"), std::string::npos) << missing.err;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));
}

// Valid households under 三墩营村, numbered T00001..., enough for a file of many rows.
std::string ManyHouseholdsCsv(int count) {
  std::vector<Row> rows = {
      {"户编号", "户主姓名", "户主证件号码", "所属村代码", "村民小组", "户属性"}};
  for (int index = 0; index < count; ++index) {
    char number[16];
    std::snprintf(number, sizeof number, "T%05d", index + 1);
    char birth[16];
    std::snprintf(birth, sizeof birth, "19%02d0%d%02d", 40 + index / 9000 % 50, 1 + index / 999 % 9,
                  1 + index % 28);
    rows.push_back(
        {number, "农户", MakeId("620123", birth, index % 999 + 1), kVillageA, "一组", "一般农户"});
  }
  return CsvText(rows);
}

TEST_F(CliImportCsvTest, TruncatedLargeFileExitsTwoAndStoresNothing) {
  // More than the reader's 1 MiB chunk, in one batch: the end is read after rows were written.
  const std::string whole = ManyHouseholdsCsv(20000);
  const ProcessResult valid =
      ImportFile(db_, "households", Write("whole.csv", whole), {"--dry-run"});
  ASSERT_EQ(valid.exit_code, 0) << "the rows themselves must be valid: " << valid.Describe();
  const std::string text = whole + "T99999,\"王,";
  ASSERT_GT(text.size(), 1u << 20);
  const ProcessResult result = ImportFile(db_, "households", Write("truncated.csv", text));
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find("引号"), std::string::npos) << result.err;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));
}

TEST_F(CliImportCsvTest, BytesThatAreNotUtf8FarIntoAUtf8FileExitTwoAndStoreNothing) {
  // The encoding is decided on the file's first megabytes of non-ASCII text; the rest is
  // checked as it is read. A GBK row at the end of a long UTF-8 file is found there.
  const std::string whole = ManyHouseholdsCsv(40000);
  ASSERT_GT(whole.size(), 2u << 20);
  const auto gbk_row =
      Convert("T99999,王小明,620123198001011234,620123105201,一组,一般农户\r\n", "UTF-8", "GBK");
  ASSERT_TRUE(gbk_row.has_value());
  const ProcessResult result = ImportFile(db_, "households", Write("mixed.csv", whole + *gbk_row));
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find("不是 UTF-8"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("行之后"), std::string::npos) << result.err;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));
}

TEST_F(CliImportCsvTest, ANonUtf8TailIsRefusedBeforeAnyBatchIsCommitted) {
  // Into a table that has rows, the import commits batch by batch (here every 1,000 rows):
  // the whole file is checked before its first row, so the refusal leaves nothing behind.
  const ProcessResult sample =
      ImportFile(db_, "households", Write("sample.csv", SampleHouseholdsCsv()));
  ASSERT_EQ(sample.exit_code, 0) << sample.Describe();
  const RegistryCounts before = CountsOf(db_);
  const auto gbk_row =
      Convert("T99999,王小明,620123198001011234,620123105201,一组,一般农户\r\n", "UTF-8", "GBK");
  ASSERT_TRUE(gbk_row.has_value());
  const ProcessResult result =
      ImportFile(db_, "households", Write("mixed.csv", ManyHouseholdsCsv(40000) + *gbk_row),
                 {"--batch-size", "1000"});
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find("编码"), std::string::npos) << result.err;
  EXPECT_EQ(CountsOf(db_), before);
}

TEST_F(CliImportCsvTest, ANulByteFarIntoAUtf8FileIsRefusedAsBinary) {
  const std::string text = ManyHouseholdsCsv(40000) + std::string("T99999,王\0,x\r\n", 14);
  ASSERT_GT(text.size(), 2u << 20);
  const ProcessResult result = ImportFile(db_, "households", Write("nul.csv", text));
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find("二进制"), std::string::npos) << result.err;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));
}

TEST_F(CliImportCsvTest, TruncatedSmallFileExitsTwo) {
  // Regression (fixed): src/ingest/csv_reader.cpp CsvReader::Next returns false as soon as
  // `finished_` is set; for a file under 1 MiB the constructor's Fill() already set it, so
  // parser_.Finish(), decoder_.Finish() and the UnterminatedQuote() check never run: the truncated
  // last row is dropped silently and the import succeeds (exit 0, rows 5).
  const std::string text = SampleHouseholdsCsv() + "GC009,\"张三,";
  const ProcessResult result = ImportFile(db_, "households", Write("truncated.csv", text));
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find("引号"), std::string::npos) << result.err;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));
}

TEST_F(CliImportCsvTest, LastRowWithoutLineBreakIsImported) {
  // Regression (fixed): the same early return in src/ingest/csv_reader.cpp CsvReader::Next skips
  // parser_.Finish(), which is what emits a last record not followed by a line break: a CSV
  // under 1 MiB whose last line has no CR/LF loses that row silently (rows 4, exit 0).
  std::string text = SampleHouseholdsCsv();
  text.resize(text.size() - 2);  // no CR LF after GC005
  const ProcessResult result = ImportFile(db_, "households", Write("no-final-newline.csv", text));
  EXPECT_EQ(result.exit_code, 0) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "rows"), kSampleHouseholds);
  EXPECT_EQ(IntAt(summary, "imported"), kSampleHouseholds);
  // The same in a region table.
  const ProcessResult regions =
      RunShuanglian({"regions", "import",
                     Write("regions.csv", "code,name,parent_code\r\n620123105204,果园村,620123105"),
                     "--db", db_, "--json"});
  EXPECT_EQ(IntAt(ParseJsonOutput(regions), "inserted"), 1) << regions.Describe();
}

TEST_F(CliImportCsvTest, TitleRowsAboveTheHeaderAndSemicolonsAreHandled) {
  // As Excel saves a sheet with a title and notes above the header, in a locale whose list
  // separator is the semicolon.
  std::string text = "甘草店镇建档立卡户信息表;;;;\r\n说明：带*的列必须填写;;;;\r\n";
  text += "户编号*;户主姓名*;户主证件号码*;所属村代码*;户属性*\r\n";
  text += "GC001;张建国;" + Ids().zhang_head + ";" + kVillageA + ";扶贫户\r\n";
  text += "GC002;李秀英;" + Ids().li_head + ";" + kVillageA + ";富户\r\n";
  const std::string report = dir_.File("rejected.csv");
  const ProcessResult result =
      ImportFile(db_, "households", Write("titled.csv", text), {"--report", report});
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "rows"), 2);
  EXPECT_EQ(IntAt(summary, "imported"), 1);
  const auto errors = ErrorsOf(summary);
  EXPECT_NE(FindError(errors, 5, "户属性", "not_in_dictionary"), nullptr) << DescribeErrors(errors);
  const std::string bytes = ReadFileBytes(report);
  EXPECT_NE(bytes.find("户编号*;户主姓名*;户主证件号码*;所属村代码*;户属性*;错误原因"),
            std::string::npos)
      << bytes;
  EXPECT_NE(bytes.find("GC002;李秀英;"), std::string::npos) << bytes;
}

TEST_F(CliImportCsvTest, ErrorsBeyondAThousandAreCountedNotListed) {
  std::vector<Row> rows = {HouseholdHeader()};
  for (int index = 0; index < 1200; ++index) {
    Row row = SampleHouseholds()[0];
    row[0] = "X" + std::to_string(index);
    row[3] = "620123105299";  // no such village
    rows.push_back(row);
  }
  const std::string report = dir_.File("rejected.csv");
  const ProcessResult result =
      ImportFile(db_, "households", Write("many.csv", CsvText(rows)), {"--report", report});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "rejected"), 1200);
  EXPECT_EQ(summary.at("errors").as_array().size(), 1000u);
  EXPECT_EQ(IntAt(summary, "errors_omitted"), 200);
  // The report holds them all.
  EXPECT_EQ(ParseSimpleCsv(ReadFileBytes(report)).size(), 1201u);
}

TEST_F(CliImportCsvTest, HeaderOnlyFileImportsNothingAndSucceeds) {
  const ProcessResult result =
      ImportFile(db_, "persons", Write("header.csv", CsvText({PersonHeader()})));
  EXPECT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_EQ(IntAt(ParseJsonOutput(result), "rows"), 0);
}

TEST_F(CliImportCsvTest, ReimportChangesNothingAndOneEditedFieldIsOneUpdate) {
  const std::string households = Write("households.csv", SampleHouseholdsCsv());
  const std::string persons = Write("persons.csv", SamplePersonsCsv());
  ASSERT_EQ(ImportFile(db_, "households", households).exit_code, 0);
  const ProcessResult first = ImportFile(db_, "persons", persons);
  ASSERT_EQ(first.exit_code, 0) << first.Describe();
  EXPECT_EQ(IntAt(ParseJsonOutput(first), "imported"), kSamplePersons);
  const boost::json::value before = StatsOf(db_, kTownship);

  for (const auto& [kind, path, rows] : {std::tuple{"households", households, kSampleHouseholds},
                                         std::tuple{"persons", persons, kSamplePersons}}) {
    SCOPED_TRACE(kind);
    const ProcessResult again = ImportFile(db_, kind, path);
    EXPECT_EQ(again.exit_code, 0) << again.Describe();
    const boost::json::value summary = ParseJsonOutput(again);
    EXPECT_EQ(IntAt(summary, "imported"), 0);
    EXPECT_EQ(IntAt(summary, "updated"), 0);
    EXPECT_EQ(IntAt(summary, "unchanged"), rows);
  }
  EXPECT_EQ(boost::json::serialize(StatsOf(db_, kTownship)), boost::json::serialize(before));

  std::vector<Row> edited_households = {HouseholdHeader()};
  for (Row row : SampleHouseholds()) {
    if (row[0] == "GC002") {
      row[6] = "13800001111";
    }
    edited_households.push_back(row);
  }
  const ProcessResult household_edit =
      ImportFile(db_, "households", Write("edited-households.csv", CsvText(edited_households)));
  const boost::json::value household_summary = ParseJsonOutput(household_edit);
  EXPECT_EQ(IntAt(household_summary, "updated"), 1) << household_edit.Describe();
  EXPECT_EQ(IntAt(household_summary, "unchanged"), kSampleHouseholds - 1);
  EXPECT_EQ(IntAt(household_summary, "imported"), 0);

  std::vector<Row> edited_persons = {PersonHeader()};
  for (Row row : SamplePersons()) {
    if (row[1] == "赵强") {
      row[7] = "初中";
    }
    edited_persons.push_back(row);
  }
  const ProcessResult person_edit =
      ImportFile(db_, "persons", Write("edited-persons.csv", CsvText(edited_persons)));
  const boost::json::value person_summary = ParseJsonOutput(person_edit);
  EXPECT_EQ(IntAt(person_summary, "updated"), 1) << person_edit.Describe();
  EXPECT_EQ(IntAt(person_summary, "unchanged"), kSamplePersons - 1);
  EXPECT_EQ(IntAt(person_summary, "imported"), 0);
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, kSamplePersons}));
}

TEST_F(CliImportCsvTest, LabourAndMembersFollowAPersonsUpdate) {
  ASSERT_EQ(ImportFile(db_, "households", Write("households.csv", SampleHouseholdsCsv())).exit_code,
            0);
  ASSERT_EQ(ImportFile(db_, "persons", Write("persons.csv", SamplePersonsCsv())).exit_code, 0);
  // 普通、技能、弱劳动力 count as labour: 张建国 刘桂兰 李秀英 赵有才 孙丽 赵老汉 钱多多 周芳.
  EXPECT_EQ(IntAt(StatsOf(db_, kTownship), "labour"), 8);
  std::vector<Row> rows = {PersonHeader()};
  for (Row row : SamplePersons()) {
    if (row[1] == "赵老汉") {
      row[10] = "丧失劳动力";
    }
    rows.push_back(row);
  }
  const ProcessResult result = ImportFile(db_, "persons", Write("older.csv", CsvText(rows)));
  EXPECT_EQ(IntAt(ParseJsonOutput(result), "updated"), 1) << result.Describe();
  const boost::json::value stats = StatsOf(db_, kTownship);
  EXPECT_EQ(IntAt(stats, "labour"), 7);
  EXPECT_EQ(IntAt(stats, "persons"), kSamplePersons);
  EXPECT_EQ(IntAt(stats, "households_with_member_mismatch"), 0);
}

TEST_F(CliImportCsvTest, PersonMovingToAnotherHouseholdIsAnUpdateWithAWarning) {
  ASSERT_EQ(ImportFile(db_, "households", Write("households.csv", SampleHouseholdsCsv())).exit_code,
            0);
  ASSERT_EQ(ImportFile(db_, "persons", Write("persons.csv", SamplePersonsCsv())).exit_code, 0);
  Row moved = SamplePersons()[2];  // 张小明 of GC001 goes to live with GC004
  moved[0] = "GC004";
  moved[3] = "其他";
  const ProcessResult result =
      ImportFile(db_, "persons", Write("moved.csv", CsvText({PersonHeader(), moved})));
  EXPECT_EQ(result.exit_code, 0) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "updated"), 1);
  EXPECT_NE(WarningsText(summary).find("GC004"), std::string::npos) << WarningsText(summary);
  const boost::json::value stats = StatsOf(db_, kTownship);
  EXPECT_EQ(IntAt(stats, "persons"), kSamplePersons);
  // GC001 declared 3 and now has 2; GC004 declared 4 and now has 5.
  EXPECT_EQ(IntAt(stats, "households_with_member_mismatch"), 2);
  EXPECT_EQ(IntAt(StatsOf(db_, "620123105201001"), "persons"), 2);
}

TEST_F(CliImportCsvTest, StrictStoresNothingWhenAnyRowIsInvalid) {
  const std::string bad = Write("bad.csv", SampleWithTwoBadRows());
  const ProcessResult strict = ImportFile(db_, "households", bad, {"--strict"});
  EXPECT_EQ(strict.exit_code, 3) << strict.Describe();
  const boost::json::value summary = ParseJsonOutput(strict);
  EXPECT_EQ(IntAt(summary, "rejected"), 2);
  EXPECT_EQ(IntAt(summary, "imported"), 0);
  EXPECT_FALSE(summary.at("committed").as_bool());
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));

  // Nor does it change stored households when one row of the file is bad.
  ASSERT_EQ(ImportFile(db_, "households", Write("ok.csv", SampleHouseholdsCsv())).exit_code, 0);
  std::string edited = SampleWithTwoBadRows();
  edited = Replace(edited, "13912345678", "13700000000");
  ASSERT_EQ(ImportFile(db_, "households", Write("edited.csv", edited), {"--strict"}).exit_code, 3);
  const ProcessResult after =
      ImportFile(db_, "households", Write("ok2.csv", SampleHouseholdsCsv()));
  EXPECT_EQ(IntAt(ParseJsonOutput(after), "unchanged"), kSampleHouseholds) << after.Describe();

  const ProcessResult all_good =
      ImportFile(db_, "persons", Write("persons.csv", SamplePersonsCsv()), {"--strict"});
  EXPECT_EQ(all_good.exit_code, 0) << all_good.Describe();
  EXPECT_TRUE(ParseJsonOutput(all_good).at("committed").as_bool());
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, kSamplePersons}));
}

TEST_F(CliImportCsvTest, DryRunStoresNothingAndReportsTheErrorsOfARealRun) {
  const std::string bad = Write("bad.csv", SampleWithTwoBadRows());
  const ProcessResult dry = ImportFile(db_, "households", bad, {"--dry-run"});
  EXPECT_EQ(dry.exit_code, 3) << dry.Describe();
  const boost::json::value dry_summary = ParseJsonOutput(dry);
  EXPECT_FALSE(dry_summary.at("committed").as_bool());
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));

  const ProcessResult real = ImportFile(db_, "households", bad);
  EXPECT_EQ(real.exit_code, 3) << real.Describe();
  const boost::json::value real_summary = ParseJsonOutput(real);
  EXPECT_EQ(boost::json::serialize(dry_summary.at("errors")),
            boost::json::serialize(real_summary.at("errors")));
  EXPECT_EQ(IntAt(dry_summary, "rejected"), IntAt(real_summary, "rejected"));
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, 0}));

  // Persons, whose rules read the households: a dry run sees what a real run would.
  Row orphan = SamplePersons()[0];
  orphan[0] = "GC404";
  orphan[2] = MakeId("620123", "19700101", 191);
  const std::string persons = Write("persons.csv", SamplePersonsCsv() + CsvText({orphan}));
  const ProcessResult dry_persons = ImportFile(db_, "persons", persons, {"--dry-run"});
  EXPECT_EQ(dry_persons.exit_code, 3) << dry_persons.Describe();
  EXPECT_EQ(IntAt(ParseJsonOutput(dry_persons), "rejected"), 1);
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, 0}));
  const ProcessResult real_persons = ImportFile(db_, "persons", persons);
  EXPECT_EQ(boost::json::serialize(ParseJsonOutput(dry_persons).at("errors")),
            boost::json::serialize(ParseJsonOutput(real_persons).at("errors")));
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds, kSamplePersons}));
}

TEST_F(CliImportCsvTest, ReportHoldsRejectedRowsAsTheyWereAndImportsOnceFixed) {
  const std::string input = Write("households.csv", SampleWithTwoBadRows());
  const std::string report = dir_.File("rejected.csv");
  const ProcessResult result = ImportFile(db_, "households", input, {"--report", report});
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const std::string bytes = ReadFileBytes(report);
  ASSERT_TRUE(IsUtf8(bytes));
  const auto rows = ParseSimpleCsv(bytes);
  ASSERT_EQ(rows.size(), 3u) << bytes;
  Row expected_header = HouseholdHeader();
  expected_header.push_back("错误原因");
  EXPECT_EQ(rows[0], expected_header);
  const auto input_rows = ParseSimpleCsv(ReadFileBytes(input));
  for (std::size_t index = 1; index < rows.size(); ++index) {
    const Row& original = input_rows[index + kSampleHouseholds];
    EXPECT_EQ(Row(rows[index].begin(), rows[index].end() - 1), original);
    EXPECT_FALSE(rows[index].back().empty());
  }
  EXPECT_NE(rows[1].back().find("富裕户"), std::string::npos) << rows[1].back();
  EXPECT_NE(rows[2].back().find("负数"), std::string::npos) << rows[2].back();

  std::string fixed = Replace(bytes, ",富裕户,", ",一般农户,");
  fixed = Replace(fixed, ",-5,", ",5,");
  const ProcessResult again = ImportFile(db_, "households", Write("fixed.csv", fixed));
  EXPECT_EQ(again.exit_code, 0) << again.Describe();
  const boost::json::value summary = ParseJsonOutput(again);
  EXPECT_EQ(IntAt(summary, "imported"), 2);
  EXPECT_EQ(IntAt(summary, "rejected"), 0);
  EXPECT_TRUE(summary.at("warnings").as_array().empty()) << WarningsText(summary);
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds + 2, 0}));
}

TEST_F(CliImportCsvTest, ReportOfAReportKeepsOneReasonColumn) {
  const std::string report = dir_.File("rejected.csv");
  ASSERT_EQ(
      ImportFile(db_, "households", Write("in.csv", SampleWithTwoBadRows()), {"--report", report})
          .exit_code,
      3);
  const std::string second_report = dir_.File("rejected-again.csv");
  const ProcessResult again = ImportFile(db_, "households", report, {"--report", second_report});
  EXPECT_EQ(again.exit_code, 3) << again.Describe();
  const auto rows = ParseSimpleCsv(ReadFileBytes(second_report));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].size(), HouseholdHeader().size() + 1);
  EXPECT_EQ(rows[0].back(), "错误原因");
}

TEST_F(CliImportCsvTest, PoorHouseholdsWithoutCauseWarningCountsStoredRowsOnly) {
  // Regression (fixed): src/ingest/import_runner.cpp HouseholdWriter::Write counts every row handed
  // to the store, before the store rejects repeats; two rejected repeats are counted as poor
  // households without a cause although they were never stored.
  Row poor = SampleHouseholds()[0];
  poor[8] = "";  // 扶贫户 without 主要致贫原因
  poor[9] = "";
  Row repeat = poor;
  repeat[2] = MakeId("620123", "19700101", 211);
  Row repeat_again = poor;
  repeat_again[2] = MakeId("620123", "19700101", 221);
  const ProcessResult result =
      ImportFile(db_, "households",
                 Write("poor.csv", CsvText({HouseholdHeader(), poor, repeat, repeat_again})));
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "imported"), 1);
  EXPECT_EQ(IntAt(summary, "rejected"), 2);
  const std::string warnings = WarningsText(summary);
  EXPECT_NE(warnings.find("1 户贫困户未填写主要致贫原因"), std::string::npos) << warnings;
}

}  // namespace
}  // namespace shuanglian::testing
