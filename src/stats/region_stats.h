#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "store/database.h"
#include "store/region_repository.h"

namespace shuanglian::stats {

struct CategoryFigures {
  std::string code;
  std::string label;
  bool poor = false;
  std::int64_t households = 0;
  std::int64_t persons = 0;
};

// A figure a person declared that the records do not bear out.
struct Mismatch {
  std::string region_code;
  std::string region_name;
  std::string figure;
  std::string label;
  std::string unit;
  int scale = 0;  // decimals of declared and computed
  std::int64_t declared = 0;
  std::int64_t computed = 0;
  std::string source;
};

// Everything `stats` says of a region and all below it, computed from the records at the
// moment of asking.
struct RegionStats {
  store::Region region;
  std::int64_t townships = 0;
  std::int64_t villages = 0;
  std::int64_t groups = 0;
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t labour = 0;
  std::int64_t poor_households = 0;
  std::int64_t poor_persons = 0;
  std::int64_t arable_land_centimu = 0;
  std::optional<std::int64_t> per_capita_income_fen;
  std::int64_t households_with_member_mismatch = 0;
  std::vector<CategoryFigures> by_category;
  std::vector<Mismatch> mismatches;
};

// Throws std::invalid_argument (Chinese message) when the region does not exist.
RegionStats ComputeRegionStats(store::Database& database, const std::string& region_code,
                               const core::DictionarySet& dictionaries);

}  // namespace shuanglian::stats

namespace shuanglian::stats {

// The value the records give for a figure of the `figure` dictionary, for the region the
// stats are of; nothing for figures the records cannot compute (altitude, rainfall ...).
std::optional<std::int64_t> ComputedFigure(const RegionStats& stats, const std::string& figure);

// Counts must agree exactly; land and money are declared rounded ("约7408亩"), so a scaled
// figure within 1% of the records is not flagged.
bool FigureDisagrees(std::int64_t declared, std::int64_t computed, int scale);

}  // namespace shuanglian::stats

namespace shuanglian::stats {

// One child region's totals, for a chart by village or township.
struct ChildTotals {
  store::Region region;
  std::int64_t villages = 0;
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t poor_households = 0;
  std::int64_t poor_persons = 0;
};

// The totals of every child of a region, from the same one scan as ComputeRegionStats.
std::vector<ChildTotals> ComputeChildTotals(store::Database& database,
                                            const std::string& region_code,
                                            const core::DictionarySet& dictionaries);

}  // namespace shuanglian::stats
