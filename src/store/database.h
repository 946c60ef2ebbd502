#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/result_set.h"
#include "store/value.h"

namespace shuanglian::store {

enum class Backend { kSqlite, kPostgres };

// Why a database operation failed. kConnection and kSchema are for an administrator;
// kConstraint means the data broke a rule the schema holds (a duplicate key).
class StoreError : public std::runtime_error {
 public:
  // kNoAnswer: a request connection stopped waiting for a silent server (TuneForRequests);
  // the connection is closed, as after kConnection, but a new one would wait as long.
  enum class Kind { kConnection, kNoAnswer, kConstraint, kBusy, kSchema, kOther };
  StoreError(Kind kind, const std::string& message, bool broken_reference = false)
      : std::runtime_error(message), kind_(kind), broken_reference_(broken_reference) {}
  Kind kind() const { return kind_; }
  // A kConstraint that is a foreign key's: the record written refers to one that is gone
  // (deleted meanwhile), rather than repeating one (PostgreSQL's 23503, SQLite's
  // SQLITE_CONSTRAINT_FOREIGNKEY).
  bool broken_reference() const { return broken_reference_; }

 private:
  Kind kind_;
  bool broken_reference_;
};

using Params = std::span<const Param>;

// A statement prepared once and run many times (imports).
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void Execute(Params params) = 0;
  virtual ResultSet Query(Params params) = 0;
  void Execute(std::initializer_list<Param> params) {
    Execute(Params(params.begin(), params.size()));
  }
  ResultSet Query(std::initializer_list<Param> params) {
    return Query(Params(params.begin(), params.size()));
  }
};

// Rows appended to one table as fast as the backend allows: COPY on PostgreSQL, a prepared
// INSERT on SQLite. Runs inside the caller's transaction; Finish() before it commits. A writer
// dropped unfinished with rows appended (an exception on its way up) gives its transaction up
// on both backends: the transaction can only roll back, and Commit says so (kTransactionGivenUp).
class BulkWriter {
 public:
  virtual ~BulkWriter() = default;
  virtual void Append(Params row) = 0;
  virtual void Finish() = 0;
  void Append(std::initializer_list<Param> row) { Append(Params(row.begin(), row.size())); }
};

// What a commit refused says: the transaction was given up midway (on PostgreSQL a statement
// of it failed, which the server answers by discarding it all; or a bulk writer was dropped
// unfinished), and was rolled back whole.
inline constexpr const char* kTransactionGivenUp =
    "提交失败：事务中途出错，已整个撤销，没有保存任何内容";

// A setting in force while this object lives; its destructor puts back what was before.
class ScopedSetting {
 public:
  virtual ~ScopedSetting() = default;
};

// One connection to the registry's database. SQL text is written once for both backends
// with $1, $2 ... placeholders; the SQLite backend rewrites them. Only src/store speaks SQL.
class Database {
 public:
  virtual ~Database() = default;

  virtual Backend backend() const = 0;
  // "SQLite ./shuanglian.db" or "PostgreSQL db.example:5432/shuanglian": for messages.
  virtual std::string Describe() const = 0;
  // The database's file, for what lives beside it (store/job_marks.h); empty on a server.
  virtual std::string FilePath() const { return ""; }

  virtual void Execute(std::string_view sql, Params params) = 0;
  virtual ResultSet Query(std::string_view sql, Params params) = 0;
  // Streams rows without holding the whole result (exports of a province). The visitor must
  // not use this connection, on either backend: no statement, no transaction, no bulk write
  // and no nested ForEachRow until ForEachRow returns. (PostgreSQL streams in libpq's
  // single-row mode, where a statement sent meanwhile would discard the rest of the rows
  // without an error.) Both backends refuse such a use with a StoreError, which ends the
  // stream as the visitor's own exceptions do. Look up what the visitor needs before the
  // loop, or collect the rows and query after it; another connection is another matter.
  virtual void ForEachRow(std::string_view sql, Params params,
                          const std::function<void(const RowView&)>& visit) = 0;
  virtual std::unique_ptr<Statement> Prepare(std::string_view sql) = 0;
  // Several statements separated by semicolons, without parameters: migrations.
  virtual void ExecuteScript(std::string_view sql) = 0;
  virtual std::unique_ptr<BulkWriter> BulkInsert(std::string_view table,
                                                 const std::vector<std::string>& columns) = 0;
  // The same, into a table emptied (TRUNCATE) earlier in this transaction and not in a
  // savepoint since, with no cursor open: PostgreSQL writes the rows frozen and visible to
  // every transaction (COPY FREEZE), so that no scan after the load rewrites each page to
  // mark its rows as committed and no VACUUM has to visit them. Elsewhere the rows are
  // written as by BulkInsert. Every backend and wrapper says which it does: none inherits
  // a plain insert by omission.
  virtual std::unique_ptr<BulkWriter> BulkInsertFrozen(std::string_view table,
                                                       const std::vector<std::string>& columns) = 0;
  // Inserts the rows that break no unique key and leaves the others alone; says per row
  // whether it went in. An import of new records thus pays for one index probe per key (the
  // insert's own) instead of a lookup and an insert. `key_column` names the column that
  // identifies a row (PostgreSQL reports inserted rows by it).
  virtual std::vector<bool> InsertNew(std::string_view table,
                                      const std::vector<std::string>& columns,
                                      std::size_t key_column,
                                      std::span<const std::vector<Param>> rows) = 0;

  virtual void Begin() = 0;
  // A transaction that only reads, every read seeing the database as one moment left it,
  // while others go on writing: REPEATABLE READ READ ONLY on PostgreSQL; on SQLite a deferred
  // transaction, whose snapshot (in WAL mode) is taken at its first read. Ended by Rollback.
  virtual void BeginReadSnapshot() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  virtual bool InTransaction() const = 0;
  // A savepoint in the open transaction (class Savepoint, which calls these): what is written
  // after it, a bulk writer dropped unfinished included, can be rolled back alone.
  virtual void OpenSavepoint() = 0;
  virtual void RollbackToSavepoint() = 0;
  virtual void ReleaseSavepoint() = 0;

  // Gives a long write (an import) more room: a bigger cache on SQLite.
  virtual void TuneForBulkLoad() {}

  // Settings for a first load (an import into an empty table), asked for outside any
  // transaction; they end with the returned object. On SQLite:
  // - Each new page is written straight into the database file, once, under a rollback
  //   journal (a page the file did not have needs no journal entry), instead of into the
  //   write-ahead log and again at the checkpoint. A crash still leaves the file as it was:
  //   the journal rolls back. Readers wait meanwhile, so this happens only when no other
  //   connection has the file open.
  // - Foreign keys are not checked row by row: the load has just looked up each row's
  //   parent itself, in the same transaction.
  // Null where nothing applies (PostgreSQL drops and re-adds its keys itself).
  virtual std::unique_ptr<ScopedSetting> PrepareFirstLoad() { return nullptr; }

  // A smaller page cache while the returned object lives, then the one before: for a phase
  // of a long write that reads little back, so that its memory can serve something else.
  // Null where the backend keeps no cache of its own in this process (PostgreSQL).
  virtual std::unique_ptr<ScopedSetting> LimitCache(std::size_t /*bytes*/) { return nullptr; }

  // Settings for building indexes over a whole table (the end of a first load), then the
  // ones before. Null where the backend needs none.
  virtual std::unique_ptr<ScopedSetting> TuneForIndexBuilds() { return nullptr; }

  // Settings for a connection that answers requests (the server's workers), not imports: on
  // PostgreSQL a lock held elsewhere for more than 10 s fails the request as busy (503)
  // instead of holding one of the few workers, and with them the whole server, for as long;
  // and a database server silent for `answer_deadline` (frozen, unreachable without a reset)
  // fails it as a lost connection (kConnection), the connection closed.
  virtual void TuneForRequests(std::chrono::milliseconds /*answer_deadline*/) {}

  // Is the connection still usable? (A PostgreSQL server may have restarted.)
  virtual bool Healthy() const { return true; }
  // Did this connection stop waiting for a silent server (TuneForRequests' deadline)? Such a
  // connection is not healthy either, but asking again on a new one would wait as long.
  virtual bool GaveUpWaiting() const { return false; }

  // A process-wide number that moves on whenever the data may have changed, so that an answer
  // computed after reading generation g may be given again while the generation is still g.
  // Every call looks for changes: this connection's own writes and commits by any other
  // connection, in this process or another (an import run from the command line). Nothing
  // when the backend cannot tell (PostgreSQL: other servers write unseen) or inside a
  // transaction (its own changes may still roll back, and its snapshot may be old).
  virtual std::optional<std::uint64_t> DataGeneration() { return std::nullopt; }

  // Whole-file copies (store/backup.h), for a database that is one file: SQLite. Elsewhere
  // they throw StoreError (kOther, RefuseWholeFile). Every backend and wrapper says which it
  // does: a wrapper that inherited a refusal would refuse a file it wraps.
  // Writes this database into a new file at `path`, page by page, as this connection sees it
  // (within its open read snapshot, if any; else as one moment leaves it); other connections
  // go on reading and writing. The copy keeps a rollback journal instead of a write-ahead
  // log, so that it stands alone as one file, and is on disk when this returns.
  virtual void CopyFileTo(const std::string& path) = 0;
  // Holds the file to this connection alone until it closes; refused (kBusy) while any other
  // connection, in any process, has it open.
  virtual void HoldAlone() = 0;
  // Replaces the whole of this database by the file at `path`, page by page, in one
  // transaction (a failure midway leaves it as it was). Only with the file held alone.
  virtual void ReplaceFileFrom(const std::string& path) = 0;

  void Execute(std::string_view sql, std::initializer_list<Param> params = {}) {
    Execute(sql, Params(params.begin(), params.size()));
  }
  ResultSet Query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Query(sql, Params(params.begin(), params.size()));
  }
};

// What a database that is not one file answers to CopyFileTo, HoldAlone and ReplaceFileFrom.
[[noreturn]] void RefuseWholeFile(const Database& database);

// The one transaction boundary: begun on construction, rolled back on destruction unless
// committed, so an exception anywhere in a request, a batch or a command leaves nothing
// half-written.
class Transaction {
 public:
  explicit Transaction(Database& database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void Commit();

 private:
  Database& database_;
  bool active_ = true;
};

// Reads in one snapshot (BeginReadSnapshot), ended on destruction: it writes nothing to keep.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& database);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& database_;
};

// A savepoint inside a Transaction: one part of a batch that succeeds or fails alone
// (a line of a sync upload). Rolled back to, unless released.
class Savepoint {
 public:
  explicit Savepoint(Database& database);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  void Release();

 private:
  Database& database_;
  bool active_ = true;
};

// Opens a database from `--db`: a postgresql:// URL or a file path (SQLite, created when
// missing). The schema is migrated on first use.
std::unique_ptr<Database> OpenDatabase(const std::string& target);
// The same for a connection that answers requests: tuned (TuneForRequests) before its first
// statement, so that opening it, which checks the migrations under a lock, is bounded too.
std::unique_ptr<Database> OpenRequestDatabase(const std::string& target,
                                              std::chrono::milliseconds answer_deadline);

// The schema migrated and the reference data in place, as OpenDatabase leaves a database:
// for one whose content was just replaced (a restore).
void BringUpToDate(Database& database);

// Opens without migrating: for `migrate` itself, which reports what it applies.
std::unique_ptr<Database> OpenUnmigrated(const std::string& target);

// Is `target` a PostgreSQL URL rather than a file?
bool IsPostgresUrl(std::string_view target);

}  // namespace shuanglian::store
