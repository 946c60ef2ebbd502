#include "api/coverage_json.h"

#include <boost/json.hpp>
#include <map>

#include "core/region_code.h"

namespace shuanglian::api {

namespace {

double Rate(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

boost::json::value RuleToJson(const core::CoverageRule& rule, const std::string& from_region) {
  boost::json::array categories;
  for (const std::string& category : rule.required_categories) {
    categories.emplace_back(category);
  }
  return boost::json::object{{"max_households_per_cadre", rule.max_households_per_cadre},
                             {"required_categories", categories},
                             {"village_needs_leader", rule.village_needs_leader},
                             {"village_needs_unit", rule.village_needs_unit},
                             {"group_needs_cadre", rule.group_needs_cadre},
                             {"set_at", from_region.empty() ? boost::json::value(nullptr)
                                                            : boost::json::value(from_region)}};
}

boost::json::value CoverageToJson(const pairing::CoverageReport& report,
                                  const core::DictionarySet& dictionaries) {
  const core::Dictionary& categories = dictionaries.Get(core::dict::kHouseholdCategory);
  boost::json::array gaps;
  for (const pairing::Gap& gap : report.gaps) {
    boost::json::object entry{{"rule", gap.rule}};
    if (!gap.household_no.empty()) {
      entry["household"] = boost::json::object{{"household_no", gap.household_no},
                                               {"head_name", gap.head_name},
                                               {"village_code", gap.region_code},
                                               {"category", gap.category},
                                               {"category_label", categories.Label(gap.category)}};
    } else {
      const auto level = core::LevelOfCode(gap.region_code);
      entry[level == core::RegionLevel::kGroup ? "group" : "village"] =
          boost::json::object{{"code", gap.region_code}, {"name", gap.region_name}};
    }
    gaps.push_back(std::move(entry));
  }
  boost::json::array violations;
  for (const pairing::Violation& violation : report.violations) {
    violations.push_back(
        boost::json::object{{"rule", violation.rule},
                            {"helper", boost::json::object{{"id", violation.helper_id},
                                                           {"name", violation.helper_name},
                                                           {"unit", violation.unit_name}}},
                            {"households", violation.households},
                            {"limit", violation.limit}});
  }
  return boost::json::object{
      {"region", boost::json::object{{"code", report.region.code},
                                     {"name", report.region.name},
                                     {"level", std::string(core::LevelName(report.region.level))}}},
      {"rules", RuleToJson(report.rule, report.rule_region)},
      {"max_households_per_cadre", report.rule.max_households_per_cadre},
      {"households_required", report.households_required},
      {"households_covered", report.households_covered},
      {"coverage", report.HouseholdCoverage()},
      {"villages", report.villages},
      {"villages_with_leader", report.villages_with_leader},
      {"villages_with_unit", report.villages_with_unit},
      {"groups", report.groups},
      {"groups_with_cadre", report.groups_with_cadre},
      {"rates",
       boost::json::object{{"households", report.HouseholdCoverage()},
                           {"village_leader", Rate(report.villages_with_leader, report.villages)},
                           {"village_unit", Rate(report.villages_with_unit, report.villages)},
                           {"group_cadre", Rate(report.groups_with_cadre, report.groups)}}},
      {"complete", report.gaps_total == 0 && report.violations.empty()},
      {"gaps_total", report.gaps_total},
      {"gaps", gaps},
      {"violations", violations}};
}

boost::json::value AssignmentToJson(const pairing::AssignmentPlan& plan,
                                    const core::DictionarySet& dictionaries, bool applied,
                                    std::size_t proposal_limit) {
  const core::Dictionary& categories = dictionaries.Get(core::dict::kHouseholdCategory);
  boost::json::array proposals;
  std::map<std::int64_t, std::int64_t> per_cadre;
  for (const pairing::Proposal& proposal : plan.proposals) {
    ++per_cadre[proposal.helper_id];
    if (proposals.size() >= proposal_limit) {
      continue;
    }
    proposals.push_back(
        boost::json::object{{"household_no", proposal.household_no},
                            {"head_name", proposal.head_name},
                            {"village_code", proposal.village_code},
                            {"category", proposal.category},
                            {"category_label", categories.Label(proposal.category)},
                            {"helper", boost::json::object{{"id", proposal.helper_id},
                                                           {"name", proposal.helper_name},
                                                           {"unit", proposal.unit_name}}},
                            {"same_village", proposal.same_village}});
  }
  return boost::json::object{
      {"region", plan.region_code},
      {"applied", applied},
      {"uncovered", plan.uncovered},
      {"proposed", static_cast<std::int64_t>(plan.proposals.size())},
      {"unplaced", plan.unplaced},
      {"cadres", plan.cadres},
      {"cadres_receiving", static_cast<std::int64_t>(per_cadre.size())},
      {"max_households_per_cadre", plan.max_households_per_cadre},
      {"cost", plan.cost},
      {"plan_id", pairing::PlanFingerprint(plan)},
      {"solve_seconds", plan.solve_seconds},
      {"greedy_cost",
       plan.greedy_cost ? boost::json::value(*plan.greedy_cost) : boost::json::value(nullptr)},
      {"exact_cost",
       plan.exact_cost ? boost::json::value(*plan.exact_cost) : boost::json::value(nullptr)},
      {"proposals_listed", static_cast<std::int64_t>(proposals.size())},
      {"proposals", proposals}};
}

}  // namespace shuanglian::api
