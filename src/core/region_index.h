#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/region_code.h"

namespace shuanglian::core {

// The codes of the regions that exist, per level, for validating import rows without a
// database round trip per row. All of China's 620,000 villages take about 5 MB.
class RegionIndex {
 public:
  void Add(std::string_view code);
  // Call once after the last Add.
  void Finish();
  bool Has(std::string_view code) const;
  std::optional<RegionLevel> LevelOf(std::string_view code) const;
  std::size_t Count(RegionLevel level) const;

 private:
  std::vector<std::int64_t> codes_[6];
};

}  // namespace shuanglian::core
