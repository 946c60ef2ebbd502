#include "pairing/region_assignment.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <map>
#include <tuple>
#include <unordered_map>

#include "core/region_code.h"
#include "store/coverage_queries.h"
#include "store/pairing_repository.h"
#include "store/sha256.h"

namespace shuanglian::pairing {

AssignmentPlan PlanAssignment(store::Database& database, const std::string& region_code,
                              const core::DictionarySet& dictionaries, const CostModel& model,
                              const PlanChecks& checks) {
  AssignmentPlan plan;
  plan.region_code = region_code;
  store::PairingRepository pairings(database);
  const core::CoverageRule rule = pairings.EffectiveRule(region_code, dictionaries);
  plan.max_households_per_cadre = rule.max_households_per_cadre;
  store::CoverageQueries queries(database);
  const auto households = queries.Uncovered(region_code, rule.required_categories, 0);
  plan.uncovered = static_cast<std::int64_t>(households.size());
  if (households.empty()) {
    return plan;
  }

  // Villages and townships as indexes; households grouped by village and category.
  Problem problem;
  std::unordered_map<std::string, int> village_index;
  std::unordered_map<std::string, int> township_index;
  std::vector<std::string> village_codes;
  std::map<std::pair<int, std::string>, std::vector<const store::UncoveredHousehold*>> grouped;
  for (const store::UncoveredHousehold& household : households) {
    auto [found, inserted] =
        village_index.emplace(household.village_code, static_cast<int>(village_codes.size()));
    if (inserted) {
      village_codes.push_back(household.village_code);
      const std::string township = household.village_code.substr(0, 9);
      auto [township_found, township_new] = township_index.emplace(township, problem.townships);
      if (township_new) {
        ++problem.townships;
      }
      problem.township_of.push_back(township_found->second);
    }
    grouped[{found->second, household.category}].push_back(&household);
  }
  const core::Dictionary& categories = dictionaries.Get(core::dict::kHouseholdCategory);
  std::vector<std::vector<const store::UncoveredHousehold*>> members;
  for (auto& [key, list] : grouped) {
    const core::DictionaryItem* item = categories.FindCode(key.second);
    const std::string priority = item != nullptr ? item->Attribute("priority") : "";
    problem.groups.push_back(HouseholdGroup{key.first, priority.empty() ? 0 : std::stoi(priority),
                                            static_cast<std::int64_t>(list.size())});
    members.push_back(std::move(list));
  }

  // The cadres who may take them, with the room their quota leaves.
  const auto loads = pairings.QuotaLoads();
  std::unordered_map<std::int64_t, int> cadre_index;
  const auto cadre = [&](std::int64_t helper_id) {
    auto [found, inserted] =
        cadre_index.emplace(helper_id, static_cast<int>(problem.cadres.size()));
    if (inserted) {
      const auto load = loads.find(helper_id);
      const std::int64_t held = load == loads.end() ? 0 : load->second;
      problem.cadres.push_back(
          Cadre{helper_id, held, std::max<std::int64_t>(0, rule.max_households_per_cadre - held)});
    }
    return found->second;
  };
  // The candidates in one order whatever order the database returned them in: their order
  // numbers the solver's cadres and its arcs, which decide between plans of equal cost.
  const auto in_order = [](std::vector<store::CandidateCadre> candidates) {
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
      return std::tie(a.place, a.helper_id) < std::tie(b.place, b.helper_id);
    });
    return candidates;
  };
  problem.village_cadres.resize(village_codes.size());
  for (const store::CandidateCadre& candidate : in_order(queries.VillageCadres(region_code))) {
    const auto village = village_index.find(candidate.place);
    if (village != village_index.end()) {
      problem.village_cadres[static_cast<std::size_t>(village->second)].push_back(
          cadre(candidate.helper_id));
    }
  }
  problem.township_cadres.resize(static_cast<std::size_t>(problem.townships));
  for (const store::CandidateCadre& candidate : in_order(queries.TownshipCadres(region_code))) {
    const auto township = township_index.find(candidate.place);
    if (township != township_index.end()) {
      auto& list = problem.township_cadres[static_cast<std::size_t>(township->second)];
      const int index = cadre(candidate.helper_id);
      if (std::find(list.begin(), list.end(), index) == list.end()) {
        list.push_back(index);
      }
    }
  }
  plan.cadres = static_cast<std::int64_t>(problem.cadres.size());

  // A cadre's room is set by the strictest quota among the villages they may take households
  // in and those of the households they hold: a township may allow fewer than its county.
  const auto rules = pairings.AllRules();
  const std::int64_t fallback = core::CoverageRule::Default(dictionaries).max_households_per_cadre;
  std::vector<std::int64_t> quota(problem.cadres.size(), INT64_MAX);
  const auto tighten = [&](int cadre_slot, std::int64_t limit) {
    auto& current = quota[static_cast<std::size_t>(cadre_slot)];
    current = std::min(current, limit);
  };
  for (std::size_t village = 0; village < village_codes.size(); ++village) {
    const std::int64_t limit = core::QuotaAt(rules, village_codes[village], fallback);
    for (const int slot : problem.village_cadres[village]) {
      tighten(slot, limit);
    }
    for (const int slot :
         problem.township_cadres[static_cast<std::size_t>(problem.township_of[village])]) {
      tighten(slot, limit);
    }
  }
  for (const auto& [helper_id, village] : queries.CadreVillagesIn(region_code)) {
    if (const auto found = cadre_index.find(helper_id); found != cadre_index.end()) {
      tighten(found->second, core::QuotaAt(rules, village, fallback));
    }
  }
  for (std::size_t slot = 0; slot < problem.cadres.size(); ++slot) {
    Cadre& entry = problem.cadres[slot];
    const std::int64_t limit =
        quota[slot] == INT64_MAX ? rule.max_households_per_cadre : quota[slot];
    entry.capacity = std::max<std::int64_t>(0, limit - entry.load);
  }

  const auto started = std::chrono::steady_clock::now();
  const Solution solution = Solve(problem, model);
  plan.solve_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  plan.cost = solution.cost;
  if (checks.greedy) {
    plan.greedy_cost = SolveGreedily(problem, model);
  }
  if (checks.exact && plan.uncovered <= kExactCheckLimit) {
    plan.exact_cost = SolveExactly(problem, model);
  }
  plan.unplaced = plan.uncovered - solution.assigned;

  // From counts to households: within a village any household may take any of its slots
  // (they cost the same), so they are handed out poorest first, in number order.
  std::vector<std::vector<const store::UncoveredHousehold*>> placed(village_codes.size());
  std::vector<std::size_t> order(problem.groups.size());
  for (std::size_t index = 0; index < order.size(); ++index) {
    order[index] = index;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return problem.groups[a].priority > problem.groups[b].priority;
  });
  for (const std::size_t group : order) {
    const auto count = static_cast<std::size_t>(solution.assigned_per_group[group]);
    auto& list = placed[static_cast<std::size_t>(problem.groups[group].village)];
    list.insert(list.end(), members[group].begin(),
                members[group].begin() + static_cast<std::ptrdiff_t>(count));
  }
  std::vector<std::int64_t> helper_ids(problem.cadres.size());
  for (const auto& [helper_id, index] : cadre_index) {
    helper_ids[static_cast<std::size_t>(index)] = helper_id;
  }
  std::vector<std::vector<const store::UncoveredHousehold*>> township_pool(
      static_cast<std::size_t>(problem.townships));
  for (std::size_t village = 0; village < village_codes.size(); ++village) {
    std::size_t next = 0;
    for (const auto& [cadre_slot, count] : solution.village_to_cadre[village]) {
      for (std::int64_t taken = 0; taken < count; ++taken) {
        const store::UncoveredHousehold* household = placed[village][next++];
        plan.proposals.push_back(
            Proposal{household->id, household->household_no, household->head_name,
                     household->category, household->village_code,
                     helper_ids[static_cast<std::size_t>(cadre_slot)], "", "", true});
      }
    }
    auto& pool = township_pool[static_cast<std::size_t>(problem.township_of[village])];
    for (std::int64_t taken = 0; taken < solution.village_to_township[village]; ++taken) {
      pool.push_back(placed[village][next++]);
    }
  }
  for (std::size_t township = 0; township < township_pool.size(); ++township) {
    std::size_t next = 0;
    for (const auto& [cadre_slot, count] : solution.township_to_cadre[township]) {
      for (std::int64_t taken = 0; taken < count; ++taken) {
        const store::UncoveredHousehold* household = township_pool[township][next++];
        plan.proposals.push_back(
            Proposal{household->id, household->household_no, household->head_name,
                     household->category, household->village_code,
                     helper_ids[static_cast<std::size_t>(cadre_slot)], "", "", false});
      }
    }
  }
  // Names for the people who read the proposal.
  std::unordered_map<std::int64_t, std::pair<std::string, std::string>> names;
  for (const store::StoredHelper& helper :
       pairings.Helpers(store::HelperFilter{}, store::DataScope::System())) {
    names[helper.id] = {helper.helper.name, helper.helper.unit_name};
  }
  for (Proposal& proposal : plan.proposals) {
    proposal.helper_name = names[proposal.helper_id].first;
    proposal.unit_name = names[proposal.helper_id].second;
  }
  std::sort(plan.proposals.begin(), plan.proposals.end(),
            [](const Proposal& a, const Proposal& b) { return a.household_no < b.household_no; });
  return plan;
}

std::string PlanFingerprint(const AssignmentPlan& plan) {
  std::string text = plan.region_code;
  for (const Proposal& proposal : plan.proposals) {
    text += ';' + std::to_string(proposal.household_id) + ':' + std::to_string(proposal.helper_id);
  }
  return store::Sha256Hex(text).substr(0, 32);
}

void ApplyAssignment(store::Database& database, const AssignmentPlan& plan,
                     const std::string& today, const std::string& created_by,
                     const std::string& now) {
  // One bulk writer (a reused statement on SQLite, COPY on PostgreSQL): a province's plan
  // opens hundreds of thousands of pairings.
  auto writer = database.BulkInsert(
      "pairings", {"county_code", "kind", "helper_id", "village_code", "household_id", "start_date",
                   "note", "created_by", "created_at"});
  for (const Proposal& proposal : plan.proposals) {
    writer->Append({core::CountyCodeOf(proposal.village_code), std::string("cadre_household"),
                    proposal.helper_id, std::stoll(proposal.village_code), proposal.household_id,
                    today, std::string("自动分配"), created_by, now});
  }
  writer->Finish();
}

}  // namespace shuanglian::pairing
