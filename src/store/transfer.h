#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/database.h"

namespace shuanglian::store {

struct TableChecksum {
  std::string table;
  std::int64_t rows = 0;
  std::uint64_t checksum = 0;  // over every row in key order, each value as text

  bool operator==(const TableChecksum&) const = default;
};

// Counts and checksums of every table of the registry, the same on SQLite and PostgreSQL
// for the same rows: the proof that a transfer moved everything.
std::vector<TableChecksum> Checksums(Database& database);

// Copies the whole registry from one database to another, either way between SQLite and
// PostgreSQL, in one transaction on the target: a transfer that fails midway leaves the
// target as it was. The target must hold no registry data yet. Throws StoreError.
void Transfer(Database& from, Database& to,
              const std::function<void(const std::string& table, std::int64_t rows)>& progress);

}  // namespace shuanglian::store
