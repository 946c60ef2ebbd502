#include "core/text.h"

#include <cstdint>
#include <cstring>

namespace shuanglian::core {

namespace {

// Decodes one code point at text[pos]; returns its length, or 0 when the bytes are not UTF-8.
std::size_t DecodeUtf8(std::string_view text, std::size_t pos, char32_t& code_point) {
  const auto byte = [&](std::size_t offset) {
    return static_cast<unsigned char>(text[pos + offset]);
  };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (pos + length > text.size()) {
    return 0;
  }
  for (std::size_t offset = 1; offset < length; ++offset) {
    if ((byte(offset) & 0xC0) != 0x80) {
      return 0;
    }
    code_point = (code_point << 6) | (byte(offset) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinimum[length] || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
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

// NormalizeWidth's work, appended to `out`.
void AppendNormalizedWidth(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t code_point = 0;
    const std::size_t length = DecodeUtf8(text, pos, code_point);
    if (length == 0) {
      // Not UTF-8: keep the byte; the reader has already rejected undecodable files.
      out.push_back(text[pos]);
      ++pos;
      continue;
    }
    if (code_point >= 0xFF01 && code_point <= 0xFF5E) {
      AppendUtf8(out, code_point - 0xFEE0);
    } else if (code_point == 0x3000) {
      out.push_back(' ');
    } else if (length == 1) {
      out.push_back(text[pos]);
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
}

bool IsSpaceCodePoint(char32_t code_point) {
  return code_point == ' ' || code_point == '\t' || code_point == '\r' || code_point == '\n' ||
         code_point == '\v' || code_point == '\f' || code_point == 0xA0 || code_point == 0x3000 ||
         code_point == 0xFEFF;
}

// Could a code point with this lead byte be one of IsSpaceCodePoint's? Beyond ASCII only
// U+00A0 (C2), U+3000 (E3) and U+FEFF (EF) are: other characters need no decoding.
bool MayStartSpace(char lead) {
  return static_cast<unsigned char>(lead) < 0x80 || lead == '\xC2' || lead == '\xE3' ||
         lead == '\xEF';
}

}  // namespace

bool HasWidthForms(std::string_view text) {
  // Full-width forms are U+FF01..U+FF5E (EF BC/BD ..) and U+3000 (E3 80 80): a text without
  // those lead bytes has nothing to replace. Every cell of an import is asked, so the bytes
  // are looked at eight at a time.
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  const auto has_byte = [](std::uint64_t word, unsigned char byte) {
    const std::uint64_t matched = word ^ (kOnes * byte);  // a zero byte where word has `byte`
    return ((matched - kOnes) & ~matched & kHighBits) != 0;
  };
  std::size_t pos = 0;
  for (; text.size() - pos >= sizeof(std::uint64_t); pos += sizeof(std::uint64_t)) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + pos, sizeof word);
    if ((word & kHighBits) != 0 && (has_byte(word, 0xEF) || has_byte(word, 0xE3))) {
      return true;
    }
  }
  for (; pos < text.size(); ++pos) {
    if (text[pos] == '\xEF' || text[pos] == '\xE3') {
      return true;
    }
  }
  return false;
}

std::string NormalizeWidth(std::string_view text) {
  std::string out;
  if (!HasWidthForms(text)) {
    out.assign(text);
  } else {
    AppendNormalizedWidth(text, out);
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  const auto is_ascii_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  // ASCII ends: the common case needs no decoding.
  if (text.empty() || (static_cast<unsigned char>(text.front()) < 0x80 &&
                       static_cast<unsigned char>(text.back()) < 0x80)) {
    std::size_t first = 0;
    std::size_t last = text.size();
    while (first < last && is_ascii_space(text[first])) {
      ++first;
    }
    while (last > first && is_ascii_space(text[last - 1])) {
      --last;
    }
    text = text.substr(first, last - first);
    if (text.empty() || (static_cast<unsigned char>(text.front()) < 0x80 &&
                         static_cast<unsigned char>(text.back()) < 0x80)) {
      return text;
    }
  }
  std::size_t begin = 0;
  while (begin < text.size() && MayStartSpace(text[begin])) {
    char32_t code_point = 0;
    const std::size_t length = DecodeUtf8(text, begin, code_point);
    if (length == 0 || !IsSpaceCodePoint(code_point)) {
      break;
    }
    begin += length;
  }
  std::size_t end = text.size();
  while (end > begin) {
    // Step back to the start of the last code point.
    std::size_t start = end - 1;
    while (start > begin && IsUtf8Continuation(text[start])) {
      --start;
    }
    if (!MayStartSpace(text[start])) {
      break;
    }
    char32_t code_point = 0;
    const std::size_t length = DecodeUtf8(text, start, code_point);
    if (length == 0 || start + length != end || !IsSpaceCodePoint(code_point)) {
      break;
    }
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string_view CleanCellView(std::string_view text, std::string& scratch) {
  if (!HasWidthForms(text)) {
    return Trim(text);
  }
  scratch.clear();
  AppendNormalizedWidth(text, scratch);
  return Trim(scratch);
}

std::string CleanCell(std::string_view text) {
  std::string scratch;
  return std::string(CleanCellView(text, scratch));
}

std::size_t AsciiPrefixLength(std::string_view text) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::size_t pos = 0;
  for (; text.size() - pos >= sizeof(std::uint64_t); pos += sizeof(std::uint64_t)) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + pos, sizeof word);
    if ((word & kHighBits) != 0) {
      break;
    }
  }
  while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) {
    ++pos;
  }
  return pos;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
      // Whole files pass through here: runs of ASCII are skipped eight bytes at a time.
      pos += AsciiPrefixLength(text.substr(pos));
      continue;
    }
    // Chinese characters are three bytes led by E1..EC, for which any two continuation
    // bytes are valid (no overlong form, no surrogate): no need to decode them.
    if (lead >= 0xE1 && lead <= 0xEC && text.size() - pos >= 3 &&
        IsUtf8Continuation(text[pos + 1]) && IsUtf8Continuation(text[pos + 2])) {
      pos += 3;
      continue;
    }
    char32_t code_point = 0;
    const std::size_t length = DecodeUtf8(text, pos, code_point);
    if (length == 0) {
      return false;
    }
    pos += length;
  }
  return true;
}

std::size_t Utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    count += IsUtf8Continuation(c) ? 0 : 1;
  }
  return count;
}

bool IsAsciiDigits(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool HasAsciiUpper(std::string_view text) {
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z') {
      return true;
    }
  }
  return false;
}

std::vector<std::string> SplitAny(std::string_view text,
                                  const std::vector<std::string>& separators) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  std::size_t pos = 0;
  const auto push = [&](std::size_t end) {
    const std::string_view part = Trim(text.substr(start, end - start));
    if (!part.empty()) {
      parts.emplace_back(part);
    }
  };
  while (pos < text.size()) {
    std::size_t matched = 0;
    for (const std::string& separator : separators) {
      if (!separator.empty() && text.substr(pos, separator.size()) == separator) {
        matched = separator.size();
        break;
      }
    }
    if (matched > 0) {
      push(pos);
      pos += matched;
      start = pos;
    } else {
      ++pos;
    }
  }
  push(text.size());
  return parts;
}

}  // namespace shuanglian::core
