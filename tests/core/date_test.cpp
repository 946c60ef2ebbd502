#include "core/date.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace shuanglian::core {
namespace {

// The test's own calendar, independent of the civil-day arithmetic under test.
bool IsLeap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0);
}

Date NextDay(Date date) {
  if (date.day < DaysInMonth(date.year, date.month)) {
    ++date.day;
  } else if (date.month < 12) {
    ++date.month;
    date.day = 1;
  } else {
    ++date.year;
    date.month = 1;
    date.day = 1;
  }
  return date;
}

// ---------------------------------------------------------------------------------------------
// ParseDate

struct AcceptCase {
  std::string text;
  Date expected;
};

class ParseDateAcceptsTest : public ::testing::TestWithParam<AcceptCase> {};

TEST_P(ParseDateAcceptsTest, Parses) {
  const std::optional<Date> parsed = ParseDate(GetParam().text);
  ASSERT_TRUE(parsed.has_value()) << GetParam().text;
  EXPECT_EQ(*parsed, GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseDateAcceptsTest,
    ::testing::Values(
        AcceptCase{"2012-03-06", {2012, 3, 6}}, AcceptCase{"2012-3-6", {2012, 3, 6}},
        AcceptCase{"2012/3/6", {2012, 3, 6}}, AcceptCase{"2012/03/06", {2012, 3, 6}},
        AcceptCase{"2012.3.6", {2012, 3, 6}}, AcceptCase{"2012.03.06", {2012, 3, 6}},
        AcceptCase{"20120306", {2012, 3, 6}}, AcceptCase{"2012年3月6日", {2012, 3, 6}},
        AcceptCase{"2012年03月06日", {2012, 3, 6}},
        AcceptCase{"2012年3月6", {2012, 3, 6}},  // the closing 日 may be left out
        AcceptCase{"2012-03-06 00:00:00", {2012, 3, 6}}, AcceptCase{"2012/3/6 13:45", {2012, 3, 6}},
        AcceptCase{"  2012-03-06\t", {2012, 3, 6}},        // cleaned first
        AcceptCase{"２０１２－０３－０６", {2012, 3, 6}},  // full width
        AcceptCase{"２０１２年３月６日", {2012, 3, 6}}, AcceptCase{"2012-12-31", {2012, 12, 31}},
        AcceptCase{"2012-01-01", {2012, 1, 1}},
        AcceptCase{"2000-02-29", {2000, 2, 29}},  // divisible by 400: leap
        AcceptCase{"2012-02-29", {2012, 2, 29}}, AcceptCase{"20040229", {2004, 2, 29}},
        AcceptCase{"1800-01-01", {1800, 1, 1}}, AcceptCase{"9999-12-31", {9999, 12, 31}}));

class ParseDateRejectsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ParseDateRejectsTest, Rejects) {
  const std::optional<Date> parsed = ParseDate(GetParam());
  EXPECT_FALSE(parsed.has_value()) << GetParam() << " -> " << (parsed ? parsed->ToIso() : "");
}

INSTANTIATE_TEST_SUITE_P(Table, ParseDateRejectsTest,
                         ::testing::Values("2013-02-29",  // 2013 is not a leap year
                                           "1900-02-29",  // divisible by 100 but not 400
                                           "2100-02-29", "2012-02-30", "2012-04-31", "2012-13-01",
                                           "2012-00-10", "2012-01-00", "2012-01-32", "20121301",
                                           "20120230", "20130229", "2012年13月1日", "2012年2月30日",
                                           "2012年3月", "2012年", "2012年3日", "", "   ", "abc",
                                           "2012", "2012-03", "2012.3", "12-03-06", "12/3/6",
                                           "2012-003-06", "2012-03-006", "2012--3-06", "2012-03-",
                                           "-2012-03-06", "2012-+3-06", "2012-03-06T00:00:00",
                                           "2012-03/06", "2012/03-06", "2012-3-6-7", "1799-12-31",
                                           "2012 03 06", "201236", "2012030", "201203061",
                                           "2012年三月六日", "40974"));

TEST(IsValidDateTest, LeapYearsAndBounds) {
  EXPECT_TRUE(IsValidDate(2000, 2, 29));
  EXPECT_FALSE(IsValidDate(1900, 2, 29));
  EXPECT_TRUE(IsValidDate(1996, 2, 29));
  EXPECT_FALSE(IsValidDate(2023, 2, 29));
  EXPECT_TRUE(IsValidDate(2023, 2, 28));
  EXPECT_FALSE(IsValidDate(2023, 6, 31));
  EXPECT_TRUE(IsValidDate(2023, 7, 31));
  EXPECT_FALSE(IsValidDate(2023, 0, 1));
  EXPECT_FALSE(IsValidDate(2023, 1, 0));
  EXPECT_FALSE(IsValidDate(2023, 1, -1));
  EXPECT_FALSE(IsValidDate(1799, 12, 31));
  EXPECT_TRUE(IsValidDate(1800, 1, 1));
  EXPECT_TRUE(IsValidDate(9999, 12, 31));
  EXPECT_FALSE(IsValidDate(10000, 1, 1));
}

TEST(IsValidDateTest, AgreesWithTheTestCalendarForEveryDayOfACentury) {
  for (int year = 1896; year <= 2104; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= 31; ++day) {
        ASSERT_EQ(IsValidDate(year, month, day), day <= DaysInMonth(year, month))
            << year << "-" << month << "-" << day;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Date: ToIso, ordering, days since the epoch

TEST(DateTest, ToIsoPadsWithZeros) {
  EXPECT_EQ((Date{2012, 3, 6}).ToIso(), "2012-03-06");
  EXPECT_EQ((Date{1949, 12, 31}).ToIso(), "1949-12-31");
  EXPECT_EQ((Date{999, 1, 2}).ToIso(), "0999-01-02");
}

TEST(DateTest, OrdersByYearThenMonthThenDay) {
  EXPECT_LT((Date{2012, 3, 6}), (Date{2012, 3, 7}));
  EXPECT_LT((Date{2012, 3, 31}), (Date{2012, 4, 1}));
  EXPECT_LT((Date{2011, 12, 31}), (Date{2012, 1, 1}));
  EXPECT_EQ((Date{2012, 3, 6}), (Date{2012, 3, 6}));
  EXPECT_GT((Date{2024, 6, 2}), (Date{2024, 6, 1}));
}

TEST(DateTest, DaysSinceEpochKnownValues) {
  EXPECT_EQ((Date{1970, 1, 1}).DaysSinceEpoch(), 0);
  EXPECT_EQ((Date{1970, 1, 2}).DaysSinceEpoch(), 1);
  EXPECT_EQ((Date{1969, 12, 31}).DaysSinceEpoch(), -1);
  EXPECT_EQ((Date{2000, 3, 1}).DaysSinceEpoch(), 11017);
  EXPECT_EQ((Date{2024, 1, 1}).DaysSinceEpoch(), 19723);
  EXPECT_EQ((Date{1899, 12, 30}).DaysSinceEpoch(), -25569);  // Excel's epoch
  EXPECT_EQ((Date{1800, 1, 1}).DaysSinceEpoch(), -62091);
}

TEST(DateTest, FromDaysSinceEpochKnownValues) {
  EXPECT_EQ(Date::FromDaysSinceEpoch(0), (Date{1970, 1, 1}));
  EXPECT_EQ(Date::FromDaysSinceEpoch(-1), (Date{1969, 12, 31}));
  EXPECT_EQ(Date::FromDaysSinceEpoch(11016), (Date{2000, 2, 29}));
  EXPECT_EQ(Date::FromDaysSinceEpoch(19723), (Date{2024, 1, 1}));
}

TEST(DateTest, DaysRoundTripFrom1800To9999DayByDay) {
  Date date{1800, 1, 1};
  std::int64_t days = date.DaysSinceEpoch();
  const Date last{9999, 12, 31};
  std::int64_t count = 0;
  while (true) {
    ASSERT_EQ(date.DaysSinceEpoch(), days) << date.ToIso();
    ASSERT_EQ(Date::FromDaysSinceEpoch(days), date) << days;
    if (date == last) {
      break;
    }
    date = NextDay(date);
    ++days;
    ++count;
  }
  // 1800-01-01 to 9999-12-31 inclusive is 2,994,988 days.
  EXPECT_EQ(count + 1, 2994988);
}

TEST(DateTest, FromDaysSinceEpochRoundTripsFarBeforeTheEpoch) {
  // Negative eras: the division must round toward minus infinity.
  for (std::int64_t days = -800000; days <= -700000; days += 17) {
    const Date date = Date::FromDaysSinceEpoch(days);
    ASSERT_EQ(date.DaysSinceEpoch(), days);
    ASSERT_EQ(Date::FromDaysSinceEpoch(days + 1), NextDay(date));
  }
}

// ---------------------------------------------------------------------------------------------
// DateFromExcelSerial

struct SerialCase {
  double serial;
  Date expected;
};

class ExcelSerialTest : public ::testing::TestWithParam<SerialCase> {};

TEST_P(ExcelSerialTest, Converts) {
  const std::optional<Date> date = DateFromExcelSerial(GetParam().serial);
  ASSERT_TRUE(date.has_value()) << GetParam().serial;
  EXPECT_EQ(*date, GetParam().expected) << GetParam().serial;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ExcelSerialTest,
    ::testing::Values(SerialCase{1, {1900, 1, 1}}, SerialCase{2, {1900, 1, 2}},
                      SerialCase{31, {1900, 1, 31}}, SerialCase{32, {1900, 2, 1}},
                      SerialCase{59, {1900, 2, 28}},
                      // 60 is Excel's 29 February 1900, which never was:
                      // it is read as the day before.
                      SerialCase{60, {1900, 2, 28}}, SerialCase{61, {1900, 3, 1}},
                      SerialCase{367, {1901, 1, 1}}, SerialCase{25569, {1970, 1, 1}},
                      SerialCase{29221, {1980, 1, 1}}, SerialCase{36526, {2000, 1, 1}},
                      SerialCase{40974, {2012, 3, 6}},
                      SerialCase{40974.75, {2012, 3, 6}},  // time dropped
                      SerialCase{45292, {2024, 1, 1}}, SerialCase{2958465, {9999, 12, 31}}));

TEST(ExcelSerialTest, RejectsOutOfRangeAndNonFinite) {
  EXPECT_FALSE(DateFromExcelSerial(0).has_value());
  EXPECT_FALSE(DateFromExcelSerial(0.5).has_value());
  EXPECT_FALSE(DateFromExcelSerial(-1).has_value());
  EXPECT_FALSE(DateFromExcelSerial(2958466).has_value());
  EXPECT_FALSE(DateFromExcelSerial(std::numeric_limits<double>::quiet_NaN()).has_value());
  EXPECT_FALSE(DateFromExcelSerial(std::numeric_limits<double>::infinity()).has_value());
  EXPECT_FALSE(DateFromExcelSerial(-std::numeric_limits<double>::infinity()).has_value());
}

TEST(ExcelSerialTest, ConsecutiveSerialsFrom61AreConsecutiveDays) {
  Date previous = *DateFromExcelSerial(61);
  for (int serial = 62; serial < 80000; ++serial) {
    const Date date = *DateFromExcelSerial(serial);
    ASSERT_EQ(date, NextDay(previous)) << serial;
    previous = date;
  }
}

// ---------------------------------------------------------------------------------------------
// AgeOn

struct AgeCase {
  Date birth;
  Date on;
  int expected;
};

class AgeOnTest : public ::testing::TestWithParam<AgeCase> {};

TEST_P(AgeOnTest, WholeYears) {
  EXPECT_EQ(AgeOn(GetParam().birth, GetParam().on), GetParam().expected)
      << GetParam().birth.ToIso() << " on " << GetParam().on.ToIso();
}

INSTANTIATE_TEST_SUITE_P(
    Table, AgeOnTest,
    ::testing::Values(
        AgeCase{{1980, 3, 6}, {2012, 3, 5}, 31},  // the day before the birthday
        AgeCase{{1980, 3, 6}, {2012, 3, 6}, 32},  // the birthday
        AgeCase{{1980, 3, 6}, {2012, 3, 7}, 32},  // the day after
        AgeCase{{1980, 3, 6}, {2012, 2, 29}, 31}, AgeCase{{1980, 3, 6}, {2012, 4, 1}, 32},
        AgeCase{{1980, 3, 6}, {2012, 12, 31}, 32}, AgeCase{{1980, 3, 6}, {2013, 1, 1}, 32},
        AgeCase{{1980, 3, 6}, {1980, 3, 6}, 0}, AgeCase{{1980, 12, 31}, {1981, 12, 30}, 0},
        AgeCase{{1980, 12, 31}, {1981, 12, 31}, 1},
        // Born on 29 February: a year older from 1 March in common years.
        AgeCase{{2000, 2, 29}, {2018, 2, 28}, 17}, AgeCase{{2000, 2, 29}, {2018, 3, 1}, 18},
        AgeCase{{2000, 2, 29}, {2020, 2, 28}, 19}, AgeCase{{2000, 2, 29}, {2020, 2, 29}, 20}));

}  // namespace
}  // namespace shuanglian::core
