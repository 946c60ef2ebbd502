#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "core/pairing.h"
#include "store/coverage_queries.h"
#include "store/database.h"
#include "store/region_repository.h"

namespace shuanglian::pairing {

// Something the rules want that is missing: a household without a helper, a village
// without a leader or a unit, a group without a leading cadre.
struct Gap {
  std::string
      rule;  // household_coverage, village_needs_leader, village_needs_unit, group_needs_cadre
  std::string region_code;
  std::string region_name;
  std::string household_no;
  std::string head_name;
  std::string category;
};

// A rule that the records break: a cadre holding more households than allowed.
struct Violation {
  std::string rule;  // max_households_per_cadre
  std::int64_t helper_id = 0;
  std::string helper_name;
  std::string unit_name;
  std::int64_t households = 0;
  std::int64_t limit = 0;
};

struct CoverageReport {
  store::Region region;
  core::CoverageRule rule;
  std::string rule_region;  // where the rule was set; empty: the default
  std::int64_t households_required = 0;
  std::int64_t households_covered = 0;
  std::int64_t villages = 0;
  std::int64_t villages_with_leader = 0;
  std::int64_t villages_with_unit = 0;
  std::int64_t groups = 0;
  std::int64_t groups_with_cadre = 0;
  std::vector<Gap> gaps;
  std::int64_t gaps_total = 0;  // the list holds at most `gap_limit`
  std::vector<Violation> violations;

  double HouseholdCoverage() const;
};

// Checks a region against its coverage rules. Throws std::invalid_argument when the region
// does not exist.
CoverageReport CheckCoverage(store::Database& database, const std::string& region_code,
                             const core::DictionarySet& dictionaries, std::size_t gap_limit = 1000);

}  // namespace shuanglian::pairing
