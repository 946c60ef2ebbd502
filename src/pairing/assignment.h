#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace shuanglian::pairing {

// A cadre who can take households: how many they hold already and how many more the
// quota allows.
struct Cadre {
  std::int64_t id = 0;
  std::int64_t load = 0;
  std::int64_t capacity = 0;
};

// Households that are interchangeable for the cost: one village, one priority (poorer
// categories have higher priority and are served first when cadres are short).
struct HouseholdGroup {
  int village = 0;
  int priority = 0;
  std::int64_t count = 0;
};

// Who may take the households of a village: first the cadres of the units paired with the
// village, then the cadres of the township's units.
struct Problem {
  std::vector<int> township_of;  // per village
  int townships = 0;
  std::vector<Cadre> cadres;
  std::vector<std::vector<int>> village_cadres;   // per village: cadre indexes (first choice)
  std::vector<std::vector<int>> township_cadres;  // per township: cadre indexes (second choice)
  std::vector<HouseholdGroup> groups;
};

// The cost function. A household placed earns a reward, larger for higher priority (so
// every household that can be placed is, the poorest first); a household placed with a
// cadre of its township rather than of its village costs `township_cost`; and each cadre's
// k-th household costs ceil(k / load_step) × load_cost_per_step more than nothing, a convex
// cost that spreads households evenly.
struct CostModel {
  std::int64_t reward_base = 1000000;
  std::int64_t reward_per_priority = 100000;
  std::int64_t township_cost = 50;
  std::int64_t load_step = 5;
  std::int64_t load_cost_per_step = 1;

  std::int64_t Reward(int priority) const { return reward_base + reward_per_priority * priority; }
  // The cost a cadre's load of `households` carries, from the first household on.
  std::int64_t LoadCost(std::int64_t households) const;
};

// How many households of each village go to which cadre: households within a village are
// interchangeable, so the caller picks which ones.
struct Solution {
  std::int64_t cost = 0;  // the model's cost of the new assignments (rewards negative)
  std::int64_t assigned = 0;
  std::vector<std::int64_t> assigned_per_group;
  std::vector<std::vector<std::pair<int, std::int64_t>>> village_to_cadre;  // first choice
  std::vector<std::int64_t> village_to_township;                            // second choice
  std::vector<std::vector<std::pair<int, std::int64_t>>> township_to_cadre;
};

// The optimal assignment for the cost model, as a minimum-cost flow solved by LEMON's
// network simplex on an aggregated graph: one node per household group, per village, per
// township and per cadre, and one arc per step of each cadre's load.
Solution Solve(const Problem& problem, const CostModel& model);

// The same optimum from a graph with one node per household, solved by a different LEMON
// algorithm (cost scaling): the check that the aggregation loses nothing. Small instances only.
std::int64_t SolveExactly(const Problem& problem, const CostModel& model);

// The baseline: households in order of priority, each to the candidate cadre for whom it
// costs least at that moment. Returns its cost under the same model.
std::int64_t SolveGreedily(const Problem& problem, const CostModel& model);

}  // namespace shuanglian::pairing
