#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace shuanglian::store {

// Opens (creating when missing) an SQLite file in WAL mode. The schema is not touched here;
// see migrations.h.
std::unique_ptr<Database> OpenSqlite(const std::string& path);

// Opens an existing SQLite file only to read it, as it is: no mode or setting of the file is
// changed (a backup being checked).
std::unique_ptr<Database> OpenSqliteReadOnly(const std::string& path);

// "$1, $2" placeholders become SQLite's "?1, ?2", outside quoted text.
std::string RewritePlaceholdersForSqlite(std::string_view sql);

}  // namespace shuanglian::store
