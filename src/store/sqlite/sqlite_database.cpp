#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <list>
#include <optional>
#include <thread>
#include <unordered_map>

#include "store/abandoned_writes.h"
#include "store/sqlite/sqlite_handles.h"
#include "store/sqlite/sqlite_pages.h"
#include "store/streaming_guard.h"

namespace shuanglian::store {

namespace {

// How long a write waits for another connection's lock before it gives up.
constexpr int kBusyTimeoutMs = 10000;
// Every connection's durability and integrity settings, which a first load changes for its
// duration (Database::PrepareFirstLoad) and puts back.
constexpr const char* kUsualSafety = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

void Bind(sqlite3* connection, sqlite3_stmt* statement, Params params) {
  const int expected = sqlite3_bind_parameter_count(statement);
  if (static_cast<std::size_t>(expected) != params.size()) {
    throw StoreError(StoreError::Kind::kOther, "参数个数不符: SQL 需要 " +
                                                   std::to_string(expected) + " 个，给了 " +
                                                   std::to_string(params.size()));
  }
  for (std::size_t index = 0; index < params.size(); ++index) {
    const Param& param = params[index];
    const int position = static_cast<int>(index) + 1;
    int code = SQLITE_OK;
    if (param.is_null()) {
      code = sqlite3_bind_null(statement, position);
    } else if (param.is_int()) {
      code = sqlite3_bind_int64(statement, position, param.as_int());
    } else if (param.is_double()) {
      code = sqlite3_bind_double(statement, position, param.as_double());
    } else {
      const std::string_view text = param.as_text();
      // SQLITE_STATIC: every statement runs to completion before the caller's text goes.
      code = sqlite3_bind_text64(statement, position, text.data(), text.size(), SQLITE_STATIC,
                                 SQLITE_UTF8);
    }
    if (code != SQLITE_OK) {
      Throw(connection, code, "bind");
    }
  }
}

Value ColumnValue(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return Value(static_cast<std::int64_t>(sqlite3_column_int64(statement, column)));
    case SQLITE_FLOAT:
      return Value(sqlite3_column_double(statement, column));
    case SQLITE_NULL:
      return Value();
    default: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      const int length = sqlite3_column_bytes(statement, column);
      return Value(std::string(text, static_cast<std::size_t>(length)));
    }
  }
}

// Runs a bound statement to the end, handing each row to `visit`; resets it afterwards so
// that a cached statement is ready for its next use.
// The visitor may take the row's values (a query keeps them without copying each text).
void Run(sqlite3* connection, sqlite3_stmt* statement,
         const std::function<void(std::vector<Value>&)>& visit) {
  struct Resetter {
    sqlite3_stmt* statement;
    ~Resetter() {
      sqlite3_reset(statement);
      sqlite3_clear_bindings(statement);
    }
  } resetter{statement};
  std::vector<Value> row;
  const int columns = sqlite3_column_count(statement);
  while (true) {
    const int code = sqlite3_step(statement);
    if (code == SQLITE_DONE) {
      return;
    }
    if (code != SQLITE_ROW) {
      Throw(connection, code, "step");
    }
    if (visit) {
      row.clear();
      row.reserve(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        row.push_back(ColumnValue(statement, column));
      }
      visit(row);
    }
  }
}

std::vector<std::string> ColumnNames(sqlite3_stmt* statement) {
  std::vector<std::string> names;
  const int columns = sqlite3_column_count(statement);
  for (int column = 0; column < columns; ++column) {
    names.emplace_back(sqlite3_column_name(statement, column));
  }
  return names;
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* connection, StatementHandle statement, const StreamingGuard& streaming)
      : connection_(connection), statement_(std::move(statement)), streaming_(streaming) {}

  void Execute(Params params) override {
    streaming_.Refuse(sqlite3_sql(statement_.get()));
    Bind(connection_, statement_.get(), params);
    Run(connection_, statement_.get(), nullptr);
  }

  ResultSet Query(Params params) override {
    streaming_.Refuse(sqlite3_sql(statement_.get()));
    Bind(connection_, statement_.get(), params);
    std::vector<std::vector<Value>> rows;
    Run(connection_, statement_.get(),
        [&](std::vector<Value>& row) { rows.push_back(std::move(row)); });
    return ResultSet(ColumnNames(statement_.get()), std::move(rows));
  }

 private:
  sqlite3* connection_;
  StatementHandle statement_;
  const StreamingGuard& streaming_;  // the connection's
};

// Each row is inserted as it comes. Dropped unfinished with rows appended inside a
// transaction, it says so (AbandonedWrites), as PostgreSQL's abandoned COPY does there: its
// rows cannot be taken back one by one, so the commit refuses them all.
class SqliteBulkWriter final : public BulkWriter {
 public:
  SqliteBulkWriter(std::unique_ptr<Statement> insert, sqlite3* connection,
                   AbandonedWrites& abandoned, const StreamingGuard& streaming)
      : insert_(std::move(insert)),
        connection_(connection),
        abandoned_(abandoned),
        streaming_(streaming) {}
  ~SqliteBulkWriter() override {
    if (sqlite3_get_autocommit(connection_) == 0) {
      unfinished_.Dropped(abandoned_);
    }
  }
  SqliteBulkWriter(const SqliteBulkWriter&) = delete;
  SqliteBulkWriter& operator=(const SqliteBulkWriter&) = delete;

  void Append(Params row) override {
    streaming_.Refuse("INSERT (BulkInsert)");  // before the row counts as appended
    unfinished_.Appended(abandoned_);
    insert_->Execute(row);
  }
  void Finish() override { unfinished_.Finished(); }

 private:
  std::unique_ptr<Statement> insert_;
  sqlite3* connection_;
  AbandonedWrites& abandoned_;
  const StreamingGuard& streaming_;
  UnfinishedRows unfinished_;
};

// The journal mode the connection is in after `pragma` ("PRAGMA journal_mode = ..."), or
// nothing when SQLite refused the change outright (another connection holds the file).
std::optional<std::string> SetJournalMode(sqlite3* connection, const char* pragma) {
  std::optional<std::string> mode;
  const auto read = [](void* out, int columns, char** values, char**) {
    if (columns > 0 && values[0] != nullptr) {
      *static_cast<std::optional<std::string>*>(out) = values[0];
    }
    return 0;
  };
  if (sqlite3_exec(connection, pragma, read, &mode, nullptr) != SQLITE_OK) {
    return std::nullopt;
  }
  return mode;
}

// A first load's settings (Database::PrepareFirstLoad); the connection's usual ones after.
class FirstLoadSettings final : public ScopedSetting {
 public:
  FirstLoadSettings(sqlite3* connection, bool journal)
      : connection_(connection), journal_(journal) {}
  ~FirstLoadSettings() override {
    if (journal_) {
      SetJournalMode(connection_, "PRAGMA journal_mode = WAL");
    }
    sqlite3_exec(connection_, kUsualSafety, nullptr, nullptr, nullptr);
  }
  FirstLoadSettings(const FirstLoadSettings&) = delete;
  FirstLoadSettings& operator=(const FirstLoadSettings&) = delete;

 private:
  sqlite3* connection_;
  bool journal_;  // the rollback journal replaced the log
};

// Settings changed for a while (Database::LimitCache, TuneForIndexBuilds); the ones before
// after.
class PragmasRestored final : public ScopedSetting {
 public:
  PragmasRestored(sqlite3* connection, std::string restore)
      : connection_(connection), restore_(std::move(restore)) {}
  ~PragmasRestored() override {
    sqlite3_exec(connection_, restore_.c_str(), nullptr, nullptr, nullptr);
  }
  PragmasRestored(const PragmasRestored&) = delete;
  PragmasRestored& operator=(const PragmasRestored&) = delete;

 private:
  sqlite3* connection_;
  std::string restore_;  // the PRAGMAs that put the earlier values back
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, ConnectionHandle connection)
      : path_(std::move(path)), connection_(std::move(connection)) {}

  ~SqliteDatabase() override {
    // Statements first: a connection with live statements does not close.
    cache_.clear();
    // Lets SQLite refresh its planner statistics where the data changed a lot (imports).
    sqlite3_exec(connection_.get(), "PRAGMA optimize", nullptr, nullptr, nullptr);
  }

  Backend backend() const override { return Backend::kSqlite; }
  std::string Describe() const override { return "SQLite " + path_; }
  std::string FilePath() const override { return path_; }

  void Execute(std::string_view sql, Params params) override {
    streaming_.Refuse(sql);
    sqlite3_stmt* statement = Cached(sql);
    Bind(connection_.get(), statement, params);
    Run(connection_.get(), statement, nullptr);
  }

  ResultSet Query(std::string_view sql, Params params) override {
    streaming_.Refuse(sql);
    sqlite3_stmt* statement = Cached(sql);
    Bind(connection_.get(), statement, params);
    std::vector<std::vector<Value>> rows;
    Run(connection_.get(), statement,
        [&](std::vector<Value>& row) { rows.push_back(std::move(row)); });
    return ResultSet(ColumnNames(statement), std::move(rows));
  }

  void ForEachRow(std::string_view sql, Params params,
                  const std::function<void(const RowView&)>& visit) override {
    // SQLite could run other statements between the rows, but PostgreSQL cannot: the visitor
    // may not use this connection on either backend (StreamingGuard), so that a test on
    // SQLite catches what would go wrong on PostgreSQL. Not from the cache: a one-off
    // statement (an export's) would push out the ones used again and again.
    streaming_.Refuse(sql);
    StatementHandle statement = PrepareHandle(sql);
    Bind(connection_.get(), statement.get(), params);
    const StreamingGuard::Scope streaming(streaming_, sql);
    Run(connection_.get(), statement.get(), [&](std::vector<Value>& row) { visit(RowView(row)); });
  }

  std::unique_ptr<Statement> Prepare(std::string_view sql) override {
    return std::make_unique<SqliteStatement>(connection_.get(), PrepareHandle(sql), streaming_);
  }

  void ExecuteScript(std::string_view sql) override {
    streaming_.Refuse(sql);
    const std::string text(sql);
    char* error = nullptr;
    const int code = sqlite3_exec(connection_.get(), text.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
      std::string message = error != nullptr ? error : sqlite3_errstr(code);
      sqlite3_free(error);
      if ((code & 0xFF) == SQLITE_NOTADB) {
        message = "文件不是 SQLite 数据库（" + message + "）";
      }
      throw StoreError(KindOf(code), "script: " + message);
    }
  }

  std::unique_ptr<BulkWriter> BulkInsert(std::string_view table,
                                         const std::vector<std::string>& columns) override {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string values;
    for (std::size_t index = 0; index < columns.size(); ++index) {
      sql += (index ? ", " : "") + columns[index];
      values += (index ? ", $" : "$") + std::to_string(index + 1);
    }
    sql += ") VALUES (" + values + ")";
    return std::make_unique<SqliteBulkWriter>(Prepare(sql), connection_.get(), abandoned_,
                                              streaming_);
  }
  // SQLite keeps no per-row visibility to mark later: frozen rows are plain rows.
  std::unique_ptr<BulkWriter> BulkInsertFrozen(std::string_view table,
                                               const std::vector<std::string>& columns) override {
    return BulkInsert(table, columns);
  }

  std::vector<bool> InsertNew(std::string_view table, const std::vector<std::string>& columns,
                              std::size_t key_column,
                              std::span<const std::vector<Param>> rows) override {
    (void)key_column;  // SQLite says per statement whether it inserted
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string values;
    for (std::size_t index = 0; index < columns.size(); ++index) {
      sql += (index ? ", " : "") + columns[index];
      values += (index ? ", $" : "$") + std::to_string(index + 1);
    }
    sql += ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
    streaming_.Refuse(sql);
    sqlite3_stmt* statement = Cached(sql);
    std::vector<bool> inserted;
    inserted.reserve(rows.size());
    for (const std::vector<Param>& row : rows) {
      Bind(connection_.get(), statement, row);
      Run(connection_.get(), statement, nullptr);
      inserted.push_back(sqlite3_changes(connection_.get()) > 0);
    }
    return inserted;
  }

  void Begin() override {
    ExecuteScript("BEGIN IMMEDIATE");
    abandoned_.Reset();
  }
  void BeginReadSnapshot() override {
    ExecuteScript("BEGIN DEFERRED");
    abandoned_.Reset();
  }
  void Commit() override {
    streaming_.Refuse("COMMIT");
    if (abandoned_.any()) {
      Rollback();
      throw StoreError(StoreError::Kind::kOther, kTransactionGivenUp);
    }
    ExecuteScript("COMMIT");
  }
  void Rollback() override {
    streaming_.Refuse("ROLLBACK");
    abandoned_.Reset();
    if (InTransaction()) {
      ExecuteScript("ROLLBACK");
    }
  }
  bool InTransaction() const override { return sqlite3_get_autocommit(connection_.get()) == 0; }
  void OpenSavepoint() override {
    ExecuteScript("SAVEPOINT line");
    abandoned_.SavepointOpened();
  }
  void RollbackToSavepoint() override {
    ExecuteScript("ROLLBACK TO SAVEPOINT line");
    abandoned_.SavepointRolledBack();
  }
  void ReleaseSavepoint() override {
    ExecuteScript("RELEASE SAVEPOINT line");
    abandoned_.SavepointReleased();
  }

  void CopyFileTo(const std::string& path) override {
    streaming_.Refuse("CopyFileTo");
    WritePagesTo(connection_.get(), path);
  }

  void HoldAlone() override { HoldFileAlone(connection_.get(), path_, kBusyTimeoutMs); }

  void ReplaceFileFrom(const std::string& path) override {
    streaming_.Refuse("ReplaceFileFrom");
    // Statements prepared for the pages replaced: SQLite would prepare them again for the
    // new schema, but one that no longer fits it would fail only when next used.
    cache_.clear();
    order_.clear();
    ReadPagesFrom(connection_.get(), path);
  }

  std::optional<std::uint64_t> DataGeneration() override {
    if (InTransaction()) {
      return std::nullopt;
    }
    // PRAGMA data_version moves when another connection (of this process or another) has
    // committed; the connection's own writes show in its count of changed rows instead.
    streaming_.Refuse("PRAGMA data_version");
    sqlite3_stmt* statement = Cached("PRAGMA data_version");
    std::int64_t data_version = 0;
    Run(connection_.get(), statement,
        [&](std::vector<Value>& row) { data_version = std::get<std::int64_t>(row.at(0)); });
    const std::int64_t changes = sqlite3_total_changes64(connection_.get());
    if (!seen_ || data_version != seen_->first || changes != seen_->second) {
      // Moved on before it is read: whoever reads the new number reads after the change.
      ++Generation();
      seen_.emplace(data_version, changes);
    }
    return Generation().load();
  }

  std::unique_ptr<ScopedSetting> PrepareFirstLoad() override {
    if (sqlite3_get_autocommit(connection_.get()) == 0) {
      return nullptr;  // neither pragma takes effect inside a transaction
    }
    // FULL: under a rollback journal NORMAL may leave a file damaged by a power cut (under
    // WAL it cannot); a first load syncs a handful of times, so FULL costs it little.
    ExecuteScript("PRAGMA foreign_keys = OFF; PRAGMA synchronous = FULL");
    // Leaving WAL needs the file to itself: with another connection open SQLite keeps WAL
    // (and says so in the mode it returns, or with an error), and the load goes through it.
    // No wait for the busy handler: the other connection may stay open for hours.
    sqlite3_busy_timeout(connection_.get(), 0);
    const std::optional<std::string> mode =
        SetJournalMode(connection_.get(), "PRAGMA journal_mode = DELETE");
    sqlite3_busy_timeout(connection_.get(), kBusyTimeoutMs);
    return std::make_unique<FirstLoadSettings>(connection_.get(), mode == "delete");
  }

  std::unique_ptr<ScopedSetting> LimitCache(std::size_t bytes) override {
    auto restore = std::make_unique<PragmasRestored>(connection_.get(), RestoreSql({"cache_size"}));
    ExecuteScript("PRAGMA cache_size = -" + std::to_string(bytes / 1024));
    return restore;
  }

  // An index build sorts its keys in runs the size of the page cache and merges the runs. A
  // small cache keeps each run within the processor's caches, and helper threads sort runs
  // while the next one is read: a million households' ID numbers took half the time, 3.5
  // million people's a third (in SQLite's shell, 8 MB and two threads against 192 MB and one).
  std::unique_ptr<ScopedSetting> TuneForIndexBuilds() override {
    auto restore =
        std::make_unique<PragmasRestored>(connection_.get(), RestoreSql({"cache_size", "threads"}));
    const unsigned helpers = std::clamp(std::thread::hardware_concurrency(), 1U, 4U);
    ExecuteScript("PRAGMA cache_size = -8192; PRAGMA threads = " + std::to_string(helpers));
    return restore;
  }

  // "PRAGMA a = 1; PRAGMA b = 2;": what puts the named settings back to their values now.
  std::string RestoreSql(std::initializer_list<const char*> pragmas) {
    std::string sql;
    for (const char* pragma : pragmas) {
      const std::int64_t value = Query(std::string("PRAGMA ") + pragma, {})[0].Int(0);
      sql += std::string("PRAGMA ") + pragma + " = " + std::to_string(value) + "; ";
    }
    return sql;
  }

  void TuneForBulkLoad() override {
    // 192 MB of page cache keeps the unique indexes of a million households in memory, and
    // checkpointing every 256 MB of WAL rather than every 4 MB writes a hot index page into
    // the database file once instead of once per batch.
    // Sorts that outgrow memory (a first load's index builds) go to temporary files rather
    // than staying in memory beside the cache, and the file is read through the cache alone
    // (not also mapped): an import's memory stays what the cache allows.
    ExecuteScript(
        "PRAGMA cache_size = -196608; PRAGMA wal_autocheckpoint = 65536; PRAGMA temp_store = FILE; "
        "PRAGMA mmap_size = 0");
  }

 private:
  StatementHandle PrepareHandle(std::string_view sql) {
    const std::string rewritten = RewritePlaceholdersForSqlite(sql);
    sqlite3_stmt* statement = nullptr;
    const int code =
        sqlite3_prepare_v3(connection_.get(), rewritten.c_str(), static_cast<int>(rewritten.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (code != SQLITE_OK) {
      Throw(connection_.get(), code, "prepare");
    }
    return StatementHandle(statement);
  }

  // Statements run through Execute/Query are kept, so repeated SQL is parsed once.
  sqlite3_stmt* Cached(std::string_view sql) {
    const std::string key(sql);
    if (const auto found = cache_.find(key); found != cache_.end()) {
      return found->second.get();
    }
    if (cache_.size() >= 256) {
      cache_.erase(order_.front());
      order_.pop_front();
    }
    StatementHandle statement = PrepareHandle(sql);
    sqlite3_stmt* raw = statement.get();
    cache_.emplace(key, std::move(statement));
    order_.push_back(key);
    return raw;
  }

  // One number for every connection of the process: the first look by any of them after a
  // change moves it on, so an answer kept under the old number is given no more.
  static std::atomic<std::uint64_t>& Generation() {
    static std::atomic<std::uint64_t> generation{1};
    return generation;
  }

  std::string path_;
  ConnectionHandle connection_;
  StreamingGuard streaming_;  // while a ForEachRow streams, nothing else runs
  std::unordered_map<std::string, StatementHandle> cache_;
  std::list<std::string> order_;
  // (data_version, total changes) at this connection's last look; none before the first.
  std::optional<std::pair<std::int64_t, std::int64_t>> seen_;
  AbandonedWrites abandoned_;
};

}  // namespace

std::string RewritePlaceholdersForSqlite(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t pos = 0; pos < sql.size(); ++pos) {
    const char c = sql[pos];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '$' && pos + 1 < sql.size() && sql[pos + 1] >= '0' && sql[pos + 1] <= '9') {
      out.push_back('?');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::unique_ptr<Database> OpenSqliteReadOnly(const std::string& path) {
  return std::make_unique<SqliteDatabase>(
      path, OpenConnection(path, SQLITE_OPEN_READONLY, kBusyTimeoutMs));
}

std::unique_ptr<Database> OpenSqlite(const std::string& path) {
  ConnectionHandle connection =
      OpenConnection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, kBusyTimeoutMs);
  auto database = std::make_unique<SqliteDatabase>(path, std::move(connection));
  try {
    // WAL: readers never wait for the writer; NORMAL sync keeps every committed transaction
    // across a process crash (an OS crash may lose the last few, never corrupt the file).
    database->ExecuteScript(std::string("PRAGMA journal_mode = WAL; ") + kUsualSafety +
                            " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
    // Reads straight from the operating system's page cache, shared by every connection of
    // the server, instead of a pread and a private copy of each page per connection: most of
    // the cost of reading households at random. Clamped to what the library allows.
    database->ExecuteScript("PRAGMA mmap_size = 4294967296;");
  } catch (const StoreError& error) {
    if (error.kind() == StoreError::Kind::kBusy) {
      // A first load holds the file to itself (Database::PrepareFirstLoad).
      throw StoreError(StoreError::Kind::kBusy, "数据库文件 " + path +
                                                    " 正被另一个程序独占写入（例如首次导入），"
                                                    "请等它完成后再试");
    }
    throw StoreError(StoreError::Kind::kConnection,
                     "无法使用数据库文件 " + path + "：" + error.what());
  }
  return database;
}

}  // namespace shuanglian::store
