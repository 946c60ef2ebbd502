#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
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
  bool integrity_checked = false;                 // within kRecordsCheckedInAReport
  std::map<std::string, std::int64_t> integrity;  // findings per check, when checked
};

// Why a report cannot be made as asked: the region (unknown, not the scope's whole, a group)
// or the day (before the year); `field` names the parameter.
class ReportRefused : public std::invalid_argument {
 public:
  ReportRefused(std::string field, const std::string& message, bool not_found = false)
      : std::invalid_argument(message), field_(std::move(field)), not_found_(not_found) {}
  const std::string& field() const { return field_; }
  // The region does not exist or is not the scope's: the same answer for both.
  bool not_found() const { return not_found_; }

 private:
  std::string field_;
  bool not_found_ = false;
};

// A report runs the checks against formalism (check integrity) when its span holds at most
// this many field records (a county's: seconds on a 2-core machine); a larger region's report
// says where to look instead (check integrity, or its counties' reports).
inline constexpr std::int64_t kRecordsCheckedInAReport = 500000;

// The field records of a summary, all kinds together.
std::int64_t RecordsOf(const store::FieldworkSummary& work);

// Gathers the facts of a region for a year, as of a day. Only a scope that covers the whole
// region (an administrator, an office or a leader above it) may have its report: a unit's or
// a cadre's view of a region is not the region's report. Throws ReportRefused (a Chinese
// message) when the region does not exist, is not the scope's or is a villager group, or the
// day falls before the year.
ProgressFacts GatherProgressFacts(store::Database& database, const std::string& region_code,
                                  int year, const core::Date& as_of, const store::DataScope& scope,
                                  const core::DictionarySet& dictionaries);

// The draft of the report in the structure of the seed's four: 基本情况, 主要做法, 取得的成效,
// 存在的问题, 下一步工作打算, 需协调解决的困难. Every figure is computed; what only the
// author knows is left marked 待填写, never invented. Pure: the same facts give the same text.
Document ComposeProgressReport(const ProgressFacts& facts, const core::DictionarySet& dictionaries);

}  // namespace shuanglian::report
