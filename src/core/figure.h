#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/result.h"

namespace shuanglian::core {

// A declared figure (户数, 耕地面积 ...) is an item of the `figure` dictionary whose
// attributes give its unit and its decimals (scale). Values are stored as integers.
int FigureScale(const DictionaryItem& figure);

// Reads a value as typed, "7408" or "7,408.5亩", into the figure's scaled integer.
Result<std::int64_t> ParseFigureValue(const DictionaryItem& figure, std::string_view text);

// The scaled integer as people read it: 740800 at scale 2 is "7408.00".
std::string FormatFigureValue(const DictionaryItem& figure, std::int64_t value);

}  // namespace shuanglian::core
