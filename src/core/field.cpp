#include "core/field.h"

#include <algorithm>

namespace shuanglian::core {

const std::string kExcelTextColumnHint =
    "请把该列设为“文本”格式后重新填写（Excel 会把长数字变成科学计数法或丢掉末尾几位）";

bool IsEmptyMarker(std::string_view text) {
  return text.empty() || text == "无" || text == "/" || text == "-" || text == "—" ||
         text == "--" || text == "暂无" || text == "空";
}

bool LooksLikeExcelScientific(std::string_view text) {
  // A plain loop: find_first_of("Ee") searches its two letters for every character.
  const auto found =
      std::find_if(text.begin(), text.end(), [](char c) { return c == 'E' || c == 'e'; });
  const auto exponent = static_cast<std::size_t>(found - text.begin());
  // The exponent needs digits: "6.2E+" is not a number Excel wrote.
  if (found == text.end() || exponent == 0 || exponent + 1 >= text.size() || text.back() < '0' ||
      text.back() > '9') {
    return false;
  }
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    const bool ok = (c >= '0' && c <= '9') || c == '.' || index == exponent ||
                    (index == exponent + 1 && (c == '+' || c == '-'));
    if (!ok) {
      return false;
    }
  }
  return true;
}

}  // namespace shuanglian::core
