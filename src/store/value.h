#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace shuanglian::store {

// A statement parameter. Text given as a named string is held by view (the caller keeps it
// alive until the statement has run, and a bulk load copies nothing); a temporary string
// is moved in and owned, so a condition built from computed text cannot dangle.
class Param {
 public:
  Param() = default;
  Param(std::nullptr_t) {}  // NOLINT(google-explicit-constructor)
  Param(int value) : value_(static_cast<std::int64_t>(value)) {}           // NOLINT
  Param(long value) : value_(static_cast<std::int64_t>(value)) {}          // NOLINT
  Param(long long value) : value_(static_cast<std::int64_t>(value)) {}     // NOLINT
  Param(unsigned value) : value_(static_cast<std::int64_t>(value)) {}      // NOLINT
  Param(bool value) : value_(static_cast<std::int64_t>(value ? 1 : 0)) {}  // NOLINT
  Param(double value) : value_(value) {}                                   // NOLINT
  Param(std::string_view value) : value_(value) {}                         // NOLINT
  Param(const std::string& value) : value_(std::string_view(value)) {}     // NOLINT
  Param(std::string&& value)                                               // NOLINT
      : value_(std::make_shared<const std::string>(std::move(value))) {}
  Param(const char* value) : value_(std::string_view(value)) {}  // NOLINT
  template <typename T>
  Param(const std::optional<T>& value) {  // NOLINT
    if (value) {
      *this = Param(*value);
    }
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(value_); }
  bool is_double() const { return std::holds_alternative<double>(value_); }
  bool is_text() const {
    return std::holds_alternative<std::string_view>(value_) ||
           std::holds_alternative<std::shared_ptr<const std::string>>(value_);
  }
  std::int64_t as_int() const { return std::get<std::int64_t>(value_); }
  double as_double() const { return std::get<double>(value_); }
  std::string_view as_text() const {
    if (const auto* owned = std::get_if<std::shared_ptr<const std::string>>(&value_)) {
      return **owned;
    }
    return std::get<std::string_view>(value_);
  }

 private:
  // Owned text is shared, so that copying a parameter list stays cheap.
  std::variant<std::monostate, std::int64_t, double, std::string_view,
               std::shared_ptr<const std::string>>
      value_;
};

// A column value read back.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

}  // namespace shuanglian::store
