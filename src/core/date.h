#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shuanglian::core {

// A calendar date in the business time zone (Asia/Shanghai). Dates are ISO 8601 text at
// every edge.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date&) const = default;

  // Days since 1970-01-01 (proleptic Gregorian).
  std::int64_t DaysSinceEpoch() const;
  static Date FromDaysSinceEpoch(std::int64_t days);

  std::string ToIso() const;  // "2012-03-06"
};

bool IsValidDate(int year, int month, int day);

// Reads the ways offices write a date: 2012-03-06, 2012/3/6, 2012.3.6, 20120306,
// 2012年3月6日. Nothing else, and never an impossible date.
std::optional<Date> ParseDate(std::string_view text);

// Excel stores dates as days since 1899-12-30 (its 1900 leap-year bug included).
std::optional<Date> DateFromExcelSerial(double serial);

// Whole years of age on a given day.
int AgeOn(const Date& birth, const Date& on);

// "2026-12-07T21:40:05+08:00" as "20261207-214005": a moment in a file's name.
std::string FileNameStamp(std::string_view iso_time);

}  // namespace shuanglian::core
