#include "store/migrations.h"

#include <algorithm>
#include <set>

#include "core/embedded_file.h"

namespace shuanglian {
std::span<const EmbeddedFile> SqliteMigrationFiles();
std::span<const EmbeddedFile> PostgresMigrationFiles();
}  // namespace shuanglian

namespace shuanglian::store {

// Files are named NNNN_name.sql; the number is the version.
std::vector<MigrationScript> AvailableMigrations(Backend backend) {
  const auto files =
      backend == Backend::kSqlite ? SqliteMigrationFiles() : PostgresMigrationFiles();
  std::vector<MigrationScript> migrations;
  for (const EmbeddedFile& file : files) {
    std::string_view base = file.path.substr(file.path.rfind('/') + 1);
    const auto underscore = base.find('_');
    const auto dot = base.rfind('.');
    migrations.push_back(MigrationScript{
        std::stoi(std::string(base.substr(0, underscore))),
        std::string(base.substr(underscore + 1, dot - underscore - 1)), std::string(file.content)});
  }
  std::sort(
      migrations.begin(), migrations.end(),
      [](const MigrationScript& a, const MigrationScript& b) { return a.version < b.version; });
  return migrations;
}

namespace {

// The advisory lock that servers starting side by side take before they migrate.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7412001)";

std::set<int> Applied(Database& database) {
  constexpr const char* kCreate =
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL)";
  if (database.backend() == Backend::kPostgres) {
    // PostgreSQL's CREATE TABLE IF NOT EXISTS is no guard against another session creating
    // the same table at the same moment (its catalog's unique key refuses the second): the
    // first use of a new database by several servers at once goes one after the other.
    // (On SQLite the statement takes the file's write lock whenever it creates.)
    Transaction transaction(database);
    database.Execute(kMigrationLock);
    database.ExecuteScript(kCreate);
    transaction.Commit();
  } else {
    database.ExecuteScript(kCreate);
  }
  std::set<int> versions;
  for (const RowView row : database.Query("SELECT version FROM schema_migrations")) {
    versions.insert(static_cast<int>(row.Int(0)));
  }
  return versions;
}

// SQLite: a migration that rebuilds a table (to change its key: create the new table, copy,
// drop the old, rename) must not have the drop's implicit DELETE checked against the tables
// that refer to the old one. SQLite's way is foreign keys off, which only takes effect
// outside a transaction, and PRAGMA foreign_key_check before the commit (CheckForeignKeys).
// The setting is put back when this ends. Nothing on PostgreSQL.
class ForeignKeysSetAside {
 public:
  explicit ForeignKeysSetAside(Database& database) : database_(database) {
    if (database_.backend() == Backend::kSqlite) {
      was_on_ = database_.Query("PRAGMA foreign_keys")[0].Int(0) != 0;
      database_.ExecuteScript("PRAGMA foreign_keys = OFF");
    }
  }
  ~ForeignKeysSetAside() {
    if (was_on_) {
      try {
        database_.ExecuteScript("PRAGMA foreign_keys = ON");
      } catch (const StoreError&) {
        // The connection is gone, and the setting with it.
      }
    }
  }
  ForeignKeysSetAside(const ForeignKeysSetAside&) = delete;
  ForeignKeysSetAside& operator=(const ForeignKeysSetAside&) = delete;

  // Every row of the migrated schema still finds what it refers to.
  void CheckForeignKeys() {
    if (!was_on_) {
      return;
    }
    const auto broken = database_.Query(
        "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check GROUP BY 1, 2");
    if (!broken.empty()) {
      throw StoreError(StoreError::Kind::kSchema, std::to_string(broken[0].Int(2)) + " 行 " +
                                                      broken[0].Text(0) + " 指向 " +
                                                      broken[0].Text(1) + " 中不存在的记录");
    }
  }

 private:
  Database& database_;
  bool was_on_ = false;
};

}  // namespace

std::vector<int> Migrate(Database& database) {
  return ApplyMigrations(database, AvailableMigrations(database.backend()));
}

std::vector<int> ApplyMigrations(Database& database, const std::vector<MigrationScript>& scripts) {
  std::vector<int> done;
  const std::set<int> applied = Applied(database);
  // A database a newer program has migrated has tables and columns this one does not know:
  // writing to it could break what the newer program relies on.
  int known = 0;
  for (const MigrationScript& migration : scripts) {
    known = std::max(known, migration.version);
  }
  if (!applied.empty() && *applied.rbegin() > known) {
    throw StoreError(StoreError::Kind::kSchema,
                     database.Describe() + " 的数据库结构是第 " +
                         std::to_string(*applied.rbegin()) + " 版，比本程序认识的第 " +
                         std::to_string(known) +
                         " 版新（已被更新版本的 shuanglian 升级过）：请使用更新版本的程序");
  }
  for (const MigrationScript& migration : scripts) {
    if (applied.count(migration.version) > 0) {
      continue;
    }
    ForeignKeysSetAside foreign_keys(database);
    Transaction transaction(database);
    if (database.backend() == Backend::kPostgres) {
      // Servers start side by side: one migrates, the others wait here, then find it done.
      database.Execute(kMigrationLock);
    }
    // Another process may have migrated between our check and our lock.
    const auto again =
        database.Query("SELECT 1 FROM schema_migrations WHERE version = $1", {migration.version});
    if (!again.empty()) {
      continue;
    }
    try {
      database.ExecuteScript(migration.sql);
      foreign_keys.CheckForeignKeys();
    } catch (const StoreError& error) {
      throw StoreError(StoreError::Kind::kSchema, "迁移 " + std::to_string(migration.version) +
                                                      "_" + migration.name +
                                                      " 失败，数据库未改动：" + error.what());
    }
    database.Execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, "
        "CURRENT_TIMESTAMP)",
        {migration.version, migration.name});
    transaction.Commit();
    done.push_back(migration.version);
  }
  return done;
}

std::vector<MigrationStatus> ListMigrations(Database& database) {
  const std::set<int> applied = Applied(database);
  std::vector<MigrationStatus> statuses;
  for (const MigrationScript& migration : AvailableMigrations(database.backend())) {
    statuses.push_back({migration.version, migration.name, applied.count(migration.version) > 0});
  }
  return statuses;
}

}  // namespace shuanglian::store
