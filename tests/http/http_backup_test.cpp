// POST /api/v1/backup (docs/backup.md): the administrator downloads the whole database, a
// checked copy made while the server goes on; audited; nobody else may; and no copy of
// everyone's personal data is left behind in the work directory.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

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

}  // namespace
}  // namespace shuanglian::testing
