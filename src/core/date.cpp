#include "core/date.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/text.h"

namespace shuanglian::core {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t DaysFromCivil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * static_cast<unsigned>(month + (month > 2 ? -3 : 9)) + 2) / 5 +
                               static_cast<unsigned>(day) - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

std::optional<int> ParseInt(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<Date> MakeDate(std::string_view year, std::string_view month, std::string_view day) {
  if (year.size() != 4 || month.empty() || month.size() > 2 || day.empty() || day.size() > 2) {
    return std::nullopt;
  }
  const auto y = ParseInt(year);
  const auto m = ParseInt(month);
  const auto d = ParseInt(day);
  if (!y || !m || !d || !IsValidDate(*y, *m, *d)) {
    return std::nullopt;
  }
  return Date{*y, *m, *d};
}

}  // namespace

std::int64_t Date::DaysSinceEpoch() const {
  return DaysFromCivil(year, month, day);
}

Date Date::FromDaysSinceEpoch(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(year + (month <= 2 ? 1 : 0)), static_cast<int>(month),
              static_cast<int>(day)};
}

std::string Date::ToIso() const {
  // By hand rather than snprintf: an import formats millions of birth dates.
  std::string iso(10, '-');
  const auto put = [&](std::size_t at, int value, int digits) {
    for (int place = digits - 1; place >= 0; --place, value /= 10) {
      iso[at + static_cast<std::size_t>(place)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, year, 4);
  put(5, month, 2);
  put(8, day, 2);
  return iso;
}

bool IsValidDate(int year, int month, int day) {
  if (year < 1800 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= last;
}

std::optional<Date> ParseDate(std::string_view raw) {
  std::string scratch;
  std::string_view text = CleanCellView(raw, scratch);
  if (text.size() == 8 && IsAsciiDigits(text)) {
    return MakeDate(text.substr(0, 4), text.substr(4, 2), text.substr(6, 2));
  }
  // 2012年3月6日
  static const std::string kYear = "年";
  static const std::string kMonth = "月";
  static const std::string kDay = "日";
  if (const auto year_pos = text.find(kYear); year_pos != std::string_view::npos) {
    const auto month_pos = text.find(kMonth, year_pos);
    if (month_pos == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view day_part = text.substr(month_pos + kMonth.size());
    if (day_part.size() >= kDay.size() && day_part.substr(day_part.size() - kDay.size()) == kDay) {
      day_part.remove_suffix(kDay.size());
    }
    return MakeDate(text.substr(0, year_pos),
                    text.substr(year_pos + kYear.size(), month_pos - year_pos - kYear.size()),
                    day_part);
  }
  // A time part after the date (Excel exports "2012-03-06 00:00:00") is dropped.
  if (const auto space = text.find(' '); space != std::string_view::npos) {
    text = text.substr(0, space);
  }
  for (const char separator : {'-', '/', '.'}) {
    const auto first = text.find(separator);
    if (first == std::string_view::npos) {
      continue;
    }
    const auto second = text.find(separator, first + 1);
    if (second == std::string_view::npos) {
      return std::nullopt;
    }
    return MakeDate(text.substr(0, first), text.substr(first + 1, second - first - 1),
                    text.substr(second + 1));
  }
  return std::nullopt;
}

std::optional<Date> DateFromExcelSerial(double serial) {
  if (!std::isfinite(serial) || serial < 1 || serial > 2958465) {
    return std::nullopt;
  }
  // Serial 60 is the 29 February 1900 that never was; serials from 61 are one day ahead.
  const auto whole = static_cast<std::int64_t>(std::floor(serial));
  const std::int64_t epoch_1899_12_30 = DaysFromCivil(1899, 12, 30);
  const std::int64_t days = whole < 60 ? whole + 1 : whole;
  return Date::FromDaysSinceEpoch(epoch_1899_12_30 + days);
}

int AgeOn(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) {
    --age;
  }
  return age;
}

std::string FileNameStamp(std::string_view iso_time) {
  std::string stamp;
  for (const char c : iso_time.substr(0, 19)) {
    if (c == 'T') {
      stamp += '-';
    } else if (c >= '0' && c <= '9') {
      stamp += c;
    }
  }
  return stamp;
}

}  // namespace shuanglian::core
