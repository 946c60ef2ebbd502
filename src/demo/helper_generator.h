#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/region_repository.h"

namespace shuanglian::demo {

struct HelperGenerateOptions {
  std::int64_t cadres = 10000;
  std::uint64_t seed = 1;
  std::string output_dir;
  std::vector<store::Region> regions;  // a province's tree: counties, townships, villages
};

struct HelperGenerateResult {
  std::int64_t units = 0;
  std::int64_t helpers = 0;
  std::int64_t pairings = 0;
};

// Writes units.csv, helpers.csv and pairings.csv in the import format, for the assignment
// at scale: a government unit in every township and two county units per county; about
// 70% of the cadres in the township units and 30% in the county units; each county unit
// paired with a share of its county's villages, so a village's households have first-choice
// cadres there and the township's cadres as the second choice. Cadres hold no households:
// `assign` pairs them all. The same seed gives the same bytes.
HelperGenerateResult GenerateHelperFiles(const HelperGenerateOptions& options);

}  // namespace shuanglian::demo
