#pragma once

#include <string>
#include <utility>
#include <variant>

namespace shuanglian::core {

// An expected failure: a stable English code for programs, a Chinese message for people.
struct Error {
  std::string code;
  std::string message;
};

// A value or the reason there is none. Expected failures travel as values; exceptions are
// kept for what cannot go on (a broken database, a bug).
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace shuanglian::core
