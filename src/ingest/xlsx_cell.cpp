#include "ingest/xlsx_cell.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include "core/text.h"

namespace shuanglian::ingest::xlsx {
namespace {

std::string_view TrimAscii(std::string_view text) {
  constexpr std::string_view kSpaces = " \t\r\n\v\f";
  const std::size_t first = text.find_first_not_of(kSpaces);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(kSpaces) - first + 1);
}

void AppendUtf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

int HexValue(char digit) {
  if (digit >= '0' && digit <= '9') {
    return digit - '0';
  }
  if (digit >= 'A' && digit <= 'F') {
    return digit - 'A' + 10;
  }
  if (digit >= 'a' && digit <= 'f') {
    return digit - 'a' + 10;
  }
  return -1;
}

// The code unit of an "_xHHHH_" escape starting at `pos`, or nullopt.
std::optional<char32_t> EscapeAt(std::string_view text, std::size_t pos) {
  if (pos + 7 > text.size() || text[pos] != '_' || text[pos + 1] != 'x' || text[pos + 6] != '_') {
    return std::nullopt;
  }
  char32_t value = 0;
  for (std::size_t digit_idx = pos + 2; digit_idx < pos + 6; ++digit_idx) {
    const int digit = HexValue(text[digit_idx]);
    if (digit < 0) {
      return std::nullopt;
    }
    value = value * 16 + static_cast<char32_t>(digit);
  }
  return value;
}

}  // namespace

void AppendBounded(std::string& out, std::size_t& characters, std::string_view text) {
  if (characters >= kMaxCellCharacters) {
    return;
  }
  const std::size_t room = kMaxCellCharacters - characters;
  if (text.size() <= room) {
    // A byte count within the room means the code points fit too.
    out.append(text);
    characters += core::Utf8Length(text);
    return;
  }
  std::size_t end = 0;
  std::size_t taken = 0;
  for (; end < text.size(); ++end) {
    if (!core::IsUtf8Continuation(text[end])) {
      if (taken == room) {
        break;
      }
      ++taken;
    }
  }
  out.append(text.substr(0, end));
  characters += taken;
}

std::optional<int> ColumnFromReference(std::string_view reference) {
  int column = 0;
  std::size_t letters = 0;
  for (const char letter : reference) {
    int value = 0;
    if (letter >= 'A' && letter <= 'Z') {
      value = letter - 'A' + 1;
    } else if (letter >= 'a' && letter <= 'z') {
      value = letter - 'a' + 1;
    } else {
      break;
    }
    column = column * 26 + value;
    ++letters;
    // Checked at every letter so that "AAAAAAAAAAAAAAAA1" cannot overflow.
    if (column > kMaxColumns) {
      return std::nullopt;
    }
  }
  if (letters == 0) {
    return std::nullopt;
  }
  return column - 1;
}

std::optional<std::int64_t> ParseRowNumber(std::string_view text) {
  text = TrimAscii(text);
  std::int64_t row = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), row);
  if (error != std::errc() || end != text.data() + text.size() || row < 1 || row > kMaxRows) {
    return std::nullopt;
  }
  return row;
}

std::optional<std::string> FormatNumber(std::string_view stored) {
  stored = TrimAscii(stored);
  double value = 0;
  const auto [end, error] = std::from_chars(stored.data(), stored.data() + stored.size(), value);
  if (error != std::errc() || end != stored.data() + stored.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  // Beyond 15 digits a double no longer holds every integer Excel could have meant; those
  // stay as Excel wrote them, so the damage to an ID number remains visible.
  if (std::trunc(value) == value && std::fabs(value) < 1e15) {
    char digits[24];
    const auto result =
        std::to_chars(std::begin(digits), std::end(digits), static_cast<std::int64_t>(value));
    return std::string(digits, result.ptr);
  }
  return std::string(stored);
}

bool IsDateFormatCode(std::string_view format_code) {
  bool in_quotes = false;
  for (std::size_t pos = 0; pos < format_code.size(); ++pos) {
    const char symbol = format_code[pos];
    if (in_quotes) {
      in_quotes = symbol != '"';
      continue;
    }
    switch (symbol) {
      case '"':
        in_quotes = true;
        break;
      case '\\':  // the next character is literal
      case '_':   // the next character only sets a space's width
      case '*':   // the next character fills the cell
        ++pos;
        break;
      case '[': {  // colours, conditions, locales, elapsed time
        const std::size_t close = format_code.find(']', pos);
        if (close == std::string_view::npos) {
          return false;
        }
        pos = close;
        break;
      }
      case 'y':
      case 'Y':
      case 'm':
      case 'M':
      case 'd':
      case 'D':
        return true;
      default:
        break;
    }
  }
  return false;
}

bool IsBuiltinDateFormat(int format_id) {
  return (format_id >= 14 && format_id <= 22) || (format_id >= 27 && format_id <= 36) ||
         (format_id >= 45 && format_id <= 47) || (format_id >= 50 && format_id <= 58);
}

std::string DecodeEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::optional<char32_t> unit = EscapeAt(text, pos);
    if (!unit) {
      out.push_back(text[pos]);
      ++pos;
      continue;
    }
    pos += 7;
    char32_t code_point = *unit;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      const std::optional<char32_t> low = EscapeAt(text, pos);
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
        pos += 7;
      } else {
        code_point = 0xFFFD;
      }
    } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
      code_point = 0xFFFD;
    }
    // A NUL inside cell text would cut it short in every C API downstream.
    if (code_point != 0) {
      AppendUtf8(out, code_point);
    }
  }
  return out;
}

std::string_view TrimSpaces(std::string_view text) {
  constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  bool trimmed = true;
  while (trimmed && !text.empty()) {
    trimmed = false;
    const std::string_view ascii = TrimAscii(text);
    if (ascii.size() != text.size()) {
      text = ascii;
      trimmed = true;
    }
    for (const std::string_view space : {kNoBreakSpace, kIdeographicSpace}) {
      if (text.starts_with(space)) {
        text.remove_prefix(space.size());
        trimmed = true;
      }
      if (text.ends_with(space)) {
        text.remove_suffix(space.size());
        trimmed = true;
      }
    }
  }
  return text;
}

}  // namespace shuanglian::ingest::xlsx
