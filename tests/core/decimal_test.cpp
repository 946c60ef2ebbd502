#include "core/decimal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace shuanglian::core {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kDefaultMax = INT64_C(1) << 50;

// ---------------------------------------------------------------------------------------------
// ParseScaledDecimal: accepted

struct ScaledCase {
  std::string text;
  int scale;
  std::int64_t expected;
};

class ParseScaledDecimalTest : public ::testing::TestWithParam<ScaledCase> {};

TEST_P(ParseScaledDecimalTest, Parses) {
  const auto parsed = ParseScaledDecimal(GetParam().text, GetParam().scale);
  ASSERT_TRUE(parsed.ok()) << GetParam().text << ": " << parsed.error().code;
  EXPECT_EQ(*parsed, GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseScaledDecimalTest,
    ::testing::Values(
        ScaledCase{"3450", 2, 345000}, ScaledCase{"3450", 0, 3450},
        ScaledCase{"3,450.5元", 2, 345050},  // thousands separator and unit
        ScaledCase{"1,234,567", 0, 1234567},
        ScaledCase{"1234.565", 2, 123457},  // half up to the fen
        ScaledCase{"1234.564", 2, 123456},  // below half
        ScaledCase{"1234.5650", 2, 123457},
        ScaledCase{"1234.5649", 2, 123456},  // only the next digit decides
        ScaledCase{"0.995", 2, 100},         // the carry crosses into the whole part
        ScaledCase{"9.999", 2, 1000},
        ScaledCase{"１２３４．５", 2, 123450},  // full-width digits and point
        ScaledCase{"３，４５０元", 0, 3450}, ScaledCase{".5", 2, 50}, ScaledCase{".5", 0, 1},
        ScaledCase{".4", 0, 0}, ScaledCase{"5.", 2, 500},  // a trailing point
        ScaledCase{"+7", 0, 7},                            // an explicit plus
        ScaledCase{"-0", 2, 0},                            // minus zero is zero, not negative
        ScaledCase{"0", 2, 0}, ScaledCase{"000123", 0, 123}, ScaledCase{"  42  ", 0, 42},
        ScaledCase{"\xE3\x80\x80"
                   "42",
                   0, 42},
        ScaledCase{"1 234", 0, 1234},  // a space as thousands separator
        ScaledCase{"12 亩", 2, 1200}, ScaledCase{"7,408.5亩", 2, 740850}, ScaledCase{"4人", 0, 4},
        ScaledCase{"3户", 0, 3}, ScaledCase{"2个", 0, 2}, ScaledCase{"3.5公里", 1, 35},
        ScaledCase{"12km", 0, 12}, ScaledCase{"85%", 0, 85}, ScaledCase{"2.5", 1, 25},
        ScaledCase{"2.25", 1, 23}, ScaledCase{"0.05", 1, 1}, ScaledCase{"0.04", 1, 0},
        // The default limit is 2^50 units.
        ScaledCase{"11258999068426.24", 2, kDefaultMax},
        ScaledCase{"1125899906842624", 0, kDefaultMax}));

// ---------------------------------------------------------------------------------------------
// ParseScaledDecimal: refused

struct ScaledErrorCase {
  std::string text;
  int scale;
  std::string code;
};

class ParseScaledDecimalErrorTest : public ::testing::TestWithParam<ScaledErrorCase> {};

TEST_P(ParseScaledDecimalErrorTest, Refuses) {
  const auto parsed = ParseScaledDecimal(GetParam().text, GetParam().scale);
  ASSERT_FALSE(parsed.ok()) << GetParam().text << " gave " << *parsed;
  EXPECT_EQ(parsed.error().code, GetParam().code) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseScaledDecimalErrorTest,
    ::testing::Values(
        ScaledErrorCase{"abc", 2, "not_a_number"}, ScaledErrorCase{"", 2, "not_a_number"},
        ScaledErrorCase{"   ", 2, "not_a_number"}, ScaledErrorCase{".", 2, "not_a_number"},
        ScaledErrorCase{"-", 2, "not_a_number"}, ScaledErrorCase{"+", 0, "not_a_number"},
        ScaledErrorCase{"1.2.3", 2, "not_a_number"}, ScaledErrorCase{"1e5", 0, "not_a_number"},
        ScaledErrorCase{"6.20902E+17", 0, "not_a_number"},
        ScaledErrorCase{"12a", 0, "not_a_number"}, ScaledErrorCase{"--1", 0, "not_a_number"},
        ScaledErrorCase{"1-", 0, "not_a_number"}, ScaledErrorCase{"元", 2, "not_a_number"},
        ScaledErrorCase{"一百", 0, "not_a_number"}, ScaledErrorCase{"3元5角", 2, "not_a_number"},
        ScaledErrorCase{"-1", 0, "negative"}, ScaledErrorCase{"-1", 2, "negative"},
        ScaledErrorCase{"-0.01", 2, "negative"}, ScaledErrorCase{"-3,450.5元", 2, "negative"},
        ScaledErrorCase{"11258999068426.25", 2, "too_large"},  // 2^50 + 1 fen
        ScaledErrorCase{"1125899906842625", 0, "too_large"},
        ScaledErrorCase{"99999999999999999999999", 0, "too_large"},
        ScaledErrorCase{"99999999999999999999999999999999999999", 2, "too_large"},
        ScaledErrorCase{"-99999999999999999999999", 0, "too_large"}));

TEST(ParseScaledDecimalTest, MessagesQuoteTheInput) {
  const auto not_number = ParseScaledDecimal(" abc ", 2);
  ASSERT_FALSE(not_number.ok());
  EXPECT_EQ(not_number.error().message, "“abc”不是数字");
  const auto negative = ParseScaledDecimal("-5", 2);
  ASSERT_FALSE(negative.ok());
  EXPECT_THAT(negative.error().message, HasSubstr("负数"));
  EXPECT_THAT(negative.error().message, HasSubstr("-5"));
  const auto large = ParseScaledDecimal("99999999999999999999", 0);
  ASSERT_FALSE(large.ok());
  EXPECT_THAT(large.error().message, HasSubstr("过大"));
}

TEST(ParseScaledDecimalTest, CustomLimit) {
  EXPECT_EQ(*ParseScaledDecimal("99", 0, 99), 99);
  EXPECT_EQ(ParseScaledDecimal("100", 0, 99).error().code, "too_large");
  EXPECT_EQ(ParseScaledDecimal("98.5", 0, 98).error().code, "too_large");  // rounding crosses it
  EXPECT_EQ(*ParseScaledDecimal("98.4", 0, 98), 98);
  EXPECT_EQ(*ParseScaledDecimal("0", 0, 0), 0);
  EXPECT_EQ(ParseScaledDecimal("1", 0, 0).error().code, "too_large");
}

TEST(ParseScaledDecimalTest, LimitNearInt64MaxDoesNotOverflow) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(*ParseScaledDecimal("9223372036854775807", 0, kMax), kMax);
  // One past INT64_MAX: the last digit must not wrap the sum around to a negative value.
  for (const char* text : {"9223372036854775808", "9223372036854775809", "9223372036854775810",
                           "92233720368547758070"}) {
    const auto parsed = ParseScaledDecimal(text, 0, kMax);
    ASSERT_FALSE(parsed.ok()) << text << " gave " << *parsed;
    EXPECT_EQ(parsed.error().code, "too_large") << text;
  }
  const auto rounded = ParseScaledDecimal("9223372036854775807.5", 0, kMax);
  ASSERT_FALSE(rounded.ok()) << "gave " << *rounded;
  EXPECT_EQ(rounded.error().code, "too_large");
  const auto fen = ParseScaledDecimal("92233720368547758.08", 2, kMax);
  ASSERT_FALSE(fen.ok()) << "gave " << *fen;
  EXPECT_EQ(fen.error().code, "too_large");
}

// ---------------------------------------------------------------------------------------------
// ParseWholeNumber

struct WholeCase {
  std::string text;
  std::int64_t min;
  std::int64_t max;
  std::int64_t expected;  // when code is empty
  std::string code;       // empty when accepted
};

class ParseWholeNumberTest : public ::testing::TestWithParam<WholeCase> {};

TEST_P(ParseWholeNumberTest, ParsesOrRefuses) {
  const WholeCase& test_case = GetParam();
  const auto parsed = ParseWholeNumber(test_case.text, test_case.min, test_case.max);
  if (test_case.code.empty()) {
    ASSERT_TRUE(parsed.ok()) << test_case.text << ": " << parsed.error().code;
    EXPECT_EQ(*parsed, test_case.expected);
  } else {
    ASSERT_FALSE(parsed.ok()) << test_case.text << " gave " << *parsed;
    EXPECT_EQ(parsed.error().code, test_case.code) << test_case.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseWholeNumberTest,
    ::testing::Values(
        WholeCase{"3", 1, 50, 3, ""}, WholeCase{"3.0", 1, 50, 3, ""},
        WholeCase{"3.00", 1, 50, 3, ""}, WholeCase{"3.", 1, 50, 3, ""},
        WholeCase{"１２", 1, 50, 12, ""}, WholeCase{"4人", 1, 50, 4, ""},
        WholeCase{"1", 1, 50, 1, ""}, WholeCase{"50", 1, 50, 50, ""}, WholeCase{"0", 0, 12, 0, ""},
        WholeCase{"1,000", 0, 5000, 1000, ""}, WholeCase{"2024", 1990, 2024, 2024, ""},
        WholeCase{"3.5", 1, 50, 0, "not_a_number"}, WholeCase{"3.05", 1, 50, 0, "not_a_number"},
        WholeCase{"3.001", 1, 50, 0, "not_a_number"}, WholeCase{"abc", 1, 50, 0, "not_a_number"},
        WholeCase{"", 1, 50, 0, "not_a_number"}, WholeCase{"0", 1, 50, 0, "out_of_range"},
        WholeCase{"51", 1, 50, 0, "out_of_range"}, WholeCase{"2025", 1990, 2024, 0, "out_of_range"},
        WholeCase{"1989", 1990, 2024, 0, "out_of_range"},
        WholeCase{"1000000000000000000000", 0, 10, 0, "out_of_range"},
        WholeCase{"-1", 0, 12, 0, "negative"}));

TEST(ParseWholeNumberTest, OutOfRangeMessageGivesTheRange) {
  const auto parsed = ParseWholeNumber("51", 1, 50);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message, "“51”超出范围 1～50");
  const auto huge = ParseWholeNumber("99999", 1, 50);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().message, "“99999”超出范围 1～50");
}

TEST(ParseWholeNumberTest, FractionMessageAsksForAWholeNumber) {
  const auto parsed = ParseWholeNumber("3.5", 1, 50);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message, "“3.5”应为整数");
}

// ---------------------------------------------------------------------------------------------
// FormatScaled

struct FormatCase {
  std::int64_t units;
  int scale;
  std::string expected;
};

class FormatScaledTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(FormatScaledTest, Formats) {
  EXPECT_EQ(FormatScaled(GetParam().units, GetParam().scale), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, FormatScaledTest,
    ::testing::Values(
        FormatCase{123456, 2, "1234.56"}, FormatCase{345050, 2, "3450.50"},
        FormatCase{100, 2, "1.00"}, FormatCase{5, 2, "0.05"}, FormatCase{50, 2, "0.50"},
        FormatCase{0, 2, "0.00"}, FormatCase{7, 3, "0.007"}, FormatCase{42, 0, "42"},
        FormatCase{0, 0, "0"}, FormatCase{35, 1, "3.5"}, FormatCase{-5, 2, "-0.05"},
        FormatCase{-1, 2, "-0.01"}, FormatCase{-1, 0, "-1"}, FormatCase{-123456, 2, "-1234.56"},
        FormatCase{-42, 0, "-42"}, FormatCase{-100, 2, "-1.00"},
        FormatCase{std::numeric_limits<std::int64_t>::max(), 0, "9223372036854775807"},
        FormatCase{std::numeric_limits<std::int64_t>::min(), 0, "-9223372036854775808"},
        FormatCase{std::numeric_limits<std::int64_t>::min(), 2, "-92233720368547758.08"}));

TEST(FormatScaledTest, RoundTripsThroughParseScaledDecimal) {
  for (const int scale : {0, 1, 2, 3}) {
    for (std::int64_t units = 0; units < 100000; units += 7) {
      const std::string text = FormatScaled(units, scale);
      const auto parsed = ParseScaledDecimal(text, scale);
      ASSERT_TRUE(parsed.ok()) << text;
      ASSERT_EQ(*parsed, units) << text;
    }
  }
}

}  // namespace
}  // namespace shuanglian::core
