#include "store/growth_statistics.h"

#include <algorithm>

namespace shuanglian::store {

void GrowthStatistics::Added(std::size_t rows) {
  if (database_.backend() != Backend::kPostgres || rows == 0) {
    return;
  }
  if (analysed_rows_ < 0) {
    // reltuples: -1 for a table never analysed, which counts as empty.
    const ResultSet found = database_.Query(
        "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = $1::regclass", {table_});
    analysed_rows_ = found.empty() ? 0 : static_cast<double>(found[0].Int(0));
  }
  added_ += rows;
  if (static_cast<double>(added_) <
      std::max(analysed_rows_, static_cast<double>(kRowsBeforeAnalyze))) {
    return;
  }
  database_.ExecuteScript("ANALYZE " + table_);
  analysed_rows_ += static_cast<double>(added_);
  added_ = 0;
}

}  // namespace shuanglian::store
