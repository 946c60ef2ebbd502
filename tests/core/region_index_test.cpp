#include "core/region_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/region_code.h"

namespace shuanglian::core {
namespace {

// 泉湖 and its county, city and province, a few of its villages and one group.
RegionIndex SeedIndex() {
  RegionIndex index;
  for (const char* code : {"620902108003", "62", "6209", "620902", "620902108", "620902108001",
                           "620902108002", "620902108001001", "621023101208"}) {
    index.Add(code);
  }
  index.Finish();
  return index;
}

TEST(RegionIndexTest, EmptyIndexHasNothing) {
  RegionIndex index;
  index.Finish();
  EXPECT_FALSE(index.Has("62"));
  EXPECT_FALSE(index.Has("620902108001"));
  EXPECT_EQ(index.LevelOf("62"), std::nullopt);
  EXPECT_EQ(index.Count(RegionLevel::kVillage), 0u);
}

TEST(RegionIndexTest, FindsAddedCodesAtTheirLevel) {
  const RegionIndex index = SeedIndex();
  EXPECT_EQ(index.LevelOf("62"), RegionLevel::kProvince);
  EXPECT_EQ(index.LevelOf("6209"), RegionLevel::kCity);
  EXPECT_EQ(index.LevelOf("620902"), RegionLevel::kCounty);
  EXPECT_EQ(index.LevelOf("620902108"), RegionLevel::kTownship);
  EXPECT_EQ(index.LevelOf("620902108001"), RegionLevel::kVillage);
  EXPECT_EQ(index.LevelOf("620902108003"), RegionLevel::kVillage);  // added first, unsorted
  EXPECT_EQ(index.LevelOf("621023101208"), RegionLevel::kVillage);
  EXPECT_EQ(index.LevelOf("620902108001001"), RegionLevel::kGroup);
  EXPECT_TRUE(index.Has("620902108002"));
}

TEST(RegionIndexTest, UnknownCodesAreAbsent) {
  const RegionIndex index = SeedIndex();
  EXPECT_FALSE(index.Has("63"));
  EXPECT_FALSE(index.Has("620902108004"));  // the right length, not added
  EXPECT_FALSE(index.Has("620902108000"));
  EXPECT_FALSE(index.Has("620902108001002"));  // a group that was not added
  EXPECT_FALSE(index.Has("621023"));           // the county of an added village
  EXPECT_FALSE(index.Has("62090210800"));      // not a code length
  EXPECT_FALSE(index.Has(""));
  EXPECT_FALSE(index.Has("62090210800x"));
  EXPECT_EQ(index.LevelOf("620902108004"), std::nullopt);
}

TEST(RegionIndexTest, CountsPerLevelIgnoringDuplicatesAndInvalidCodes) {
  RegionIndex index;
  index.Add("620902108001");
  index.Add("620902108001");  // duplicate
  index.Add("620902108002");
  index.Add("62090210800");   // 11 digits: ignored
  index.Add("62090210800x");  // not digits: ignored
  index.Add("");
  index.Add("62");
  index.Finish();
  EXPECT_EQ(index.Count(RegionLevel::kVillage), 2u);
  EXPECT_EQ(index.Count(RegionLevel::kProvince), 1u);
  EXPECT_EQ(index.Count(RegionLevel::kCity), 0u);
  EXPECT_EQ(index.Count(RegionLevel::kTownship), 0u);
  EXPECT_EQ(index.Count(RegionLevel::kGroup), 0u);
}

TEST(RegionIndexTest, SameDigitsAtAnotherLevelAreNotConfused) {
  // 620902 as a county must not make the 6-digit prefix of a village or the number
  // 620902 at another level exist.
  RegionIndex index;
  index.Add("620902");
  index.Finish();
  EXPECT_TRUE(index.Has("620902"));
  EXPECT_FALSE(index.Has("000000620902"));  // the same integer as a 12-digit code
  EXPECT_FALSE(index.Has("000620902"));
}

TEST(RegionIndexTest, ManyVillagesAddedInReverseOrder) {
  RegionIndex index;
  for (int sequence = 999; sequence >= 1; sequence -= 2) {
    index.Add(GroupCode("620902108", sequence));  // 9 + 3 digits: a village code
  }
  index.Finish();
  EXPECT_EQ(index.Count(RegionLevel::kVillage), 500u);
  for (int sequence = 1; sequence <= 999; ++sequence) {
    const std::string code = GroupCode("620902108", sequence);
    ASSERT_EQ(index.Has(code), sequence % 2 == 1) << code;
  }
}

}  // namespace
}  // namespace shuanglian::core
