// The pairing commands of the real binary (issue 6): `check coverage`, `assign`, `cards`,
// `rules`, and the import of units, helpers and pairings.
//
// The demo database is built once per test program (SetUpTestSuite), and under ctest every
// test is a program of its own: the demo's checks are gathered in two tests, the one that
// changes the database working on a copy.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "store/database.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kQuanhu = "620902108";
constexpr const char* kGancaodian = "620123105";
constexpr const char* kHuangcha = "621023101208";

boost::json::value CoverageOf(const std::string& db, const std::string& region) {
  const ProcessResult result =
      RunShuanglian({"check", "coverage", "--region", region, "--db", db, "--json"});
  if (result.exit_code != 0) {
    ADD_FAILURE() << "check coverage " << region << ": " << result.Describe();
    return nullptr;
  }
  return ParseJsonOutput(result);
}

boost::json::value AssignOf(const std::string& db, const std::string& region, bool dry_run) {
  std::vector<std::string> arguments = {"assign", "--region", region, "--db", db, "--json"};
  if (dry_run) {
    arguments.push_back("--dry-run");
  }
  const ProcessResult result = RunShuanglian(arguments);
  if (result.exit_code != 0) {
    ADD_FAILURE() << "assign " << region << ": " << result.Describe();
    return nullptr;
  }
  return ParseJsonOutput(result);
}

// The household numbers printed on the cards of an HTML file, one per card.
std::vector<std::string> CardHouseholds(const std::string& html) {
  std::vector<std::string> numbers;
  const std::string card = "<div class=\"card\">";
  for (std::size_t at = html.find(card); at != std::string::npos; at = html.find(card, at + 1)) {
    const std::size_t end = html.find(card, at + 1);
    const std::string text =
        html.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const std::string marker = "户编号 ";
    const std::size_t number = text.find(marker);
    if (number == std::string::npos) {
      numbers.emplace_back();
      continue;
    }
    const std::size_t begin = number + marker.size();
    numbers.push_back(text.substr(begin, text.find("）", begin) - begin));
  }
  return numbers;
}

void CopyDatabase(const std::string& from, const std::string& to) {
  std::filesystem::copy_file(from, to);
  for (const char* suffix : {"-wal", "-shm"}) {
    if (std::filesystem::exists(from + suffix)) {
      std::filesystem::copy_file(from + suffix, to + suffix);
    }
  }
}

class CliPairingDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    db_ = dir_->File("demo.db");
    build_ = std::make_unique<ProcessResult>(
        RunShuanglian({"demo", "--db", db_, "--work-dir", dir_->File("work")}));
  }
  static void TearDownTestSuite() {
    build_.reset();
    dir_.reset();
  }
  void SetUp() override { ASSERT_EQ(build_->exit_code, 0) << build_->Describe(); }

  static std::unique_ptr<TempDir> dir_;
  static std::string db_;
  static std::unique_ptr<ProcessResult> build_;
  TempDir own_;
};

std::unique_ptr<TempDir> CliPairingDemoTest::dir_;
std::string CliPairingDemoTest::db_;
std::unique_ptr<ProcessResult> CliPairingDemoTest::build_;

TEST_F(CliPairingDemoTest, CoverageAndCardsOfTheSeed) {
  // 泉湖: every household covered by its 61 cadres (the rule there covers all categories).
  const boost::json::value quanhu = CoverageOf(db_, kQuanhu);
  ASSERT_TRUE(quanhu.is_object());
  for (const char* key : {"households_required", "households_covered", "coverage", "gaps",
                          "violations", "max_households_per_cadre"}) {
    EXPECT_TRUE(quanhu.as_object().contains(key)) << key;
  }
  EXPECT_EQ(IntAt(quanhu, "households_required"), 5304);
  EXPECT_EQ(IntAt(quanhu, "households_covered"), 5304);
  EXPECT_DOUBLE_EQ(NumberAt(quanhu, "coverage"), 1.0);
  EXPECT_EQ(IntAt(quanhu, "max_households_per_cadre"), 100);
  EXPECT_TRUE(quanhu.at("gaps").as_array().empty()) << boost::json::serialize(quanhu.at("gaps"));
  EXPECT_TRUE(quanhu.at("violations").as_array().empty());
  EXPECT_EQ(IntAt(quanhu, "villages_with_leader"), IntAt(quanhu, "villages"));
  EXPECT_EQ(IntAt(quanhu, "groups_with_cadre"), 86);
  const ProcessResult text = RunShuanglian({"check", "coverage", "--region", kQuanhu, "--db", db_});
  ASSERT_EQ(text.exit_code, 0) << text.Describe();
  EXPECT_NE(text.out.find("须覆盖 5304 户，已覆盖 5304 户"), std::string::npos) << text.out;

  // 甘草店镇: the 2012 gap, 235 of its 2,331 poor households.
  const boost::json::value gancaodian = CoverageOf(db_, kGancaodian);
  ASSERT_TRUE(gancaodian.is_object());
  EXPECT_EQ(IntAt(gancaodian, "households_required"), 2331);
  EXPECT_EQ(IntAt(gancaodian, "households_covered"), 235);
  EXPECT_NEAR(NumberAt(gancaodian, "coverage"), 235.0 / 2331.0, 1e-9);
  EXPECT_EQ(IntAt(gancaodian, "max_households_per_cadre"), 100);
  EXPECT_GE(IntAt(gancaodian, "gaps_total"), 2331 - 235);
  std::int64_t household_gaps = 0;
  for (const boost::json::value& gap : gancaodian.at("gaps").as_array()) {
    const std::string rule = TextAt(gap, "rule");
    if (rule == "household_coverage") {
      ++household_gaps;
      ASSERT_TRUE(gap.as_object().contains("household")) << boost::json::serialize(gap);
      EXPECT_TRUE(TextAt(gap.at("household"), "village_code").starts_with(kGancaodian))
          << boost::json::serialize(gap);
      EXPECT_FALSE(TextAt(gap.at("household"), "household_no").empty());
    }
  }
  // The list may stop at its limit; it lists at least part of the households.
  EXPECT_GT(household_gaps, 0);
  EXPECT_LE(household_gaps, 2331 - 235);

  // Cards of 甘草店镇: one per covered household, each household once.
  const std::string html = own_.File("gancaodian.html");
  const ProcessResult cards =
      RunShuanglian({"cards", "--region", kGancaodian, "-o", html, "--db", db_});
  ASSERT_EQ(cards.exit_code, 0) << cards.Describe();
  const std::vector<std::string> numbers = CardHouseholds(ReadFileBytes(html));
  EXPECT_EQ(static_cast<std::int64_t>(numbers.size()), IntAt(gancaodian, "households_covered"));
  EXPECT_EQ(std::set<std::string>(numbers.begin(), numbers.end()).size(), numbers.size());
  EXPECT_NE(cards.out.find("连心卡 235 张"), std::string::npos) << cards.out;
  // The township's 24-hour number is on the cards.
  EXPECT_NE(ReadFileBytes(html).find("0931-5320001"), std::string::npos);

  // 泉湖: all 5,304 households have a card.
  const std::string quanhu_html = own_.File("quanhu.html");
  const ProcessResult quanhu_cards =
      RunShuanglian({"cards", "--region", kQuanhu, "-o", quanhu_html, "--db", db_});
  ASSERT_EQ(quanhu_cards.exit_code, 0) << quanhu_cards.Describe();
  const std::vector<std::string> quanhu_numbers = CardHouseholds(ReadFileBytes(quanhu_html));
  EXPECT_EQ(quanhu_numbers.size(), 5304u);
  EXPECT_EQ(std::set<std::string>(quanhu_numbers.begin(), quanhu_numbers.end()).size(), 5304u);

  // A PDF of 黄岔村's cards, printed by Chromium.
  const boost::json::value huangcha = CoverageOf(db_, kHuangcha);
  ASSERT_TRUE(huangcha.is_object());
  const std::string pdf = own_.File("huangcha.pdf");
  const ProcessResult printed =
      RunShuanglian({"cards", "--region", kHuangcha, "-o", pdf, "--db", db_});
  ASSERT_EQ(printed.exit_code, 0) << printed.Describe();
  EXPECT_EQ(ReadFileBytes(pdf).substr(0, 4), "%PDF");
  EXPECT_FALSE(std::filesystem::exists(pdf + ".html"));
  EXPECT_NE(
      printed.out.find("连心卡 " + std::to_string(IntAt(huangcha, "households_covered")) + " 张"),
      std::string::npos)
      << printed.out;
}

TEST_F(CliPairingDemoTest, AssignDryRunChangesNothingThenAssignRaisesCoverage) {
  const std::string db = own_.File("demo.db");
  CopyDatabase(db_, db);
  const boost::json::value before = CoverageOf(db, kGancaodian);
  ASSERT_TRUE(before.is_object());
  const std::int64_t covered = IntAt(before, "households_covered");
  const std::int64_t required = IntAt(before, "households_required");

  const boost::json::value proposal = AssignOf(db, kGancaodian, true);
  ASSERT_TRUE(proposal.is_object());
  EXPECT_FALSE(proposal.at("applied").as_bool());
  const std::int64_t proposed = IntAt(proposal, "proposed");
  EXPECT_EQ(IntAt(proposal, "uncovered"), required - covered);
  EXPECT_EQ(proposed + IntAt(proposal, "unplaced"), IntAt(proposal, "uncovered"));
  EXPECT_GT(proposed, 0);
  // Never over the quota: no cadre receives more than the rule allows.
  std::map<std::int64_t, std::int64_t> per_helper;
  for (const boost::json::value& entry : proposal.at("proposals").as_array()) {
    ++per_helper[IntAt(entry.at("helper"), "id")];
  }
  for (const auto& [helper, count] : per_helper) {
    EXPECT_LE(count, IntAt(proposal, "max_households_per_cadre")) << helper;
  }
  // The dry run stored nothing.
  EXPECT_EQ(IntAt(CoverageOf(db, kGancaodian), "households_covered"), covered);

  const boost::json::value applied = AssignOf(db, kGancaodian, false);
  ASSERT_TRUE(applied.is_object());
  EXPECT_TRUE(applied.at("applied").as_bool());
  EXPECT_EQ(IntAt(applied, "proposed"), proposed);
  // The same data gives the same plan.
  EXPECT_EQ(TextAt(applied, "plan_id"), TextAt(proposal, "plan_id"));

  const boost::json::value after = CoverageOf(db, kGancaodian);
  ASSERT_TRUE(after.is_object());
  EXPECT_EQ(IntAt(after, "households_covered"), covered + proposed);
  EXPECT_GT(NumberAt(after, "coverage"), NumberAt(before, "coverage"));
  EXPECT_TRUE(after.at("violations").as_array().empty())
      << boost::json::serialize(after.at("violations"));

  // Nothing is left to propose that could be placed.
  const boost::json::value again = AssignOf(db, kGancaodian, true);
  ASSERT_TRUE(again.is_object());
  EXPECT_EQ(IntAt(again, "proposed"), 0);
  EXPECT_EQ(IntAt(again, "uncovered"), IntAt(proposal, "unplaced"));
  // 泉湖 was complete before: nothing to do there.
  EXPECT_EQ(IntAt(AssignOf(db, kQuanhu, true), "proposed"), 0);
}

// ---------------------------------------------------------------------------------------------
// Without the demo: the small region tree of the fixtures.

class CliPairingTest : public ::testing::Test {
 protected:
  void SetUp() override { ImportSmallRegions(db_); }

  std::string Write(const std::string& name, const std::vector<Row>& rows) {
    const std::string path = dir_.File(name);
    WriteFileBytes(path, CsvText(rows));
    return path;
  }

  TempDir dir_;
  std::string db_ = dir_.File("registry.db");
};

TEST_F(CliPairingTest, CardsWantHtmlOrPdf) {
  const std::string output = dir_.File("cards.txt");
  const ProcessResult result =
      RunShuanglian({"cards", "--region", kGancaodian, "-o", output, "--db", db_});
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find(".html"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(".pdf"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(output));
  EXPECT_FALSE(std::filesystem::exists(output + ".html"));
}

TEST_F(CliPairingTest, CardsAsPdfToAPathWithAQuote) {
  // An ordinary file name may hold an apostrophe.
  const std::string pdf = dir_.File("it's cards.pdf");
  const ProcessResult result =
      RunShuanglian({"cards", "--region", kGancaodian, "-o", pdf, "--db", db_});
  // Regression (fixed): cards -o with a quote in the path fails (exit 2, "PDF failed").
  // CardsCommand pastes the path between single quotes into a std::system() shell command,
  // which also lets a crafted path run shell commands.
  EXPECT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_EQ(ReadFileBytes(pdf).substr(0, 4), "%PDF");
}

TEST_F(CliPairingTest, CardsOfAnUnknownRegionAreRefused) {
  const std::string output = dir_.File("cards.html");
  const ProcessResult result =
      RunShuanglian({"cards", "--region", "620123199", "-o", output, "--db", db_});
  EXPECT_EQ(result.exit_code, 2) << result.Describe();
  EXPECT_NE(result.err.find("620123199"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(output));
}

TEST_F(CliPairingTest, UnknownRegionsAreRefused) {
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"check", "coverage"}, std::vector<std::string>{"assign"},
        std::vector<std::string>{"rules", "show"}}) {
    std::vector<std::string> arguments = command;
    arguments.insert(arguments.end(), {"--region", "620123199", "--db", db_});
    const ProcessResult result = RunShuanglian(arguments);
    EXPECT_EQ(result.exit_code, 2) << command[0] << ": " << result.Describe();
    EXPECT_NE(result.err.find("620123199"), std::string::npos) << result.err;
  }
}

TEST_F(CliPairingTest, RulesRefuseBadValuesAndKeepWhatWasThere) {
  const auto rules = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> arguments = {"rules", "set", "--region", kGancaodian, "--db", db_};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return RunShuanglian(arguments);
  };
  const ProcessResult zero = rules({"--max-households", "0"});
  EXPECT_EQ(zero.exit_code, 2) << zero.Describe();
  EXPECT_NE(zero.err.find("max-households"), std::string::npos) << zero.err;
  EXPECT_TRUE(zero.out.empty()) << zero.out;
  const ProcessResult too_many = rules({"--max-households", "1001"});
  EXPECT_EQ(too_many.exit_code, 2) << too_many.Describe();
  const ProcessResult category = rules({"--categories", "扶贫户,富裕户"});
  EXPECT_EQ(category.exit_code, 2) << category.Describe();
  EXPECT_NE(category.err.find("富裕户"), std::string::npos) << category.err;
  const ProcessResult flag = rules({"--require", "village_needs_leader=maybe"});
  EXPECT_EQ(flag.exit_code, 2) << flag.Describe();
  const ProcessResult unknown = rules({"--require", "village_needs_school=yes"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.Describe();
  EXPECT_NE(unknown.err.find("village_needs_school"), std::string::npos) << unknown.err;

  // None of these stored a rule: the default still applies, set nowhere.
  const ProcessResult show = RunShuanglian({"rules", "show", "--region", kGancaodian, "--db", db_});
  ASSERT_EQ(show.exit_code, 0) << show.Describe();
  const boost::json::value shown = ParseJsonOutput(show);
  EXPECT_EQ(IntAt(shown, "max_households_per_cadre"), 100);
  EXPECT_TRUE(shown.at("set_at").is_null());
  EXPECT_TRUE(shown.at("village_needs_leader").as_bool());

  // A good setting is stored and applies below the township too.
  const ProcessResult good = rules({"--max-households", "30", "--categories", "扶贫户,低保户",
                                    "--require", "group_needs_cadre=no"});
  ASSERT_EQ(good.exit_code, 0) << good.Describe();
  const ProcessResult village =
      RunShuanglian({"rules", "show", "--region", kVillageA, "--db", db_});
  ASSERT_EQ(village.exit_code, 0) << village.Describe();
  const boost::json::value inherited = ParseJsonOutput(village);
  EXPECT_EQ(IntAt(inherited, "max_households_per_cadre"), 30);
  EXPECT_EQ(TextAt(inherited, "set_at"), kGancaodian);
  EXPECT_FALSE(inherited.at("group_needs_cadre").as_bool());
  std::set<std::string> categories;
  for (const boost::json::value& code : inherited.at("required_categories").as_array()) {
    categories.emplace(code.as_string());
  }
  EXPECT_EQ(categories, (std::set<std::string>{"poverty", "subsistence"}));
  const boost::json::value coverage = CoverageOf(db_, kGancaodian);
  EXPECT_EQ(IntAt(coverage, "max_households_per_cadre"), 30);
}

TEST_F(CliPairingTest, ImportRowsNamingUnknownUnitsHelpersOrHouseholdsAreReported) {
  const std::string households = dir_.File("households.csv");
  WriteFileBytes(households, SampleHouseholdsCsv());
  ASSERT_EQ(ImportFile(db_, "households", households).exit_code, 0);

  // Units: the second names a parent nobody registered.
  const ProcessResult units = ImportFile(
      db_, "units",
      Write("units.csv", {{"单位名称", "单位类型", "隶属关系", "上级单位", "所在区划代码"},
                          {"兰州市教育局", "国家机关", "市", "", "6201"},
                          {"兰州市某某中心", "事业单位", "市", "兰州市不存在局", "6201"}}));
  EXPECT_EQ(units.exit_code, 3) << units.Describe();
  const boost::json::value units_summary = ParseJsonOutput(units);
  EXPECT_EQ(IntAt(units_summary, "imported"), 1);
  EXPECT_EQ(IntAt(units_summary, "rejected"), 1);
  const auto unit_errors = ErrorsOf(units_summary);
  EXPECT_NE(FindError(unit_errors, 3, "上级单位", "unknown_unit"), nullptr)
      << DescribeErrors(unit_errors);

  // Helpers: the second belongs to a unit nobody registered.
  const ProcessResult helpers =
      ImportFile(db_, "helpers",
                 Write("helpers.csv", {{"姓名", "类别", "所在单位", "联系电话"},
                                       {"王干部", "帮扶干部", "兰州市教育局", "13900000001"},
                                       {"李干部", "帮扶干部", "兰州市不存在局", "13900000002"}}));
  EXPECT_EQ(helpers.exit_code, 3) << helpers.Describe();
  const auto helper_errors = ErrorsOf(ParseJsonOutput(helpers));
  EXPECT_NE(FindError(helper_errors, 3, "所在单位", "unknown_unit"), nullptr)
      << DescribeErrors(helper_errors);

  // Pairings, filled into the command's own template: an unknown helper (by phone) on row 3,
  // an unknown household on row 4.
  const std::string pairings_file = dir_.File("pairings.csv");
  const ProcessResult template_result =
      RunShuanglian({"template", "pairings", "-o", pairings_file, "--db", db_});
  ASSERT_EQ(template_result.exit_code, 0) << template_result.Describe();
  // 结对类型, 帮扶人电话, 帮扶单位, 村代码, 村民小组代码, 户编号, 开始日期, 备注
  WriteFileBytes(pairings_file,
                 ReadFileBytes(pairings_file) +
                     CsvText({{"干部联系户", "13900000001", "", "", "", "GC001", "2012-03-06", ""},
                              {"干部联系户", "13999999999", "", "", "", "GC002", "2012-03-06", ""},
                              {"干部联系户", "13900000001", "", "", "", "GC999", "2012-03-06", ""},
                              {"单位联系村", "", "兰州市教育局", kVillageA, "", "", "2012-03-06",
                               "市直单位联系村"}}));
  const ProcessResult pairings = ImportFile(db_, "pairings", pairings_file);
  EXPECT_EQ(pairings.exit_code, 3) << pairings.Describe();
  const boost::json::value summary = ParseJsonOutput(pairings);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(IntAt(summary, "rows"), 4);
  EXPECT_EQ(IntAt(summary, "imported"), 2);
  EXPECT_EQ(IntAt(summary, "rejected"), 2);
  const auto errors = ErrorsOf(summary);
  EXPECT_EQ(errors.size(), 2u) << DescribeErrors(errors);
  const ReportedError* helper = FindError(errors, 3, "帮扶人电话", "unknown_helper");
  ASSERT_NE(helper, nullptr) << DescribeErrors(errors);
  EXPECT_NE(helper->message.find("13999999999"), std::string::npos) << helper->message;
  const ReportedError* household = FindError(errors, 4, "户编号", "unknown_household");
  ASSERT_NE(household, nullptr) << DescribeErrors(errors);
  EXPECT_NE(household->message.find("GC999"), std::string::npos) << household->message;

  // Only the two good rows were stored.
  {
    auto database = store::OpenDatabase(db_);
    EXPECT_EQ(database->Query("SELECT count(*) FROM pairings")[0].Int(0), 2);
    EXPECT_EQ(
        database->Query("SELECT count(*) FROM pairings WHERE kind = 'cadre_household'")[0].Int(0),
        1);
    EXPECT_EQ(database->Query("SELECT count(*) FROM helpers")[0].Int(0), 1);
    EXPECT_EQ(database->Query("SELECT count(*) FROM units")[0].Int(0), 1);
  }
  // GC001 is covered; GC002 (低保户) is still a gap.
  const boost::json::value coverage = CoverageOf(db_, kGancaodian);
  ASSERT_TRUE(coverage.is_object());
  EXPECT_EQ(IntAt(coverage, "households_covered"), 1);
  bool gc002 = false;
  for (const boost::json::value& gap : coverage.at("gaps").as_array()) {
    if (gap.as_object().contains("household") &&
        TextAt(gap.at("household"), "household_no") == "GC002") {
      gc002 = true;
    }
  }
  EXPECT_TRUE(gc002) << boost::json::serialize(coverage.at("gaps"));

  // Importing the same file again changes nothing and reports the same two rows.
  const ProcessResult again = ImportFile(db_, "pairings", pairings_file);
  EXPECT_EQ(again.exit_code, 3) << again.Describe();
  const boost::json::value again_summary = ParseJsonOutput(again);
  EXPECT_EQ(IntAt(again_summary, "unchanged"), 2);
  EXPECT_EQ(IntAt(again_summary, "rejected"), 2);
}

TEST_F(CliPairingTest, AssignPairsWithTheVillagesUnitWithinItsQuota) {
  const std::string households = dir_.File("households.csv");
  WriteFileBytes(households, SampleHouseholdsCsv());
  ASSERT_EQ(ImportFile(db_, "households", households).exit_code, 0);
  ASSERT_EQ(ImportFile(db_, "units",
                       Write("units.csv", {{"单位名称", "单位类型", "隶属关系", "所在区划代码"},
                                           {"兰州市教育局", "国家机关", "市", "6201"}}))
                .exit_code,
            0);
  ASSERT_EQ(
      ImportFile(db_, "helpers",
                 Write("helpers.csv", {{"姓名", "类别", "所在单位", "联系电话"},
                                       {"王干部", "帮扶干部", "兰州市教育局", "13900000001"},
                                       {"李干部", "帮扶干部", "兰州市教育局", "13900000002"}}))
          .exit_code,
      0);
  ASSERT_EQ(ImportFile(db_, "pairings",
                       Write("pairings.csv", {{"结对类型", "帮扶单位", "村代码"},
                                              {"单位联系村", "兰州市教育局", kVillageA}}))
                .exit_code,
            0);
  ASSERT_EQ(
      RunShuanglian({"rules", "set", "--region", kGancaodian, "--max-households", "1", "--db", db_})
          .exit_code,
      0);
  // Four poor households (GC001, GC002, GC003, GC005), two cadres with room for one each.
  const boost::json::value plan = AssignOf(db_, kGancaodian, false);
  ASSERT_TRUE(plan.is_object());
  EXPECT_EQ(IntAt(plan, "uncovered"), 4);
  EXPECT_EQ(IntAt(plan, "proposed"), 2);
  EXPECT_EQ(IntAt(plan, "unplaced"), 2);
  std::set<std::int64_t> helpers;
  std::set<std::string> numbers;
  for (const boost::json::value& entry : plan.at("proposals").as_array()) {
    helpers.insert(IntAt(entry.at("helper"), "id"));
    numbers.insert(TextAt(entry, "household_no"));
  }
  EXPECT_EQ(helpers.size(), 2u);
  // Every cadre can reach every village (through the township): the poorest two are served,
  // the 五保户 GC003 and the 低保户 GC002.
  EXPECT_EQ(numbers, (std::set<std::string>{"GC002", "GC003"}));
  const boost::json::value coverage = CoverageOf(db_, kGancaodian);
  EXPECT_EQ(IntAt(coverage, "households_covered"), 2);
  EXPECT_TRUE(coverage.at("violations").as_array().empty());
}

}  // namespace
}  // namespace shuanglian::testing
