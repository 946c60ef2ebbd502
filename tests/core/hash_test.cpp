#include "core/hash.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace shuanglian::core {
namespace {

// FNV-1a 64 computed by the test itself.
std::uint64_t Fnv1a(const std::string& bytes, std::uint64_t state = 14695981039346656037ULL) {
  for (const char c : bytes) {
    state = (state ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return state;
}

TEST(FingerprintTest, EmptyFingerprintIsTheOffsetBasisHalved) {
  EXPECT_EQ(Fingerprint().value(), static_cast<std::int64_t>(14695981039346656037ULL >> 1));
}

TEST(FingerprintTest, TextIsFnv1aFollowedByASeparator) {
  const std::uint64_t expected = Fnv1a(std::string("张建国") + '\x1F');
  EXPECT_EQ(Fingerprint().Add("张建国").value(), static_cast<std::int64_t>(expected >> 1));
}

TEST(FingerprintTest, NumbersAreHashedAsEightLittleEndianBytes) {
  const std::int64_t number = 0x0102030405060708;
  const std::string bytes = {'\x08', '\x07', '\x06', '\x05', '\x04', '\x03', '\x02', '\x01'};
  EXPECT_EQ(Fingerprint().Add(number).value(), static_cast<std::int64_t>(Fnv1a(bytes) >> 1));
}

TEST(FingerprintTest, FieldBoundariesMatter) {
  EXPECT_NE(Fingerprint().Add("ab").Add("c").value(), Fingerprint().Add("a").Add("bc").value());
  EXPECT_NE(Fingerprint().Add("").value(), Fingerprint().value());
  EXPECT_NE(Fingerprint().Add("a").Add("b").value(), Fingerprint().Add("b").Add("a").value());
}

TEST(FingerprintTest, StableAndNeverNegative) {
  EXPECT_EQ(Fingerprint().Add("QH2012001").Add(INT64_C(285050)).value(),
            Fingerprint().Add("QH2012001").Add(INT64_C(285050)).value());
  for (int value = 0; value < 1000; ++value) {
    EXPECT_GE(Fingerprint().Add(std::to_string(value)).Add(std::int64_t{-value}).value(), 0);
  }
}

}  // namespace
}  // namespace shuanglian::core
