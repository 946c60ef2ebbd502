#include "store/postgres/postgres_database.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/abandoned_writes.h"
#include "store/streaming_guard.h"

namespace shuanglian::store {

namespace {

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ConnectionHandle = std::unique_ptr<PGconn, ConnectionCloser>;
using ResultHandle = std::unique_ptr<PGresult, ResultClearer>;

// SQLSTATE classes: 23 integrity constraint, 40 transaction rollback (serialization,
// deadlock), 08 connection, 57P admin shutdown.
StoreError::Kind KindOf(const PGresult* result, PGconn* connection) {
  if (PQstatus(connection) == CONNECTION_BAD) {
    return StoreError::Kind::kConnection;
  }
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state != nullptr ? state : "";
  if (code.starts_with("23")) {
    return StoreError::Kind::kConstraint;
  }
  if (code.starts_with("40") || code == "55P03") {
    return StoreError::Kind::kBusy;
  }
  if (code.starts_with("08") || code.starts_with("57P")) {
    return StoreError::Kind::kConnection;
  }
  if (code.starts_with("42")) {
    return StoreError::Kind::kSchema;
  }
  return StoreError::Kind::kOther;
}

std::string Trimmed(const char* text) {
  std::string message = text != nullptr ? text : "";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

// Text parameters for libpq: numbers formatted, text passed as is (length given, so no
// terminator is needed), NULL as a null pointer.
class TextParams {
 public:
  explicit TextParams(Params params) {
    storage_.reserve(params.size());
    for (const Param& param : params) {
      if (param.is_null()) {
        storage_.emplace_back();
        values_.push_back(nullptr);
        lengths_.push_back(0);
      } else if (param.is_int()) {
        storage_.push_back(std::to_string(param.as_int()));
        values_.push_back(nullptr);
        lengths_.push_back(static_cast<int>(storage_.back().size()));
      } else if (param.is_double()) {
        storage_.push_back(std::to_string(param.as_double()));
        values_.push_back(nullptr);
        lengths_.push_back(static_cast<int>(storage_.back().size()));
      } else {
        if (param.as_text().find('\0') != std::string_view::npos) {
          // libpq takes text as C strings: a NUL would cut it silently.
          throw StoreError(StoreError::Kind::kOther,
                           "文本中含有空字符（\\0），PostgreSQL 无法保存");
        }
        storage_.emplace_back(param.as_text());
        values_.push_back(nullptr);
        lengths_.push_back(static_cast<int>(storage_.back().size()));
      }
    }
    for (std::size_t index = 0; index < params.size(); ++index) {
      if (!params[index].is_null()) {
        values_[index] = storage_[index].c_str();
      }
    }
  }
  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }

 private:
  std::vector<std::string> storage_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
};

std::vector<Value> ReadRow(const PGresult* result, int row) {
  const int columns = PQnfields(result);
  std::vector<Value> values;
  values.reserve(static_cast<std::size_t>(columns));
  for (int column = 0; column < columns; ++column) {
    if (PQgetisnull(result, row, column)) {
      values.emplace_back();
    } else {
      values.emplace_back(std::string(PQgetvalue(result, row, column),
                                      static_cast<std::size_t>(PQgetlength(result, row, column))));
    }
  }
  return values;
}

std::vector<std::string> ColumnNames(const PGresult* result) {
  std::vector<std::string> names;
  for (int column = 0; column < PQnfields(result); ++column) {
    names.emplace_back(PQfname(result, column));
  }
  return names;
}

// COPY text format: backslash, tab, newline and carriage return escaped; \N for NULL. Text
// without those characters, nearly all of it, is appended in one piece.
void AppendCopyField(std::string& line, const Param& param) {
  if (param.is_null()) {
    line += "\\N";
    return;
  }
  if (param.is_int()) {
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), param.as_int()).ptr;
    line.append(digits, end);
    return;
  }
  if (param.is_double()) {
    line += std::to_string(param.as_double());
    return;
  }
  const std::string_view text = param.as_text();
  std::size_t run = 0;  // start of the characters not yet appended
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    if (c != '\\' && c != '\t' && c != '\n' && c != '\r') {
      continue;
    }
    line.append(text.substr(run, index - run));
    line.push_back('\\');
    line.push_back(c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
    run = index + 1;
  }
  line.append(text.substr(run));
}

class PostgresDatabase;
class PostgresBulkWriter;

class PostgresStatement final : public Statement {
 public:
  PostgresStatement(PostgresDatabase& database, std::string sql)
      : database_(database), sql_(std::move(sql)) {}
  void Execute(Params params) override;
  ResultSet Query(Params params) override;

 private:
  PostgresDatabase& database_;
  std::string sql_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string description, ConnectionHandle connection)
      : description_(std::move(description)), connection_(std::move(connection)) {}

  Backend backend() const override { return Backend::kPostgres; }
  std::string Describe() const override { return "PostgreSQL " + description_; }

  void Execute(std::string_view sql, Params params) override { Run(sql, params); }

  ResultSet Query(std::string_view sql, Params params) override {
    ResultHandle result = Run(sql, params);
    std::vector<std::vector<Value>> rows;
    const int count = PQntuples(result.get());
    rows.reserve(static_cast<std::size_t>(count));
    for (int row = 0; row < count; ++row) {
      rows.push_back(ReadRow(result.get(), row));
    }
    return ResultSet(ColumnNames(result.get()), std::move(rows));
  }

  void ForEachRow(std::string_view sql, Params params,
                  const std::function<void(const RowView&)>& visit) override {
    streaming_.Refuse(sql);
    EndCopy();
    // Single-row mode streams a large result; the visitor may not use this connection
    // until the result is drained (a statement sent meanwhile would discard the rest of it
    // silently), so every use of the connection is refused while the rows are handed over.
    const TextParams text(params);
    const std::string statement(sql);
    // Single-row mode is asked for at once after the sending, as libpq requires, before what
    // was queued is flushed.
    const int sent = PQsendQueryParams(connection_.get(), statement.c_str(), text.count(), nullptr,
                                       text.values(), text.lengths(), nullptr, 0);
    if (!sent) {
      Fail(nullptr, "query");
    }
    if (!PQsetSingleRowMode(connection_.get())) {
      CutOff();  // a statement on its way that would not stream: not to be waited for
      Fail(nullptr, "query");
    }
    if (!Flushed(sent)) {
      Fail(nullptr, "query");
    }
    const StreamingGuard::Scope streaming(streaming_, sql);
    std::exception_ptr failure;
    while (PGresult* raw = NextResult()) {
      ResultHandle result(raw);
      const ExecStatusType status = PQresultStatus(raw);
      if (status == PGRES_SINGLE_TUPLE) {
        if (!failure) {
          try {
            const std::vector<Value> row = ReadRow(raw, 0);
            visit(RowView(row));
          } catch (...) {
            failure = std::current_exception();  // drain the rest before rethrowing
          }
        }
      } else if (status != PGRES_TUPLES_OK && !failure) {
        failure = std::make_exception_ptr(Error(raw, "query"));
      }
    }
    if (failure) {
      std::rethrow_exception(failure);
    }
  }

  std::unique_ptr<Statement> Prepare(std::string_view sql) override {
    return std::make_unique<PostgresStatement>(*this, std::string(sql));
  }

  void ExecuteScript(std::string_view sql) override {
    streaming_.Refuse(sql);
    EndCopy();
    const std::string text(sql);
    ResultHandle result = Exchange(PQsendQuery(connection_.get(), text.c_str()));
    Check(result, "script");
  }

  std::unique_ptr<BulkWriter> BulkInsert(std::string_view table,
                                         const std::vector<std::string>& columns) override;
  std::unique_ptr<BulkWriter> BulkInsertFrozen(std::string_view table,
                                               const std::vector<std::string>& columns) override;

  std::vector<bool> InsertNew(std::string_view table, const std::vector<std::string>& columns,
                              std::size_t key_column,
                              std::span<const std::vector<Param>> rows) override;

  void Begin() override {
    ExecuteScript("BEGIN");
    abandoned_.Reset();
  }
  // A lock wait ends before the deadline (so that it is told busy, not unavailable). A
  // statement given up on a live but slow server stops there too, within a second (every
  // connection has client_connection_check_interval: OpenPostgres).
  void TuneForRequests(std::chrono::milliseconds answer_deadline) override {
    const auto lock_wait =
        std::min<std::chrono::milliseconds>(std::chrono::seconds(10), answer_deadline / 2);
    ExecuteScript("SET lock_timeout = " + std::to_string(lock_wait.count()));
    // Sending does not block either: libpq queues what the socket will not take, and Flushed
    // sends it as the server reads, within the same deadline.
    PQsetnonblocking(connection_.get(), 1);
    answer_deadline_ = answer_deadline;
  }
  bool GaveUpWaiting() const override { return gave_up_; }
  void BeginReadSnapshot() override {
    ExecuteScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    abandoned_.Reset();
  }
  // PostgreSQL answers COMMIT of a transaction it gave up (a statement of it failed) with
  // ROLLBACK and no error: checked before and after, so a commit never reports success with
  // nothing saved. A bulk writer dropped unfinished gives the transaction up too
  // (AbandonedWrites), even when its few rows never left the client.
  void Commit() override {
    streaming_.Refuse("COMMIT");
    if (!abandoned_.any()) {
      EndCopy();
    }
    if (abandoned_.any() || PQtransactionStatus(connection_.get()) == PQTRANS_INERROR) {
      Rollback();
      throw StoreError(StoreError::Kind::kOther, kTransactionGivenUp);
    }
    ResultHandle result = Exchange(PQsendQuery(connection_.get(), "COMMIT"));
    Check(result, "commit");
    if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
      throw StoreError(StoreError::Kind::kOther, kTransactionGivenUp);
    }
  }
  void Rollback() override {
    streaming_.Refuse("ROLLBACK");
    abandoned_.Reset();
    AbandonCopy();  // a rollback stores nothing, the rows of a COPY in progress neither
    if (PQtransactionStatus(connection_.get()) != PQTRANS_IDLE) {
      ExecuteScript("ROLLBACK");
    }
  }
  bool InTransaction() const override {
    const auto status = PQtransactionStatus(connection_.get());
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
  }
  // ROLLBACK TO recovers a transaction a failed statement (an abandoned COPY's included) put
  // in error since the savepoint opened.
  void OpenSavepoint() override {
    ExecuteScript("SAVEPOINT line");
    abandoned_.SavepointOpened();
  }
  void RollbackToSavepoint() override {
    streaming_.Refuse("ROLLBACK TO SAVEPOINT");
    AbandonCopy();
    ExecuteScript("ROLLBACK TO SAVEPOINT line");
    abandoned_.SavepointRolledBack();
  }
  void ReleaseSavepoint() override {
    ExecuteScript("RELEASE SAVEPOINT line");
    abandoned_.SavepointReleased();
  }

  PGconn* connection() { return connection_.get(); }
  // A server's database is many files under the server's care: pg_dump and the like copy it.
  void CopyFileTo(const std::string& /*path*/) override { RefuseWholeFile(*this); }
  void HoldAlone() override { RefuseWholeFile(*this); }
  void ReplaceFileFrom(const std::string& /*path*/) override { RefuseWholeFile(*this); }

  bool Healthy() const override {
    return !cut_off_ && PQstatus(connection_.get()) == CONNECTION_OK;
  }

  // Runs a statement through a named prepared statement, prepared on first use, so repeated
  // SQL is parsed and planned once per connection.
  ResultHandle Run(std::string_view sql, Params params, bool replan = true) {
    streaming_.Refuse(sql);
    EndCopy();
    const std::string key(sql);
    auto found = prepared_.find(key);
    if (found == prepared_.end()) {
      if (prepared_.size() >= kMaxPrepared) {
        // IN lists of every length make many statements over a long import: start afresh.
        ResultHandle cleared = Exchange(PQsendQuery(connection_.get(), "DEALLOCATE ALL"));
        Check(cleared, "deallocate");
        prepared_.clear();
      }
      const std::string name = "s" + std::to_string(++prepared_serial_);
      ResultHandle prepared =
          Exchange(PQsendPrepare(connection_.get(), name.c_str(), key.c_str(), 0, nullptr));
      Check(prepared, "prepare");
      found = prepared_.emplace(key, name).first;
    }
    const TextParams text(params);
    const bool alone = PQtransactionStatus(connection_.get()) == PQTRANS_IDLE;
    ResultHandle result =
        Exchange(PQsendQueryPrepared(connection_.get(), found->second.c_str(), text.count(),
                                     text.values(), text.lengths(), nullptr, 0));
    if (PlanOutdated(result.get())) {
      // A migration run by another program (a newer server, `shuanglian migrate`) changed
      // what this statement returns, and PostgreSQL refuses to run the plan prepared before.
      // Every statement is prepared afresh (new names; the old ones end with the
      // connection). A statement run alone is run again at once; inside a transaction the
      // transaction is lost, and the caller is told to try again (busy).
      prepared_.clear();
      if (!alone || !replan) {
        throw StoreError(StoreError::Kind::kBusy, "数据库结构刚被更新，本次操作未完成，请重试：" +
                                                      Trimmed(PQresultErrorMessage(result.get())));
      }
      return Run(sql, params, false);
    }
    Check(result, "execute");
    return result;
  }

  static bool PlanOutdated(const PGresult* result) {
    if (result == nullptr || PQresultStatus(result) != PGRES_FATAL_ERROR) {
      return false;
    }
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    return state != nullptr && std::string_view(state) == "0A000" && message != nullptr &&
           std::string_view(message).starts_with("cached plan must not change result type");
  }

  // The next result of the statement sent, as PQgetResult gives it, or null when it has no
  // more. A request connection (TuneForRequests) waits for the server at most its deadline
  // of silence: a database server that stops answering while its connections stay open
  // (frozen, its machine swapping to death, a network that drops without a reset) would
  // otherwise hold the worker, and with the few workers the whole server, for good.
  PGresult* NextResult() {
    if (answer_deadline_) {
      PGconn* connection = connection_.get();
      auto until = std::chrono::steady_clock::now() + *answer_deadline_;
      while (PQisBusy(connection)) {
        const int ready = AwaitSocket(POLLIN, until);
        if (ready < 0 || !PQconsumeInput(connection)) {
          CutOff();
          break;  // PQgetResult reports the failure, without waiting
        }
        if (ready > 0) {
          until = std::chrono::steady_clock::now() + *answer_deadline_;  // it spoke
        }
      }
    }
    return PQgetResult(connection_.get());
  }

  // Waits for the socket to be ready for `events`, a tenth of a second at a time: what it is
  // ready for (0 when that tenth passed without), or -1 when it cannot be waited on; GiveUp
  // once `until` has passed. Short steps, for libpq is asked again after each: over TLS it
  // may hold bytes taken from the socket and not yet decrypted, which the socket no longer
  // shows.
  int AwaitSocket(short events, std::chrono::steady_clock::time_point until) {
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        GiveUp();
      }
      pollfd socket{PQsocket(connection_.get()), events, 0};
      const int ready = poll(&socket, 1, static_cast<int>(std::min<long>(left.count(), 100)));
      if (ready >= 0) {
        return ready == 0 ? 0 : socket.revents;
      }
      if (errno != EINTR) {
        return -1;
      }
    }
  }

  // What a PQsend*/PQput* call returned (1: queued), once what it queued has left. A request
  // connection does not block in the call (TuneForRequests): it sends here as the server
  // reads, and gives up on a server that takes nothing for its whole deadline, as NextResult
  // does on one that says nothing. A statement larger than the sockets' buffers would
  // otherwise wait without end on a frozen server. Other connections send in the call.
  int Flushed(int sent) {
    if (sent != 1 || !answer_deadline_) {
      return sent;
    }
    PGconn* connection = connection_.get();
    auto until = std::chrono::steady_clock::now() + *answer_deadline_;
    int pending = 0;
    while ((pending = PQflush(connection)) == 1) {
      // Readable too: the server may answer (an error) before it has read everything, and
      // libpq must take that in for the sending to go on.
      const int ready = AwaitSocket(POLLIN | POLLOUT, until);
      if (ready < 0 || ((ready & POLLIN) != 0 && !PQconsumeInput(connection))) {
        pending = -1;
        break;
      }
      if (ready > 0) {
        until = std::chrono::steady_clock::now() + *answer_deadline_;  // it took or said something
      }
    }
    if (pending != 0) {
      // Half a message may be left queued, and the statement counted as sent: the connection
      // cannot serve another, and is given up (the caller reports its error).
      CutOff();
      return 0;
    }
    return 1;
  }

  // Every result of a statement just sent (`sent` is what PQsend* returned), as PQexec
  // gives them: the first failure if any, otherwise the last; a COPY's start ends the wait.
  ResultHandle Exchange(int sent) {
    if (!Flushed(sent)) {
      return nullptr;  // Check reports the connection's error
    }
    ResultHandle kept;
    bool kept_failure = false;
    while (PGresult* raw = NextResult()) {
      ResultHandle result(raw);
      const ExecStatusType status = PQresultStatus(raw);
      if (!kept_failure) {
        kept = std::move(result);
        kept_failure = status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE;
      }
      if (status == PGRES_COPY_IN || PQstatus(connection_.get()) == CONNECTION_BAD) {
        break;
      }
    }
    return kept;
  }

  // The server said nothing for the whole deadline. Its answer, should it come, can no
  // longer be told from the next statement's: the connection is closed on our side (libpq
  // then finds it ended, and Healthy() says so), and the caller is told, as for a cut.
  [[noreturn]] void GiveUp() {
    gave_up_ = true;
    CutOff();
    while (PGresult* rest = PQgetResult(connection_.get())) {
      const ExecStatusType status = PQresultStatus(rest);
      PQclear(rest);
      if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
        break;  // still in a COPY: libpq would give the same again without end
      }
    }
    throw StoreError(StoreError::Kind::kNoAnswer,
                     "PostgreSQL " + description_ + " 超过 " +
                         std::to_string(answer_deadline_->count() / 1000) +
                         " 秒没有答复（数据库服务器可能停止响应），已断开此连接");
  }

  // Ends the connection on our side: the socket shut and libpq told (it reads the end, so it
  // reports the connection gone, a COPY in progress included), the statements it had prepared
  // forgotten. Healthy() says false from here, and the connection is not used again.
  void CutOff() {
    cut_off_ = true;
    shutdown(PQsocket(connection_.get()), SHUT_RDWR);
    PQconsumeInput(connection_.get());
    prepared_.clear();
  }

  void Check(const ResultHandle& result, std::string_view context) {
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) {
      return;
    }
    Fail(result.get(), context);
  }

  StoreError Error(const PGresult* result, std::string_view context) {
    std::string message = result != nullptr ? Trimmed(PQresultErrorMessage(result)) : "";
    if (message.empty()) {
      message = Trimmed(PQerrorMessage(connection_.get()));
    }
    if (PQstatus(connection_.get()) == CONNECTION_BAD) {
      // The server went away (restart, network): prepared statements died with it.
      prepared_.clear();
      return StoreError(StoreError::Kind::kConnection,
                        "与 PostgreSQL " + description_ + " 的连接中断：" + message);
    }
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return StoreError(KindOf(result, connection_.get()), std::string(context) + ": " + message,
                      state != nullptr && std::string_view(state) == "23503");
  }

  [[noreturn]] void Fail(const PGresult* result, std::string_view context) {
    throw Error(result, context);
  }

  // A connection in COPY runs nothing else. A statement asked for while a bulk writer has
  // rows on their way (a lookup between the rows of a first load) has them stored and the
  // COPY ended first, as SQLite's writer has stored its rows already; the next rows start
  // another COPY.
  void EndCopy();
  void AbandonCopy();
  PostgresBulkWriter* copying() const { return copying_; }
  void SetCopying(PostgresBulkWriter* writer) { copying_ = writer; }
  AbandonedWrites& abandoned() { return abandoned_; }
  // Throws while a ForEachRow streams on this connection (StreamingGuard).
  void RefuseWhileStreaming(std::string_view what) const { streaming_.Refuse(what); }

 private:
  StreamingGuard streaming_;
  PostgresBulkWriter* copying_ = nullptr;  // the writer with rows not yet stored, if any
  AbandonedWrites abandoned_;
  std::string description_;
  ConnectionHandle connection_;
  static constexpr std::size_t kMaxPrepared = 256;
  std::unordered_map<std::string, std::string> prepared_;
  std::uint64_t prepared_serial_ = 0;
  // How long a request connection waits for the server to say anything; none for others.
  std::optional<std::chrono::milliseconds> answer_deadline_;
  bool gave_up_ = false;
  bool cut_off_ = false;  // CutOff: ended on our side
};

void PostgresStatement::Execute(Params params) {
  database_.Run(sql_, params);
}

ResultSet PostgresStatement::Query(Params params) {
  return database_.Query(sql_, params);
}

// COPY ... FROM STDIN, with rows buffered into large messages.
class PostgresBulkWriter final : public BulkWriter {
 public:
  PostgresBulkWriter(PostgresDatabase& database, std::string table,
                     const std::vector<std::string>& columns, bool frozen = false)
      : database_(database) {
    sql_ = "COPY " + table + " (";
    for (std::size_t index = 0; index < columns.size(); ++index) {
      sql_ += (index ? ", " : "") + columns[index];
    }
    sql_ += frozen ? ") FROM STDIN WITH (FREEZE)" : ") FROM STDIN";
  }

  ~PostgresBulkWriter() override {
    if (database_.InTransaction()) {
      unfinished_.Dropped(database_.abandoned());
    }
    Abandon();
  }

  void Append(Params row) override {
    database_.RefuseWhileStreaming(sql_);
    unfinished_.Appended(database_.abandoned());
    if (database_.copying() != this) {
      database_.EndCopy();  // another writer's rows are stored first
      database_.SetCopying(this);
    }
    for (std::size_t index = 0; index < row.size(); ++index) {
      if (index > 0) {
        buffer_.push_back('\t');
      }
      AppendCopyField(buffer_, row[index]);
    }
    buffer_.push_back('\n');
    // Sent in messages of this size, the server stores rows while the next are made.
    if (buffer_.size() >= kMessageBytes) {
      Send();
    }
  }

  void Finish() override {
    EndCopy();
    unfinished_.Finished();
  }

  // Stores every row appended so far, ending the COPY: the connection is free for another
  // statement, and the next rows start another COPY.
  void EndCopy() {
    if (database_.copying() != this) {
      return;
    }
    try {
      Send();
      if (started_) {
        if (database_.Flushed(PQputCopyEnd(database_.connection(), nullptr)) != 1) {
          database_.Fail(nullptr, "copy end");
        }
        started_ = false;
        // Every result read before one is checked: the connection is free again either way.
        ResultHandle result(database_.NextResult());
        while (PGresult* extra = database_.NextResult()) {
          PQclear(extra);
        }
        database_.Check(result, "copy");
      }
    } catch (...) {
      Abandon();  // no row of it is sent again, and the connection is left out of COPY
      throw;
    }
    database_.SetCopying(nullptr);
  }

  // Left midway (an exception, a rollback): ends the COPY with an error, storing none of its
  // rows, so the connection is usable for the rollback that follows.
  void Abandon() {
    buffer_.clear();
    if (database_.copying() == this) {
      database_.SetCopying(nullptr);
    }
    if (!started_) {
      return;
    }
    started_ = false;
    try {
      database_.Flushed(PQputCopyEnd(database_.connection(), "abandoned"));
      while (PGresult* result = database_.NextResult()) {
        PQclear(result);
      }
    } catch (const StoreError&) {
      // The server stopped answering: the connection is closed, and the COPY with it.
    }
  }

 private:
  static constexpr std::size_t kMessageBytes = std::size_t{64} << 10;

  void Send() {
    if (buffer_.empty()) {
      return;
    }
    if (!started_) {
      ResultHandle result = database_.Exchange(PQsendQuery(database_.connection(), sql_.c_str()));
      database_.Check(result, "copy");
      started_ = true;
    }
    if (database_.Flushed(PQputCopyData(database_.connection(), buffer_.data(),
                                        static_cast<int>(buffer_.size()))) != 1) {
      database_.Fail(nullptr, "copy data");
    }
    buffer_.clear();
  }

  PostgresDatabase& database_;
  std::string sql_;
  std::string buffer_;
  // Rows appended and not yet stored make this writer the database's copying() one.
  bool started_ = false;  // a COPY is in progress
  UnfinishedRows unfinished_;
};

void PostgresDatabase::EndCopy() {
  if (copying_ != nullptr) {
    copying_->EndCopy();
  }
}

void PostgresDatabase::AbandonCopy() {
  if (copying_ != nullptr) {
    copying_->Abandon();
  }
}

std::unique_ptr<BulkWriter> PostgresDatabase::BulkInsert(std::string_view table,
                                                         const std::vector<std::string>& columns) {
  return std::make_unique<PostgresBulkWriter>(*this, std::string(table), columns);
}

std::unique_ptr<BulkWriter> PostgresDatabase::BulkInsertFrozen(
    std::string_view table, const std::vector<std::string>& columns) {
  return std::make_unique<PostgresBulkWriter>(*this, std::string(table), columns, true);
}

std::vector<bool> PostgresDatabase::InsertNew(std::string_view table,
                                              const std::vector<std::string>& columns,
                                              std::size_t key_column,
                                              std::span<const std::vector<Param>> rows) {
  std::vector<bool> inserted(rows.size(), false);
  if (rows.empty()) {
    return inserted;
  }
  // Rows go through COPY into a session-private staging table, then into the table in one
  // statement that skips every row breaking a unique key and names the ones it inserted.
  const std::string staging = "staging_" + std::string(table);
  std::string column_list;
  for (std::size_t index = 0; index < columns.size(); ++index) {
    column_list += (index ? ", " : "") + columns[index];
  }
  ExecuteScript("CREATE TEMP TABLE IF NOT EXISTS " + staging + " AS SELECT " + column_list +
                " FROM " + std::string(table) + " WITH NO DATA; TRUNCATE " + staging);
  {
    PostgresBulkWriter writer(*this, staging, columns);
    for (const std::vector<Param>& row : rows) {
      writer.Append(row);
    }
    writer.Finish();
  }
  const ResultSet keys =
      Query("INSERT INTO " + std::string(table) + " (" + column_list + ") SELECT " + column_list +
                " FROM " + staging + " ON CONFLICT DO NOTHING RETURNING " + columns[key_column],
            {});
  std::unordered_map<std::string, std::size_t> position;
  position.reserve(rows.size());
  for (std::size_t index = 0; index < rows.size(); ++index) {
    const Param& key = rows[index][key_column];
    position.emplace(key.is_int() ? std::to_string(key.as_int()) : std::string(key.as_text()),
                     index);
  }
  for (const RowView row : keys) {
    const auto found = position.find(row.Text(0));
    if (found != position.end()) {
      inserted[found->second] = true;
    }
  }
  return inserted;
}

std::string Describe(PGconn* connection) {
  return std::string(PQhost(connection) ? PQhost(connection) : "?") + ":" +
         (PQport(connection) ? PQport(connection) : "?") + "/" +
         (PQdb(connection) ? PQdb(connection) : "?");
}

// The libpq message, with a Chinese explanation of the usual causes in front.
std::string ExplainConnectionFailure(const std::string& message) {
  struct Cause {
    std::vector<std::string_view> signs;  // any of them in libpq's message
    std::string_view explanation;
  };
  // In this order: a missing root certificate "does not exist" too.
  static const std::vector<Cause> kCauses = {
      {{"password authentication failed", "no password supplied"}, "用户名或密码错误"},
      {{"certificate"},
       "TLS 证书验证未通过：用 sslrootcert=文件 指定签发服务器证书的根证书，或用 sslmode=require "
       "只加密不验证"},
      {{"does not support SSL"}, "数据库服务器不提供 TLS 加密连接，连接串却要求加密（sslmode）"},
      {{"no pg_hba.conf entry"},
       "数据库服务器不接受这个连接：它的访问规则（pg_hba.conf）里没有这台主机、这个用户和数据库的"
       "条目；若它只接受加密连接，在连接串后加 ?sslmode=require"},
      {{"does not exist"}, "数据库或用户不存在"},
      {{"Connection refused", "could not connect", "timeout expired",
        "could not translate host name", "No route to host"},
       "服务器无法连接"},
  };
  for (const Cause& cause : kCauses) {
    for (const std::string_view sign : cause.signs) {
      if (message.find(sign) != std::string::npos) {
        return std::string(cause.explanation) + "（" + message + "）";
      }
    }
  }
  return message;
}

}  // namespace

std::string RedactUrl(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) {
    return url;
  }
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) {
    return url;
  }
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::unique_ptr<Database> OpenPostgres(const std::string& url) {
  // connect_timeout bounds the wait on an unreachable host. libpq takes the keywords in
  // order, the last value of each kept: the URL comes last so that it may override both.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {"10", "shuanglian", url.c_str(), nullptr};
  ConnectionHandle connection(PQconnectdbParams(keywords, values, 1));
  if (!connection) {
    throw StoreError(StoreError::Kind::kConnection, "无法为 PostgreSQL 连接分配内存");
  }
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    // PQhost may be empty after a failure; name the target from the URL itself.
    throw StoreError(StoreError::Kind::kConnection,
                     "无法连接 PostgreSQL " + RedactUrl(url) + "：" +
                         ExplainConnectionFailure(Trimmed(PQerrorMessage(connection.get()))));
  }
  std::string description = Describe(connection.get());
  auto database = std::make_unique<PostgresDatabase>(std::move(description), std::move(connection));
  // Warnings such as "relation already exists, skipping" are not for the user's terminal.
  database->ExecuteScript("SET client_min_messages = warning; SET TIME ZONE 'Asia/Shanghai'");
  // The server looks every second, while a statement runs or waits for a lock, whether this
  // side is still there, and probes a silent peer after a minute (gone after two): a statement
  // a request gave up on (TuneForRequests), or one of a process that ended or whose machine
  // went away (a killed import, a server that stopped without waiting for it), is then stopped
  // and rolled back, and its locks and job mark (store/job_marks.h) let go, instead of running
  // on until it next speaks to the connection. Each setting best effort: a server that cannot
  // watch its sockets so (an older version, another platform) still serves.
  database->ExecuteScript(
      "DO $$ BEGIN "
      "BEGIN PERFORM set_config('client_connection_check_interval', '1000', false); "
      "EXCEPTION WHEN OTHERS THEN NULL; END; "
      "BEGIN PERFORM set_config('tcp_keepalives_idle', '60', false); "
      "PERFORM set_config('tcp_keepalives_interval', '10', false); "
      "PERFORM set_config('tcp_keepalives_count', '6', false); "
      "EXCEPTION WHEN OTHERS THEN NULL; END; "
      "END $$");
  return database;
}

}  // namespace shuanglian::store
