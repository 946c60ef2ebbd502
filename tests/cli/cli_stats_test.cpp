// `shuanglian stats --region CODE` on every level down to a villager group, and on codes
// that do not exist (issue 2, item 6). The demo's localities are in cli_demo_test.cpp.

#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

class CliStatsTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportSampleRegistry(db_, dir_.path().string()); }

  TempDir dir_;
  std::string db_ = dir_.File("registry.db");
};

TEST_F(CliStatsTest, EveryLevelFromProvinceToGroup) {
  // 三墩营村 (…201) has GC001 in 一组 (…201001) and GC002 in 二组 (…201002).
  const boost::json::value group = StatsOf(db_, "620123105201001");
  ASSERT_TRUE(group.is_object());
  EXPECT_EQ(TextAt(group.at("region"), "level"), "group");
  EXPECT_EQ(TextAt(group.at("region"), "name"), "一组");
  EXPECT_EQ(IntAt(group, "groups"), 1);
  EXPECT_EQ(IntAt(group, "households"), 1);
  EXPECT_EQ(IntAt(group, "persons"), 3);
  EXPECT_EQ(IntAt(group, "labour"), 2);

  const boost::json::value second = StatsOf(db_, "620123105201002");
  EXPECT_EQ(TextAt(second.at("region"), "name"), "二组");
  EXPECT_EQ(IntAt(second, "households"), 1);
  EXPECT_EQ(IntAt(second, "persons"), 2);

  const boost::json::value village = StatsOf(db_, kVillageA);
  EXPECT_EQ(TextAt(village.at("region"), "level"), "village");
  EXPECT_EQ(IntAt(village, "villages"), 1);
  EXPECT_EQ(IntAt(village, "groups"), 2);
  EXPECT_EQ(IntAt(village, "households"), 2);
  EXPECT_EQ(IntAt(village, "persons"), 5);
  EXPECT_EQ(IntAt(village, "poor_households"), 2);

  const boost::json::value township = StatsOf(db_, kTownship);
  EXPECT_EQ(IntAt(township, "villages"), 3);
  EXPECT_EQ(IntAt(township, "groups"), 4);
  EXPECT_EQ(IntAt(township, "households"), kSampleHouseholds);
  EXPECT_EQ(IntAt(township, "persons"), kSamplePersons);
  EXPECT_EQ(IntAt(township, "poor_households"), 4);  // all but 一般农户 GC004
  EXPECT_EQ(IntAt(township, "poor_persons"), kSamplePersons - 4);
  EXPECT_DOUBLE_EQ(NumberAt(township, "arable_land_mu"), 5.5 + 3 + 0 + 8.25 + 4);

  for (const std::string code : {"62", "6201", "620123"}) {
    const boost::json::value above = StatsOf(db_, code);
    EXPECT_EQ(IntAt(above, "households"), kSampleHouseholds) << code;
    EXPECT_EQ(IntAt(above, "townships"), 1) << code;
  }
  // The human form says the same.
  const ProcessResult human = RunShuanglian({"stats", "--region", kTownship, "--db", db_});
  ASSERT_EQ(human.exit_code, 0) << human.Describe();
  EXPECT_NE(human.out.find("户数 5  人口 13"), std::string::npos) << human.out;
}

TEST_F(CliStatsTest, UnknownOrMalformedRegionExitsTwoWithAMessage) {
  for (const std::string region :
       {"620123105201009", "620123105299", "620123106", "62012310599", "abc", ""}) {
    SCOPED_TRACE(region);
    const ProcessResult result =
        RunShuanglian({"stats", "--region", region, "--db", db_, "--json"});
    EXPECT_EQ(result.exit_code, 2) << result.Describe();
    EXPECT_EQ(result.signal, 0);
    EXPECT_TRUE(result.out.empty()) << result.out;
    EXPECT_NE(result.err.find(region), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("内部错误"), std::string::npos) << result.err;
  }
  const ProcessResult profile =
      RunShuanglian({"profile", "show", "--region", "620123105299", "--db", db_, "--json"});
  EXPECT_EQ(profile.exit_code, 2) << profile.Describe();
  EXPECT_NE(profile.err.find("不存在"), std::string::npos) << profile.err;
}

}  // namespace
}  // namespace shuanglian::testing
