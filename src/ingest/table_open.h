#pragma once

#include <memory>
#include <string>

#include "ingest/encoding.h"
#include "ingest/table_reader.h"

namespace shuanglian::ingest {

enum class TableFormat { kCsv, kXlsx };

// Opens a table file by what its bytes are, not by its name: an .xlsx workbook (a zip), or
// a text file read as CSV. Old .xls files, encrypted workbooks, empty files and other
// binary files are refused with a ReadError that says what to do.
// `check`: how much of a CSV file is read to decide its encoding (see EncodingCheck).
std::unique_ptr<TableReader> OpenTable(const std::string& path, TableFormat* format = nullptr,
                                       EncodingCheck check = EncodingCheck::kWholeFile);

}  // namespace shuanglian::ingest
