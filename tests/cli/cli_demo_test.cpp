// `shuanglian demo`: the three localities of the seed with the seed's figures, read back
// through `stats --json` and `profile show --json`; idempotent and deterministic
// (issue 2, item 7). Also `stats` on a village and on a group, and unknown regions.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cli/cli_test_support.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

const boost::json::value* Category(const boost::json::value& stats, const std::string& label) {
  for (const boost::json::value& category : stats.at("by_category").as_array()) {
    if (category.at("label").as_string() == label) {
      return &category;
    }
  }
  ADD_FAILURE() << "no category " << label << " in " << boost::json::serialize(stats);
  return nullptr;
}

void ExpectCategory(const boost::json::value& stats, const std::string& label,
                    std::int64_t households, std::int64_t persons) {
  const boost::json::value* category = Category(stats, label);
  ASSERT_NE(category, nullptr);
  EXPECT_EQ(IntAt(*category, "households"), households) << label;
  EXPECT_EQ(IntAt(*category, "persons"), persons) << label;
}

const boost::json::value* Mismatch(const boost::json::value& stats, const std::string& figure) {
  for (const boost::json::value& mismatch : stats.at("mismatches").as_array()) {
    if (mismatch.at("figure").as_string() == figure) {
      return &mismatch;
    }
  }
  return nullptr;
}

const boost::json::value* Figure(const boost::json::value& profile, const std::string& code) {
  for (const boost::json::value& figure : profile.at("figures").as_array()) {
    if (figure.at("figure").as_string() == code) {
      return &figure;
    }
  }
  ADD_FAILURE() << "no figure " << code;
  return nullptr;
}

ProcessResult BuildDemo(const TempDir& dir, const std::string& db) {
  // Each database gets its own work directory: demos may run side by side.
  return RunShuanglian({"demo", "--db", db, "--work-dir", dir.File("work")});
}

constexpr const char* kLocalities[] = {"620902108", "620123105", "621023101208"};

class CliDemoTest : public ::testing::Test {
 protected:
  // One demo database for the suite: building it is the slow part.
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    db_ = dir_->File("demo.db");
    build_ = std::make_unique<ProcessResult>(BuildDemo(*dir_, db_));
  }
  static void TearDownTestSuite() {
    build_.reset();
    dir_.reset();
  }
  void SetUp() override { ASSERT_EQ(build_->exit_code, 0) << build_->Describe(); }

  static std::unique_ptr<TempDir> dir_;
  static std::string db_;
  static std::unique_ptr<ProcessResult> build_;
};

std::unique_ptr<TempDir> CliDemoTest::dir_;
std::string CliDemoTest::db_;
std::unique_ptr<ProcessResult> CliDemoTest::build_;

// Several checks a test: under ctest every test is a process of its own, and each process
// builds the suite's demo database once.
TEST_F(CliDemoTest, QuanhuAndGancaodianHaveTheSeedsFigures) {
  {
    const boost::json::value stats = StatsOf(db_, "620902108");
    ASSERT_TRUE(stats.is_object());
    EXPECT_EQ(TextAt(stats.at("region"), "level"), "township");
    EXPECT_EQ(IntAt(stats, "villages"), 9);
    EXPECT_EQ(IntAt(stats, "groups"), 86);
    EXPECT_EQ(IntAt(stats, "households"), 5304);
    EXPECT_EQ(IntAt(stats, "persons"), 19834);
    const boost::json::value* subsistence = Category(stats, "低保户");
    ASSERT_NE(subsistence, nullptr);
    EXPECT_EQ(IntAt(*subsistence, "households"), 607);
    const boost::json::value* five = Category(stats, "五保户");
    ASSERT_NE(five, nullptr);
    EXPECT_EQ(IntAt(*five, "households"), 48);
    // Its declared figures agree with the records.
    EXPECT_TRUE(stats.at("mismatches").as_array().empty())
        << boost::json::serialize(stats.at("mismatches"));
  }
  {
    const boost::json::value stats = StatsOf(db_, "620123105");
    ASSERT_TRUE(stats.is_object());
    EXPECT_EQ(TextAt(stats.at("region"), "name"), "甘草店镇");
    EXPECT_EQ(IntAt(stats, "villages"), 13);
    EXPECT_EQ(IntAt(stats, "groups"), 84);
    EXPECT_EQ(IntAt(stats, "households"), 4200);
    EXPECT_EQ(IntAt(stats, "persons"), 18600);
    ExpectCategory(stats, "扶贫户", 1570, 6128);
    ExpectCategory(stats, "扶贫低保户", 138, 506);
    ExpectCategory(stats, "低保户", 548, 1716);
    ExpectCategory(stats, "五保户", 75, 76);
    EXPECT_EQ(IntAt(stats, "poor_households"), 2331);
    EXPECT_EQ(IntAt(stats, "poor_persons"), 8426);
    const boost::json::value* households = Mismatch(stats, "poor_households");
    ASSERT_NE(households, nullptr) << boost::json::serialize(stats.at("mismatches"));
    EXPECT_EQ(IntAt(*households, "declared"), 2323);
    EXPECT_EQ(IntAt(*households, "computed"), 2331);
    const boost::json::value* persons = Mismatch(stats, "poor_persons");
    ASSERT_NE(persons, nullptr) << boost::json::serialize(stats.at("mismatches"));
    EXPECT_EQ(IntAt(*persons, "declared"), 8443);
    EXPECT_EQ(IntAt(*persons, "computed"), 8426);
    // The figures that agree are not listed.
    EXPECT_EQ(Mismatch(stats, "households"), nullptr);
    EXPECT_EQ(Mismatch(stats, "persons"), nullptr);
  }
  EXPECT_NE(build_->out.find("甘草店镇（620123105）：13 个村，84 个村民小组，4200 户，18600 人"),
            std::string::npos)
      << build_->out;
  EXPECT_NE(build_->out.find(
                "黄岔村（621023101208）：1 个村，3 个村民小组，138 户，647 人，劳动力 450 人"),
            std::string::npos)
      << build_->out;
  EXPECT_NE(build_->out.find("填报 2323，记录计算 2331"), std::string::npos) << build_->out;
}

TEST_F(CliDemoTest, HuangchaItsGroupsAndTheVillagesOfATownship) {
  {
    const boost::json::value stats = StatsOf(db_, "621023101208");
    ASSERT_TRUE(stats.is_object());
    EXPECT_EQ(TextAt(stats.at("region"), "name"), "黄岔村");
    EXPECT_EQ(TextAt(stats.at("region"), "level"), "village");
    EXPECT_EQ(IntAt(stats, "villages"), 1);
    EXPECT_EQ(IntAt(stats, "groups"), 3);
    EXPECT_EQ(IntAt(stats, "households"), 138);
    EXPECT_EQ(IntAt(stats, "persons"), 647);
    EXPECT_EQ(IntAt(stats, "labour"), 450);
    EXPECT_DOUBLE_EQ(NumberAt(stats, "arable_land_mu"), 7408.0);
    EXPECT_TRUE(stats.at("mismatches").as_array().empty());

    const ProcessResult shown =
        RunShuanglian({"profile", "show", "--region", "621023101208", "--db", db_, "--json"});
    ASSERT_EQ(shown.exit_code, 0) << shown.Describe();
    const boost::json::value profile = ParseJsonOutput(shown);
    const boost::json::value* land = Figure(profile, "arable_land");
    ASSERT_NE(land, nullptr);
    EXPECT_DOUBLE_EQ(NumberAt(*land, "declared"), 7408.0);
    EXPECT_DOUBLE_EQ(NumberAt(*land, "computed"), 7408.0);
    EXPECT_FALSE(land->at("disagrees").as_bool());
    const boost::json::value* hills = Figure(profile, "barren_hills");
    ASSERT_NE(hills, nullptr);
    EXPECT_DOUBLE_EQ(NumberAt(*hills, "declared"), 15000.0);
    const boost::json::value* labour = Figure(profile, "labour");
    ASSERT_NE(labour, nullptr);
    EXPECT_EQ(IntAt(*labour, "declared"), 450);
    EXPECT_EQ(IntAt(*labour, "computed"), 450);
    EXPECT_EQ(TextAt(profile, "neighbour_east"), "城关村");
    EXPECT_EQ(TextAt(profile, "neighbour_south"), "土坪村");
    EXPECT_EQ(TextAt(profile, "neighbour_north"), "杨岔村");
  }
  {
    const std::vector<std::string> names = {"黄岔组", "庙湾组", "黄源组"};
    std::int64_t households = 0;
    std::int64_t persons = 0;
    std::int64_t labour = 0;
    for (std::size_t index = 0; index < names.size(); ++index) {
      const std::string code = "621023101208" + std::string("00") + std::to_string(index + 1);
      const boost::json::value stats = StatsOf(db_, code);
      ASSERT_TRUE(stats.is_object()) << code;
      EXPECT_EQ(TextAt(stats.at("region"), "name"), names[index]);
      EXPECT_EQ(TextAt(stats.at("region"), "level"), "group");
      EXPECT_EQ(IntAt(stats, "groups"), 1);
      EXPECT_GT(IntAt(stats, "households"), 0);
      households += IntAt(stats, "households");
      persons += IntAt(stats, "persons");
      labour += IntAt(stats, "labour");
    }
    EXPECT_EQ(households, 138);
    EXPECT_EQ(persons, 647);
    EXPECT_EQ(labour, 450);
  }
  // 蔡家沟村 of 甘草店镇: its share of the township.
  const boost::json::value village = StatsOf(db_, "620123105211");
  ASSERT_TRUE(village.is_object());
  EXPECT_EQ(TextAt(village.at("region"), "name"), "蔡家沟村");
  EXPECT_EQ(IntAt(village, "villages"), 1);
  EXPECT_GT(IntAt(village, "households"), 0);
  EXPECT_LT(IntAt(village, "households"), 4200);
  std::int64_t households = 0;
  for (int number = 201; number <= 213; ++number) {
    households += IntAt(StatsOf(db_, "620123105" + std::to_string(number)), "households");
  }
  EXPECT_EQ(households, 4200);
}

TEST_F(CliDemoTest, DemoIsDeterministicAndASecondRunChangesNothing) {
  TempDir other;
  const std::string db = other.File("again.db");
  const ProcessResult first = BuildDemo(other, db);
  ASSERT_EQ(first.exit_code, 0) << first.Describe();
  for (const char* locality : kLocalities) {
    EXPECT_EQ(boost::json::serialize(StatsOf(db, locality)),
              boost::json::serialize(StatsOf(db_, locality)))
        << locality;
  }

  const ProcessResult second = BuildDemo(other, db);
  ASSERT_EQ(second.exit_code, 0) << second.Describe();
  // 5304 + 4200 + 138 households and 19834 + 18600 + 647 people, none new.
  EXPECT_NE(second.out.find("导入家庭 9642 行（新增 0，未变 9642）"), std::string::npos)
      << second.out;
  EXPECT_NE(second.out.find("家庭成员 39081 行（新增 0，未变 39081）"), std::string::npos)
      << second.out;
  for (const char* locality : kLocalities) {
    EXPECT_EQ(boost::json::serialize(StatsOf(db, locality)),
              boost::json::serialize(StatsOf(db_, locality)))
        << locality;
  }
  const ProcessResult profile_before =
      RunShuanglian({"profile", "show", "--region", "620123105", "--db", db_, "--json"});
  const ProcessResult profile_after =
      RunShuanglian({"profile", "show", "--region", "620123105", "--db", db, "--json"});
  EXPECT_EQ(profile_before.out, profile_after.out);
}

}  // namespace
}  // namespace shuanglian::testing
