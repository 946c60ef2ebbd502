#include "pairing/coverage.h"

#include <algorithm>
#include <map>
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
  report.villages = queries.CountLevel(region_code, static_cast<int>(core::RegionLevel::kVillage));
  report.groups = queries.CountLevel(region_code, static_cast<int>(core::RegionLevel::kGroup));
  const auto without_leader = queries.VillagesWithout(region_code, {"leader_village"});
  const auto without_unit =
      queries.VillagesWithout(region_code, {"unit_village", "enterprise_village"});
  const auto without_cadre = queries.GroupsWithout(region_code, "cadre_group");
  report.villages_with_leader = report.villages - static_cast<std::int64_t>(without_leader.size());
  report.villages_with_unit = report.villages - static_cast<std::int64_t>(without_unit.size());
  report.groups_with_cadre = report.groups - static_cast<std::int64_t>(without_cadre.size());

  // Every broken rule gets its share of a cut list: a long list of households must not hide
  // a village without its leader, nor the villages hide the households.
  std::vector<std::vector<Gap>> by_rule(4);
  const auto add_regions = [&](bool wanted, const std::vector<store::RegionGap>& regions,
                               const char* rule, std::vector<Gap>& into) {
    if (!wanted) {
      return;
    }
    for (const store::RegionGap& gap : regions) {
      into.push_back(Gap{rule, gap.code, gap.name, "", "", ""});
    }
  };
  add_regions(report.rule.village_needs_leader, without_leader, "village_needs_leader", by_rule[0]);
  add_regions(report.rule.village_needs_unit, without_unit, "village_needs_unit", by_rule[1]);
  add_regions(report.rule.group_needs_cadre, without_cadre, "group_needs_cadre", by_rule[2]);
  if (gap_limit > 0) {
    for (const store::UncoveredHousehold& household :
         queries.Uncovered(region_code, categories, static_cast<std::int64_t>(gap_limit))) {
      by_rule[3].push_back(Gap{"household_coverage", household.village_code, "",
                               household.household_no, household.head_name, household.category});
    }
  }
  std::vector<std::size_t> taken(by_rule.size(), 0);
  for (std::size_t chosen = 0; chosen < gap_limit;) {
    bool any = false;
    for (std::size_t rule = 0; rule < by_rule.size() && chosen < gap_limit; ++rule) {
      if (taken[rule] < by_rule[rule].size()) {
        ++taken[rule];
        ++chosen;
        any = true;
      }
    }
    if (!any) {
      break;
    }
  }
  for (std::size_t rule = 0; rule < by_rule.size(); ++rule) {
    for (std::size_t index = 0; index < taken[rule]; ++index) {
      report.gaps.push_back(std::move(by_rule[rule][index]));
    }
  }
  // The list stops at the limit; the count is exact.
  report.gaps_total =
      static_cast<std::int64_t>(report.rule.village_needs_leader ? without_leader.size() : 0) +
      static_cast<std::int64_t>(report.rule.village_needs_unit ? without_unit.size() : 0) +
      static_cast<std::int64_t>(report.rule.group_needs_cadre ? without_cadre.size() : 0) +
      report.households_required - report.households_covered;

  // A cadre breaks the quota of the strictest region among their households' villages.
  const auto rules = store::PairingRepository(database).AllRules();
  const std::int64_t fallback = core::CoverageRule::Default(dictionaries).max_households_per_cadre;
  std::map<std::int64_t, std::int64_t> limits;
  for (const auto& [helper, village] : queries.CadreVillagesIn(region_code)) {
    const std::int64_t quota = core::QuotaAt(rules, village, fallback);
    auto [found, inserted] = limits.try_emplace(helper, quota);
    if (!inserted) {
      found->second = std::min(found->second, quota);
    }
  }
  for (const store::CadreLoad& load : queries.CadreLoadsIn(region_code)) {
    const auto limit = limits.find(load.helper_id);
    const std::int64_t quota =
        limit == limits.end() ? report.rule.max_households_per_cadre : limit->second;
    if (load.households > quota) {
      report.violations.push_back(Violation{"max_households_per_cadre", load.helper_id, load.name,
                                            load.unit_name, load.households, quota});
    }
  }
  return report;
}

}  // namespace shuanglian::pairing
