#include "core/region_index.h"

#include <algorithm>

namespace shuanglian::core {

namespace {

std::int64_t ToInt(std::string_view digits) {
  std::int64_t value = 0;
  for (const char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

void RegionIndex::Add(std::string_view code) {
  const auto level = LevelOfCode(code);
  if (level) {
    codes_[static_cast<int>(*level) - 1].push_back(ToInt(code));
  }
}

void RegionIndex::Finish() {
  for (auto& codes : codes_) {
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  }
}

bool RegionIndex::Has(std::string_view code) const {
  return LevelOf(code).has_value();
}

std::optional<RegionLevel> RegionIndex::LevelOf(std::string_view code) const {
  const auto level = LevelOfCode(code);
  if (!level) {
    return std::nullopt;
  }
  const auto& codes = codes_[static_cast<int>(*level) - 1];
  if (!std::binary_search(codes.begin(), codes.end(), ToInt(code))) {
    return std::nullopt;
  }
  return level;
}

std::size_t RegionIndex::Count(RegionLevel level) const {
  return codes_[static_cast<int>(level) - 1].size();
}

}  // namespace shuanglian::core
