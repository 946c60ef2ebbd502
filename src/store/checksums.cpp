#include "store/checksums.h"

#include "core/hash.h"

namespace shuanglian::store {

TableChecksum ChecksumOf(Database& database, const std::string& table, const std::string& order) {
  TableChecksum sum{table, 0, 0};
  core::Fingerprint print;
  database.ForEachRow("SELECT * FROM " + table + " ORDER BY " + order, {}, [&](const RowView& row) {
    ++sum.rows;
    for (std::size_t column = 0; column < row.size(); ++column) {
      // NULL and "" must differ.
      print.Add(row.IsNull(column) ? std::string("\x01NULL") : row.Text(column));
    }
  });
  sum.checksum = static_cast<std::uint64_t>(print.value());
  return sum;
}

}  // namespace shuanglian::store
