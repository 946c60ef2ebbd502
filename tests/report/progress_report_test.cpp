// The progress report (进展情况汇报) on the hand-made world of fieldwork_world.h, on both
// backends: the year's field records summed within the user's scope (the store's), the
// facts gathered only for a scope that sees the whole region, and the draft's text: its six
// sections, the computed sentences, the warnings, the parts left for the author.

#include "report/progress_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

#include "fieldwork/world_test.h"
#include "store/fieldwork_summary.h"
#include "store/profile_repository.h"

namespace shuanglian::testing::fw {
namespace {

const core::Date kFrom{2012, 1, 1};
const core::Date kAsOf{2012, 3, 31};

class ProgressReportTest : public WorldTest {
 protected:
  void SetUp() override {
    WorldTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    World& w = world();
    // A: three days in March and one in the year before; B: two days.
    for (const std::string day : {"2012-03-01", "2012-03-02", "2012-03-03", "2011-12-30"}) {
      Ok(w.SaveStationed(w.AsCadre(w.a), Stationed("s-a-" + day, day)), day);
    }
    for (const std::string day : {"2012-03-01", "2012-03-05"}) {
      Ok(w.SaveStationed(w.AsCadre(w.b), Stationed("s-b-" + day, day)), day);
    }
    // FA1 twice, FA2 once: three household visits, two households.
    Ok(w.SaveVisit(w.AsCadre(w.a), VisitOf("v-1", "2012-03-02", {"FA1", "FA2"})), "v-1");
    Ok(w.SaveVisit(w.AsCadre(w.a), VisitOf("v-2", "2012-03-03", {"FA1"})), "v-2");
    Ok(w.SaveDiary(w.AsCadre(w.a), Diary("d-1", "2012-03-02", "走访甲户，了解到春播缺化肥。")),
       "d-1");
    Ok(w.SaveDiary(w.AsCadre(w.b), Diary("d-2", "2012-03-05", "召开村民小组会议，宣讲惠农政策。")),
       "d-2");
    Ok(w.SaveSuggestion(w.AsCadre(w.a), SuggestionOf("g-1", "2012-03-04")), "g-1");
    core::Suggestion adopted = SuggestionOf("g-2", "2012-03-06", kVillage, kPhoneA);
    adopted.adopted = true;
    Ok(w.SaveSuggestion(w.AsLedger(), adopted), "g-2");
    // Problems, as they stood on 31 March: p-1 solved; p-2 up to the leadership group; p-3
    // registered since January (open more than 30 days); p-4 past its due date of 25 March;
    // p-5 raised in February and solved only in April (in hand on 31 March, and open more
    // than 30 days); p-6 raised on 1 March, exactly 30 days before (not "more than 30").
    w.ProblemThrough(w.a, "p-1", "FA1", "2012-03-02",
                     {{"in_progress", "2012-03-03"}, {"solved", "2012-03-10"}});
    w.ProblemThrough(w.a, "p-2", "FA2", "2012-03-05", {{"reported", "2012-03-06"}});
    w.ProblemThrough(w.b, "p-3", "FB1", "2012-01-10", {});
    core::Problem due = ProblemOf("p-4", "FA3", "2012-03-20", kVillage, kPhoneA);
    due.due_date = Day("2012-03-25");
    Ok(w.SaveProblem(w.AsLedger(), due), "p-4");
    w.ProblemThrough(w.a, "p-5", "FA4", "2012-02-01",
                     {{"in_progress", "2012-02-02"}, {"solved", "2012-04-10"}});
    w.ProblemThrough(w.a, "p-6", "FA5", "2012-03-01", {});
    // Aid: two bags of fertiliser twice (160 yuan each), and rice (50 yuan) once.
    Ok(w.SaveAid(w.AsLedger(), AidOf("a-1", "2012-03-02", "FA1")), "a-1");
    Ok(w.SaveAid(w.AsLedger(), AidOf("a-2", "2012-03-06", "FB1")), "a-2");
    core::Aid rice = AidOf("a-3", "2012-03-07", "FA2");
    rice.item = "大米";
    rice.quantity_milli = 1000;
    rice.value_fen = 5000;
    Ok(w.SaveAid(w.AsLedger(), rice), "a-3");
    // Far away, in another county: never in 甘草店镇's report.
    Ok(w.SaveStationed(w.AsCadre(w.d), Stationed("s-d", "2012-03-01", kFarVillage)), "s-d");
    Ok(w.SaveAid(w.AsLedger(), AidOf("a-far", "2012-03-02", "FD1", kFarVillage)), "a-far");
  }

  void Ok(const store::RowResult& result, const std::string& what) {
    ASSERT_TRUE(Accepted(result)) << what << ": " << Describe(result);
  }

  static std::string AllText(const report::Document& document) {
    std::string text = document.title + "\n" + document.subtitle + "\n";
    for (const report::Section& section : document.sections) {
      text += section.title + "\n";
      for (const report::Block& block : section.blocks) {
        text += block.text + "\n";
        for (const auto& row : block.table.rows) {
          for (const std::string& cell : row) {
            text += cell + "|";
          }
          text += "\n";
        }
      }
    }
    return text;
  }

  static std::vector<std::string> Texts(const report::Document& document,
                                        report::Block::Kind kind) {
    std::vector<std::string> texts;
    for (const report::Section& section : document.sections) {
      for (const report::Block& block : section.blocks) {
        if (block.kind == kind) {
          texts.push_back(block.text);
        }
      }
    }
    return texts;
  }
};

TEST_P(ProgressReportTest, FieldWorkIsSummedOverTheSpanWithinTheRegion) {
  const store::FieldworkSummary summary =
      store::SummarizeFieldwork(db(), kTownship, kFrom, kAsOf, OfficeScope(kTownship));
  EXPECT_EQ(summary.stationed_days, 5);  // A's day of 2011 is outside the span
  EXPECT_EQ(summary.visits, 2);
  EXPECT_EQ(summary.household_visits, 3);
  EXPECT_EQ(summary.households_visited, 2);
  EXPECT_EQ(summary.diary_entries, 2);
  EXPECT_EQ(summary.suggestions, 2);
  EXPECT_EQ(summary.suggestions_adopted, 1);
  std::map<std::string, std::int64_t> states;
  for (const auto& problem : summary.problems) {
    EXPECT_EQ(problem.category, "production");
    states[problem.status] += problem.count;
  }
  // As they stood on 31 March: p-5, solved in April, was still in hand.
  EXPECT_EQ(states, (std::map<std::string, std::int64_t>{
                        {"solved", 1}, {"reported", 1}, {"registered", 3}, {"in_progress", 1}}));
  EXPECT_EQ(summary.problems_open_long, 2);  // p-3 and p-5; p-6 is exactly 30 days old
  EXPECT_EQ(summary.problems_past_due, 1);   // p-4
  ASSERT_EQ(summary.aid.size(), 2u);
  EXPECT_EQ(summary.aid[0].item, "化肥");  // the most value first
  EXPECT_EQ(summary.aid[0].measure, "bag");
  EXPECT_EQ(summary.aid[0].records, 2);
  EXPECT_EQ(summary.aid[0].quantity_milli, 4000);
  EXPECT_EQ(summary.aid[0].value_fen, 32000);
  EXPECT_EQ(summary.aid[1].item, "大米");
  EXPECT_EQ(summary.aid_records, 3);
  EXPECT_EQ(summary.aid_value_fen, 37000);

  // In April p-5 is solved and no longer open.
  const store::FieldworkSummary april = store::SummarizeFieldwork(
      db(), kTownship, kFrom, core::Date{2012, 4, 30}, OfficeScope(kTownship));
  std::int64_t solved = 0;
  for (const auto& problem : april.problems) {
    solved += problem.status == "solved" ? problem.count : 0;
  }
  EXPECT_EQ(solved, 2);
  EXPECT_EQ(april.problems_open_long, 4);  // p-2, p-3, p-4 (raised 20 March) and p-6

  // A shorter span: only what falls in it.
  const store::FieldworkSummary early = store::SummarizeFieldwork(
      db(), kTownship, kFrom, core::Date{2012, 3, 2}, OfficeScope(kTownship));
  EXPECT_EQ(early.stationed_days, 3);
  EXPECT_EQ(early.visits, 1);
  EXPECT_EQ(early.aid_records, 1);
}

TEST_P(ProgressReportTest, TheSummaryCountsOnlyWhatTheScopeSees) {
  World& w = world();
  // B sees B's own records (and problems and aid of B's households), not A's.
  const store::FieldworkSummary own =
      store::SummarizeFieldwork(db(), kTownship, kFrom, kAsOf, HelperScope(w.b));
  EXPECT_EQ(own.stationed_days, 2);
  EXPECT_EQ(own.visits, 0);
  EXPECT_EQ(own.diary_entries, 1);
  EXPECT_EQ(own.aid_records, 1);  // to FB1, B's household
  // A unit's administrator: the records of its cadres (A's and B's) and the aid it gave; the
  // county's unit, none of them.
  const store::FieldworkSummary unit =
      store::SummarizeFieldwork(db(), kTownship, kFrom, kAsOf, UnitScope(w.unit_township));
  EXPECT_EQ(unit.stationed_days, 5);
  EXPECT_EQ(unit.visits, 2);
  EXPECT_EQ(unit.aid_records, 3);
  const store::FieldworkSummary county =
      store::SummarizeFieldwork(db(), kTownship, kFrom, kAsOf, UnitScope(w.unit_county));
  EXPECT_EQ(county.stationed_days, 0);
  EXPECT_EQ(county.aid_records, 0);
  // An office of another township sees nothing of this one.
  const store::FieldworkSummary other =
      store::SummarizeFieldwork(db(), kTownship, kFrom, kAsOf, OfficeScope(kFarTownship));
  EXPECT_EQ(other.stationed_days, 0);
  EXPECT_EQ(other.aid_records, 0);
  EXPECT_TRUE(other.problems.empty());
}

TEST_P(ProgressReportTest, OnlyAScopeThatSeesTheWholeRegionHasItsReport) {
  World& w = world();
  const auto gather = [&](const std::string& region, const store::DataScope& scope,
                          const core::Date& as_of) {
    return report::GatherProgressFacts(db(), region, 2012, as_of, scope, w.dictionaries());
  };
  EXPECT_THROW(gather(kTownship, UnitScope(w.unit_township), kAsOf), std::invalid_argument);
  EXPECT_THROW(gather(kTownship, HelperScope(w.a), kAsOf), std::invalid_argument);
  EXPECT_THROW(gather(kTownship, OfficeScope(kFarTownship), kAsOf), std::invalid_argument);
  EXPECT_THROW(gather("620123199", OfficeScope(kCounty), kAsOf), std::invalid_argument);
  EXPECT_THROW(gather("abc", store::DataScope::System(), kAsOf), std::invalid_argument);
  const std::string group = std::string(kVillage) + "001";
  {
    store::Transaction transaction(db());
    const std::vector<store::Region> groups = {
        store::Region{group, core::RegionLevel::kGroup, kVillage, "一组"}};
    store::RegionRepository(db()).Upsert(groups, kSetUpTime);
    transaction.Commit();
  }
  try {
    gather(group, store::DataScope::System(), kAsOf);
    ADD_FAILURE() << "a villager group's report was made";
  } catch (const report::ReportRefused& refused) {
    EXPECT_EQ(refused.field(), "region");
    EXPECT_FALSE(refused.not_found());
    EXPECT_NE(std::string(refused.what()).find(kVillage), std::string::npos) << refused.what();
  }
  // A day before the year the report is of.
  EXPECT_THROW(gather(kTownship, OfficeScope(kTownship), core::Date{2011, 12, 31}),
               std::invalid_argument);
  // A leader of the county has the township's report; a day after the year ends at its end.
  const report::ProgressFacts facts =
      gather(kTownship, LeaderScope(kCounty), core::Date{2013, 2, 1});
  EXPECT_EQ(facts.as_of, (core::Date{2012, 12, 31}));
  EXPECT_EQ(facts.fieldwork.stationed_days, 5);
}

TEST_P(ProgressReportTest, TheDraftStatesComputedFiguresAndLeavesTheRestToTheAuthor) {
  World& w = world();
  {
    // The office declared 12 households; the records hold 11 in the township.
    store::RegionProfile profile = store::ProfileRepository(db()).Get(kTownship);
    profile.location = "位于榆中县东南部";
    profile.neighbour_east = "定西市";
    profile.declared["households"] = 12;
    profile.declared["altitude"] = 1860;
    store::Transaction transaction(db());
    store::ProfileRepository(db()).Save(profile, kSetUpTime);
    transaction.Commit();
  }
  const report::ProgressFacts facts = report::GatherProgressFacts(
      db(), kTownship, 2012, kAsOf, OfficeScope(kTownship), w.dictionaries());
  EXPECT_EQ(facts.stats.households, 11);
  const report::Document document = report::ComposeProgressReport(facts, w.dictionaries());
  EXPECT_EQ(document.title, "区划620123105双联行动进展情况汇报");
  EXPECT_EQ(document.subtitle, "（2012年1月1日至2012年3月31日）");

  std::vector<std::string> titles;
  for (const report::Section& section : document.sections) {
    titles.push_back(section.title);
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"一、基本情况", "二、主要做法", "三、取得的成效",
                                              "四、存在的问题", "五、下一步工作打算",
                                              "六、需协调解决的困难", "附表"}));
  const std::string text = AllText(document);
  EXPECT_NE(text.find("区划620123105位于榆中县东南部。东邻定西市。平均海拔1860米。"),
            std::string::npos)
      << text;
  // No members in this world: the people are not known, and no share is made up.
  EXPECT_NE(text.find("共11户（家庭成员尚未录入，人口待统计）"), std::string::npos) << text;
  EXPECT_NE(text.find("现有贫困户11户，其中：扶贫户11户。"), std::string::npos) << text;
  EXPECT_NE(text.find("帮扶干部累计驻村5人天，走访农户3户次（2户），撰写民情日记2篇，"
                      "提出建设性意见2条（已采纳1条）"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("登记的6件困难和问题中，已解决1件，解决率16.7%；正在办理4件，上报领导小组1件。"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("生产发展|6|1|4|1|"), std::string::npos) << text;
  EXPECT_NE(text.find("发放帮扶物资和资金3笔，折合370.00元，其中：化肥4袋，大米1袋。"),
            std::string::npos)
      << text;

  const auto warnings = Texts(document, report::Block::Kind::kWarning);
  const auto has_warning = [&](const std::string& part) {
    return std::any_of(warnings.begin(), warnings.end(), [&](const std::string& warning) {
      return warning.find(part) != std::string::npos;
    });
  };
  EXPECT_TRUE(has_warning("户数：填报12户，按记录计算为11户")) << text;
  EXPECT_TRUE(has_warning(
      "截至2012年3月31日，2件问题登记已超过30天仍未解决，1件问题已过办理期限仍未解决。"))
      << text;
  // FN2 is nobody's: the rule wants every poor household paired.
  EXPECT_TRUE(has_warning("尚有1户应结对户没有帮扶干部")) << text;
  // What the records cannot know is left to the author, never invented.
  const auto to_fill = Texts(document, report::Block::Kind::kToFill);
  // 主要做法, 成效 and 问题 each end with what only the author knows; 五 and 六 are that alone.
  EXPECT_EQ(to_fill.size(), 5u);
  EXPECT_EQ(text.find("未做形式主义核查"), std::string::npos);
  EXPECT_EQ(document.sections[4].blocks.size(), 1u);
  EXPECT_EQ(document.sections[4].blocks[0].kind, report::Block::Kind::kToFill);
}

TEST_P(ProgressReportTest, AReportThatDidNotCheckTheRecordsSaysSo) {
  World& w = world();
  report::ProgressFacts facts = report::GatherProgressFacts(
      db(), kTownship, 2012, kAsOf, OfficeScope(kTownship), w.dictionaries());
  ASSERT_TRUE(facts.integrity_checked);  // 17 records: checked
  EXPECT_EQ(report::RecordsOf(facts.fieldwork), 17);
  // A province's millions of records are not checked (kRecordsCheckedInAReport): the report
  // says so and where to look, rather than claiming nothing was found.
  facts.integrity_checked = false;
  facts.integrity.clear();
  const std::string text = AllText(report::ComposeProgressReport(facts, w.dictionaries()));
  EXPECT_NE(text.find("本期工作记录17条，条数较多，本汇报未做形式主义核查"), std::string::npos)
      << text;
}

SHUANGLIAN_WORLD_SUITE(ProgressReportTest);

}  // namespace
}  // namespace shuanglian::testing::fw
