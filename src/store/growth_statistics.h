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
// So the writer says after each batch how many rows it added, and when they reach the table's
// size as last analysed (at least kRowsBeforeAnalyze), the table is analysed again, inside the
// batch's transaction, whose own rows count. Every plan made from the old statistics is made
// again. About ten times from one row to 3.5 million, each a sample of at most 30,000 rows.
// Nothing on SQLite: its planner goes by the indexes and needs no statistics for these lookups.
class GrowthStatistics {
 public:
  static constexpr std::size_t kRowsBeforeAnalyze = 10000;

  GrowthStatistics(Database& database, std::string table)
      : database_(database), table_(std::move(table)) {}

  void Added(std::size_t rows);

 private:
  Database& database_;
  std::string table_;
  double analysed_rows_ = -1;  // the table's size at its last ANALYZE; -1: not asked yet
  std::size_t added_ = 0;      // rows added since
  bool may_analyse_ = false;   // the role owns the table or the database
};

}  // namespace shuanglian::store
