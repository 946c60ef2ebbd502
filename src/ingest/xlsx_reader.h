#pragma once

#include <memory>
#include <string>

#include "ingest/table_reader.h"

namespace shuanglian::ingest {

// Streams the first worksheet (or the one named) of an .xlsx file: libzip reads the sheet's
// XML in chunks and expat parses it as it comes, so a million-row sheet is never held
// whole. Shared strings are loaded (they must be: cells refer to them by index).
//
// Cells: shared and inline strings are kText; numbers are kNumber, written without ".0"
// when whole (up to 15 digits) and as Excel stored them otherwise ("6.2090219800101E+17");
// cells whose style is a date format are kDate, written "YYYY-MM-DD"; booleans are
// kBoolean "TRUE"/"FALSE". Throws ReadError for a file that is not a readable workbook.
std::unique_ptr<TableReader> OpenXlsx(const std::string& path, const std::string& sheet_name = "");

}  // namespace shuanglian::ingest
