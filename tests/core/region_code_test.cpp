#include "core/region_code.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shuanglian::core {
namespace {

// Real codes of the seed document: 泉湖 (620902108), 肃州区 (620902), 酒泉市 (6209), 甘肃 (62).
constexpr const char* kProvince = "62";
constexpr const char* kCity = "6209";
constexpr const char* kCounty = "620902";
constexpr const char* kTownship = "620902108";
constexpr const char* kVillage = "620902108001";
constexpr const char* kGroup = "620902108001001";

// ---------------------------------------------------------------------------------------------
// Levels

struct LevelCase {
  std::string code;
  std::optional<RegionLevel> expected;
};

class LevelOfCodeTest : public ::testing::TestWithParam<LevelCase> {};

TEST_P(LevelOfCodeTest, LevelFromLength) {
  EXPECT_EQ(LevelOfCode(GetParam().code), GetParam().expected) << GetParam().code;
}

INSTANTIATE_TEST_SUITE_P(
    Table, LevelOfCodeTest,
    ::testing::Values(
        LevelCase{kProvince, RegionLevel::kProvince}, LevelCase{kCity, RegionLevel::kCity},
        LevelCase{kCounty, RegionLevel::kCounty}, LevelCase{kTownship, RegionLevel::kTownship},
        LevelCase{kVillage, RegionLevel::kVillage}, LevelCase{kGroup, RegionLevel::kGroup},
        LevelCase{"", std::nullopt}, LevelCase{"6", std::nullopt}, LevelCase{"620", std::nullopt},
        LevelCase{"62090", std::nullopt}, LevelCase{"6209021", std::nullopt},
        LevelCase{"62090210800", std::nullopt},       // 11 digits
        LevelCase{"6209021080011", std::nullopt},     // 13 digits
        LevelCase{"6209021080010010", std::nullopt},  // 16 digits
        LevelCase{"6a", std::nullopt}, LevelCase{"62090210800x", std::nullopt},
        LevelCase{" 62", std::nullopt}, LevelCase{"-6", std::nullopt}));

TEST(RegionLevelTest, LengthsNamesAndLabels) {
  const std::vector<std::tuple<RegionLevel, int, std::string, std::string>> table = {
      {RegionLevel::kProvince, 2, "province", "省"},
      {RegionLevel::kCity, 4, "city", "市"},
      {RegionLevel::kCounty, 6, "county", "县"},
      {RegionLevel::kTownship, 9, "township", "乡镇"},
      {RegionLevel::kVillage, 12, "village", "村"},
      {RegionLevel::kGroup, 15, "group", "村民小组"},
  };
  for (const auto& [level, length, name, label] : table) {
    EXPECT_EQ(CodeLength(level), length) << name;
    EXPECT_EQ(LevelName(level), name);
    EXPECT_EQ(LevelLabel(level), label);
    EXPECT_EQ(ParseRegionLevel(name), level) << name;
    EXPECT_EQ(ParseRegionLevel(label), level) << label;
  }
}

TEST(RegionLevelTest, UnknownLevelNames) {
  EXPECT_EQ(ParseRegionLevel(""), std::nullopt);
  EXPECT_EQ(ParseRegionLevel("town"), std::nullopt);
  EXPECT_EQ(ParseRegionLevel("Village"), std::nullopt);
  EXPECT_EQ(ParseRegionLevel("乡"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// ParentCode, IsWithin, CountyCodeOf

TEST(ParentCodeTest, WalksUpTheTree) {
  EXPECT_EQ(ParentCode(kGroup), kVillage);
  EXPECT_EQ(ParentCode(kVillage), kTownship);
  EXPECT_EQ(ParentCode(kTownship), kCounty);
  EXPECT_EQ(ParentCode(kCounty), kCity);
  EXPECT_EQ(ParentCode(kCity), kProvince);
  EXPECT_EQ(ParentCode(kProvince), "");
}

TEST(ParentCodeTest, ChainFromAGroupEndsAtTheProvinceInFiveSteps) {
  std::string code = kGroup;
  std::vector<std::string> chain;
  while (!code.empty()) {
    chain.push_back(code);
    code = ParentCode(code);
  }
  EXPECT_EQ(chain,
            (std::vector<std::string>{kGroup, kVillage, kTownship, kCounty, kCity, kProvince}));
}

TEST(ParentCodeTest, InvalidCodesHaveNoParent) {
  EXPECT_EQ(ParentCode(""), "");
  EXPECT_EQ(ParentCode("620"), "");
  EXPECT_EQ(ParentCode("62090210800"), "");
  EXPECT_EQ(ParentCode("62090210800x"), "");
}

TEST(IsWithinTest, PrefixesAndEquality) {
  EXPECT_TRUE(IsWithin(kVillage, kCounty));
  EXPECT_TRUE(IsWithin(kVillage, kProvince));
  EXPECT_TRUE(IsWithin(kGroup, kVillage));
  EXPECT_TRUE(IsWithin(kVillage, kVillage));
  EXPECT_FALSE(IsWithin(kCounty, kVillage));            // an ancestor is not within its child
  EXPECT_FALSE(IsWithin("621023101208", kCity));        // 华池县 is in 庆阳市, not 酒泉市
  EXPECT_FALSE(IsWithin("620902108002001", kVillage));  // a group of the neighbouring village
  EXPECT_FALSE(IsWithin("63", kProvince));
}

TEST(CountyCodeOfTest, FirstSixDigits) {
  EXPECT_EQ(CountyCodeOf(kGroup), 620902);
  EXPECT_EQ(CountyCodeOf(kVillage), 620902);
  EXPECT_EQ(CountyCodeOf(kTownship), 620902);
  EXPECT_EQ(CountyCodeOf(kCounty), 620902);
  EXPECT_EQ(CountyCodeOf("621023101208"), 621023);
  EXPECT_EQ(CountyCodeOf(kCity), 0);  // above county level
  EXPECT_EQ(CountyCodeOf(kProvince), 0);
  EXPECT_EQ(CountyCodeOf(""), 0);
  EXPECT_EQ(CountyCodeOf("62a902108001"), 0);
}

// ---------------------------------------------------------------------------------------------
// VillageRangeOf, GroupRangeOf, GroupCode

struct RangeCase {
  std::string code;
  std::int64_t village_low;
  std::int64_t village_high;
  std::int64_t group_low;
  std::int64_t group_high;
};

class RangeOfTest : public ::testing::TestWithParam<RangeCase> {};

TEST_P(RangeOfTest, InclusiveRanges) {
  const VillageCodeRange villages = VillageRangeOf(GetParam().code);
  EXPECT_EQ(villages.low, GetParam().village_low) << GetParam().code;
  EXPECT_EQ(villages.high, GetParam().village_high) << GetParam().code;
  const GroupCodeRange groups = GroupRangeOf(GetParam().code);
  EXPECT_EQ(groups.low, GetParam().group_low) << GetParam().code;
  EXPECT_EQ(groups.high, GetParam().group_high) << GetParam().code;
}

INSTANTIATE_TEST_SUITE_P(
    Table, RangeOfTest,
    ::testing::Values(
        RangeCase{kProvince, 620000000000, 629999999999, 620000000000000, 629999999999999},
        RangeCase{kCity, 620900000000, 620999999999, 620900000000000, 620999999999999},
        RangeCase{kCounty, 620902000000, 620902999999, 620902000000000, 620902999999999},
        RangeCase{kTownship, 620902108000, 620902108999, 620902108000000, 620902108999999},
        // A village is its own range; its groups are the 1000 codes below it.
        RangeCase{kVillage, 620902108001, 620902108001, 620902108001000, 620902108001999},
        // A group lies in its village, and is its own group range.
        RangeCase{kGroup, 620902108001, 620902108001, 620902108001001, 620902108001001}));

TEST(RangeOfTest, EveryVillageOfACountyIsInItsRangeAndNoOther) {
  const VillageCodeRange county = VillageRangeOf(kCounty);
  const VillageCodeRange township = VillageRangeOf(kTownship);
  const std::int64_t village = 620902108001;
  const std::int64_t other_county_village = 621023101208;
  EXPECT_TRUE(county.low <= village && village <= county.high);
  EXPECT_TRUE(township.low <= village && village <= township.high);
  EXPECT_FALSE(county.low <= other_county_village && other_county_village <= county.high);
}

TEST(GroupCodeTest, VillagePlusThreeDigitSequence) {
  EXPECT_EQ(GroupCode(kVillage, 1), "620902108001001");
  EXPECT_EQ(GroupCode(kVillage, 12), "620902108001012");
  EXPECT_EQ(GroupCode(kVillage, 999), "620902108001999");
  EXPECT_EQ(GroupCode("621023101208", 3), "621023101208003");
}

TEST(GroupCodeTest, IsAGroupOfItsVillage) {
  for (int sequence = 1; sequence <= 999; sequence += 97) {
    const std::string code = GroupCode(kVillage, sequence);
    EXPECT_EQ(LevelOfCode(code), RegionLevel::kGroup) << code;
    EXPECT_EQ(ParentCode(code), kVillage) << code;
    EXPECT_TRUE(IsWithin(code, kVillage)) << code;
    const GroupCodeRange range = GroupRangeOf(kVillage);
    const std::int64_t value = std::stoll(code);
    EXPECT_TRUE(range.low <= value && value <= range.high) << code;
  }
}

}  // namespace
}  // namespace shuanglian::core
