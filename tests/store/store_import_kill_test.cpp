// An import killed in the middle leaves the database as it was before the batch: whole
// batches only, an intact file, and a re-run that completes (issue 2, "Bad input").

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "store/sqlite_probe.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

TEST(StoreImportKillTest, KilledImportKeepsWholeBatchesAndResumes) {
  constexpr std::int64_t kHouseholds = 60000;
  constexpr std::int64_t kBatch = 5000;
  TempDir dir;
  const std::string db = dir.File("kill.db");
  ASSERT_EQ(ImportGansu(db).exit_code, 0);
  const ProcessResult generated = RunShuanglian(
      {"gen", "--households", std::to_string(kHouseholds), "--seed", "3", "-o", dir.File("data")});
  ASSERT_EQ(generated.exit_code, 0) << generated.Describe();
  const std::string households = dir.File("data") + "/households.csv";
  const std::int64_t regions_before = Count(db, "regions");

  std::int64_t seen = 0;
  ProcessResult killed;
  {
    ChildProcess child(ShuanglianCommand({"import", "households", households, "--db", db,
                                          "--batch-size", std::to_string(kBatch), "--json"}),
                       ShuanglianOptions());
    Connection watcher = OpenReadOnly(db);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && !child.Finished()) {
      seen = QueryInt(watcher.get(), "SELECT count(*) FROM households");
      if (seen > 0) {
        child.Kill(SIGKILL);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    killed = child.Wait();
  }
  ASSERT_EQ(killed.signal, SIGKILL)
      << "the import ended before it could be killed: " << killed.Describe();
  ASSERT_GT(seen, 0);

  {
    Connection connection = OpenReadOnly(db);
    EXPECT_EQ(QueryText(connection.get(), "PRAGMA integrity_check"), "ok");
    const std::int64_t stored = QueryInt(connection.get(), "SELECT count(*) FROM households");
    EXPECT_GE(stored, seen);
    EXPECT_LT(stored, kHouseholds);
    EXPECT_EQ(stored % kBatch, 0) << stored << " households: a batch was half-written";
    // Groups are created in the batch of their first household: none without one.
    EXPECT_EQ(
        QueryInt(connection.get(),
                 "SELECT count(*) FROM regions WHERE level = 6 AND CAST(code AS INTEGER) NOT IN "
                 "(SELECT group_code FROM households WHERE group_code IS NOT NULL)"),
        0);
    EXPECT_GT(Count(db, "regions"), regions_before);
  }

  const ProcessResult resumed = RunShuanglian({"import", "households", households, "--db", db,
                                               "--batch-size", std::to_string(kBatch), "--json"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.Describe();
  const boost::json::value summary = ParseJsonOutput(resumed);
  EXPECT_EQ(IntAt(summary, "imported") + IntAt(summary, "unchanged"), kHouseholds);
  EXPECT_GT(IntAt(summary, "unchanged"), 0);
  EXPECT_EQ(IntAt(summary, "rejected"), 0);
  EXPECT_EQ(IntAt(summary, "updated"), 0);
  Connection connection = OpenReadOnly(db);
  EXPECT_EQ(QueryText(connection.get(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryInt(connection.get(), "SELECT count(*) FROM households"), kHouseholds);
  EXPECT_EQ(QueryInt(connection.get(), "SELECT count(DISTINCT household_no) FROM households"),
            kHouseholds);
}

}  // namespace
}  // namespace shuanglian::testing
