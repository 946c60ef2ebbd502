#pragma once

#include <cstdint>
#include <string_view>

namespace shuanglian::core {

// FNV-1a, 64 bits: a stable fingerprint of a record's content, the same on every build and
// machine, so "has this row changed?" is one integer comparison.
class Fingerprint {
 public:
  Fingerprint& Add(std::string_view text) {
    for (const char c : text) {
      state_ = (state_ ^ static_cast<unsigned char>(c)) * kPrime;
    }
    // A separator, so that ("ab","c") and ("a","bc") differ.
    state_ = (state_ ^ 0x1F) * kPrime;
    return *this;
  }
  Fingerprint& Add(std::int64_t number) {
    for (int shift = 0; shift < 64; shift += 8) {
      state_ = (state_ ^ ((static_cast<std::uint64_t>(number) >> shift) & 0xFF)) * kPrime;
    }
    return *this;
  }
  // As a signed value, because both databases store signed 64-bit integers.
  std::int64_t value() const { return static_cast<std::int64_t>(state_ >> 1); }

 private:
  static constexpr std::uint64_t kPrime = 1099511628211ULL;
  std::uint64_t state_ = 14695981039346656037ULL;
};

}  // namespace shuanglian::core
