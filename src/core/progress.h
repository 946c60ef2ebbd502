#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/date.h"

namespace shuanglian::core {

// The 五个百 of a cadre's year: 100 days stationed in the village, 100 households visited,
// 100 days of diary, 100 problems solved, 100 suggestions. The five counts, in that order.
struct ProgressCounts {
  std::int64_t stationed_days = 0;
  std::int64_t households_visited = 0;
  std::int64_t diary_days = 0;
  std::int64_t problems_solved = 0;
  std::int64_t suggestions = 0;

  std::array<std::int64_t, 5> Values() const {
    return {stationed_days, households_visited, diary_days, problems_solved, suggestions};
  }
  bool operator==(const ProgressCounts&) const = default;
};

// The five measures' keys, as JSON and the targets' columns name them.
inline constexpr std::array<std::string_view, 5> kProgressMeasures = {
    "stationed_days", "households_visited", "diary_days", "problems_solved", "suggestions"};

// The yearly targets (set per region; the nearest ancestor's apply), and the visits in one
// day beyond which the integrity report asks questions.
struct ProgressTargets {
  ProgressCounts yearly{100, 100, 100, 100, 100};
  std::int64_t max_visits_per_day = 8;
};

// The days of `year` gone by before `today`: 0 up to 1 January, all of them after the year.
std::int64_t DaysElapsed(int year, const Date& today);
std::int64_t DaysInYear(int year);

// What a cadre should have done by `today` to be on course for the year's targets: each
// target times the share of the year gone by, rounded down (on 1 January nothing is due).
ProgressCounts ExpectedByNow(const ProgressCounts& yearly, int year, const Date& today);

// Behind pace: below the expected count in any of the five.
bool BehindPace(const ProgressCounts& done, const ProgressCounts& expected);

}  // namespace shuanglian::core
