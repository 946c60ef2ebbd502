#pragma once

#include <cstdint>

#include "store/database.h"
#include "store/reference_data.h"

namespace shuanglian::demo {

struct FieldworkScenarioResult {
  bool built = false;  // false: the demo's field work was there already
  std::int64_t stationed_days = 0;
  std::int64_t visits = 0;
  std::int64_t diary_entries = 0;
  std::int64_t problems = 0;
  std::int64_t suggestions = 0;
  std::int64_t aid = 0;
  std::int64_t aid_value_fen = 0;
};

// A spring of 2012 (March to May) of field work by the demo's cadres: stationed days in
// their villages, visits to their households (the 六民 and the five kinds of work), a diary,
// problems in every state of the workflow, suggestions, and the aid the seed reports
// (data/demo/aid.csv: 地膜 276 卷 and 化肥 414 袋 for 黄岔村, ...) with the cadres' own.
// A few records are made the way formalism makes them (a copied diary, a problem closed in
// minutes, twelve households in a day), so that the integrity report has something to ask.
// Deterministic for a seed; a second run changes nothing.
FieldworkScenarioResult BuildDemoFieldwork(store::Database& database, const store::DataFiles& files,
                                           std::uint64_t seed);

}  // namespace shuanglian::demo
