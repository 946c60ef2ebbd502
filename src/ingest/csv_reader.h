#pragma once

#include <memory>
#include <string>

#include "ingest/encoding.h"
#include "ingest/table_reader.h"

namespace shuanglian::ingest {

// A CSV (or tab-separated) file in any of the encodings offices use, streamed in 1 MB
// chunks. The delimiter is found from the first lines: comma, tab or semicolon.
std::unique_ptr<TableReader> OpenCsv(const std::string& path,
                                     EncodingCheck check = EncodingCheck::kWholeFile);

// The encoding and delimiter a CSV reader found, for writing its error report alike.
struct CsvDialect {
  Encoding encoding = Encoding::kUtf8;
  char delimiter = ',';
};
CsvDialect DialectOf(const TableReader& reader);

}  // namespace shuanglian::ingest
