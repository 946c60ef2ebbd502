#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace shuanglian::core {

// Reads a non-negative decimal as an integer count of 10^-scale units, rounding half up:
// yuan to fen is scale 2, 亩 with two decimals is scale 2. Thousands separators, a
// trailing unit (元, 亩, 人) and full-width digits are accepted; money never passes
// through a double.
// Error codes: not_a_number, negative, too_large.
Result<std::int64_t> ParseScaledDecimal(std::string_view text, int scale,
                                        std::int64_t max_units = INT64_C(1) << 50);

// Reads a whole number in [min, max]. Error codes: not_a_number, negative, out_of_range.
Result<std::int64_t> ParseWholeNumber(std::string_view text, std::int64_t min, std::int64_t max);

// 123456 with scale 2 -> "1234.56"; trailing zeros of the fraction are kept to `scale`.
std::string FormatScaled(std::int64_t units, int scale);

}  // namespace shuanglian::core
