#include "ingest/xlsx_zip.h"

#include <array>
#include <fstream>

#include "ingest/table_reader.h"

namespace shuanglian::ingest::xlsx {
namespace {

std::string ZipErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// Excel 97-2003 files and password-protected .xlsx files are both OLE compound documents;
// offices rename them to .xlsx often enough that they deserve their own advice.
bool IsOleCompoundFile(const std::string& path) {
  static constexpr std::array<unsigned char, 8> kSignature = {0xD0, 0xCF, 0x11, 0xE0,
                                                              0xA1, 0xB1, 0x1A, 0xE1};
  std::ifstream in(path, std::ios::binary);
  std::array<char, 8> head{};
  if (!in.read(head.data(), head.size())) {
    return false;
  }
  for (std::size_t byte_idx = 0; byte_idx < head.size(); ++byte_idx) {
    if (static_cast<unsigned char>(head[byte_idx]) != kSignature[byte_idx]) {
      return false;
    }
  }
  return true;
}

}  // namespace

ZipArchivePtr OpenArchive(const std::string& path) {
  int error_code = ZIP_ER_OK;
  ZipArchivePtr archive(zip_open(path.c_str(), ZIP_RDONLY, &error_code));
  if (archive) {
    return archive;
  }
  switch (error_code) {
    case ZIP_ER_NOENT:
      throw ReadError("找不到文件：" + path);
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_MEMORY:
      throw ReadError("无法打开文件：" + path + "（" + ZipErrorText(error_code) + "）");
    case ZIP_ER_NOZIP:
      if (IsOleCompoundFile(path)) {
        throw ReadError(
            "文件是旧版 Excel 97-2003 工作簿（.xls）或设置了打开密码，不是 XLSX 工作簿；"
            "请在 Excel 中另存为不加密的 .xlsx 后再导入");
      }
      throw ReadError("文件不是有效的 XLSX 工作簿（无法作为 zip 打开）");
    default:
      throw ReadError("文件不是有效的 XLSX 工作簿（无法作为 zip 打开：" + ZipErrorText(error_code) +
                      "）");
  }
}

bool HasEntry(zip_t* archive, const std::string& name) {
  return zip_name_locate(archive, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<ZipEntryReader> ZipEntryReader::Open(zip_t* archive, const std::string& name) {
  const zip_int64_t index = zip_name_locate(archive, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    return std::nullopt;
  }
  const auto entry_index = static_cast<zip_uint64_t>(index);
  std::uint64_t size = 0;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, entry_index, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0) {
    size = stat.size;
  }
  ZipFilePtr file(zip_fopen_index(archive, entry_index, 0));
  if (!file) {
    throw ReadError("XLSX 内容无法读取：" + name + "（" + zip_strerror(archive) + "）");
  }
  return ZipEntryReader(name, std::move(file), size);
}

std::size_t ZipEntryReader::Read(void* buffer, std::size_t capacity) {
  const zip_int64_t count = zip_fread(file_.get(), buffer, capacity);
  if (count < 0) {
    throw ReadError("XLSX 内容损坏：解压 " + name_ + " 失败（" + zip_file_strerror(file_.get()) +
                    "）");
  }
  consumed_ += static_cast<std::uint64_t>(count);
  return static_cast<std::size_t>(count);
}

}  // namespace shuanglian::ingest::xlsx
