#include "pairing/coverage.h"

#include <stdexcept>

#include "core/region_code.h"
#include "store/pairing_repository.h"

namespace shuanglian::pairing {

double CoverageReport::HouseholdCoverage() const {
  return households_required == 0
             ? 1.0
             : static_cast<double>(households_covered) / static_cast<double>(households_required);
}

CoverageReport CheckCoverage(store::Database& database, const std::string& region_code,
                             const core::DictionarySet& dictionaries, std::size_t gap_limit) {
  const auto region = store::RegionRepository(database).Get(region_code);
  if (!region) {
    throw std::invalid_argument("区划代码 " + region_code + " 不存在");
  }
  CoverageReport report;
  report.region = *region;
  report.rule = store::PairingRepository(database).EffectiveRule(region_code, dictionaries,
                                                                 &report.rule_region);
  store::CoverageQueries queries(database);
  const auto& categories = report.rule.required_categories;
  report.households_required = queries.CountRequired(region_code, categories);
  report.households_covered = queries.CountCovered(region_code, categories);
  const auto add_gap = [&](Gap gap) {
    ++report.gaps_total;
    if (report.gaps.size() < gap_limit) {
      report.gaps.push_back(std::move(gap));
    }
  };
  for (const store::UncoveredHousehold& household :
       queries.Uncovered(region_code, categories, static_cast<std::int64_t>(gap_limit))) {
    add_gap(Gap{"household_coverage", household.village_code, "", household.household_no,
                household.head_name, household.category});
  }
  // The list stops at the limit; the count is exact.
  report.gaps_total = report.households_required - report.households_covered;

  report.villages = queries.CountLevel(region_code, static_cast<int>(core::RegionLevel::kVillage));
  report.groups = queries.CountLevel(region_code, static_cast<int>(core::RegionLevel::kGroup));
  const auto without_leader = queries.VillagesWithout(region_code, {"leader_village"});
  const auto without_unit =
      queries.VillagesWithout(region_code, {"unit_village", "enterprise_village"});
  const auto without_cadre = queries.GroupsWithout(region_code, "cadre_group");
  report.villages_with_leader = report.villages - static_cast<std::int64_t>(without_leader.size());
  report.villages_with_unit = report.villages - static_cast<std::int64_t>(without_unit.size());
  report.groups_with_cadre = report.groups - static_cast<std::int64_t>(without_cadre.size());
  const auto add_regions = [&](bool wanted, const std::vector<store::RegionGap>& regions,
                               const char* rule) {
    if (!wanted) {
      return;
    }
    for (const store::RegionGap& gap : regions) {
      add_gap(Gap{rule, gap.code, gap.name, "", "", ""});
    }
  };
  add_regions(report.rule.village_needs_leader, without_leader, "village_needs_leader");
  add_regions(report.rule.village_needs_unit, without_unit, "village_needs_unit");
  add_regions(report.rule.group_needs_cadre, without_cadre, "group_needs_cadre");

  for (const store::CadreLoad& load : queries.CadreLoadsIn(region_code)) {
    if (load.households > report.rule.max_households_per_cadre) {
      report.violations.push_back(Violation{"max_households_per_cadre", load.helper_id, load.name,
                                            load.unit_name, load.households,
                                            report.rule.max_households_per_cadre});
    }
  }
  return report;
}

}  // namespace shuanglian::pairing
