// `shuanglian import` on XLSX workbooks as offices make them (a merged title row and notes
// above the header, numbers and dates stored as Excel values), the XLSX reject report, and
// the XLSX template's sheet of allowed values (issue 2, item 5). Workbooks are written with
// libxlsxwriter directly, as Excel would store the cells, not with the project's writer.

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "ingest/xlsx_reader.h"
#include "ingest/xlsx_writer.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

// A cell as Excel stores it: text, a number, or a date with a date format.
struct XlsxCell {
  enum class Kind { kText, kNumber, kDate } kind = Kind::kText;
  std::string text;
  double number = 0;
  int year = 0, month = 0, day = 0;
};

XlsxCell Text(std::string text) {
  return {XlsxCell::Kind::kText, std::move(text)};
}
XlsxCell Number(double number) {
  return {XlsxCell::Kind::kNumber, "", number};
}
XlsxCell Date(int year, int month, int day) {
  return {XlsxCell::Kind::kDate, "", 0, year, month, day};
}

using XlsxRow = std::vector<XlsxCell>;

XlsxRow TextRow(const Row& cells) {
  XlsxRow row;
  for (const std::string& cell : cells) {
    row.push_back(Text(cell));
  }
  return row;
}

// Writes one sheet: the merged title and notes rows, then `rows` from the third row on.
void WriteWorkbook(const std::string& path, const std::string& title, const std::string& notes,
                   std::size_t columns, const std::vector<XlsxRow>& rows) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  ASSERT_NE(workbook, nullptr);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Sheet1");
  lxw_format* title_format = workbook_add_format(workbook);
  format_set_bold(title_format);
  format_set_align(title_format, LXW_ALIGN_CENTER);
  lxw_format* date_format = workbook_add_format(workbook);
  format_set_num_format(date_format, "yyyy-mm-dd");
  const auto last_column = static_cast<lxw_col_t>(columns - 1);
  worksheet_merge_range(sheet, 0, 0, 0, last_column, title.c_str(), title_format);
  worksheet_merge_range(sheet, 1, 0, 1, last_column, notes.c_str(), nullptr);
  for (std::size_t row = 0; row < rows.size(); ++row) {
    for (std::size_t column = 0; column < rows[row].size(); ++column) {
      const XlsxCell& cell = rows[row][column];
      const auto r = static_cast<lxw_row_t>(row + 2);
      const auto c = static_cast<lxw_col_t>(column);
      switch (cell.kind) {
        case XlsxCell::Kind::kText:
          if (!cell.text.empty()) {
            worksheet_write_string(sheet, r, c, cell.text.c_str(), nullptr);
          }
          break;
        case XlsxCell::Kind::kNumber:
          worksheet_write_number(sheet, r, c, cell.number, nullptr);
          break;
        case XlsxCell::Kind::kDate: {
          lxw_datetime date = {cell.year, cell.month, cell.day, 0, 0, 0};
          worksheet_write_datetime(sheet, r, c, &date, date_format);
          break;
        }
      }
    }
  }
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

std::vector<Row> ReadSheet(const std::string& path, const std::string& sheet = "") {
  std::unique_ptr<ingest::TableReader> reader = ingest::OpenXlsx(path, sheet);
  std::vector<Row> rows;
  ingest::SourceRow row;
  while (reader->Next(row)) {
    Row texts;
    for (const ingest::SourceCell& cell : row.cells) {
      texts.push_back(cell.text);
    }
    rows.push_back(texts);
  }
  return rows;
}

std::size_t ColumnOf(const Row& header, const std::string& name) {
  const auto found = std::find(header.begin(), header.end(), name);
  EXPECT_NE(found, header.end()) << name;
  return static_cast<std::size_t>(found - header.begin());
}

class ImportXlsxCliTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportSmallRegions(db_); }

  // The sample households as an office's workbook: starred and bracketed headers, counts
  // and money as numbers. Returns the path; rows 4-8 are the sample, then `extra` rows.
  std::string HouseholdWorkbook(const std::string& name, const std::vector<XlsxRow>& extra = {}) {
    Row header = HouseholdHeader();
    header[0] = "户编号*";
    header[10] = "人均纯收入（元）";
    header[11] = "耕地面积(亩)";
    std::vector<XlsxRow> rows = {TextRow(header)};
    for (const Row& household : SampleHouseholds()) {
      XlsxRow row = TextRow(household);
      row[5] = Number(std::stod(household[5]));
      row[10] = Number(std::stod(household[10]));
      row[11] = Number(std::stod(household[11]));
      rows.push_back(row);
    }
    rows.insert(rows.end(), extra.begin(), extra.end());
    const std::string path = dir_.File(name);
    WriteWorkbook(path, "甘草店镇建档立卡贫困户信息表（2014年）",
                  "填表说明：带*的列必须填写；证件号码请设为文本格式。", header.size(), rows);
    return path;
  }

  TempDir dir_;
  std::string db_ = dir_.File("registry.db");
};

TEST_F(ImportXlsxCliTest, TitleAndNotesAboveTheHeaderAreSkipped) {
  const std::string path = HouseholdWorkbook("households.xlsx");
  const ProcessResult result = ImportFile(db_, "households", path);
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(TextAt(summary, "format"), "XLSX");
  EXPECT_EQ(IntAt(summary, "rows"), kSampleHouseholds);
  EXPECT_EQ(IntAt(summary, "imported"), kSampleHouseholds);
  EXPECT_EQ(WarningsText(summary).find("未识别"), std::string::npos) << WarningsText(summary);

  // The same households as the CSV sample: numbers read from number cells are the same values.
  const std::string csv = dir_.File("households.csv");
  WriteFileBytes(csv, SampleHouseholdsCsv());
  const boost::json::value same = ParseJsonOutput(ImportFile(db_, "households", csv));
  EXPECT_EQ(IntAt(same, "unchanged"), kSampleHouseholds);
  EXPECT_EQ(IntAt(same, "updated"), 0);
}

TEST_F(ImportXlsxCliTest, ErrorsNameTheSpreadsheetRowAndNumericIdCells) {
  Row unknown = SampleHouseholds()[0];
  unknown[0] = "GC006";
  unknown[2] = MakeId("620123", "19660606", 141);
  unknown[7] = "富裕户";
  XlsxRow numeric_id = TextRow(SampleHouseholds()[1]);
  numeric_id[0] = Text("GC007");
  numeric_id[2] = Number(620123198511110714.0);  // an ID typed into a General cell
  const std::string path = HouseholdWorkbook("bad.xlsx", {TextRow(unknown), numeric_id});
  const ProcessResult result = ImportFile(db_, "households", path);
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "imported"), kSampleHouseholds);
  EXPECT_EQ(IntAt(summary, "rejected"), 2);
  const auto errors = ErrorsOf(summary);
  // Title row 1, notes row 2, header row 3, the sample rows 4-8.
  EXPECT_NE(FindError(errors, 9, "户属性", "not_in_dictionary"), nullptr) << DescribeErrors(errors);
  const ReportedError* excel = FindError(errors, 10, "户主证件号码", "id_excel_number");
  ASSERT_NE(excel, nullptr) << DescribeErrors(errors);
  EXPECT_NE(excel->message.find("文本"), std::string::npos) << excel->message;
}

TEST_F(ImportXlsxCliTest, ReportOfXlsxIsXlsxAndImportsOnceFixed) {
  Row unknown = SampleHouseholds()[0];
  unknown[0] = "GC006";
  unknown[2] = MakeId("620123", "19660606", 141);
  unknown[7] = "富裕户";
  XlsxRow numeric_id = TextRow(SampleHouseholds()[1]);
  numeric_id[0] = Text("GC007");
  numeric_id[2] = Number(620123198511110714.0);
  const std::string path = HouseholdWorkbook("bad.xlsx", {TextRow(unknown), numeric_id});
  const std::string report = dir_.File("rejected.xlsx");
  ASSERT_EQ(ImportFile(db_, "households", path, {"--report", report}).exit_code, 3);
  ASSERT_TRUE(ReadFileBytes(report).starts_with("PK\x03\x04")) << "the report is not an XLSX file";

  std::vector<Row> rows = ReadSheet(report);
  ASSERT_EQ(rows.size(), 3u);
  const Row& header = rows[0];
  EXPECT_EQ(header.back(), "错误原因");
  EXPECT_EQ(header[0], "户编号*");  // the header as it was
  const std::size_t category = ColumnOf(header, "户属性");
  const std::size_t id = ColumnOf(header, "户主证件号码");
  const std::size_t reason = ColumnOf(header, "错误原因");
  EXPECT_EQ(rows[1][0], "GC006");
  EXPECT_EQ(rows[1][category], "富裕户");
  EXPECT_FALSE(rows[1][reason].empty());
  EXPECT_EQ(rows[2][0], "GC007");
  EXPECT_NE(rows[2][reason].find("文本"), std::string::npos) << rows[2][reason];

  // The office fixes both rows in the report and imports it.
  rows[1][category] = "一般农户";
  rows[2][id] = MakeId("620123", "19670707", 152);
  const std::string fixed = dir_.File("fixed.xlsx");
  {
    ingest::XlsxWriter writer(fixed);
    writer.AddSheet("错误行");
    writer.WriteHeader(rows[0]);
    writer.WriteRow(rows[1]);
    writer.WriteRow(rows[2]);
    writer.Close();
  }
  const ProcessResult again = ImportFile(db_, "households", fixed);
  EXPECT_EQ(again.exit_code, 0) << again.Describe();
  const boost::json::value summary = ParseJsonOutput(again);
  EXPECT_EQ(IntAt(summary, "imported"), 2);
  EXPECT_EQ(IntAt(summary, "rejected"), 0);
  EXPECT_TRUE(summary.at("warnings").as_array().empty()) << WarningsText(summary);
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{kSampleHouseholds + 2, 0}));
}

TEST_F(ImportXlsxCliTest, BirthDatesAsExcelDatesAndSerialNumbers) {
  ASSERT_EQ(ImportFile(db_, "households", HouseholdWorkbook("households.xlsx")).exit_code, 0);
  std::vector<XlsxRow> rows = {TextRow(PersonHeader())};
  for (const Row& person : SamplePersons()) {
    rows.push_back(TextRow(person));
  }
  rows[1][5] = Date(1980, 1, 1);  // 张建国, a date cell
  rows[4][5] = Number(27519);     // 李秀英 1975-05-05 as Excel's serial day in a General cell
  rows[7][12] = Number(10);       // 赵有才's months as a number
  rows[5][5] = Date(2000, 8, 9);  // 李娜 was born on 2000-08-08: disagrees
  const std::string path = dir_.File("persons.xlsx");
  WriteWorkbook(path, "家庭成员信息表", "出生日期可不填", PersonHeader().size(), rows);
  const ProcessResult result = ImportFile(db_, "persons", path);
  EXPECT_EQ(result.exit_code, 3) << result.Describe();
  const boost::json::value summary = ParseJsonOutput(result);
  EXPECT_EQ(IntAt(summary, "imported"), kSamplePersons - 1);
  const auto errors = ErrorsOf(summary);
  ASSERT_EQ(errors.size(), 1u) << DescribeErrors(errors);
  EXPECT_EQ(errors[0].row, 8);
  EXPECT_EQ(errors[0].column, "出生日期");
  EXPECT_EQ(errors[0].code, "birth_date_disagrees_with_id");
}

TEST_F(ImportXlsxCliTest, BrokenWorkbooksExitTwo) {
  const std::string zip_garbage = dir_.File("broken.xlsx");
  WriteFileBytes(zip_garbage, std::string("PK\x03\x04", 4) + std::string(200, '\x07'));
  const ProcessResult broken = ImportFile(db_, "households", zip_garbage);
  EXPECT_EQ(broken.exit_code, 2) << broken.Describe();
  EXPECT_FALSE(broken.err.empty());
  EXPECT_EQ(broken.err.find("内部错误"), std::string::npos) << broken.err;

  // A workbook with the title and notes but no header row.
  const std::string headerless = dir_.File("headerless.xlsx");
  WriteWorkbook(headerless, "标题", "说明", 4,
                {TextRow({"GC001", "张建国", Ids().zhang_head, kVillageA})});
  const ProcessResult no_header = ImportFile(db_, "households", headerless);
  EXPECT_EQ(no_header.exit_code, 2) << no_header.Describe();
  EXPECT_NE(no_header.err.find("找不到表头"), std::string::npos) << no_header.err;
  EXPECT_EQ(CountsOf(db_), (RegistryCounts{0, 0}));
}

TEST_F(ImportXlsxCliTest, TemplateHasItsHeaderAndASheetOfAllowedValues) {
  const std::string path = dir_.File("households-template.xlsx");
  const ProcessResult made = RunShuanglian({"template", "households", "-o", path, "--db", db_});
  ASSERT_EQ(made.exit_code, 0) << made.Describe();

  const std::vector<Row> data = ReadSheet(path);
  const auto header = std::find_if(
      data.begin(), data.end(), [](const Row& row) { return !row.empty() && row[0] == "户编号*"; });
  ASSERT_NE(header, data.end());
  EXPECT_NE(std::find(header->begin(), header->end(), "户主证件号码*"), header->end());
  EXPECT_EQ(header + 1, data.end()) << "the template has no data rows";

  const std::vector<Row> allowed = ReadSheet(path, "可选值");
  ASSERT_GE(allowed.size(), 2u);
  const std::size_t category = ColumnOf(allowed[0], "户属性");
  std::vector<std::string> categories;
  for (std::size_t row = 1; row < allowed.size(); ++row) {
    if (category < allowed[row].size() && !allowed[row][category].empty()) {
      categories.push_back(allowed[row][category]);
    }
  }
  EXPECT_EQ(categories, (std::vector<std::string>{"一般农户", "扶贫户", "扶贫低保户", "低保户",
                                                  "五保户", "特殊户"}));
  EXPECT_NE(std::find(allowed[0].begin(), allowed[0].end(), "主要致贫原因"), allowed[0].end());
  EXPECT_NE(std::find(allowed[0].begin(), allowed[0].end(), "是否危房"), allowed[0].end());

  const std::string persons = dir_.File("persons-template.xlsx");
  ASSERT_EQ(RunShuanglian({"template", "persons", "-o", persons, "--db", db_}).exit_code, 0);
  const std::vector<Row> person_values = ReadSheet(persons, "可选值");
  ASSERT_FALSE(person_values.empty());
  for (const std::string column : {"与户主关系", "性别", "文化程度", "劳动技能"}) {
    EXPECT_NE(std::find(person_values[0].begin(), person_values[0].end(), column),
              person_values[0].end())
        << column;
  }
}

}  // namespace
}  // namespace shuanglian::testing
