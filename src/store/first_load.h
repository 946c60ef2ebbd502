#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.h"

namespace shuanglian::store {

// Indexes dropped inside the caller's transaction, to be built again by Restore() after a
// bulk write: one sort instead of a million scattered inserts. A rollback brings them back
// as well. Indexes that do not exist are skipped.
class IndexesAside {
 public:
  IndexesAside(Database& database, const std::vector<std::string>& names);
  void Restore();

 private:
  Database& database_;
  std::vector<std::string> definitions_;
};

// A first load: an import into a table that holds no rows yet, done the way a database
// restore is done. Inside the import's one transaction the table's indexes on keys that come
// in random order (ID numbers, villages) are dropped, and on PostgreSQL its primary key and
// foreign keys too (with the foreign keys of other tables that refer to it: none of their rows
// can, the table being empty); where it may, the table is emptied once more by TRUNCATE so that
// the rows go in frozen (Writer). The rows are appended with ids the load hands out. At the end
// the indexes are built again from sorted keys and the foreign keys checked in one join: a
// million random keys cost one sort instead of a million scattered B-tree inserts, and a million
// rows one join instead of a million trigger calls. Meanwhile the caller keeps the keys in a
// KeyIndex and rejects repeats itself, with the same messages as the unique index would give. A
// failure anywhere rolls the transaction back, indexes and all.
class FirstLoad {
 public:
  // Null when the table already has rows (the ordinary upsert applies) or when no
  // transaction is open. `indexes` are the names of the indexes to put aside; both schemas
  // use the same names. The caller checks the unique ones' keys itself meanwhile.
  // The primary key, on PostgreSQL, is set aside too: a load reads no row it wrote back, not
  // even by id.
  static std::unique_ptr<FirstLoad> Begin(Database& database, std::string table,
                                          const std::vector<std::string>& indexes);
  // Would an import into `table` be a first load (it has no rows)? Asked ahead, to prepare
  // for one; Begin asks again inside the import's transaction, on PostgreSQL with the table
  // locked, and that answer holds.
  static bool Applies(Database& database, const std::string& table);

  // The id of the next row, from the table's own sequence on PostgreSQL.
  std::int64_t NextId();
  // A bulk writer of `columns` into the table: on PostgreSQL, when the load could empty the
  // table in its transaction (Begin), one that writes the rows frozen (BulkInsertFrozen).
  std::unique_ptr<BulkWriter> Writer(const std::vector<std::string>& columns);

  // Of the `columns` a load writes, those whose value is the same in every row (the import's
  // job, its time) are given as `constants`. On PostgreSQL they become the columns' defaults
  // until Finish and are left out of the rows: for members a quarter less COPY text for the
  // server to read (a COPY of the 3.5 million took 11-12 s instead of 12.8-14.2 s). Returns
  // the columns to send; DropConstants then takes the constants out of each row's values,
  // given in the order of `columns`. On SQLite every column is sent. Asked again with other
  // values, the defaults follow.
  std::vector<std::string> OmitConstants(
      const std::vector<std::string>& columns,
      const std::vector<std::pair<std::string, Param>>& constants);
  void DropConstants(std::vector<Param>& values) const;
  // Builds the indexes again, gives the planner the table's statistics (on PostgreSQL: a
  // freshly loaded table has none, and a join planned blind over millions of rows can take a
  // minute instead of seconds) and adds the foreign keys back. Before the transaction commits.
  void Finish();

 private:
  FirstLoad(Database& database, std::string table)
      : database_(database), table_(std::move(table)) {}
  // PostgreSQL: drops the table's constraints of one kind ("p" primary key, "f" foreign
  // keys), to be added back by Finish in the order they were set aside.
  void SetConstraintsAside(const char* kind);
  // Drops one constraint of `table`, adding to `restore` the statement that puts it back.
  void SetConstraintAside(const std::string& table, const std::string& name,
                          const std::string& definition, std::vector<std::string>& restore);

  Database& database_;
  std::string table_;
  std::unique_ptr<IndexesAside> indexes_;
  std::vector<std::string> constraints_;  // statements that add the keys back, primary first
  std::vector<std::string> references_;   // and other tables' foreign keys to the primary key
  std::vector<bool> omitted_;             // per column given to OmitConstants
  std::vector<std::pair<std::string, std::string>> defaults_;  // column -> value in force
  std::vector<std::string> restore_defaults_;  // statements that put the defaults back
  std::string sequence_;                       // PostgreSQL: the id column's sequence
  std::int64_t last_id_ = 0;                   // the last id handed out
  bool ids_begun_ = false;                     // SQLite: last_id_ read from sqlite_sequence
  std::int64_t block_end_ = 0;  // PostgreSQL: the end of the block taken from the sequence
  bool truncated_ = false;      // PostgreSQL: emptied by TRUNCATE in this transaction
};

// The reason a first load refuses an ID number it cannot keep by its 17 digits
// (core::IdNumberDigits), on `column` (证件号码, 户主证件号码), with the code "id_characters".
// Validation normalises every ID number, so only a direct caller of a store sends one.
std::string NotNormalisedIdNumberMessage(std::string_view column, std::string_view id_number);

}  // namespace shuanglian::store
