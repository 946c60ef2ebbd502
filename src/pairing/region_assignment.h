#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "pairing/assignment.h"
#include "store/database.h"

namespace shuanglian::pairing {

// One household to pair with one cadre.
struct Proposal {
  std::int64_t household_id = 0;
  std::string household_no;
  std::string head_name;
  std::string category;
  std::string village_code;
  std::int64_t helper_id = 0;
  std::string helper_name;
  std::string unit_name;
  bool same_village = true;  // a cadre of a unit paired with the village (else of the township)
};

struct AssignmentPlan {
  std::string region_code;
  std::int64_t uncovered = 0;  // households of the required categories without a helper
  std::int64_t unplaced = 0;   // of those, left without one: no cadre with room nearby
  std::int64_t cadres = 0;     // cadres that could take households
  std::int64_t max_households_per_cadre = 0;
  std::int64_t cost = 0;
  std::vector<Proposal> proposals;
  double solve_seconds = 0;  // the flow alone, without reading and writing the database
  // With PlanChecks: the greedy baseline's cost on the same problem, and the household-level
  // exact solver's (small problems only: nothing above kExactCheckLimit households).
  std::optional<std::int64_t> greedy_cost;
  std::optional<std::int64_t> exact_cost;
};

struct PlanChecks {
  bool greedy = false;
  bool exact = false;
};
inline constexpr std::int64_t kExactCheckLimit = 50000;

// Pairs the uncovered households of a region's required categories with cadres: those of
// the units paired with their village, then those of the township's units; never over the
// quota, poorest first, keeping every existing pairing, balancing the loads. Optimal for
// the cost model (see assignment.h). Reads only.
AssignmentPlan PlanAssignment(store::Database& database, const std::string& region_code,
                              const core::DictionarySet& dictionaries, const CostModel& model = {},
                              const PlanChecks& checks = {});

// A fingerprint of the proposals (who gets whom): a reviewed proposal is applied only when
// planning again gives the same, so nothing changed under the reviewer's eyes.
std::string PlanFingerprint(const AssignmentPlan& plan);

// Opens the proposed pairings (干部联系户, starting `today`), in the caller's transaction.
void ApplyAssignment(store::Database& database, const AssignmentPlan& plan,
                     const std::string& today, const std::string& created_by,
                     const std::string& now);

}  // namespace shuanglian::pairing
