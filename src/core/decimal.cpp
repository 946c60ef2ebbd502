#include "core/decimal.h"

#include "core/text.h"

namespace shuanglian::core {

namespace {

constexpr std::string_view kUnits[] = {"元", "亩", "人", "户", "个", "公里", "km", "%"};

std::string StripDecorations(std::string_view raw) {
  std::string text = CleanCell(raw);
  for (const std::string_view unit : kUnits) {
    if (text.size() > unit.size() &&
        text.compare(text.size() - unit.size(), unit.size(), unit) == 0) {
      text.resize(text.size() - unit.size());
      break;
    }
  }
  std::string out;
  for (const char c : text) {
    if (c != ',' && c != ' ') {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Result<std::int64_t> ParseScaledDecimal(std::string_view raw, int scale, std::int64_t max_units) {
  const std::string text = StripDecorations(raw);
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  const auto dot = rest.find('.');
  const std::string_view whole = rest.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  const bool whole_ok = whole.empty() ? !fraction.empty() : IsAsciiDigits(whole);
  const bool fraction_ok =
      fraction.empty() ? dot == std::string_view::npos || !whole.empty() : IsAsciiDigits(fraction);
  if (rest.empty() || !whole_ok || !fraction_ok) {
    return Error{"not_a_number", "“" + std::string(Trim(raw)) + "”不是数字"};
  }
  // Each step checks units * 10 + digit <= max_units before computing it: a limit near
  // INT64_MAX must not overflow.
  std::int64_t units = 0;
  for (const char c : whole) {
    if (units > (max_units - (c - '0')) / 10) {
      return Error{"too_large", "数值“" + std::string(Trim(raw)) + "”过大"};
    }
    units = units * 10 + (c - '0');
  }
  for (int digit = 0; digit < scale; ++digit) {
    const int value = static_cast<std::size_t>(digit) < fraction.size() ? fraction[digit] - '0' : 0;
    if (units > (max_units - value) / 10) {
      return Error{"too_large", "数值“" + std::string(Trim(raw)) + "”过大"};
    }
    units = units * 10 + value;
  }
  if (static_cast<std::size_t>(scale) < fraction.size() && fraction[scale] >= '5') {
    if (units >= max_units) {
      return Error{"too_large", "数值“" + std::string(Trim(raw)) + "”过大"};
    }
    ++units;
  }
  if (units > max_units) {
    return Error{"too_large", "数值“" + std::string(Trim(raw)) + "”过大"};
  }
  if (negative && units != 0) {
    return Error{"negative", "不能为负数（" + std::string(Trim(raw)) + "）"};
  }
  return units;
}

Result<std::int64_t> ParseWholeNumber(std::string_view raw, std::int64_t min, std::int64_t max) {
  const auto parsed = ParseScaledDecimal(raw, 0, max < 0 ? 0 : max);
  const std::string shown(Trim(raw));
  if (!parsed) {
    if (parsed.error().code == "too_large") {
      return Error{"out_of_range",
                   "“" + shown + "”超出范围 " + std::to_string(min) + "～" + std::to_string(max)};
    }
    return parsed.error();
  }
  // "3.0" from a spreadsheet is a whole number; "3.5" is not.
  const std::string cleaned = StripDecorations(raw);
  if (const auto dot = cleaned.find('.'); dot != std::string::npos) {
    for (std::size_t index = dot + 1; index < cleaned.size(); ++index) {
      if (cleaned[index] != '0') {
        return Error{"not_a_number", "“" + shown + "”应为整数"};
      }
    }
  }
  if (*parsed < min || *parsed > max) {
    return Error{"out_of_range",
                 "“" + shown + "”超出范围 " + std::to_string(min) + "～" + std::to_string(max)};
  }
  return *parsed;
}

std::string FormatScaled(std::int64_t units, int scale) {
  const bool negative = units < 0;
  std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(units + 1)) + 1 : static_cast<std::uint64_t>(units);
  std::uint64_t divisor = 1;
  for (int digit = 0; digit < scale; ++digit) {
    divisor *= 10;
  }
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / divisor);
  if (scale > 0) {
    std::string fraction = std::to_string(magnitude % divisor);
    out += "." + std::string(static_cast<std::size_t>(scale) - fraction.size(), '0') + fraction;
  }
  return out;
}

}  // namespace shuanglian::core
