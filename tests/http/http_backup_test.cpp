// POST /api/v1/backup (docs/backup.md): the administrator downloads the whole database, a
// checked copy made while the server goes on; audited; nobody else may; and no copy of
// everyone's personal data is left behind in the work directory.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "http/http_fixture.h"
#include "store/backup.h"
#include "store/sqlite/sqlite_database.h"
#include "support/stopwatch.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

namespace fs = std::filesystem;
using Mode = ApiSession::Mode;

bool BackupFilesIn(const std::string& directory) {
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.path().filename().string().starts_with("backup-")) {
      return true;
    }
  }
  return false;
}

TEST(HttpBackupTest, TheAdministratorDownloadsTheWholeDatabaseAuditedAndNothingIsLeftBehind) {
  const auto registry = DemoRegistry::Copy();
  const TempDir work;
  ServerProcess server({registry->db(), "", work.path().string()});
  const ApiSession admin =
      ApiSession::SignIn(server.port(), kAdmin, registry->Password(kAdmin), Mode::kCookie);

  const HttpResponse download = admin.Post("/backup");
  ASSERT_EQ(download.status, 200) << download.Describe();
  EXPECT_EQ(download.Header("Content-Type"), "application/vnd.sqlite3");
  EXPECT_NE(download.Header("Content-Disposition").find("filename*=UTF-8''"), std::string::npos)
      << download.Header("Content-Disposition");
  ASSERT_GT(download.body.size(), 16u);
  EXPECT_EQ(download.body.substr(0, 16), std::string("SQLite format 3\0", 16));

  // The file is the database: sound, and every table as the server's own file has it.
  const TempDir saved;
  const std::string copy = saved.File("downloaded.db");
  {
    std::ofstream out(copy, std::ios::binary);
    out << download.body;
  }
  const auto copied = store::OpenSqliteReadOnly(copy);
  EXPECT_TRUE(store::IntegrityProblems(*copied).empty());
  const auto live = store::OpenSqliteReadOnly(registry->db());
  EXPECT_EQ(copied->Query("SELECT count(*) FROM households")[0].Int(0),
            live->Query("SELECT count(*) FROM households")[0].Int(0));
  EXPECT_EQ(copied->Query("SELECT count(*) FROM persons")[0].Int(0),
            live->Query("SELECT count(*) FROM persons")[0].Int(0));

  const boost::json::array entries =
      Items(JsonOf(admin.Get("/audit?action=backup&entity=database")));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(Text(entries[0], "username"), kAdmin);
  EXPECT_TRUE(Eventually([&] { return !BackupFilesIn(work.path().string()); }))
      << "a copy of the database stayed in the work directory";
  server.Stop();
  EXPECT_EQ(VerifyAudit(registry->db()).exit_code, 0);
}

class HttpBackupRefusalTest : public HttpSuite {};

TEST_F(HttpBackupRefusalTest, NoOneButTheAdministratorMayAndNeverWithoutTheCsrfToken) {
  for (const char* username : {kQuanhuOffice, kQuanhuLeader, kUnitAdmin, kCadre}) {
    EXPECT_TRUE(IsError(As(username).Post("/backup"), 403)) << username;
  }
  EXPECT_TRUE(IsError(Anonymous().Post("/backup"), 401));
  EXPECT_TRUE(IsError(As(kAdmin, Mode::kCookie).WithoutCsrf().Post("/backup"), 403));
}

// The server's own copies in a directory, oldest first (their names carry the time).
std::vector<std::string> CopiesIn(const std::string& directory) {
  std::vector<std::string> copies;
  std::error_code error;
  for (fs::directory_iterator entry(directory, error), end; !error && entry != end;
       entry.increment(error)) {
    const std::string name = entry->path().filename().string();
    if (name.starts_with("shuanglian-") && name.ends_with(".db")) {
      copies.push_back(entry->path().string());
    }
  }
  std::sort(copies.begin(), copies.end());
  return copies;
}

// A copy of a registry's database that checks out: sound, with every household of `live`.
void ExpectACopyOf(const std::string& copy, const std::string& live) {
  const auto copied = store::OpenSqliteReadOnly(copy);
  EXPECT_TRUE(store::IntegrityProblems(*copied).empty()) << copy;
  EXPECT_EQ(copied->Query("SELECT count(*) FROM households")[0].Int(0),
            store::OpenSqliteReadOnly(live)->Query("SELECT count(*) FROM households")[0].Int(0))
      << copy;
}

// `serve --backup-every 1s --backup-keep 2`: a copy at once, then one a second, the oldest
// removed as each new one checks out; every copy kept is whole.
TEST(HttpBackupScheduleTest, TheServerBacksItsDatabaseUpByItselfKeepingTheNewest) {
  const auto registry = DemoRegistry::Copy();
  const TempDir backups;
  const std::string directory = backups.path().string();
  ServerProcess server({registry->db(),
                        "",
                        "",
                        {"--backup-every", "1s", "--backup-keep", "2", "--backup-dir", directory}});
  ASSERT_TRUE(
      Eventually([&] { return CopiesIn(directory).size() == 2; }, std::chrono::seconds(15)));
  const std::string oldest = CopiesIn(directory).front();
  ASSERT_TRUE(Eventually(
      [&] {
        const std::vector<std::string> copies = CopiesIn(directory);
        return copies.size() == 2 && copies.front() != oldest;
      },
      std::chrono::seconds(15)))
      << "no third copy replaced the oldest";
  const ProcessResult stopped = server.Stop();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.Describe();
  EXPECT_NE(stopped.out.find("自动备份：每 1s 一份，保留最近 2 份"), std::string::npos)
      << stopped.out;
  const std::vector<std::string> kept = CopiesIn(directory);
  EXPECT_LE(kept.size(), 2u);
  for (const std::string& copy : kept) {
    ExpectACopyOf(copy, registry->db());
  }
  for (const auto& entry : fs::directory_iterator(directory)) {
    EXPECT_FALSE(entry.path().string().ends_with(".partial")) << entry.path();
  }
}

// Unless told otherwise a server backs an SQLite file up daily beside it; the cadence goes
// by the newest copy, so that restarts neither add a copy each nor push older ones out.
TEST(HttpBackupScheduleTest, ByDefaultADailyCopyBesideTheFileWhoseCadenceOutlastsRestarts) {
  const auto registry = DemoRegistry::Copy();
  const std::string directory = registry->db() + ".backups";
  {
    ServerProcess server({registry->db(), "", "", {}, true});
    ASSERT_TRUE(
        Eventually([&] { return CopiesIn(directory).size() == 1; }, std::chrono::seconds(15)));
  }
  const std::string first = CopiesIn(directory).front();
  ExpectACopyOf(first, registry->db());
  {
    // Restarted within the day: the copy of this morning stands.
    ServerProcess server({registry->db(), "", "", {}, true});
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_EQ(CopiesIn(directory), std::vector<std::string>{first});
  }
  // A copy a day and an hour old: the next is due, and made at once.
  fs::last_write_time(first, fs::file_time_type::clock::now() - std::chrono::hours(25));
  ServerProcess server({registry->db(), "", "", {}, true});
  ASSERT_TRUE(
      Eventually([&] { return CopiesIn(directory).size() == 2; }, std::chrono::seconds(15)));
}

TEST(HttpBackupScheduleTest, AnIntervalThatIsNotOneIsRefused) {
  const TempDir dir;
  for (const char* every : {"5x", "h", "-1h", "1.5h"}) {
    const ProcessResult refused =
        RunShuanglian({"serve", "--db", dir.File("t.db"), "--backup-every", every});
    EXPECT_EQ(refused.exit_code, 2) << every << refused.Describe();
    EXPECT_NE(refused.err.find("--backup-every"), std::string::npos) << refused.err;
  }
  const ProcessResult server =
      RunShuanglian({"serve", "--db", "postgresql://x@127.0.0.1:1/y", "--backup-every", "1h"});
  EXPECT_EQ(server.exit_code, 2) << server.Describe();
  EXPECT_NE(server.err.find("pg_dump"), std::string::npos) << server.err;
}

}  // namespace
}  // namespace shuanglian::testing
