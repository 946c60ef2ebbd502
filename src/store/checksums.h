#pragma once

#include <cstdint>
#include <string>

#include "store/database.h"

namespace shuanglian::store {

// A table's row count and a checksum over every row in a given order, each value as text:
// the same on SQLite and PostgreSQL for the same rows. What transfers and backups print, and
// compare on both sides before they keep anything.
struct TableChecksum {
  std::string table;
  std::int64_t rows = 0;
  std::uint64_t checksum = 0;

  bool operator==(const TableChecksum&) const = default;
};

// `order` is an ORDER BY list that puts the rows the same way on both sides.
TableChecksum ChecksumOf(Database& database, const std::string& table, const std::string& order);

}  // namespace shuanglian::store
