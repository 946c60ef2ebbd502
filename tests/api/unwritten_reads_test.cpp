// Audited reads a stopping server could not write are kept in files that the next server of
// the same database takes, once, whole, and never two servers the same file.
#include "api/unwritten_reads.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

namespace fs = std::filesystem;

store::AuditEntry Read(const std::string& key, std::optional<std::int64_t> user) {
  store::AuditEntry entry;
  entry.at = "2026-11-29T10:00:00+08:00";
  entry.user_id = user;
  entry.username = "quanhu-office";
  entry.action = "read_personal";
  entry.entity = "household";
  entry.entity_key = key;
  entry.after_json = R"({"note":"换行\n与引号\""})";
  entry.ip = "127.0.0.1";
  return entry;
}

std::size_t FilesIn(const std::string& directory) {
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(directory)) {
    ++files;
  }
  return files;
}

TEST(UnwrittenReadsTest, SavedReadsAreTakenWholeByOneHolderAtATime) {
  TempDir dir;
  const std::string db = "PostgreSQL db.example:5432/registry";
  const std::string saved =
      api::SaveUnwrittenReads(dir.path(), db, {Read("6209021082000001", 7), Read("二", {})});
  EXPECT_TRUE(fs::exists(saved));
  EXPECT_TRUE(api::ClaimUnwrittenReads(dir.path(), "SQLite /srv/registry.db").entries.empty())
      << "another database's server takes nothing";

  api::ClaimedReads claimed = api::ClaimUnwrittenReads(dir.path(), db);
  ASSERT_EQ(claimed.entries.size(), 2U);
  EXPECT_TRUE(claimed.problems.empty());
  const store::AuditEntry& first = claimed.entries[0];
  EXPECT_EQ(first.at, "2026-11-29T10:00:00+08:00");
  EXPECT_EQ(first.user_id, 7);
  EXPECT_EQ(first.username, "quanhu-office");
  EXPECT_EQ(first.action, "read_personal");
  EXPECT_EQ(first.entity, "household");
  EXPECT_EQ(first.entity_key, "6209021082000001");
  EXPECT_EQ(first.before_json, std::nullopt);
  EXPECT_EQ(first.after_json, Read("", {}).after_json);
  EXPECT_EQ(first.ip, "127.0.0.1");
  EXPECT_EQ(claimed.entries[1].user_id, std::nullopt);
  EXPECT_EQ(claimed.entries[1].entity_key, "二");
  ASSERT_EQ(claimed.files.size(), 1U);
  EXPECT_TRUE(api::ClaimUnwrittenReads(dir.path(), db).entries.empty())
      << "a file held is not taken by another (here another description in this process)";

  // Its holder let go without writing the entries (a server that ended first): taken again.
  claimed = api::ClaimedReads();
  api::ClaimedReads again = api::ClaimUnwrittenReads(dir.path(), db);
  ASSERT_EQ(again.entries.size(), 2U);
  again.files[0]->Remove();
  again = api::ClaimedReads();
  EXPECT_EQ(FilesIn(dir.path()), 0U);
  EXPECT_TRUE(api::ClaimUnwrittenReads(dir.path(), db).entries.empty());
}

// A file held by a server in another process is left to it while that process lives, and
// taken once it has ended, however it ended (here: killed).
TEST(UnwrittenReadsTest, AFileHeldByAnotherProcessIsTakenOnlyOnceThatProcessHasEnded) {
  TempDir dir;
  const std::string db = "SQLite /srv/registry.db";
  const std::string saved = api::SaveUnwrittenReads(dir.path(), db, {Read("一", 1)});
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t holder = ::fork();
  if (holder == 0) {
    // Take the file as a claiming server would, then wait to be killed. (The test process has
    // no other thread, so the child may allocate.)
    ::close(ready[0]);
    api::ClaimedReads held = api::ClaimUnwrittenReads(dir.path(), db);
    const char taken = held.entries.size() == 1 ? 'y' : 'n';
    (void)!::write(ready[1], &taken, 1);
    ::pause();
    ::_exit(0);
  }
  ::close(ready[1]);
  char taken = 0;
  ASSERT_EQ(::read(ready[0], &taken, 1), 1);
  ::close(ready[0]);
  EXPECT_EQ(taken, 'y');
  EXPECT_TRUE(api::ClaimUnwrittenReads(dir.path(), db).entries.empty());
  ::kill(holder, SIGKILL);
  int status = 0;
  ::waitpid(holder, &status, 0);
  const api::ClaimedReads claimed = api::ClaimUnwrittenReads(dir.path(), db);
  ASSERT_EQ(claimed.entries.size(), 1U);
  EXPECT_EQ(claimed.entries[0].entity_key, "一");
  EXPECT_TRUE(fs::exists(saved));
}

TEST(UnwrittenReadsTest, ALineThatCannotBeReadIsReportedAndTheRestTaken) {
  TempDir dir;
  const std::string db = "/srv/registry.db";
  const std::string saved = api::SaveUnwrittenReads(dir.path(), db, {Read("一", 1)});
  std::ofstream(saved, std::ios::app) << "{\"at\": 5\n"
                                      << "not json\n";
  const api::ClaimedReads claimed = api::ClaimUnwrittenReads(dir.path(), db);
  ASSERT_EQ(claimed.entries.size(), 1U);
  EXPECT_EQ(claimed.entries[0].entity_key, "一");
  ASSERT_EQ(claimed.problems.size(), 2U);
  EXPECT_NE(claimed.problems[0].find("第 2 行"), std::string::npos) << claimed.problems[0];
  EXPECT_NE(claimed.problems[1].find("第 3 行"), std::string::npos) << claimed.problems[1];
}

}  // namespace
}  // namespace shuanglian::testing
