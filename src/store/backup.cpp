#include "store/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "store/file_locks.h"
#include "store/file_publish.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"

namespace shuanglian::store {

namespace {

namespace fs = std::filesystem;

void RequireSqlite(Database& database) {
  if (database.backend() != Backend::kSqlite) {
    throw StoreError(StoreError::Kind::kOther,
                     database.Describe() +
                         " 是数据库服务器：请用 PostgreSQL 自己的工具（pg_dump、pg_basebackup）"
                         "备份，见 docs/backup.md");
  }
}

// Gives the checked copy its name, never replacing a file there, and makes the name last
// across a power cut.
void Keep(const std::string& partial, const std::string& path) {
  const int error = RenameNoReplace(partial, path);
  if (error != 0) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw StoreError(StoreError::Kind::kOther,
                     error == EEXIST ? "文件 " + path + " 已存在，不会覆盖"
                                     : "无法把备份写成 " + path + "：" + std::strerror(error));
  }
  SyncDirectoryOf(path);
}

// A file at the name, or a journal or log of an earlier database of that name, which SQLite
// would play into the copy when it is opened.
void RequireFreeName(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-journal", "-shm"}) {
    std::error_code error;
    if (fs::exists(path + suffix, error) || error) {
      throw StoreError(
          StoreError::Kind::kOther,
          "文件 " + path + suffix + " 已存在，备份不会覆盖它：请换一个文件名（例如带上日期）");
    }
  }
}

}  // namespace

std::vector<TableChecksum> FileChecksums(Database& database) {
  RequireSqlite(database);
  std::vector<std::string> tables;
  for (const RowView row : database.Query(
           "SELECT name FROM sqlite_master WHERE type = 'table' AND (name NOT LIKE 'sqlite\\_%' "
           "ESCAPE '\\' OR name = 'sqlite_sequence') ORDER BY name")) {
    tables.push_back(row.Text(0));
  }
  std::vector<TableChecksum> sums;
  for (const std::string& table : tables) {
    sums.push_back(ChecksumOf(database, table, "rowid"));
  }
  return sums;
}

std::vector<std::string> IntegrityProblems(Database& database) {
  std::vector<std::string> problems;
  try {
    for (const RowView row : database.Query("PRAGMA integrity_check")) {
      if (row.Text(0) != "ok") {
        problems.push_back(row.Text(0));
      }
    }
  } catch (const StoreError& error) {
    // A file too damaged to be checked at all.
    problems.push_back(error.what());
  }
  return problems;
}

BackupOutcome Backup(Database& source, const std::string& path,
                     const std::function<void(const BackupOutcome&)>& before_keep) {
  RequireSqlite(source);
  RequireFreeName(path);
  std::error_code error;
  // Aside until it checks out; one left by a backup that was killed midway is that
  // backup's, unfinished.
  const std::string partial = path + ".partial";
  fs::remove(partial, error);
  BackupOutcome outcome;
  try {
    {
      const ReadSnapshot snapshot(source);
      outcome.source = FileChecksums(source);
      source.CopyFileTo(partial);
    }
    {
      const std::unique_ptr<Database> copy = OpenSqliteReadOnly(partial);
      outcome.problems = IntegrityProblems(*copy);
      outcome.copy = FileChecksums(*copy);
    }
    if (!outcome.problems.empty() || outcome.copy != outcome.source) {
      fs::remove(partial, error);
      return outcome;
    }
    if (before_keep) {
      before_keep(outcome);
    }
  } catch (...) {
    fs::remove(partial, error);
    throw;
  }
  Keep(partial, path);
  outcome.kept = true;
  return outcome;
}

std::string NameBeside(const std::string& path, const std::string& suffix) {
  const fs::path file(path);
  return (file.parent_path() / (file.stem().string() + suffix + file.extension().string()))
      .string();
}

BackupFile CheckBackupFile(const std::string& path) {
  const int known_version = AvailableMigrations(Backend::kSqlite).back().version;
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw StoreError(StoreError::Kind::kOther, "备份文件不存在：" + path);
  }
  const std::unique_ptr<Database> file = OpenSqliteReadOnly(path);
  const std::vector<std::string> problems = IntegrityProblems(*file);
  if (!problems.empty()) {
    throw StoreError(StoreError::Kind::kOther,
                     "备份文件 " + path + " 已损坏，不能用来恢复：" + problems.front());
  }
  if (file->Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                  "'schema_migrations'")
          .empty()) {
    throw StoreError(StoreError::Kind::kOther, "文件 " + path + " 不是本系统的数据库备份");
  }
  BackupFile backup;
  backup.version = static_cast<int>(
      file->Query("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].Int(0));
  if (backup.version > known_version) {
    throw StoreError(StoreError::Kind::kSchema,
                     "备份文件 " + path + " 来自更新版本的程序（数据库版本 " +
                         std::to_string(backup.version) + "，本程序只认到 " +
                         std::to_string(known_version) + "）：请用新版程序恢复");
  }
  backup.tables = FileChecksums(*file);
  return backup;
}

namespace {

bool HasTables(Database& database) {
  return !database.Query("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").empty();
}

// What the database held, kept before it is replaced: as a backup is made (aside, checked,
// synced, named). A database that fails the check is the very reason to restore: it is kept
// as it is, page by page, under a name that says so, and the restore goes on. A copy that
// cannot be written at all (a full disk) stops the restore before anything is replaced.
void KeepBeforeRestore(Database& target, const std::string& keep_path, RestoreOutcome& outcome) {
  try {
    const BackupOutcome kept = Backup(target, keep_path);
    if (kept.kept) {
      outcome.kept_before = keep_path;
      return;
    }
    if (kept.problems.empty()) {
      throw StoreError(StoreError::Kind::kOther,
                       "恢复前的数据库无法完整另存（核对不一致），没有恢复，数据库未改动");
    }
  } catch (const StoreError& error) {
    if (IntegrityProblems(target).empty()) {
      throw StoreError(
          error.kind(),
          std::string("恢复前的数据库无法另存，没有恢复，数据库未改动：") + error.what());
    }
  }
  const std::string damaged = NameBeside(keep_path, "-damaged");
  target.CopyFileTo(damaged);
  outcome.kept_before = damaged;
  outcome.kept_damaged = true;
}

}  // namespace

RestoreOutcome Restore(const std::string& path, const BackupFile& backup, Database& target,
                       const std::string& keep_path) {
  RequireSqlite(target);
  target.HoldAlone();
  RestoreOutcome outcome;
  outcome.backup = backup;
  if (HasTables(target)) {
    KeepBeforeRestore(target, keep_path, outcome);
  }
  target.ReplaceFileFrom(path);
  outcome.restored = FileChecksums(target);
  if (outcome.restored != backup.tables) {
    // The backup changed between its check and the copy (someone wrote to it meanwhile).
    if (!outcome.kept_before.empty()) {
      target.ReplaceFileFrom(outcome.kept_before);
    }
    throw StoreError(
        StoreError::Kind::kOther,
        "恢复后核对与备份文件 " + path + " 不一致" +
            (outcome.kept_before.empty()
                 ? std::string("，数据库已是不完整的备份内容：请用完好的备份再恢复一次")
                 : "，数据库已放回恢复前的样子"));
  }
  return outcome;
}

}  // namespace shuanglian::store
