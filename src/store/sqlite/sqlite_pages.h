#pragma once

#include <sqlite3.h>

#include <string>

namespace shuanglian::store {

// Whole-file copies of an SQLite database, page by page through SQLite's backup API: the
// SQLite backend's Database::CopyFileTo, HoldAlone and ReplaceFileFrom.

// Writes `connection`'s database into a new file at `path` (refused when one is there), as
// the connection sees it: within its open read transaction, if any. The copy keeps a
// rollback journal, so that it stands alone as one file, and is synced before this returns.
void WritePagesTo(sqlite3* connection, const std::string& path);

// Holds `path`'s file to `connection` alone until it closes: SQLite's exclusive locking mode,
// taken with a write transaction. Refused (kBusy) while another connection has it open: each
// holds a lock on the file that the exclusive one cannot pass.
void HoldFileAlone(sqlite3* connection, const std::string& path, int busy_timeout_ms);

// Replaces every page of `connection`'s database by the file at `path`'s, in one write
// transaction on the connection.
void ReadPagesFrom(sqlite3* connection, const std::string& path);

}  // namespace shuanglian::store
