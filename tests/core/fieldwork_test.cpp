// The pure rules of field work (issue 7): the problem workflow (every allowed and every refused
// step), the validators of the field records (each refusal names its field), the 五个百 pace
// on hand-made calendars, and the client UUIDs.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/aid.h"
#include "core/field_records.h"
#include "core/problem.h"
#include "core/progress.h"
#include "core/project_dictionaries.h"

namespace shuanglian::core {

// The five counts in failure messages.
inline void PrintTo(const ProgressCounts& counts, std::ostream* out) {
  *out << "{" << counts.stationed_days << ", " << counts.households_visited << ", "
       << counts.diary_days << ", " << counts.problems_solved << ", " << counts.suggestions << "}";
}

namespace {

using ::testing::HasSubstr;

const Date kToday{2012, 6, 30};

ValidationContext Context() {
  return ValidationContext{test_data::ProjectDictionaries(), kToday};
}

struct Cell {
  int field;
  std::string text;
};

RawRecord Row(int count, const std::map<int, std::string>& base, const std::vector<Cell>& changes) {
  RawRecord row(static_cast<std::size_t>(count));
  for (const auto& [field, text] : base) {
    row[static_cast<std::size_t>(field)].text = text;
  }
  for (const Cell& change : changes) {
    row[static_cast<std::size_t>(change.field)].text = change.text;
  }
  return row;
}

std::string Describe(const std::vector<FieldError>& errors) {
  std::string out;
  for (const FieldError& error : errors) {
    out += "[" + error.column + "] " + error.code + ": " + error.message + "\n";
  }
  return out.empty() ? "no errors" : out;
}

const FieldError* ErrorOn(const std::vector<FieldError>& errors, const std::string& column) {
  for (const FieldError& error : errors) {
    if (error.column == column) {
      return &error;
    }
  }
  return nullptr;
}

// =============================================================================================
// The workflow.

const std::vector<std::string>& States() {
  static const std::vector<std::string> kStates = {"registered", "in_progress", "reported",
                                                   "leadership", "solved"};
  return kStates;
}

// The workflow of issue 7 written out again: 登记 → 办理中 → 已解决, 登记/办理中 → 上报领导小组 →
// 领导小组办理 → 已解决, and a solved problem reopened to 办理中.
const std::set<std::pair<std::string, std::string>>& Allowed() {
  static const std::set<std::pair<std::string, std::string>> kAllowed = {
      {"registered", "in_progress"}, {"registered", "reported"}, {"in_progress", "solved"},
      {"in_progress", "reported"},   {"reported", "leadership"}, {"leadership", "solved"},
      {"solved", "in_progress"}};
  return kAllowed;
}

TEST(ProblemWorkflowTest, EveryPairOfStatesIsAllowedExactlyWhenTheWorkflowHasTheStep) {
  int allowed = 0;
  for (const std::string& from : States()) {
    for (const std::string& to : States()) {
      const bool expected = Allowed().contains({from, to});
      EXPECT_EQ(ProblemTransitionAllowed(from, to), expected) << from << " -> " << to;
      allowed += expected ? 1 : 0;
    }
  }
  EXPECT_EQ(allowed, 7);
}

TEST(ProblemWorkflowTest, SkippingAStepOrStandingStillIsRefused) {
  // The shortcuts a hurried cadre would take.
  EXPECT_FALSE(ProblemTransitionAllowed("registered", "solved"));
  EXPECT_FALSE(ProblemTransitionAllowed("registered", "leadership"));
  EXPECT_FALSE(ProblemTransitionAllowed("reported", "solved"));
  EXPECT_FALSE(ProblemTransitionAllowed("in_progress", "leadership"));
  EXPECT_FALSE(ProblemTransitionAllowed("solved", "registered"));
  EXPECT_FALSE(ProblemTransitionAllowed("solved", "reported"));
  EXPECT_FALSE(ProblemTransitionAllowed("leadership", "reported"));
  EXPECT_FALSE(ProblemTransitionAllowed("leadership", "in_progress"));
  EXPECT_FALSE(ProblemTransitionAllowed("reported", "registered"));
  for (const std::string& state : States()) {
    EXPECT_FALSE(ProblemTransitionAllowed(state, state)) << state;
  }
  // Unknown states, and labels in place of codes.
  EXPECT_FALSE(ProblemTransitionAllowed("", "in_progress"));
  EXPECT_FALSE(ProblemTransitionAllowed("registered", ""));
  EXPECT_FALSE(ProblemTransitionAllowed("registered", "closed"));
  EXPECT_FALSE(ProblemTransitionAllowed("登记", "办理中"));
}

TEST(ProblemWorkflowTest, NextStatesAreTheAllowedStepsOfEachState) {
  for (const std::string& from : States()) {
    std::set<std::string> expected;
    for (const auto& [a, b] : Allowed()) {
      if (a == from) {
        expected.insert(b);
      }
    }
    const std::vector<std::string> next = ProblemNextStates(from);
    EXPECT_EQ(std::set<std::string>(next.begin(), next.end()), expected) << from;
    EXPECT_EQ(next.size(), expected.size()) << from << ": no state twice";
  }
  EXPECT_TRUE(ProblemNextStates("closed").empty());
}

TEST(ProblemWorkflowTest, CheckTransitionNamesTheFieldAndTheStatesInChinese) {
  for (const std::string& from : States()) {
    for (const std::string& to : States()) {
      const auto refusal = CheckProblemTransition(from, to, "已协调农技站上门指导两次", "");
      if (Allowed().contains({from, to})) {
        EXPECT_FALSE(refusal) << from << " -> " << to << ": " << refusal->message;
        continue;
      }
      ASSERT_TRUE(refusal) << from << " -> " << to;
      EXPECT_EQ(refusal->column, "办理状态");
      EXPECT_EQ(refusal->code, "transition_forbidden");
    }
  }
  const auto refusal = CheckProblemTransition("registered", "solved", "已解决", "");
  ASSERT_TRUE(refusal);
  EXPECT_THAT(refusal->message, HasSubstr("登记"));
  EXPECT_THAT(refusal->message, HasSubstr("已解决"));
  const auto leadership = CheckProblemTransition("reported", "solved", "协调解决", "");
  ASSERT_TRUE(leadership);
  EXPECT_THAT(leadership->message, HasSubstr("上报领导小组"));
}

TEST(ProblemWorkflowTest, SolvingNeedsAResultInWords) {
  for (const char* from : {"in_progress", "leadership"}) {
    const auto refusal = CheckProblemTransition(from, "solved", "", "");
    ASSERT_TRUE(refusal) << from;
    EXPECT_EQ(refusal->column, "办理结果");
    EXPECT_EQ(refusal->code, "result_required");
    EXPECT_FALSE(CheckProblemTransition(from, "solved", "联系县教育局落实助学金1500元", ""));
  }
  // Other steps need no result.
  EXPECT_FALSE(CheckProblemTransition("registered", "in_progress", "", ""));
  EXPECT_FALSE(CheckProblemTransition("solved", "in_progress", "", ""));
}

TEST(ProblemWorkflowTest, SatisfactionComesOnlyWithASolution) {
  const auto early = CheckProblemTransition("registered", "in_progress", "", "satisfied");
  ASSERT_TRUE(early);
  EXPECT_EQ(early->column, "满意度");
  EXPECT_EQ(early->code, "not_solved");
  EXPECT_FALSE(CheckProblemTransition("in_progress", "solved", "办结", "satisfied"));
}

// =============================================================================================
// Validators: a valid row of each kind, then each refusal naming its field.

const std::map<int, std::string>& StationedCells() {
  static const std::map<int, std::string> kCells = {
      {kStationedHelperPhone, "13909310001"},
      {kStationedDay, "2012-03-15"},
      {kStationedVillage, "620123105201"},
      {kStationedLocation, "村委会"},
  };
  return kCells;
}

const std::map<int, std::string>& VisitCells() {
  static const std::map<int, std::string> kCells = {
      {kVisitUuid, "3b241101-e2bb-4255-8caf-4136c566a962"},
      {kVisitDay, "2012/3/15"},
      {kVisitVillage, "620123105201"},
      {kVisitHelperPhones, "13909310001、13909310002"},
      {kVisitHouseholds, "GC001、GC002"},
      {kVisitKinds, "听民声、宣传政策"},
      {kVisitLearned, "春播缺化肥和地膜"},
  };
  return kCells;
}

const std::map<int, std::string>& DiaryCells() {
  static const std::map<int, std::string> kCells = {
      {kDiaryHelperPhone, "13909310001"},
      {kDiaryDay, "2012年3月15日"},
      {kDiaryVillage, "620123105201"},
      {kDiaryText, "今天到三墩营村走访了两户，春播缺化肥。"},
  };
  return kCells;
}

const std::map<int, std::string>& ProblemCells() {
  static const std::map<int, std::string> kCells = {
      {kProblemHelperPhone, "13909310001"},
      {kProblemHousehold, "GC001"},
      {kProblemVillage, "620123105201"},
      {kProblemCategory, "行路难"},
      {kProblemDescription, "社道路雨后泥泞无法通行"},
      {kProblemRaisedOn, "2012-04-01"},
  };
  return kCells;
}

const std::map<int, std::string>& SuggestionCells() {
  static const std::map<int, std::string> kCells = {
      {kSuggestionHelperPhone, "13909310001"},
      {kSuggestionDay, "2012-04-02"},
      {kSuggestionVillage, "620123105201"},
      {kSuggestionAddressee, "乡镇"},
      {kSuggestionContent, "建议把春季技术培训放在农闲的晚上"},
      {kSuggestionAdopted, "是"},
  };
  return kCells;
}

const std::map<int, std::string>& AidCells() {
  static const std::map<int, std::string> kCells = {
      {kAidDay, "2012-03-20"},  {kAidGiverKind, "单位"},       {kAidGiverUnit, "华池县农牧局"},
      {kAidReceiverKind, "村"}, {kAidVillage, "621023101208"}, {kAidItem, "地膜"},
      {kAidQuantity, "276"},    {kAidMeasure, "卷"},           {kAidValue, "24840.50"},
      {kAidDrive, "春耕救急"},
  };
  return kCells;
}

TEST(FieldRecordValidationTest, ValidRowsOfEveryKindAreReadIntoTheirValues) {
  const auto stationed =
      ValidateStationedDay(Row(kStationedFieldCount, StationedCells(), {}), Context());
  ASSERT_TRUE(stationed.ok()) << Describe(stationed.errors);
  EXPECT_EQ(stationed.value.day, (Date{2012, 3, 15}));
  EXPECT_EQ(stationed.value.village_code, "620123105201");
  EXPECT_EQ(stationed.value.helper_phone, "13909310001");
  EXPECT_EQ(stationed.value.location, "村委会");

  const auto visit = ValidateVisit(Row(kVisitFieldCount, VisitCells(), {}), Context());
  ASSERT_TRUE(visit.ok()) << Describe(visit.errors);
  EXPECT_EQ(visit.value.client_uuid, "3b241101-e2bb-4255-8caf-4136c566a962");
  EXPECT_EQ(visit.value.day, (Date{2012, 3, 15}));
  EXPECT_EQ(visit.value.helper_phones, (std::vector<std::string>{"13909310001", "13909310002"}));
  EXPECT_EQ(visit.value.household_nos, (std::vector<std::string>{"GC001", "GC002"}));
  EXPECT_EQ(visit.value.kinds, (std::vector<std::string>{"listen", "policy"}));

  const auto diary = ValidateDiaryEntry(Row(kDiaryFieldCount, DiaryCells(), {}), Context());
  ASSERT_TRUE(diary.ok()) << Describe(diary.errors);
  EXPECT_EQ(diary.value.day, (Date{2012, 3, 15}));

  const auto problem = ValidateProblem(Row(kProblemFieldCount, ProblemCells(), {}), Context());
  ASSERT_TRUE(problem.ok()) << Describe(problem.errors);
  EXPECT_EQ(problem.value.category, "road");
  EXPECT_EQ(problem.value.status, "registered") << "an empty status is 登记";

  const auto suggestion =
      ValidateSuggestion(Row(kSuggestionFieldCount, SuggestionCells(), {}), Context());
  ASSERT_TRUE(suggestion.ok()) << Describe(suggestion.errors);
  EXPECT_EQ(suggestion.value.addressee, "township");
  ASSERT_TRUE(suggestion.value.adopted.has_value());
  EXPECT_TRUE(*suggestion.value.adopted);
  const auto undecided = ValidateSuggestion(
      Row(kSuggestionFieldCount, SuggestionCells(), {{kSuggestionAdopted, ""}}), Context());
  ASSERT_TRUE(undecided.ok()) << Describe(undecided.errors);
  EXPECT_FALSE(undecided.value.adopted.has_value());

  const auto aid = ValidateAid(Row(kAidFieldCount, AidCells(), {}), Context());
  ASSERT_TRUE(aid.ok()) << Describe(aid.errors);
  EXPECT_EQ(aid.value.quantity_milli, 276000);
  EXPECT_EQ(aid.value.value_fen, 2484050);
  EXPECT_EQ(aid.value.measure, "roll");
  EXPECT_EQ(aid.value.giver_kind, "unit");
  EXPECT_EQ(aid.value.receiver_kind, "village");
}

struct Refusal {
  std::string what;
  RawRecord row;
  std::string column;
  std::string code;
};

// Each refusal: the field's Chinese name as its column, the code, and a message that names
// the field (or quotes the bad value) so that a cadre knows what to correct.
void ExpectRefusals(const std::vector<Refusal>& cases,
                    const std::function<std::vector<FieldError>(const RawRecord&)>& validate) {
  for (const Refusal& refusal : cases) {
    const std::vector<FieldError> errors = validate(refusal.row);
    const FieldError* error = ErrorOn(errors, refusal.column);
    ASSERT_NE(error, nullptr) << refusal.what << ": no error on " << refusal.column << "\n"
                              << Describe(errors);
    EXPECT_EQ(error->code, refusal.code) << refusal.what << ": " << Describe(errors);
    EXPECT_FALSE(error->message.empty()) << refusal.what;
  }
}

TEST(FieldRecordValidationTest, StationedDayRefusalsNameTheirField) {
  const auto row = [](std::vector<Cell> changes) {
    return Row(kStationedFieldCount, StationedCells(), changes);
  };
  ExpectRefusals(
      {
          {"no day", row({{kStationedDay, ""}}), "驻村日期", "required"},
          {"not a day", row({{kStationedDay, "2012-02-30"}}), "驻村日期", "bad_date"},
          {"tomorrow", row({{kStationedDay, "2012-07-01"}}), "驻村日期", "date_in_future"},
          {"no village", row({{kStationedVillage, ""}}), "村代码", "required"},
          {"a township", row({{kStationedVillage, "620123105"}}), "村代码", "bad_village_code"},
          {"a bad phone", row({{kStationedHelperPhone, "12345"}}), "干部电话", "bad_phone"},
          {"a bad uuid", row({{kStationedUuid, "记录 1"}}), "记录编号", "bad_uuid"},
      },
      [](const RawRecord& raw) { return ValidateStationedDay(raw, Context()).errors; });
  const auto missing = ValidateStationedDay(row({{kStationedDay, ""}}), Context());
  EXPECT_THAT(ErrorOn(missing.errors, "驻村日期")->message, HasSubstr("驻村日期"));
  const auto future = ValidateStationedDay(row({{kStationedDay, "2012-07-01"}}), Context());
  EXPECT_THAT(ErrorOn(future.errors, "驻村日期")->message, HasSubstr("驻村日期"));
  EXPECT_THAT(ErrorOn(future.errors, "驻村日期")->message, HasSubstr("2012-07-01"));
  // The last day that is not in the future: today.
  EXPECT_TRUE(ValidateStationedDay(row({{kStationedDay, "2012-06-30"}}), Context()).ok());
}

TEST(FieldRecordValidationTest, VisitRefusalsNameTheirField) {
  const auto row = [](std::vector<Cell> changes) {
    return Row(kVisitFieldCount, VisitCells(), changes);
  };
  std::string many;
  for (int index = 1; index <= 201; ++index) {
    many += (many.empty() ? "" : "、") + std::string("GC") + std::to_string(1000 + index);
  }
  ExpectRefusals(
      {
          {"no day", row({{kVisitDay, ""}}), "走访日期", "required"},
          {"in the future", row({{kVisitDay, "2013-01-01"}}), "走访日期", "date_in_future"},
          {"no kind", row({{kVisitKinds, ""}}), "工作内容", "required"},
          {"an unknown kind", row({{kVisitKinds, "听民声、喝茶"}}), "工作内容",
           "not_in_dictionary"},
          {"a bad phone", row({{kVisitHelperPhones, "13909310001、abc"}}), "走访干部电话",
           "bad_phone"},
          {"a long household number", row({{kVisitHouseholds, std::string(41, 'H')}}), "走访户编号",
           "too_long"},
          {"201 households", row({{kVisitHouseholds, many}}), "走访户编号", "too_many"},
          {"eleven digits", row({{kVisitVillage, "62012310520"}}), "村代码", "bad_village_code"},
      },
      [](const RawRecord& raw) { return ValidateVisit(raw, Context()).errors; });
  const auto unknown = ValidateVisit(row({{kVisitKinds, "喝茶"}}), Context());
  EXPECT_THAT(ErrorOn(unknown.errors, "工作内容")->message, HasSubstr("喝茶"));
  // A visit to the whole village names no household; the recording cadre needs no phone.
  const auto village =
      ValidateVisit(row({{kVisitHouseholds, ""}, {kVisitHelperPhones, ""}}), Context());
  ASSERT_TRUE(village.ok()) << Describe(village.errors);
  EXPECT_TRUE(village.value.household_nos.empty());
  EXPECT_TRUE(village.value.helper_phones.empty());
}

TEST(FieldRecordValidationTest, DiaryAndSuggestionRefusalsNameTheirField) {
  const auto diary = [](std::vector<Cell> changes) {
    return Row(kDiaryFieldCount, DiaryCells(), changes);
  };
  ExpectRefusals(
      {
          {"no text", diary({{kDiaryText, ""}}), "日记内容", "required"},
          {"a page too long", diary({{kDiaryText, std::string(4001, 'a')}}), "日记内容",
           "too_long"},
          {"no day", diary({{kDiaryDay, ""}}), "日期", "required"},
          {"no village", diary({{kDiaryVillage, ""}}), "村代码", "required"},
      },
      [](const RawRecord& raw) { return ValidateDiaryEntry(raw, Context()).errors; });
  const auto empty = ValidateDiaryEntry(diary({{kDiaryText, ""}}), Context());
  EXPECT_THAT(ErrorOn(empty.errors, "日记内容")->message, HasSubstr("日记内容"));

  const auto suggestion = [](std::vector<Cell> changes) {
    return Row(kSuggestionFieldCount, SuggestionCells(), changes);
  };
  ExpectRefusals(
      {
          {"no addressee", suggestion({{kSuggestionAddressee, ""}}), "提给", "required"},
          {"an unknown addressee", suggestion({{kSuggestionAddressee, "省委"}}), "提给",
           "not_in_dictionary"},
          {"no content", suggestion({{kSuggestionContent, ""}}), "意见内容", "required"},
          {"adopted: maybe", suggestion({{kSuggestionAdopted, "也许"}}), "是否采纳",
           "not_in_dictionary"},
      },
      [](const RawRecord& raw) { return ValidateSuggestion(raw, Context()).errors; });
}

TEST(FieldRecordValidationTest, ProblemRefusalsNameTheirField) {
  const auto row = [](std::vector<Cell> changes) {
    return Row(kProblemFieldCount, ProblemCells(), changes);
  };
  ExpectRefusals(
      {
          {"no category", row({{kProblemCategory, ""}}), "问题类别", "required"},
          {"an unknown category", row({{kProblemCategory, "天气"}}), "问题类别",
           "not_in_dictionary"},
          {"no description", row({{kProblemDescription, ""}}), "问题描述", "required"},
          {"raised tomorrow", row({{kProblemRaisedOn, "2012-07-01"}}), "反映日期",
           "date_in_future"},
          {"an unknown status", row({{kProblemStatus, "搁置"}}), "办理状态", "not_in_dictionary"},
          {"solved without a result", row({{kProblemStatus, "已解决"}}), "办理结果",
           "result_required"},
          {"rated before solved", row({{kProblemStatus, "办理中"}, {kProblemSatisfaction, "满意"}}),
           "满意度", "not_solved"},
          {"due before raised", row({{kProblemDue, "2012-03-01"}}), "限办日期", "before_raised"},
          {"due on no day", row({{kProblemDue, "下个月"}}), "限办日期", "bad_date"},
          {"an unknown satisfaction",
           row({{kProblemStatus, "已解决"},
                {kProblemResult, "已铺垫砂石300米"},
                {kProblemSatisfaction, "还行吧"}}),
           "满意度", "not_in_dictionary"},
      },
      [](const RawRecord& raw) { return ValidateProblem(raw, Context()).errors; });
  // A due date lies ahead: the future is allowed there.
  const auto due = ValidateProblem(row({{kProblemDue, "2012-12-31"}}), Context());
  ASSERT_TRUE(due.ok()) << Describe(due.errors);
  EXPECT_EQ(due.value.due_date, (Date{2012, 12, 31}));
  // An old ledger's solved problem, with its result and the household's word.
  const auto solved = ValidateProblem(row({{kProblemStatus, "已办结"},
                                           {kProblemResult, "协调镇上拉运砂石，已铺垫300米"},
                                           {kProblemSatisfaction, "满意"}}),
                                      Context());
  ASSERT_TRUE(solved.ok()) << Describe(solved.errors);
  EXPECT_EQ(solved.value.status, "solved");
  EXPECT_EQ(solved.value.satisfaction, "satisfied");
  // Raised by the village: no household.
  EXPECT_TRUE(ValidateProblem(row({{kProblemHousehold, ""}}), Context()).ok());
}

TEST(FieldRecordValidationTest, AidRefusalsNameTheirField) {
  const auto row = [](std::vector<Cell> changes) {
    return Row(kAidFieldCount, AidCells(), changes);
  };
  ExpectRefusals(
      {
          {"a negative quantity", row({{kAidQuantity, "-276"}}), "数量", "negative"},
          {"a zero quantity", row({{kAidQuantity, "0"}}), "数量", "zero"},
          {"no quantity", row({{kAidQuantity, ""}}), "数量", "required"},
          {"a negative value", row({{kAidValue, "-100"}}), "折合金额（元）", "negative"},
          {"an unknown measure", row({{kAidMeasure, "箩筐"}}), "计量单位", "not_in_dictionary"},
          {"a unit giver without a unit", row({{kAidGiverUnit, ""}}), "捐助单位", "required"},
          {"a household without its number", row({{kAidReceiverKind, "农户"}}), "户编号",
           "required"},
          {"a school without its name", row({{kAidReceiverKind, "学校"}}), "受助学校", "required"},
          {"no item", row({{kAidItem, ""}}), "物资或资金", "required"},
          {"in the future", row({{kAidDay, "2012-07-01"}}), "发放日期", "date_in_future"},
      },
      [](const RawRecord& raw) { return ValidateAid(raw, Context()).errors; });
  const auto negative = ValidateAid(row({{kAidQuantity, "-276"}}), Context());
  EXPECT_THAT(ErrorOn(negative.errors, "数量")->message, HasSubstr("数量"));
  // Cash to a household: 200 yuan.
  const auto cash = ValidateAid(row({{kAidGiverKind, "个人"},
                                     {kAidGiverUnit, ""},
                                     {kAidGiverPhone, "13909310001"},
                                     {kAidReceiverKind, "农户"},
                                     {kAidHousehold, "GC001"},
                                     {kAidItem, "现金"},
                                     {kAidQuantity, "200"},
                                     {kAidMeasure, "元"},
                                     {kAidValue, "200"}}),
                                Context());
  ASSERT_TRUE(cash.ok()) << Describe(cash.errors);
  EXPECT_EQ(cash.value.value_fen, 20000);
  EXPECT_EQ(cash.value.measure, "yuan");
  EXPECT_EQ(cash.value.household_no, "GC001");
  // Half a ton of cement.
  const auto cement =
      ValidateAid(row({{kAidItem, "水泥"}, {kAidQuantity, "0.5"}, {kAidMeasure, "吨"}}), Context());
  ASSERT_TRUE(cement.ok()) << Describe(cement.errors);
  EXPECT_EQ(cement.value.quantity_milli, 500);
}

TEST(FieldRecordValidationTest, ARowReportsEveryBadFieldAtOnce) {
  const auto errors =
      ValidateVisit(Row(kVisitFieldCount, VisitCells(),
                        {{kVisitDay, "明天"}, {kVisitKinds, ""}, {kVisitVillage, "62"}}),
                    Context())
          .errors;
  EXPECT_NE(ErrorOn(errors, "走访日期"), nullptr) << Describe(errors);
  EXPECT_NE(ErrorOn(errors, "工作内容"), nullptr) << Describe(errors);
  EXPECT_NE(ErrorOn(errors, "村代码"), nullptr) << Describe(errors);
}

// =============================================================================================
// Client UUIDs.

TEST(ClientUuidTest, IsClientUuidTakesWhatABrowserMakesAndNothingElse) {
  EXPECT_TRUE(IsClientUuid("3b241101-e2bb-4255-8caf-4136c566a962"));
  EXPECT_TRUE(IsClientUuid("a"));
  EXPECT_TRUE(IsClientUuid(std::string(64, 'f')));
  EXPECT_TRUE(IsClientUuid("imp-0123456789abcdef0123456789ABCDEF"));
  EXPECT_FALSE(IsClientUuid(""));
  EXPECT_FALSE(IsClientUuid(std::string(65, 'f')));
  EXPECT_FALSE(IsClientUuid("3b241101 e2bb"));
  EXPECT_FALSE(IsClientUuid("3b241101_e2bb"));
  EXPECT_FALSE(IsClientUuid("{3b241101-e2bb}"));
  EXPECT_FALSE(IsClientUuid("记录一"));
  EXPECT_FALSE(IsClientUuid("abc\n"));
  EXPECT_FALSE(IsClientUuid(std::string("ab\0cd", 5)));
  EXPECT_FALSE(IsClientUuid("'; DROP TABLE visits; --"));
}

TEST(ClientUuidTest, DerivedUuidIsStableDistinctAndAClientUuid) {
  const std::string first = DerivedUuid("diary",
                                        "13909310001\x1f"
                                        "2012-03-15\x1f");
  EXPECT_EQ(first, DerivedUuid("diary",
                               "13909310001\x1f"
                               "2012-03-15\x1f"));
  EXPECT_TRUE(IsClientUuid(first)) << first;
  EXPECT_EQ(first.rfind("imp-", 0), 0u) << first;
  EXPECT_EQ(first.size(), 36u) << first;
  std::set<std::string> seen = {first};
  // Another kind, another content, another split of the same characters.
  for (const auto& [kind, content] :
       std::vector<std::pair<std::string, std::string>>{{"visit",
                                                         "13909310001\x1f"
                                                         "2012-03-15\x1f"},
                                                        {"diary",
                                                         "13909310001\x1f"
                                                         "2012-03-16\x1f"},
                                                        {"diary",
                                                         "13909310001\x1f"
                                                         "2012-03-15"},
                                                        {"diar",
                                                         "y13909310001\x1f"
                                                         "2012-03-15\x1f"},
                                                        {"diary", ""},
                                                        {"", ""}}) {
    const std::string uuid = DerivedUuid(kind, content);
    EXPECT_TRUE(IsClientUuid(uuid)) << uuid;
    EXPECT_TRUE(seen.insert(uuid).second) << kind << " / " << content << " gave " << uuid;
  }
  // Many rows of one ledger: no two meet.
  std::set<std::string> many;
  for (int index = 0; index < 20000; ++index) {
    many.insert(DerivedUuid("stationed_day", "row " + std::to_string(index)));
  }
  EXPECT_EQ(many.size(), 20000u);
}

TEST(ClientUuidTest, ALedgerRowWithoutUuidGetsOneFromItsContent) {
  const auto row = [](std::vector<Cell> changes) {
    return Row(kDiaryFieldCount, DiaryCells(), changes);
  };
  const auto first = ValidateDiaryEntry(row({}), Context());
  const auto again = ValidateDiaryEntry(row({}), Context());
  ASSERT_TRUE(first.ok()) << Describe(first.errors);
  EXPECT_TRUE(IsClientUuid(first.value.client_uuid));
  EXPECT_EQ(first.value.client_uuid.rfind("imp-", 0), 0u);
  EXPECT_EQ(first.value.client_uuid, again.value.client_uuid) << "the same ledger row twice";
  const auto other =
      ValidateDiaryEntry(row({{kDiaryText, "今天到三墩营村走访了三户。"}}), Context());
  EXPECT_NE(first.value.client_uuid, other.value.client_uuid);
  const auto stationed =
      ValidateStationedDay(Row(kStationedFieldCount, StationedCells(), {}), Context());
  const auto stationed_elsewhere = ValidateStationedDay(
      Row(kStationedFieldCount, StationedCells(), {{kStationedLocation, "二社"}}), Context());
  EXPECT_NE(stationed.value.client_uuid, stationed_elsewhere.value.client_uuid);
  // A UUID given is kept as it is.
  const auto given =
      ValidateDiaryEntry(row({{kDiaryUuid, "e7c1a2d0-0000-4000-8000-000000000001"}}), Context());
  EXPECT_EQ(given.value.client_uuid, "e7c1a2d0-0000-4000-8000-000000000001");
}

// =============================================================================================
// The 五个百 pace on hand-made calendars.

const ProgressCounts kHundreds{100, 100, 100, 100, 100};

TEST(FieldRecordValidationTest, APersonsAidWithoutAPhoneIsLeftToTheStore) {
  // The recording cadre is the giver when no phone is given: only the store knows who that
  // is (and refuses a ledger row that names nobody), so the row itself is valid.
  const auto validated =
      ValidateAid(Row(kAidFieldCount, AidCells(),
                      {{kAidGiverKind, "个人"}, {kAidGiverUnit, ""}, {kAidGiverPhone, ""}}),
                  Context());
  ASSERT_TRUE(validated.ok()) << Describe(validated.errors);
  EXPECT_EQ(validated.value.giver_kind, "helper");
  EXPECT_TRUE(validated.value.giver_phone.empty());
}

TEST(ProgressPaceTest, DaysInYearKnowsLeapYears) {
  EXPECT_EQ(DaysInYear(2011), 365);
  EXPECT_EQ(DaysInYear(2012), 366);
  EXPECT_EQ(DaysInYear(2000), 366);
  EXPECT_EQ(DaysInYear(1900), 365);
  EXPECT_EQ(DaysInYear(2100), 365);
}

TEST(ProgressPaceTest, DaysElapsedCountsTheDaysBeforeTodayWithinTheYear) {
  EXPECT_EQ(DaysElapsed(2012, Date{2012, 1, 1}), 0);
  EXPECT_EQ(DaysElapsed(2012, Date{2012, 2, 29}), 59);
  EXPECT_EQ(DaysElapsed(2012, Date{2012, 3, 1}), 60);
  EXPECT_EQ(DaysElapsed(2013, Date{2013, 3, 1}), 59);
  EXPECT_EQ(DaysElapsed(2012, Date{2012, 12, 31}), 365);
  EXPECT_EQ(DaysElapsed(2013, Date{2013, 12, 31}), 364);
  // Not started, and long finished.
  EXPECT_EQ(DaysElapsed(2012, Date{2011, 12, 31}), 0);
  EXPECT_EQ(DaysElapsed(2012, Date{2005, 6, 1}), 0);
  EXPECT_EQ(DaysElapsed(2012, Date{2013, 1, 1}), 366);
  EXPECT_EQ(DaysElapsed(2012, Date{2026, 11, 29}), 366);
}

TEST(ProgressPaceTest, ExpectedByNowOnALeapYear) {
  // 2012: 366 days. On 2 July, 183 days have gone by: exactly half.
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2012, 7, 2}), (ProgressCounts{50, 50, 50, 50, 50}));
  // 1 July, 182 days gone: 100 × 182 / 366 = 49.7, rounded down.
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2012, 7, 1}), (ProgressCounts{49, 49, 49, 49, 49}));
  // 29 February, 59 days gone: 16.1.
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2012, 2, 29}).stationed_days, 16);
  // 31 May, the end of the demo's spring: 151 days gone, 41.3.
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2012, 5, 31}).diary_days, 41);
  // On 31 December one day is still to come; the next morning the whole target is due.
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2012, 12, 31}).diary_days, 99);
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2013, 1, 1}), kHundreds);
}

TEST(ProgressPaceTest, ExpectedByNowOnACommonYear) {
  // 2013: 365 days. On 2 July 182 days have gone by (49.9), on 3 July 183 (50.1).
  EXPECT_EQ(ExpectedByNow(kHundreds, 2013, Date{2013, 7, 2}).households_visited, 49);
  EXPECT_EQ(ExpectedByNow(kHundreds, 2013, Date{2013, 7, 3}).households_visited, 50);
  // Before 1 March, 59 days have gone in a common year, 60 in a leap one: a target of 366
  // shows it.
  const ProgressCounts daily{366, 366, 366, 366, 366};
  EXPECT_EQ(ExpectedByNow(daily, 2013, Date{2013, 3, 1}).suggestions, 59);  // 59.2
  EXPECT_EQ(ExpectedByNow(daily, 2012, Date{2012, 3, 1}).suggestions, 60);
  EXPECT_EQ(ExpectedByNow(kHundreds, 2013, Date{2014, 1, 1}), kHundreds);
  EXPECT_EQ(ExpectedByNow(kHundreds, 2013, Date{2013, 12, 31}).stationed_days, 99);
}

TEST(ProgressPaceTest, AYearNotStartedExpectsNothingAndAFinishedOneEverything) {
  EXPECT_EQ(ExpectedByNow(kHundreds, 2013, Date{2012, 12, 31}), (ProgressCounts{}));
  EXPECT_EQ(ExpectedByNow(kHundreds, 2013, Date{2000, 1, 1}), (ProgressCounts{}));
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2013, 1, 1}), kHundreds);
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2026, 11, 29}), kHundreds);
  const ProgressCounts odd{120, 80, 365, 7, 0};
  EXPECT_EQ(ExpectedByNow(odd, 2011, Date{2026, 11, 29}), odd) << "the whole target, not more";
}

TEST(ProgressPaceTest, EachTargetIsPacedOnItsOwn) {
  const ProgressCounts targets{120, 80, 100, 30, 10};
  // 2012-07-02: half of the leap year gone by.
  EXPECT_EQ(ExpectedByNow(targets, 2012, Date{2012, 7, 2}), (ProgressCounts{60, 40, 50, 15, 5}));
  // 2012-04-15, 105 days gone: 120×105/366 = 34.4, 80×… = 22.95, 100×… = 28.7, 30×… = 8.6,
  // 10×… = 2.87.
  EXPECT_EQ(ExpectedByNow(targets, 2012, Date{2012, 4, 15}), (ProgressCounts{34, 22, 28, 8, 2}));
}

TEST(ProgressPaceTest, OnFirstJanuaryNothingIsDue) {
  EXPECT_EQ(ExpectedByNow(kHundreds, 2012, Date{2012, 1, 1}), (ProgressCounts{}));
  EXPECT_EQ(ExpectedByNow(kHundreds, 2013, Date{2013, 1, 1}), (ProgressCounts{}));
  // Even a target of a day's work for every day of the year (365, or 366 in a leap year)
  // expects nothing on 1 January: today is not yet gone by.
  const ProgressCounts daily{365, 366, 100, 100, 100};
  EXPECT_EQ(ExpectedByNow(daily, 2013, Date{2013, 1, 1}), (ProgressCounts{}));
  EXPECT_EQ(ExpectedByNow(daily, 2012, Date{2012, 1, 1}), (ProgressCounts{}));
}

TEST(ProgressPaceTest, BehindPaceIsBelowTheExpectedInAnyOfTheFive) {
  const ProgressCounts expected{49, 49, 49, 49, 49};
  EXPECT_FALSE(BehindPace(expected, expected)) << "exactly on pace";
  EXPECT_FALSE(BehindPace(ProgressCounts{100, 60, 49, 50, 80}, expected));
  for (int measure = 0; measure < 5; ++measure) {
    ProgressCounts done{60, 60, 60, 60, 60};
    std::int64_t* values[] = {&done.stationed_days, &done.households_visited, &done.diary_days,
                              &done.problems_solved, &done.suggestions};
    *values[measure] = 48;
    EXPECT_TRUE(BehindPace(done, expected)) << "measure " << measure;
  }
  EXPECT_FALSE(BehindPace(ProgressCounts{}, ProgressCounts{})) << "before the year, nobody";
  EXPECT_TRUE(BehindPace(ProgressCounts{}, ProgressCounts{0, 0, 0, 0, 1}));
}

TEST(ProgressPaceTest, TheFiveMeasuresInTheirOrder) {
  const ProgressCounts counts{1, 2, 3, 4, 5};
  EXPECT_EQ(counts.Values(), (std::array<std::int64_t, 5>{1, 2, 3, 4, 5}));
  EXPECT_EQ(kProgressMeasures[0], "stationed_days");
  EXPECT_EQ(kProgressMeasures[1], "households_visited");
  EXPECT_EQ(kProgressMeasures[2], "diary_days");
  EXPECT_EQ(kProgressMeasures[3], "problems_solved");
  EXPECT_EQ(kProgressMeasures[4], "suggestions");
  const ProgressTargets defaults;
  EXPECT_EQ(defaults.yearly, kHundreds) << "100 each (doc 1)";
}

}  // namespace
}  // namespace shuanglian::core
