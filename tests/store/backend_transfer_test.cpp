// Moving a registry between backends keeps every row; a failed move changes nothing.
#include <gtest/gtest.h>

#include "store/backend_fixture.h"
#include "store/migrations.h"
#include "store/transfer.h"

namespace shuanglian::testing {
namespace {

class TransferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SHUANGLIAN_REQUIRE_BACKEND(TestBackend::kPostgres);
    source_ = std::make_unique<TestDatabase>(TestBackend::kSqlite);
    auto database = source_->Open();
    // A small registry with every table in use.
    database->ExecuteScript(
        "INSERT INTO regions (code, level, parent_code, name, sort_key, county_code, updated_at) "
        "VALUES "
        "('62', 1, NULL, '甘肃省', 620000000000000, 0, 't'), ('6209', 2, '62', '酒泉市', "
        "620900000000000, 0, 't'), "
        "('620902', 3, '6209', '肃州区', 620902000000000, 620902, 't'), "
        "('620902108', 4, '620902', '泉湖镇', 620902108000000, 620902, 't'), "
        "('620902108200', 5, '620902108', '四坝村', 620902108200000, 620902, 't');"
        "INSERT INTO region_profiles (region_code, location, updated_at) VALUES ('620902108', "
        "'东城郊\t\"引号\"\n换行', 't');"
        "INSERT INTO declared_figures (region_code, figure, value, source, updated_at) VALUES "
        "('620902108', "
        "'households', 5304, '汇报', 't');"
        "INSERT INTO households (id, county_code, household_no, village_code, head_name, "
        "head_id_number, category, "
        "row_hash, created_at, updated_at) VALUES (7, 620902, 'H7', 620902108200, "
        "'王平', "
        "'34052419800101001X', 'poverty', 1, 't', 't');"
        "INSERT INTO household_counts (household_id, county_code, member_count, labour_count) "
        "VALUES (7, 620902, 1, 1);"
        "INSERT INTO persons (id, county_code, household_id, id_number, name, relation, sex, "
        "birth_date, row_hash, "
        "created_at, updated_at) VALUES (9, 620902, 7, '34052419800101001X', '王平', 'head', 1, "
        "'1980-01-01', 2, "
        "'t', 't');");
  }

  std::unique_ptr<TestDatabase> source_;
};

TEST_F(TransferTest, SqliteToPostgresAndBackGivesTheSameChecksums) {
  TestDatabase server(TestBackend::kPostgres);
  TestDatabase back(TestBackend::kSqlite);
  auto from = source_->Open();
  auto middle = server.Open();
  store::Transfer(*from, *middle, nullptr);
  const auto before = store::Checksums(*from);
  EXPECT_EQ(before, store::Checksums(*middle));
  auto to = back.Open();
  store::Transfer(*middle, *to, nullptr);
  EXPECT_EQ(before, store::Checksums(*to));
  // The rows are really there, and the server's id sequence continues after the copied ids.
  EXPECT_EQ(middle->Query("SELECT location FROM region_profiles")[0].Text(0),
            "东城郊\t\"引号\"\n换行");
  const auto next = middle->Query(
      "INSERT INTO households (county_code, household_no, village_code, head_name, head_id_number, "
      "category, "
      "row_hash, created_at, updated_at) VALUES (620902, 'H8', 620902108200, '李', "
      "'11010519491231002X', "
      "'general', 1, 't', 't') RETURNING id");
  EXPECT_GT(next[0].Int(0), 7);
}

// A household deleted at the source leaves its id in its pairings, visits and aid: the
// target gives ids after every id the source gave, not after the largest it copied.
TEST_F(TransferTest, IdsGivenAtTheSourceAreNeverGivenAgainAtTheTarget) {
  TestDatabase server(TestBackend::kPostgres);
  TestDatabase back(TestBackend::kSqlite);
  auto from = source_->Open();
  // Households 8 to 20 were made and deleted; 7 is the largest left.
  from->Execute("UPDATE sqlite_sequence SET seq = 20 WHERE name = 'households'");
  const auto add = [](store::Database& database, const std::string& number,
                      const std::string& head) {
    return database
        .Query(
            "INSERT INTO households (county_code, household_no, village_code, head_name, "
            "head_id_number, category, row_hash, created_at, updated_at) VALUES (620902, $1, "
            "620902108200, '李', $2, 'general', 1, 't', 't') RETURNING id",
            {number, head})[0]
        .Int(0);
  };
  auto middle = server.Open();
  ASSERT_TRUE(store::Transfer(*from, *middle, nullptr).committed);
  const std::int64_t on_server = add(*middle, "H21", "11010519491231002X");
  EXPECT_GT(on_server, 20);
  middle->Execute("DELETE FROM households WHERE id = $1", {on_server});
  auto to = back.Open();
  ASSERT_TRUE(store::Transfer(*middle, *to, nullptr).committed);
  EXPECT_GT(add(*to, "H22", "11010519491231003X"), on_server);
}

TEST_F(TransferTest, IntoANonEmptyTargetIsRefused) {
  TestDatabase server(TestBackend::kPostgres);
  auto from = source_->Open();
  auto to = server.Open();
  EXPECT_TRUE(store::Transfer(*from, *to, nullptr).committed);
  EXPECT_THROW(store::Transfer(*from, *to, nullptr), store::StoreError);
}

// A server that holds nothing of the registry yet may still hold somebody's work: an account
// made there first, the audit log of it, a unit. A transfer would replace them, so it is
// refused, naming the table, and they stay.
TEST_F(TransferTest, ATargetWithAnythingButReferenceDataIsRefusedAndKept) {
  TestDatabase server(TestBackend::kPostgres);
  auto from = source_->Open();
  auto to = server.Open();
  to->ExecuteScript(
      "INSERT INTO units (name, unit_type, affiliation, created_at, updated_at) VALUES "
      "('县农牧局', 'county', 'county', 't', 't')");
  try {
    store::Transfer(*from, *to, nullptr);
    FAIL() << "a target with a unit in it must be refused";
  } catch (const store::StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("units"), std::string::npos) << error.what();
  }
  EXPECT_EQ(to->Query("SELECT name FROM units")[0].Text(0), "县农牧局");
  EXPECT_EQ(to->Query("SELECT count(*) FROM regions")[0].Int(0), 0);
}

// The source is read in one snapshot: a row written into it while the transfer runs is
// neither copied nor counted, and the copy checks out against the snapshot.
TEST_F(TransferTest, ASourceInUseIsCopiedAsOneMomentLeftIt) {
  TestDatabase server(TestBackend::kPostgres);
  TestDatabase local(TestBackend::kSqlite);
  {
    auto from = source_->Open();
    auto middle = server.Open();
    ASSERT_TRUE(store::Transfer(*from, *middle, nullptr).committed);
  }
  auto from = server.Open();
  auto writer = server.Open();
  auto to = local.Open();
  bool written = false;
  const store::TransferOutcome outcome =
      store::Transfer(*from, *to, [&](const std::string& table, std::int64_t) {
        if (!written && table == "regions") {
          // After the regions are copied, before households and members are read.
          written = true;
          writer->ExecuteScript(
              "INSERT INTO households (county_code, household_no, village_code, head_name, "
              "head_id_number, category, row_hash, created_at, updated_at) VALUES (620902, 'H8', "
              "620902108200, '李', '11010519491231002X', 'general', 1, 't', 't')");
        }
      });
  ASSERT_TRUE(written);
  EXPECT_TRUE(outcome.committed);
  EXPECT_EQ(outcome.source, outcome.target);
  EXPECT_EQ(to->Query("SELECT count(*) FROM households")[0].Int(0), 1);
  EXPECT_EQ(from->Query("SELECT count(*) FROM households")[0].Int(0), 2);
}

// The checksums compare text keys byte by byte on both sides: a server database made with
// a Chinese locale sorts "a" before "B", SQLite after it. Were the rows read in each side's
// own order, an exact copy would fail its check and never commit. (Since migration 13 the
// columns themselves compare byte by byte; the checksums do not rely on it.)
TEST_F(TransferTest, ChecksumsAgreeWithAServerThatSortsByAnotherLocale) {
  TestDatabase server(TestBackend::kPostgres, TestDatabase::Schema::kMigrated,
                      "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN'");
  auto from = source_->Open();
  from->ExecuteScript("INSERT INTO settings (key, value) VALUES ('B', '1'), ('a', '2')");
  auto to = server.Open();
  ASSERT_EQ(to->Query("SELECT key FROM settings WHERE key IN ('a', 'B') ORDER BY key").size(), 0U);
  const store::TransferOutcome outcome = store::Transfer(*from, *to, nullptr);
  EXPECT_TRUE(outcome.committed);
  EXPECT_EQ(outcome.source, outcome.target);
  // The server's own order is its locale's, as the test means it to be; its columns' is the
  // bytes' (migration 13).
  const auto own = to->Query("SELECT x FROM (VALUES ('B'), ('a')) v (x) ORDER BY x");
  EXPECT_EQ(own[0].Text(0), "a");
  const auto keys = to->Query("SELECT key FROM settings WHERE key IN ('a', 'B') ORDER BY key");
  ASSERT_EQ(keys.size(), 2U);
  EXPECT_EQ(keys[0].Text(0), "B");
}

// What is done before the commit can still undo the whole transfer.
TEST_F(TransferTest, AFailureJustBeforeTheCommitLeavesTheTargetAsItWas) {
  TestDatabase server(TestBackend::kPostgres);
  auto from = source_->Open();
  auto to = server.Open();
  EXPECT_THROW(store::Transfer(*from, *to, nullptr,
                               [](store::Database&) {
                                 throw store::StoreError(store::StoreError::Kind::kOther,
                                                         "照片目录写不进");
                               }),
               store::StoreError);
  EXPECT_EQ(to->Query("SELECT count(*) FROM regions")[0].Int(0), 0);
  EXPECT_TRUE(store::Transfer(*from, *to, nullptr).committed);
}

// Nobody writes to the target while a transfer runs: a household added meanwhile would take
// an id from a sequence not yet moved past the copied ids, and nothing else refuses a second
// household with the same id in another county.
TEST_F(TransferTest, NoOneWritesToTheTargetUntilTheTransferCommits) {
  TestDatabase server(TestBackend::kPostgres);
  auto from = source_->Open();
  auto to = server.Open();
  auto other = server.Open();
  other->ExecuteScript("SET lock_timeout = '200ms'");
  const std::string insert =
      "INSERT INTO households (county_code, household_no, village_code, head_name, "
      "head_id_number, category, row_hash, created_at, updated_at) VALUES (620923, 'H9', "
      "620923100200, '李', '11010519491231002X', 'general', 1, 't', 't')";
  bool tried = false;
  store::Transfer(*from, *to, [&](const std::string&, std::int64_t) {
    if (!tried) {
      tried = true;
      try {
        other->ExecuteScript(insert);
        ADD_FAILURE() << "a household was written into the target during the transfer";
      } catch (const store::StoreError& error) {
        EXPECT_NE(std::string(error.what()).find("lock timeout"), std::string::npos)
            << error.what();
      }
    }
  });
  EXPECT_TRUE(tried);
  // After the commit the write goes through, with an id after the copied ones.
  other->ExecuteScript(insert);
  EXPECT_GT(other->Query("SELECT id FROM households WHERE household_no = 'H9'")[0].Int(0), 7);
}

TEST_F(TransferTest, AFailureMidwayLeavesTheTargetAsItWas) {
  TestDatabase server(TestBackend::kPostgres);
  auto from = source_->Open();
  auto to = server.Open();
  const auto before = store::Checksums(*to);
  // The target refuses the last table's row: everything copied before it must vanish too.
  to->ExecuteScript("ALTER TABLE persons ADD CONSTRAINT no_wang CHECK (name <> '王平')");
  EXPECT_THROW(store::Transfer(*from, *to, nullptr), store::StoreError);
  EXPECT_EQ(before, store::Checksums(*to));
  EXPECT_EQ(to->Query("SELECT count(*) FROM regions")[0].Int(0), 0);
}

TEST_F(TransferTest, AnUnknownTableStopsTheTransfer) {
  TestDatabase server(TestBackend::kPostgres);
  auto from = source_->Open();
  from->ExecuteScript("CREATE TABLE forgotten (x INTEGER)");
  auto to = server.Open();
  try {
    store::Transfer(*from, *to, nullptr);
    FAIL() << "a table the transfer does not know must stop it";
  } catch (const store::StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("forgotten"), std::string::npos);
  }
}

}  // namespace
}  // namespace shuanglian::testing
