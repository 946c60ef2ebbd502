// Pages of the households and members lists, on both backends: in 户编号 order (and members
// within a household in the order they were recorded), the same rows whichever way the page
// is chosen. A city, county, township or village chooses its page from its own households'
// numbers first; the whole registry, a province and a search leave the plan to the
// database. Households are numbered here across villages, so that 户编号 order is not the
// order of villages.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "store/backend_fixture.h"
#include "store/household_repository.h"
#include "store/household_store.h"
#include "store/person_store.h"
#include "store/region_repository.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kNow = "2026-11-29T10:00:00+08:00";
constexpr const char* kTownship = "620902108";
constexpr const char* kVillageOne = "620902108200";
constexpr const char* kVillageTwo = "620902108201";
constexpr const char* kOtherTownship = "620902109200";
constexpr const char* kOtherCounty = "620923100200";

store::DataScope RegionScope(const std::string& code) {
  return store::DataScope::Region(code, false, true);
}

class HouseholdListTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    AddVillages({kVillageOne, kVillageTwo, kOtherTownship, kOtherCounty});
    // 户编号 -> village, and how many members each household has (H08 has none).
    const std::vector<std::pair<std::string, std::pair<std::string, int>>> households = {
        {"H05", {kVillageOne, 1}},  {"H01", {kVillageTwo, 3}}, {"H03", {kOtherTownship, 2}},
        {"H08", {kVillageOne, 0}},  {"H02", {kVillageOne, 1}}, {"H07", {kVillageTwo, 1}},
        {"H00", {kOtherCounty, 1}}, {"H04", {kVillageTwo, 2}}, {"H06", {kOtherTownship, 1}},
        {"H09", {kOtherCounty, 1}}};
    int sequence = 1;
    std::vector<store::ImportRow<core::Household>> household_rows;
    std::vector<store::ImportRow<core::Person>> person_rows;
    for (const auto& [number, place] : households) {
      const std::string head = MakeId("620902", "19700101", sequence);
      household_rows.push_back({static_cast<std::int64_t>(household_rows.size()) + 2,
                                MakeHousehold(number, place.first, head)});
      for (int member = 0; member < place.second; ++member) {
        const std::string id = member == 0 ? head : MakeId("620902", "20000101", sequence + member);
        person_rows.push_back({static_cast<std::int64_t>(person_rows.size()) + 2,
                               MakePerson(number, id, member == 0 ? "head" : "son")});
        members_[number].push_back(id);
      }
      sequence += 10;  // odd sequences: men, as heads and sons
    }
    store::Transaction transaction(db());
    std::vector<std::string> groups;
    store::HouseholdStore(db()).UpsertBatch(household_rows, context_, groups);
    store::PersonStore(db(), {"ordinary"}).UpsertBatch(person_rows, context_);
    transaction.Commit();
  }

  // Every row `filter` lists, page by page of `size`, as `key` gives it: `list` is the
  // repository's List or ListPersons. The total each page reports is the number of rows.
  template <typename Filter, typename List, typename Key>
  std::vector<std::string> AllPages(Filter filter, std::int64_t size, List list, Key key) {
    std::vector<std::string> keys;
    std::int64_t total = -1;
    filter.limit = size;
    for (filter.offset = 0;; filter.offset += size) {
      const auto page = list(filter, &total);
      for (const auto& row : page) {
        keys.push_back(key(row));
      }
      if (static_cast<std::int64_t>(page.size()) < size) {
        break;
      }
    }
    EXPECT_EQ(total, static_cast<std::int64_t>(keys.size()));
    return keys;
  }

  // The numbers of every household `scope` and `filter` list, page by page of `size`.
  std::vector<std::string> HouseholdPages(const store::DataScope& scope,
                                          const store::HouseholdFilter& filter, std::int64_t size) {
    return AllPages(
        filter, size,
        [&](const store::HouseholdFilter& page, std::int64_t* total) {
          return store::HouseholdRepository(db()).List(page, scope, total);
        },
        [](const store::StoredHousehold& row) { return row.household.household_no; });
  }

  // The ID numbers of every member listed, page by page of `size`.
  std::vector<std::string> PersonPages(const store::DataScope& scope,
                                       const store::PersonFilter& filter, std::int64_t size) {
    return AllPages(
        filter, size,
        [&](const store::PersonFilter& page, std::int64_t* total) {
          return store::HouseholdRepository(db()).ListPersons(page, scope, total);
        },
        [](const store::StoredPerson& row) { return row.person.id_number; });
  }

  // The members of these households, households in the order given, each's in the order
  // they were recorded.
  std::vector<std::string> MembersOf(const std::vector<std::string>& numbers) {
    std::vector<std::string> ids;
    for (const std::string& number : numbers) {
      ids.insert(ids.end(), members_[number].begin(), members_[number].end());
    }
    return ids;
  }

  std::map<std::string, std::vector<std::string>> members_;  // 户编号 -> members' ID numbers
  const store::DataScope scope_ = store::DataScope::System();
  const store::WriteContext context_{1, kNow, scope_};
};

TEST_P(HouseholdListTest, ARegionsHouseholdsComePageByPageInNumberOrder) {
  const std::vector<std::string> township = {"H01", "H02", "H04", "H05", "H07", "H08"};
  for (const std::int64_t size : {1, 2, 4, 50}) {
    EXPECT_EQ(HouseholdPages(RegionScope(kTownship), {}, size), township) << size;
  }
  store::HouseholdFilter descending;
  descending.sort = "-household_no";
  EXPECT_EQ(HouseholdPages(RegionScope(kTownship), descending, 4),
            std::vector<std::string>(township.rbegin(), township.rend()));
  // A county's office narrowing to a township, then to a village.
  store::HouseholdFilter narrowed;
  narrowed.region = kTownship;
  EXPECT_EQ(HouseholdPages(RegionScope("620902"), narrowed, 2), township);
  narrowed.region = kVillageOne;
  EXPECT_EQ(HouseholdPages(RegionScope("620902"), narrowed, 2),
            (std::vector<std::string>{"H02", "H05", "H08"}));
  EXPECT_EQ(HouseholdPages(RegionScope("620902"), {}, 3),
            (std::vector<std::string>{"H01", "H02", "H03", "H04", "H05", "H06", "H07", "H08"}));
  // The province, the whole registry and a search: the plan is the database's own.
  const std::vector<std::string> all = {"H00", "H01", "H02", "H03", "H04",
                                        "H05", "H06", "H07", "H08", "H09"};
  EXPECT_EQ(HouseholdPages(RegionScope("62"), {}, 3), all);
  EXPECT_EQ(HouseholdPages(store::DataScope::System(), {}, 3), all);
  store::HouseholdFilter search;
  search.query = "H05";
  EXPECT_EQ(HouseholdPages(RegionScope(kTownship), search, 2), std::vector<std::string>{"H05"});
  // Another sort keeps its own order, the number breaking ties.
  store::HouseholdFilter by_members;
  by_members.sort = "-member_count";
  EXPECT_EQ(HouseholdPages(RegionScope(kTownship), by_members, 4),
            (std::vector<std::string>{"H01", "H04", "H02", "H05", "H07", "H08"}));
}

TEST_P(HouseholdListTest, ARegionsMembersComePageByPageByHouseholdThenAsRecorded) {
  const std::vector<std::string> township = MembersOf({"H01", "H02", "H04", "H05", "H07"});
  ASSERT_EQ(township.size(), 8U);
  for (const std::int64_t size : {1, 2, 3, 50}) {
    EXPECT_EQ(PersonPages(RegionScope(kTownship), {}, size), township) << size;
  }
  store::PersonFilter narrowed;
  narrowed.region = kVillageTwo;
  EXPECT_EQ(PersonPages(RegionScope("620902"), narrowed, 2), MembersOf({"H01", "H04", "H07"}));
  EXPECT_EQ(PersonPages(RegionScope("620902"), {}, 3),
            MembersOf({"H01", "H02", "H03", "H04", "H05", "H06", "H07"}));
  const std::vector<std::string> all =
      MembersOf({"H00", "H01", "H02", "H03", "H04", "H05", "H06", "H07", "H09"});
  EXPECT_EQ(PersonPages(RegionScope("62"), {}, 4), all);
  EXPECT_EQ(PersonPages(store::DataScope::System(), {}, 4), all);
  // A search by ID number finds the one member, within the scope only.
  store::PersonFilter search;
  search.query = members_["H04"][1];
  EXPECT_EQ(PersonPages(RegionScope(kTownship), search, 2), std::vector<std::string>{search.query});
  EXPECT_TRUE(PersonPages(RegionScope("620902109"), search, 2).empty());
}

// The first page of a township whose households all come last in 户编号 order, among 100,000
// households of the county. PostgreSQL planned such a page by walking the 户编号 index from
// its start, through every other household, before fifty of the township's turned up: it
// takes them to be spread evenly over that order. The page now reads the township's numbers
// first; on PostgreSQL the 户编号 index gives only the page's own households (the index's
// reads are counted by the server's statistics; pg_stat_force_next_flush is PostgreSQL 15's).
// Every household has a member, so that the members' page too has every other household's
// members to go through before the township's.
TEST_P(HouseholdListTest, ATownshipWhoseNumbersComeLastReadsOnlyItsOwnPage) {
  const std::string rows =
      "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 100000) ";
  store::Transaction transaction(db());
  db().Execute(rows +
                   "INSERT INTO households (county_code, household_no, village_code, head_name, "
                   "head_id_number, category, row_hash, created_at, updated_at) SELECT 620902, "
                   "'N' || (1000000 + n), CASE WHEN n > 99500 THEN 620902110200 + n % 2 ELSE "
                   "620902109200 END, '户主', 'X' || n, 'poverty', n, 't', 't' FROM g",
               {});
  db().Execute(
      "INSERT INTO persons (county_code, household_id, id_number, name, relation, sex, "
      "birth_date, row_hash, created_at, updated_at) SELECT 620902, id, 'P' || household_no, "
      "'成员', 'head', 1, '1980-01-01', 1, 't', 't' FROM households WHERE household_no LIKE "
      "'N%'",
      {});
  transaction.Commit();
  db().Execute("ANALYZE", {});
  std::vector<std::string> expected;
  for (int n = 99501; n <= 99550; ++n) {
    expected.push_back("N" + std::to_string(1000000 + n));
  }
  const bool postgres = GetParam() == TestBackend::kPostgres;
  // Entries read from the 户编号 index so far (PostgreSQL), once this session's counts are
  // flushed to the server's statistics.
  const auto number_index_reads = [&] {
    db().Query("SELECT pg_stat_force_next_flush()", {});
    db().Query("SELECT pg_stat_clear_snapshot()", {});
    return db()
        .Query(
            "SELECT idx_tup_read FROM pg_stat_user_indexes WHERE indexrelname = "
            "'households_number'",
            {})[0]
        .Int(0);
  };

  const std::int64_t before = postgres ? number_index_reads() : 0;
  store::HouseholdFilter filter;
  filter.limit = 50;
  std::vector<std::string> numbers;
  for (const store::StoredHousehold& household :
       store::HouseholdRepository(db()).List(filter, RegionScope("620902110"), nullptr)) {
    numbers.push_back(household.household.household_no);
  }
  EXPECT_EQ(numbers, expected);
  const std::int64_t after_households = postgres ? number_index_reads() : 0;
  store::PersonFilter person_filter;
  person_filter.limit = 50;
  std::vector<std::string> ids;
  for (const store::StoredPerson& person : store::HouseholdRepository(db()).ListPersons(
           person_filter, RegionScope("620902110"), nullptr)) {
    ids.push_back(person.person.id_number);
  }
  std::vector<std::string> expected_ids;
  for (const std::string& number : expected) {
    expected_ids.push_back("P" + number);
  }
  EXPECT_EQ(ids, expected_ids);
  if (postgres) {
    // A walk from the index's start reads 99,500 entries or more.
    EXPECT_LE(after_households - before, 1000);
    EXPECT_LE(number_index_reads() - after_households, 1000);
  }
}

// Sorted by income, the households whose income is unknown come last whichever the direction,
// on both backends: SQLite sorts NULL first, PostgreSQL last ascending and first descending.
TEST_P(HouseholdListTest, UnknownIncomesComeLastInEitherDirection) {
  db().Execute(
      "UPDATE households SET per_capita_income_fen = CASE household_no WHEN 'H01' THEN 30000 "
      "WHEN 'H04' THEN 10000 WHEN 'H05' THEN 20000 WHEN 'H08' THEN 10000 ELSE NULL END");
  store::HouseholdFilter ascending;
  ascending.sort = "per_capita_income";
  store::HouseholdFilter descending;
  descending.sort = "-per_capita_income";
  for (const std::int64_t size : {1, 4, 50}) {
    EXPECT_EQ(HouseholdPages(RegionScope(kTownship), ascending, size),
              (std::vector<std::string>{"H04", "H08", "H05", "H01", "H02", "H07"}))
        << size;
    EXPECT_EQ(HouseholdPages(RegionScope(kTownship), descending, size),
              (std::vector<std::string>{"H01", "H05", "H04", "H08", "H02", "H07"}))
        << size;
  }
}

// Sorted by the head's name, households come in the names' byte order on both backends, page
// by page, whatever the PostgreSQL database's collation: under ICU zh-CN (the test cluster's)
// the names' columns sorted 李 王 张 by pinyin, then "an" before "Bai", where SQLite sorts
// "Bai" "an" 张 李 王 (migration 13).
TEST_P(HouseholdListTest, HeadNamesSortInByteOrderWhateverTheDatabasesCollation) {
  db().Execute(
      "UPDATE households SET head_name = CASE household_no WHEN 'H01' THEN '张三' WHEN 'H02' "
      "THEN '李四' WHEN 'H04' THEN '王五' WHEN 'H05' THEN 'Bai' WHEN 'H07' THEN 'an' WHEN 'H08' "
      "THEN '王五' ELSE head_name END");
  store::HouseholdFilter ascending;
  ascending.sort = "head_name";
  store::HouseholdFilter descending;
  descending.sort = "-head_name";
  for (const std::int64_t size : {1, 2, 4, 50}) {
    EXPECT_EQ(HouseholdPages(RegionScope(kTownship), ascending, size),
              (std::vector<std::string>{"H05", "H07", "H01", "H02", "H04", "H08"}))
        << size;
    // The number breaks ties in ascending order either way.
    EXPECT_EQ(HouseholdPages(RegionScope(kTownship), descending, size),
              (std::vector<std::string>{"H04", "H08", "H02", "H01", "H07", "H05"}))
        << size;
  }
}

// A search by name ignores the case of Latin letters on both backends (SQLite's LIKE did,
// PostgreSQL's did not), and takes % and _ literally: heads of households, and members by
// list, count and export. (A search in full-width letters is read as ASCII: CleanCell.)
TEST_P(HouseholdListTest, NameSearchesIgnoreTheCaseOfLatinLettersOnly) {
  struct Spec {
    std::string number;
    std::string head;
    std::string member;  // a second member's name
  };
  const std::vector<Spec> specs = {{"L01", "ALAN Smith", "mary ann"},
                                   {"L02", "50% Li", "HENRY"},
                                   {"L03", "500 Li", "MARX a_b"},
                                   {"L04", "Jo_e", "axb"}};
  std::vector<store::ImportRow<core::Household>> household_rows;
  std::vector<store::ImportRow<core::Person>> person_rows;
  int sequence = 1;
  for (const Spec& spec : specs) {
    const std::string head = MakeId("620902", "19800101", sequence);
    core::Household household = MakeHousehold(spec.number, kVillageOne, head);
    household.head_name = spec.head;
    household_rows.push_back({static_cast<std::int64_t>(household_rows.size()) + 2, household});
    core::Person head_person = MakePerson(spec.number, head, "head");
    head_person.name = spec.head;
    person_rows.push_back({static_cast<std::int64_t>(person_rows.size()) + 2, head_person});
    core::Person member =
        MakePerson(spec.number, MakeId("620902", "20000101", sequence + 2), "son");
    member.name = spec.member;
    person_rows.push_back({static_cast<std::int64_t>(person_rows.size()) + 2, member});
    sequence += 10;
  }
  {
    store::Transaction transaction(db());
    std::vector<std::string> groups;
    store::HouseholdStore(db()).UpsertBatch(household_rows, context_, groups);
    store::PersonStore(db(), {"ordinary"}).UpsertBatch(person_rows, context_);
    transaction.Commit();
  }
  const auto households = [&](const std::string& query) {
    store::HouseholdFilter filter;
    filter.query = query;
    const std::vector<std::string> numbers = HouseholdPages(RegionScope(kTownship), filter, 2);
    EXPECT_EQ(store::HouseholdRepository(db()).Count(filter, RegionScope(kTownship)),
              static_cast<std::int64_t>(numbers.size()))
        << query;
    return numbers;
  };
  EXPECT_EQ(households("alan"), std::vector<std::string>{"L01"});
  EXPECT_EQ(households("SMITH"), std::vector<std::string>{"L01"});
  EXPECT_EQ(households("aLaN sMiTh"), std::vector<std::string>{"L01"});
  EXPECT_EQ(households("50%"), std::vector<std::string>{"L02"});
  EXPECT_EQ(households("JO_E"), std::vector<std::string>{"L04"});
  EXPECT_EQ(households("j%e"), std::vector<std::string>{});

  const auto persons = [&](const std::string& query) {
    store::PersonFilter filter;
    filter.query = query;
    const std::vector<std::string> ids = PersonPages(RegionScope(kTownship), filter, 2);
    // The export streams the same members.
    std::vector<std::string> exported;
    store::HouseholdRepository(db()).ForEachPerson(
        filter, RegionScope(kTownship),
        [&](const store::StoredPerson& person) { exported.push_back(person.person.id_number); });
    EXPECT_EQ(exported, ids) << query;
    return ids.size();
  };
  EXPECT_EQ(persons("MARY"), 1U);      // mary ann
  EXPECT_EQ(persons("ann"), 1U);       // mary ann
  EXPECT_EQ(persons("mar"), 2U);       // mary ann, MARX a_b
  EXPECT_EQ(persons("ｍａｒｙ"), 1U);  // mary ann
  EXPECT_EQ(persons("henry"), 1U);
  EXPECT_EQ(persons("A_B"), 1U);         // MARX a_b, not axb
  EXPECT_EQ(persons("alan smith"), 1U);  // the head as a member
}

// Region names are searched as people's names are: A-Z in either case, other text as typed.
TEST_P(HouseholdListTest, RegionSearchesIgnoreTheCaseOfLatinLettersOnly) {
  db().Execute("UPDATE regions SET name = $1 WHERE code = $2",
               {std::string("ABC工业园村"), std::string(kVillageOne)});
  store::RegionRepository regions(db());
  for (const std::string& search :
       {std::string("abc"), std::string("ABC"), std::string("bC工业")}) {
    const auto found = regions.SearchByName(search, "", 10);
    ASSERT_EQ(found.size(), 1U) << search;
    EXPECT_EQ(found[0].code, kVillageOne);
  }
  EXPECT_TRUE(regions.SearchByName("ａｂｃ", "", 10).empty())
      << "full-width letters are not Latin A-Z";
}

SHUANGLIAN_BACKEND_SUITE(HouseholdListTest);

}  // namespace
}  // namespace shuanglian::testing
