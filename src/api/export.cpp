#include "api/export.h"

#include <fstream>

#include "api/passwords.h"
#include "core/csv.h"
#include "ingest/table_reader.h"
#include "ingest/xlsx_writer.h"

namespace shuanglian::api {

std::string ContentDisposition(const std::string& file_name) {
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : file_name) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '.' || byte == '-' || byte == '_') {
      encoded.push_back(c);
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[byte >> 4]);
      encoded.push_back(kHex[byte & 0x0F]);
    }
  }
  return "attachment; filename=\"export" + file_name.substr(file_name.rfind('.')) +
         "\"; filename*=UTF-8''" + encoded;
}

Response ExportFile(
    Context& context, const std::string& file_stem, std::span<const core::FieldSpec> fields,
    const std::vector<std::string>& extra_columns,
    const std::function<void(const std::function<void(std::vector<std::string>)>&)>& produce) {
  std::string format = context.request().QueryValue("format");
  if (format.empty()) {
    format = "xlsx";
  }
  if (format != "xlsx" && format != "csv") {
    throw ApiError(
        400, "bad_parameter", "format 应为 xlsx 或 csv",
        boost::json::array{boost::json::object{{"field", "format"}, {"code", "bad_parameter"}}});
  }
  std::vector<std::string> header;
  for (const core::FieldSpec& field : fields) {
    header.emplace_back(field.name);
  }
  header.insert(header.end(), extra_columns.begin(), extra_columns.end());
  const std::string path =
      context.state().work_directory + "/export-" + RandomToken().substr(0, 16) + "." + format;
  Response response;
  response.file_path = path;
  response.delete_file_after = true;
  if (format == "xlsx") {
    ingest::XlsxWriter writer(path);
    writer.AddSheet(file_stem);
    writer.WriteHeader(header);
    produce([&](std::vector<std::string> row) { writer.WriteRow(row); });
    writer.Close();
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    std::ofstream out(path, std::ios::binary);
    const auto write_line = [&](const std::vector<std::string>& cells) {
      for (std::size_t index = 0; index < cells.size(); ++index) {
        out << (index ? "," : "") << core::CsvEscape(cells[index]);
      }
      out << "\r\n";
    };
    out << "\xEF\xBB\xBF";
    write_line(header);
    produce([&](std::vector<std::string> row) { write_line(row); });
    out.close();
    if (!out) {
      throw ingest::WriteError("无法写出导出文件");
    }
    response.content_type = "text/csv; charset=utf-8";
  }
  response.headers.emplace_back("Content-Disposition",
                                ContentDisposition(file_stem + "." + format));
  return response;
}

}  // namespace shuanglian::api
