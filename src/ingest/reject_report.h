#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/table_open.h"
#include "ingest/table_reader.h"

namespace shuanglian::ingest {

// The rejected rows of an import, written as they were with a 错误原因 column, in the
// input's own form (XLSX, or CSV in the same encoding and delimiter), so an office fixes
// just those rows and imports the file again.
class RejectReport {
 public:
  RejectReport(const std::string& path, TableFormat format, CsvDialect dialect,
               std::vector<std::string> header);
  ~RejectReport();
  RejectReport(const RejectReport&) = delete;
  RejectReport& operator=(const RejectReport&) = delete;

  void Add(const SourceRow& row, const std::string& reason);
  // Throws std::runtime_error when the file cannot be written.
  void Close();

 private:
  std::vector<std::string> Line(const std::vector<std::string>& cells,
                                const std::string& reason) const;

  struct Output;
  std::unique_ptr<Output> output_;
  std::vector<std::string> header_;
  std::size_t reason_column_ = 0;
};

}  // namespace shuanglian::ingest
