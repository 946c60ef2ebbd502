// `shuanglian backup` and `shuanglian restore` (docs/backup.md): a township's database file
// copied while it is in use, checked before it is kept, and put back whole, the database it
// replaces kept too; a damaged, foreign or newer backup, and a database still open, refused
// before anything is touched.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/cli_test_support.h"
#include "cli/sample_registry.h"
#include "store/backup.h"
#include "store/migrations.h"
#include "store/photo_files.h"
#include "store/sha256.h"
#include "store/sqlite/sqlite_database.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace shuanglian::testing {
namespace {

namespace fs = std::filesystem;

class CliBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImportSmallRegions(db_);
    WriteFileBytes(dir_.File("households.csv"), SampleHouseholdsCsv());
    WriteFileBytes(dir_.File("persons.csv"), SamplePersonsCsv());
    ASSERT_EQ(ImportFile(db_, "households", dir_.File("households.csv")).exit_code, 0);
    ASSERT_EQ(ImportFile(db_, "persons", dir_.File("persons.csv")).exit_code, 0);
    {
      auto database = store::OpenDatabase(db_);
      database->Execute(
          "INSERT INTO photos (sha256, bytes, content_type, uploaded_by, uploaded_at) VALUES "
          "($1, 10, 'image/jpeg', 'cadre', 't')",
          {store::Sha256Hex(photo_)});
    }
    ASSERT_TRUE(store::WritePhotoFile(db_ + ".photos", store::Sha256Hex(photo_), photo_));
  }

  ProcessResult Backup(const std::string& output) {
    return RunShuanglian({"backup", "--db", db_, "-o", output});
  }
  ProcessResult Restore(const std::string& from) {
    return RunShuanglian({"restore", "--from", from, "--db", db_});
  }

  static std::int64_t Count(const std::string& db, const std::string& sql) {
    return store::OpenSqliteReadOnly(db)->Query(sql)[0].Int(0);
  }

  void AddUser(const std::string& name) {
    ProcessOptions password;
    password.stdin_text = "a-long-password-1\n";
    const ProcessResult added = RunShuanglian(
        {"user", "add", name, "--role", "admin", "--password-stdin", "--db", db_}, password);
    ASSERT_EQ(added.exit_code, 0) << added.Describe();
  }

  // Pages 3 to 9 (4 KB each) of a file overwritten, as a bad sector would: its bytes after,
  // or nothing when the file is too small to have them.
  static std::string Damage(const std::string& path) {
    std::string bytes = ReadFileBytes(path);
    if (bytes.size() < 40960) {
      return {};
    }
    for (std::size_t at = 8192; at < 40960; ++at) {
      bytes[at] = static_cast<char>(at * 7);
    }
    WriteFileBytes(path, bytes);
    return bytes;
  }

  // The files a restore kept beside the database: what it replaced.
  std::vector<std::string> KeptFiles() const {
    std::vector<std::string> kept;
    for (const auto& entry : fs::directory_iterator(dir_.path())) {
      if (entry.path().filename().string().find("before-restore") != std::string::npos) {
        kept.push_back(entry.path().string());
      }
    }
    return kept;
  }

  TempDir dir_;
  std::string db_ = dir_.File("town.db");
  std::string photo_ = std::string("\xFF\xD8\xFF") + "一张走访照片";
};

// A writer's open transaction neither holds the backup up nor gets into it; the copy is one
// file in rollback-journal mode (no -wal beside it), with the photos beside it, and nothing
// half-made is left.
TEST_F(CliBackupTest, ABackupWhileAWriterIsMidTransactionHasWhatWasCommittedAndStandsAlone) {
  auto writer = store::OpenDatabase(db_);
  writer->Begin();
  writer->Execute("UPDATE persons SET name = '未提交'");
  const std::string output = dir_.File("town-backup.db");
  const ProcessResult backup = Backup(output);
  writer->Rollback();
  ASSERT_EQ(backup.exit_code, 0) << backup.Describe();
  EXPECT_NE(backup.out.find("备份完成，全部一致"), std::string::npos) << backup.out;
  EXPECT_EQ(backup.out.find("不一致"), std::string::npos) << backup.out;
  EXPECT_FALSE(fs::exists(output + "-wal"));
  EXPECT_FALSE(fs::exists(output + ".partial"));
  // Bytes 18 and 19 of the header: 1 for a rollback journal, 2 for a write-ahead log.
  const std::string header = ReadFileBytes(output).substr(0, 20);
  EXPECT_EQ(header[18], 1);
  EXPECT_EQ(header[19], 1);
  EXPECT_EQ(Count(output, "SELECT count(*) FROM persons"), kSamplePersons);
  EXPECT_EQ(Count(output, "SELECT count(*) FROM persons WHERE name = '未提交'"), 0);
  EXPECT_EQ(Count(output, "SELECT count(*) FROM households"), kSampleHouseholds);
  EXPECT_EQ(ReadFileBytes(store::PhotoPath(output + ".photos", store::Sha256Hex(photo_))), photo_);
}

TEST_F(CliBackupTest, ABackupNeverOverwritesAFile) {
  const std::string output = dir_.File("precious.db");
  WriteFileBytes(output, "上个月的备份");
  const ProcessResult backup = Backup(output);
  EXPECT_EQ(backup.exit_code, 2) << backup.Describe();
  EXPECT_NE(backup.err.find("已存在"), std::string::npos) << backup.err;
  EXPECT_EQ(ReadFileBytes(output), "上个月的备份");
  // Nor is a copy put where an earlier database's log lies, which SQLite would play into it.
  const std::string beside_a_log = dir_.File("reused.db");
  WriteFileBytes(beside_a_log + "-wal", "an earlier database's log");
  const ProcessResult refused = Backup(beside_a_log);
  EXPECT_EQ(refused.exit_code, 2) << refused.Describe();
  EXPECT_NE(refused.err.find("-wal"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(beside_a_log));
}

// The backup comes back whole; what the database held instead (an account added since) is
// kept beside it; the restore is in the audit log, whose chain holds; every session ends;
// the photos come back from the backup's folder.
TEST_F(CliBackupTest, RestoreBringsTheBackupBackAndKeepsWhatItReplaced) {
  AddUser("clerk");
  {
    auto database = store::OpenDatabase(db_);
    database->Execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
        "last_seen_at) SELECT 'h', id, 'c', 0, 4102444800, 0 FROM users WHERE username = "
        "'clerk'");
  }
  const std::string output = dir_.File("town-backup.db");
  ASSERT_EQ(Backup(output).exit_code, 0);
  AddUser("newcomer");
  fs::remove_all(db_ + ".photos");

  const ProcessResult restore = Restore(output);
  ASSERT_EQ(restore.exit_code, 0) << restore.Describe();
  EXPECT_NE(restore.out.find("恢复完成，全部一致"), std::string::npos) << restore.out;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE username = 'newcomer'"), 0);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE username = 'clerk'"), 1);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM persons"), kSamplePersons);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM sessions"), 0);
  EXPECT_EQ(Count(db_,
                  "SELECT count(*) FROM audit_log WHERE action = 'restore' AND "
                  "entity = 'database'"),
            1);
  const ProcessResult verify = RunShuanglian({"audit", "verify", "--db", db_});
  EXPECT_EQ(verify.exit_code, 0) << verify.Describe();
  EXPECT_EQ(ReadFileBytes(store::PhotoPath(db_ + ".photos", store::Sha256Hex(photo_))), photo_);

  const std::vector<std::string> kept = KeptFiles();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_NE(restore.out.find(kept[0]), std::string::npos) << restore.out;
  EXPECT_EQ(Count(kept[0], "SELECT count(*) FROM users WHERE username = 'newcomer'"), 1);
}

// A backup whose pages are of another size (another build or tool made it): SQLite copies
// such pages into a database only under a rollback journal. It was refused as "readonly".
TEST_F(CliBackupTest, ABackupOfAnotherPageSizeIsRestoredAndTheLogComesBack) {
  const std::string output = dir_.File("town-backup.db");
  ASSERT_EQ(Backup(output).exit_code, 0);
  {
    auto rewritten = store::OpenSqlite(output);
    rewritten->ExecuteScript("PRAGMA journal_mode = DELETE; PRAGMA page_size = 8192; VACUUM");
  }
  ASSERT_EQ(Count(output, "PRAGMA page_size"), 8192);
  AddUser("newcomer");
  const ProcessResult restore = Restore(output);
  ASSERT_EQ(restore.exit_code, 0) << restore.Describe();
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE username = 'newcomer'"), 0);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM persons"), kSamplePersons);
  // Bytes 18 and 19 of the header: 2 again, the write-ahead log the server expects.
  const std::string header = ReadFileBytes(db_).substr(0, 20);
  EXPECT_EQ(header[18], 2);
  EXPECT_EQ(header[19], 2);
}

// A server has the file open: nothing is replaced and nothing kept.
TEST_F(CliBackupTest, RestoreIsRefusedWhileTheDatabaseIsOpenAndChangesNothing) {
  const std::string output = dir_.File("town-backup.db");
  ASSERT_EQ(Backup(output).exit_code, 0);
  AddUser("newcomer");
  const auto open_elsewhere = store::OpenDatabase(db_);
  const ProcessResult restore = Restore(output);
  EXPECT_EQ(restore.exit_code, 2) << restore.Describe();
  EXPECT_NE(restore.err.find("正被其他程序打开"), std::string::npos) << restore.err;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE username = 'newcomer'"), 1);
  EXPECT_TRUE(KeptFiles().empty());
}

// A damaged database is the reason to restore: it is kept as it is, under a name saying so,
// and the backup goes in. (Keeping it as a backup is kept, checked, refused the restore.)
TEST_F(CliBackupTest, ADamagedDatabaseIsKeptAsItIsAndRestored) {
  const std::string output = dir_.File("town-backup.db");
  ASSERT_EQ(Backup(output).exit_code, 0);
  const std::string bytes = Damage(db_);
  ASSERT_FALSE(bytes.empty());
  const ProcessResult restore = Restore(output);
  ASSERT_EQ(restore.exit_code, 0) << restore.Describe();
  EXPECT_NE(restore.err.find("已损坏"), std::string::npos) << restore.err;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM persons"), kSamplePersons);
  EXPECT_TRUE(store::IntegrityProblems(*store::OpenSqliteReadOnly(db_)).empty());
  const std::vector<std::string> kept = KeptFiles();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_NE(kept[0].find("-damaged.db"), std::string::npos) << kept[0];
  EXPECT_EQ(ReadFileBytes(kept[0]).substr(8192, 32768), bytes.substr(8192, 32768));
}

TEST_F(CliBackupTest, ADamagedBackupIsRefusedBeforeAnythingIsTouched) {
  const std::string output = dir_.File("town-backup.db");
  ASSERT_EQ(Backup(output).exit_code, 0);
  ASSERT_FALSE(Damage(output).empty());
  AddUser("newcomer");
  const ProcessResult restore = Restore(output);
  EXPECT_EQ(restore.exit_code, 2) << restore.Describe();
  EXPECT_NE(restore.err.find("已损坏"), std::string::npos) << restore.err;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM users WHERE username = 'newcomer'"), 1);
  EXPECT_TRUE(KeptFiles().empty());
}

TEST_F(CliBackupTest, ABackupFromANewerProgramOrNotOfThisSystemIsRefused) {
  const std::string output = dir_.File("town-backup.db");
  ASSERT_EQ(Backup(output).exit_code, 0);
  store::OpenSqlite(output)->Execute(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 't')");
  const ProcessResult newer = Restore(output);
  EXPECT_EQ(newer.exit_code, 2) << newer.Describe();
  EXPECT_NE(newer.err.find("更新版本"), std::string::npos) << newer.err;

  const std::string foreign = dir_.File("other.db");
  store::OpenSqlite(foreign)->Execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)");
  const ProcessResult other = Restore(foreign);
  EXPECT_EQ(other.exit_code, 2) << other.Describe();
  EXPECT_NE(other.err.find("不是本系统的数据库备份"), std::string::npos) << other.err;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM persons"), kSamplePersons);
  EXPECT_TRUE(KeptFiles().empty());
}

// A backup is of the file as it is: one an older program made is copied without being
// migrated, and migrated when restored.
TEST_F(CliBackupTest, AnOlderDatabaseIsBackedUpAsItIsAndMigratedWhenRestored) {
  const std::string old_db = dir_.File("old.db");
  auto scripts = store::AvailableMigrations(store::Backend::kSqlite);
  const int latest = scripts.back().version;
  scripts.resize(4);
  {
    auto old = store::OpenUnmigrated(old_db);
    store::ApplyMigrations(*old, scripts);
  }
  const std::string output = dir_.File("old-backup.db");
  const ProcessResult backup = RunShuanglian({"backup", "--db", old_db, "-o", output});
  ASSERT_EQ(backup.exit_code, 0) << backup.Describe();
  EXPECT_EQ(Count(old_db, "SELECT max(version) FROM schema_migrations"), scripts.back().version);
  EXPECT_EQ(Count(output, "SELECT max(version) FROM schema_migrations"), scripts.back().version);

  // Onto a machine that has no database yet: nothing to keep.
  const std::string fresh = dir_.File("fresh.db");
  const ProcessResult restore = RunShuanglian({"restore", "--from", output, "--db", fresh});
  ASSERT_EQ(restore.exit_code, 0) << restore.Describe();
  EXPECT_EQ(Count(fresh, "SELECT max(version) FROM schema_migrations"), latest);
  EXPECT_EQ(restore.out.find("另存为"), std::string::npos) << restore.out;
}

TEST_F(CliBackupTest, AServerDatabaseIsPointedToPostgresqlsOwnTools) {
  const std::string url = "postgresql://nobody@127.0.0.1:1/registry";
  const std::string output = dir_.File("server.db");
  const ProcessResult backup = RunShuanglian({"backup", "--db", url, "-o", output});
  EXPECT_EQ(backup.exit_code, 2) << backup.Describe();
  EXPECT_NE(backup.err.find("pg_dump"), std::string::npos) << backup.err;
  EXPECT_FALSE(fs::exists(output));
  const ProcessResult restore = RunShuanglian({"restore", "--from", db_, "--db", url});
  EXPECT_EQ(restore.exit_code, 2) << restore.Describe();
  EXPECT_NE(restore.err.find("pg_restore"), std::string::npos) << restore.err;
}

}  // namespace
}  // namespace shuanglian::testing
