#include "ingest/reject_report.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "core/csv.h"
#include "core/text.h"
#include "ingest/header_mapping.h"
#include "ingest/xlsx_writer.h"

namespace shuanglian::ingest {

struct RejectReport::Output {
  TableFormat format = TableFormat::kCsv;
  CsvDialect dialect;
  std::string path;
  std::ofstream csv;
  std::unique_ptr<XlsxWriter> xlsx;

  void Write(const std::vector<std::string>& cells, bool header) {
    if (format == TableFormat::kXlsx) {
      header ? xlsx->WriteHeader(cells) : xlsx->WriteRow(cells);
      return;
    }
    std::string line;
    for (std::size_t index = 0; index < cells.size(); ++index) {
      if (index > 0) {
        line.push_back(dialect.delimiter);
      }
      line += core::CsvEscape(cells[index], dialect.delimiter);
    }
    line += "\r\n";
    csv << EncodeFromUtf8(line, dialect.encoding);
    if (!csv) {
      throw WriteError("无法写入错误报告 " + path + "：" + std::strerror(errno));
    }
  }
};

RejectReport::RejectReport(const std::string& path, TableFormat format, CsvDialect dialect,
                           std::vector<std::string> header)
    : output_(std::make_unique<Output>()), header_(std::move(header)) {
  // A report of a report: reuse its 错误原因 column rather than add a second one.
  reason_column_ = header_.size();
  for (std::size_t column = 0; column < header_.size(); ++column) {
    if (core::Trim(header_[column]) == kErrorReasonHeader) {
      reason_column_ = column;
    }
  }
  if (reason_column_ == header_.size()) {
    header_.emplace_back(kErrorReasonHeader);
  }
  output_->format = format;
  output_->dialect = dialect;
  output_->path = path;
  if (format == TableFormat::kXlsx) {
    output_->xlsx = std::make_unique<XlsxWriter>(path);
    output_->xlsx->AddSheet("错误行");
  } else {
    output_->csv.open(path, std::ios::binary | std::ios::trunc);
    if (!output_->csv) {
      throw WriteError("无法创建错误报告 " + path + "：" + std::strerror(errno));
    }
    // UTF-8 gets its BOM so that Excel on Windows opens it without mojibake.
    if (dialect.encoding == Encoding::kUtf8 || dialect.encoding == Encoding::kUtf8Bom) {
      output_->csv << "\xEF\xBB\xBF";
    } else if (dialect.encoding == Encoding::kUtf16Le) {
      output_->csv << "\xFF\xFE";
    } else if (dialect.encoding == Encoding::kUtf16Be) {
      output_->csv << "\xFE\xFF";
    }
  }
  output_->Write(header_, true);
}

RejectReport::~RejectReport() = default;

std::vector<std::string> RejectReport::Line(const std::vector<std::string>& cells,
                                            const std::string& reason) const {
  std::vector<std::string> line = cells;
  line.resize(std::max(line.size(), header_.size()));
  line[reason_column_] = reason;
  return line;
}

void RejectReport::Add(const SourceRow& row, const std::string& reason) {
  std::vector<std::string> cells;
  cells.reserve(row.cells.size());
  for (const SourceCell& cell : row.cells) {
    cells.push_back(cell.text);
  }
  output_->Write(Line(cells, reason), false);
}

void RejectReport::Close() {
  if (output_->format == TableFormat::kXlsx) {
    output_->xlsx->Close();
  } else {
    output_->csv.close();
    if (!output_->csv) {
      throw WriteError("无法写入错误报告 " + output_->path);
    }
  }
}

}  // namespace shuanglian::ingest
