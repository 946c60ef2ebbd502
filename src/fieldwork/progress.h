#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/progress.h"
#include "store/data_scope.h"
#include "store/database.h"
#include "store/progress_repository.h"

namespace shuanglian::fieldwork {

struct CadreProgress {
  store::CadreProgressRow cadre;
  bool behind_pace = false;
};

// The cadres of a group (a unit, a child region) together.
struct ProgressRollup {
  std::string key;  // a unit's id or a region's code; "" for "none" / the region itself
  std::string name;
  std::int64_t cadres = 0;
  std::int64_t behind_pace = 0;
  core::ProgressCounts totals;
};

struct ProgressOptions {
  bool behind_only = false;  // list only the cadres behind pace
  std::int64_t offset = 0;
  std::int64_t limit = 0;  // 0: every cadre
};

struct ProgressReport {
  std::string region_code;
  std::string region_name;
  int year = 0;
  core::ProgressTargets targets;
  std::string targets_from;       // where the targets were set; empty: the defaults
  core::ProgressCounts expected;  // by today, for each cadre
  ProgressRollup all;
  std::vector<ProgressRollup> by_unit;
  std::vector<ProgressRollup> by_region;  // the region's children
  std::vector<CadreProgress> cadres;      // the page asked for, in helper id order
  std::int64_t cadres_listed_total = 0;   // all that match (behind_only or not)
};

// The 五个百 of every cadre of a region for a year, against the targets and against the pace
// expected by `today`; rolled up by unit and by child region. Reads the counts kept with
// every write, so a province costs one pass over its cadres. Throws std::invalid_argument
// when the region does not exist.
ProgressReport ComputeProgress(store::Database& database, const std::string& region_code, int year,
                               const core::Date& today, const store::DataScope& scope,
                               const ProgressOptions& options = {});

}  // namespace shuanglian::fieldwork
