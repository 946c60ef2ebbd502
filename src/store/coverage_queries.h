#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "store/database.h"

namespace shuanglian::store {

struct UncoveredHousehold {
  std::int64_t id = 0;
  std::string household_no;
  std::string head_name;
  std::string village_code;
  std::string category;
};

struct RegionGap {
  std::string code;
  std::string name;
};

struct CadreLoad {
  std::int64_t helper_id = 0;
  std::string name;
  std::string unit_name;
  std::int64_t households = 0;
};

struct CandidateCadre {
  std::string place;  // a village code (first choice) or a township code (second choice)
  std::int64_t helper_id = 0;
};

// The queries behind coverage checks and the assignment: who is covered, what lacks a
// helper, who may take more.
class CoverageQueries {
 public:
  explicit CoverageQueries(Database& database) : database_(database) {}

  std::int64_t CountRequired(const std::string& region, const std::set<std::string>& categories);
  std::int64_t CountCovered(const std::string& region, const std::set<std::string>& categories);
  // Households of the required categories without an active pairing that covers them, in
  // household number order; `limit` 0 for all.
  std::vector<UncoveredHousehold> Uncovered(const std::string& region,
                                            const std::set<std::string>& categories,
                                            std::int64_t limit);
  // Villages (or groups) of the region without an active pairing of the given kinds.
  std::vector<RegionGap> VillagesWithout(const std::string& region,
                                         const std::vector<std::string>& kinds);
  std::vector<RegionGap> GroupsWithout(const std::string& region, const std::string& kind);
  std::int64_t CountLevel(const std::string& region, int level);
  // Cadres holding households of the region, with all their active quota pairings.
  std::vector<CadreLoad> CadreLoadsIn(const std::string& region);
  // The villages of each cadre's quota households (all of them, within the region or not):
  // the quota that binds a cadre is the strictest of those villages' rules.
  std::vector<std::pair<std::int64_t, std::string>> CadreVillagesIn(const std::string& region);
  // Cadres of units paired with villages of the region (place = village), and cadres of
  // the units of each township, paired with its villages or sitting in it (place = township).
  std::vector<CandidateCadre> VillageCadres(const std::string& region);
  std::vector<CandidateCadre> TownshipCadres(const std::string& region);

 private:
  Database& database_;
};

}  // namespace shuanglian::store
