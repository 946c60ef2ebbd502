#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shuanglian::core {

// A column of an import file and a field of a record: the Chinese header offices use, the
// English key of the API, other headers seen in the wild, and whether it must be filled.
struct FieldSpec {
  int index = 0;
  std::string_view name;  // 户编号
  std::string_view key;   // household_no
  std::vector<std::string_view> aliases;
  bool required = false;
  std::string_view dictionary;  // empty when the field is free text or a number
  std::string_view hint;        // shown in templates: "12位统计用区划代码"
};

// How a spreadsheet cell stored its value. Only XLSX knows; CSV cells are all text.
enum class CellKind { kText, kNumber, kDate, kBoolean };

struct RawField {
  std::string text;
  CellKind kind = CellKind::kText;
};

// One input row, its cells placed at the field indexes of a FieldSpec table.
using RawRecord = std::vector<RawField>;

// What is wrong with one field of one row; `column` is the field's Chinese name.
struct FieldError {
  std::string column;
  std::string code;
  std::string message;
};

template <typename T>
struct Validated {
  T value;
  std::vector<FieldError> errors;
  bool ok() const { return errors.empty(); }
};

// Empty markers offices type into optional cells: they mean "nothing".
bool IsEmptyMarker(std::string_view cleaned_text);

// Does the text look like a long number that Excel rewrote (6.20902E+17, 6.2E+14)?
bool LooksLikeExcelScientific(std::string_view cleaned_text);

// The advice given whenever Excel damaged a long number.
extern const std::string kExcelTextColumnHint;

}  // namespace shuanglian::core
