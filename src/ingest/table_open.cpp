#include "ingest/table_open.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "ingest/csv_reader.h"
#include "ingest/xlsx_reader.h"

namespace shuanglian::ingest {

std::unique_ptr<TableReader> OpenTable(const std::string& path, TableFormat* format,
                                       EncodingCheck check) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw ReadError("找不到文件 " + path);
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw ReadError("无法打开文件 " + path + "：" + std::strerror(errno));
  }
  char magic[8] = {};
  stream.read(magic, sizeof magic);
  const auto got = static_cast<std::size_t>(stream.gcount());
  const std::string_view head(magic, got);
  if (got == 0) {
    throw ReadError("文件 " + path + " 是空的");
  }
  if (head.starts_with("PK\x03\x04")) {
    if (format) {
      *format = TableFormat::kXlsx;
    }
    return OpenXlsx(path);
  }
  if (head.starts_with("\xD0\xCF\x11\xE0")) {
    throw ReadError(
        "这是旧版 Excel（.xls）文件或加密的工作簿，请在 Excel 中另存为 .xlsx 或“CSV "
        "UTF-8”后再导入");
  }
  if (head.starts_with("%PDF") || head.starts_with("\x89PNG") || head.starts_with("\xFF\xD8\xFF")) {
    throw ReadError("文件不是 CSV 或 XLSX 文件");
  }
  if (format) {
    *format = TableFormat::kCsv;
  }
  return OpenCsv(path, check);
}

}  // namespace shuanglian::ingest
