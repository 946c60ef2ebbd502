#include "ingest/xlsx_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "ingest/table_reader.h"
#include "ingest/xlsx_reader.h"

namespace shuanglian::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "xlsx_writer_test_XXXXXX").string();
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

std::vector<SourceRow> ReadAll(const std::string& path, const std::string& sheet = "") {
  std::unique_ptr<TableReader> reader = OpenXlsx(path, sheet);
  std::vector<SourceRow> rows;
  SourceRow row;
  while (reader->Next(row)) {
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> Texts(const SourceRow& row) {
  std::vector<std::string> texts;
  for (const SourceCell& cell : row.cells) {
    texts.push_back(cell.text);
  }
  return texts;
}

// A small part of a written file, whole, to look at what libxlsxwriter was told to do.
std::string ReadEntry(const std::string& path, const std::string& name) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) {
    return {};
  }
  std::string content;
  zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
  if (file != nullptr) {
    char buffer[4096];
    zip_int64_t count = 0;
    while ((count = zip_fread(file, buffer, sizeof buffer)) > 0) {
      content.append(buffer, static_cast<std::size_t>(count));
    }
    zip_fclose(file);
  }
  zip_discard(archive);
  return content;
}

// The value of attribute `name` in the XML element `element` ("<col min=\"1\" .../>").
std::string AttributeOf(const std::string& element, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const std::size_t begin = element.find(key);
  if (begin == std::string::npos) {
    return {};
  }
  const std::size_t value = begin + key.size();
  return element.substr(value, element.find('"', value) - value);
}

// Every start tag `<tag ...>` in `xml`, in order. (No std::regex: GCC 12 warns inside it
// under sanitizer builds.)
std::vector<std::string> Elements(const std::string& xml, const std::string& tag) {
  std::vector<std::string> elements;
  const std::string open = "<" + tag + " ";
  for (std::size_t begin = xml.find(open); begin != std::string::npos;
       begin = xml.find(open, begin + 1)) {
    elements.push_back(xml.substr(begin, xml.find('>', begin) - begin + 1));
  }
  return elements;
}

// The width libxlsxwriter recorded for each 1-based column of a sheet's XML.
std::map<int, double> ColumnWidths(const std::string& sheet_xml) {
  std::map<int, double> widths;
  for (const std::string& col : Elements(sheet_xml, "col")) {
    widths[std::stoi(AttributeOf(col, "min"))] = std::stod(AttributeOf(col, "width"));
  }
  return widths;
}

// The s attribute of a cell in a sheet's XML, or -1.
int StyleOf(const std::string& sheet_xml, const std::string& cell) {
  for (const std::string& element : Elements(sheet_xml, "c")) {
    if (AttributeOf(element, "r") == cell) {
      const std::string style = AttributeOf(element, "s");
      return style.empty() ? -1 : std::stoi(style);
    }
  }
  return -1;
}

// The <xf> elements of cellXfs in styles.xml, in order.
std::vector<std::string> CellFormats(const std::string& styles_xml) {
  const std::size_t begin = styles_xml.find("<cellXfs");
  const std::size_t end = styles_xml.find("</cellXfs>");
  if (begin == std::string::npos || end == std::string::npos) {
    return {};
  }
  return Elements(styles_xml.substr(begin, end - begin), "xf");
}

const std::vector<std::string> kHeader = {"户编号", "户主身份证号", "户主姓名", "联系电话", "ID"};

TEST(XlsxWriterTest, RoundTripKeepsIdsAsText) {
  TempDir dir;
  const std::string path = dir.File("export.xlsx");
  const std::vector<std::vector<std::string>> body = {
      {"620902108200001", "620902198001010017", "张三", "13800000000", "0012"},
      {"620902108200002", "62090219800101001X", "", "", "1E+5"},
      {"620902108200003", "", "李四", "0937-1234567"},
  };
  {
    XlsxWriter writer(path);
    writer.AddSheet("户信息");
    writer.WriteHeader(kHeader);
    for (const auto& cells : body) {
      writer.WriteRow(cells);
    }
    writer.Close();
  }

  const std::vector<SourceRow> rows = ReadAll(path);

  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(Texts(rows[0]), kHeader);
  for (std::size_t row_idx = 0; row_idx < body.size(); ++row_idx) {
    const SourceRow& row = rows[row_idx + 1];
    EXPECT_EQ(row.number, static_cast<std::int64_t>(row_idx + 2));
    std::vector<std::string> expected = body[row_idx];
    while (!expected.empty() && expected.back().empty()) {
      expected.pop_back();
    }
    EXPECT_EQ(Texts(row), expected) << "row " << row.number;
    for (const SourceCell& cell : row.cells) {
      EXPECT_EQ(cell.kind, core::CellKind::kText) << cell.text;
    }
  }
  EXPECT_EQ(rows[1].cells[1].text, "620902198001010017");
}

TEST(XlsxWriterTest, NamesSheetsAsExcelAllows) {
  TempDir dir;
  const std::string path = dir.File("sheets.xlsx");
  const std::string long_name = "2024年第一季度/第二季度:[汇总]*未脱贫户帮扶措施落实情况明细表";
  {
    XlsxWriter writer(path);
    writer.AddSheet("汇总");
    writer.WriteRow({"first"});
    writer.AddSheet(long_name);
    writer.WriteRow({"second"});
    writer.AddSheet("汇总");
    writer.WriteRow({"third"});
    writer.AddSheet("'引号'");
    writer.WriteRow({"fourth"});
    writer.Close();
  }

  // 31 characters, forbidden ones replaced.
  const std::string expected_long = "2024年第一季度_第二季度__汇总__未脱贫户帮扶措施落实情";
  ASSERT_EQ(ReadAll(path, expected_long).size(), 1u);
  EXPECT_EQ(ReadAll(path, expected_long)[0].cells[0].text, "second");
  EXPECT_EQ(ReadAll(path, "汇总(2)")[0].cells[0].text, "third");
  EXPECT_EQ(ReadAll(path, "引号")[0].cells[0].text, "fourth");
  EXPECT_EQ(ReadAll(path)[0].cells[0].text, "first");
}

TEST(XlsxWriterTest, HeaderIsBoldFrozenAndFitted) {
  TempDir dir;
  const std::string path = dir.File("header.xlsx");
  const std::string long_header(60, 'x');
  {
    XlsxWriter writer(path);
    writer.AddSheet("表");
    writer.WriteHeader({"户编号", "户主身份证号码", long_header, "ID"});
    writer.WriteRow({"620902108200001", "620902198001010017", "x", "1"});
    writer.Close();
  }
  const std::string sheet_xml = ReadEntry(path, "xl/worksheets/sheet1.xml");
  const std::string styles_xml = ReadEntry(path, "xl/styles.xml");
  ASSERT_FALSE(sheet_xml.empty());
  ASSERT_FALSE(styles_xml.empty());

  EXPECT_THAT(sheet_xml, HasSubstr("ySplit=\"1\""));
  EXPECT_THAT(sheet_xml, HasSubstr("topLeftCell=\"A2\""));
  EXPECT_THAT(sheet_xml, HasSubstr("state=\"frozen\""));

  // Widths as given plus the padding libxlsxwriter adds (under one unit):
  // 户编号 3 wide characters + 2 → 8; 户主身份证号码 7 wide + 2 → 16; 60 letters → 40; ID → 8.
  const std::map<int, double> widths = ColumnWidths(sheet_xml);
  ASSERT_EQ(widths.size(), 4u);
  EXPECT_THAT(widths.at(1), ::testing::AllOf(::testing::Ge(8.0), ::testing::Lt(9.0)));
  EXPECT_THAT(widths.at(2), ::testing::AllOf(::testing::Ge(16.0), ::testing::Lt(17.0)));
  EXPECT_THAT(widths.at(3), ::testing::AllOf(::testing::Ge(40.0), ::testing::Lt(41.0)));
  EXPECT_THAT(widths.at(4), ::testing::AllOf(::testing::Ge(8.0), ::testing::Lt(9.0)));

  const int header_style = StyleOf(sheet_xml, "A1");
  const int body_style = StyleOf(sheet_xml, "A2");
  ASSERT_GE(header_style, 0);
  ASSERT_GE(body_style, 0);
  EXPECT_NE(header_style, body_style);
  const std::vector<std::string> formats = CellFormats(styles_xml);
  ASSERT_GT(formats.size(), static_cast<std::size_t>(std::max(header_style, body_style)));
  // 49 is Excel's built-in "@" (text) format.
  EXPECT_THAT(formats[header_style], HasSubstr("numFmtId=\"49\""));
  EXPECT_THAT(formats[body_style], HasSubstr("numFmtId=\"49\""));
  EXPECT_THAT(styles_xml, HasSubstr("<b/>"));
}

TEST(XlsxWriterTest, RowsBeforeAnySheetGoToADefaultSheet) {
  TempDir dir;
  const std::string path = dir.File("default.xlsx");
  {
    XlsxWriter writer(path);
    writer.WriteRow({"620902108200001"});
    writer.Close();
  }

  const std::vector<SourceRow> rows = ReadAll(path, "Sheet1");

  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells[0].text, "620902108200001");
}

TEST(XlsxWriterTest, LongCellIsCutToExcelsLimit) {
  TempDir dir;
  const std::string path = dir.File("long.xlsx");
  std::string long_text;
  for (int repeat = 0; repeat < 40000; ++repeat) {
    long_text += "扶";
  }
  {
    XlsxWriter writer(path);
    writer.WriteRow({long_text, "after"});
    writer.Close();
  }

  const std::vector<SourceRow> rows = ReadAll(path);

  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells[0].text, long_text.substr(0, 32767 * 3));
  EXPECT_EQ(rows[0].cells[1].text, "after");
}

// An unwritable path is refused when the writer is made, in one Chinese message (rather
// than libxlsxwriter's own English line at close).
TEST(XlsxWriterTest, AnUnwritablePathIsRefusedAtOnce) {
  TempDir dir;
  const std::string path = dir.File("missing-folder/export.xlsx");
  try {
    XlsxWriter writer(path);
    FAIL() << "writing into a missing folder must fail";
  } catch (const WriteError& error) {
    EXPECT_THAT(error.what(), HasSubstr("missing-folder/export.xlsx"));
    EXPECT_THAT(error.what(), HasSubstr("无法创建 Excel 文件"));
  }
}

TEST(XlsxWriterTest, CloseReportsAFileThatCannotBeWritten) {
  TempDir dir;
  const std::string path = dir.File("vanishing/export.xlsx");
  fs::create_directories(dir.File("vanishing"));
  try {
    XlsxWriter writer(path);
    writer.WriteRow({"a"});
    fs::remove_all(dir.File("vanishing"));  // the folder goes away before the file is written
    writer.Close();
    FAIL() << "writing into a vanished folder must fail";
  } catch (const WriteError& error) {
    EXPECT_THAT(error.what(), HasSubstr("vanishing/export.xlsx"));
  }
}

TEST(XlsxWriterTest, DestructorWritesTheFileWhenCloseWasNotCalled) {
  TempDir dir;
  const std::string path = dir.File("unclosed.xlsx");
  {
    XlsxWriter writer(path);
    writer.WriteHeader({"户编号"});
    writer.WriteRow({"620902108200001"});
  }

  const std::vector<SourceRow> rows = ReadAll(path);

  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].cells[0].text, "620902108200001");
}

TEST(XlsxWriterTest, DestructorSwallowsWriteErrors) {
  TempDir dir;
  fs::create_directories(dir.File("vanishing"));
  const std::string path = dir.File("vanishing/unclosed.xlsx");
  EXPECT_NO_THROW({
    XlsxWriter writer(path);
    writer.WriteRow({"a"});
    fs::remove_all(dir.File("vanishing"));
  });
  EXPECT_FALSE(fs::exists(path));
}

TEST(XlsxWriterTest, CloseTwiceIsHarmlessButWritingAfterCloseIsABug) {
  TempDir dir;
  const std::string path = dir.File("closed.xlsx");
  XlsxWriter writer(path);
  writer.WriteRow({"a"});
  writer.Close();
  EXPECT_NO_THROW(writer.Close());
  EXPECT_THROW(writer.WriteRow({"b"}), std::logic_error);
  EXPECT_THROW(writer.AddSheet("more"), std::logic_error);
  EXPECT_EQ(ReadAll(path).size(), 1u);
}

TEST(XlsxWriterTest, RefusesMoreColumnsThanExcelHas) {
  TempDir dir;
  XlsxWriter writer(dir.File("wide.xlsx"));
  const std::vector<std::string> too_wide(16385, "x");
  try {
    writer.WriteRow(too_wide);
    FAIL() << "16,385 columns must be refused";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("16384"));
  }
}

}  // namespace
}  // namespace shuanglian::ingest
