#include "ingest/xlsx_reader.h"

#include <algorithm>
#include <charconv>
#include <deque>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "ingest/xlsx_cell.h"
#include "ingest/xlsx_workbook.h"
#include "ingest/xlsx_xml.h"
#include "ingest/xlsx_zip.h"

namespace shuanglian::ingest {
namespace xlsx {
namespace {

// The t attribute of a <c> element.
enum class CellType {
  kNumber,         // absent or "n"
  kSharedString,   // "s": <v> is an index into the shared strings
  kInlineString,   // "inlineStr": the text is in <is>
  kFormulaString,  // "str": a formula's text result in <v>
  kBoolean,        // "b"
  kError,          // "e": "#N/A", "#DIV/0!", ...
  kIsoDate,        // "d": an ISO 8601 date in <v>
};

CellType ParseCellType(const char* attribute) {
  if (attribute == nullptr) {
    return CellType::kNumber;
  }
  const std::string_view type(attribute);
  if (type == "s") {
    return CellType::kSharedString;
  }
  if (type == "inlineStr") {
    return CellType::kInlineString;
  }
  if (type == "str") {
    return CellType::kFormulaString;
  }
  if (type == "b") {
    return CellType::kBoolean;
  }
  if (type == "e") {
    return CellType::kError;
  }
  if (type == "d") {
    return CellType::kIsoDate;
  }
  return CellType::kNumber;
}

std::optional<std::size_t> ParseIndex(std::string_view text) {
  text = TrimSpaces(text);
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseDouble(std::string_view text) {
  text = TrimSpaces(text);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::string ColumnName(int column) {
  std::string name;
  for (int rest = column + 1; rest > 0; rest = (rest - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (rest - 1) % 26));
  }
  return name;
}

bool IsBlank(const SourceRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(),
                     [](const SourceCell& cell) { return TrimSpaces(cell.text).empty(); });
}

// Turns the events of one worksheet's XML into rows, one row per pause, so that the
// stream never runs ahead of the caller by more than a row.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SharedStrings& strings, const std::vector<bool>& date_styles,
               std::string sheet_name)
      : strings_(strings), date_styles_(date_styles), sheet_name_(std::move(sheet_name)) {}

  bool HasRow() const { return !ready_.empty(); }
  SourceRow TakeRow() {
    SourceRow row = std::move(ready_.front());
    ready_.pop_front();
    return row;
  }

  XmlAction OnStart(std::string_view name, const XmlAttributes& attributes) override {
    if (!in_sheet_data_) {
      in_sheet_data_ = name == "sheetData";
      return XmlAction::kContinue;
    }
    if (name == "row") {
      StartRow(attributes.Get("r"));
    } else if (name == "c" && in_row_) {
      StartCell(attributes);
    } else if (in_cell_) {
      if (name == "v") {
        capturing_ = true;
      } else if (name == "is") {
        in_inline_ = true;
      } else if (name == "rPh") {
        ++phonetic_depth_;
      } else if (name == "t" && in_inline_ && phonetic_depth_ == 0) {
        capturing_ = true;
      }
    }
    return XmlAction::kContinue;
  }

  XmlAction OnEnd(std::string_view name) override {
    if (!in_sheet_data_) {
      return XmlAction::kContinue;
    }
    if (name == "v" || name == "t") {
      capturing_ = false;
    } else if (name == "rPh") {
      phonetic_depth_ = std::max(0, phonetic_depth_ - 1);
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "c" && in_cell_) {
      FinishCell();
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      last_row_number_ = row_.number;
      if (!IsBlank(row_)) {
        ready_.push_back(std::move(row_));
        row_ = SourceRow();
        return XmlAction::kPause;
      }
    } else if (name == "sheetData") {
      // Merged ranges, hyperlinks and print settings follow; rows do not.
      in_sheet_data_ = false;
      return XmlAction::kStop;
    }
    return XmlAction::kContinue;
  }

  void OnText(std::string_view text) override {
    if (capturing_) {
      AppendBounded(value_, value_characters_, text);
    }
  }

  std::string Position() const override {
    const std::int64_t row = in_row_ ? row_.number : last_row_number_;
    if (row == 0) {
      return {};
    }
    return "工作表“" + sheet_name_ + "”第 " + std::to_string(row) + " 行附近";
  }

 private:
  void StartRow(const char* reference) {
    if (reference != nullptr) {
      const std::optional<std::int64_t> number = ParseRowNumber(reference);
      if (!number) {
        throw ReadError("XLSX 内容损坏：工作表“" + sheet_name_ + "”的行号“" +
                        std::string(reference).substr(0, 40) + "”无效（应在 1 至 " +
                        std::to_string(kMaxRows) + " 之间）");
      }
      row_.number = *number;
    } else {
      // Rows without r follow the previous one.
      row_.number = last_row_number_ + 1;
      if (row_.number > kMaxRows) {
        throw ReadError("XLSX 内容损坏：工作表“" + sheet_name_ + "”超过 Excel 的最大行数 " +
                        std::to_string(kMaxRows));
      }
    }
    row_.cells.clear();
    next_column_ = 0;
    in_row_ = true;
  }

  void StartCell(const XmlAttributes& attributes) {
    const char* reference = attributes.Get("r");
    if (reference != nullptr) {
      const std::optional<int> column = ColumnFromReference(reference);
      if (!column) {
        throw ReadError("XLSX 内容损坏：工作表“" + sheet_name_ + "”第 " +
                        std::to_string(row_.number) + " 行的单元格引用“" +
                        std::string(reference).substr(0, 40) + "”无效或超出 Excel 的最大列 XFD");
      }
      column_ = *column;
    } else {
      // Cells without r follow the previous cell of the row.
      if (next_column_ >= kMaxColumns) {
        throw ReadError("XLSX 内容损坏：工作表“" + sheet_name_ + "”第 " +
                        std::to_string(row_.number) + " 行的单元格超出 Excel 的最大列 XFD");
      }
      column_ = next_column_;
    }
    type_ = ParseCellType(attributes.Get("t"));
    const char* style = attributes.Get("s");
    const std::optional<std::size_t> style_index =
        style == nullptr ? std::nullopt : ParseIndex(style);
    is_date_style_ =
        style_index && *style_index < date_styles_.size() && date_styles_[*style_index];
    value_.clear();
    value_characters_ = 0;
    in_cell_ = true;
    in_inline_ = false;
    capturing_ = false;
    phonetic_depth_ = 0;
  }

  void FinishCell() {
    in_cell_ = false;
    capturing_ = false;
    next_column_ = column_ + 1;
    SourceCell cell = CellValue();
    if (cell.text.empty()) {
      return;  // gaps are filled when a later cell of the row is placed
    }
    const auto position = static_cast<std::size_t>(column_);
    if (row_.cells.size() <= position) {
      row_.cells.resize(position + 1);
    }
    row_.cells[position] = std::move(cell);
  }

  SourceCell CellValue() const {
    // Some producers write styled empty cells with a type ("<c r=\"A1\" s=\"1\" t=\"s\"/>").
    if (type_ != CellType::kInlineString && type_ != CellType::kFormulaString &&
        TrimSpaces(value_).empty()) {
      return {};
    }
    switch (type_) {
      case CellType::kSharedString: {
        const std::optional<std::size_t> index = ParseIndex(value_);
        if (!index || *index >= strings_.size()) {
          throw ReadError("XLSX 内容损坏：工作表“" + sheet_name_ + "”单元格 " +
                          ColumnName(column_) + std::to_string(row_.number) +
                          " 引用了不存在的共享字符串（" + value_.substr(0, 40) + "）");
        }
        return {std::string(strings_.Get(*index)), core::CellKind::kText};
      }
      case CellType::kInlineString:
      case CellType::kFormulaString:
        return {DecodeEscapes(value_), core::CellKind::kText};
      case CellType::kError:
        return {value_, core::CellKind::kText};
      case CellType::kBoolean: {
        const std::string_view flag = TrimSpaces(value_);
        if (flag == "1" || flag == "true") {
          return {"TRUE", core::CellKind::kBoolean};
        }
        if (flag == "0" || flag == "false") {
          return {"FALSE", core::CellKind::kBoolean};
        }
        return {value_, core::CellKind::kText};
      }
      case CellType::kIsoDate: {
        const std::optional<core::Date> date = core::ParseDate(TrimSpaces(value_).substr(0, 10));
        if (date) {
          return {date->ToIso(), core::CellKind::kDate};
        }
        return {value_, core::CellKind::kText};
      }
      case CellType::kNumber:
        return NumberValue();
    }
    return {value_, core::CellKind::kText};
  }

  SourceCell NumberValue() const {
    if (is_date_style_) {
      const std::optional<double> serial = ParseDouble(value_);
      const std::optional<core::Date> date =
          serial ? core::DateFromExcelSerial(*serial) : std::nullopt;
      if (date) {
        return {date->ToIso(), core::CellKind::kDate};
      }
      // A time of day or a serial outside Excel's calendar: shown as the number it is.
    }
    std::optional<std::string> number = FormatNumber(value_);
    if (number) {
      return {std::move(*number), core::CellKind::kNumber};
    }
    return {value_, core::CellKind::kText};
  }

  const SharedStrings& strings_;
  const std::vector<bool>& date_styles_;
  const std::string sheet_name_;

  std::deque<SourceRow> ready_;
  SourceRow row_;
  std::int64_t last_row_number_ = 0;
  int next_column_ = 0;
  bool in_sheet_data_ = false;
  bool in_row_ = false;

  int column_ = 0;
  CellType type_ = CellType::kNumber;
  bool is_date_style_ = false;
  std::string value_;
  std::size_t value_characters_ = 0;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool capturing_ = false;
  int phonetic_depth_ = 0;
};

class XlsxReader final : public TableReader {
 public:
  XlsxReader(ZipArchivePtr archive, SharedStrings strings, std::vector<bool> date_styles,
             std::string sheet_name, ZipEntryReader sheet)
      : archive_(std::move(archive)),
        strings_(std::move(strings)),
        date_styles_(std::move(date_styles)),
        handler_(strings_, date_styles_, std::move(sheet_name)),
        stream_(std::move(sheet), handler_) {}

  bool Next(SourceRow& row) override {
    while (!handler_.HasRow()) {
      if (stream_.finished()) {
        return false;
      }
      stream_.Advance();
    }
    row = handler_.TakeRow();
    return true;
  }

  double Progress() const override {
    if (stream_.finished()) {
      return 1.0;
    }
    const std::uint64_t size = stream_.entry().size();
    if (size == 0) {
      return 0.0;
    }
    return std::min(1.0,
                    static_cast<double>(stream_.entry().consumed()) / static_cast<double>(size));
  }

  std::string FormatName() const override { return "XLSX"; }

 private:
  // Declared in the order they depend on each other: the sheet's zip file must close
  // before its archive, and the handler refers to the strings and styles.
  ZipArchivePtr archive_;
  SharedStrings strings_;
  std::vector<bool> date_styles_;
  SheetHandler handler_;
  XmlStream stream_;
};

const Relationship* FindRelationship(const std::vector<Relationship>& relationships,
                                     std::string_view id) {
  const auto found =
      std::find_if(relationships.begin(), relationships.end(),
                   [id](const Relationship& relationship) { return relationship.id == id; });
  return found == relationships.end() ? nullptr : &*found;
}

// The target of the first relationship of a kind, or the usual place of that part.
std::string PartOfKind(const std::vector<Relationship>& relationships, std::string_view kind,
                       std::string fallback) {
  for (const Relationship& relationship : relationships) {
    if (IsRelationshipType(relationship.type, kind)) {
      return relationship.target;
    }
  }
  return fallback;
}

std::string SheetNameList(const std::vector<SheetEntry>& sheets) {
  constexpr std::size_t kShown = 10;
  std::string names;
  for (std::size_t sheet_idx = 0; sheet_idx < sheets.size() && sheet_idx < kShown; ++sheet_idx) {
    names += (sheet_idx == 0 ? "“" : "、“") + sheets[sheet_idx].name + "”";
  }
  if (sheets.size() > kShown) {
    names += " 等 " + std::to_string(sheets.size()) + " 个";
  }
  return names;
}

const Relationship& SheetRelationship(const std::vector<Relationship>& relationships,
                                      const SheetEntry& sheet) {
  const Relationship* relationship = FindRelationship(relationships, sheet.relationship_id);
  if (relationship == nullptr || relationship->target.empty()) {
    throw ReadError("XLSX 内容损坏：找不到工作表“" + sheet.name + "”的数据位置（关系 " +
                    sheet.relationship_id + " 缺失）");
  }
  return *relationship;
}

}  // namespace
}  // namespace xlsx

std::unique_ptr<TableReader> OpenXlsx(const std::string& path, const std::string& sheet_name) {
  xlsx::ZipArchivePtr archive = xlsx::OpenArchive(path);
  zip_t* zip = archive.get();
  const std::string workbook_part = xlsx::FindWorkbookPart(zip);
  const std::vector<xlsx::SheetEntry> sheets = xlsx::ReadSheetEntries(zip, workbook_part);
  if (sheets.empty()) {
    throw ReadError("工作簿中没有工作表");
  }
  const std::vector<xlsx::Relationship> relationships = xlsx::ReadRelationships(zip, workbook_part);

  const xlsx::SheetEntry* chosen = nullptr;
  const xlsx::Relationship* chosen_part = nullptr;
  if (!sheet_name.empty()) {
    const auto found =
        std::find_if(sheets.begin(), sheets.end(),
                     [&](const xlsx::SheetEntry& sheet) { return sheet.name == sheet_name; });
    if (found == sheets.end()) {
      throw ReadError("找不到名为“" + sheet_name + "”的工作表（工作簿中有：" +
                      xlsx::SheetNameList(sheets) + "）");
    }
    chosen = &*found;
    chosen_part = &xlsx::SheetRelationship(relationships, *chosen);
    if (!xlsx::IsRelationshipType(chosen_part->type, "worksheet")) {
      throw ReadError("“" + sheet_name + "”是图表页或宏表，不是可以读取数据的工作表");
    }
  } else {
    // Chart sheets come in workbook order too; the first sheet with cells is meant.
    for (const xlsx::SheetEntry& sheet : sheets) {
      const xlsx::Relationship& part = xlsx::SheetRelationship(relationships, sheet);
      if (xlsx::IsRelationshipType(part.type, "worksheet")) {
        chosen = &sheet;
        chosen_part = &part;
        break;
      }
    }
    if (chosen == nullptr) {
      throw ReadError("工作簿中没有工作表（只有图表页）");
    }
  }

  xlsx::SharedStrings strings = xlsx::ReadSharedStrings(
      zip, xlsx::PartOfKind(relationships, "sharedStrings", "xl/sharedStrings.xml"));
  std::vector<bool> date_styles =
      xlsx::ReadDateStyles(zip, xlsx::PartOfKind(relationships, "styles", "xl/styles.xml"));
  std::optional<xlsx::ZipEntryReader> sheet = xlsx::ZipEntryReader::Open(zip, chosen_part->target);
  if (!sheet) {
    throw ReadError("XLSX 内容不完整：缺少工作表“" + chosen->name + "”的数据（" +
                    chosen_part->target + "）");
  }
  return std::make_unique<xlsx::XlsxReader>(std::move(archive), std::move(strings),
                                            std::move(date_styles), chosen->name,
                                            std::move(*sheet));
}

}  // namespace shuanglian::ingest
