#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/field.h"

namespace shuanglian::ingest {

struct SourceCell {
  std::string text;  // UTF-8
  core::CellKind kind = core::CellKind::kText;
};

// One row of a spreadsheet or CSV file, as it was.
struct SourceRow {
  std::int64_t number = 0;        // the row number a spreadsheet shows, from 1
  std::vector<SourceCell> cells;  // by column position (A = 0); trailing empty cells may be absent
};

// The file as a whole cannot be read: not CSV or XLSX, an unknown encoding, a broken
// archive. The message is Chinese and names the file's problem; the command exits 2.
class ReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file the user named cannot be written (a report, a template, an export): exit 2, since
// the user can fix it by choosing another path.
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Rows of a table file, streamed: a reader never holds the whole sheet.
class TableReader {
 public:
  virtual ~TableReader() = default;
  // The next row that has at least one non-empty cell; false at the end of the table.
  // Throws ReadError when the file turns out malformed midway.
  virtual bool Next(SourceRow& row) = 0;
  // How much of the input has been consumed, 0 to 1, for progress bars.
  virtual double Progress() const = 0;
  // "XLSX", "CSV (UTF-8)", "CSV (GBK/GB18030)": for the summary and for writing the report
  // in the same form.
  virtual std::string FormatName() const = 0;
};

}  // namespace shuanglian::ingest
