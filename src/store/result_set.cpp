#include "store/result_set.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace shuanglian::store {

bool RowView::IsNull(std::size_t column) const {
  return std::holds_alternative<std::monostate>(values_.at(column));
}

std::int64_t RowView::Int(std::size_t column) const {
  return OptInt(column).value_or(0);
}

std::optional<std::int64_t> RowView::OptInt(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    return *number;
  }
  if (const auto* real = std::get_if<double>(&value)) {
    return static_cast<std::int64_t>(std::llround(*real));
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::int64_t parsed = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (error == std::errc() && end == text->data() + text->size()) {
      return parsed;
    }
    // PostgreSQL renders numeric aggregates such as SUM() with a fraction ("12.0").
    return static_cast<std::int64_t>(std::llround(std::stod(*text)));
  }
  return std::nullopt;
}

double RowView::Double(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    return static_cast<double>(*number);
  }
  if (const auto* real = std::get_if<double>(&value)) {
    return *real;
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    return std::stod(*text);
  }
  return 0.0;
}

std::string RowView::Text(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* text = std::get_if<std::string>(&value)) {
    return *text;
  }
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    return std::to_string(*number);
  }
  if (const auto* real = std::get_if<double>(&value)) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *real);
    return error == std::errc() ? std::string(buffer, end) : std::string();
  }
  return {};
}

}  // namespace shuanglian::store
