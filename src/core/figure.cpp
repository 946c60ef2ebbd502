#include "core/figure.h"

#include "core/decimal.h"

namespace shuanglian::core {

int FigureScale(const DictionaryItem& figure) {
  const std::string scale = figure.Attribute("scale");
  return scale.empty() ? 0 : std::stoi(scale);
}

Result<std::int64_t> ParseFigureValue(const DictionaryItem& figure, std::string_view text) {
  auto value = ParseScaledDecimal(text, FigureScale(figure));
  if (!value) {
    return Error{value.error().code, figure.label + "：" + value.error().message};
  }
  return *value;
}

std::string FormatFigureValue(const DictionaryItem& figure, std::int64_t value) {
  return FormatScaled(value, FigureScale(figure));
}

}  // namespace shuanglian::core
