#include "support/test_database.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "store/migrations.h"
#include "store/reference_data.h"

namespace shuanglian::testing {

namespace {

std::string PostgresUrl() {
  const char* url = std::getenv("SHUANGLIAN_TEST_PG_URL");
  return url != nullptr ? url : "";
}

// postgresql://user:pass@host:port/dbname -> the same with another database name.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const auto slash = url.rfind('/');
  const auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

std::string UniqueName() {
  static std::atomic<int> counter{0};
  std::random_device device;
  return "t" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(device() % 100000);
}

}  // namespace

std::string BackendName(TestBackend backend) {
  return backend == TestBackend::kSqlite ? "SQLite" : "PostgreSQL";
}

bool PostgresAvailable() {
  return !PostgresUrl().empty();
}

bool PostgresRequired() {
  const char* required = std::getenv("SHUANGLIAN_REQUIRE_POSTGRES");
  return required != nullptr && std::string(required) == "1";
}

TestDatabase::TestDatabase(TestBackend backend, Schema schema, const std::string& create_options)
    : backend_(backend) {
  if (backend == TestBackend::kSqlite) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "shuanglian-db-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    directory_ = pattern;
    target_ = directory_ + "/registry.db";
  } else {
    database_name_ = UniqueName();
    auto admin = store::OpenUnmigrated(PostgresUrl());
    admin->ExecuteScript("CREATE DATABASE " + database_name_ +
                         (create_options.empty() ? "" : " " + create_options));
    target_ = WithDatabase(PostgresUrl(), database_name_);
  }
  if (schema == Schema::kMigrated) {
    // Created and migrated as --db would do it.
    store::OpenDatabase(target_);
  }
}

TestDatabase::~TestDatabase() {
  try {
    if (backend_ == TestBackend::kSqlite) {
      std::error_code ignored;
      std::filesystem::remove_all(directory_, ignored);
    } else {
      auto admin = store::OpenUnmigrated(PostgresUrl());
      admin->ExecuteScript("DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
    }
  } catch (const std::exception&) {
    // A database left behind is removed with the test cluster.
  }
}

std::unique_ptr<store::Database> TestDatabase::Open() const {
  return store::OpenDatabase(target_);
}

std::unique_ptr<store::Database> TestDatabase::OpenUnmigrated() const {
  return store::OpenUnmigrated(target_);
}

}  // namespace shuanglian::testing
