#include "core/record_reader.h"

#include <cmath>
#include <cstdlib>

#include "core/decimal.h"
#include "core/text.h"

namespace shuanglian::core {

RecordReader::RecordReader(const RawRecord& raw, std::span<const FieldSpec> specs,
                           const ValidationContext& context, std::vector<FieldError>& errors)
    : raw_(raw), specs_(specs), context_(context), errors_(errors) {
  cleaned_.reserve(raw.size());
  for (std::size_t index = 0; index < raw.size(); ++index) {
    const std::string& text = raw[index].text;
    if (!HasWidthForms(text)) {
      cleaned_.push_back(Trim(text));  // CleanCell's common case, without a copy
      continue;
    }
    if (normalized_.empty()) {
      // Sized once, never again: the views of its strings stay valid.
      normalized_.resize(raw.size());
    }
    cleaned_.push_back(CleanCellView(text, normalized_[index]));
  }
}

std::string_view RecordReader::TextView(int field, bool keep_markers) const {
  if (static_cast<std::size_t>(field) >= cleaned_.size()) {
    return {};
  }
  const std::string_view text = cleaned_[static_cast<std::size_t>(field)];
  if (!keep_markers && IsEmptyMarker(text)) {
    return {};
  }
  return text;
}

std::string RecordReader::Text(int field, bool keep_markers) const {
  return std::string(TextView(field, keep_markers));
}

bool RecordReader::IsEmpty(int field) const {
  return TextView(field).empty();
}

void RecordReader::Fail(int field, std::string code, std::string message) {
  errors_.push_back(FieldError{std::string(Spec(field).name), std::move(code), std::move(message)});
}

bool RecordReader::HasError(int field) const {
  const std::string_view name = specs_[static_cast<std::size_t>(field)].name;
  for (const FieldError& error : errors_) {
    if (error.column == name) {
      return true;
    }
  }
  return false;
}

bool RecordReader::MissingRequired(int field) {
  if (!IsEmpty(field)) {
    return false;
  }
  if (Spec(field).required) {
    Fail(field, "required", std::string(Spec(field).name) + "不能为空");
  }
  return true;
}

std::string RecordReader::RequiredText(int field, std::size_t max_length) {
  if (MissingRequired(field)) {
    return {};
  }
  return OptionalText(field, max_length);
}

std::string RecordReader::Prose(int field, std::size_t max_length, bool required) {
  if (required ? MissingRequired(field) : IsEmpty(field)) {
    return {};
  }
  std::string text(Trim(Raw(field).text));
  if (Utf8Length(text) > max_length) {
    Fail(field, "too_long",
         std::string(Spec(field).name) + "过长（最多" + std::to_string(max_length) + "个字）");
    return {};
  }
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') {
      Fail(field, "control_character", std::string(Spec(field).name) + "含有不可见的控制字符");
      return {};
    }
  }
  return text;
}

std::string RecordReader::OptionalText(int field, std::size_t max_length) {
  const std::string_view text = TextView(field);
  if (text.empty()) {
    return {};
  }
  if (Utf8Length(text) > max_length) {
    Fail(field, "too_long",
         std::string(Spec(field).name) + "过长（最多" + std::to_string(max_length) + "个字）");
    return {};
  }
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20) {
      Fail(field, "control_character", std::string(Spec(field).name) + "含有不可见的控制字符");
      return {};
    }
  }
  return std::string(text);
}

std::string RecordReader::DictionaryCode(int field) {
  if (MissingRequired(field)) {
    return {};
  }
  const Dictionary& dictionary = context_.dictionaries.Get(Spec(field).dictionary);
  const std::string_view text = TextView(field);
  const DictionaryItem* item = dictionary.FindCleaned(text);
  if (item == nullptr) {
    Fail(field, "not_in_dictionary",
         std::string(Spec(field).name) + "“" + std::string(text) + "”不是允许的值（可填：" +
             dictionary.AllowedLabels() + "）");
    return {};
  }
  return item->code;
}

std::vector<std::string> RecordReader::DictionaryCodes(int field) {
  std::vector<std::string> codes;
  if (MissingRequired(field)) {
    return codes;
  }
  const Dictionary& dictionary = context_.dictionaries.Get(Spec(field).dictionary);
  static const std::vector<std::string> kSeparators = {"、", ";", "；", ",", "，", "/"};
  for (const std::string& part : SplitAny(TextView(field), kSeparators)) {
    const DictionaryItem* item = dictionary.FindCleaned(part);
    if (item == nullptr) {
      Fail(field, "not_in_dictionary",
           std::string(Spec(field).name) + "“" + part + "”不是允许的值（可填：" +
               dictionary.AllowedLabels() + "）");
      return {};
    }
    bool seen = false;
    for (const std::string& code : codes) {
      seen = seen || code == item->code;
    }
    if (!seen) {
      codes.push_back(item->code);
    }
  }
  return codes;
}

std::optional<std::int64_t> RecordReader::Whole(int field, std::int64_t min, std::int64_t max) {
  if (MissingRequired(field)) {
    return std::nullopt;
  }
  const auto parsed = ParseWholeNumber(TextView(field), min, max);
  if (!parsed) {
    Fail(field, parsed.error().code, std::string(Spec(field).name) + parsed.error().message);
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::int64_t> RecordReader::Scaled(int field, int scale) {
  if (MissingRequired(field)) {
    return std::nullopt;
  }
  const auto parsed = ParseScaledDecimal(TextView(field), scale);
  if (!parsed) {
    Fail(field, parsed.error().code, std::string(Spec(field).name) + parsed.error().message);
    return std::nullopt;
  }
  return *parsed;
}

std::optional<bool> RecordReader::YesNo(int field) {
  if (MissingRequired(field)) {
    return std::nullopt;
  }
  const DictionaryItem* item = context_.dictionaries.Get(dict::kYesNo).FindCleaned(TextView(field));
  if (item == nullptr) {
    Fail(field, "not_in_dictionary",
         std::string(Spec(field).name) + "“" + Text(field) + "”应填“是”或“否”");
    return std::nullopt;
  }
  return item->code == "yes";
}

std::optional<IdNumber> RecordReader::Id(int field) {
  if (MissingRequired(field)) {
    return std::nullopt;
  }
  const RawField& raw = Raw(field);
  if (raw.kind == CellKind::kNumber) {
    // A numeric cell holds a double: an 18-digit number has already lost its last digits.
    Fail(field, "id_excel_number",
         std::string(Spec(field).name) + "“" + Text(field) + "”在 Excel 中存成了数字，" +
             kExcelTextColumnHint);
    return std::nullopt;
  }
  auto parsed = ParseIdNumber(TextView(field, true), context_.today);
  if (!parsed) {
    Fail(field, parsed.error().code, parsed.error().message);
    return std::nullopt;
  }
  return std::move(parsed).value();
}

std::optional<Date> RecordReader::DateValue(int field) {
  if (MissingRequired(field)) {
    return std::nullopt;
  }
  const std::string_view text = TextView(field);
  std::optional<Date> date = ParseDate(text);
  if (!date && Raw(field).kind == CellKind::kNumber) {
    // A date typed into a General cell arrives as Excel's serial day number.
    const std::string terminated(text);  // for strtod
    char* end = nullptr;
    const double serial = std::strtod(terminated.c_str(), &end);
    if (end != nullptr && *end == '\0') {
      date = DateFromExcelSerial(serial);
    }
  }
  if (!date) {
    Fail(field, "bad_date",
         std::string(Spec(field).name) + "“" + std::string(text) +
             "”不是有效日期（应如 1980-01-01）");
    return std::nullopt;
  }
  if (*date > context_.today) {
    Fail(field, "date_in_future",
         std::string(Spec(field).name) + " " + date->ToIso() + " 晚于今天");
    return std::nullopt;
  }
  return date;
}

std::optional<std::string> NormalisedPhone(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != '-' && c != ' ' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  const bool mobile = digits.size() == 11 && digits[0] == '1' && digits[1] >= '3';
  const bool landline = digits.size() >= 7 && digits.size() <= 12 && digits[0] != '1';
  if (!mobile && !landline) {
    return std::nullopt;
  }
  return mobile ? digits : std::string(text);
}

std::string PhoneDigits(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    }
  }
  return digits;
}

std::string RecordReader::Phone(int field) {
  if (MissingRequired(field)) {
    return {};
  }
  const std::string_view text = TextView(field);
  if (LooksLikeExcelScientific(text)) {
    Fail(field, "phone_excel_number",
         std::string(Spec(field).name) + "“" + std::string(text) + "”已被 Excel 转成数字，" +
             kExcelTextColumnHint);
    return {};
  }
  auto phone = NormalisedPhone(text);
  if (!phone) {
    Fail(field, "bad_phone",
         std::string(Spec(field).name) + "“" + std::string(text) +
             "”不是有效的电话号码（手机11位，或区号-号码）");
    return {};
  }
  return std::move(*phone);
}

std::string RecordReader::PersonName(int field) {
  std::string name = RequiredText(field, 30);
  for (const char c : name) {
    if ((c >= '0' && c <= '9') || c == '@' || c == '#' || c == '?' || c == '*') {
      Fail(field, "bad_name", std::string(Spec(field).name) + "“" + name + "”含有数字或符号");
      return {};
    }
  }
  return name;
}

}  // namespace shuanglian::core
