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

std::set<int> Applied(Database& database) {
  database.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL)");
  std::set<int> versions;
  for (const RowView row : database.Query("SELECT version FROM schema_migrations")) {
    versions.insert(static_cast<int>(row.Int(0)));
  }
  return versions;
}

}  // namespace

std::vector<int> Migrate(Database& database) {
  return ApplyMigrations(database, AvailableMigrations(database.backend()));
}

std::vector<int> ApplyMigrations(Database& database, const std::vector<MigrationScript>& scripts) {
  std::vector<int> done;
  const std::set<int> applied = Applied(database);
  for (const MigrationScript& migration : scripts) {
    if (applied.count(migration.version) > 0) {
      continue;
    }
    Transaction transaction(database);
    if (database.backend() == Backend::kPostgres) {
      // Servers start side by side: one migrates, the others wait here, then find it done.
      database.Execute("SELECT pg_advisory_xact_lock(7412001)");
    }
    // Another process may have migrated between our check and our lock.
    const auto again =
        database.Query("SELECT 1 FROM schema_migrations WHERE version = $1", {migration.version});
    if (!again.empty()) {
      continue;
    }
    try {
      database.ExecuteScript(migration.sql);
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
