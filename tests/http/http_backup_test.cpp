// POST /api/v1/backup (docs/backup.md): the administrator downloads the whole database, a
// checked copy made while the server goes on; audited; nobody else may; and no copy of
// everyone's personal data is left behind in the work directory.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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

// What a client that takes its time received of POST /backup: the body's announced length
// and the bytes that came. It reads the answer's start, pauses `pause`, then reads on to the
// end; its receive buffer is small, so that the server's sending waits on it meanwhile.
std::pair<std::size_t, std::size_t> SlowDownload(unsigned short port, const std::string& token,
                                                 std::chrono::seconds pause) {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int small = 4096;
  ::setsockopt(socket_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(socket_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(socket_fd);
    return {0, 0};
  }
  const std::string request =
      "POST /api/v1/backup HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Authorization: Bearer " +
      token + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  ::send(socket_fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string received;
  char buffer[4096];
  bool paused = false;
  std::size_t header_end = std::string::npos;
  for (;;) {
    const ssize_t count = ::recv(socket_fd, buffer, sizeof buffer, 0);
    if (count <= 0) {
      break;
    }
    received.append(buffer, static_cast<std::size_t>(count));
    if (header_end == std::string::npos) {
      header_end = received.find("\r\n\r\n");
    }
    if (header_end != std::string::npos && !paused) {
      paused = true;
      std::this_thread::sleep_for(pause);
    }
  }
  ::close(socket_fd);
  if (header_end == std::string::npos) {
    return {0, received.size()};
  }
  const std::string head = received.substr(0, header_end);
  const std::size_t length_at = head.find("Content-Length: ");
  const std::size_t length =
      length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 16));
  return {length, received.size() - header_end - 4};
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
  // Every table the same, row for row, but the two that this very request changed after the
  // copy: its audit entry, and the last-seen time of the session it came with.
  const auto live = store::OpenSqliteReadOnly(registry->db());
  const auto copied_tables = store::FileChecksums(*copied);
  const auto live_tables = store::FileChecksums(*live);
  ASSERT_EQ(copied_tables.size(), live_tables.size());
  for (std::size_t index = 0; index < live_tables.size(); ++index) {
    const std::string& table = live_tables[index].table;
    if (table != "audit_log" && table != "sessions") {
      EXPECT_EQ(copied_tables[index], live_tables[index]) << table;
    }
  }
  EXPECT_GT(live->Query("SELECT count(*) FROM persons")[0].Int(0), 10000);

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
  {
    // A copy from the future (the clock went back): due now, not when the clock catches up.
    fs::last_write_time(first, fs::file_time_type::clock::now() + std::chrono::hours(48));
    ServerProcess server({registry->db(), "", "", {}, true});
    ASSERT_TRUE(
        Eventually([&] { return CopiesIn(directory).size() == 2; }, std::chrono::seconds(15)));
    fs::remove(CopiesIn(directory).back());
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

// The request's time is for reading it; the answer has time of its own, by its size. A
// server that gave a request 1 s in all cut a download off as soon as its client paused.
TEST(HttpBackupTest, ADownloadOutlastsTheRequestTimeoutWhileItsClientReadsSlowly) {
  const auto registry = DemoRegistry::Copy();
  ServerProcess server({registry->db(), "", "", {"--request-timeout", "1"}});
  const ApiSession admin =
      ApiSession::SignIn(server.port(), kAdmin, registry->Password(kAdmin), Mode::kBearer);
  const auto [length, received] =
      SlowDownload(server.port(), admin.token(), std::chrono::seconds(3));
  EXPECT_GT(length, 1000000u);
  EXPECT_EQ(received, length);
}

// A server holds its SQLite file open from its start, before any request: a restore is
// refused even then. (Before, a server that had answered nothing had no connection open,
// and the file was replaced under it.)
TEST(HttpBackupTest, ARestoreIsRefusedUnderAServerThatHasAnsweredNothingYet) {
  const auto registry = DemoRegistry::Copy();
  const TempDir dir;
  const std::string backup = dir.File("before.db");
  ASSERT_EQ(RunShuanglian({"backup", "--db", registry->db(), "-o", backup}).exit_code, 0);
  const unsigned short port = FreePort();
  ChildProcess server(
      ShuanglianCommand({"serve", "--db", registry->db(), "--listen",
                         "127.0.0.1:" + std::to_string(port), "--backup-every", "0"}),
      ShuanglianOptions());
  // Listening (a connection taken and closed, no request sent): the server is set up.
  ASSERT_TRUE(Eventually(
      [&] {
        const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool listening =
            ::connect(socket_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
        ::close(socket_fd);
        return listening;
      },
      std::chrono::seconds(20)));
  const ProcessResult restore =
      RunShuanglian({"restore", "--from", backup, "--db", registry->db()});
  EXPECT_EQ(restore.exit_code, 2) << restore.Describe();
  EXPECT_NE(restore.err.find("正被其他程序打开"), std::string::npos) << restore.err;
  server.Kill(SIGTERM);
  server.Wait();
}

// Copies that a server killed midway left behind, each everyone's personal data: a download's
// in the work directory, a scheduled one's half-made file. The next server removes them.
TEST(HttpBackupScheduleTest, LeftoversOfAKilledServerAreRemovedAtTheNextStart) {
  const auto registry = DemoRegistry::Copy();
  const TempDir work;
  const TempDir backups;
  const std::string download = work.File("backup-0123456789abcdef.db");
  const std::string half_made = backups.File("shuanglian-20261207-020000.db.partial");
  // Not a download's: an administrator's own file that happens to begin alike.
  const std::string own = work.File("backup-2026-12-01.db");
  for (const std::string& path : {download, half_made, own}) {
    std::ofstream(path) << "SQLite format 3";
  }
  ServerProcess server({registry->db(),
                        "",
                        work.path().string(),
                        {"--backup-every", "24h", "--backup-dir", backups.path().string()}});
  EXPECT_FALSE(fs::exists(download));
  EXPECT_TRUE(Eventually([&] { return !fs::exists(half_made); }));
  EXPECT_TRUE(fs::exists(own));
}

// After the clock went back, copies of the old time look newer than any made now: they
// neither put the next copy off nor get it pruned in their stead, and a restart does not
// make one more.
TEST(HttpBackupScheduleTest, AClockTurnedBackNeitherPutsCopiesOffNorPrunesTheNewOne) {
  const auto registry = DemoRegistry::Copy();
  const TempDir backups;
  const std::string directory = backups.path().string();
  const std::string older = backups.File("shuanglian-20991230-000000.db");
  const std::string newer = backups.File("shuanglian-20991231-000000.db");
  for (const std::string& path : {older, newer}) {
    std::ofstream(path) << "SQLite format 3";
    fs::last_write_time(path, fs::file_time_type::clock::now() + std::chrono::hours(24 * 365));
  }
  const std::vector<std::string> arguments = {"--backup-every", "24h",    "--backup-keep", "2",
                                              "--backup-dir",   directory};
  std::string made;
  {
    ServerProcess server({registry->db(), "", "", arguments});
    ASSERT_TRUE(Eventually(
        [&] {
          for (const std::string& copy : CopiesIn(directory)) {
            if (copy != older && copy != newer) {
              made = copy;
            }
          }
          return !made.empty() && !fs::exists(older);
        },
        std::chrono::seconds(15)));
  }
  EXPECT_EQ(CopiesIn(directory), (std::vector<std::string>{made, newer}));
  ExpectACopyOf(made, registry->db());
  ServerProcess restarted({registry->db(), "", "", arguments});
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(CopiesIn(directory), (std::vector<std::string>{made, newer}));
}

// A client that stops taking an answer is let go after 30 s without progress: it would hold
// the socket, the open copy of everyone's data and a stopping server.
TEST(HttpBackupTest, AClientThatStopsReadingIsLetGo) {
  const auto registry = DemoRegistry::Copy();
  ServerProcess server({registry->db(), "", "", {"--request-timeout", "1"}});
  const ApiSession admin =
      ApiSession::SignIn(server.port(), kAdmin, registry->Password(kAdmin), Mode::kBearer);
  const auto [length, received] =
      SlowDownload(server.port(), admin.token(), std::chrono::seconds(40));
  EXPECT_GT(length, 1000000u);
  EXPECT_LT(received, length);
}

}  // namespace
}  // namespace shuanglian::testing
