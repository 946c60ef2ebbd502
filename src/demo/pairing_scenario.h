#pragma once

#include <string>

#include "core/date.h"
#include "store/database.h"
#include "store/reference_data.h"

namespace shuanglian::demo {

struct PairingScenarioResult {
  bool built = false;  // false: the demo's pairings were there already
  std::int64_t units = 0;
  std::int64_t helpers = 0;
  std::int64_t pairings = 0;
  std::int64_t assigned = 0;  // households paired by the assignment solver
};

// The pairings of the seed (四个一), data/demo/{units,leaders,organisation,rules,hotlines}.csv:
// 泉湖's 21 departments and 12 section-level leaders with its 9 villages, 86 leading cadres
// with its 86 groups and 61 township cadres covering every household (by the assignment
// solver, at most 100 each); 甘草店镇's leaders, city, county and township units, enterprises
// and 致富带头人 as the report counts them, leaving its real 2012 gap; 黄岔村 and the county
// housing bureau. Run once: a database that has them already is left alone.
PairingScenarioResult BuildDemoPairings(store::Database& database, const store::DataFiles& files,
                                        const core::Date& start, const std::string& now,
                                        std::uint64_t seed);

}  // namespace shuanglian::demo
