#include "ingest/xlsx_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "ingest/xlsx_cell.h"

namespace shuanglian::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "xlsx_reader_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

using Entries = std::vector<std::pair<std::string, std::string>>;

// Writes a zip archive by hand, so the reader meets files libxlsxwriter would never make.
void WriteZip(const std::string& path, const Entries& entries) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr) << "zip_open error " << error;
  for (const auto& [name, content] : entries) {
    // The buffers stay alive until zip_close below, which is when libzip reads them.
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    ASSERT_NE(source, nullptr);
    ASSERT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0)
        << zip_strerror(archive);
  }
  ASSERT_EQ(zip_close(archive), 0) << zip_strerror(archive);
}

void WriteText(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<SourceRow> ReadAll(TableReader& reader) {
  std::vector<SourceRow> rows;
  SourceRow row;
  while (reader.Next(row)) {
    rows.push_back(row);
  }
  return rows;
}

std::vector<SourceRow> ReadAll(const std::string& path, const std::string& sheet = "") {
  std::unique_ptr<TableReader> reader = OpenXlsx(path, sheet);
  return ReadAll(*reader);
}

std::string Text(const SourceRow& row, std::size_t column) {
  return column < row.cells.size() ? row.cells[column].text : std::string();
}

core::CellKind Kind(const SourceRow& row, std::size_t column) {
  return column < row.cells.size() ? row.cells[column].kind : core::CellKind::kText;
}

// The ReadError message OpenXlsx (or reading the rows) gives for a file; empty if none.
std::string ReadErrorOf(const std::string& path, const std::string& sheet = "") {
  try {
    ReadAll(path, sheet);
  } catch (const ReadError& error) {
    return error.what();
  }
  return {};
}

std::uint64_t EntrySize(const std::string& path, const std::string& name) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) {
    return 0;
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  const std::uint64_t size = zip_stat(archive, name.c_str(), 0, &stat) == 0 ? stat.size : 0;
  zip_discard(archive);
  return size;
}

const std::string kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const std::string kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const std::string kPackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

std::string Relationship(const std::string& id, const std::string& kind,
                         const std::string& target) {
  return "<Relationship Id=\"" + id + "\" Type=\"" + kRelNs + "/" + kind + "\" Target=\"" + target +
         "\"/>";
}

// The smallest workbook the reader accepts, with one sheet whose <sheetData> is given.
Entries MinimalWorkbook(const std::string& sheet_data, const std::string& shared_strings = "") {
  Entries entries = {
      {"xl/workbook.xml", "<workbook xmlns=\"" + kMainNs + "\" xmlns:r=\"" + kRelNs +
                              "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" "
                              "r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"" + kPackageRelNs + "\">" +
           Relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
           Relationship("rId2", "sharedStrings", "sharedStrings.xml") + "</Relationships>"},
      {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + kMainNs + "\"><sheetData>" + sheet_data +
                                       "</sheetData></worksheet>"},
  };
  if (!shared_strings.empty()) {
    entries.emplace_back("xl/sharedStrings.xml",
                         "<sst xmlns=\"" + kMainNs + "\">" + shared_strings + "</sst>");
  }
  return entries;
}

// --- Workbooks written by libxlsxwriter -----------------------------------------------

// Sheet "户信息": a merged title above the header, numbers, dates, booleans, sparse and
// blank rows; sheet "帮扶人" after it. Shared strings (not constant_memory mode).
void WriteRegistryWorkbook(const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  ASSERT_NE(workbook, nullptr);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "户信息");
  lxw_format* title = workbook_add_format(workbook);
  format_set_bold(title);
  format_set_align(title, LXW_ALIGN_CENTER);
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* builtin_date = workbook_add_format(workbook);
  format_set_num_format_index(builtin_date, 14);
  lxw_format* shaded = workbook_add_format(workbook);
  format_set_bg_color(shaded, LXW_COLOR_YELLOW);

  worksheet_merge_range(sheet, 0, 0, 0, 4, "某县建档立卡户信息表", title);
  const char* headers[] = {"户编号", "身份证号", "姓名", "出生日期", "是否脱贫"};
  for (lxw_col_t column = 0; column < 5; ++column) {
    worksheet_write_string(sheet, 1, column, headers[column], nullptr);
  }
  // Row 3: what Excel does to long numbers typed into a General column.
  worksheet_write_number(sheet, 2, 0, 620902108200, nullptr);
  worksheet_write_number(sheet, 2, 1, 6.2090219800101E+17, nullptr);
  worksheet_write_string(sheet, 2, 2, "张三", nullptr);
  lxw_datetime birth = {1980, 3, 6, 0, 0, 0};
  worksheet_write_datetime(sheet, 2, 3, &birth, date);
  worksheet_write_boolean(sheet, 2, 4, 1, nullptr);
  // Row 4: sparse; serial 59 is 1900-02-28, before Excel's phantom 1900-02-29.
  worksheet_write_string(sheet, 3, 0, "620902108201", nullptr);
  worksheet_write_number(sheet, 3, 3, 59, builtin_date);
  worksheet_write_boolean(sheet, 3, 4, 0, nullptr);
  // Row 5: formatted but empty.
  worksheet_write_blank(sheet, 4, 0, shaded);
  worksheet_write_blank(sheet, 4, 1, shaded);
  // Row 6: numbers of every shape.
  worksheet_write_number(sheet, 5, 0, 3450.5, nullptr);
  worksheet_write_number(sheet, 5, 1, -12, nullptr);
  worksheet_write_number(sheet, 5, 2, 1e15, nullptr);
  worksheet_write_number(sheet, 5, 3, 999999999999999, nullptr);
  worksheet_write_number(sheet, 5, 4, 0.1, nullptr);
  // Row 7: only an ideographic space. Row 8: one cell in column C.
  worksheet_write_string(sheet, 6, 1, "\xE3\x80\x80", nullptr);
  worksheet_write_string(sheet, 7, 2, "李四", nullptr);

  lxw_worksheet* helpers = workbook_add_worksheet(workbook, "帮扶人");
  worksheet_write_string(helpers, 0, 0, "姓名", nullptr);
  worksheet_write_string(helpers, 0, 1, "手机号", nullptr);
  worksheet_write_string(helpers, 1, 0, "王五", nullptr);
  worksheet_write_number(helpers, 1, 1, 13800000000, nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

TEST(XlsxReaderTest, ReadsTheFirstSheetOfALibxlsxwriterWorkbook) {
  TempDir dir;
  const std::string path = dir.File("registry.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteRegistryWorkbook(path));

  const std::vector<SourceRow> rows = ReadAll(path);

  ASSERT_EQ(rows.size(), 6u);
  std::vector<std::int64_t> numbers;
  for (const SourceRow& row : rows) {
    numbers.push_back(row.number);
  }
  EXPECT_THAT(numbers, ::testing::ElementsAre(1, 2, 3, 4, 6, 8));

  // The merged title is a row with one non-empty cell.
  EXPECT_EQ(Text(rows[0], 0), "某县建档立卡户信息表");
  for (std::size_t column = 1; column < rows[0].cells.size(); ++column) {
    EXPECT_EQ(Text(rows[0], column), "");
  }
  EXPECT_EQ(Text(rows[1], 1), "身份证号");
  EXPECT_EQ(Text(rows[1], 4), "是否脱贫");

  const SourceRow& first = rows[2];
  EXPECT_EQ(Text(first, 0), "620902108200");
  EXPECT_EQ(Kind(first, 0), core::CellKind::kNumber);
  EXPECT_EQ(Text(first, 1), "6.2090219800101E+17");
  EXPECT_EQ(Kind(first, 1), core::CellKind::kNumber);
  EXPECT_EQ(Text(first, 2), "张三");
  EXPECT_EQ(Kind(first, 2), core::CellKind::kText);
  EXPECT_EQ(Text(first, 3), "1980-03-06");
  EXPECT_EQ(Kind(first, 3), core::CellKind::kDate);
  EXPECT_EQ(Text(first, 4), "TRUE");
  EXPECT_EQ(Kind(first, 4), core::CellKind::kBoolean);

  const SourceRow& sparse = rows[3];
  ASSERT_EQ(sparse.cells.size(), 5u);
  EXPECT_EQ(Text(sparse, 0), "620902108201");
  EXPECT_EQ(Kind(sparse, 0), core::CellKind::kText);
  EXPECT_EQ(Text(sparse, 1), "");
  EXPECT_EQ(Text(sparse, 2), "");
  EXPECT_EQ(Text(sparse, 3), "1900-02-28");
  EXPECT_EQ(Kind(sparse, 3), core::CellKind::kDate);
  EXPECT_EQ(Text(sparse, 4), "FALSE");

  const SourceRow& numbers_row = rows[4];
  EXPECT_EQ(Text(numbers_row, 0), "3450.5");
  EXPECT_EQ(Text(numbers_row, 1), "-12");
  // 16 digits: left as libxlsxwriter stored it ("%.16G"), not reformatted.
  EXPECT_EQ(Text(numbers_row, 2), "1000000000000000");
  EXPECT_EQ(Text(numbers_row, 3), "999999999999999");
  EXPECT_EQ(Text(numbers_row, 4), "0.1");

  ASSERT_EQ(rows[5].cells.size(), 3u);
  EXPECT_EQ(Text(rows[5], 2), "李四");
}

TEST(XlsxReaderTest, ReadsTheSheetNamed) {
  TempDir dir;
  const std::string path = dir.File("registry.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteRegistryWorkbook(path));

  const std::vector<SourceRow> rows = ReadAll(path, "帮扶人");

  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(Text(rows[0], 1), "手机号");
  EXPECT_EQ(Text(rows[1], 0), "王五");
  EXPECT_EQ(Text(rows[1], 1), "13800000000");
  EXPECT_EQ(Kind(rows[1], 1), core::CellKind::kNumber);
}

TEST(XlsxReaderTest, ReportsFormatAndProgress) {
  TempDir dir;
  const std::string path = dir.File("registry.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteRegistryWorkbook(path));

  std::unique_ptr<TableReader> reader = OpenXlsx(path);
  EXPECT_EQ(reader->FormatName(), "XLSX");
  EXPECT_DOUBLE_EQ(reader->Progress(), 0.0);
  SourceRow row;
  ASSERT_TRUE(reader->Next(row));
  EXPECT_GT(reader->Progress(), 0.0);
  while (reader->Next(row)) {
  }
  EXPECT_DOUBLE_EQ(reader->Progress(), 1.0);
  EXPECT_FALSE(reader->Next(row));
}

TEST(XlsxReaderTest, UnknownSheetNameListsTheSheets) {
  TempDir dir;
  const std::string path = dir.File("registry.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteRegistryWorkbook(path));

  const std::string message = ReadErrorOf(path, "脱贫户");

  EXPECT_THAT(message, HasSubstr("找不到名为“脱贫户”的工作表"));
  EXPECT_THAT(message, HasSubstr("“户信息”、“帮扶人”"));
}

// --- A workbook made by hand --------------------------------------------------------------

// Prefixed namespaces, parts in unusual places, a chart sheet first, rich text with phonetic
// runs, inline strings, formula strings, rows and cells without r, custom number formats.
Entries HandMadeWorkbook() {
  const std::string workbook =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<x:workbook xmlns:x=\"" +
      kMainNs + "\" xmlns:rel=\"" + kRelNs +
      "\">"
      "<x:bookViews><x:workbookView/></x:bookViews><x:sheets>"
      "<x:sheet name=\"图表\" sheetId=\"3\" rel:id=\"rId9\"/>"
      "<x:sheet name=\"花名册\" sheetId=\"1\" rel:id=\"rId1\"/>"
      "<x:sheet name=\"备注\" sheetId=\"2\" rel:id=\"rId2\" state=\"hidden\"/>"
      "</x:sheets></x:workbook>";
  const std::string relationships =
      "<Relationships xmlns=\"" + kPackageRelNs + "\">" +
      Relationship("rId9", "chartsheet", "chartsheets/sheet1.xml") +
      Relationship("rId1", "worksheet", "/xl/worksheets/roster.xml") +
      Relationship("rId2", "worksheet", "./worksheets/../worksheets/notes.xml") +
      Relationship("rId3", "sharedStrings", "strings.xml") +
      Relationship("rId4", "styles", "looks.xml") + "<Relationship Id=\"rId5\" Type=\"" + kRelNs +
      "/hyperlink\" "
      "Target=\"http://example.com/\" TargetMode=\"External\"/></Relationships>";
  const std::string shared_strings =
      "<sst xmlns=\"" + kMainNs +
      "\" count=\"5\" uniqueCount=\"5\">"
      "<si><t>户主姓名</t></si>"
      "<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space=\"preserve\">三 </t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>ちょう</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><t>第一行_x000D_\n第二行_x005F_x0041_</t></si>"
      "<si><t>620902198001010017</t></si>"
      "<si><t/></si>"
      "</sst>";
  const std::string styles =
      "<styleSheet xmlns=\"" + kMainNs +
      "\">"
      "<numFmts count=\"3\">"
      "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot; days&quot;\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[Red]#,##0.0_);\\(#,##0.0\\)\"/>"
      "</numFmts>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"165\"/></cellStyleXfs>"
      "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
      "<xf numFmtId=\"166\"/><xf numFmtId=\"14\"/></cellXfs>"
      "</styleSheet>";
  const std::string roster =
      "<worksheet xmlns=\"" + kMainNs +
      "\"><dimension ref=\"A1:F8\"/><sheetViews>"
      "<sheetView workbookViewId=\"0\"/></sheetViews><sheetData>"
      // Row 1: no r anywhere.
      "<row><c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><t>身份证号</t></is></c>"
      "<c t=\"inlineStr\"><is><r><t>出生</t></r><r><rPr><i/></rPr><t>日期</t></r>"
      "<rPh><t>しゅっせい</t></rPh></is></c><c t=\"inlineStr\"><is><t>户名</t></is></c>"
      "<c t=\"inlineStr\"><is><t>天数</t></is></c><c t=\"inlineStr\"><is><t>金额</t></is></c>"
      "</row>"
      // Row 2: no r; shared rich text, a date in a custom format, a formula string.
      "<row><c t=\"s\"><v>1</v></c><c t=\"s\"><v>3</v></c><c s=\"1\"><v>29286</v></c>"
      "<c t=\"str\"><f>A2&amp;\"户\"</f><v>张三 户</v></c><c s=\"2\"><v>3.5</v></c>"
      "<c s=\"3\"><v>1234.5</v></c></row>"
      // Row 4: explicit r, sparse, a boolean and an error.
      "<row r=\"4\"><c r=\"B4\" t=\"b\"><v>1</v></c><c r=\"E4\" t=\"e\"><v>#N/A</v></c></row>"
      // Row 5 (no r, after 4): a built-in date with a time of day, escapes in a string.
      "<row><c r=\"A5\" s=\"4\"><v>43831.75</v></c><c r=\"C5\" t=\"s\"><v>2</v></c></row>"
      // Row 6: blank after trimming; row 7: an empty shared string and typed empty cells.
      "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>  </t></is></c><c r=\"B6\" s=\"1\"/></row>"
      "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>4</v></c><c r=\"B7\" s=\"2\"><v></v></c>"
      "<c r=\"C7\" s=\"1\" t=\"s\"/><c r=\"D7\" t=\"b\"/><c r=\"E7\" t=\"e\"/></row>"
      // Row 8: numbers as other producers store them, an ISO date cell.
      "<row r=\"8\"><c r=\"A8\"><v>-0</v></c><c r=\"B8\"><v>1.0E+3</v></c>"
      "<c r=\"C8\" t=\"n\"><v>620902108200.0</v></c><c r=\"D8\" "
      "t=\"d\"><v>2012-03-06T00:00:00</v></c>"
      "</row>"
      "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>"
      "<row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>not data</t></is></c></row>"
      "</worksheet>";
  const std::string notes = "<worksheet xmlns=\"" + kMainNs +
                            "\"><sheetData><row r=\"3\"><c r=\"C3\" t=\"inlineStr\">"
                            "<is><t>备注内容</t></is></c></row></sheetData></worksheet>";
  return {
      {"[Content_Types].xml",
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
       "content-types\"/>"},
      {"xl/workbook.xml", workbook},
      {"xl/_rels/workbook.xml.rels", relationships},
      {"xl/strings.xml", shared_strings},
      {"xl/looks.xml", styles},
      {"xl/worksheets/roster.xml", roster},
      {"xl/worksheets/notes.xml", notes},
      {"xl/chartsheets/sheet1.xml", "<chartsheet xmlns=\"" + kMainNs + "\"/>"},
  };
}

TEST(XlsxReaderTest, ReadsAHandMadeWorkbook) {
  TempDir dir;
  const std::string path = dir.File("hand.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, HandMadeWorkbook()));

  const std::vector<SourceRow> rows = ReadAll(path);

  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_EQ(rows[2].number, 4);
  EXPECT_EQ(rows[3].number, 5);
  EXPECT_EQ(rows[4].number, 8);

  EXPECT_EQ(Text(rows[0], 0), "户主姓名");
  EXPECT_EQ(Text(rows[0], 1), "身份证号");
  EXPECT_EQ(Text(rows[0], 2), "出生日期");  // runs joined, phonetic run left out
  EXPECT_EQ(Text(rows[0], 5), "金额");

  const SourceRow& household = rows[1];
  EXPECT_EQ(Text(household, 0), "张三 ");
  EXPECT_EQ(Text(household, 1), "620902198001010017");
  EXPECT_EQ(Kind(household, 1), core::CellKind::kText);
  EXPECT_EQ(Text(household, 2), "1980-03-06");
  EXPECT_EQ(Kind(household, 2), core::CellKind::kDate);
  EXPECT_EQ(Text(household, 3), "张三 户");
  EXPECT_EQ(Kind(household, 3), core::CellKind::kText);
  // "0.00 \"days\"" and "[Red]...": the d and the R-e-d are inside quotes and brackets.
  EXPECT_EQ(Text(household, 4), "3.5");
  EXPECT_EQ(Kind(household, 4), core::CellKind::kNumber);
  EXPECT_EQ(Text(household, 5), "1234.5");
  EXPECT_EQ(Kind(household, 5), core::CellKind::kNumber);

  const SourceRow& sparse = rows[2];
  ASSERT_EQ(sparse.cells.size(), 5u);
  EXPECT_EQ(Text(sparse, 0), "");
  EXPECT_EQ(Text(sparse, 1), "TRUE");
  EXPECT_EQ(Kind(sparse, 1), core::CellKind::kBoolean);
  EXPECT_EQ(Text(sparse, 4), "#N/A");
  EXPECT_EQ(Kind(sparse, 4), core::CellKind::kText);

  EXPECT_EQ(Text(rows[3], 0), "2020-01-01");
  EXPECT_EQ(Kind(rows[3], 0), core::CellKind::kDate);
  EXPECT_EQ(Text(rows[3], 2), "第一行\r\n第二行_x0041_");

  EXPECT_EQ(Text(rows[4], 0), "0");
  EXPECT_EQ(Text(rows[4], 1), "1000");
  EXPECT_EQ(Text(rows[4], 2), "620902108200");
  EXPECT_EQ(Text(rows[4], 3), "2012-03-06");
  EXPECT_EQ(Kind(rows[4], 3), core::CellKind::kDate);
}

TEST(XlsxReaderTest, FindsANamedSheetThroughARelativeTarget) {
  TempDir dir;
  const std::string path = dir.File("hand.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, HandMadeWorkbook()));

  const std::vector<SourceRow> rows = ReadAll(path, "备注");

  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 3);
  ASSERT_EQ(rows[0].cells.size(), 3u);
  EXPECT_EQ(Text(rows[0], 2), "备注内容");
}

TEST(XlsxReaderTest, RefusesAChartSheet) {
  TempDir dir;
  const std::string path = dir.File("hand.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, HandMadeWorkbook()));

  EXPECT_THAT(ReadErrorOf(path, "图表"), HasSubstr("不是可以读取数据的工作表"));
}

TEST(XlsxReaderTest, FindsTheWorkbookThroughThePackageRelationships) {
  TempDir dir;
  const std::string path = dir.File("moved.xlsx");
  Entries entries =
      MinimalWorkbook("<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>在别处</t></is></c></row>");
  for (auto& [name, content] : entries) {
    name = "book/" + name.substr(3);
  }
  entries.emplace_back("_rels/.rels", "<Relationships xmlns=\"" + kPackageRelNs +
                                          "\"><Relationship Id=\"rId1\" Type=\"" + kRelNs +
                                          "/officeDocument\" Target=\"book/workbook.xml\"/>"
                                          "</Relationships>");
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, entries));

  const std::vector<SourceRow> rows = ReadAll(path);

  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(Text(rows[0], 1), "在别处");
}

TEST(XlsxReaderTest, BoundsACellToExcelsCharacterLimit) {
  TempDir dir;
  const std::string path = dir.File("long.xlsx");
  std::string long_text;
  for (int repeat = 0; repeat < 40000; ++repeat) {
    long_text += "贫";
  }
  ASSERT_NO_FATAL_FAILURE(WriteZip(
      path, MinimalWorkbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + long_text +
                                "</t></is></c><c r=\"B1\" t=\"s\"><v>0</v></c></row>",
                            "<si><t>" + long_text + "</t></si>")));

  const std::vector<SourceRow> rows = ReadAll(path);

  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(Text(rows[0], 0).size(), 32767u * 3);  // characters, not bytes, are counted
  EXPECT_EQ(Text(rows[0], 1).size(), 32767u * 3);
}

// --- Malformed files: always a ReadError, never a crash ----------------------------------

TEST(XlsxReaderErrorTest, TextFileRenamedToXlsx) {
  TempDir dir;
  const std::string path = dir.File("households.xlsx");
  WriteText(path, "户编号,姓名\n620902108200,张三\n");

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("文件不是有效的 XLSX 工作簿（无法作为 zip 打开）"));
}

TEST(XlsxReaderErrorTest, OldExcelFileRenamedToXlsx) {
  TempDir dir;
  const std::string path = dir.File("old.xlsx");
  WriteText(path, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));

  EXPECT_THAT(ReadErrorOf(path), HasSubstr(".xls"));
}

TEST(XlsxReaderErrorTest, MissingFile) {
  TempDir dir;
  const std::string path = dir.File("absent.xlsx");

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("找不到文件"));
}

TEST(XlsxReaderErrorTest, ZipWithoutWorkbook) {
  TempDir dir;
  const std::string path = dir.File("photos.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, {{"readme.txt", "not a workbook"}}));

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("缺少 xl/workbook.xml"));
}

TEST(XlsxReaderErrorTest, WorkbookWithoutSheets) {
  TempDir dir;
  const std::string path = dir.File("empty.xlsx");
  Entries entries = MinimalWorkbook("");
  entries[0].second = "<workbook xmlns=\"" + kMainNs + "\"><sheets/></workbook>";
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, entries));

  EXPECT_EQ(ReadErrorOf(path), "工作簿中没有工作表");
}

TEST(XlsxReaderErrorTest, SheetPartMissing) {
  TempDir dir;
  const std::string path = dir.File("no_sheet.xlsx");
  Entries entries = MinimalWorkbook("");
  entries.pop_back();
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, entries));

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("缺少工作表“Sheet1”的数据"));
}

TEST(XlsxReaderErrorTest, TruncatedSheetXmlFailsAfterTheRowsBeforeIt) {
  TempDir dir;
  const std::string path = dir.File("truncated.xlsx");
  Entries entries = MinimalWorkbook("");
  entries[2].second = "<worksheet xmlns=\"" + kMainNs +
                      "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>完整</t>"
                      "</is></c></row>\n<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>断";
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, entries));

  std::unique_ptr<TableReader> reader = OpenXlsx(path);
  SourceRow row;
  ASSERT_TRUE(reader->Next(row));
  EXPECT_EQ(Text(row, 0), "完整");
  try {
    reader->Next(row);
    FAIL() << "a truncated sheet must not end quietly";
  } catch (const ReadError& error) {
    EXPECT_THAT(error.what(), HasSubstr("XLSX 内容损坏"));
    EXPECT_THAT(error.what(), HasSubstr("第 2 行"));
    EXPECT_THAT(error.what(), HasSubstr("XML 解析失败"));
  }
}

TEST(XlsxReaderErrorTest, ColumnBeyondXfd) {
  TempDir dir;
  const std::string path = dir.File("wide.xlsx");
  ASSERT_NO_FATAL_FAILURE(
      WriteZip(path, MinimalWorkbook("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")));

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("XFD"));
}

TEST(XlsxReaderErrorTest, ColumnReferenceTooLongToCount) {
  TempDir dir;
  const std::string path = dir.File("overflow.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteZip(
      path,
      MinimalWorkbook("<row r=\"1\"><c r=\"" + std::string(40, 'Z') + "1\"><v>1</v></c></row>")));

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("XFD"));
}

TEST(XlsxReaderErrorTest, TooManyCellsWithoutReferences) {
  TempDir dir;
  const std::string path = dir.File("many.xlsx");
  std::string row = "<row>";
  for (int cell = 0; cell <= 16384; ++cell) {
    row += "<c><v>1</v></c>";
  }
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, MinimalWorkbook(row + "</row>")));

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("XFD"));
}

TEST(XlsxReaderErrorTest, AbsurdRowNumber) {
  TempDir dir;
  const std::string path = dir.File("tall.xlsx");
  ASSERT_NO_FATAL_FAILURE(
      WriteZip(path, MinimalWorkbook("<row r=\"99999999999999999999999\"><c><v>1</v></c></row>")));

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("行号"));
}

TEST(XlsxReaderErrorTest, SharedStringIndexOutOfRange) {
  TempDir dir;
  const std::string path = dir.File("strings.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteZip(
      path,
      MinimalWorkbook("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>7</v></c></row>", "<si><t>a</t></si>")));

  const std::string message = ReadErrorOf(path);
  EXPECT_THAT(message, HasSubstr("B3"));
  EXPECT_THAT(message, HasSubstr("共享字符串"));
}

TEST(XlsxReaderErrorTest, DocumentTypeDeclarationIsRefused) {
  TempDir dir;
  const std::string path = dir.File("laughs.xlsx");
  Entries entries = MinimalWorkbook("");
  std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">";
  for (char level = 'b'; level <= 'k'; ++level) {
    const std::string previous(1, static_cast<char>(level - 1));
    bomb += "<!ENTITY " + std::string(1, level) + " \"";
    for (int repeat = 0; repeat < 10; ++repeat) {
      bomb += "&" + previous + ";";
    }
    bomb += "\">";
  }
  entries[2].second = bomb + "]><worksheet xmlns=\"" + kMainNs +
                      "\"><sheetData><row><c t=\"inlineStr\"><is><t>&k;</t></is></c></row>"
                      "</sheetData></worksheet>";
  ASSERT_NO_FATAL_FAILURE(WriteZip(path, entries));

  EXPECT_THAT(ReadErrorOf(path), HasSubstr("DTD"));
}

// Every prefix of a real file, and the file with single bytes flipped: each either reads or
// fails with a ReadError. Anything else (a crash, another exception) fails the test.
TEST(XlsxReaderErrorTest, DamagedCopiesOfARealFileNeverCrash) {
  TempDir dir;
  const std::string original = dir.File("original.xlsx");
  ASSERT_NO_FATAL_FAILURE(WriteRegistryWorkbook(original));
  const std::string bytes = ReadBytes(original);
  ASSERT_EQ(ReadAll(original).size(), 6u);

  const std::string damaged = dir.File("damaged.xlsx");
  int read_errors = 0;
  int attempts = 0;
  const auto attempt = [&](const std::string& content) {
    WriteText(damaged, content);
    ++attempts;
    try {
      ReadAll(damaged);
    } catch (const ReadError& error) {
      EXPECT_STRNE(error.what(), "");
      ++read_errors;
    }
  };
  for (std::size_t length = 0; length < bytes.size(); length += 53) {
    attempt(bytes.substr(0, length));
  }
  for (std::size_t position = 0; position < bytes.size(); position += 29) {
    std::string flipped = bytes;
    flipped[position] = static_cast<char>(flipped[position] ^ 0x5A);
    attempt(flipped);
  }
  // Every truncation loses the central directory at the end of the zip.
  EXPECT_GE(read_errors, static_cast<int>(bytes.size() / 53));
  EXPECT_GT(attempts, read_errors);
}

// The hand-made workbook with one byte of one XML part replaced by characters that matter
// to XML and to cell references, a few thousand times over (fixed seed, so reproducible).
TEST(XlsxReaderErrorTest, MutatedXmlPartsNeverCrash) {
  TempDir dir;
  const std::string path = dir.File("mutated.xlsx");
  const Entries original = HandMadeWorkbook();
  const std::string alphabet = "<>/\"'&;=:#x_ 0123456789AZXFDrstv\xE4\x80";
  std::mt19937 random(20240306);
  int read_errors = 0;
  int successes = 0;
  for (int round = 0; round < 2000; ++round) {
    Entries entries = original;
    std::string& part = entries[1 + random() % 6].second;  // one of the XML parts
    part[random() % part.size()] = alphabet[random() % alphabet.size()];
    ASSERT_NO_FATAL_FAILURE(WriteZip(path, entries));
    try {
      ReadAll(path);
      ++successes;
    } catch (const ReadError& error) {
      EXPECT_STRNE(error.what(), "");
      ++read_errors;
    }
  }
  EXPECT_GT(read_errors, 0);
  EXPECT_GT(successes, 0);
}

// --- Streaming ------------------------------------------------------------------------------

// A figure from /proc/self/status in kB ("VmRSS", "VmHWM"); nullopt when unavailable.
std::optional<long> ProcStatusKb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      return std::stol(line.substr(field.size() + 1));
    }
  }
  return std::nullopt;
}

// Resets VmHWM to the current RSS (Linux 4.0+), so the peak of one phase can be measured.
bool ResetPeakRss() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

TEST(XlsxReaderStreamingTest, ReadsALargeSheetInBoundedMemory) {
  constexpr int kRows = 300000;
  constexpr long kLimitKb = 60 * 1024;
  TempDir dir;
  const std::string path = dir.File("large.xlsx");
  {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    ASSERT_NE(workbook, nullptr);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "户信息");
    const char* headers[] = {"户编号",   "身份证号", "户主姓名",
                             "家庭人口", "家庭住址", "人均纯收入"};
    for (lxw_col_t column = 0; column < 6; ++column) {
      worksheet_write_string(sheet, 0, column, headers[column], nullptr);
    }
    for (int row_idx = 1; row_idx <= kRows; ++row_idx) {
      const auto row = static_cast<lxw_row_t>(row_idx);
      const std::string serial = std::to_string(1000000 + row_idx);
      const std::string household = "620902108200" + serial;
      const std::string id = "62090219800101" + serial.substr(3);
      const std::string name = "张三丰" + serial;
      const std::string address = "甘肃省酒泉市肃州区银达镇明沙村第" + serial +
                                  "号农户家庭住址（易地扶贫搬迁集中安置点东区第三排西侧院落）";
      worksheet_write_string(sheet, row, 0, household.c_str(), nullptr);
      worksheet_write_string(sheet, row, 1, id.c_str(), nullptr);
      worksheet_write_string(sheet, row, 2, name.c_str(), nullptr);
      worksheet_write_number(sheet, row, 3, row_idx % 7 + 1, nullptr);
      worksheet_write_string(sheet, row, 4, address.c_str(), nullptr);
      worksheet_write_number(sheet, row, 5, 3450.5 + row_idx, nullptr);
    }
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  }
  const std::uint64_t sheet_bytes = EntrySize(path, "xl/worksheets/sheet1.xml");
  // The sheet's XML must dwarf the limit, or the test would prove nothing.
  ASSERT_GT(sheet_bytes, 2u * kLimitKb * 1024);

  const std::optional<long> baseline = ProcStatusKb("VmRSS");
  ASSERT_TRUE(baseline.has_value());
  const bool peak_reset = ResetPeakRss();
  long peak = *baseline;
  std::int64_t rows_read = 0;
  SourceRow row;
  SourceRow last;
  {
    std::unique_ptr<TableReader> reader = OpenXlsx(path);
    while (reader->Next(row)) {
      ++rows_read;
      if (rows_read % 2048 == 0) {
        peak = std::max(peak, ProcStatusKb("VmRSS").value_or(0));
      }
      last = row;
    }
    peak = std::max(peak, ProcStatusKb("VmRSS").value_or(0));
    EXPECT_DOUBLE_EQ(reader->Progress(), 1.0);
  }
  const long sampled_growth = peak - *baseline;
  const long hwm_growth = peak_reset ? ProcStatusKb("VmHWM").value_or(0) - *baseline : 0;
  std::cout << "[ streaming ] sheet XML " << sheet_bytes / (1024 * 1024) << " MB, " << rows_read
            << " rows; VmRSS before " << *baseline << " kB, sampled peak " << peak << " kB (growth "
            << sampled_growth << " kB)"
            << (peak_reset ? ", VmHWM growth " + std::to_string(hwm_growth) + " kB" : "") << "\n";
  RecordProperty("sheet_xml_bytes", std::to_string(sheet_bytes));
  RecordProperty("rss_growth_kb", std::to_string(std::max(sampled_growth, hwm_growth)));

  EXPECT_EQ(rows_read, kRows + 1);
  EXPECT_EQ(last.number, kRows + 1);
  EXPECT_EQ(Text(last, 0), "620902108200" + std::to_string(1000000 + kRows));
  EXPECT_EQ(Text(last, 5), std::to_string(3450.5 + kRows).substr(0, 8));
  EXPECT_LT(sampled_growth, kLimitKb);
  if (peak_reset) {
    EXPECT_LT(hwm_growth, kLimitKb);
  }
}

// --- Cell text rules, as data ----------------------------------------------------------------

TEST(XlsxCellTest, FormatsNumbersAsOfficesExpect) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"620902108200", "620902108200"},
      {"620902108200.0", "620902108200"},
      {"6.2090219800101E+17", "6.2090219800101E+17"},
      {"3450.5", "3450.5"},
      {"1.0E+3", "1000"},
      {"-0", "0"},
      {"-12", "-12"},
      {"999999999999999", "999999999999999"},
      {"1000000000000000", "1000000000000000"},
      {" 42 ", "42"},
      {"1E-3", "1E-3"},
  };
  for (const auto& [stored, shown] : cases) {
    EXPECT_EQ(xlsx::FormatNumber(stored).value_or("(none)"), shown) << stored;
  }
  EXPECT_FALSE(xlsx::FormatNumber("abc").has_value());
  EXPECT_FALSE(xlsx::FormatNumber("inf").has_value());
  EXPECT_FALSE(xlsx::FormatNumber("12abc").has_value());
}

TEST(XlsxCellTest, RecognisesDateFormats) {
  for (const char* code : {"yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"", "[$-804]yyyy/m/d",
                           "[DBNum1][$-804]yyyy\"年\"m\"月\"", "d-mmm-yy", "m/d/yy h:mm"}) {
    EXPECT_TRUE(xlsx::IsDateFormatCode(code)) << code;
  }
  for (const char* code : {"General", "0.00", "#,##0;[Red]-#,##0", "0.00\" days\"", "@",
                           "0_);\\(0\\)", "\\d0", "[Red]0.0", "0*d"}) {
    EXPECT_FALSE(xlsx::IsDateFormatCode(code)) << code;
  }
  for (const int id : {14, 17, 22, 27, 31, 36, 45, 47, 50, 58}) {
    EXPECT_TRUE(xlsx::IsBuiltinDateFormat(id)) << id;
  }
  for (const int id : {0, 1, 13, 23, 26, 37, 44, 48, 49, 59, 164}) {
    EXPECT_FALSE(xlsx::IsBuiltinDateFormat(id)) << id;
  }
}

TEST(XlsxCellTest, ReadsColumnReferences) {
  EXPECT_EQ(xlsx::ColumnFromReference("A1"), 0);
  EXPECT_EQ(xlsx::ColumnFromReference("C7"), 2);
  EXPECT_EQ(xlsx::ColumnFromReference("AA10"), 26);
  EXPECT_EQ(xlsx::ColumnFromReference("XFD1048576"), 16383);
  EXPECT_EQ(xlsx::ColumnFromReference("XFE1"), std::nullopt);
  EXPECT_EQ(xlsx::ColumnFromReference("12"), std::nullopt);
  EXPECT_EQ(xlsx::ParseRowNumber("1048576"), 1048576);
  EXPECT_EQ(xlsx::ParseRowNumber("1048577"), std::nullopt);
  EXPECT_EQ(xlsx::ParseRowNumber("0"), std::nullopt);
}

TEST(XlsxCellTest, DecodesEscapes) {
  EXPECT_EQ(xlsx::DecodeEscapes("a_x000D_b"), "a\rb");
  EXPECT_EQ(xlsx::DecodeEscapes("_x005F_x000D_"), "_x000D_");
  EXPECT_EQ(xlsx::DecodeEscapes("_xD83D__xDE00_"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(xlsx::DecodeEscapes("_xD83D_"), "\xEF\xBF\xBD");
  EXPECT_EQ(xlsx::DecodeEscapes("a_x0000_b"), "ab");
  EXPECT_EQ(xlsx::DecodeEscapes("x_x12_y_xZZZZ_"), "x_x12_y_xZZZZ_");
}

}  // namespace
}  // namespace shuanglian::ingest
