#include "store/database.h"
#include "store/migrations.h"
#include "store/postgres/postgres_database.h"
#include "store/reference_data.h"
#include "store/sqlite/sqlite_database.h"

namespace shuanglian::store {

bool IsPostgresUrl(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

std::unique_ptr<Database> OpenUnmigrated(const std::string& target) {
  return IsPostgresUrl(target) ? OpenPostgres(target) : OpenSqlite(target);
}

void BringUpToDate(Database& database) {
  Migrate(database);
  EnsureReferenceData(database);
}

namespace {

std::unique_ptr<Database> Migrated(std::unique_ptr<Database> database) {
  BringUpToDate(*database);
  return database;
}

}  // namespace

std::unique_ptr<Database> OpenDatabase(const std::string& target) {
  return Migrated(OpenUnmigrated(target));
}

std::unique_ptr<Database> OpenRequestDatabase(const std::string& target,
                                              std::chrono::milliseconds answer_deadline) {
  std::unique_ptr<Database> database = OpenUnmigrated(target);
  database->TuneForRequests(answer_deadline);
  return Migrated(std::move(database));
}

}  // namespace shuanglian::store
