#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Pure helpers for turning what a worksheet stores into cell text. No I/O.
namespace shuanglian::ingest::xlsx {

// Excel's limits: a cell holds at most 32,767 characters; columns run A..XFD, rows 1..2^20.
inline constexpr std::size_t kMaxCellCharacters = 32767;
inline constexpr int kMaxColumns = 16384;
inline constexpr std::int64_t kMaxRows = 1048576;

// Appends `text` to `out` while `out` holds fewer than kMaxCellCharacters code points;
// `characters` counts what `out` holds. Cuts only at code point boundaries.
void AppendBounded(std::string& out, std::size_t& characters, std::string_view text);

// The zero-based column of a cell reference ("C7" → 2). nullopt when the reference has no
// column letters or names a column beyond XFD.
std::optional<int> ColumnFromReference(std::string_view reference);

// A row number attribute ("7" → 7); nullopt unless it is 1..kMaxRows.
std::optional<std::int64_t> ParseRowNumber(std::string_view text);

// The text of a numeric cell: whole values of up to 15 digits as plain integer digits
// ("620902108200", "-12", "1000" for "1.0E+3"), anything else exactly as stored
// ("6.2090219800101E+17", "3450.5"). nullopt when `stored` is not a number.
std::optional<std::string> FormatNumber(std::string_view stored);

// Whether a number format code shows a date: y, m or d outside quoted text, [..] sections
// and escaped characters.
bool IsDateFormatCode(std::string_view format_code);
// Excel's built-in number formats that are dates or times, East Asian ones included.
bool IsBuiltinDateFormat(int format_id);

// Decodes the _xHHHH_ escapes OOXML uses for characters XML cannot carry (e.g. "_x000D_"
// for a carriage return, "_x005F_" for a literal underscore).
std::string DecodeEscapes(std::string_view text);

// Trims ASCII whitespace, no-break spaces and the ideographic space.
std::string_view TrimSpaces(std::string_view text);

}  // namespace shuanglian::ingest::xlsx
