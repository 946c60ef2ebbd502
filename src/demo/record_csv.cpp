#include "demo/record_csv.h"

#include <stdexcept>

#include "core/csv.h"
#include "ingest/table_reader.h"

namespace shuanglian::demo {

RecordCsvWriter::RecordCsvWriter(const std::string& path, std::span<const core::FieldSpec> fields)
    : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
  if (!out_) {
    throw ingest::WriteError("无法创建文件 " + path);
  }
  for (std::size_t index = 0; index < fields.size(); ++index) {
    out_ << (index ? "," : "") << fields[index].name;
  }
  out_ << '\n';
}

void RecordCsvWriter::Write(const core::RawRecord& record) {
  line_.clear();
  for (std::size_t index = 0; index < record.size(); ++index) {
    if (index > 0) {
      line_.push_back(',');
    }
    line_ += core::CsvEscape(record[index].text);
  }
  line_.push_back('\n');
  out_ << line_;
}

void RecordCsvWriter::Close() {
  out_.close();
  if (!out_) {
    throw ingest::WriteError("写入文件 " + path_ + " 失败");
  }
}

}  // namespace shuanglian::demo
