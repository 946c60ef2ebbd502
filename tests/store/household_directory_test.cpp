// The first load's directory of households: every stored household found by its number, with
// its id, village and head; a number not stored is not found; on PostgreSQL the households
// stay as read until the loading transaction ends.
#include "store/household_directory.h"

#include <gtest/gtest.h>

#include "store/backend_fixture.h"
#include "store/household_store.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kVillageA = "620902108200";
constexpr const char* kVillageB = "620902108201";

class HouseholdDirectoryTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    AddVillages({kVillageA, kVillageB});
    store::Transaction transaction(db());
    store::HouseholdStore households(db());
    std::vector<store::ImportRow<core::Household>> rows;
    rows.push_back({2, MakeHousehold("H-1", kVillageA, MakeId("620902", "19700101", 1))});
    rows.push_back({3, MakeHousehold("H-2", kVillageB, MakeId("620902", "19710101", 3))});
    rows.push_back({4, MakeHousehold("H-10", kVillageB, MakeId("620902", "19720101", 5))});
    rows[0].record.declared_members = 4;
    rows[1].record.declared_members = std::nullopt;  // not declared: counts as none
    rows[2].record.declared_members = 2;
    std::vector<std::string> groups;
    const store::WriteContext context{1, "2026-11-29T10:00:00+08:00", store::DataScope::System()};
    households.UpsertBatch(rows, context, groups);
    transaction.Commit();
  }

  std::int64_t IdOf(const std::string& number) {
    return db().Query("SELECT id FROM households WHERE household_no = $1", {number})[0].Int(0);
  }
};

TEST_P(HouseholdDirectoryTest, FindsEveryStoredHouseholdAndNoOther) {
  store::Transaction transaction(db());
  const store::HouseholdDirectory directory = store::HouseholdDirectory::Load(db());
  EXPECT_EQ(directory.size(), 3U);
  EXPECT_EQ(directory.declared_members(), 6);
  const auto second = directory.Find("H-2");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->id, IdOf("H-2"));
  EXPECT_EQ(second->village_code, 620902108201);
  EXPECT_EQ(second->head_id_number, MakeId("620902", "19710101", 3));
  const auto tenth = directory.Find("H-10");
  ASSERT_TRUE(tenth);
  EXPECT_EQ(tenth->id, IdOf("H-10"));
  EXPECT_EQ(tenth->head_id_number, MakeId("620902", "19720101", 5));
  EXPECT_EQ(directory.Find("H-1")->village_code, 620902108200);
  EXPECT_FALSE(directory.Find("H-3"));
  EXPECT_FALSE(directory.Find("H-1 "));
  EXPECT_FALSE(directory.Find(""));
}

SHUANGLIAN_BACKEND_SUITE(HouseholdDirectoryTest);

// On PostgreSQL another connection may read the households but not change them while the
// directory's transaction lasts: a member could otherwise be stored under a household removed
// meanwhile. (On SQLite the loading transaction has written before it reads the directory,
// and holds the only write lock.)
using HouseholdDirectoryLockTest = HouseholdDirectoryTest;

TEST_P(HouseholdDirectoryLockTest, HouseholdsStayAsReadUntilTheTransactionEnds) {
  store::Transaction transaction(db());
  const store::HouseholdDirectory directory = store::HouseholdDirectory::Load(db());
  const std::unique_ptr<store::Database> other = test_database().Open();
  EXPECT_EQ(other->Query("SELECT count(*) FROM households")[0].Int(0), 3);
  other->ExecuteScript("SET lock_timeout = '200ms'");
  EXPECT_THROW(other->Execute("DELETE FROM households WHERE household_no = 'H-10'", {}),
               store::StoreError);
  transaction.Commit();
  other->Execute("UPDATE households SET phone = '' WHERE household_no = 'H-10'", {});
}

INSTANTIATE_TEST_SUITE_P(Backends, HouseholdDirectoryLockTest,
                         ::testing::Values(TestBackend::kPostgres), BackendParamName);

}  // namespace
}  // namespace shuanglian::testing
