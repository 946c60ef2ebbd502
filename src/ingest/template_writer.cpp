#include "ingest/template_writer.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "core/csv.h"
#include "core/household.h"
#include "core/person.h"
#include "ingest/table_reader.h"
#include "ingest/xlsx_writer.h"

namespace shuanglian::ingest {

namespace {

std::string Extension(const std::string& path) {
  const auto dot = path.rfind('.');
  std::string extension = dot == std::string::npos ? "" : path.substr(dot + 1);
  for (char& c : extension) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return extension;
}

}  // namespace

void WriteTemplate(ImportKind kind, const std::string& path,
                   const core::DictionarySet& dictionaries) {
  const auto fields = ImportFields(kind);
  std::vector<std::string> header;
  for (const core::FieldSpec& field : fields) {
    header.push_back(std::string(field.name) + (field.required ? "*" : ""));
  }
  const std::string extension = Extension(path);
  if (extension == "csv") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw WriteError("无法创建模板 " + path + "：" + std::strerror(errno));
    }
    out << "\xEF\xBB\xBF";
    for (std::size_t index = 0; index < header.size(); ++index) {
      out << (index ? "," : "") << core::CsvEscape(header[index]);
    }
    out << "\r\n";
    if (!out) {
      throw WriteError("无法写入模板 " + path);
    }
    return;
  }
  if (extension != "xlsx") {
    throw std::invalid_argument("模板文件应以 .xlsx 或 .csv 结尾：" + path);
  }
  XlsxWriter writer(path);
  writer.AddSheet("导入数据");
  static const char* kTitles[] = {"家庭（户）信息导入模板", "家庭成员信息导入模板",
                                  "帮扶单位导入模板", "帮扶力量导入模板", "结对关系导入模板"};
  writer.WriteRow({kTitles[static_cast<int>(kind)]});
  std::string note =
      "带 * 的列必须填写；证件号码、户编号、代码等列请保持“文本”格式；可选值见“可选值”工作表。";
  for (const core::FieldSpec& field : fields) {
    if (!field.hint.empty()) {
      note += std::string(field.name) + "：" + std::string(field.hint) + "；";
    }
  }
  writer.WriteRow({note});
  writer.WriteHeader(header);

  writer.AddSheet("可选值");
  std::vector<std::string> names;
  std::vector<const core::Dictionary*> columns;
  for (const core::FieldSpec& field : fields) {
    if (!field.dictionary.empty() && dictionaries.Has(field.dictionary)) {
      names.emplace_back(field.name);
      columns.push_back(&dictionaries.Get(field.dictionary));
    }
  }
  writer.WriteHeader(names);
  for (std::size_t row = 0;; ++row) {
    std::vector<std::string> cells(columns.size());
    bool any = false;
    for (std::size_t column = 0; column < columns.size(); ++column) {
      if (row < columns[column]->items().size()) {
        cells[column] = columns[column]->items()[row].label;
        any = true;
      }
    }
    if (!any) {
      break;
    }
    writer.WriteRow(cells);
  }
  writer.Close();
}

}  // namespace shuanglian::ingest
