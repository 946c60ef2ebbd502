// Field records written through FieldworkStore and read through FieldworkRepository on both
// backends (issue 7): a record sent twice is stored once (its client UUID), a stale version
// is a conflict that writes nothing, one stationed day and one diary entry per cadre per day,
// the problem workflow with its events and counts, and the data scope of every reader and
// writer: a cadre only their own households' records (out of scope is "not found", never a
// hint that the record exists), an office only its region, a leader nothing at all.

#include "store/fieldwork_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "fieldwork/fieldwork_world.h"
#include "store/backend_fixture.h"
#include "store/fieldwork_repository.h"
#include "store/progress_ledger.h"
#include "support/lock_waits.h"

namespace shuanglian::testing {
namespace {

using fw::Accepted;
using fw::Code;
using fw::Describe;
using store::RowOutcome;

class FieldworkStoreTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    world_ = std::make_unique<fw::World>(db());
  }

  fw::World& world() { return *world_; }

  std::set<std::string> DiaryUuids(const store::DataScope& scope) {
    std::set<std::string> uuids;
    for (const auto& entry : store::FieldworkRepository(db()).DiaryEntries({}, scope)) {
      uuids.insert(entry.meta.client_uuid);
    }
    return uuids;
  }
  std::set<std::string> VisitUuids(const store::DataScope& scope) {
    std::set<std::string> uuids;
    for (const auto& visit : store::FieldworkRepository(db()).Visits({}, scope)) {
      uuids.insert(visit.meta.client_uuid);
    }
    return uuids;
  }
  std::set<std::string> StationedUuids(const store::DataScope& scope) {
    std::set<std::string> uuids;
    for (const auto& day : store::FieldworkRepository(db()).StationedDays({}, scope)) {
      uuids.insert(day.meta.client_uuid);
    }
    return uuids;
  }
  std::set<std::string> ProblemUuids(const store::DataScope& scope) {
    std::set<std::string> uuids;
    for (const auto& problem : store::FieldworkRepository(db()).Problems({}, scope)) {
      uuids.insert(problem.meta.client_uuid);
    }
    return uuids;
  }
  std::set<std::string> SuggestionUuids(const store::DataScope& scope) {
    std::set<std::string> uuids;
    for (const auto& suggestion : store::FieldworkRepository(db()).Suggestions({}, scope)) {
      uuids.insert(suggestion.meta.client_uuid);
    }
    return uuids;
  }
  std::set<std::string> AidUuids(const store::DataScope& scope) {
    std::set<std::string> uuids;
    for (const auto& aid : store::FieldworkRepository(db()).Aid({}, scope)) {
      uuids.insert(aid.meta.client_uuid);
    }
    return uuids;
  }

  std::optional<store::StoredDiaryEntry> DiaryOf(const std::string& uuid) {
    store::FieldFilter filter;
    filter.client_uuid = uuid;
    const auto entries =
        store::FieldworkRepository(db()).DiaryEntries(filter, store::DataScope::System());
    if (entries.empty()) {
      return std::nullopt;
    }
    return entries.front();
  }

  std::optional<store::StoredProblem> ProblemOf(std::int64_t id) {
    return store::FieldworkRepository(db()).ProblemById(id, store::DataScope::System());
  }

  // Every table a field write touches, and the counters: a refused write changes none.
  std::vector<std::int64_t> Snapshot() {
    std::vector<std::int64_t> counts;
    for (const char* table :
         {"stationed_days", "visits", "visit_helpers", "visit_households", "visit_photos",
          "diary_entries", "problems", "problem_events", "problem_cases", "suggestions", "aid",
          "donation_drives", "visited_households"}) {
      counts.push_back(world().Rows(table));
    }
    counts.push_back(db().Query("SELECT COALESCE(sum(stationed_days + households_visited + "
                                "diary_days + problems_solved + suggestions), 0) FROM "
                                "progress_counters")[0]
                         .Int(0));
    counts.push_back(db().Query("SELECT COALESCE(sum(version), 0) FROM problems")[0].Int(0));
    counts.push_back(db().Query("SELECT COALESCE(sum(version), 0) FROM diary_entries")[0].Int(0));
    counts.push_back(db().Query("SELECT COALESCE(sum(version), 0) FROM visits")[0].Int(0));
    return counts;
  }

  std::unique_ptr<fw::World> world_;
};

// ---------------------------------------------------------------------------------------------
// The same record twice.

TEST_P(FieldworkStoreTest, EveryKindSentTwiceIsStoredOnce) {
  fw::World& w = world();
  const fw::Writer cadre = w.AsCadre(w.a);
  std::int64_t first = 0;
  std::int64_t again = 0;
  // Each kind: inserted, then unchanged with the same id; one row.
  EXPECT_EQ(w.SaveStationed(cadre, fw::Stationed("s-1", "2012-03-01"), &first).outcome,
            RowOutcome::kInserted);
  EXPECT_EQ(w.SaveStationed(cadre, fw::Stationed("s-1", "2012-03-01"), &again).outcome,
            RowOutcome::kUnchanged);
  EXPECT_EQ(first, again);
  EXPECT_EQ(w.SaveVisit(cadre, fw::VisitOf("v-1", "2012-03-01", {"FA1", "FA2"}), &first).outcome,
            RowOutcome::kInserted);
  EXPECT_EQ(w.SaveVisit(cadre, fw::VisitOf("v-1", "2012-03-01", {"FA1", "FA2"}), &again).outcome,
            RowOutcome::kUnchanged);
  EXPECT_EQ(first, again);
  // The same households in another order are the same visit.
  EXPECT_EQ(w.SaveVisit(cadre, fw::VisitOf("v-1", "2012-03-01", {"FA2", "FA1"})).outcome,
            RowOutcome::kUnchanged);
  EXPECT_EQ(w.SaveDiary(cadre, fw::Diary("d-1", "2012-03-01", "今天走访了两户。")).outcome,
            RowOutcome::kInserted);
  EXPECT_EQ(w.SaveDiary(cadre, fw::Diary("d-1", "2012-03-01", "今天走访了两户。")).outcome,
            RowOutcome::kUnchanged);
  EXPECT_EQ(w.SaveProblem(cadre, fw::ProblemOf("p-1", "FA1", "2012-03-01")).outcome,
            RowOutcome::kInserted);
  EXPECT_EQ(w.SaveProblem(cadre, fw::ProblemOf("p-1", "FA1", "2012-03-01")).outcome,
            RowOutcome::kUnchanged);
  EXPECT_EQ(w.SaveSuggestion(cadre, fw::SuggestionOf("g-1", "2012-03-01")).outcome,
            RowOutcome::kInserted);
  EXPECT_EQ(w.SaveSuggestion(cadre, fw::SuggestionOf("g-1", "2012-03-01")).outcome,
            RowOutcome::kUnchanged);
  EXPECT_EQ(w.SaveAid(cadre, fw::AidOf("a-1", "2012-03-01", "FA1")).outcome, RowOutcome::kInserted);
  EXPECT_EQ(w.SaveAid(cadre, fw::AidOf("a-1", "2012-03-01", "FA1")).outcome,
            RowOutcome::kUnchanged);

  for (const char* table :
       {"stationed_days", "visits", "diary_entries", "problems", "suggestions", "aid"}) {
    EXPECT_EQ(w.Rows(table), 1) << table;
  }
  EXPECT_EQ(w.Rows("visit_households"), 2);
  EXPECT_EQ(w.Rows("problem_events"), 1) << "a retry registers no second event";
  EXPECT_EQ(w.Rows("donation_drives"), 1);
  // Counted once.
  EXPECT_EQ(w.Counters(w.a, 2012), (core::ProgressCounts{1, 2, 1, 0, 1}));

  // A ledger imported twice: the same again, unchanged.
  const fw::Writer ledger = w.AsLedger();
  EXPECT_EQ(
      w.SaveDiary(ledger, fw::Diary("imp-d-2", "2012-03-02", "第二天。", fw::kVillage, fw::kPhoneA))
          .outcome,
      RowOutcome::kInserted);
  EXPECT_EQ(
      w.SaveDiary(ledger, fw::Diary("imp-d-2", "2012-03-02", "第二天。", fw::kVillage, fw::kPhoneA))
          .outcome,
      RowOutcome::kUnchanged);
  EXPECT_EQ(w.Rows("diary_entries"), 2);
  EXPECT_EQ(w.Counters(w.a, 2012).diary_days, 2);
}

TEST_P(FieldworkStoreTest, ARetryOfAnEditIsUnchangedNotAConflict) {
  fw::World& w = world();
  ASSERT_TRUE(Accepted(w.SaveDiary(w.AsCadre(w.a), fw::Diary("d-1", "2012-03-01", "初稿。"))));
  const fw::Writer edit = w.AsCadre(w.a, "2012-03-02T08:00:00+08:00", 1);
  EXPECT_EQ(w.SaveDiary(edit, fw::Diary("d-1", "2012-03-01", "改过的稿子。")).outcome,
            RowOutcome::kUpdated);
  // The answer was lost on the way; the phone sends the same edit again.
  const store::RowResult retry = w.SaveDiary(edit, fw::Diary("d-1", "2012-03-01", "改过的稿子。"));
  EXPECT_EQ(retry.outcome, RowOutcome::kUnchanged) << Describe(retry);
  EXPECT_EQ(DiaryOf("d-1")->meta.version, 2);
}

// ---------------------------------------------------------------------------------------------
// Versions.

TEST_P(FieldworkStoreTest, AStaleVersionIsAConflictAndWritesNothing) {
  fw::World& w = world();
  ASSERT_TRUE(Accepted(w.SaveDiary(w.AsCadre(w.a), fw::Diary("d-1", "2012-03-01", "第一版。"))));
  ASSERT_EQ(DiaryOf("d-1")->meta.version, 1);
  // The office corrects it (version 1 → 2).
  fw::Writer office;
  office.scope = fw::OfficeScope(fw::kTownship);
  office.base_version = 1;
  const store::RowResult corrected = w.SaveDiary(
      office, fw::Diary("d-1", "2012-03-01", "第二版，办公室改。", fw::kVillage, fw::kPhoneA));
  ASSERT_EQ(corrected.outcome, RowOutcome::kUpdated) << Describe(corrected);
  ASSERT_EQ(DiaryOf("d-1")->meta.version, 2);

  // The cadre's phone still holds version 1 and sends its own change.
  const auto before = Snapshot();
  const store::RowResult stale = w.SaveDiary(w.AsCadre(w.a, "2012-03-03T08:00:00+08:00", 1),
                                             fw::Diary("d-1", "2012-03-01", "第二版，干部改。"));
  EXPECT_EQ(stale.outcome, RowOutcome::kRejected);
  EXPECT_EQ(Code(stale), "version_conflict") << Describe(stale);
  ASSERT_TRUE(stale.error);
  EXPECT_EQ(stale.error->column, "记录编号");
  EXPECT_NE(stale.error->message.find("2"), std::string::npos) << stale.error->message;
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(DiaryOf("d-1")->record.text, "第二版，办公室改。");
  EXPECT_EQ(DiaryOf("d-1")->meta.version, 2);

  // A "new" record (base version 0) whose UUID is taken by a different content: a conflict too.
  const store::RowResult renewed =
      w.SaveDiary(w.AsCadre(w.a), fw::Diary("d-1", "2012-03-01", "离线时又写了一遍。"));
  EXPECT_EQ(Code(renewed), "version_conflict") << Describe(renewed);
  EXPECT_EQ(Snapshot(), before);

  // An edit of a record that does not exist.
  const store::RowResult missing = w.SaveDiary(w.AsCadre(w.a, "2012-03-03T08:00:00+08:00", 3),
                                               fw::Diary("d-404", "2012-03-04", "没有这条。"));
  EXPECT_EQ(Code(missing), "not_found") << Describe(missing);
  EXPECT_EQ(Snapshot(), before);

  // With the current version the cadre's change goes in.
  const store::RowResult current = w.SaveDiary(w.AsCadre(w.a, "2012-03-03T08:00:00+08:00", 2),
                                               fw::Diary("d-1", "2012-03-01", "第三版。"));
  EXPECT_EQ(current.outcome, RowOutcome::kUpdated) << Describe(current);
  EXPECT_EQ(DiaryOf("d-1")->meta.version, 3);
  EXPECT_EQ(w.Counters(w.a, 2012).diary_days, 1);
}

TEST_P(FieldworkStoreTest, AStaleVisitLeavesItsHouseholdsAndCountsAlone) {
  fw::World& w = world();
  ASSERT_TRUE(Accepted(w.SaveVisit(w.AsCadre(w.a), fw::VisitOf("v-1", "2012-03-01", {"FA1"}))));
  ASSERT_TRUE(Accepted(w.SaveVisit(w.AsCadre(w.a, "2012-03-02T08:00:00+08:00", 1),
                                   fw::VisitOf("v-1", "2012-03-01", {"FA1", "FA2"}))));
  ASSERT_EQ(w.Counters(w.a, 2012).households_visited, 2);
  const auto before = Snapshot();
  const store::RowResult stale = w.SaveVisit(w.AsCadre(w.a, "2012-03-03T08:00:00+08:00", 1),
                                             fw::VisitOf("v-1", "2012-03-01", {"FA3"}));
  EXPECT_EQ(Code(stale), "version_conflict") << Describe(stale);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(w.Counters(w.a, 2012).households_visited, 2);
}

TEST_P(FieldworkStoreTest, AStaleProblemStepIsAConflictAndWritesNothing) {
  fw::World& w = world();
  std::int64_t id = 0;
  ASSERT_TRUE(
      Accepted(w.SaveProblem(w.AsCadre(w.a), fw::ProblemOf("p-1", "FA1", "2012-03-01"), &id)));
  ASSERT_TRUE(Accepted(w.Move(w.AsCadre(w.a, "2012-03-02T10:00:00+08:00", 1), id, "in_progress")));
  const auto before = Snapshot();
  // Another screen still shows version 1.
  const store::RowResult stale =
      w.Move(w.AsCadre(w.a, "2012-03-03T10:00:00+08:00", 1), id, "reported");
  EXPECT_EQ(Code(stale), "version_conflict") << Describe(stale);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(ProblemOf(id)->record.status, "in_progress");
}

// ---------------------------------------------------------------------------------------------
// One a day.

TEST_P(FieldworkStoreTest, OneStationedDayAndOneDiaryEntryPerCadrePerDay) {
  fw::World& w = world();
  ASSERT_TRUE(Accepted(w.SaveStationed(w.AsCadre(w.a), fw::Stationed("s-1", "2012-03-01"))));
  ASSERT_TRUE(Accepted(w.SaveDiary(w.AsCadre(w.a), fw::Diary("d-1", "2012-03-01", "一。"))));
  const auto before = Snapshot();
  for (const store::RowResult& second :
       {w.SaveStationed(w.AsCadre(w.a), fw::Stationed("s-2", "2012-03-01", fw::kVillage)),
        w.SaveDiary(w.AsCadre(w.a), fw::Diary("d-2", "2012-03-01", "同一天又一篇。")),
        // A ledger brings the same day again under another UUID.
        w.SaveStationed(w.AsLedger(),
                        fw::Stationed("s-3", "2012-03-01", fw::kVillage, fw::kPhoneA)),
        w.SaveDiary(w.AsLedger(),
                    fw::Diary("d-3", "2012-03-01", "台账里的。", fw::kVillage, fw::kPhoneA))}) {
    EXPECT_EQ(second.outcome, RowOutcome::kRejected);
    EXPECT_EQ(Code(second), "duplicate_day") << Describe(second);
    ASSERT_TRUE(second.error);
    // Named by the kind's own date column: 驻村日期 or 日期 (the diary's).
    EXPECT_TRUE(second.error->column == "驻村日期" || second.error->column == "日期")
        << second.error->column;
    EXPECT_NE(second.error->message.find("2012-03-01"), std::string::npos) << second.error->message;
  }
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(w.Counters(w.a, 2012), (core::ProgressCounts{1, 0, 1, 0, 0}));

  // Another cadre, the same day: theirs.
  EXPECT_TRUE(Accepted(w.SaveStationed(w.AsCadre(w.b), fw::Stationed("s-b", "2012-03-01"))));
  EXPECT_TRUE(Accepted(w.SaveDiary(w.AsCadre(w.b), fw::Diary("d-b", "2012-03-01", "乙的。"))));
  // The entry itself may be corrected on its day.
  EXPECT_EQ(w.SaveDiary(w.AsCadre(w.a, "2012-03-01T22:00:00+08:00", 1),
                        fw::Diary("d-1", "2012-03-01", "一，补记。"))
                .outcome,
            RowOutcome::kUpdated);
  // But not moved onto a day that has one.
  ASSERT_TRUE(Accepted(w.SaveDiary(w.AsCadre(w.a), fw::Diary("d-4", "2012-03-02", "二。"))));
  const store::RowResult moved = w.SaveDiary(w.AsCadre(w.a, "2012-03-03T08:00:00+08:00", 1),
                                             fw::Diary("d-4", "2012-03-01", "二，挪到一号。"));
  EXPECT_EQ(Code(moved), "duplicate_day") << Describe(moved);
  EXPECT_EQ(DiaryOf("d-4")->record.day, fw::Day("2012-03-02"));
  EXPECT_EQ(w.Counters(w.a, 2012).diary_days, 2);
}

// ---------------------------------------------------------------------------------------------
// The workflow in the store: steps, events, counts.

TEST_P(FieldworkStoreTest, TheWorkflowStepsAreRecordedWithEventsAndCounts) {
  fw::World& w = world();
  std::int64_t id = 0;
  ASSERT_TRUE(Accepted(w.SaveProblem(w.AsCadre(w.a, "2012-03-01T09:00:00+08:00"),
                                     fw::ProblemOf("p-1", "FA1", "2012-03-01"), &id)));
  EXPECT_EQ(ProblemOf(id)->record.status, "registered");

  // Refused: straight to solved, and a solution without its result. Nothing is written.
  auto before = Snapshot();
  const store::RowResult skipped =
      w.Move(w.AsCadre(w.a, "2012-03-01T10:00:00+08:00", std::nullopt), id, "solved", "办好了");
  EXPECT_EQ(skipped.outcome, RowOutcome::kRejected);
  EXPECT_EQ(Code(skipped), "transition_forbidden") << Describe(skipped);
  EXPECT_EQ(Snapshot(), before);
  const store::RowResult rated = w.Rate(w.AsCadre(w.a), id, "satisfied");
  EXPECT_EQ(Code(rated), "not_solved") << Describe(rated);
  EXPECT_EQ(Snapshot(), before);

  ASSERT_TRUE(Accepted(
      w.Move(w.AsCadre(w.a, "2012-03-02T10:00:00+08:00", std::nullopt), id, "in_progress")));
  before = Snapshot();
  const store::RowResult empty =
      w.Move(w.AsCadre(w.a, "2012-03-05T10:00:00+08:00", std::nullopt), id, "solved", "");
  EXPECT_EQ(Code(empty), "result_required") << Describe(empty);
  EXPECT_EQ(empty.outcome, RowOutcome::kRejected);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 0);

  ASSERT_TRUE(Accepted(w.Move(w.AsCadre(w.a, "2012-03-05T10:00:00+08:00", std::nullopt), id,
                              "solved", "协调供销社赊购化肥4袋")));
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 1);
  auto solved = ProblemOf(id);
  EXPECT_EQ(solved->record.status, "solved");
  EXPECT_EQ(solved->record.result, "协调供销社赊购化肥4袋");
  EXPECT_EQ(solved->solved_at.substr(0, 10), "2012-03-05");
  ASSERT_TRUE(Accepted(w.Rate(w.AsCadre(w.a), id, "satisfied")));
  EXPECT_EQ(ProblemOf(id)->record.satisfaction, "satisfied");
  const store::RowResult odd = w.Rate(w.AsCadre(w.a), id, "很好");
  EXPECT_EQ(Code(odd), "not_in_dictionary") << Describe(odd);

  // The household was not satisfied after all: reopened, the count taken back.
  ASSERT_TRUE(Accepted(
      w.Move(w.AsCadre(w.a, "2012-03-20T10:00:00+08:00", std::nullopt), id, "in_progress")));
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 0);
  EXPECT_EQ(ProblemOf(id)->record.satisfaction, "") << "the old rating goes with the solution";
  ASSERT_TRUE(Accepted(w.Move(w.AsCadre(w.a, "2012-04-01T10:00:00+08:00", std::nullopt), id,
                              "solved", "二次回访后补发化肥2袋")));
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 1);

  const auto events = ProblemOf(id)->events;
  std::vector<std::string> steps;
  for (const store::ProblemEvent& event : events) {
    steps.push_back(event.from_status + ">" + event.to_status);
  }
  EXPECT_EQ(steps, (std::vector<std::string>{">registered", "registered>in_progress",
                                             "in_progress>solved", "solved>solved",
                                             "solved>in_progress", "in_progress>solved"}));
  EXPECT_EQ(events.back().at, "2012-04-01T10:00:00+08:00");
  EXPECT_EQ(events.back().username, "cadre-" + std::to_string(w.a));
}

TEST_P(FieldworkStoreTest, AProblemReadBackAndWrittenAgainIsUnchanged) {
  fw::World& w = world();
  const std::int64_t id = w.ProblemThrough(
      w.a, "p-1", "FA1", "2012-03-01", {{"in_progress", "2012-03-02"}, {"solved", "2012-03-10"}});
  ASSERT_TRUE(Accepted(w.Rate(w.AsCadre(w.a), id, "fair")));
  const auto stored = ProblemOf(id);
  ASSERT_TRUE(stored.has_value());
  const std::int64_t version = stored->meta.version;
  // The record as it is now, sent again (a ledger exported and imported back, a phone's retry
  // of what it last read): the same content, so nothing changes.
  core::Problem again = stored->record;
  again.helper_phone = fw::kPhoneA;
  const store::RowResult result = w.SaveProblem(w.AsLedger(), again);
  // Regression (fixed): "updated", and a new version: MoveProblem and RateProblem change status,
  // result and satisfaction without recomputing content_hash (src/store/fieldwork_problems.cpp:201
  // and :224), so the stored hash still describes the problem as it was registered.
  EXPECT_EQ(result.outcome, RowOutcome::kUnchanged) << Describe(result);
  EXPECT_EQ(ProblemOf(id)->meta.version, version);
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 1);
}

TEST_P(FieldworkStoreTest, TheLeadershipRoadAndItsRefusals) {
  fw::World& w = world();
  const std::int64_t id =
      w.ProblemThrough(w.a, "p-1", "FA1", "2012-03-01", {{"reported", "2012-03-02"}});
  // 上报领导小组 → 已解决 skips the leadership group.
  const store::RowResult skipped =
      w.Move(w.AsCadre(w.a, "2012-03-03T10:00:00+08:00", std::nullopt), id, "solved", "解决");
  EXPECT_EQ(Code(skipped), "transition_forbidden") << Describe(skipped);
  const store::RowResult back =
      w.Move(w.AsCadre(w.a, "2012-03-03T10:00:00+08:00", std::nullopt), id, "in_progress");
  EXPECT_EQ(Code(back), "transition_forbidden") << Describe(back);
  ASSERT_TRUE(Accepted(
      w.Move(w.AsCadre(w.a, "2012-03-04T10:00:00+08:00", std::nullopt), id, "leadership")));
  ASSERT_TRUE(Accepted(w.Move(w.AsCadre(w.a, "2012-03-20T10:00:00+08:00", std::nullopt), id,
                              "solved", "领导小组协调：纳入村人饮工程二期")));
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 1);
  // Unknown states.
  const store::RowResult unknown =
      w.Move(w.AsCadre(w.a, "2012-03-21T10:00:00+08:00", std::nullopt), id, "closed");
  EXPECT_EQ(Code(unknown), "transition_forbidden") << Describe(unknown);
}

TEST_P(FieldworkStoreTest, AFormRegistersALedgerMayBringASolvedProblem) {
  fw::World& w = world();
  core::Problem solved = fw::ProblemOf("p-1", "FA1", "2011-11-20");
  solved.status = "solved";
  solved.result = "联系畜牧站技术员上门指导两次";
  // A form starts at 登记.
  const store::RowResult form = w.SaveProblem(w.AsCadre(w.a), solved);
  EXPECT_EQ(Code(form), "use_workflow") << Describe(form);
  EXPECT_EQ(w.Rows("problems"), 0);
  // An old ledger's solved problem counts in the year it was closed (its raising day).
  core::Problem ledger_row = solved;
  ledger_row.helper_phone = fw::kPhoneA;
  const store::RowResult ledger = w.SaveProblem(w.AsLedger(), ledger_row);
  EXPECT_EQ(ledger.outcome, RowOutcome::kInserted) << Describe(ledger);
  EXPECT_EQ(w.Counters(w.a, 2011).problems_solved, 1);
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 0);
  // A change of status by rewriting the record is refused: only the workflow moves it.
  std::int64_t id = 0;
  ASSERT_TRUE(
      Accepted(w.SaveProblem(w.AsCadre(w.a), fw::ProblemOf("p-2", "FA2", "2012-03-01"), &id)));
  core::Problem rewritten = fw::ProblemOf("p-2", "FA2", "2012-03-01");
  rewritten.status = "in_progress";
  const store::RowResult rewrite =
      w.SaveProblem(w.AsCadre(w.a, "2012-03-02T08:00:00+08:00", 1), rewritten);
  EXPECT_EQ(Code(rewrite), "use_workflow") << Describe(rewrite);
  EXPECT_EQ(ProblemOf(id)->record.status, "registered");
}

TEST_P(FieldworkStoreTest, SimilarProblemsAreGroupedIntoACase) {
  fw::World& w = world();
  const std::int64_t first = w.ProblemThrough(w.a, "p-1", "FA1", "2012-03-01", {});
  const std::int64_t second =
      w.ProblemThrough(w.a, "p-2", "FA2", "2012-03-01", {{"in_progress", "2012-03-02"}});
  const std::int64_t done = w.ProblemThrough(
      w.a, "p-3", "FA3", "2012-03-01", {{"in_progress", "2012-03-02"}, {"solved", "2012-03-03"}});
  const std::int64_t theirs = w.ProblemThrough(w.b, "p-4", "FB1", "2012-03-01", {});
  const auto group = [&](const std::vector<std::int64_t>& ids, std::int64_t* case_id) {
    return w.Write(w.AsCadre(w.a, "2012-03-05T10:00:00+08:00", std::nullopt),
                   [&](store::FieldworkStore& store, const store::FieldWrite& write) {
                     return store.GroupProblems("春播缺化肥", fw::kVillage, ids, write, case_id);
                   });
  };
  std::int64_t case_id = 0;
  const auto before = Snapshot();
  EXPECT_EQ(Code(group({first}, &case_id)), "too_few");
  EXPECT_EQ(Code(group({first, done}, &case_id)), "already_solved");
  EXPECT_EQ(Code(group({first, theirs}, &case_id)), "not_found") << "another cadre's problem";
  EXPECT_EQ(Snapshot(), before);
  const store::RowResult grouped = group({first, second}, &case_id);
  ASSERT_TRUE(Accepted(grouped)) << Describe(grouped);
  EXPECT_GT(case_id, 0);
  EXPECT_EQ(ProblemOf(first)->case_id, case_id);
  EXPECT_EQ(ProblemOf(second)->case_id, case_id);
  EXPECT_FALSE(ProblemOf(done)->case_id.has_value());
}

// ---------------------------------------------------------------------------------------------
// Scope: what a cadre may write.

TEST_P(FieldworkStoreTest, ACadreWritesOnlyForTheirOwnHouseholdsAndVillages) {
  fw::World& w = world();
  const fw::Writer cadre = w.AsCadre(w.a);
  ASSERT_TRUE(Accepted(w.SaveVisit(cadre, fw::VisitOf("v-own", "2012-03-01", {"FA1"}))));
  ASSERT_TRUE(Accepted(w.SaveDiary(w.AsCadre(w.b), fw::Diary("d-b", "2012-03-01", "乙的日记。"))));
  std::int64_t theirs = 0;
  ASSERT_TRUE(
      Accepted(w.SaveProblem(w.AsCadre(w.b), fw::ProblemOf("p-b", "FB1", "2012-03-01"), &theirs)));
  const auto before = Snapshot();

  struct Case {
    const char* what;
    store::RowResult result;
    std::set<std::string> codes;
  };
  const std::vector<Case> cases = {
      {"a visit to another cadre's household in the same village",
       w.SaveVisit(cadre, fw::VisitOf("v-1", "2012-03-02", {"FB1"})),
       {"unknown_household"}},
      {"a visit to nobody's household",
       w.SaveVisit(cadre, fw::VisitOf("v-2", "2012-03-02", {"FN2"})),
       {"unknown_household"}},
      {"a visit to one own and one other household",
       w.SaveVisit(cadre, fw::VisitOf("v-3", "2012-03-02", {"FA1", "FB2"})),
       {"unknown_household"}},
      {"a problem of another's household",
       w.SaveProblem(cadre, fw::ProblemOf("p-1", "FB1", "2012-03-02")),
       {"unknown_household"}},
      {"aid to another's household",
       w.SaveAid(cadre, fw::AidOf("a-1", "2012-03-02", "FB1")),
       {"unknown_household"}},
      {"a stationed day in another township's village",
       w.SaveStationed(cadre, fw::Stationed("s-1", "2012-03-02", fw::kVillage3)),
       {"out_of_scope"}},
      {"a stationed day in B's other village",
       w.SaveStationed(cadre, fw::Stationed("s-2", "2012-03-02", fw::kVillage2)),
       {"out_of_scope"}},
      {"a diary in another county",
       w.SaveDiary(cadre, fw::Diary("d-1", "2012-03-02", "远方。", fw::kFarVillage)),
       {"out_of_scope"}},
      {"a diary in B's name",
       w.SaveDiary(cadre, fw::Diary("d-2", "2012-03-02", "代写。", fw::kVillage, fw::kPhoneB)),
       {"out_of_scope"}},
      {"a suggestion in B's name",
       w.SaveSuggestion(cadre, fw::SuggestionOf("g-1", "2012-03-02", fw::kVillage, fw::kPhoneB)),
       {"out_of_scope"}},
      {"B's diary overwritten by its UUID",
       w.SaveDiary(cadre, fw::Diary("d-b", "2012-03-02", "改写乙的。")),
       {"uuid_taken", "not_found"}},
      {"B's problem moved",
       w.Move(w.AsCadre(w.a, "2012-03-02T10:00:00+08:00", std::nullopt), theirs, "in_progress"),
       {"not_found"}},
      {"B's problem rated", w.Rate(cadre, theirs, "satisfied"), {"not_found"}},
  };
  for (const Case& refusal : cases) {
    EXPECT_EQ(refusal.result.outcome, RowOutcome::kRejected) << refusal.what;
    EXPECT_TRUE(refusal.codes.contains(Code(refusal.result)))
        << refusal.what << ": " << Describe(refusal.result);
  }
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(DiaryOf("d-b")->record.text, "乙的日记。");

  // A cadre's account that may not write (a read-only role) writes nothing, even their own.
  fw::Writer read_only = cadre;
  read_only.scope = fw::HelperScope(w.a, false);
  const store::RowResult refused = w.SaveDiary(read_only, fw::Diary("d-3", "2012-03-03", "只读。"));
  EXPECT_EQ(refused.outcome, RowOutcome::kRejected) << Describe(refused);
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(FieldworkStoreTest, ACadreCannotCreditTheirVisitToACadreWhoDoesNotWorkThere) {
  fw::World& w = world();
  // A colleague of the same unit, paired in the same village, may have gone along.
  EXPECT_TRUE(Accepted(w.SaveVisit(
      w.AsCadre(w.a), fw::VisitOf("v-1", "2012-03-01", {"FA1"}, fw::kVillage, {fw::kPhoneB}))));
  EXPECT_EQ(w.Counters(w.b, 2012).households_visited, 1);
  const auto before = Snapshot();
  // D works in 泉湖, another county, with no pairing in this village or township.
  const store::RowResult far = w.SaveVisit(
      w.AsCadre(w.a), fw::VisitOf("v-2", "2012-03-02", {"FA2"}, fw::kVillage, {fw::kPhoneD}));
  // Regression (fixed): a cadre may not write a diary or a stationed day in another's name
  // ("只能登记本人的 记录", out_of_scope), yet may name any helper of the province on a visit,
  // which then counts for that helper's 五个百 and shows in their records: SaveVisit resolves the
  // listed phones without any scope check (src/store/fieldwork_visits.cpp:48). Refuse helpers with
  // no pairing in the visit's village (CheckVillage for each of them).
  EXPECT_EQ(far.outcome, RowOutcome::kRejected) << Describe(far);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(w.Counters(w.d, 2012).households_visited, 0);
}

TEST_P(FieldworkStoreTest, AnOfficeWritesWithinItsRegionAndALeaderNowhere) {
  fw::World& w = world();
  fw::Writer office;
  office.scope = fw::OfficeScope(fw::kTownship);
  // For its cadres, naming them by phone.
  EXPECT_TRUE(Accepted(
      w.SaveStationed(office, fw::Stationed("s-1", "2012-03-01", fw::kVillage, fw::kPhoneA))));
  EXPECT_TRUE(Accepted(w.SaveVisit(office, fw::VisitOf("v-1", "2012-03-01", {"FA1", "FB1"},
                                                       fw::kVillage, {fw::kPhoneA, fw::kPhoneB}))));
  EXPECT_TRUE(Accepted(
      w.SaveProblem(office, fw::ProblemOf("p-1", "FN2", "2012-03-01", fw::kVillage, fw::kPhoneA))));
  EXPECT_TRUE(Accepted(w.SaveAid(office, fw::AidOf("a-1", "2012-03-01", "FB3", fw::kVillage2))));
  const auto before = Snapshot();
  // Outside its township: refused, nothing written.
  const store::RowResult other_township =
      w.SaveStationed(office, fw::Stationed("s-2", "2012-03-01", fw::kVillage3, fw::kPhoneC));
  EXPECT_EQ(Code(other_township), "out_of_scope") << Describe(other_township);
  const store::RowResult far_household = w.SaveVisit(
      office, fw::VisitOf("v-2", "2012-03-01", {"FD1"}, fw::kFarVillage, {fw::kPhoneD}));
  EXPECT_EQ(far_household.outcome, RowOutcome::kRejected) << Describe(far_household);
  // Without naming a cadre an office records nobody's day.
  const store::RowResult nobody = w.SaveDiary(office, fw::Diary("d-1", "2012-03-01", "谁的？"));
  EXPECT_EQ(Code(nobody), "required") << Describe(nobody);
  EXPECT_EQ(Snapshot(), before);

  // The other township's office may not touch 甘草店镇's problem.
  const std::int64_t id = *store::FieldworkRepository(db()).IdOfUuid(
      store::FieldKind::kProblem, "p-1", store::DataScope::System());
  fw::Writer neighbour;
  neighbour.scope = fw::OfficeScope(fw::kTownship2);
  EXPECT_EQ(Code(w.Move(neighbour, id, "in_progress")), "not_found");
  EXPECT_EQ(Snapshot(), before);

  // A leader reads; a leader writes nothing.
  fw::Writer leader;
  leader.scope = fw::LeaderScope(fw::kTownship);
  for (const store::RowResult& result :
       {w.SaveStationed(leader, fw::Stationed("s-3", "2012-03-02", fw::kVillage, fw::kPhoneA)),
        w.SaveDiary(leader,
                    fw::Diary("d-2", "2012-03-02", "领导写的。", fw::kVillage, fw::kPhoneA)),
        w.SaveSuggestion(leader, fw::SuggestionOf("g-1", "2012-03-02", fw::kVillage, fw::kPhoneA)),
        w.SaveAid(leader, fw::AidOf("a-2", "2012-03-02", "FA1")),
        w.Move(leader, id, "in_progress")}) {
    EXPECT_EQ(result.outcome, RowOutcome::kRejected) << Describe(result);
  }
  EXPECT_EQ(Snapshot(), before);
  // Nor does a unit's administrator.
  fw::Writer unit;
  unit.scope = fw::UnitScope(w.unit_township);
  unit.scope.can_write = true;
  EXPECT_EQ(
      w.SaveDiary(unit, fw::Diary("d-3", "2012-03-02", "单位写的。", fw::kVillage, fw::kPhoneA))
          .outcome,
      RowOutcome::kRejected);
  EXPECT_EQ(Snapshot(), before);
}

// ---------------------------------------------------------------------------------------------
// Scope: what each reader sees.

class FieldworkScopeReadTest : public FieldworkStoreTest {
 protected:
  void SetUp() override {
    FieldworkStoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    fw::World& w = world();
    for (const auto& [helper, village, tag] :
         std::vector<std::tuple<std::int64_t, std::string, std::string>>{
             {w.a, fw::kVillage, "a"},
             {w.b, fw::kVillage, "b"},
             {w.c, fw::kVillage3, "c"},
             {w.d, fw::kFarVillage, "d"}}) {
      const fw::Writer cadre = w.AsCadre(helper);
      ASSERT_TRUE(
          Accepted(w.SaveStationed(cadre, fw::Stationed("s-" + tag, "2012-03-01", village))));
      ASSERT_TRUE(
          Accepted(w.SaveDiary(cadre, fw::Diary("d-" + tag, "2012-03-01", "日记" + tag, village))));
      ASSERT_TRUE(
          Accepted(w.SaveSuggestion(cadre, fw::SuggestionOf("g-" + tag, "2012-03-01", village))));
    }
    const auto visit = [&](std::int64_t helper, const std::string& uuid,
                           const std::vector<std::string>& households, const std::string& village,
                           const std::vector<std::string>& phones = {}) {
      const store::RowResult result = w.SaveVisit(
          w.AsCadre(helper), fw::VisitOf(uuid, "2012-03-01", households, village, phones));
      ASSERT_TRUE(Accepted(result)) << uuid << ": " << Describe(result);
    };
    visit(w.a, "v-a", {"FA1"}, fw::kVillage);
    visit(w.b, "v-b", {"FB1"}, fw::kVillage);
    visit(w.b, "v-ba", {"FB2"}, fw::kVillage, {fw::kPhoneA});  // B took A along
    visit(w.c, "v-c", {"FC1"}, fw::kVillage3);
    visit(w.d, "v-d", {"FD1"}, fw::kFarVillage);
    ASSERT_TRUE(Accepted(w.SaveProblem(w.AsCadre(w.a), fw::ProblemOf("p-a", "FA1", "2012-03-01"))));
    ASSERT_TRUE(Accepted(w.SaveProblem(w.AsCadre(w.b), fw::ProblemOf("p-b", "FB1", "2012-03-01"))));
    ASSERT_TRUE(Accepted(
        w.SaveProblem(w.AsCadre(w.c), fw::ProblemOf("p-c", "FC1", "2012-03-01", fw::kVillage3))));
    // The office registers a problem of A's household with B answering for it.
    fw::Writer office;
    office.scope = fw::OfficeScope(fw::kTownship);
    ASSERT_TRUE(Accepted(w.SaveProblem(
        office, fw::ProblemOf("p-ab", "FA2", "2012-03-01", fw::kVillage, fw::kPhoneB))));
    // Aid from the township's unit, to A's household and to B's; and C's county aid.
    ASSERT_TRUE(Accepted(w.SaveAid(office, fw::AidOf("a-a", "2012-03-01", "FA3"))));
    ASSERT_TRUE(Accepted(w.SaveAid(office, fw::AidOf("a-b", "2012-03-01", "FB2"))));
    ASSERT_TRUE(
        Accepted(w.SaveAid(w.AsLedger(), fw::AidOf("a-c", "2012-03-01", "FC2", fw::kVillage3))));
  }
};

TEST_P(FieldworkScopeReadTest, ACadreSeesTheirOwnRecordsAndTheirHouseholdsOnly) {
  fw::World& w = world();
  const store::DataScope a = fw::HelperScope(w.a);
  EXPECT_EQ(StationedUuids(a), (std::set<std::string>{"s-a"}));
  EXPECT_EQ(DiaryUuids(a), (std::set<std::string>{"d-a"}));
  EXPECT_EQ(SuggestionUuids(a), (std::set<std::string>{"g-a"}));
  EXPECT_EQ(VisitUuids(a), (std::set<std::string>{"v-a", "v-ba"})) << "and the visit they went on";
  EXPECT_EQ(ProblemUuids(a), (std::set<std::string>{"p-a", "p-ab"})) << "and their household's";
  EXPECT_EQ(AidUuids(a), (std::set<std::string>{"a-a"}));

  const store::DataScope b = fw::HelperScope(w.b);
  EXPECT_EQ(DiaryUuids(b), (std::set<std::string>{"d-b"}));
  EXPECT_EQ(VisitUuids(b), (std::set<std::string>{"v-b", "v-ba"}));
  EXPECT_EQ(ProblemUuids(b), (std::set<std::string>{"p-b", "p-ab"}));
  EXPECT_EQ(AidUuids(b), (std::set<std::string>{"a-b"}));

  // Another's record by its UUID is not there at all (a 404, not a 403).
  store::FieldworkRepository repository(db());
  for (const auto& [kind, uuid] : std::vector<std::pair<store::FieldKind, std::string>>{
           {store::FieldKind::kDiary, "d-b"},
           {store::FieldKind::kStationedDay, "s-b"},
           {store::FieldKind::kVisit, "v-b"},
           {store::FieldKind::kProblem, "p-b"},
           {store::FieldKind::kSuggestion, "g-b"},
           {store::FieldKind::kAid, "a-b"},
           {store::FieldKind::kDiary, "d-d"}}) {
    EXPECT_FALSE(repository.IdOfUuid(kind, uuid, a).has_value()) << uuid;
    EXPECT_TRUE(repository.IdOfUuid(kind, uuid, store::DataScope::System()).has_value()) << uuid;
  }
  const std::int64_t b_problem =
      *repository.IdOfUuid(store::FieldKind::kProblem, "p-b", store::DataScope::System());
  EXPECT_FALSE(repository.ProblemById(b_problem, a).has_value());
  // Filters do not widen the scope.
  store::FieldFilter by_helper;
  by_helper.helper_id = w.b;
  EXPECT_TRUE(repository.DiaryEntries(by_helper, a).empty());
  std::int64_t total = -1;
  repository.DiaryEntries({}, a, &total);
  EXPECT_EQ(total, 1);
  // A signed-in account that holds nothing sees nothing.
  EXPECT_TRUE(DiaryUuids(store::DataScope{}).empty());
  EXPECT_TRUE(VisitUuids(store::DataScope{}).empty());
}

TEST_P(FieldworkScopeReadTest, AnOfficeSeesItsRegionAUnitItsCadres) {
  fw::World& w = world();
  const store::DataScope township = fw::OfficeScope(fw::kTownship);
  EXPECT_EQ(DiaryUuids(township), (std::set<std::string>{"d-a", "d-b"}));
  EXPECT_EQ(VisitUuids(township), (std::set<std::string>{"v-a", "v-b", "v-ba"}));
  EXPECT_EQ(ProblemUuids(township), (std::set<std::string>{"p-a", "p-b", "p-ab"}));
  EXPECT_EQ(AidUuids(township), (std::set<std::string>{"a-a", "a-b"}));
  const store::DataScope other = fw::OfficeScope(fw::kTownship2);
  EXPECT_EQ(DiaryUuids(other), (std::set<std::string>{"d-c"}));
  EXPECT_EQ(ProblemUuids(other), (std::set<std::string>{"p-c"}));
  EXPECT_EQ(AidUuids(other), (std::set<std::string>{"a-c"}));
  const store::DataScope county = fw::OfficeScope(fw::kCounty);
  EXPECT_EQ(DiaryUuids(county), (std::set<std::string>{"d-a", "d-b", "d-c"}));
  const store::DataScope far = fw::LeaderScope(fw::kFarTownship);
  EXPECT_EQ(DiaryUuids(far), (std::set<std::string>{"d-d"}));
  EXPECT_EQ(StationedUuids(far), (std::set<std::string>{"s-d"}));
  EXPECT_EQ(VisitUuids(far), (std::set<std::string>{"v-d"}));
  // A unit sees its cadres' records, wherever they are.
  const store::DataScope unit = fw::UnitScope(w.unit_township);
  EXPECT_EQ(DiaryUuids(unit), (std::set<std::string>{"d-a", "d-b"}));
  EXPECT_EQ(VisitUuids(unit), (std::set<std::string>{"v-a", "v-b", "v-ba"}));
  const store::DataScope county_unit = fw::UnitScope(w.unit_county);
  EXPECT_EQ(DiaryUuids(county_unit), (std::set<std::string>{"d-c"}));
  // A region filter inside the scope narrows; outside it finds nothing.
  store::FieldFilter village2;
  village2.region = fw::kVillage2;
  EXPECT_TRUE(store::FieldworkRepository(db()).DiaryEntries(village2, township).empty());
  store::FieldFilter far_region;
  far_region.region = fw::kFarTownship;
  EXPECT_TRUE(store::FieldworkRepository(db()).DiaryEntries(far_region, township).empty());
  EXPECT_FALSE(store::FieldworkRepository(db())
                   .IdOfUuid(store::FieldKind::kDiary, "d-c", township)
                   .has_value());
}

TEST_P(FieldworkScopeReadTest, ListsFilterByHouseholdDayAndHelperOnEveryKind) {
  fw::World& w = world();
  store::FieldworkRepository repository(db());
  const store::DataScope all = store::DataScope::System();
  const std::int64_t fa1 =
      db().Query("SELECT id FROM households WHERE household_no = 'FA1'")[0].Int(0);
  store::FieldFilter household;
  household.household_id = fa1;
  std::set<std::string> visits;
  for (const auto& visit : repository.Visits(household, all)) {
    visits.insert(visit.meta.client_uuid);
  }
  EXPECT_EQ(visits, (std::set<std::string>{"v-a"}));
  std::set<std::string> problems;
  for (const auto& problem : repository.Problems(household, all)) {
    problems.insert(problem.meta.client_uuid);
  }
  EXPECT_EQ(problems, (std::set<std::string>{"p-a"}));
  // The kinds that name no household: a household filter must not break the list (the API
  // passes ?household= to every kind).
  // They are about no household, so none is about this one (the API refuses the filter for
  // them with 400).
  EXPECT_TRUE(repository.DiaryEntries(household, all).empty());
  EXPECT_TRUE(repository.StationedDays(household, all).empty());
  EXPECT_TRUE(repository.Suggestions(household, all).empty());

  store::FieldFilter by_helper;
  by_helper.helper_id = w.a;
  std::set<std::string> a_visits;
  for (const auto& visit : repository.Visits(by_helper, all)) {
    a_visits.insert(visit.meta.client_uuid);
  }
  EXPECT_EQ(a_visits, (std::set<std::string>{"v-a", "v-ba"}));
  store::FieldFilter days;
  days.from_day = "2012-03-02";
  EXPECT_TRUE(repository.DiaryEntries(days, all).empty());
  days.from_day = "2012-03-01";
  days.to_day = "2012-03-01";
  EXPECT_EQ(repository.DiaryEntries(days, all).size(), 4u);
  store::FieldFilter status;
  status.status = "registered";
  EXPECT_EQ(repository.Problems(status, all).size(), 4u);
  status.status = "solved";
  EXPECT_TRUE(repository.Problems(status, all).empty());
  // Pages: newest first, then by id; the total counts them all.
  store::FieldFilter page;
  page.limit = 2;
  std::int64_t total = 0;
  EXPECT_EQ(repository.Visits(page, all, &total).size(), 2u);
  EXPECT_EQ(total, 5);
}

// ---------------------------------------------------------------------------------------------
// Counts kept in the writer's transaction.

TEST_P(FieldworkStoreTest, ARolledBackWriteLeavesNeitherRecordNorCount) {
  fw::World& w = world();
  const auto before = Snapshot();
  {
    store::Transaction transaction(db());
    const store::DataScope scope = fw::HelperScope(w.a);
    const store::WriteContext context{0, "2012-03-01T10:00:00+08:00", scope, "cadre"};
    const store::FieldWrite write{context, w.a, 0};
    store::FieldworkStore store(db(), w.dictionaries());
    ASSERT_TRUE(
        Accepted(store.SaveDiaryEntry(fw::Diary("d-1", "2012-03-01", "写了又撤回。"), write)));
    ASSERT_TRUE(Accepted(store.SaveVisit(fw::VisitOf("v-1", "2012-03-01", {"FA1"}), write)));
    ASSERT_TRUE(Accepted(store.SaveStationedDay(fw::Stationed("s-1", "2012-03-01"), write)));
    EXPECT_EQ(w.Counters(w.a, 2012), (core::ProgressCounts{1, 1, 1, 0, 0}))
        << "counted inside the transaction";
  }
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(w.Counters(w.a, 2012), (core::ProgressCounts{}));
}

// A drive's totals, a line per item and measure, come in the items' byte order on both
// backends, whatever the PostgreSQL database's collation (ICU zh-CN sorted 化肥 面粉 Rice by
// pinyin, SQLite Rice 化肥 面粉), and an item given in two measures in the measures' order
// (the sort named no measure, so such lines came in whichever order the plan gave).
TEST_P(FieldworkStoreTest, ADrivesLinesComeByItemInByteOrderThenByMeasure) {
  fw::World& w = world();
  const fw::Writer ledger = w.AsLedger();
  int sequence = 0;
  for (const auto& [item, measure] : std::vector<std::pair<std::string, std::string>>{
           {"面粉", "bag"}, {"化肥", "kg"}, {"Rice", "bag"}, {"化肥", "bag"}, {"面粉", "bag"}}) {
    core::Aid record = fw::AidOf("a-" + std::to_string(++sequence), "2012-03-01", "FA1");
    record.item = item;
    record.measure = measure;
    const store::RowResult saved = w.SaveAid(ledger, record);
    ASSERT_TRUE(Accepted(saved)) << item << ": " << Describe(saved);
  }
  const std::vector<store::DriveTotal> drives =
      store::FieldworkRepository(db()).Drives(fw::kTownship, store::DataScope::System());
  ASSERT_EQ(drives.size(), 1U);
  std::vector<std::string> lines;
  for (const store::DriveTotal::Line& line : drives[0].lines) {
    lines.push_back(line.item + " " + line.measure);
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"Rice bag", "化肥 bag", "化肥 kg", "面粉 bag"}));
  EXPECT_EQ(drives[0].records, 5);
}

TEST_P(FieldworkStoreTest, EditsMoveTheirCountsAndTheCountersMatchARecount) {
  fw::World& w = world();
  // A diary entry moved from 2012 to 2011, a visit's households changed, a stationed day
  // moved, a suggestion moved to 2013.
  ASSERT_TRUE(Accepted(w.SaveDiary(w.AsCadre(w.a), fw::Diary("d-1", "2012-01-02", "元月二日。"))));
  ASSERT_TRUE(Accepted(w.SaveDiary(w.AsCadre(w.a, "2012-06-30T12:00:00+08:00", 1),
                                   fw::Diary("d-1", "2011-12-30", "其实是去年的。"))));
  ASSERT_TRUE(
      Accepted(w.SaveVisit(w.AsCadre(w.a), fw::VisitOf("v-1", "2012-03-01", {"FA1", "FA2"}))));
  ASSERT_TRUE(Accepted(w.SaveVisit(w.AsCadre(w.a), fw::VisitOf("v-2", "2012-03-02", {"FA1"}))));
  ASSERT_TRUE(Accepted(w.SaveVisit(w.AsCadre(w.a, "2012-06-30T12:00:00+08:00", 1),
                                   fw::VisitOf("v-1", "2012-03-01", {"FA3"}))));
  ASSERT_TRUE(Accepted(w.SaveStationed(w.AsCadre(w.a), fw::Stationed("s-1", "2012-03-01"))));
  ASSERT_TRUE(Accepted(w.SaveStationed(w.AsCadre(w.a, "2012-06-30T12:00:00+08:00", 1),
                                       fw::Stationed("s-1", "2012-03-05"))));
  ASSERT_TRUE(Accepted(w.SaveSuggestion(w.AsCadre(w.a), fw::SuggestionOf("g-1", "2012-03-01"))));
  ASSERT_TRUE(Accepted(w.SaveSuggestion(w.AsCadre(w.a, "2013-01-02T12:00:00+08:00", 1),
                                        fw::SuggestionOf("g-1", "2013-01-02"))));
  // A visit of B's that A went on.
  ASSERT_TRUE(Accepted(w.SaveVisit(
      w.AsCadre(w.b), fw::VisitOf("v-3", "2012-03-03", {"FB1"}, fw::kVillage, {fw::kPhoneA}))));

  EXPECT_EQ(w.Counters(w.a, 2012), (core::ProgressCounts{1, 3, 0, 0, 0}))
      << "FA1 and FA3 from A's visits, FB1 from B's";
  EXPECT_EQ(w.Counters(w.a, 2011), (core::ProgressCounts{0, 0, 1, 0, 0}));
  EXPECT_EQ(w.Counters(w.a, 2013), (core::ProgressCounts{0, 0, 0, 0, 1}));
  EXPECT_EQ(w.Counters(w.b, 2012), (core::ProgressCounts{0, 1, 0, 0, 0}));
  for (const std::int64_t helper : {w.a, w.b}) {
    for (const int year : {2011, 2012, 2013}) {
      EXPECT_EQ(w.Counters(helper, year), w.CountedFromRecords(helper, year))
          << "helper " << helper << " year " << year;
    }
  }
  // And a rebuild from the records gives the same counters.
  std::vector<std::vector<std::int64_t>> kept;
  for (const store::RowView row :
       db().Query("SELECT helper_id, year, stationed_days, households_visited, diary_days, "
                  "problems_solved, suggestions FROM progress_counters WHERE stationed_days + "
                  "households_visited + diary_days + problems_solved + suggestions > 0 ORDER BY "
                  "helper_id, year")) {
    kept.push_back(
        {row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Int(4), row.Int(5), row.Int(6)});
  }
  {
    store::Transaction transaction(db());
    store::ProgressLedger(db()).Rebuild();
    transaction.Commit();
  }
  std::vector<std::vector<std::int64_t>> rebuilt;
  for (const store::RowView row :
       db().Query("SELECT helper_id, year, stationed_days, households_visited, diary_days, "
                  "problems_solved, suggestions FROM progress_counters WHERE stationed_days + "
                  "households_visited + diary_days + problems_solved + suggestions > 0 ORDER BY "
                  "helper_id, year")) {
    rebuilt.push_back(
        {row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Int(4), row.Int(5), row.Int(6)});
  }
  EXPECT_EQ(kept, rebuilt);
}

TEST_P(FieldworkStoreTest, PhotosMustBeUploadedBeforeAVisitNamesThem) {
  fw::World& w = world();
  const std::string photo(64, 'a');
  const auto before = Snapshot();
  const store::RowResult early = w.SaveVisit(
      w.AsCadre(w.a), fw::VisitOf("v-1", "2012-03-01", {"FA1"}, fw::kVillage, {}, {photo}));
  EXPECT_EQ(Code(early), "unknown_photo") << Describe(early);
  EXPECT_EQ(Snapshot(), before);
  w.RegisterPhoto(photo);
  w.RegisterPhoto(photo);  // the same file twice is one photo
  EXPECT_EQ(w.Rows("photos"), 1);
  EXPECT_TRUE(Accepted(w.SaveVisit(
      w.AsCadre(w.a), fw::VisitOf("v-1", "2012-03-01", {"FA1"}, fw::kVillage, {}, {photo}))));
  const auto visits = store::FieldworkRepository(db()).Visits({}, fw::HelperScope(w.a));
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(visits[0].record.photos, (std::vector<std::string>{photo}));
}

// ---------------------------------------------------------------------------------------------
// Two writers of the same record at once (two requests of the server, a phone's upload and its
// retry). SQLite's writers take turns (BEGIN IMMEDIATE); PostgreSQL's transactions run side by
// side (READ COMMITTED), so what the first changes after the second has read must not be lost,
// and a record the first inserts meanwhile must be answered as what it is, not as an error.
// The answers are those of the same two writes one after the other.

class FieldworkRaceTest : public FieldworkStoreTest {
 protected:
  using Save = std::function<store::RowResult(store::FieldworkStore&, const store::FieldWrite&)>;

  struct Raced {
    store::RowResult first;
    store::RowResult second;
    std::string second_threw;  // what the second write threw, if it did
  };

  // `first` writes on this test's connection and keeps its transaction open; `second` writes
  // on a connection of its own, in a thread, and has to wait for the first: on PostgreSQL the
  // test waits until the server shows it waiting for a lock; on SQLite its BEGIN IMMEDIATE
  // waits for the first's commit. Then the first commits and the second finishes.
  Raced Race(const fw::Writer& first_writer, const Save& first, const fw::Writer& second_writer,
             const Save& second) {
    Raced raced;
    std::unique_ptr<store::Database> other = test_database().Open();
    std::unique_ptr<store::Database> monitor =
        GetParam() == TestBackend::kPostgres ? test_database().Open() : nullptr;
    std::atomic<bool> done{false};
    // Declared before the transaction: should the first fail, its rollback (the transaction is
    // destroyed first) lets the second finish before the thread is joined.
    std::jthread thread;
    store::Transaction transaction(db());
    raced.first = WriteOn(db(), first_writer, first);
    thread = std::jthread([&] {
      try {
        store::Transaction theirs(*other);
        raced.second = WriteOn(*other, second_writer, second);
        theirs.Commit();
      } catch (const std::exception& error) {
        raced.second_threw = error.what();
      }
      done = true;
    });
    if (monitor != nullptr) {
      WaitUntilWaitingForALock(*monitor, done);
    }
    transaction.Commit();
    thread.join();
    return raced;
  }

  store::RowResult WriteOn(store::Database& database, const fw::Writer& writer, const Save& save) {
    const store::WriteContext context{0, writer.now, writer.scope, writer.actor};
    const store::FieldWrite write{context, writer.acting_helper, writer.base_version};
    store::FieldworkStore store(database, world().dictionaries());
    return save(store, write);
  }

  // Until one of this database's sessions waits for a lock, or the writer has finished
  // without waiting.
  static void WaitUntilWaitingForALock(store::Database& monitor, const std::atomic<bool>& done) {
    if (!AwaitSessionsWaitingForALock(
            monitor, [] { return 1; }, [&] { return done.load(); })) {
      ADD_FAILURE() << "the second writer neither waited for a lock nor finished";
    }
  }

  // A record of each kind under `uuid`, whose content differs by `text` (and where that text
  // is stored), written by a cadre of A.
  struct Kind {
    std::string name;
    std::string table;
    std::string text_column;
    std::function<Save(const std::string& uuid, const std::string& day, const std::string& text)>
        save;
  };
  static std::vector<Kind> Kinds() {
    return {
        {"stationed day", "stationed_days", "location",
         [](const std::string& uuid, const std::string& day, const std::string& text) -> Save {
           core::StationedDay record = fw::Stationed(uuid, day);
           record.location = text;
           return [record](store::FieldworkStore& store, const store::FieldWrite& write) {
             return store.SaveStationedDay(record, write);
           };
         }},
        {"visit", "visits", "learned",
         [](const std::string& uuid, const std::string& day, const std::string& text) -> Save {
           core::Visit record = fw::VisitOf(uuid, day, {"FA1", "FA2"});
           record.learned = text;
           return [record](store::FieldworkStore& store, const store::FieldWrite& write) {
             return store.SaveVisit(record, write);
           };
         }},
        {"diary entry", "diary_entries", "text",
         [](const std::string& uuid, const std::string& day, const std::string& text) -> Save {
           const core::DiaryEntry record = fw::Diary(uuid, day, text);
           return [record](store::FieldworkStore& store, const store::FieldWrite& write) {
             return store.SaveDiaryEntry(record, write);
           };
         }},
        {"problem", "problems", "description",
         [](const std::string& uuid, const std::string& day, const std::string& text) -> Save {
           core::Problem record = fw::ProblemOf(uuid, "FA1", day);
           record.description = text;
           return [record](store::FieldworkStore& store, const store::FieldWrite& write) {
             return store.SaveProblem(record, write);
           };
         }},
        {"suggestion", "suggestions", "content",
         [](const std::string& uuid, const std::string& day, const std::string& text) -> Save {
           core::Suggestion record = fw::SuggestionOf(uuid, day);
           record.content = text;
           return [record](store::FieldworkStore& store, const store::FieldWrite& write) {
             return store.SaveSuggestion(record, write);
           };
         }},
        {"aid", "aid", "note",
         [](const std::string& uuid, const std::string& day, const std::string& text) -> Save {
           core::Aid record = fw::AidOf(uuid, day, "FA1");
           record.note = text;
           return [record](store::FieldworkStore& store, const store::FieldWrite& write) {
             return store.SaveAid(record, write);
           };
         }},
    };
  }

  std::pair<std::int64_t, std::string> VersionAndText(const Kind& kind, const std::string& uuid) {
    const auto rows = db().Query(
        "SELECT version, " + kind.text_column + " FROM " + kind.table + " WHERE client_uuid = $1",
        {uuid});
    if (rows.empty()) {
      return {0, ""};
    }
    return {rows[0].Int(0), rows[0].Text(1)};
  }

  void ExpectCountersMatchTheRecords() {
    fw::World& w = world();
    EXPECT_EQ(w.Counters(w.a, 2012), w.CountedFromRecords(w.a, 2012));
  }
};

// Two edits of version 1 at once: one is stored, the other is told the record moved on and
// writes nothing (on PostgreSQL both used to be stored, the second overwriting the first).
TEST_P(FieldworkRaceTest, TwoEditsOfTheSameVersionStoreOneAndRefuseTheOther) {
  fw::World& w = world();
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    const std::string uuid = kind.table + "-edit";
    ASSERT_TRUE(Accepted(w.Write(w.AsCadre(w.a), kind.save(uuid, "2012-03-01", "原稿"))));
    const Raced raced = Race(w.AsCadre(w.a, "2012-03-02T08:00:00+08:00", 1),
                             kind.save(uuid, "2012-03-01", "手机上改的"),
                             w.AsCadre(w.a, "2012-03-02T08:00:01+08:00", 1),
                             kind.save(uuid, "2012-03-01", "网页上改的"));
    EXPECT_EQ(raced.first.outcome, RowOutcome::kUpdated) << Describe(raced.first);
    EXPECT_EQ(raced.second_threw, "");
    EXPECT_EQ(raced.second.outcome, RowOutcome::kRejected);
    EXPECT_EQ(Code(raced.second), "version_conflict") << Describe(raced.second);
    EXPECT_EQ(VersionAndText(kind, uuid),
              std::make_pair(std::int64_t{2}, std::string("手机上改的")));
    ExpectCountersMatchTheRecords();
  }
}

// The same edit sent twice at once (a retry while the first is still being written): one
// update, and the retry is unchanged, not a second version.
TEST_P(FieldworkRaceTest, TheSameEditTwiceAtOnceIsOneUpdate) {
  fw::World& w = world();
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    const std::string uuid = kind.table + "-retry";
    ASSERT_TRUE(Accepted(w.Write(w.AsCadre(w.a), kind.save(uuid, "2012-03-01", "原稿"))));
    const fw::Writer edit = w.AsCadre(w.a, "2012-03-02T08:00:00+08:00", 1);
    const Raced raced = Race(edit, kind.save(uuid, "2012-03-01", "改过的"), edit,
                             kind.save(uuid, "2012-03-01", "改过的"));
    EXPECT_EQ(raced.first.outcome, RowOutcome::kUpdated) << Describe(raced.first);
    EXPECT_EQ(raced.second_threw, "");
    EXPECT_EQ(raced.second.outcome, RowOutcome::kUnchanged) << Describe(raced.second);
    EXPECT_EQ(VersionAndText(kind, uuid), std::make_pair(std::int64_t{2}, std::string("改过的")));
    ExpectCountersMatchTheRecords();
  }
}

// A new record uploaded twice at once (the phone retried before the first answer came): stored
// once, the retry answered "unchanged" with the same id, counted once; under the same UUID a
// different content is a conflict. (On PostgreSQL the second insert used to break the unique
// index, an error that took the whole request down.)
TEST_P(FieldworkRaceTest, ANewRecordSentTwiceAtOnceIsStoredOnce) {
  fw::World& w = world();
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.name);
    const std::string uuid = kind.table + "-new";
    std::int64_t first_id = 0;
    std::int64_t second_id = 0;
    const Save save = kind.save(uuid, "2012-03-01", "新记录");
    const Raced raced = Race(
        w.AsCadre(w.a),
        [&](store::FieldworkStore& store, const store::FieldWrite& write) {
          const store::RowResult result = save(store, write);
          first_id = *store::FieldworkRepository(db()).IdOfUuid(*store::ParseFieldKind(kind.table),
                                                                uuid, store::DataScope::System());
          return result;
        },
        w.AsCadre(w.a), save);
    EXPECT_EQ(raced.first.outcome, RowOutcome::kInserted) << Describe(raced.first);
    EXPECT_EQ(raced.second_threw, "");
    EXPECT_EQ(raced.second.outcome, RowOutcome::kUnchanged) << Describe(raced.second);
    second_id = store::FieldworkRepository(db())
                    .IdOfUuid(*store::ParseFieldKind(kind.table), uuid, store::DataScope::System())
                    .value_or(0);
    EXPECT_EQ(first_id, second_id);
    EXPECT_EQ(VersionAndText(kind, uuid), std::make_pair(std::int64_t{1}, std::string("新记录")));

    const std::string other = kind.table + "-other";
    const Raced differing = Race(w.AsCadre(w.a), kind.save(other, "2012-03-02", "手机上的"),
                                 w.AsCadre(w.a), kind.save(other, "2012-03-02", "网页上的"));
    EXPECT_EQ(differing.first.outcome, RowOutcome::kInserted) << Describe(differing.first);
    EXPECT_EQ(differing.second_threw, "");
    EXPECT_EQ(Code(differing.second), "version_conflict") << Describe(differing.second);
    EXPECT_EQ(VersionAndText(kind, other),
              std::make_pair(std::int64_t{1}, std::string("手机上的")));
    ExpectCountersMatchTheRecords();
  }
  for (const char* table :
       {"stationed_days", "visits", "diary_entries", "problems", "suggestions", "aid"}) {
    EXPECT_EQ(w.Rows(table), 2) << table;
  }
  EXPECT_EQ(w.Rows("problem_events"), 2) << "one registration each";
  EXPECT_EQ(w.Rows("visit_households"), 4);
  EXPECT_EQ(w.Rows("donation_drives"), 1);
}

// Aid that loses the race under its UUID leaves no drive of its own behind; two records that
// name one new drive at once both go to the one drive.
TEST_P(FieldworkRaceTest, AidThatLosesTheRaceLeavesNoDriveBehind) {
  fw::World& w = world();
  const auto aid = [](const std::string& uuid, const std::string& drive) -> Save {
    core::Aid record = fw::AidOf(uuid, "2012-03-01", "FA1");
    record.drive = drive;
    return [record](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.SaveAid(record, write);
    };
  };
  const Raced same_uuid =
      Race(w.AsCadre(w.a), aid("a-1", "春播帮扶"), w.AsCadre(w.a), aid("a-1", "秋收帮扶"));
  EXPECT_EQ(same_uuid.first.outcome, RowOutcome::kInserted) << Describe(same_uuid.first);
  EXPECT_EQ(same_uuid.second_threw, "");
  EXPECT_EQ(Code(same_uuid.second), "version_conflict") << Describe(same_uuid.second);
  EXPECT_EQ(w.Rows("donation_drives"), 1) << "秋收帮扶 was made for the refused record only";

  const Raced same_drive =
      Race(w.AsCadre(w.a), aid("a-2", "冬季送温暖"), w.AsCadre(w.a), aid("a-3", "冬季送温暖"));
  EXPECT_EQ(same_drive.first.outcome, RowOutcome::kInserted) << Describe(same_drive.first);
  EXPECT_EQ(same_drive.second_threw, "");
  EXPECT_EQ(same_drive.second.outcome, RowOutcome::kInserted) << Describe(same_drive.second);
  EXPECT_EQ(w.Rows("donation_drives"), 2);
  EXPECT_EQ(db().Query("SELECT count(DISTINCT drive_id) FROM aid WHERE client_uuid IN ('a-2', "
                       "'a-3')")[0]
                .Int(0),
            1);
}

// Two stationed days (or diary entries) of one cadre for one day, under two UUIDs, at once:
// the second is the usual duplicate_day, not a broken unique index.
TEST_P(FieldworkRaceTest, TwoEntriesForOneDayAtOnceAreADuplicateDay) {
  fw::World& w = world();
  for (const Kind& kind : Kinds()) {
    if (kind.table != "stationed_days" && kind.table != "diary_entries") {
      continue;
    }
    SCOPED_TRACE(kind.name);
    const Raced raced =
        Race(w.AsCadre(w.a), kind.save(kind.table + "-phone", "2012-03-01", "手机上的"),
             w.AsCadre(w.a), kind.save(kind.table + "-web", "2012-03-01", "网页上的"));
    EXPECT_EQ(raced.first.outcome, RowOutcome::kInserted) << Describe(raced.first);
    EXPECT_EQ(raced.second_threw, "");
    EXPECT_EQ(Code(raced.second), "duplicate_day") << Describe(raced.second);
    EXPECT_EQ(w.Rows(kind.table), 1);

    // An entry moved onto a day that another writer is filling at that moment.
    const std::string moved = kind.table + "-moved";
    ASSERT_TRUE(Accepted(w.Write(w.AsCadre(w.a), kind.save(moved, "2012-03-05", "五号的"))));
    const Raced moving = Race(
        w.AsCadre(w.a), kind.save(kind.table + "-sixth", "2012-03-06", "六号的"),
        w.AsCadre(w.a, "2012-03-07T08:00:00+08:00", 1), kind.save(moved, "2012-03-06", "挪到六号"));
    EXPECT_EQ(moving.first.outcome, RowOutcome::kInserted) << Describe(moving.first);
    EXPECT_EQ(moving.second_threw, "");
    EXPECT_EQ(Code(moving.second), "duplicate_day") << Describe(moving.second);
    EXPECT_EQ(VersionAndText(kind, moved), std::make_pair(std::int64_t{1}, std::string("五号的")));
    EXPECT_EQ(w.Rows(kind.table), 3);
  }
  ExpectCountersMatchTheRecords();
}

// Two steps of a problem's workflow at once from the same version: one is taken, the other is
// a conflict. Without a version (a case moved as a whole), the second step is judged against
// the first's outcome: the solution is counted once.
TEST_P(FieldworkRaceTest, TwoStepsOfAProblemAtOnceAreTakenOneAfterTheOther) {
  fw::World& w = world();
  const std::int64_t id =
      w.ProblemThrough(w.a, "p-race", "FA1", "2012-03-01", {{"in_progress", "2012-03-02"}});
  const std::int64_t version = ProblemOf(id)->meta.version;
  const auto move = [&](const std::string& to, const std::string& result) -> Save {
    return [&, to, result](store::FieldworkStore& store, const store::FieldWrite& write) {
      return store.MoveProblem(id, to, result, "", write);
    };
  };
  const Raced raced = Race(
      w.AsCadre(w.a, "2012-03-05T10:00:00+08:00", version), move("solved", "协调供销社赊购化肥4袋"),
      w.AsCadre(w.a, "2012-03-05T10:00:01+08:00", version), move("reported", ""));
  EXPECT_TRUE(Accepted(raced.first)) << Describe(raced.first);
  EXPECT_EQ(raced.second_threw, "");
  EXPECT_EQ(Code(raced.second), "version_conflict") << Describe(raced.second);
  EXPECT_EQ(ProblemOf(id)->record.status, "solved");
  EXPECT_EQ(ProblemOf(id)->meta.version, version + 1);
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 1);

  // Reopened, then solved twice at once without a version.
  ASSERT_TRUE(Accepted(
      w.Move(w.AsCadre(w.a, "2012-03-20T10:00:00+08:00", std::nullopt), id, "in_progress")));
  const std::size_t events = ProblemOf(id)->events.size();
  const Raced unversioned =
      Race(w.AsCadre(w.a, "2012-04-01T10:00:00+08:00", std::nullopt),
           move("solved", "二次回访后补发化肥2袋"),
           w.AsCadre(w.a, "2012-04-01T10:00:01+08:00", std::nullopt), move("solved", "补发化肥"));
  EXPECT_TRUE(Accepted(unversioned.first)) << Describe(unversioned.first);
  EXPECT_EQ(unversioned.second_threw, "");
  // Solved to solved is no step of the workflow.
  EXPECT_EQ(Code(unversioned.second), "transition_forbidden") << Describe(unversioned.second);
  EXPECT_EQ(w.Counters(w.a, 2012).problems_solved, 1);
  ExpectCountersMatchTheRecords();
  EXPECT_EQ(ProblemOf(id)->events.size(), events + 1);
  EXPECT_EQ(ProblemOf(id)->record.result, "二次回访后补发化肥2袋");
}

// A problem solved while it is being grouped into a case is not grouped as if unsolved.
TEST_P(FieldworkRaceTest, AProblemSolvedWhileItIsGroupedIsNotGrouped) {
  fw::World& w = world();
  const std::int64_t solving =
      w.ProblemThrough(w.a, "p-g1", "FA1", "2012-03-01", {{"in_progress", "2012-03-02"}});
  const std::int64_t other = w.ProblemThrough(w.a, "p-g2", "FA2", "2012-03-01", {});
  const std::int64_t version = ProblemOf(solving)->meta.version;
  std::int64_t case_id = 0;
  const Raced raced = Race(
      w.AsCadre(w.a, "2012-03-05T10:00:00+08:00", version),
      [&](store::FieldworkStore& store, const store::FieldWrite& write) {
        return store.MoveProblem(solving, "solved", "协调供销社赊购化肥4袋", "", write);
      },
      w.AsCadre(w.a, "2012-03-05T10:00:01+08:00", std::nullopt),
      [&](store::FieldworkStore& store, const store::FieldWrite& write) {
        return store.GroupProblems("春播缺化肥", fw::kVillage, {solving, other}, write, &case_id);
      });
  EXPECT_TRUE(Accepted(raced.first)) << Describe(raced.first);
  EXPECT_EQ(raced.second_threw, "");
  EXPECT_EQ(Code(raced.second), "already_solved") << Describe(raced.second);
  EXPECT_EQ(ProblemOf(solving)->record.status, "solved");
  EXPECT_EQ(ProblemOf(solving)->meta.version, version + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, FieldworkStoreTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, FieldworkScopeReadTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, FieldworkRaceTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         BackendParamName);

}  // namespace
}  // namespace shuanglian::testing
