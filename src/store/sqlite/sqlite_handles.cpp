#include "store/sqlite/sqlite_handles.h"

#include <string>

namespace shuanglian::store {

ConnectionHandle OpenConnection(const std::string& path, int flags, int busy_timeout_ms) {
  // Before the library starts (the first open starts it): no global memory statistics, which
  // take a process-wide lock on every allocation SQLite makes. Nothing of ours reads them.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  ConnectionHandle connection(raw);
  if (code != SQLITE_OK) {
    throw StoreError(StoreError::Kind::kConnection,
                     "无法打开数据库文件 " + path + "：" +
                         (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(code)));
  }
  sqlite3_busy_timeout(connection.get(), busy_timeout_ms);
  sqlite3_extended_result_codes(connection.get(), 1);
  return connection;
}

StoreError::Kind KindOf(int code) {
  switch (code & 0xFF) {
    case SQLITE_CONSTRAINT:
      return StoreError::Kind::kConstraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StoreError::Kind::kBusy;
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
      return StoreError::Kind::kConnection;
    default:
      return StoreError::Kind::kOther;
  }
}

[[noreturn]] void Throw(sqlite3* connection, int code, std::string_view context) {
  std::string message = connection != nullptr ? sqlite3_errmsg(connection) : sqlite3_errstr(code);
  if ((code & 0xFF) == SQLITE_NOTADB) {
    message = "文件不是 SQLite 数据库（" + message + "）";
  }
  const bool broken_reference =
      connection != nullptr && sqlite3_extended_errcode(connection) == SQLITE_CONSTRAINT_FOREIGNKEY;
  throw StoreError(KindOf(code), std::string(context) + ": " + message, broken_reference);
}

}  // namespace shuanglian::store
