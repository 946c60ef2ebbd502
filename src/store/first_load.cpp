#include "store/first_load.h"

#include <algorithm>

namespace shuanglian::store {

namespace {

constexpr std::int64_t kIdsPerReservation = 10000;

}  // namespace

IndexesAside::IndexesAside(Database& database, const std::vector<std::string>& names)
    : database_(database) {
  const bool postgres = database.backend() == Backend::kPostgres;
  for (const std::string& name : names) {
    const ResultSet found =
        postgres ? database.Query(
                       "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                       "AND indexname = $1",
                       {name})
                 : database.Query(
                       "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1", {name});
    if (found.empty()) {
      continue;  // already absent: nothing to put aside
    }
    definitions_.push_back(found[0].Text(0));
    database.ExecuteScript("DROP INDEX " + name);
  }
}

void IndexesAside::Restore() {
  const std::unique_ptr<ScopedSetting> tuning = database_.TuneForIndexBuilds();
  for (const std::string& definition : definitions_) {
    database_.ExecuteScript(definition);
  }
  definitions_.clear();
}

bool FirstLoad::Applies(Database& database, const std::string& table) {
  return database.Query("SELECT 1 FROM " + table + " LIMIT 1", {}).empty();
}

std::unique_ptr<FirstLoad> FirstLoad::Begin(Database& database, std::string table,
                                            const std::vector<std::string>& indexes) {
  if (!database.InTransaction()) {
    return nullptr;
  }
  const bool postgres = database.backend() == Backend::kPostgres;
  if (postgres) {
    // Locked before the question, on PostgreSQL: the load may empty the table (below), and
    // the answer must still hold then. LOCK takes no snapshot, so the question sees every row
    // committed before the lock. (The caller asked ahead and expects an empty table; one found
    // not empty stays locked until the caller's transaction ends, which it then does at once,
    // to import batch by batch.)
    database.ExecuteScript("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
  }
  if (!Applies(database, table)) {
    return nullptr;
  }
  std::unique_ptr<FirstLoad> load(new FirstLoad(database, std::move(table)));
  load->indexes_ = std::make_unique<IndexesAside>(database, indexes);
  if (postgres) {
    // The primary key too, the one key on id since migration 10: nothing reads a row of the
    // load back by id, and every row of the COPY would keep it up otherwise. For 3.5 million
    // members the COPY took 6.4-6.7 s without it against 8.4-8.8 s with it, and it is built
    // again from sorted keys in 1.3 to 2.3 s. Ids come from the sequence in blocks and are
    // unique by construction. The foreign keys that refer to it go first (members and counts
    // refer to households): the table is empty, so no row refers to it, and dropping them
    // locks the referring tables until the load commits, so none can be written meanwhile.
    for (const RowView row :
         database.Query("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM "
                        "pg_constraint WHERE confrelid = $1::regclass AND contype = 'f'",
                        {load->table_})) {
      load->SetConstraintAside(row.Text(0), row.Text(1), row.Text(2), load->references_);
    }
    load->SetConstraintsAside("p");
    // The load has checked that each row's parent exists; the constraint checks it again,
    // all rows at once, when it is added back.
    load->SetConstraintsAside("f");
    // The empty table emptied once more, by TRUNCATE: a table emptied in this transaction can
    // take its rows frozen (COPY FREEZE), as committed and visible to all. Otherwise the first
    // scan after the load writes every page again to mark its rows committed, and VACUUM
    // visits every page: for the 3.5 million members of a province 810 MB rewritten, and a
    // VACUUM of 0.8 s against 0.07 s; the COPY itself takes as long either way. Only with the
    // right to TRUNCATE (an owner has it; other tables' foreign keys to it are set aside above),
    // and only at READ COMMITTED, where the question above was answered after the lock
    // whatever ran before it in the transaction.
    if (database
            .Query("SELECT (has_table_privilege($1, 'TRUNCATE') AND "
                   "current_setting('transaction_isolation') = 'read committed')::int",
                   {load->table_})[0]
            .Int(0) == 1) {
      database.ExecuteScript("TRUNCATE " + load->table_);
      load->truncated_ = true;
    }
  }
  return load;
}

std::unique_ptr<BulkWriter> FirstLoad::Writer(const std::vector<std::string>& columns) {
  return truncated_ ? database_.BulkInsertFrozen(table_, columns)
                    : database_.BulkInsert(table_, columns);
}

void FirstLoad::SetConstraintsAside(const char* kind) {
  for (const RowView row : database_.Query(
           "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = "
           "$1::regclass AND contype = $2",
           {table_, kind})) {
    SetConstraintAside(table_, row.Text(0), row.Text(1), constraints_);
  }
}

void FirstLoad::SetConstraintAside(const std::string& table, const std::string& name,
                                   const std::string& definition,
                                   std::vector<std::string>& restore) {
  restore.push_back("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + definition);
  database_.ExecuteScript("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
}

std::int64_t FirstLoad::NextId() {
  if (database_.backend() == Backend::kPostgres && last_id_ == block_end_) {
    if (sequence_.empty()) {  // asked when first needed: not every table has an id column
      sequence_ = database_.Query("SELECT pg_get_serial_sequence($1, 'id')", {table_})[0].Text(0);
    }
    // A block of ids in one step: the sequence moves past the block and says where it ended.
    // No one else takes ids from it meanwhile, for the dropped indexes hold the table locked.
    block_end_ = database_
                     .Query("SELECT setval($1::regclass, nextval($1::regclass) + $2)",
                            {sequence_, kIdsPerReservation - 1})[0]
                     .Int(0);
    last_id_ = block_end_ - kIdsPerReservation;
  }
  if (database_.backend() == Backend::kSqlite && !ids_begun_) {
    // After every id ever given, not after the largest now stored: an emptied table's ids are
    // still held by the history of what it held (households keep their pairings, visits and
    // aid). An AUTOINCREMENT table says in sqlite_sequence; another has none kept.
    ids_begun_ = true;
    last_id_ = database_
                   .Query("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = $1), 0)",
                          {table_})[0]
                   .Int(0);
  }
  return ++last_id_;
}

std::vector<std::string> FirstLoad::OmitConstants(
    const std::vector<std::string>& columns,
    const std::vector<std::pair<std::string, Param>>& constants) {
  if (database_.backend() != Backend::kPostgres) {
    omitted_.assign(columns.size(), false);
    return columns;
  }
  for (const auto& [column, value] : constants) {
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      continue;  // not written by this load
    }
    // The value as it was given, to compare with the one in force without asking the server
    // to quote it again for every batch.
    const std::string given = value.is_null()  ? std::string("n")
                              : value.is_int() ? "i" + std::to_string(value.as_int())
                                               : "t" + std::string(value.as_text());
    const auto set = std::find_if(defaults_.begin(), defaults_.end(),
                                  [&](const auto& entry) { return entry.first == column; });
    if (set != defaults_.end() && set->second == given) {
      continue;  // in force already
    }
    std::string literal = "NULL";
    if (value.is_int()) {
      literal = std::to_string(value.as_int());
    } else if (!value.is_null()) {
      literal = database_.Query("SELECT quote_literal($1::text)", {value})[0].Text(0);
    }
    if (set == defaults_.end()) {
      // How to put back what the column had (its own default, or none).
      const ResultSet before = database_.Query(
          "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_attrdef d ON "
          "d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = $1::regclass AND "
          "a.attname = $2",
          {table_, column});
      restore_defaults_.push_back(
          "ALTER TABLE " + table_ + " ALTER COLUMN " + column +
          (before.empty() ? " DROP DEFAULT" : " SET DEFAULT " + before[0].Text(0)));
      defaults_.emplace_back(column, given);
    } else {
      set->second = given;
    }
    database_.ExecuteScript("ALTER TABLE " + table_ + " ALTER COLUMN " + column + " SET DEFAULT " +
                            literal);
  }
  std::vector<std::string> sent;
  omitted_.assign(columns.size(), false);
  for (std::size_t index = 0; index < columns.size(); ++index) {
    omitted_[index] = std::any_of(constants.begin(), constants.end(),
                                  [&](const auto& entry) { return entry.first == columns[index]; });
    if (!omitted_[index]) {
      sent.push_back(columns[index]);
    }
  }
  return sent;
}

void FirstLoad::DropConstants(std::vector<Param>& values) const {
  std::size_t kept = 0;
  for (std::size_t index = 0; index < values.size(); ++index) {
    if (index >= omitted_.size() || !omitted_[index]) {
      if (kept != index) {
        values[kept] = std::move(values[index]);
      }
      ++kept;
    }
  }
  values.resize(kept);
}

void FirstLoad::Finish() {
  for (const std::string& statement : restore_defaults_) {
    database_.ExecuteScript(statement);
  }
  restore_defaults_.clear();
  defaults_.clear();
  indexes_->Restore();
  if (database_.backend() == Backend::kPostgres) {
    database_.ExecuteScript("ANALYZE " + table_);
  }
  // The table's own keys, then the foreign keys of others that refer to its primary key.
  for (const std::string& statement : constraints_) {
    database_.ExecuteScript(statement);
  }
  constraints_.clear();
  for (const std::string& statement : references_) {
    database_.ExecuteScript(statement);
  }
  references_.clear();
}

std::string NotNormalisedIdNumberMessage(std::string_view column, std::string_view id_number) {
  return std::string(column) + "“" + std::string(id_number) + "”不是规范的18位居民身份证号码";
}

}  // namespace shuanglian::store
