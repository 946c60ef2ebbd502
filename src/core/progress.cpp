#include "core/progress.h"

#include <algorithm>

namespace shuanglian::core {

std::int64_t DaysInYear(int year) {
  return Date{year + 1, 1, 1}.DaysSinceEpoch() - Date{year, 1, 1}.DaysSinceEpoch();
}

std::int64_t DaysElapsed(int year, const Date& today) {
  // Today is not yet gone by: its work may still be written down tonight.
  const std::int64_t days = today.DaysSinceEpoch() - Date{year, 1, 1}.DaysSinceEpoch();
  return std::clamp<std::int64_t>(days, 0, DaysInYear(year));
}

ProgressCounts ExpectedByNow(const ProgressCounts& yearly, int year, const Date& today) {
  const std::int64_t elapsed = DaysElapsed(year, today);
  const std::int64_t length = DaysInYear(year);
  // Whole numbers only: a target times days, divided once, so 100 × 365 / 365 is exactly 100.
  const auto share = [&](std::int64_t target) { return target * elapsed / length; };
  return ProgressCounts{share(yearly.stationed_days), share(yearly.households_visited),
                        share(yearly.diary_days), share(yearly.problems_solved),
                        share(yearly.suggestions)};
}

bool BehindPace(const ProgressCounts& done, const ProgressCounts& expected) {
  const auto have = done.Values();
  const auto want = expected.Values();
  for (std::size_t index = 0; index < have.size(); ++index) {
    if (have[index] < want[index]) {
      return true;
    }
  }
  return false;
}

}  // namespace shuanglian::core
