#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shuanglian::core {

// Full-width ASCII forms (Ａ, １, ，...) and the ideographic space become their ASCII twins;
// offices type IDs and numbers with a Chinese input method switched to full width.
std::string NormalizeWidth(std::string_view text);

// Does the text hold a form NormalizeWidth replaces? Nearly every cell does not.
bool HasWidthForms(std::string_view text);

// Trims ASCII white space, the ideographic space and no-break spaces at both ends.
std::string_view Trim(std::string_view text);

// NormalizeWidth then Trim: the form in which every imported cell is read.
std::string CleanCell(std::string_view text);
// CleanCell without copying, for the millions of cells of an import: a view of `text` itself
// when it has no width forms, else of `scratch`, which then holds the normalised text. The
// view lives as long as both.
std::string_view CleanCellView(std::string_view text, std::string& scratch);

bool IsValidUtf8(std::string_view text);
// A byte that continues a UTF-8 character (10xxxxxx), where every other byte starts one.
inline bool IsUtf8Continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}
// How many bytes the text starts with that are plain ASCII (all of it when it is), looked at
// eight at a time: what reading whole files needs to skip fast.
std::size_t AsciiPrefixLength(std::string_view text);

// Number of code points; the caller guarantees valid UTF-8.
std::size_t Utf8Length(std::string_view text);

bool IsAsciiDigits(std::string_view text);

std::string AsciiLower(std::string_view text);
bool HasAsciiUpper(std::string_view text);

// Splits at any of the separators (each a UTF-8 string such as "、"), dropping empty parts
// and trimming each part.
std::vector<std::string> SplitAny(std::string_view text,
                                  const std::vector<std::string>& separators);

}  // namespace shuanglian::core
