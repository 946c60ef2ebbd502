#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace shuanglian::store {

// SQLite's C handles, each closed by its owner, and its error codes as StoreErrors: shared by
// the backend's connection (sqlite_database.cpp) and its whole-file copies (sqlite_pages.cpp).

struct ConnectionCloser {
  void operator()(sqlite3* connection) const { sqlite3_close_v2(connection); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using ConnectionHandle = std::unique_ptr<sqlite3, ConnectionCloser>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// Opens `path` with `flags` (SQLITE_OPEN_*), extended result codes on; kConnection when it
// cannot be opened.
ConnectionHandle OpenConnection(const std::string& path, int flags, int busy_timeout_ms);

StoreError::Kind KindOf(int code);

// Throws a StoreError for `code`, with the connection's message (when there is one) after
// `context`.
[[noreturn]] void Throw(sqlite3* connection, int code, std::string_view context);

}  // namespace shuanglian::store
