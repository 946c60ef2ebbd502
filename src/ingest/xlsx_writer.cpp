#include "ingest/xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include "ingest/table_reader.h"

namespace shuanglian::ingest {
namespace {

// Excel's limits.
constexpr std::size_t kMaxSheetNameUnits = 31;  // UTF-16 code units
constexpr std::size_t kMaxCellCharacters = 32767;
constexpr double kMinColumnWidth = 8;
constexpr double kMaxColumnWidth = 40;

struct WorkbookClose {
  // workbook_close writes the file and frees the workbook; from a destructor its error has
  // nowhere to go, so a writer dropped without Close() still leaves a file when it can.
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};

// The next code point of `text` from `pos`, advancing `pos`; malformed bytes count as one
// character each so that nothing loops forever.
char32_t NextCodePoint(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 1;
  char32_t code_point = lead;
  if (lead >= 0xF0) {
    length = 4;
    code_point = lead & 0x07;
  } else if (lead >= 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
  }
  if (pos + length > text.size()) {
    ++pos;
    return lead;
  }
  for (std::size_t byte_idx = 1; byte_idx < length; ++byte_idx) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[pos + byte_idx]) & 0x3F);
  }
  pos += length;
  return code_point;
}

// East Asian wide and full-width characters take two columns of a fixed-width grid.
bool IsWide(char32_t code_point) {
  return (code_point >= 0x1100 && code_point <= 0x115F) ||
         (code_point >= 0x2E80 && code_point <= 0xA4CF) ||
         (code_point >= 0xAC00 && code_point <= 0xD7A3) ||
         (code_point >= 0xF900 && code_point <= 0xFAFF) ||
         (code_point >= 0xFE30 && code_point <= 0xFE4F) ||
         (code_point >= 0xFF00 && code_point <= 0xFF60) ||
         (code_point >= 0xFFE0 && code_point <= 0xFFE6) ||
         (code_point >= 0x20000 && code_point <= 0x3FFFD);
}

double ColumnWidthFor(std::string_view header) {
  double width = 2;  // room for the filter button and a little air
  for (std::size_t pos = 0; pos < header.size();) {
    width += IsWide(NextCodePoint(header, pos)) ? 2 : 1;
  }
  return std::clamp(width, kMinColumnWidth, kMaxColumnWidth);
}

// The first `max_characters` code points of `text`.
std::string_view PrefixByCharacters(std::string_view text, std::size_t max_characters) {
  std::size_t pos = 0;
  for (std::size_t count = 0; count < max_characters && pos < text.size(); ++count) {
    NextCodePoint(text, pos);
  }
  return text.substr(0, pos);
}

// The longest prefix of `text` that fits in `max_units` UTF-16 code units, the unit Excel
// counts sheet names in.
std::string PrefixByUtf16Units(std::string_view text, std::size_t max_units) {
  std::size_t pos = 0;
  std::size_t units = 0;
  while (pos < text.size()) {
    std::size_t next = pos;
    const std::size_t width = NextCodePoint(text, next) >= 0x10000 ? 2 : 1;
    if (units + width > max_units) {
      break;
    }
    units += width;
    pos = next;
  }
  return std::string(text.substr(0, pos));
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& symbol : lower) {
    if (symbol >= 'A' && symbol <= 'Z') {
      symbol = static_cast<char>(symbol - 'A' + 'a');
    }
  }
  return lower;
}

// A name Excel accepts: its forbidden characters replaced, no apostrophe at either end,
// within 31 characters, and unlike the names already used (Excel compares without case,
// and keeps "History" for itself).
std::string SheetNameFor(std::string_view wanted, const std::vector<std::string>& used,
                         std::size_t ordinal) {
  std::string name;
  for (const char symbol : wanted) {
    const bool forbidden = std::string_view("[]:*?/\\").find(symbol) != std::string_view::npos;
    name.push_back(forbidden ? '_' : symbol);
  }
  while (!name.empty() && name.front() == '\'') {
    name.erase(name.begin());
  }
  while (!name.empty() && name.back() == '\'') {
    name.pop_back();
  }
  if (name.empty()) {
    name = "Sheet" + std::to_string(ordinal);
  }
  name = PrefixByUtf16Units(name, kMaxSheetNameUnits);
  const auto taken = [&used](const std::string& candidate) {
    const std::string lower = AsciiLower(candidate);
    return lower == "history" ||
           std::any_of(used.begin(), used.end(),
                       [&lower](const std::string& other) { return AsciiLower(other) == lower; });
  };
  if (!taken(name)) {
    return name;
  }
  for (std::size_t suffix_number = 2;; ++suffix_number) {
    const std::string suffix = "(" + std::to_string(suffix_number) + ")";
    std::string candidate = PrefixByUtf16Units(name, kMaxSheetNameUnits - suffix.size()) + suffix;
    if (!taken(candidate)) {
      return candidate;
    }
  }
}

std::string DescribeError(lxw_error error) {
  switch (error) {
    case LXW_ERROR_CREATING_XLSX_FILE:
      return "无法创建文件，目录不存在或没有写入权限";
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
      return "临时文件读写失败，请检查临时目录的空间";
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      return "内存不足";
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
      return "文件超过 4 GB";
    default:
      return lxw_strerror(error);
  }
}

}  // namespace

struct XlsxWriter::State {
  std::string path;
  std::unique_ptr<lxw_workbook, WorkbookClose> workbook;
  // Formats and worksheets belong to the workbook and die with it.
  lxw_format* text_format = nullptr;
  lxw_format* header_format = nullptr;
  lxw_worksheet* sheet = nullptr;
  std::string sheet_name;
  std::vector<std::string> sheet_names;
  lxw_row_t next_row = 0;

  lxw_workbook& Workbook() const {
    if (!workbook) {
      throw std::logic_error("XlsxWriter: used after Close()");
    }
    return *workbook;
  }

  void AddSheet(const std::string& name) {
    std::string new_name = SheetNameFor(name, sheet_names, sheet_names.size() + 1);
    lxw_worksheet* added = workbook_add_worksheet(&Workbook(), new_name.c_str());
    if (added == nullptr) {
      throw WriteError("无法添加工作表“" + new_name + "”");
    }
    sheet = added;
    sheet_names.push_back(new_name);
    sheet_name = std::move(new_name);
    next_row = 0;
  }

  // The sheet rows go to; a writer given rows before any AddSheet() starts one.
  lxw_worksheet& Sheet() {
    Workbook();
    if (sheet == nullptr) {
      AddSheet("");
    }
    return *sheet;
  }

  void WriteCells(const std::vector<std::string>& cells, lxw_format* format) {
    lxw_worksheet& worksheet = Sheet();
    if (next_row >= LXW_ROW_MAX) {
      throw WriteError("工作表“" + sheet_name + "”已达到 Excel 的最大行数 " +
                       std::to_string(LXW_ROW_MAX) + "，请分成多个工作表");
    }
    if (cells.size() > LXW_COL_MAX) {
      throw WriteError("一行有 " + std::to_string(cells.size()) + " 列，超过 Excel 的最大列数 " +
                       std::to_string(LXW_COL_MAX));
    }
    for (std::size_t column = 0; column < cells.size(); ++column) {
      if (cells[column].empty()) {
        continue;
      }
      // Excel refuses longer text; an export loses the tail rather than the whole file.
      const std::string text(PrefixByCharacters(cells[column], kMaxCellCharacters));
      const lxw_error error = worksheet_write_string(
          &worksheet, next_row, static_cast<lxw_col_t>(column), text.c_str(), format);
      if (error != LXW_NO_ERROR) {
        throw WriteError("写入工作表“" + sheet_name + "”第 " + std::to_string(next_row + 1) +
                         " 行失败（" + DescribeError(error) + "）");
      }
    }
    ++next_row;
  }
};

XlsxWriter::XlsxWriter(const std::string& path) : state_(std::make_unique<State>()) {
  state_->path = path;
  // libxlsxwriter only finds out at close that the path is unwritable, and prints its own
  // English line then: try the path now and say why in one Chinese message.
  if (std::FILE* probe = std::fopen(path.c_str(), "wb")) {
    std::fclose(probe);
  } else {
    throw WriteError("无法创建 Excel 文件“" + path + "”：" + std::strerror(errno));
  }
  lxw_workbook_options options{};
  // Rows go to a temporary file as they are written; memory stays flat for any row count.
  options.constant_memory = LXW_TRUE;
  state_->workbook.reset(workbook_new_opt(path.c_str(), &options));
  if (!state_->workbook) {
    throw WriteError("无法创建 Excel 文件“" + path + "”");
  }
  // Built-in format 49 is "@", text: Excel keeps ID numbers and codes in it as typed, also
  // when a user edits the file later. (Given as the string "@", libxlsxwriter would add a
  // custom format instead of naming the built-in one.)
  constexpr std::uint8_t kTextFormatIndex = 49;
  state_->text_format = workbook_add_format(state_->workbook.get());
  format_set_num_format_index(state_->text_format, kTextFormatIndex);
  state_->header_format = workbook_add_format(state_->workbook.get());
  format_set_num_format_index(state_->header_format, kTextFormatIndex);
  format_set_bold(state_->header_format);
}

XlsxWriter::~XlsxWriter() = default;

void XlsxWriter::AddSheet(const std::string& name) {
  state_->AddSheet(name);
}

void XlsxWriter::WriteHeader(const std::vector<std::string>& cells) {
  lxw_worksheet& sheet = state_->Sheet();
  const lxw_row_t header_row = state_->next_row;
  state_->WriteCells(cells, state_->header_format);
  for (std::size_t column = 0; column < cells.size(); ++column) {
    const auto col = static_cast<lxw_col_t>(column);
    // The column's own format is text too, so what users type under the header stays text.
    worksheet_set_column(&sheet, col, col, ColumnWidthFor(cells[column]), state_->text_format);
  }
  worksheet_freeze_panes(&sheet, header_row + 1, 0);
}

void XlsxWriter::WriteRow(const std::vector<std::string>& cells) {
  state_->WriteCells(cells, state_->text_format);
}

void XlsxWriter::Close() {
  if (!state_->workbook) {
    return;
  }
  const lxw_error error = workbook_close(state_->workbook.release());
  if (error != LXW_NO_ERROR) {
    throw WriteError("写入 Excel 文件“" + state_->path + "”失败：" + DescribeError(error));
  }
}

}  // namespace shuanglian::ingest
