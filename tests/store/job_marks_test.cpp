// An import job left "running" by a process that ended midway (killed, crashed, its server
// stopped) reads "interrupted", on both backends; one whose process lives on reads
// "running", even while that process is paused; a job that ended reads as it ended.
#include "store/job_marks.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "cli/cli_test_support.h"
#include "store/backend_fixture.h"
#include "store/import_job_repository.h"
#include "store/sqlite_probe.h"
#include "support/process.h"
#include "support/stopwatch.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kNow = "2026-11-29T10:00:00+08:00";

class JobMarksTest : public BackendTest {
 protected:
  std::string RawStatus(store::Database& database, std::int64_t job) {
    return database.Query("SELECT status FROM import_jobs WHERE id = $1", {job})[0].Text(0);
  }
};

TEST_P(JobMarksTest, AJobWhoseMarkEndsWithoutAnEndReadsInterrupted) {
  const auto other = test_database().Open();
  store::ImportJobRepository::Started started =
      store::ImportJobRepository(db()).Start("households", "a.csv", kNow, "admin");
  EXPECT_TRUE(store::JobMarkHeld(*other, started.id));
  EXPECT_EQ(store::ImportJobRepository(*other).Get(started.id)->status, "running");

  started.mark.reset();  // its holder gone without writing how the job ended
  EXPECT_FALSE(store::JobMarkHeld(*other, started.id));
  EXPECT_EQ(store::ImportJobRepository(*other).Get(started.id)->status, "interrupted");
  const auto listed = store::ImportJobRepository(*other).Recent("", 10);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].status, "interrupted");
  EXPECT_EQ(RawStatus(*other, started.id), "running");

  // The next import writes it down, and is itself running.
  const store::ImportJobRepository::Started next =
      store::ImportJobRepository(*other).Start("persons", "b.csv", kNow, "admin");
  EXPECT_EQ(RawStatus(db(), started.id), "interrupted");
  EXPECT_EQ(store::ImportJobRepository(db()).Get(started.id)->finished_at, kNow);
  EXPECT_EQ(RawStatus(db(), next.id), "running");
  EXPECT_EQ(store::ImportJobRepository(db()).Get(next.id)->status, "running");
}

TEST_P(JobMarksTest, AJobThatEndedReadsAsItEndedWhetherOrNotItsMarkIsHeld) {
  const auto other = test_database().Open();
  store::ImportJobRepository jobs(db());
  store::ImportJobRepository::Started started = jobs.Start("households", "a.csv", kNow, "admin");
  jobs.Finish(started.id, "completed", {3, 3, 0, 0, 0}, "", kNow);
  EXPECT_EQ(store::ImportJobRepository(*other).Get(started.id)->status, "completed");
  started.mark.reset();
  EXPECT_EQ(store::ImportJobRepository(*other).Get(started.id)->status, "completed");
  // A later start leaves it be.
  store::ImportJobRepository(*other).Start("persons", "b.csv", kNow, "admin");
  EXPECT_EQ(RawStatus(db(), started.id), "completed");
}

// The marks of two jobs are apart: one ending leaves the other held.
TEST_P(JobMarksTest, EachJobHasAMarkOfItsOwn) {
  const auto other = test_database().Open();
  const auto third = test_database().Open();
  store::ImportJobRepository::Started first =
      store::ImportJobRepository(db()).Start("households", "a.csv", kNow, "admin");
  const store::ImportJobRepository::Started second =
      store::ImportJobRepository(*other).Start("persons", "b.csv", kNow, "admin");
  first.mark.reset();
  EXPECT_FALSE(store::JobMarkHeld(*third, first.id));
  EXPECT_TRUE(store::JobMarkHeld(*third, second.id));
  EXPECT_EQ(store::ImportJobRepository(*third).Get(second.id)->status, "running");
}

// A real `shuanglian import` in a process of its own: paused, it still holds its mark; killed,
// its job reads interrupted (on PostgreSQL once the server has seen the connection close),
// the batches it committed stay whole, and the next import writes the job down.
TEST_P(JobMarksTest, AnImportWhoseProcessIsKilledReadsInterruptedAndAPausedOneRunning) {
  constexpr std::int64_t kBatch = 1000;
  TempDir dir;
  const std::string target = test_database().target();
  const ProcessResult regions = ImportGansu(target);
  ASSERT_EQ(regions.exit_code, 0) << regions.Describe();
  const ProcessResult generated =
      RunShuanglian({"gen", "--households", "100000", "--seed", "5", "-o", dir.File("data")});
  ASSERT_EQ(generated.exit_code, 0) << generated.Describe();

  ChildProcess child(
      ShuanglianCommand({"import", "households", dir.File("data") + "/households.csv", "--db",
                         target, "--batch-size", std::to_string(kBatch), "--json"}),
      ShuanglianOptions());
  std::int64_t job = 0;
  const bool begun = Eventually(
      [&] {
        const store::ResultSet rows = db().Query(
            "SELECT id FROM import_jobs WHERE status = 'running' AND EXISTS (SELECT 1 FROM "
            "households)",
            {});
        if (rows.empty()) {
          return false;
        }
        job = rows[0].Int(0);
        child.Kill(SIGSTOP);
        return true;
      },
      std::chrono::seconds(60));
  ASSERT_TRUE(begun) << "the import did not commit a batch while watched";
  EXPECT_EQ(store::ImportJobRepository(db()).Get(job)->status, "running")
      << "a paused process still holds its mark";

  child.Kill(SIGKILL);
  const ProcessResult killed = child.Wait();
  ASSERT_EQ(killed.signal, SIGKILL) << killed.Describe();
  std::string status;
  EXPECT_TRUE(Eventually(
      [&] {
        status = store::ImportJobRepository(db()).Get(job)->status;
        return status == "interrupted";
      },
      std::chrono::seconds(20)))
      << status;
  const std::int64_t stored = db().Query("SELECT count(*) FROM households", {})[0].Int(0);
  EXPECT_GT(stored, 0);
  EXPECT_LT(stored, 100000);
  EXPECT_EQ(stored % kBatch, 0) << stored << " households: a batch was half-written";
  EXPECT_EQ(RawStatus(db(), job), "running");

  const ProcessResult again = RunShuanglian(
      {"import", "households", dir.File("data") + "/households.csv", "--db", target, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.Describe();
  EXPECT_EQ(RawStatus(db(), job), "interrupted");
  EXPECT_EQ(db().Query("SELECT count(*) FROM households", {})[0].Int(0), 100000);
}

// Every PostgreSQL connection asks its server to watch for a client that has gone: every
// second while a statement runs, and by TCP keepalives for a machine that went away. Without
// them a killed import's statement, and its mark, would stay until it next used the socket.
TEST_P(JobMarksTest, EveryPostgresConnectionHasItsServerWatchForItsClient) {
  if (GetParam() != TestBackend::kPostgres) {
    GTEST_SKIP() << "PostgreSQL settings";
  }
  const auto setting = [&](const char* name) {
    return db().Query("SELECT current_setting($1)", {std::string(name)})[0].Text(0);
  };
  EXPECT_EQ(setting("client_connection_check_interval"), "1s");
  EXPECT_EQ(setting("tcp_keepalives_idle"), "60");  // seconds
  EXPECT_EQ(setting("tcp_keepalives_interval"), "10");
  EXPECT_EQ(setting("tcp_keepalives_count"), "6");
}

SHUANGLIAN_BACKEND_SUITE(JobMarksTest);

}  // namespace
}  // namespace shuanglian::testing
