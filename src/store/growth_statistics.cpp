#include "store/growth_statistics.h"

#include <algorithm>

namespace shuanglian::store {

void GrowthStatistics::Added(std::size_t rows) {
  if (database_.backend() == Backend::kPostgres) {
    added_ += rows;
  }
}

void GrowthStatistics::Refresh() {
  if (database_.backend() != Backend::kPostgres) {
    return;
  }
  if (!database_.InTransaction()) {
    analysed_in_open_ = false;  // its transaction committed (RolledBack had said otherwise)
  }
  if (added_ == 0) {
    return;
  }
  if (analysed_rows_ < 0) {
    // reltuples: -1 for a table never analysed, which counts as empty. Only the table's or
    // the database's owner may analyse it (others get a warning and nothing done): a role
    // that may not is not asked to, again and again.
    const ResultSet found = database_.Query(
        "SELECT greatest(c.reltuples, 0)::bigint, (pg_has_role(c.relowner, 'USAGE') OR "
        "pg_has_role((SELECT datdba FROM pg_database WHERE datname = current_database()), "
        "'USAGE'))::int FROM pg_class c WHERE c.oid = $1::regclass",
        {table_});
    analysed_rows_ = found.empty() ? 0 : static_cast<double>(found[0].Int(0));
    may_analyse_ = !found.empty() && found[0].Int(1) == 1;
  }
  if (!may_analyse_ || static_cast<double>(added_) <
                           std::max(analysed_rows_, static_cast<double>(kRowsBeforeAnalyze))) {
    return;
  }
  Analyse();
  analysed_in_open_ = analysed_in_open_ || database_.InTransaction();
}

void GrowthStatistics::RolledBack() {
  if (analysed_in_open_ && !database_.InTransaction()) {
    Analyse();
  }
  analysed_in_open_ = false;
  analysed_rows_ = -1;  // asked again: the rows counted are gone
  added_ = 0;
}

void GrowthStatistics::Analyse() {
  database_.ExecuteScript("ANALYZE " + table_);
  analysed_rows_ += static_cast<double>(added_);
  added_ = 0;
}

}  // namespace shuanglian::store
