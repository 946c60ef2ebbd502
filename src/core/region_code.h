#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shuanglian::core {

// The six levels of the region tree. A code's length says its level: 2, 4, 6, 9, 12, 15.
enum class RegionLevel { kProvince = 1, kCity, kCounty, kTownship, kVillage, kGroup };

int CodeLength(RegionLevel level);
std::optional<RegionLevel> LevelOfCode(std::string_view code);
std::optional<RegionLevel> ParseRegionLevel(std::string_view name);  // "village", "村"...
std::string_view LevelName(RegionLevel level);                       // "village"
std::string_view LevelLabel(RegionLevel level);                      // "村"

// The code of the parent region; empty for a province.
std::string ParentCode(std::string_view code);

// Is `code` equal to `ancestor` or below it?
bool IsWithin(std::string_view code, std::string_view ancestor);

// The county (6 digits) a code of county level or below belongs to; 0 above county level.
// Every large table carries it: the distribution column of a sharded PostgreSQL.
std::int64_t CountyCodeOf(std::string_view code);

// Villages below a region, as an inclusive range of 12-digit village codes, so that
// "region X and below" is a range scan on an integer column and never a string match.
struct VillageCodeRange {
  std::int64_t low = 0;
  std::int64_t high = 0;
};
VillageCodeRange VillageRangeOf(std::string_view code);

// The smallest text after every code that starts with `code` ("620902" → "620903",
// "6299" → "63"): codes stored as text fall in [code, successor) when within it, a range
// an index serves, unlike a LIKE.
std::string CodePrefixEnd(std::string_view code);

// Same for 15-digit group codes below a region.
struct GroupCodeRange {
  std::int64_t low = 0;
  std::int64_t high = 0;
};
GroupCodeRange GroupRangeOf(std::string_view code);

// A group's code: its village's code and a three-digit sequence (001...).
std::string GroupCode(std::string_view village_code, int sequence);

}  // namespace shuanglian::core
