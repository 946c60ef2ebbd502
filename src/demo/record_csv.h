#pragma once

#include <fstream>
#include <span>
#include <string>

#include "core/field.h"

namespace shuanglian::demo {

// Writes records in the import format: UTF-8 CSV with the Chinese header of the fields.
class RecordCsvWriter {
 public:
  RecordCsvWriter(const std::string& path, std::span<const core::FieldSpec> fields);
  void Write(const core::RawRecord& record);
  // Throws std::runtime_error when the file could not be written whole.
  void Close();

 private:
  std::string path_;
  std::ofstream out_;
  std::string line_;
};

}  // namespace shuanglian::demo
