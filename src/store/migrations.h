#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace shuanglian::store {

struct MigrationStatus {
  int version = 0;
  std::string name;
  bool applied = false;
};

// Applies the migrations the database lacks, each in its own transaction together with its
// row in schema_migrations, so a migration that fails leaves the schema as it was.
// Returns the versions applied now.
std::vector<int> Migrate(Database& database);

std::vector<MigrationStatus> ListMigrations(Database& database);

// One migration's text, for applying a given list (tests inject a failing one this way).
struct MigrationScript {
  int version = 0;
  std::string name;
  std::string sql;
};
// Applies those of `scripts` not yet applied, each in its own transaction. Refuses (kSchema)
// a database that has a version above every one of `scripts`: a newer program migrated it.
std::vector<int> ApplyMigrations(Database& database, const std::vector<MigrationScript>& scripts);
// The migrations built into the program for a backend, in version order.
std::vector<MigrationScript> AvailableMigrations(Backend backend);

}  // namespace shuanglian::store
