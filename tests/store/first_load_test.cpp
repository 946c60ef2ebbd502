// A first load at the store: the unique indexes are put aside only for an empty table, the
// keys in memory find repeats in later batches, the rules between members hold across
// batches, and the end puts every index back and counts the members.
#include "store/first_load.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "store/backend_fixture.h"
#include "store/household_repository.h"
#include "store/household_store.h"
#include "store/person_store.h"
#include "store/region_repository.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kVillage = "620902108200";
constexpr const char* kNow = "2026-11-29T10:00:00+08:00";

class FirstLoadTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    AddVillages({kVillage});
  }

  bool IndexPresent(const std::string& name) {
    const std::string sql =
        GetParam() == TestBackend::kPostgres
            ? "SELECT count(*) FROM pg_indexes WHERE indexname = $1"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $1";
    return db().Query(sql, {name})[0].Int(0) == 1;
  }

  // PostgreSQL: is the table's primary key in place? (SQLite's is the rowid: always.)
  bool PrimaryKeyPresent(const std::string& table) {
    if (GetParam() != TestBackend::kPostgres) {
      return true;
    }
    return db().Query(
                   "SELECT count(*) FROM pg_constraint WHERE conrelid = $1::regclass AND "
                   "contype = 'p'",
                   {table})[0]
               .Int(0) == 1;
  }

  // The foreign keys of a table (SQLite: those its schema declares, always in place).
  std::int64_t ForeignKeyCount(const std::string& table) {
    if (GetParam() != TestBackend::kPostgres) {
      return db().Query("SELECT count(*) FROM pragma_foreign_key_list($1)", {table})[0].Int(0);
    }
    return db()
        .Query(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = $1::regclass AND "
            "contype = 'f'",
            {table})[0]
        .Int(0);
  }

  // PostgreSQL: the pages of the table, and how many of them the visibility map holds as
  // visible to all (as ANALYZE counted them at the load's end).
  std::pair<std::int64_t, std::int64_t> PagesAndAllVisible(const std::string& table) {
    const auto row = db().Query(
        "SELECT relpages::bigint, relallvisible::bigint FROM pg_class WHERE oid = $1::regclass",
        {table});
    return {row[0].Int(0), row[0].Int(1)};
  }

  // A household stored and committed before the test's own load.
  void StoreHousehold(const std::string& number, const std::string& head) {
    store::Transaction transaction(db());
    store::HouseholdStore households(db());
    std::vector<std::string> groups;
    households.UpsertBatch(Numbered<core::Household>({MakeHousehold(number, kVillage, head)}, 2),
                           context_, groups);
    transaction.Commit();
  }

  template <typename Record>
  static std::vector<store::ImportRow<Record>> Numbered(const std::vector<Record>& records,
                                                        std::int64_t first_row) {
    std::vector<store::ImportRow<Record>> rows;
    for (const Record& record : records) {
      rows.push_back({first_row++, record});
    }
    return rows;
  }

  static std::vector<std::string> Codes(const std::vector<store::RowResult>& results) {
    std::vector<std::string> codes;
    for (const store::RowResult& result : results) {
      codes.push_back(result.error ? result.error->code : "ok");
    }
    return codes;
  }

  const store::DataScope scope_ = store::DataScope::System();
  const store::WriteContext context_{1, kNow, scope_};
};

// An office that deleted every household and loads its file again gets new ids, past every
// id given before: the deleted households' pairings, visits and aid keep theirs as history.
TEST_P(FirstLoadTest, AFirstLoadIntoAnEmptiedTableGivesIdsNeverGivenBefore) {
  StoreHousehold("OLD1", MakeId("620902", "19600101", 1));
  StoreHousehold("OLD2", MakeId("620902", "19600101", 3));
  const std::int64_t given = db().Query("SELECT max(id) FROM households")[0].Int(0);
  db().ExecuteScript("DELETE FROM household_counts; DELETE FROM persons; DELETE FROM households");
  store::Transaction transaction(db());
  store::HouseholdStore households(db());
  ASSERT_TRUE(households.BeginFirstLoad());
  std::vector<std::string> groups;
  households.UpsertBatch(Numbered<core::Household>(
                             {MakeHousehold("NEW1", kVillage, MakeId("620902", "19700101", 1))}, 2),
                         context_, groups);
  households.FinishFirstLoad();
  transaction.Commit();
  EXPECT_GT(db().Query("SELECT id FROM households WHERE household_no = 'NEW1'")[0].Int(0), given);
}

TEST_P(FirstLoadTest, RepeatsInLaterBatchesAreRejectedAndTheIndexesComeBack) {
  const std::string head_a = MakeId("620902", "19700101", 1);
  const std::string head_b = MakeId("620902", "19710101", 3);
  const std::string head_c = MakeId("620902", "19720101", 5);
  store::Transaction transaction(db());
  store::HouseholdStore households(db());
  ASSERT_TRUE(households.BeginFirstLoad());
  // On PostgreSQL the primary key is built again at the end, and the foreign keys of members
  // and counts that refer to it are set aside meanwhile (neither table has a row). Repeats
  // are found in memory: no row of the load is read back, not even by id.
  const bool postgres = GetParam() == TestBackend::kPostgres;
  EXPECT_EQ(PrimaryKeyPresent("households"), !postgres);
  EXPECT_EQ(ForeignKeyCount("persons"), postgres ? 0 : 1);
  EXPECT_EQ(ForeignKeyCount("household_counts"), postgres ? 0 : 1);
  EXPECT_FALSE(IndexPresent("households_number"));
  EXPECT_FALSE(IndexPresent("households_head_id"));
  EXPECT_FALSE(IndexPresent("households_village_group"));
  std::vector<std::string> groups;
  const auto first = households.UpsertBatch(
      Numbered<core::Household>({MakeHousehold("H1", kVillage, head_a)}, 2), context_, groups);
  EXPECT_EQ(Codes(first), (std::vector<std::string>{"ok"}));
  const auto second =
      households.UpsertBatch(Numbered<core::Household>({MakeHousehold("H1", kVillage, head_b),
                                                        MakeHousehold("H2", kVillage, head_a),
                                                        MakeHousehold("H333", kVillage, head_c)},
                                                       3),
                             context_, groups);
  EXPECT_EQ(Codes(second),
            (std::vector<std::string>{"duplicate_in_file", "head_heads_other_household", "ok"}));
  EXPECT_NE(second[0].error->message.find("与第 2 行重复"), std::string::npos);
  EXPECT_NE(second[1].error->message.find("H1"), std::string::npos);
  // A third batch: the keys are found in memory, numbers compared there, heads' ID numbers
  // kept whole; a head number that is not normalised (only a direct caller of the store can
  // send one) is refused and the rest loaded.
  core::Household cut = MakeHousehold("H4", kVillage, MakeId("620902", "19730101", 7));
  cut.head_id_number.pop_back();  // 17 characters
  const auto third = households.UpsertBatch(
      Numbered<core::Household>(
          {cut, MakeHousehold("H1", kVillage, MakeId("620902", "19740101", 9)),
           MakeHousehold("H5", kVillage, head_c),
           MakeHousehold("H6", kVillage, MakeId("620902", "19750101", 1)),
           MakeHousehold("H333", kVillage, MakeId("620902", "19760101", 3))},
          6),
      context_, groups);
  EXPECT_EQ(Codes(third),
            (std::vector<std::string>{"id_characters", "duplicate_in_file",
                                      "head_heads_other_household", "ok", "duplicate_in_file"}));
  EXPECT_EQ(third[0].error->column, "户主证件号码");
  EXPECT_NE(third[1].error->message.find("与第 2 行重复"), std::string::npos)
      << third[1].error->message;
  EXPECT_NE(third[2].error->message.find("H333"), std::string::npos) << third[2].error->message;
  // H333 is the second number kept, after H1 in memory (numbers of other lengths).
  EXPECT_NE(third[4].error->message.find("与第 5 行重复"), std::string::npos)
      << third[4].error->message;
  households.FinishFirstLoad();
  transaction.Commit();
  EXPECT_TRUE(IndexPresent("households_number"));
  EXPECT_TRUE(IndexPresent("households_head_id"));
  EXPECT_TRUE(IndexPresent("households_village_group"));
  EXPECT_TRUE(PrimaryKeyPresent("households"));
  EXPECT_EQ(ForeignKeyCount("persons"), 1);
  EXPECT_EQ(ForeignKeyCount("household_counts"), 1);
  EXPECT_TRUE(IndexPresent("households_village_number"));
  EXPECT_EQ(db().Query("SELECT count(*) FROM households", {})[0].Int(0), 3);

  // Not empty any more: the next import upserts through the indexes.
  store::Transaction next(db());
  store::HouseholdStore again(db());
  EXPECT_FALSE(again.BeginFirstLoad());
  EXPECT_TRUE(IndexPresent("households_head_id"));
}

// On PostgreSQL a first load empties the table with TRUNCATE in its transaction and writes
// the rows frozen: every page is visible to all when it commits, so no later scan rewrites
// the pages to mark the rows and no VACUUM has to visit them. Without the right to TRUNCATE
// the load is the same, written as usual. SQLite writes as usual either way.
TEST_P(FirstLoadTest, RowsAreWrittenFrozenWhereTheTableCouldBeEmptied) {
  struct Case {
    const char* name;
    const char* before;  // PostgreSQL: run before the load's transaction
    bool frozen;
  };
  const bool postgres = GetParam() == TestBackend::kPostgres;
  const std::vector<Case> cases =
      postgres ? std::vector<Case>{{"with TRUNCATE", "GRANT TRUNCATE ON households TO CURRENT_USER",
                                    true},
                                   {"without TRUNCATE",
                                    "REVOKE TRUNCATE ON households FROM CURRENT_USER", false},
                                   // The question whether the table is empty may have been answered
                                   // from a snapshot older than the lock: no TRUNCATE then.
                                   {"at REPEATABLE READ",
                                    "GRANT TRUNCATE ON households TO CURRENT_USER; SET "
                                    "default_transaction_isolation = 'repeatable read'",
                                    false}}
               : std::vector<Case>{{"SQLite", "", false}};
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    db().ExecuteScript("DELETE FROM households");
    if (postgres) {
      db().ExecuteScript(test.before);
    }
    std::vector<core::Household> records;
    for (int number = 0; number < 200; ++number) {
      records.push_back(MakeHousehold("H" + std::to_string(number), kVillage,
                                      MakeId("620902", "19700101", 2 * number + 1)));
    }
    store::Transaction transaction(db());
    store::HouseholdStore households(db());
    ASSERT_TRUE(households.BeginFirstLoad());
    std::vector<std::string> groups;
    const std::vector<std::string> codes =
        Codes(households.UpsertBatch(Numbered<core::Household>(records, 2), context_, groups));
    EXPECT_EQ(std::count(codes.begin(), codes.end(), "ok"), 200);
    households.FinishFirstLoad();
    transaction.Commit();
    EXPECT_EQ(db().Query("SELECT count(*) FROM households", {})[0].Int(0), 200);
    if (postgres) {
      const auto [pages, all_visible] = PagesAndAllVisible("households");
      EXPECT_GT(pages, 1);
      EXPECT_EQ(all_visible, test.frozen ? pages : 0);
    }
  }
}

// A first load reads every village's groups when it begins: a group stored before it keeps
// its code, and new ones take the next codes, each created once across batches.
TEST_P(FirstLoadTest, GroupsNamedByNameFollowTheGroupsStoredBefore) {
  store::RegionRepository regions(db());
  {
    store::Transaction transaction(db());
    regions.EnsureGroup(kVillage, "一组", kNow);  // 001, before any household
    regions.EnsureGroup(kVillage, "五组", kNow);  // 002
    transaction.Commit();
  }
  const auto with_group = [](const char* number, const std::string& head, const char* group) {
    core::Household household = MakeHousehold(number, kVillage, head);
    household.group = group;
    return household;
  };
  store::Transaction transaction(db());
  store::HouseholdStore households(db());
  ASSERT_TRUE(households.BeginFirstLoad());
  std::vector<std::string> created;
  households.UpsertBatch(
      Numbered<core::Household>({with_group("G1", MakeId("620902", "19700101", 1), "一组"),
                                 with_group("G2", MakeId("620902", "19710101", 3), "二组")},
                                2),
      context_, created);
  households.UpsertBatch(
      Numbered<core::Household>({with_group("G3", MakeId("620902", "19720101", 5), "二组"),
                                 with_group("G4", MakeId("620902", "19730101", 7), "五组"),
                                 with_group("G5", MakeId("620902", "19740101", 9), "三组")},
                                4),
      context_, created);
  households.FinishFirstLoad();
  transaction.Commit();
  const std::string village(kVillage);
  EXPECT_EQ(created, (std::vector<std::string>{village + "003 二组", village + "004 三组"}));
  const auto group_of = [&](const char* number) {
    return db()
        .Query("SELECT group_code FROM households WHERE household_no = $1", {number})[0]
        .Text(0);
  };
  EXPECT_EQ(group_of("G1"), village + "001");
  EXPECT_EQ(group_of("G2"), village + "003");
  EXPECT_EQ(group_of("G3"), village + "003");
  EXPECT_EQ(group_of("G4"), village + "002");
  EXPECT_EQ(group_of("G5"), village + "004");
  EXPECT_EQ(regions.Children(kVillage).size(), 4U);
}

// The import's job and time, the same for every row of a batch, are not sent with each row
// on PostgreSQL but set as the columns' defaults during the load. A later batch with another
// time gets its own, and afterwards the columns have no default again.
TEST_P(FirstLoadTest, EveryRowKeepsItsImportAndTimeAndNoDefaultIsLeft) {
  const auto defaults = [&] {
    if (GetParam() != TestBackend::kPostgres) {
      return std::int64_t{0};
    }
    return db()
        .Query(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = "
            "'households' AND column_name IN ('import_job', 'created_at', 'updated_at') "
            "AND column_default IS NOT NULL",
            {})[0]
        .Int(0);
  };
  ASSERT_EQ(defaults(), 0);
  store::Transaction transaction(db());
  store::HouseholdStore households(db());
  ASSERT_TRUE(households.BeginFirstLoad());
  std::vector<std::string> groups;
  households.UpsertBatch(Numbered<core::Household>(
                             {MakeHousehold("T1", kVillage, MakeId("620902", "19700101", 1))}, 2),
                         context_, groups);
  const store::WriteContext later{2, "2026-11-29T11:00:00+08:00", scope_};
  households.UpsertBatch(Numbered<core::Household>(
                             {MakeHousehold("T2", kVillage, MakeId("620902", "19710101", 3))}, 3),
                         later, groups);
  households.FinishFirstLoad();
  transaction.Commit();
  EXPECT_EQ(defaults(), 0);
  const auto stamp = [&](const char* number) {
    const auto row = db().Query(
        "SELECT import_job, created_at, updated_at, import_row FROM households WHERE "
        "household_no = $1",
        {number});
    return std::to_string(row[0].Int(0)) + " " + row[0].Text(1) + " " + row[0].Text(2) + " " +
           std::to_string(row[0].Int(3));
  };
  EXPECT_EQ(stamp("T1"), std::string("1 ") + kNow + " " + kNow + " 2");
  EXPECT_EQ(stamp("T2"), "2 2026-11-29T11:00:00+08:00 2026-11-29T11:00:00+08:00 3");
}

TEST_P(FirstLoadTest, MemberRulesHoldAcrossBatchesAndCountsAreSetAtTheEnd) {
  const std::string head = MakeId("620902", "19700101", 1);
  StoreHousehold("H1", head);
  const std::string spouse = MakeId("620902", "19720202", 2);
  const std::string second_spouse = MakeId("620902", "19730303", 4);
  const std::string child = MakeId("620902", "20000404", 5);
  store::Transaction transaction(db());
  store::PersonStore persons(db(), {"ordinary", "skilled", "weak"});
  ASSERT_TRUE(persons.BeginFirstLoad());
  EXPECT_FALSE(IndexPresent("persons_id_number"));
  // No member is read back: the index by household waits for the end too.
  EXPECT_FALSE(IndexPresent("persons_household"));
  // Nothing refers to the members' primary key, their one key on id: on PostgreSQL it is
  // built again at the end, and no key on id is kept up meanwhile (SQLite's id is the rowid).
  EXPECT_EQ(PrimaryKeyPresent("persons"), GetParam() != TestBackend::kPostgres);
  const auto first = persons.UpsertBatch(
      Numbered<core::Person>(
          {MakePerson("H1", head, "head"), MakePerson("H1", spouse, "spouse", "none")}, 2),
      context_);
  EXPECT_EQ(Codes(first), (std::vector<std::string>{"ok", "ok"}));
  // A later batch: a second spouse, the spouse again, and a child who is new.
  const auto second = persons.UpsertBatch(
      Numbered<core::Person>({MakePerson("H1", second_spouse, "spouse"),
                              MakePerson("H1", spouse, "spouse"), MakePerson("H1", child, "son")},
                             4),
      context_);
  EXPECT_EQ(Codes(second), (std::vector<std::string>{"second_spouse", "duplicate_in_file", "ok"}));
  // A third: a second head (the first came two batches ago).
  const auto third = persons.UpsertBatch(
      Numbered<core::Person>({MakePerson("H1", MakeId("620902", "19690909", 7), "head")}, 7),
      context_);
  EXPECT_EQ(Codes(third), (std::vector<std::string>{"second_head"}));
  // The head of two batches ago is named, from the digits the load kept of the number.
  EXPECT_NE(third[0].error->message.find(core::MaskIdNumber(head)), std::string::npos)
      << third[0].error->message;
  persons.FinishFirstLoad();
  transaction.Commit();
  EXPECT_TRUE(IndexPresent("persons_id_number"));
  EXPECT_TRUE(IndexPresent("persons_household"));
  EXPECT_TRUE(PrimaryKeyPresent("persons"));
  EXPECT_TRUE(PrimaryKeyPresent("household_counts"));
  // The counts' key, set aside for their COPY, is back, led by the household (migration 11).
  if (GetParam() == TestBackend::kPostgres) {
    EXPECT_EQ(db().Query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = "
                         "'household_counts'::regclass AND contype = 'p'",
                         {})[0]
                  .Text(0),
              "PRIMARY KEY (household_id, county_code)");
  }
  const auto counts = db().Query(
      "SELECT c.member_count, c.labour_count FROM household_counts c JOIN households h "
      "ON h.id = c.household_id WHERE h.household_no = 'H1'",
      {});
  EXPECT_EQ(counts[0].Int(0), 3);
  EXPECT_EQ(counts[0].Int(1), 2);  // head and child are ordinary labour; the spouse is not
  if (GetParam() == TestBackend::kPostgres) {
    // Members and counts went in by COPY into tables emptied in the load's transaction:
    // frozen, every page visible to all (the members' page was written by three batches).
    for (const char* table : {"persons", "household_counts"}) {
      const auto [pages, all_visible] = PagesAndAllVisible(table);
      EXPECT_EQ(pages, 1) << table;
      EXPECT_EQ(all_visible, 1) << table;
    }
  }
}

// The sex of a head or spouse loaded in an earlier batch is kept with its number: a spouse
// or head of the same sex in a later batch is refused, one of the other sex accepted.
TEST_P(FirstLoadTest, AHeadOrSpouseOfAnEarlierBatchKeepsItsSex) {
  StoreHousehold("H1", MakeId("620902", "19700101", 2));  // the household's head is a woman
  StoreHousehold("H2", MakeId("620902", "19710101", 1));
  StoreHousehold("H3", MakeId("620902", "19740101", 3));
  store::Transaction transaction(db());
  store::PersonStore persons(db(), {"ordinary"});
  ASSERT_TRUE(persons.BeginFirstLoad());
  const std::vector<core::Person> first = {
      MakePerson("H1", MakeId("620902", "19720202", 4), "spouse"),
      MakePerson("H2", MakeId("620902", "19730303", 6), "spouse"),
      MakePerson("H3", MakeId("620902", "19740101", 3), "head")};
  EXPECT_EQ(Codes(persons.UpsertBatch(Numbered<core::Person>(first, 2), context_)),
            (std::vector<std::string>{"ok", "ok", "ok"}));
  const std::vector<core::Person> second = {
      MakePerson("H1", MakeId("620902", "19700101", 2), "head"),    // a woman, as her spouse
      MakePerson("H2", MakeId("620902", "19710101", 1), "head"),    // a man
      MakePerson("H3", MakeId("620902", "19750505", 5), "spouse"),  // a man, as the head
      MakePerson("H3", MakeId("620902", "19760606", 8), "spouse")};
  EXPECT_EQ(Codes(persons.UpsertBatch(Numbered<core::Person>(second, 5), context_)),
            (std::vector<std::string>{"spouse_same_sex", "ok", "spouse_same_sex", "ok"}));
  persons.FinishFirstLoad();
  transaction.Commit();
}

// Validation normalises every ID number before the store sees it; a caller that hands the
// load one that is not has its row refused, naming the field, and the rest loaded.
TEST_P(FirstLoadTest, ANumberThatIsNotNormalisedIsRefusedAndTheRestLoaded) {
  StoreHousehold("H1", MakeId("620902", "19700101", 1));
  store::Transaction transaction(db());
  store::PersonStore persons(db(), {"ordinary"});
  ASSERT_TRUE(persons.BeginFirstLoad());
  core::Person cut = MakePerson("H1", MakeId("620902", "20000101", 3), "son");
  cut.id_number.pop_back();  // 17 characters
  const auto results = persons.UpsertBatch(
      Numbered<core::Person>({cut, MakePerson("H1", MakeId("620902", "19700101", 1), "head")}, 2),
      context_);
  EXPECT_EQ(Codes(results), (std::vector<std::string>{"id_characters", "ok"}));
  EXPECT_EQ(results[0].error->column, "证件号码");
  persons.FinishFirstLoad();
  transaction.Commit();
  EXPECT_EQ(db().Query("SELECT count(*) FROM persons", {})[0].Int(0), 1);
}

// A row refused as a repeat of an earlier batch holds no role: the spouse after it in its batch
// is accepted. The same in a first load and in an import into a table that has members.
TEST_P(FirstLoadTest, ARepeatOfAnEarlierBatchDoesNotTakeTheSpouseFromTheRowAfterIt) {
  for (const bool first_load : {true, false}) {
    SCOPED_TRACE(first_load ? "first load" : "ordinary import");
    db().ExecuteScript("DELETE FROM household_counts; DELETE FROM persons");
    const std::string suffix = first_load ? "F" : "O";
    const std::string head = MakeId("620902", first_load ? "19700101" : "19600101", 1);
    StoreHousehold("H" + suffix, head);
    if (!first_load) {  // a member stored by an earlier import: no first load
      store::Transaction transaction(db());
      store::PersonStore persons(db(), {"ordinary"});
      const store::WriteContext earlier{9, kNow, scope_};
      EXPECT_EQ(Codes(persons.UpsertBatch(
                    Numbered<core::Person>({MakePerson("H" + suffix, head, "head")}, 2), earlier)),
                (std::vector<std::string>{"ok"}));
      transaction.Commit();
    }
    const std::string child = MakeId("620902", "19950505", 2);
    const std::string spouse = MakeId("620902", "19720202", 4);
    store::Transaction transaction(db());
    store::PersonStore persons(db(), {"ordinary"});
    EXPECT_EQ(persons.BeginFirstLoad(), first_load);
    EXPECT_EQ(
        Codes(persons.UpsertBatch(
            Numbered<core::Person>({MakePerson("H" + suffix, child, "daughter")}, 2), context_)),
        (std::vector<std::string>{"ok"}));
    // The daughter again, now written as the spouse: a repeat, refused; then the real spouse.
    EXPECT_EQ(Codes(persons.UpsertBatch(
                  Numbered<core::Person>({MakePerson("H" + suffix, child, "spouse"),
                                          MakePerson("H" + suffix, spouse, "spouse")},
                                         3),
                  context_)),
              (std::vector<std::string>{"duplicate_in_file", "ok"}));
    persons.FinishFirstLoad();
    transaction.Commit();
    EXPECT_EQ(db().Query("SELECT relation FROM persons WHERE id_number = $1", {spouse})[0].Text(0),
              "spouse");
    EXPECT_EQ(db().Query("SELECT relation FROM persons WHERE id_number = $1", {child})[0].Text(0),
              "daughter");
  }
}

// Deleting a household's last member leaves its counts at zero. With no member left anywhere
// the next import is a first load again, and writes every household's counts anew.
TEST_P(FirstLoadTest, CountsLeftAtZeroByDeletedMembersGiveWayToTheNextFirstLoad) {
  const std::string head = MakeId("620902", "19700101", 1);
  StoreHousehold("H1", head);
  const auto load_head = [&] {
    store::Transaction transaction(db());
    store::PersonStore persons(db(), {"ordinary", "skilled", "weak"});
    EXPECT_TRUE(persons.BeginFirstLoad());
    EXPECT_EQ(Codes(persons.UpsertBatch(Numbered<core::Person>({MakePerson("H1", head, "head")}, 2),
                                        context_)),
              (std::vector<std::string>{"ok"}));
    persons.FinishFirstLoad();
    transaction.Commit();
  };
  load_head();
  store::HouseholdRepository repository(db());
  const auto household = repository.Get("H1", scope_);
  ASSERT_TRUE(household);
  EXPECT_EQ(household->member_count, 1);
  const std::vector<store::StoredPerson> members = repository.Members(household->id);
  ASSERT_EQ(members.size(), 1U);
  {
    store::Transaction transaction(db());
    repository.DeletePerson(members[0], "{}", {"ordinary", "skilled", "weak"}, kNow, "clerk");
    transaction.Commit();
  }
  EXPECT_EQ(db().Query("SELECT member_count, labour_count FROM household_counts", {})[0].Int(0), 0);
  EXPECT_EQ(repository.Get("H1", scope_)->member_count, 0);

  load_head();
  const auto counts = db().Query("SELECT member_count, labour_count FROM household_counts", {});
  ASSERT_EQ(counts.size(), 1U);
  EXPECT_EQ(counts[0].Int(0), 1);
  EXPECT_EQ(counts[0].Int(1), 1);
  EXPECT_EQ(repository.Get("H1", scope_)->labour_count, 1);
}

SHUANGLIAN_BACKEND_SUITE(FirstLoadTest);

}  // namespace
}  // namespace shuanglian::testing
