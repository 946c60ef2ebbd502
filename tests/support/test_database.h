#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace shuanglian::testing {

enum class TestBackend { kSqlite, kPostgres };

std::string BackendName(TestBackend backend);

// A fresh, migrated database for one test on the given backend: an SQLite file in a temp
// directory, or a new database on the test cluster whose URL is $SHUANGLIAN_TEST_PG_URL
// (started by scripts/run-tests). Removed when the test ends.
class TestDatabase {
 public:
  // kEmpty leaves the schema to the test (one that applies the migrations itself).
  enum class Schema { kMigrated, kEmpty };
  // `create_options` go after PostgreSQL's CREATE DATABASE (a locale, say).
  explicit TestDatabase(TestBackend backend, Schema schema = Schema::kMigrated,
                        const std::string& create_options = "");
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // What --db takes: a file path or a postgresql:// URL.
  const std::string& target() const { return target_; }
  std::unique_ptr<store::Database> Open() const;
  std::unique_ptr<store::Database> OpenUnmigrated() const;
  TestBackend backend() const { return backend_; }

 private:
  TestBackend backend_;
  std::string directory_;
  std::string target_;
  std::string database_name_;
};

// Is the PostgreSQL test cluster configured? When it is not and $SHUANGLIAN_REQUIRE_POSTGRES
// is 1 (as in `make test` and CI), PostgreSQL tests fail instead of skipping.
bool PostgresAvailable();
bool PostgresRequired();

}  // namespace shuanglian::testing

// At the top of a test parameterised by backend.
#define SHUANGLIAN_REQUIRE_BACKEND(backend)                                          \
  do {                                                                               \
    if ((backend) == ::shuanglian::testing::TestBackend::kPostgres &&                \
        !::shuanglian::testing::PostgresAvailable()) {                               \
      if (::shuanglian::testing::PostgresRequired()) {                               \
        FAIL() << "PostgreSQL tests required but SHUANGLIAN_TEST_PG_URL is not set"; \
      }                                                                              \
      GTEST_SKIP() << "SHUANGLIAN_TEST_PG_URL not set: PostgreSQL tests skipped";    \
    }                                                                                \
  } while (false)
