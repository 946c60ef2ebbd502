#include "core/id_number.h"

#include <array>

#include "core/field.h"
#include "core/text.h"

namespace shuanglian::core {

namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";

// 6.20902E+17, or 620902198001010000.0 from a cell that held a float.
bool LooksLikeExcelNumber(std::string_view text) {
  return LooksLikeExcelScientific(text) ||
         (text.size() > 2 && text.substr(text.size() - 2) == ".0" &&
          IsAsciiDigits(text.substr(0, text.size() - 2)));
}

// The value of a run of ASCII digits the caller has checked.
int DigitsValue(std::string_view digits) {
  int value = 0;
  for (const char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

char IdCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (std::size_t index = 0; index < kWeights.size(); ++index) {
    sum += (first17[index] - '0') * kWeights[index];
  }
  return kCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

Result<IdNumber> ParseIdNumber(std::string_view raw, const Date& today) {
  std::string scratch;
  const std::string_view text = CleanCellView(raw, scratch);
  if (text.empty()) {
    return Error{"id_empty", "证件号码为空"};
  }
  // Every message quotes the number as typed.
  const auto quoted = [text] { return "证件号码“" + std::string(text) + "”"; };
  if (LooksLikeExcelNumber(text)) {
    return Error{"id_excel_number", quoted() + "已被 Excel 转成数字，" + kExcelTextColumnHint};
  }
  // Spaces or dashes typed to group the digits are dropped.
  std::string compact;
  compact.reserve(text.size());
  for (const char c : text) {
    if (c != ' ' && c != '-') {
      compact.push_back(c == 'x' ? 'X' : c);
    }
  }
  if (compact.size() == 15 && IsAsciiDigits(compact)) {
    // A first-generation number: two century digits are missing and there is no check character.
    std::string upgraded = compact.substr(0, 6) + "19" + compact.substr(6);
    upgraded.push_back(IdCheckCharacter(upgraded));
    compact = std::move(upgraded);
  }
  if (compact.size() != 18) {
    return Error{"id_length",
                 quoted() + "应为18位（现为" + std::to_string(Utf8Length(compact)) + "位）"};
  }
  const std::string_view body = std::string_view(compact).substr(0, 17);
  const char check = compact[17];
  if (!IsAsciiDigits(body) || !((check >= '0' && check <= '9') || check == 'X')) {
    return Error{"id_characters", quoted() + "只能由数字和末位的 X 组成"};
  }
  const int year = DigitsValue(body.substr(6, 4));
  const int month = DigitsValue(body.substr(10, 2));
  const int day = DigitsValue(body.substr(12, 2));
  if (!IsValidDate(year, month, day)) {
    return Error{"id_birth_date", quoted() + "中的出生日期 " + compact.substr(6, 8) + " 不存在"};
  }
  const Date birth{year, month, day};
  if (birth > today) {
    return Error{"id_birth_future", quoted() + "中的出生日期 " + birth.ToIso() + " 晚于今天"};
  }
  const char expected = IdCheckCharacter(body);
  if (expected != check) {
    std::string message = quoted() + "校验位错误（末位应为 " + std::string(1, expected) + "）";
    if (compact.substr(15, 3) == "000" || compact.substr(14, 4) == "0000") {
      message += "；末尾是 0，可能被 Excel 丢掉了几位，" + kExcelTextColumnHint;
    }
    return Error{"id_check_digit", message};
  }
  IdNumber id;
  id.address_code = compact.substr(0, 6);
  id.birth_date = birth;
  id.sex = ((compact[16] - '0') % 2 == 1) ? Sex::kMale : Sex::kFemale;
  id.value = std::move(compact);
  return id;
}

std::optional<std::uint64_t> IdNumberDigits(std::string_view id_number) {
  if (id_number.size() != 18 || !IsAsciiDigits(id_number.substr(0, 17)) ||
      IdCheckCharacter(id_number.substr(0, 17)) != id_number[17]) {
    return std::nullopt;
  }
  std::uint64_t digits = 0;
  for (const char c : id_number.substr(0, 17)) {
    digits = digits * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return digits;
}

std::string IdNumberFromDigits(std::uint64_t digits) {
  std::string id_number(17, '0');
  for (std::size_t position = 17; position-- > 0; digits /= 10) {
    id_number[position] = static_cast<char>('0' + digits % 10);
  }
  id_number.push_back(IdCheckCharacter(id_number));
  return id_number;
}

std::string MaskIdNumber(std::string_view id_number) {
  if (id_number.size() <= 10) {
    return std::string(id_number.size(), '*');
  }
  std::string masked(id_number.substr(0, 6));
  masked.append(id_number.size() - 10, '*');
  masked.append(id_number.substr(id_number.size() - 4));
  return masked;
}

std::string SexLabel(Sex sex) {
  return sex == Sex::kMale ? "男" : "女";
}

}  // namespace shuanglian::core
