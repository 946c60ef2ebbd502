#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/dictionary.h"
#include "fieldwork/progress.h"
#include "pairing/coverage.h"
#include "report/document.h"
#include "stats/region_stats.h"
#include "store/data_scope.h"
#include "store/database.h"
#include "store/fieldwork_summary.h"
#include "store/profile_repository.h"

namespace shuanglian::report {

// Everything a progress report (进展情况汇报) of a region states, as the records give it at
// the moment of asking: the profile and the registry (基本情况), who helps whom, the year's
// field work and its 五个百, what is still wrong.
struct ProgressFacts {
  store::Region region;
  int year = 0;
  core::Date from;   // 1 January of the year
  core::Date as_of;  // the report's day: the span ends here (or on 31 December)
  store::RegionProfile profile;
  stats::RegionStats stats;
  std::vector<stats::ChildTotals> children;
  pairing::CoverageReport coverage;
  fieldwork::ProgressReport progress;
  store::FieldworkSummary fieldwork;
  std::map<std::string, std::int64_t> integrity;  // findings per check
};

// Gathers the facts of a region for a year, as of a day. Only a scope that covers the whole
// region (an administrator, an office or a leader above it) may have its report: a unit's or
// a cadre's view of a region is not the region's report. Throws std::invalid_argument (a
// Chinese message) when the region does not exist or is not the scope's, or the day falls
// before the year.
ProgressFacts GatherProgressFacts(store::Database& database, const std::string& region_code,
                                  int year, const core::Date& as_of, const store::DataScope& scope,
                                  const core::DictionarySet& dictionaries);

// The draft of the report in the structure of the seed's four: 基本情况, 主要做法, 取得的成效,
// 存在的问题, 下一步工作打算, 需协调解决的困难. Every figure is computed; what only the
// author knows is left marked 待填写, never invented. Pure: the same facts give the same text.
Document ComposeProgressReport(const ProgressFacts& facts, const core::DictionarySet& dictionaries);

}  // namespace shuanglian::report
