#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace shuanglian::store {

// Households of one village and one 户属性, summed.
struct VillageCategoryTotals {
  std::string village_code;
  std::string category;
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t labour = 0;
  std::int64_t arable_land_centimu = 0;
  std::int64_t income_fen_times_persons = 0;  // Σ per-capita income × members, for a weighted mean
  std::int64_t income_persons = 0;
  std::int64_t member_mismatches = 0;  // households whose declared size differs from the records
};

struct DeclaredFigure {
  std::string region_code;
  std::string figure;
  std::int64_t value = 0;
  std::string source;
};

// The aggregates behind `stats` and the dashboard: one grouped scan of the households of a
// region (an integer range of village codes), rolled up by the caller.
class StatsRepository {
 public:
  explicit StatsRepository(Database& database) : database_(database) {}

  // For a group code, only that group's households.
  std::vector<VillageCategoryTotals> VillageTotals(const std::string& region_code);
  // Number of regions of each level (4 township .. 6 group) under the region.
  std::vector<std::pair<std::string, std::int64_t>> GroupCounts(const std::string& region_code);
  std::vector<DeclaredFigure> DeclaredFigures(const std::string& region_code);

 private:
  Database& database_;
};

}  // namespace shuanglian::store
