// Audited reads a stopping server could not write are kept in files that the next server of
// the same database takes, once, whole, and never two servers the same file.
#include "api/unwritten_reads.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/sha256.h"
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

std::vector<std::string> Names(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A pid no process has: a child's, once it has ended and been reaped.
pid_t EndedPid() {
  const pid_t child = ::fork();
  if (child == 0) {
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

TEST(UnwrittenReadsTest, SavedReadsAreTakenOnceAndWhole) {
  TempDir dir;
  const std::string db = "postgresql://a@host/registry";
  const std::string saved =
      api::SaveUnwrittenReads(dir.path(), db, {Read("6209021082000001", 7), Read("二", {})});
  EXPECT_TRUE(fs::exists(saved));
  EXPECT_TRUE(api::ClaimUnwrittenReads(dir.path(), "/other/registry.db").entries.empty())
      << "another database's server takes nothing";

  const api::ClaimedReads claimed = api::ClaimUnwrittenReads(dir.path(), db);
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
  // Renamed to this process's name: the saved name is gone, the claimed file there.
  EXPECT_FALSE(fs::exists(saved));
  ASSERT_EQ(claimed.files.size(), 1U);
  EXPECT_TRUE(fs::exists(claimed.files[0]));
  EXPECT_TRUE(api::ClaimUnwrittenReads(dir.path(), db).entries.empty())
      << "a file this process took is not taken again";
}

TEST(UnwrittenReadsTest, AFileTakenByAServerThatEndedIsTakenAgainAndALiveOnesIsNot) {
  TempDir dir;
  const std::string db = "/srv/registry.db";
  const std::string prefix = "audit-reads-" + store::Sha256Hex(db).substr(0, 16) + "-claimed-";
  const std::string line =
      R"({"at":"2026-11-29T10:00:00+08:00","user_id":1,"username":"admin","action":"read_personal","entity":"person_export","entity_key":"","before_json":null,"after_json":null,"ip":"::1"})";
  std::ofstream(dir.File(prefix + std::to_string(EndedPid()) + "-1-0.jsonl")) << line << "\n";
  // pid 1 lives as long as the machine: its file stays where it is.
  std::ofstream(dir.File(prefix + "1-1-0.jsonl")) << line << "\n";

  const api::ClaimedReads claimed = api::ClaimUnwrittenReads(dir.path(), db);
  ASSERT_EQ(claimed.entries.size(), 1U);
  EXPECT_EQ(claimed.entries[0].entity, "person_export");
  EXPECT_TRUE(fs::exists(dir.File(prefix + "1-1-0.jsonl")));
  EXPECT_EQ(Names(dir.path()).size(), 2U);
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
