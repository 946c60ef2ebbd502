#include "demo/pairing_scenario.h"

#include <map>
#include <set>
#include <stdexcept>

#include "core/csv.h"
#include "core/id_number.h"
#include "core/pairing.h"
#include "core/region_code.h"
#include "core/text.h"
#include "demo/demo_table.h"
#include "demo/people.h"
#include "pairing/region_assignment.h"
#include "store/coverage_queries.h"
#include "store/household_repository.h"
#include "store/pairing_repository.h"
#include "store/pairing_store.h"
#include "store/profile_repository.h"
#include "store/region_repository.h"

namespace shuanglian::demo {

namespace {

using Table = DemoTable;

Table ReadTable(const store::DataFiles& files, const std::string& name) {
  return ReadDemoTable(files, name);
}

// Writes through the same store as an import or a form; a refusal here is a bug in the
// scenario's data, so it stops the demo with the row's reason.
class Writer {
 public:
  Writer(store::Database& database, const core::DictionarySet& dictionaries, const std::string& now)
      : store_(database, dictionaries),
        scope_(store::DataScope::System()),
        context_{0, now, scope_, "demo"} {}

  void Unit(const core::Unit& unit) { Check(store_.UpsertUnit(unit, context_), unit.name); }
  void Helper(const core::Helper& helper) {
    Check(store_.UpsertHelper(helper, context_), helper.name);
  }
  void Pair(const core::PairingInput& input) {
    Check(store_.ApplyPairing(input, context_), input.kind);
  }

 private:
  static void Check(const store::RowResult& result, const std::string& what) {
    if (result.outcome == store::RowOutcome::kRejected) {
      throw std::runtime_error("演示结对数据有误（" + what + "）：" + result.error->message);
    }
  }

  store::PairingStore store_;
  store::DataScope scope_;
  store::WriteContext context_;
};

}  // namespace

PairingScenarioResult BuildDemoPairings(store::Database& database, const store::DataFiles& files,
                                        const core::Date& start, const std::string& now,
                                        std::uint64_t seed) {
  PairingScenarioResult result;
  store::PairingRepository repository(database);
  const Table units = ReadTable(files, "units.csv");
  if (!units.empty() && repository.UnitByName(units.front().at("name"))) {
    return result;  // built before: running the demo again changes nothing
  }
  const core::DictionarySet dictionaries = store::LoadDictionaries(database);
  PeopleGenerator people(seed, start);
  std::int64_t phone_serial = 0;
  const auto next_phone = [&] { return std::to_string(13909370000LL + ++phone_serial); };
  store::Transaction transaction(database);
  Writer writer(database, dictionaries, now);
  store::CoverageQueries coverage(database);
  const std::set<std::string> poor = core::CoverageRule::Default(dictionaries).required_categories;
  std::set<std::string> taken;  // households paired by the scenario so far
  // The next poor households of a village without a helper, preferring the people the seed names.
  const auto poor_households = [&](const std::string& village, std::size_t count,
                                   const std::set<std::string>& named) {
    std::vector<std::string> picked;
    const auto candidates = coverage.Uncovered(village, poor, 0);
    for (int pass = 0; pass < 2 && picked.size() < count; ++pass) {
      for (const store::UncoveredHousehold& household : candidates) {
        if (picked.size() >= count) {
          break;
        }
        const bool is_named = named.count(household.head_name) > 0;
        if ((pass == 0) != is_named || taken.count(household.household_no) > 0) {
          continue;
        }
        taken.insert(household.household_no);
        picked.push_back(household.household_no);
      }
    }
    return picked;
  };
  const auto pair = [&](const std::string& kind, const std::string& phone, const std::string& unit,
                        const std::string& village, const std::string& group,
                        const std::string& household) {
    core::PairingInput input;
    input.kind = kind;
    input.helper_phone = phone;
    input.unit_name = unit;
    input.village_code = village;
    input.group_code = group;
    input.household_no = household;
    input.start_date = start;
    writer.Pair(input);
    ++result.pairings;
  };
  const auto helper = [&](std::string name, const std::string& kind, const std::string& unit,
                          const std::string& rank, const std::string& title,
                          const std::string& region, std::vector<std::string> flags = {}) {
    core::Helper record;
    record.name = name.empty() ? people.FullName(people.random().Chance(0.8) ? core::Sex::kMale
                                                                             : core::Sex::kFemale)
                               : std::move(name);
    record.kind = kind;
    record.unit_name = unit;
    record.rank = rank;
    record.title = title;
    record.flags = std::move(flags);
    record.phone = next_phone();
    record.region_code = region;
    writer.Helper(record);
    ++result.helpers;
    return record.phone;
  };

  // Units, their cadres, and the villages they are paired with.
  std::map<std::string, std::vector<std::string>> unit_cadres;  // unit -> cadre phones
  std::map<std::string, std::string> unit_village;
  for (const auto& row : units) {
    core::Unit unit;
    unit.name = row.at("name");
    unit.unit_type = row.at("unit_type");
    unit.affiliation = row.at("affiliation");
    unit.region_code = row.at("region_code");
    unit.leader_name = row.at("leader_name");
    writer.Unit(unit);
    ++result.units;
    const int cadres = std::stoi(row.at("cadres"));
    for (int index = 0; index < cadres; ++index) {
      unit_cadres[unit.name].push_back(
          helper("", "cadre", unit.name, "clerk", "干部", unit.region_code));
    }
    if (!row.at("village").empty()) {
      pair(row.at("pairing_kind"), "", unit.name, row.at("village"), "", "");
      unit_village[unit.name] = row.at("village");
    }
  }

  // Leaders with their villages and, for the higher ones, a few poor households.
  std::set<std::string> named_heads;
  for (const auto& row : ReadTable(files, "named_heads.csv")) {
    named_heads.insert(row.at("name"));
  }
  std::map<std::string, std::string> leader_names;  // title@region -> name, for the organisation
  for (const auto& row : ReadTable(files, "leaders.csv")) {
    const std::string phone = helper(row.at("name"), "leader", "", row.at("rank"), row.at("title"),
                                     row.at("region_code"));
    const std::string village = row.at("villages");
    pair("leader_village", phone, "", village, "", "");
    for (const std::string& household :
         poor_households(village, std::stoul(row.at("households")), named_heads)) {
      pair("leader_household", phone, "", "", "", household);
    }
  }

  store::RegionRepository regions(database);
  // 泉湖: a leading cadre or village official for each of the 86 groups.
  for (const store::Region& village : regions.Children("620902108")) {
    for (const store::Region& group : regions.Children(village.code)) {
      const std::string phone =
          helper("", "leader", "", "none", "村民小组联系干部", village.code, {"village_official"});
      pair("cadre_group", phone, "", "", group.code, "");
    }
  }

  // 甘草店镇: the city units' cadres with 161 poor households of their villages.
  std::int64_t city_households = 161;
  std::vector<std::string> city_units;
  for (const auto& row : units) {
    if (row.at("affiliation") == "city" && row.at("region_code") == "6201") {
      city_units.push_back(row.at("name"));
    }
  }
  for (std::size_t index = 0; index < city_units.size(); ++index) {
    const auto remaining_units = static_cast<std::int64_t>(city_units.size() - index);
    const std::int64_t share = (city_households + remaining_units - 1) / remaining_units;
    city_households -= share;
    const auto& cadres = unit_cadres[city_units[index]];
    const auto households = poor_households(unit_village[city_units[index]],
                                            static_cast<std::size_t>(share), named_heads);
    for (std::size_t slot = 0; slot < households.size(); ++slot) {
      pair("cadre_household", cadres[slot % cadres.size()], "", "", "", households[slot]);
    }
  }
  // 甘草店镇: 46 township cadres with 48 poor households, spread over its villages.
  const auto& township_cadres = unit_cadres["甘草店镇人民政府"];
  const auto villages = regions.Children("620123105");
  for (std::size_t slot = 0; slot < 48 && !township_cadres.empty(); ++slot) {
    const auto household = poor_households(villages[slot % villages.size()].code, 1, {});
    if (!household.empty()) {
      pair("cadre_household", township_cadres[slot % township_cadres.size()], "", "", "",
           household.front());
    }
  }
  // 甘草店镇: 13 致富带头人, one in each village, each with one poor household of it.
  for (std::size_t index = 0; index < villages.size(); ++index) {
    const bool named = villages[index].code == "620123105207";  // 王延才 of 咸水岔村
    const std::string phone =
        helper(named ? "王延才" : "", "wealthy", "", "none", "致富带头人", villages[index].code);
    const auto household = poor_households(villages[index].code, 1, {});
    if (!household.empty()) {
      pair("wealthy_household", phone, "", "", "", household.front());
    }
  }

  // Organisations, hotlines and rules.
  std::map<std::string, std::vector<store::OrganisationMember>> organisation;
  for (const auto& row : ReadTable(files, "organisation.csv")) {
    store::OrganisationMember member;
    member.region_code = row.at("region_code");
    member.role = row.at("role");
    member.name = row.at("name").empty() ? people.FullName(core::Sex::kMale) : row.at("name");
    member.title = row.at("title");
    member.phone = row.at("phone");
    member.sort_order = static_cast<int>(organisation[member.region_code].size());
    organisation[member.region_code].push_back(member);
  }
  for (const auto& [region, members] : organisation) {
    repository.ReplaceOrganisation(region, members);
  }
  store::ProfileRepository profiles(database);
  for (const auto& row : ReadTable(files, "hotlines.csv")) {
    store::RegionProfile profile = profiles.Get(row.at("region_code"));
    profile.hotline = row.at("hotline");
    profiles.Save(profile, now);
  }
  for (const auto& row : ReadTable(files, "rules.csv")) {
    core::CoverageRule rule = core::CoverageRule::Default(dictionaries);
    rule.max_households_per_cadre = std::stoll(row.at("max_households_per_cadre"));
    if (row.at("categories") == "all") {
      for (const core::DictionaryItem& item :
           dictionaries.Get(core::dict::kHouseholdCategory).items()) {
        rule.required_categories.insert(item.code);
      }
    }
    rule.village_needs_leader = row.at("village_needs_leader") == "1";
    rule.village_needs_unit = row.at("village_needs_unit") == "1";
    rule.group_needs_cadre = row.at("group_needs_cadre") == "1";
    repository.SaveRule(row.at("region_code"), rule, now);
  }

  // 泉湖's 61 township cadres and the housing bureau's cadres: by the assignment solver,
  // as an office would do it. 甘草店镇 keeps the gap its report shows.
  for (const char* region : {"620902108", "621023101208"}) {
    const pairing::AssignmentPlan plan = pairing::PlanAssignment(database, region, dictionaries);
    pairing::ApplyAssignment(database, plan, start.ToIso(), "demo", now);
    result.assigned += static_cast<std::int64_t>(plan.proposals.size());
    result.pairings += static_cast<std::int64_t>(plan.proposals.size());
  }
  transaction.Commit();
  result.built = true;
  return result;
}

}  // namespace shuanglian::demo
