#pragma once

#include <cstddef>
#include <string>

#include "store/database.h"

namespace shuanglian::store {

// The planner's statistics kept up with a table that an ordinary import grows many times over.
// PostgreSQL plans each statement from the table's statistics as of its last ANALYZE, and keeps
// a prepared statement's plan until they change. A table that held a handful of rows when the
// import began (someone entered one household by hand, then imported the county's file) and
// millions by its end gets an empty table's plans: an ordinary import of 3.5 million new
// members spent 24 s joining households to their counts, the counts' table planned as if
// empty; 5.5 s with this (and 2.4 s for the ANALYZEs). autovacuum catches up a minute at a
// time at best.
//
// The writer counts the rows each batch added (Added); the import asks for the statistics
// (Refresh) at a point of its choosing, and when the rows added since the last ANALYZE reach
// the table's size then (at least kRowsBeforeAnalyze), the table is analysed again and every
// plan made from the old statistics is made again: about ten times from one row to 3.5 million,
// each a sample of at most 30,000 rows.
// - After a batch commits, outside any transaction: the ANALYZE counts only rows that stay, and
//   its lock (which another ANALYZE, a VACUUM or an index build waits for) ends with it.
// - Inside an import's one transaction (strict, dry run), where the rows are visible to no one
//   else: the ANALYZE sees them, and the rest of the import is planned for them. Should that
//   transaction be rolled back, RolledBack analyses the table once more: PostgreSQL keeps an
//   ANALYZE's row count (pg_class.reltuples) through a rollback, and would plan for rows that
//   were never stored until autovacuum came by.
// Nothing on SQLite: its planner goes by the indexes and needs no statistics for these lookups.
class GrowthStatistics {
 public:
  static constexpr std::size_t kRowsBeforeAnalyze = 10000;

  GrowthStatistics(Database& database, std::string table)
      : database_(database), table_(std::move(table)) {}

  void Added(std::size_t rows);
  void Refresh();
  void RolledBack();

 private:
  void Analyse();

  Database& database_;
  std::string table_;
  double analysed_rows_ = -1;      // the table's size at its last ANALYZE; -1: not asked yet
  std::size_t added_ = 0;          // rows added since
  bool may_analyse_ = false;       // the role owns the table or the database
  bool analysed_in_open_ = false;  // analysed inside a transaction not yet ended
};

}  // namespace shuanglian::store
