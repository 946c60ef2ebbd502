// The registry's writes and rules behave the same on both backends.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "store/backend_fixture.h"
#include "store/household_store.h"
#include "store/person_store.h"
#include "store/region_repository.h"
#include "store/stats_repository.h"
#include "support/lock_waits.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kVillage = "620902108200";
constexpr const char* kOtherVillage = "620123105203";
constexpr const char* kNow = "2026-11-29T10:00:00+08:00";

class RegistryTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    AddVillages({kVillage, kOtherVillage});
    // One store of each for the test, as one lives for a whole import.
    households_ = std::make_unique<store::HouseholdStore>(db());
    persons_ = std::make_unique<store::PersonStore>(
        db(), std::vector<std::string>{"ordinary", "skilled", "weak"});
  }

  std::vector<store::RowResult> WriteHouseholds(const std::vector<core::Household>& households,
                                                std::int64_t job, const store::DataScope& scope) {
    std::vector<store::ImportRow<core::Household>> rows;
    for (std::size_t index = 0; index < households.size(); ++index) {
      rows.push_back({static_cast<std::int64_t>(index + 2), households[index]});
    }
    store::Transaction transaction(db());
    const store::WriteContext context{job, kNow, scope};
    auto results = households_->UpsertBatch(rows, context, created_groups_);
    transaction.Commit();
    return results;
  }

  std::vector<store::RowResult> WritePersons(
      const std::vector<core::Person>& persons, std::int64_t job,
      const store::DataScope& scope = store::DataScope::System()) {
    std::vector<store::ImportRow<core::Person>> rows;
    for (std::size_t index = 0; index < persons.size(); ++index) {
      rows.push_back({static_cast<std::int64_t>(index + 2), persons[index]});
    }
    store::Transaction transaction(db());
    const store::WriteContext context{job, kNow, scope};
    auto results = persons_->UpsertBatch(rows, context);
    transaction.Commit();
    return results;
  }

  std::pair<std::int64_t, std::int64_t> Counts(const std::string& household_no) {
    const auto rows = db().Query(
        "SELECT coalesce(c.member_count, 0), coalesce(c.labour_count, 0) FROM households h LEFT "
        "JOIN household_counts c ON c.household_id = h.id WHERE h.household_no = $1",
        {household_no});
    return {rows[0].Int(0), rows[0].Int(1)};
  }

  // On PostgreSQL, the scans of index `name` the server has counted so far: this session's
  // counts are flushed once the statement asking for that ends. With enable_seqscan off (set
  // by the test), a test's few rows are read through an index wherever one serves, so the
  // count says which lookups ran.
  std::int64_t IndexScans(const std::string& name) {
    db().Query("SELECT pg_stat_force_next_flush()");
    return db()
        .Query("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = $1", {name})[0]
        .Int(0);
  }

  // One member written on `database` by a store of its own (a session of its own), in the
  // caller's transaction.
  static std::vector<store::RowResult> WriteMemberOn(store::Database& database,
                                                     const core::Person& person,
                                                     const store::DataScope& scope) {
    store::PersonStore persons(database, {"ordinary", "skilled", "weak"});
    const std::vector<store::ImportRow<core::Person>> rows{{2, person}};
    return persons.UpsertBatch(rows, store::WriteContext{0, kNow, scope});
  }

  // Runs `second` on a thread while `held` keeps what it wants locked, and commits `held` once
  // the thread waits for it (PostgreSQL; SQLite's writers take turns anyway). Returns what
  // `second` threw, "" when nothing.
  std::string RaceAgainst(store::Transaction& held, const std::function<void()>& second) {
    auto monitor = test_database().Open();
    std::atomic<bool> done = false;
    std::string failure;
    std::thread thread([&] {
      try {
        second();
      } catch (const std::exception& error) {
        failure = error.what();
      }
      done = true;
    });
    const bool waited = GetParam() != TestBackend::kPostgres ||
                        AwaitSessionsWaitingForALock(
                            *monitor, [] { return 1; }, [&] { return done.load(); });
    held.Commit();
    thread.join();
    EXPECT_TRUE(waited) << "the second session never waited";
    return failure;
  }

  std::unique_ptr<store::HouseholdStore> households_;
  std::unique_ptr<store::PersonStore> persons_;
  std::vector<std::string> created_groups_;
};

std::vector<store::RowOutcome> Outcomes(const std::vector<store::RowResult>& results) {
  std::vector<store::RowOutcome> outcomes;
  for (const auto& result : results) {
    outcomes.push_back(result.outcome);
  }
  return outcomes;
}

TEST_P(RegistryTest, HouseholdsInsertThenUnchangedThenUpdated) {
  const std::string head = MakeId("620902", "19700101", 11);
  auto first =
      WriteHouseholds({MakeHousehold("H1", kVillage, head)}, 1, store::DataScope::System());
  EXPECT_EQ(Outcomes(first), std::vector<store::RowOutcome>{store::RowOutcome::kInserted});
  auto again =
      WriteHouseholds({MakeHousehold("H1", kVillage, head)}, 2, store::DataScope::System());
  EXPECT_EQ(Outcomes(again), std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  core::Household changed = MakeHousehold("H1", kVillage, head);
  changed.per_capita_income_fen = 310000;
  auto updated = WriteHouseholds({changed}, 3, store::DataScope::System());
  EXPECT_EQ(Outcomes(updated), std::vector<store::RowOutcome>{store::RowOutcome::kUpdated});
  EXPECT_EQ(
      db().Query(
              "SELECT per_capita_income_fen, import_job FROM households WHERE household_no = 'H1'")
          [0]
              .Int(0),
      310000);
  EXPECT_EQ(db().Query("SELECT count(*) FROM households")[0].Int(0), 1);
}

TEST_P(RegistryTest, HouseholdConflictsAreRejectedWithTheRowNamed) {
  const std::string head_a = MakeId("620902", "19700101", 11);
  const std::string head_b = MakeId("620902", "19710101", 13);
  WriteHouseholds({MakeHousehold("A", kVillage, head_a)}, 1, store::DataScope::System());
  auto results =
      WriteHouseholds({MakeHousehold("B", kVillage, head_b),  // row 2: new
                       MakeHousehold("B", kVillage, MakeId("620902", "19720101", 15)),  // row 3
                       MakeHousehold("C", kVillage, head_a),   // row 4: heads A already
                       MakeHousehold("D", kVillage, head_b)},  // row 5: heads row 2's
                      2, store::DataScope::System());
  ASSERT_EQ(results.size(), 4U);
  EXPECT_EQ(results[0].outcome, store::RowOutcome::kInserted);
  ASSERT_TRUE(results[1].error);
  EXPECT_EQ(results[1].error->code, "duplicate_in_file");
  EXPECT_NE(results[1].error->message.find("第 2 行"), std::string::npos)
      << results[1].error->message;
  ASSERT_TRUE(results[2].error);
  EXPECT_EQ(results[2].error->code, "head_heads_other_household");
  EXPECT_NE(results[2].error->message.find("“A”"), std::string::npos) << results[2].error->message;
  ASSERT_TRUE(results[3].error);
  EXPECT_EQ(results[3].error->code, "head_heads_other_household");
  EXPECT_EQ(db().Query("SELECT count(*) FROM households")[0].Int(0), 2);

  // A stored household changed to B's head, whom the registry has as B's, is refused; B
  // itself, unchanged, is not (a row the same as its stored household has its head checked by
  // the head's unique key alone).
  const bool postgres = GetParam() == TestBackend::kPostgres;
  if (postgres) {
    db().ExecuteScript("SET enable_seqscan = off");
  }
  const std::int64_t scans_before = postgres ? IndexScans("households_head_id") : 0;
  const auto changed_head =
      WriteHouseholds({MakeHousehold("A", kVillage, head_b)}, 3, store::DataScope::System());
  ASSERT_TRUE(changed_head[0].error);
  EXPECT_EQ(changed_head[0].error->code, "head_heads_other_household");
  EXPECT_NE(changed_head[0].error->message.find("“B”"), std::string::npos)
      << changed_head[0].error->message;
  const std::int64_t scans_between = postgres ? IndexScans("households_head_id") : 0;
  EXPECT_EQ(Outcomes(WriteHouseholds({MakeHousehold("B", kVillage, head_b)}, 4,
                                     store::DataScope::System())),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  if (postgres) {
    EXPECT_GT(scans_between, scans_before);                      // A's head was looked up
    EXPECT_EQ(IndexScans("households_head_id"), scans_between);  // B's was not
  }
}

TEST_P(RegistryTest, ARepeatAcrossBatchesOfOneImportIsCaughtByTheJobTag) {
  WriteHouseholds({MakeHousehold("R", kVillage, MakeId("620902", "19700101", 11))}, 7,
                  store::DataScope::System());
  auto second = WriteHouseholds({MakeHousehold("R", kVillage, MakeId("620902", "19700101", 11))}, 7,
                                store::DataScope::System());
  ASSERT_TRUE(second[0].error);
  EXPECT_EQ(second[0].error->code, "duplicate_in_file");
}

// An import of rows the registry already holds unchanged writes nothing: the rows keep the
// import that last wrote them. A repeat of such a row in a later batch of the same import is
// still refused, naming the row it repeats, and the next import starts afresh.
TEST_P(RegistryTest, UnchangedRowsAreNotWrittenYetTheirRepeatsAreCaught) {
  const std::string head = MakeId("620902", "19700101", 11);
  WriteHouseholds({MakeHousehold("U", kVillage, head),
                   MakeHousehold("V", kVillage, MakeId("620902", "19710101", 13))},
                  1, store::DataScope::System());
  const core::Person member = MakePerson("U", head, "head");
  ASSERT_EQ(Outcomes(WritePersons({member}, 1)),
            std::vector<store::RowOutcome>{store::RowOutcome::kInserted});

  // Import 2, batch 1: both unchanged.
  EXPECT_EQ(Outcomes(WriteHouseholds({MakeHousehold("U", kVillage, head)}, 2,
                                     store::DataScope::System())),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  EXPECT_EQ(Outcomes(WritePersons({member}, 2)),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  EXPECT_EQ(db().Query("SELECT import_job FROM households WHERE household_no = 'U'")[0].Int(0), 1);
  EXPECT_EQ(db().Query("SELECT import_job FROM persons")[0].Int(0), 1);

  // Import 2, batch 2 (its rows numbered from 2 again, so the earlier row is told apart by
  // the rows around it): the same household and member again are repeats of batch 1's rows.
  const auto household_again =
      WriteHouseholds({MakeHousehold("V", kVillage, MakeId("620902", "19710101", 13)),
                       MakeHousehold("U", kVillage, head)},
                      2, store::DataScope::System());
  EXPECT_EQ(household_again[0].outcome, store::RowOutcome::kUnchanged);
  ASSERT_TRUE(household_again[1].error);
  EXPECT_EQ(household_again[1].error->code, "duplicate_in_file");
  EXPECT_NE(household_again[1].error->message.find("第 2 行"), std::string::npos)
      << household_again[1].error->message;
  const core::Person other = MakePerson("V", MakeId("620902", "19710101", 13), "head");
  const auto member_again = WritePersons({other, member}, 2);
  EXPECT_EQ(member_again[0].outcome, store::RowOutcome::kInserted);
  ASSERT_TRUE(member_again[1].error);
  EXPECT_EQ(member_again[1].error->code, "duplicate_in_file");
  EXPECT_NE(member_again[1].error->message.find("第 2 行"), std::string::npos)
      << member_again[1].error->message;

  // Import 3: nothing of import 2 is held against it.
  EXPECT_EQ(Outcomes(WriteHouseholds({MakeHousehold("U", kVillage, head)}, 3,
                                     store::DataScope::System())),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  EXPECT_EQ(Outcomes(WritePersons({member}, 3)),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
}

TEST_P(RegistryTest, WritesOutsideTheScopeAreRefused) {
  const store::DataScope township = store::DataScope::Region("620123105", true, true);
  auto results =
      WriteHouseholds({MakeHousehold("IN", kOtherVillage, MakeId("620123", "19700101", 11)),
                       MakeHousehold("OUT", kVillage, MakeId("620902", "19700101", 11))},
                      1, township);
  EXPECT_EQ(results[0].outcome, store::RowOutcome::kInserted);
  ASSERT_TRUE(results[1].error);
  EXPECT_EQ(results[1].error->code, "out_of_scope");
  const store::DataScope leader = store::DataScope::Region("620123105", false, false);
  auto refused = WriteHouseholds(
      {MakeHousehold("IN2", kOtherVillage, MakeId("620123", "19700102", 11))}, 2, leader);
  ASSERT_TRUE(refused[0].error);
  EXPECT_EQ(refused[0].error->code, "out_of_scope");
}

// An office's file may name a household or a person another office keeps: its row's own
// village is the office's, but writing it would take the household, or move the person, out
// of the other office's sight. Refused, and both stay where they were; for each batch path
// (looking stored rows up first, or inserting first).
TEST_P(RegistryTest, AnImportCannotTakeOverAnotherOfficesHouseholdsOrMembers) {
  const std::string head = MakeId("620902", "19700101", 11);
  const std::string child = MakeId("620902", "20000101", 12);
  ASSERT_EQ(Outcomes(WriteHouseholds({MakeHousehold("QH", kVillage, head)}, 1,
                                     store::DataScope::System())),
            std::vector<store::RowOutcome>{store::RowOutcome::kInserted});
  ASSERT_EQ(
      Outcomes(WritePersons({MakePerson("QH", head, "head"), MakePerson("QH", child, "son")}, 1)),
      (std::vector<store::RowOutcome>{store::RowOutcome::kInserted, store::RowOutcome::kInserted}));
  const store::DataScope township = store::DataScope::Region("620123105", true, true);
  const std::string own_head = MakeId("620123", "19700101", 21);
  ASSERT_EQ(Outcomes(WriteHouseholds({MakeHousehold("GC", kOtherVillage, own_head)}, 2, township)),
            std::vector<store::RowOutcome>{store::RowOutcome::kInserted});
  for (int round = 0; round < 2; ++round) {
    // Batches of one new row first make the next look its rows up first; then insert first.
    const std::string fresh = MakeId("620123", "19800101", 31 + 2 * round);
    core::Household taken = MakeHousehold("QH", kOtherVillage, head);
    taken.head_name = "被改名";
    const auto households =
        WriteHouseholds({taken, MakeHousehold("N" + std::to_string(round), kOtherVillage, fresh)},
                        3 + round, township);
    ASSERT_TRUE(households[0].error) << "round " << round;
    EXPECT_EQ(households[0].error->code, "out_of_scope");
    EXPECT_EQ(households[1].outcome, store::RowOutcome::kInserted);
    const auto persons = WritePersons(
        {MakePerson("GC", child, "son"), MakePerson("N" + std::to_string(round), fresh, "head")},
        3 + round, township);
    ASSERT_TRUE(persons[0].error) << "round " << round;
    EXPECT_EQ(persons[0].error->code, "out_of_scope");
    EXPECT_EQ(persons[1].outcome, store::RowOutcome::kInserted);
  }
  const auto stored =
      db().Query("SELECT village_code, head_name FROM households WHERE household_no = 'QH'");
  EXPECT_EQ(stored[0].Int(0), 620902108200);
  EXPECT_NE(stored[0].Text(1), "被改名");
  EXPECT_EQ(db().Query("SELECT h.household_no FROM persons p JOIN households h ON h.id = "
                       "p.household_id WHERE p.id_number = $1",
                       {child})[0]
                .Text(0),
            "QH");
  EXPECT_EQ(Counts("QH"), (std::pair<std::int64_t, std::int64_t>{2, 2}));
}

// Two sessions change members of one household at once (on PostgreSQL side by side; on
// SQLite one after the other): the household's labour count follows what each member is
// when it is written, not what a session read before the other committed. Here both change
// the same member: from weak (labour) to none, and from weak to skilled. Whichever order,
// the count must end as a recount of the members gives it.
TEST_P(RegistryTest, TwoSessionsChangingOneHouseholdsMembersKeepItsCountsTrue) {
  const std::string head = MakeId("620902", "19700101", 11);
  const std::string child = MakeId("620902", "20000101", 12);
  WriteHouseholds({MakeHousehold("RC", kVillage, head)}, 1, store::DataScope::System());
  WritePersons({MakePerson("RC", head, "head", "none"), MakePerson("RC", child, "son", "weak")}, 1);
  ASSERT_EQ(Counts("RC"), (std::pair<std::int64_t, std::int64_t>{2, 1}));
  auto other = test_database().Open();
  store::Transaction mine(db());
  ASSERT_EQ(
      WriteMemberOn(db(), MakePerson("RC", child, "son", "none"), store::DataScope::System())[0]
          .outcome,
      store::RowOutcome::kUpdated);
  // The other session waits for this one's member before this one commits.
  EXPECT_EQ(RaceAgainst(mine,
                        [&] {
                          store::Transaction transaction(*other);
                          WriteMemberOn(*other, MakePerson("RC", child, "son", "skilled"),
                                        store::DataScope::System());
                          transaction.Commit();
                        }),
            "");
  const auto recount = db().Query(
      "SELECT count(*), sum(CASE WHEN labour_skill IN ('ordinary', 'skilled', 'weak') THEN 1 ELSE "
      "0 END) FROM persons p JOIN households h ON h.id = p.household_id WHERE h.household_no = "
      "'RC'");
  EXPECT_EQ(Counts("RC"),
            (std::pair<std::int64_t, std::int64_t>{recount[0].Int(0), recount[0].Int(1)}));
  EXPECT_EQ(Counts("RC"), (std::pair<std::int64_t, std::int64_t>{2, 1}));  // the son is skilled
}

// A member another office moves into one of its households while an office's batch is
// writing the same member (read before the move committed) is not taken back: the batch
// looks again once it holds the member, and refuses the row.
TEST_P(RegistryTest, AMemberMovedMeanwhileIntoAnotherOfficesHouseholdIsNotTakenBack) {
  const std::string their_head = MakeId("620902", "19700101", 11);
  const std::string own_head = MakeId("620123", "19700101", 21);
  const std::string member = MakeId("620123", "20000101", 22);
  WriteHouseholds({MakeHousehold("QH", kVillage, their_head)}, 1, store::DataScope::System());
  const store::DataScope township = store::DataScope::Region("620123105", true, true);
  WriteHouseholds({MakeHousehold("GA", kOtherVillage, own_head),
                   MakeHousehold("GB", kOtherVillage, MakeId("620123", "19710101", 23))},
                  2, township);
  WritePersons({MakePerson("QH", their_head, "head"), MakePerson("GA", own_head, "head"),
                MakePerson("GA", member, "son")},
               2);
  auto other = test_database().Open();
  // The other office (here the system) moves the member into its household, not yet committed.
  store::Transaction theirs(*other);
  ASSERT_EQ(
      WriteMemberOn(*other, MakePerson("QH", member, "son"), store::DataScope::System())[0].outcome,
      store::RowOutcome::kUpdated);
  std::vector<store::RowResult> results;
  ASSERT_EQ(RaceAgainst(theirs,
                        [&] {
                          store::Transaction transaction(db());
                          results = WriteMemberOn(db(), MakePerson("GB", member, "son", "skilled"),
                                                  township);
                          transaction.Commit();
                        }),
            "");
  ASSERT_EQ(results.size(), 1U);
  ASSERT_TRUE(results[0].error);
  EXPECT_EQ(results[0].error->code, "out_of_scope");
  EXPECT_EQ(db().Query("SELECT h.household_no FROM persons p JOIN households h ON h.id = "
                       "p.household_id WHERE p.id_number = $1",
                       {member})[0]
                .Text(0),
            "QH");
  EXPECT_EQ(Counts("QH"), (std::pair<std::int64_t, std::int64_t>{2, 2}));
  EXPECT_EQ(Counts("GA").first, 1);
  EXPECT_EQ(Counts("GB").first, 0);
}

TEST_P(RegistryTest, GroupsNamedByNameGetTheNextCodesOnce) {
  std::vector<core::Household> households;
  const char* groups[] = {"一组", "二组", "一组", "三组"};
  for (int index = 0; index < 4; ++index) {
    core::Household household = MakeHousehold("G" + std::to_string(index), kVillage,
                                              MakeId("620902", "19700101", 11 + 2 * index));
    household.group = groups[index];
    households.push_back(household);
  }
  WriteHouseholds(households, 1, store::DataScope::System());
  store::RegionRepository regions(db());
  const auto children = regions.Children(kVillage);
  ASSERT_EQ(children.size(), 3U);
  EXPECT_EQ(children[0].code, std::string(kVillage) + "001");
  EXPECT_EQ(children[0].name, "一组");
  EXPECT_EQ(children[2].code, std::string(kVillage) + "003");
  EXPECT_EQ(children[2].name, "三组");
  EXPECT_EQ(created_groups_.size(), 3U);
  EXPECT_EQ(db().Query("SELECT group_code FROM households WHERE household_no = 'G2'")[0].Text(0),
            std::string(kVillage) + "001");
}

TEST_P(RegistryTest, MembersKeepTheHouseholdCountsAndTheRolesHold) {
  const std::string head = MakeId("620902", "19700101", 11);  // a man
  const std::string wife = MakeId("620902", "19720202", 22);
  const std::string child = MakeId("620902", "20000303", 31);
  WriteHouseholds({MakeHousehold("F", kVillage, head),
                   MakeHousehold("G", kVillage, MakeId("620902", "19600101", 33))},
                  1, store::DataScope::System());
  auto results =
      WritePersons({MakePerson("F", head, "head"), MakePerson("F", wife, "spouse", "weak"),
                    MakePerson("F", child, "son", "none"),
                    MakePerson("F", MakeId("620902", "19800101", 41), "head"),     // second head
                    MakePerson("F", MakeId("620902", "19750101", 42), "spouse"),   // second spouse
                    MakePerson("NOPE", MakeId("620902", "19900101", 51), "son")},  // no household
                   2);
  EXPECT_EQ(results[0].outcome, store::RowOutcome::kInserted);
  EXPECT_EQ(results[1].outcome, store::RowOutcome::kInserted);
  EXPECT_EQ(results[2].outcome, store::RowOutcome::kInserted);
  ASSERT_TRUE(results[3].error);
  EXPECT_EQ(results[3].error->code, "second_head");
  ASSERT_TRUE(results[4].error);
  EXPECT_EQ(results[4].error->code, "second_spouse");
  ASSERT_TRUE(results[5].error);
  EXPECT_EQ(results[5].error->code, "unknown_household");
  EXPECT_EQ(Counts("F"), (std::pair<std::int64_t, std::int64_t>{3, 2}));

  // A later import knows the stored head and spouse.
  auto later = WritePersons({MakePerson("F", MakeId("620902", "19810101", 61), "head")}, 3);
  ASSERT_TRUE(later[0].error);
  EXPECT_EQ(later[0].error->code, "second_head");

  // The child moves to household G: both counts follow; re-writing it unchanged is a no-op.
  auto moved = WritePersons({MakePerson("G", child, "son", "ordinary")}, 4);
  EXPECT_EQ(moved[0].outcome, store::RowOutcome::kUpdated);
  EXPECT_NE(moved[0].warning.find("从户“F”转入户“G”"), std::string::npos) << moved[0].warning;
  EXPECT_EQ(Counts("F"), (std::pair<std::int64_t, std::int64_t>{2, 2}));
  EXPECT_EQ(Counts("G"), (std::pair<std::int64_t, std::int64_t>{1, 1}));
  auto same = WritePersons({MakePerson("G", child, "son", "ordinary")}, 5);
  EXPECT_EQ(same[0].outcome, store::RowOutcome::kUnchanged);
  EXPECT_EQ(Counts("G"), (std::pair<std::int64_t, std::int64_t>{1, 1}));
}

// A member on record is found among the members of their household, read household by
// household; one who moved in from another household, or is new, is looked up by ID number.
// The outcomes and counts are the same either way, in a batch that inserts first and in one
// that looks its rows up first. On PostgreSQL a batch whose members are all found in their
// households does not probe the ID-number index at all: an office's unchanged file of 3.5
// million members took 33 s with a probe for each, 14 to 17 s without (docs/postgresql.md).
TEST_P(RegistryTest, MembersOnRecordAreFoundInTheirHouseholdOrByIdNumber) {
  using store::RowOutcome;
  const std::string head_a = MakeId("620902", "19700101", 11);
  const std::string head_b = MakeId("620902", "19710101", 13);
  const std::string son_a = MakeId("620902", "20000303", 31);
  const std::string son_b = MakeId("620902", "20010303", 33);
  const std::string newborn_a = MakeId("620902", "20200101", 51);
  const std::string newborn_b = MakeId("620902", "20210101", 53);
  WriteHouseholds({MakeHousehold("A", kVillage, head_a), MakeHousehold("B", kVillage, head_b)}, 1,
                  store::DataScope::System());
  const bool postgres = GetParam() == TestBackend::kPostgres;
  if (postgres) {
    db().ExecuteScript("SET enable_seqscan = off");
  }
  // All new: the batch after it inserts first.
  ASSERT_EQ(Outcomes(WritePersons(
                {MakePerson("A", head_a, "head"), MakePerson("A", son_a, "son", "none"),
                 MakePerson("B", head_b, "head"), MakePerson("B", son_b, "son", "none")},
                1)),
            std::vector<RowOutcome>(4, RowOutcome::kInserted));

  // Inserting first: A's head unchanged, A's son changed, a newborn, B's son moved in.
  const auto inserting_first = WritePersons(
      {MakePerson("A", head_a, "head"), MakePerson("A", son_a, "son", "skilled"),
       MakePerson("A", newborn_a, "son", "none"), MakePerson("A", son_b, "son", "none")},
      2);
  EXPECT_EQ(Outcomes(inserting_first),
            (std::vector<RowOutcome>{RowOutcome::kUnchanged, RowOutcome::kUpdated,
                                     RowOutcome::kInserted, RowOutcome::kUpdated}));
  EXPECT_NE(inserting_first[3].warning.find("从户“B”转入户“A”"), std::string::npos)
      << inserting_first[3].warning;
  EXPECT_EQ(Counts("A"), (std::pair<std::int64_t, std::int64_t>{4, 2}));
  EXPECT_EQ(Counts("B"), (std::pair<std::int64_t, std::int64_t>{1, 1}));

  // Most were on record: the batch after it looks its rows up first. B's head unchanged, A's
  // son moved to B (found among A's members: A is in the batch too), a newborn in B (looked up
  // by ID number, and inserted), A's newborn changed.
  const std::int64_t scans_before = postgres ? IndexScans("persons_id_number") : 0;
  const auto looking_up_first = WritePersons(
      {MakePerson("B", head_b, "head"), MakePerson("B", son_a, "son", "skilled"),
       MakePerson("B", newborn_b, "son", "none"), MakePerson("A", newborn_a, "son", "weak")},
      3);
  EXPECT_EQ(Outcomes(looking_up_first),
            (std::vector<RowOutcome>{RowOutcome::kUnchanged, RowOutcome::kUpdated,
                                     RowOutcome::kInserted, RowOutcome::kUpdated}));
  EXPECT_NE(looking_up_first[1].warning.find("从户“A”转入户“B”"), std::string::npos)
      << looking_up_first[1].warning;
  EXPECT_EQ(Counts("A"), (std::pair<std::int64_t, std::int64_t>{3, 2}));
  EXPECT_EQ(Counts("B"), (std::pair<std::int64_t, std::int64_t>{3, 2}));
  const std::int64_t scans_between = postgres ? IndexScans("persons_id_number") : 0;
  if (postgres) {
    EXPECT_GT(scans_between, scans_before);  // the counter moves: the newborn's lookup, insert
  }

  // Everyone unchanged, each in their household: found there, and the index not probed.
  EXPECT_EQ(
      Outcomes(WritePersons(
          {MakePerson("A", head_a, "head"), MakePerson("A", newborn_a, "son", "weak"),
           MakePerson("A", son_b, "son", "none"), MakePerson("B", head_b, "head"),
           MakePerson("B", son_a, "son", "skilled"), MakePerson("B", newborn_b, "son", "none")},
          4)),
      std::vector<RowOutcome>(6, RowOutcome::kUnchanged));
  EXPECT_EQ(Counts("A"), (std::pair<std::int64_t, std::int64_t>{3, 2}));
  EXPECT_EQ(Counts("B"), (std::pair<std::int64_t, std::int64_t>{3, 2}));
  if (postgres) {
    EXPECT_EQ(IndexScans("persons_id_number"), scans_between);
  }
}

// The changed rows of a batch are written together, in a few statements: each of them is
// stored as an insert of the same record would store it, values and NULLs alike, and the
// unchanged row beside them is left alone.
TEST_P(RegistryTest, ChangedRowsWrittenTogetherAreStoredAsAnInsertWouldStoreThem) {
  using store::RowOutcome;
  const std::string head_a = MakeId("620902", "19700101", 11);
  const std::string head_b = MakeId("620902", "19710101", 13);
  const std::string head_c = MakeId("620902", "19720101", 15);
  const std::string son_a = MakeId("620902", "20000303", 31);
  const std::string son_b = MakeId("620902", "20010303", 33);
  WriteHouseholds({MakeHousehold("A", kVillage, head_a), MakeHousehold("B", kVillage, head_b),
                   MakeHousehold("C", kVillage, head_c)},
                  1, store::DataScope::System());
  ASSERT_EQ(Outcomes(WritePersons(
                {MakePerson("A", head_a, "head"), MakePerson("A", son_a, "son", "none"),
                 MakePerson("B", head_b, "head"), MakePerson("B", son_b, "son", "none")},
                1)),
            std::vector<RowOutcome>(4, RowOutcome::kInserted));

  // A gains a value in every optional column; B loses its declared size and income.
  core::Household full = MakeHousehold("A", kVillage, head_a, "poverty");
  full.phone = "13912345678";
  full.main_cause = "illness";
  full.other_causes = {"disability", "lack_of_funds"};
  full.arable_land_centimu = 1250;
  full.dilapidated_house = true;
  full.identification_year = 2013;
  full.exit_status = "exited";
  full.exit_year = 2016;
  full.assistance_type = "industry";
  full.identification_standard = "national";
  full.bank_account = "6228480000000000000";
  core::Household bare = MakeHousehold("B", kVillage, head_b);
  bare.declared_members.reset();
  bare.per_capita_income_fen.reset();
  EXPECT_EQ(Outcomes(WriteHouseholds({full, bare, MakeHousehold("C", kVillage, head_c)}, 2,
                                     store::DataScope::System())),
            (std::vector<RowOutcome>{RowOutcome::kUpdated, RowOutcome::kUpdated,
                                     RowOutcome::kUnchanged}));
  core::Person worker = MakePerson("A", son_a, "son", "skilled");
  worker.name = "王小明";
  worker.ethnicity = "hui";
  worker.education = "senior";
  worker.schooling = "none";
  worker.health = "healthy";
  worker.work_location = "outside_province";
  worker.work_months = 9;
  worker.phone = "13812345678";
  core::Person idle = MakePerson("B", son_b, "son", "weak");
  EXPECT_EQ(Outcomes(WritePersons({worker, idle}, 2)),
            (std::vector<RowOutcome>{RowOutcome::kUpdated, RowOutcome::kUpdated}));

  // The same records inserted under other keys, to compare with.
  core::Household full_new = full;
  full_new.household_no = "A2";
  full_new.head_id_number = MakeId("620902", "19730101", 17);
  core::Household bare_new = bare;
  bare_new.household_no = "B2";
  bare_new.head_id_number = MakeId("620902", "19740101", 19);
  ASSERT_EQ(Outcomes(WriteHouseholds({full_new, bare_new}, 3, store::DataScope::System())),
            std::vector<RowOutcome>(2, RowOutcome::kInserted));
  core::Person worker_new = worker;
  worker_new.household_no = "A2";
  worker_new.id_number = MakeId("620902", "20020303", 35);
  core::Person idle_new = idle;
  idle_new.household_no = "B2";
  idle_new.id_number = MakeId("620902", "20030303", 37);
  ASSERT_EQ(Outcomes(WritePersons({worker_new, idle_new}, 3)),
            std::vector<RowOutcome>(2, RowOutcome::kInserted));

  // Every column but the keys and what tells the rows apart.
  const auto stored = [&](const std::string& sql, const std::string& key) {
    const auto rows = db().Query(sql, {key});
    EXPECT_EQ(rows.size(), 1u) << key;
    std::vector<std::string> values;
    for (std::size_t column = 0; !rows.empty() && column < rows.columns().size(); ++column) {
      values.push_back(rows[0].IsNull(column) ? "NULL" : rows[0].Text(column));
    }
    return values;
  };
  const std::string household_sql =
      "SELECT county_code, village_code, group_code, head_name, declared_members, phone, "
      "category, main_cause, other_causes, per_capita_income_fen, arable_land_centimu, "
      "dilapidated_house, identification_year, exit_status, exit_year, assistance_type, "
      "identification_standard, bank_account, updated_at FROM households WHERE household_no = $1";
  EXPECT_EQ(stored(household_sql, "A"), stored(household_sql, "A2"));
  EXPECT_EQ(stored(household_sql, "B"), stored(household_sql, "B2"));
  EXPECT_EQ(stored(household_sql, "B")[4], "NULL");  // declared_members
  EXPECT_EQ(stored(household_sql, "A")[11], "1");    // dilapidated_house
  const std::string person_sql =
      "SELECT county_code, name, relation, sex, birth_date, ethnicity, education, schooling, "
      "health, labour_skill, work_location, work_months, phone, updated_at FROM persons WHERE "
      "id_number = $1";
  EXPECT_EQ(stored(person_sql, son_a), stored(person_sql, worker_new.id_number));
  EXPECT_EQ(stored(person_sql, son_b), stored(person_sql, idle_new.id_number));
  EXPECT_EQ(stored(person_sql, son_a)[11], "9");  // work_months
  // The counts follow the changed labour skills: the sons now count as labour.
  EXPECT_EQ(Counts("A"), (std::pair<std::int64_t, std::int64_t>{2, 2}));
  EXPECT_EQ(Counts("B"), (std::pair<std::int64_t, std::int64_t>{2, 2}));
  // The updated rows name the import and the file row that wrote them.
  const auto written_by =
      db().Query("SELECT import_job, import_row FROM persons WHERE id_number = $1", {son_b});
  EXPECT_EQ(written_by[0].Int(0), 2);
  EXPECT_EQ(written_by[0].Int(1), 3);  // the batch's second row
  // And an import of the same records again finds nothing to write: their fingerprints too
  // were stored.
  EXPECT_EQ(Outcomes(WriteHouseholds({full, bare}, 4, store::DataScope::System())),
            std::vector<RowOutcome>(2, RowOutcome::kUnchanged));
  EXPECT_EQ(Outcomes(WritePersons({worker, idle}, 4)),
            std::vector<RowOutcome>(2, RowOutcome::kUnchanged));
}

// More changed rows than one statement takes (200 members, 160 households a statement): every
// one of them is written, across the statements, and the counts follow.
TEST_P(RegistryTest, ChangedRowsBeyondOneStatementAreAllWritten) {
  using store::RowOutcome;
  constexpr int kMembers = 450;
  const std::string head = MakeId("620902", "19700101", 11);
  std::vector<core::Household> households = {MakeHousehold("M", kVillage, head)};
  for (int number = 1; number < kMembers; ++number) {
    households.push_back(MakeHousehold("H" + std::to_string(number), kVillage,
                                       MakeId("620902", "19600101", 100 + number)));
  }
  ASSERT_EQ(Outcomes(WriteHouseholds(households, 1, store::DataScope::System())),
            std::vector<RowOutcome>(kMembers, RowOutcome::kInserted));
  std::vector<core::Person> members = {MakePerson("M", head, "head", "none")};
  for (int number = 1; number < kMembers; ++number) {
    members.push_back(MakePerson("M", MakeId("620902", "20000101", 100 + number), "son", "none"));
  }
  ASSERT_EQ(Outcomes(WritePersons(members, 1)),
            std::vector<RowOutcome>(kMembers, RowOutcome::kInserted));
  EXPECT_EQ(Counts("M"), (std::pair<std::int64_t, std::int64_t>{kMembers, 0}));

  for (core::Household& household : households) {
    household.per_capita_income_fen = 480000;
  }
  for (core::Person& member : members) {
    member.labour_skill = "ordinary";  // counted as labour now
  }
  EXPECT_EQ(Outcomes(WriteHouseholds(households, 2, store::DataScope::System())),
            std::vector<RowOutcome>(kMembers, RowOutcome::kUpdated));
  EXPECT_EQ(Outcomes(WritePersons(members, 2)),
            std::vector<RowOutcome>(kMembers, RowOutcome::kUpdated));
  EXPECT_EQ(
      db().Query("SELECT count(*) FROM households WHERE per_capita_income_fen = 480000")[0].Int(0),
      kMembers);
  EXPECT_EQ(
      db().Query(
              "SELECT count(*) FROM persons WHERE labour_skill = 'ordinary' AND import_job = 2")[0]
          .Int(0),
      kMembers);
  EXPECT_EQ(Counts("M"), (std::pair<std::int64_t, std::int64_t>{kMembers, kMembers}));
}

// Someone else deletes a stored row between the batch's reading of it and its update (here a
// trigger on the batch's own insert of another row does it). The row is refused, naming the
// reason, and not counted: the update found nothing to change.
TEST_P(RegistryTest, ARowDeletedMeanwhileIsRefusedNotCountedAsUpdated) {
  const std::string head = MakeId("620902", "19700101", 11);
  const std::string child = MakeId("620902", "20050101", 31);
  const std::string gone_head = MakeId("620902", "19710101", 13);
  WriteHouseholds({MakeHousehold("K", kVillage, head), MakeHousehold("GONE", kVillage, gone_head)},
                  1, store::DataScope::System());
  WritePersons({MakePerson("K", head, "head"), MakePerson("K", child, "son", "none")}, 1);
  ASSERT_EQ(Counts("K"), (std::pair<std::int64_t, std::int64_t>{2, 1}));
  const auto delete_on_insert = [&](const std::string& table, const std::string& condition) {
    if (GetParam() == TestBackend::kPostgres) {
      db().ExecuteScript(
          "CREATE FUNCTION delete_" + table +
          "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM " + table + " WHERE " +
          condition + "; RETURN NULL; END $$; CREATE TRIGGER meanwhile_" + table +
          " AFTER INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION delete_" + table + "()");
    } else {
      db().ExecuteScript("CREATE TRIGGER meanwhile_" + table + " AFTER INSERT ON " + table +
                         " BEGIN DELETE FROM " + table + " WHERE " + condition + "; END");
    }
  };
  // A batch of rows all on record: the next batch looks its rows up before inserting the
  // new ones, and the stored rows are read before the insert that deletes one of them.
  ASSERT_EQ(Outcomes(WritePersons({MakePerson("K", head, "head")}, 2)),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  ASSERT_EQ(Outcomes(WriteHouseholds({MakeHousehold("K", kVillage, head)}, 2,
                                     store::DataScope::System())),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  delete_on_insert("persons", "id_number = '" + child + "'");
  delete_on_insert("households", "household_no = 'GONE'");

  const auto members = WritePersons({MakePerson("K", MakeId("620902", "20080101", 51), "son"),
                                     MakePerson("K", child, "son", "ordinary")},  // changed
                                    2);
  EXPECT_EQ(members[0].outcome, store::RowOutcome::kInserted);
  ASSERT_TRUE(members[1].error);
  EXPECT_EQ(members[1].error->code, "conflict");
  EXPECT_NE(members[1].error->message.find("已被他人删除"), std::string::npos)
      << members[1].error->message;
  // The new son counted; the deleted child's change not (the trigger left the counts alone).
  EXPECT_EQ(Counts("K"), (std::pair<std::int64_t, std::int64_t>{3, 2}));

  core::Household changed = MakeHousehold("GONE", kVillage, gone_head);
  changed.per_capita_income_fen = 420000;
  const auto households =
      WriteHouseholds({MakeHousehold("NEW", kVillage, MakeId("620902", "19720101", 15)), changed},
                      2, store::DataScope::System());
  EXPECT_EQ(households[0].outcome, store::RowOutcome::kInserted);
  ASSERT_TRUE(households[1].error);
  EXPECT_EQ(households[1].error->code, "conflict");
  EXPECT_NE(households[1].error->message.find("已被他人删除"), std::string::npos)
      << households[1].error->message;
  EXPECT_TRUE(db().Query("SELECT id FROM households WHERE household_no = 'GONE'").empty());
}

// Someone else stores a household or a member between the batch's lookup of its key (not
// found) and its insert: the insert collides, the row is looked up again and compared, and the
// stored row is updated with the file's, not refused as a conflict nor stored twice. Here a
// trigger on the batch's own insert stores it first, as another office's import committing in
// between would. (An outcome of "updated" is only reached through that collision: without the
// trigger the row would be inserted.)
class StoredMeanwhileTest : public RegistryTest {
 protected:
  // Before `table` takes a row whose `key` is `value`, a row of its own with the same values
  // but `column` set to '他人' (someone else), and another fingerprint (row_hash), goes in.
  void StoreFirst(const std::string& table, const std::string& key, const std::string& value,
                  const std::vector<std::string>& columns, const std::string& column) {
    std::string names;
    std::string values;
    for (const std::string& name : columns) {
      names += (names.empty() ? "" : ", ") + name;
      const std::string value_of = name == column       ? std::string("'他人'")
                                   : name == "row_hash" ? std::string("0")
                                                        : "NEW." + name;
      values += (values.empty() ? "" : ", ") + value_of;
    }
    const std::string condition =
        "NEW." + key + " = '" + value + "' AND NEW." + column + " <> '他人'";
    const std::string insert = "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")";
    if (GetParam() == TestBackend::kPostgres) {
      db().ExecuteScript(
          "CREATE FUNCTION store_first() RETURNS trigger LANGUAGE plpgsql AS $$ "
          "BEGIN IF " +
          condition + " THEN " + insert +
          "; END IF; RETURN NEW; END $$; CREATE TRIGGER meanwhile BEFORE INSERT "
          "ON " +
          table + " FOR EACH ROW EXECUTE FUNCTION store_first()");
    } else {
      db().ExecuteScript("CREATE TRIGGER meanwhile BEFORE INSERT ON " + table + " WHEN " +
                         condition + " BEGIN " + insert + "; END");
    }
  }
};

SHUANGLIAN_BACKEND_SUITE(StoredMeanwhileTest);

TEST_P(StoredMeanwhileTest, AHouseholdIsUpdatedNotRefused) {
  const std::string head = MakeId("620902", "19700101", 11);
  const std::string racing_head = MakeId("620902", "19730101", 17);
  WriteHouseholds({MakeHousehold("K", kVillage, head)}, 1, store::DataScope::System());
  // A batch of rows all on record: the next batch looks its rows up before inserting.
  ASSERT_EQ(Outcomes(WriteHouseholds({MakeHousehold("K", kVillage, head)}, 2,
                                     store::DataScope::System())),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  StoreFirst("households", "household_no", "RACE",
             {"county_code", "household_no", "village_code", "head_name", "head_id_number",
              "category", "row_hash", "created_at", "updated_at"},
             "head_name");

  const auto results = WriteHouseholds({MakeHousehold("RACE", kVillage, racing_head)}, 2,
                                       store::DataScope::System());
  ASSERT_FALSE(results[0].error) << results[0].error->message;
  EXPECT_EQ(results[0].outcome, store::RowOutcome::kUpdated);
  const auto stored =
      db().Query("SELECT head_name, import_job FROM households WHERE household_no = 'RACE'");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].Text(0), "王建国");
  EXPECT_EQ(stored[0].Int(1), 2);
}

TEST_P(StoredMeanwhileTest, AMemberIsUpdatedNotRefused) {
  const std::string head = MakeId("620902", "19700101", 11);
  const std::string child = MakeId("620902", "20080101", 51);
  WriteHouseholds({MakeHousehold("K", kVillage, head)}, 1, store::DataScope::System());
  WritePersons({MakePerson("K", head, "head")}, 1);
  ASSERT_EQ(Outcomes(WritePersons({MakePerson("K", head, "head")}, 2)),
            std::vector<store::RowOutcome>{store::RowOutcome::kUnchanged});
  StoreFirst("persons", "id_number", child,
             {"county_code", "household_id", "id_number", "name", "relation", "sex", "birth_date",
              "row_hash", "created_at", "updated_at"},
             "name");

  const auto results = WritePersons({MakePerson("K", child, "son")}, 2);
  ASSERT_FALSE(results[0].error) << results[0].error->message;
  EXPECT_EQ(results[0].outcome, store::RowOutcome::kUpdated);
  const auto stored =
      db().Query("SELECT name, import_job FROM persons WHERE id_number = $1", {child});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].Text(0), MakePerson("K", child, "son").name);
  EXPECT_EQ(stored[0].Int(1), 2);
}

// An ordinary import into a table that held one row grows it 25,000 times over. On PostgreSQL
// the table is analysed again along the way, when the import asks after a batch commits:
// afterwards its statistics know it holds thousands of rows, not one (without it they would
// until autovacuum came by). A batch itself analyses nothing: its lock would last until the
// batch commits, and a batch rolled back would leave its rows counted. SQLite keeps no
// statistics to follow.
TEST_P(RegistryTest, AnImportThatGrowsATableManyTimesOverKeepsItsStatisticsUp) {
  WriteHouseholds({MakeHousehold("FIRST", kVillage, MakeId("620902", "19500101", 1))}, 1,
                  store::DataScope::System());
  if (GetParam() == TestBackend::kPostgres) {
    db().ExecuteScript("ANALYZE households");
  }
  constexpr int kHouseholds = 25000;
  constexpr int kBatch = 12500;  // more than kRowsBeforeAnalyze: the batch alone is enough
  for (int start = 0; start < kHouseholds; start += kBatch) {
    std::vector<core::Household> batch;
    for (int number = start; number < start + kBatch; ++number) {
      const int day = number / 900;  // 900 heads born on each day
      char birth[9];
      std::snprintf(birth, sizeof birth, "1960%02d%02d", 1 + day % 12, 1 + day / 12);
      batch.push_back(MakeHousehold("G" + std::to_string(number), kVillage,
                                    MakeId("620902", birth, 10 + number % 900)));
    }
    const auto results = WriteHouseholds(batch, 2, store::DataScope::System());
    ASSERT_EQ(results.back().outcome, store::RowOutcome::kInserted);
    if (start == 0 && GetParam() == TestBackend::kPostgres) {
      // 12,500 rows into a table of one, committed, and not yet asked to.
      EXPECT_EQ(db().Query("SELECT reltuples::bigint FROM pg_class WHERE oid = "
                           "'households'::regclass")[0]
                    .Int(0),
                1);
    }
    households_->RefreshStatistics();
  }
  EXPECT_EQ(db().Query("SELECT count(*) FROM households")[0].Int(0), kHouseholds + 1);
  if (GetParam() == TestBackend::kPostgres) {
    const std::int64_t known =
        db().Query("SELECT reltuples::bigint FROM pg_class WHERE oid = 'households'::regclass")[0]
            .Int(0);
    EXPECT_GE(known, 10000);
    EXPECT_LE(known, kHouseholds + 1);
  }
}

TEST_P(RegistryTest, SpouseOfTheSameSexIsRefused) {
  const std::string head = MakeId("620902", "19700101", 11);  // a man
  WriteHouseholds({MakeHousehold("S", kVillage, head)}, 1, store::DataScope::System());
  auto results =
      WritePersons({MakePerson("S", head, "head"),
                    MakePerson("S", MakeId("620902", "19710101", 13), "spouse")},  // a man
                   2);
  EXPECT_EQ(results[0].outcome, store::RowOutcome::kInserted);
  ASSERT_TRUE(results[1].error);
  EXPECT_EQ(results[1].error->code, "spouse_same_sex");
}

TEST_P(RegistryTest, VillageTotalsAddUpTheRecords) {
  WriteHouseholds({MakeHousehold("T1", kVillage, MakeId("620902", "19700101", 11), "poverty"),
                   MakeHousehold("T2", kVillage, MakeId("620902", "19700102", 11), "general"),
                   MakeHousehold("T3", kOtherVillage, MakeId("620123", "19700103", 11), "poverty")},
                  1, store::DataScope::System());
  WritePersons({MakePerson("T1", MakeId("620902", "19700101", 11), "head"),
                MakePerson("T1", MakeId("620902", "20100101", 21), "son", "none")},
               2);
  store::StatsRepository stats(db());
  const auto township = stats.VillageTotals("620902108");
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t labour = 0;
  for (const auto& row : township) {
    EXPECT_EQ(row.village_code, kVillage);
    households += row.households;
    persons += row.persons;
    labour += row.labour;
  }
  EXPECT_EQ(households, 2);
  EXPECT_EQ(persons, 2);
  EXPECT_EQ(labour, 1);
  const auto province = stats.VillageTotals("62");
  std::int64_t all = 0;
  for (const auto& row : province) {
    all += row.households;
  }
  EXPECT_EQ(all, 3);
}

SHUANGLIAN_BACKEND_SUITE(RegistryTest);

}  // namespace
}  // namespace shuanglian::testing
