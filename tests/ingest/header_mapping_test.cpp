#include "ingest/header_mapping.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "ingest/csv_reader.h"
#include "support/temp_dir.h"

namespace shuanglian::ingest {
namespace {

// An import maps every row into one record: a row must find nothing of the row before.
TEST(MapRowTest, AReusedRecordKeepsNothingOfThePreviousRow) {
  ColumnMapping mapping;
  mapping.field_of_column = {1, -1, 0, 2};
  const SourceRow full{2,
                       {{"a cell longer than a short string holds"},
                        {"ignored"},
                        {"42", core::CellKind::kNumber},
                        {"c"}}};
  const SourceRow short_row{3, {{"x"}}};
  core::RawRecord record;

  MapRow(full, mapping, 3, record);
  ASSERT_EQ(record.size(), 3u);
  EXPECT_EQ(record[0].text, "42");
  EXPECT_EQ(record[0].kind, core::CellKind::kNumber);
  EXPECT_EQ(record[1].text, "a cell longer than a short string holds");
  EXPECT_EQ(record[2].text, "c");

  MapRow(short_row, mapping, 3, record);
  const core::RawRecord fresh = MapRow(short_row, mapping, 3);
  ASSERT_EQ(record.size(), fresh.size());
  for (std::size_t field = 0; field < fresh.size(); ++field) {
    EXPECT_EQ(record[field].text, fresh[field].text) << field;
    EXPECT_EQ(record[field].kind, fresh[field].kind) << field;
  }
  EXPECT_EQ(record[1].text, "x");
  EXPECT_EQ(record[0].kind, core::CellKind::kText);
}

// The CSV reader reuses its parser's vectors: a short row after a long one has only its own
// cells, and an empty row in between is skipped.
TEST(CsvReaderTest, EachRowHasOnlyItsOwnCells) {
  const testing::TempDir dir;
  const std::string path = dir.File("rows.csv");
  std::ofstream(path) << "a,b,a cell longer than a short string holds,d\n,,,\nx\n\"y,z\",w\n";
  const auto reader = OpenCsv(path);
  SourceRow row;
  ASSERT_TRUE(reader->Next(row));
  EXPECT_EQ(row.number, 1);
  ASSERT_EQ(row.cells.size(), 4u);
  EXPECT_EQ(row.cells[2].text, "a cell longer than a short string holds");
  ASSERT_TRUE(reader->Next(row));
  EXPECT_EQ(row.number, 3);
  ASSERT_EQ(row.cells.size(), 1u);
  EXPECT_EQ(row.cells[0].text, "x");
  ASSERT_TRUE(reader->Next(row));
  ASSERT_EQ(row.cells.size(), 2u);
  EXPECT_EQ(row.cells[0].text, "y,z");
  EXPECT_EQ(row.cells[1].text, "w");
  EXPECT_FALSE(reader->Next(row));
}

}  // namespace
}  // namespace shuanglian::ingest
