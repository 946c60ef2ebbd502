#include "store/sqlite/sqlite_pages.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "store/file_locks.h"
#include "store/sqlite/sqlite_handles.h"

namespace shuanglian::store {

namespace {

// All of `from` over `to` in one step: `to` is written in one transaction, `from` read in
// one snapshot.
void CopyPages(sqlite3* from, sqlite3* to, const std::string& context) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) {
    Throw(to, sqlite3_errcode(to), context);
  }
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE) {
    Throw(nullptr, stepped, context);
  }
  if (finished != SQLITE_OK) {
    Throw(to, finished, context);
  }
}

void Run(sqlite3* connection, const char* sql, const std::string& context) {
  const int code = sqlite3_exec(connection, sql, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) {
    Throw(connection, code, context);
  }
}

int PageSize(sqlite3* connection, const std::string& context) {
  sqlite3_stmt* raw = nullptr;
  const int prepared = sqlite3_prepare_v2(connection, "PRAGMA page_size", -1, &raw, nullptr);
  const StatementHandle statement(raw);
  if (prepared != SQLITE_OK || sqlite3_step(statement.get()) != SQLITE_ROW) {
    Throw(connection, sqlite3_errcode(connection), context);
  }
  return sqlite3_column_int(statement.get(), 0);
}

void Sync(const std::string& path) {
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0 || ::fsync(file.get()) != 0) {
    throw StoreError(StoreError::Kind::kConnection, "无法把 " + path + " 写到磁盘上");
  }
}

}  // namespace

void WritePagesTo(sqlite3* connection, const std::string& path) {
  std::error_code error;
  if (std::filesystem::exists(path, error) || error) {
    throw StoreError(StoreError::Kind::kOther, "文件 " + path + " 已存在，不会覆盖");
  }
  const std::string context = "复制数据库到 " + path;
  {
    ConnectionHandle copy = OpenConnection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0);
    CopyPages(connection, copy.get(), context);
    // The pages came with the source's write-ahead-log mode; a copy that stands alone as
    // one file has a rollback journal, made only while something writes to it.
    Run(copy.get(), "PRAGMA journal_mode = DELETE", context);
    const int closed = sqlite3_close(copy.release());
    if (closed != SQLITE_OK) {
      Throw(nullptr, closed, context);
    }
  }
  Sync(path);
}

void HoldFileAlone(sqlite3* connection, const std::string& path, int busy_timeout_ms) {
  // A connection elsewhere does not let go by waiting: a short wait covers a statement of
  // someone passing through, not a server.
  sqlite3_busy_timeout(connection, 1000);
  const int code =
      sqlite3_exec(connection, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT", nullptr,
                   nullptr, nullptr);
  sqlite3_busy_timeout(connection, busy_timeout_ms);
  if ((code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED) {
    throw StoreError(
        StoreError::Kind::kBusy,
        "数据库文件 " + path + " 正被其他程序打开（服务、导入或另一个命令）：请先停止它们再试");
  }
  if (code != SQLITE_OK) {
    Throw(connection, code, "独占数据库文件 " + path);
  }
}

void ReadPagesFrom(sqlite3* connection, const std::string& path) {
  ConnectionHandle source = OpenConnection(path, SQLITE_OPEN_READONLY, 0);
  const std::string context = "用 " + path + " 替换数据库";
  // SQLite copies into a database in write-ahead-log mode only pages of its own size: a
  // backup of another page size (made by another build or tool) goes in under a rollback
  // journal, and the log comes back after. The file is held alone, as leaving WAL needs.
  if (PageSize(source.get(), context) == PageSize(connection, context)) {
    CopyPages(source.get(), connection, context);
    return;
  }
  // Under a rollback journal every write is synced (FULL), or a power cut could leave the
  // file half replaced; the connection's usual settings after, whatever happened.
  constexpr const char* kBackToTheLog = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL";
  Run(connection, "PRAGMA synchronous = FULL; PRAGMA journal_mode = DELETE", context);
  try {
    CopyPages(source.get(), connection, context);
  } catch (...) {
    sqlite3_exec(connection, kBackToTheLog, nullptr, nullptr, nullptr);
    throw;
  }
  Run(connection, kBackToTheLog, context);
}

}  // namespace shuanglian::store
