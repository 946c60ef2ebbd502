#pragma once

#include <cstdint>
#include <string>

#include "store/database.h"

namespace shuanglian::store {

struct ImportCounts {
  std::int64_t rows = 0;
  std::int64_t imported = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t rejected = 0;
};

// The record of each import: its id tags every row it writes.
class ImportJobRepository {
 public:
  explicit ImportJobRepository(Database& database) : database_(database) {}

  // Commits at once, outside any batch, so a job id is never reused.
  std::int64_t Start(const std::string& kind, const std::string& file_name, const std::string& now);
  void Finish(std::int64_t job, const std::string& status, const ImportCounts& counts,
              const std::string& summary_json, const std::string& now);

 private:
  Database& database_;
};

}  // namespace shuanglian::store
