#include "core/region_code.h"

#include <array>
#include <cstdio>

#include "core/text.h"

namespace shuanglian::core {

namespace {

struct LevelInfo {
  RegionLevel level;
  int length;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<LevelInfo, 6> kLevels = {{
    {RegionLevel::kProvince, 2, "province", "省"},
    {RegionLevel::kCity, 4, "city", "市"},
    {RegionLevel::kCounty, 6, "county", "县"},
    {RegionLevel::kTownship, 9, "township", "乡镇"},
    {RegionLevel::kVillage, 12, "village", "村"},
    {RegionLevel::kGroup, 15, "group", "村民小组"},
}};

const LevelInfo& Info(RegionLevel level) {
  return kLevels[static_cast<std::size_t>(level) - 1];
}

std::int64_t ToInt(std::string_view digits) {
  std::int64_t value = 0;
  for (const char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

// Pads a code to `length` digits with `fill`.
std::int64_t Padded(std::string_view code, std::size_t length, char fill) {
  std::string padded(code.substr(0, std::min(code.size(), length)));
  padded.resize(length, fill);
  return ToInt(padded);
}

}  // namespace

int CodeLength(RegionLevel level) {
  return Info(level).length;
}

std::optional<RegionLevel> LevelOfCode(std::string_view code) {
  if (!IsAsciiDigits(code)) {
    return std::nullopt;
  }
  for (const LevelInfo& info : kLevels) {
    if (static_cast<std::size_t>(info.length) == code.size()) {
      return info.level;
    }
  }
  return std::nullopt;
}

std::optional<RegionLevel> ParseRegionLevel(std::string_view name) {
  for (const LevelInfo& info : kLevels) {
    if (name == info.name || name == info.label) {
      return info.level;
    }
  }
  return std::nullopt;
}

std::string_view LevelName(RegionLevel level) {
  return Info(level).name;
}
std::string_view LevelLabel(RegionLevel level) {
  return Info(level).label;
}

std::string ParentCode(std::string_view code) {
  const auto level = LevelOfCode(code);
  if (!level || *level == RegionLevel::kProvince) {
    return {};
  }
  const RegionLevel parent = static_cast<RegionLevel>(static_cast<int>(*level) - 1);
  return std::string(code.substr(0, static_cast<std::size_t>(CodeLength(parent))));
}

bool IsWithin(std::string_view code, std::string_view ancestor) {
  return code.size() >= ancestor.size() && code.substr(0, ancestor.size()) == ancestor;
}

std::int64_t CountyCodeOf(std::string_view code) {
  if (code.size() < 6 || !IsAsciiDigits(code.substr(0, 6))) {
    return 0;
  }
  return ToInt(code.substr(0, 6));
}

VillageCodeRange VillageRangeOf(std::string_view code) {
  return {Padded(code, 12, '0'), Padded(code, 12, '9')};
}

GroupCodeRange GroupRangeOf(std::string_view code) {
  return {Padded(code, 15, '0'), Padded(code, 15, '9')};
}

std::string GroupCode(std::string_view village_code, int sequence) {
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%03d", sequence);
  return std::string(village_code) + suffix;
}

std::string CodePrefixEnd(std::string_view code) {
  std::string end(code);
  while (!end.empty() && end.back() == '9') {
    end.pop_back();
  }
  if (end.empty()) {
    return "A";  // after every digit string
  }
  ++end.back();
  return end;
}

}  // namespace shuanglian::core
