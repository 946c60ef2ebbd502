#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace shuanglian::store {

// Keeps the 五个百 counts of every cadre and year (progress_counters) in step with the
// records, in the caller's transaction: each write of a record adds or takes back its
// contribution, so a province's progress is read from 400,000 rows instead of counted from
// ten million. Rebuild() recounts everything from the records (after a bulk load, or to
// check that the counts hold).
class ProgressLedger {
 public:
  explicit ProgressLedger(Database& database) : database_(database) {}

  // `measure` is one of core::kProgressMeasures other than households_visited.
  void Add(std::int64_t helper_id, int year, std::string_view measure, std::int64_t delta);
  // A visit's households count once per cadre and year however often they are visited:
  // delta +1 or -1 for each (cadre, household) of one visit.
  void AddVisit(const std::vector<std::int64_t>& helper_ids, int year,
                const std::vector<std::int64_t>& household_ids, int delta);
  void Rebuild();

 private:
  Database& database_;
};

}  // namespace shuanglian::store
