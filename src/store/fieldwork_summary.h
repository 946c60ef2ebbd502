#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "store/data_scope.h"
#include "store/database.h"

namespace shuanglian::store {

// What the field records of a region add up to over a span of days, as a progress report
// states it: counts, problems by category and state, aid by item. Only the records the scope
// sees are counted.
struct FieldworkSummary {
  std::int64_t stationed_days = 0;
  std::int64_t visits = 0;
  std::int64_t household_visits = 0;    // 户次: each household of each visit
  std::int64_t households_visited = 0;  // 户: each household once
  std::int64_t diary_entries = 0;
  std::int64_t suggestions = 0;
  std::int64_t suggestions_adopted = 0;

  struct ProblemCount {
    std::string category;
    std::string status;
    std::int64_t count = 0;
  };
  // Raised within the span, by category and their state on its last day: solved if solved
  // by then, in_progress if solved later, else the state they are in now.
  std::vector<ProblemCount> problems;
  // Not solved by the span's last day, whenever raised: past their due date on that day, and
  // raised more than 30 days before it (with a due date or not; the two overlap).
  std::int64_t problems_past_due = 0;
  std::int64_t problems_open_long = 0;

  struct AidLine {
    std::string item;
    std::string measure;
    std::int64_t records = 0;
    std::int64_t quantity_milli = 0;
    std::int64_t value_fen = 0;
  };
  std::vector<AidLine> aid;  // delivered within the span, by item and measure, most value first
  std::int64_t aid_records = 0;
  std::int64_t aid_value_fen = 0;
};

// Problems open this many days are "long open" in a report.
inline constexpr int kProblemLongOpenDays = 30;

// The field records of `region` and below from `from` to `to` (inclusive), and the problems
// still open on `to`.
FieldworkSummary SummarizeFieldwork(Database& database, const std::string& region,
                                    const core::Date& from, const core::Date& to,
                                    const DataScope& scope);

}  // namespace shuanglian::store
